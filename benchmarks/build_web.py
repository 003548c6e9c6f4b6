"""Timings of the web edition and the plain text (``editio build --only html,text``) on the letter.

    python benchmarks/build_web.py [--runs 10] [PATH]

Cold: a fresh Python process, from start to finished files, stage by stage (import, load, compile
each stylesheet, render, write). Warm: the same process building again, stylesheets compiled and the
edition index parsed (the median of --runs builds). Validation is left out: it is its own stage of
``editio build``, measured by the validator's benchmark. The target is html+text <= 0.3 s warm.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold_stages(path: str) -> dict[str, float]:
    """Run in a fresh process: the time each stage of a first build takes."""
    stages: dict[str, float] = {}
    started = last = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        stages[name] = now - last
        last = now

    from editio.build import BuildOptions, build_edition
    from editio.builders import run_of
    from editio.edition import load_edition
    from editio.transform import stylesheet
    lap("import editio")
    edition = load_edition([path])
    lap("load TEI")
    edition.saxon_index
    lap("parse edition index (Saxon)")
    stylesheet("html.xsl")
    lap("compile html.xsl")
    stylesheet("text.xsl")
    lap("compile text.xsl")
    from editio import metadata
    for name in ("bibtex", "ris", "csl-json", "jsonld", "mods", "oai_dc"):
        stylesheet(metadata.FORMATS[name].stylesheet)
    lap("compile the site's metadata crosswalks")
    options = BuildOptions()
    for name in ("html", "text"):
        with run_of(edition, options) as run:
            outputs = [o for d in edition.texts for o in run.take(name, d)]
            outputs += list(run.take(name))
        lap(f"render {name} ({len(outputs)} files)")
    with tempfile.TemporaryDirectory() as out:
        build_edition([path], out=out, only=["html", "text"], validate=False)
    lap("build_edition html+text (warm-up included, writes files)")
    stages["total in process"] = time.perf_counter() - started
    return stages


def warm(path: str, runs: int) -> dict[str, float]:
    from editio.build import build_edition
    from editio.edition import load_edition

    times: dict[str, list[float]] = {"html+text": [], "html": [], "text": []}
    with tempfile.TemporaryDirectory() as out:
        build_edition([path], out=out, only=["html", "text"], validate=False)  # compile and warm up
        for _ in range(runs):
            for only in times:
                started = time.perf_counter()
                build_edition([path], out=out, only=only.split("+"), validate=False)
                times[only].append(time.perf_counter() - started)
    load_edition([path])
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(ROOT / "tei"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cold-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        print(json.dumps(cold_stages(args.path)))
        return

    started = time.perf_counter()
    child = subprocess.run([sys.executable, __file__, "--cold-child", args.path],
                           capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    print(f"cold (a fresh process), {args.path}")
    for stage, seconds in json.loads(child.stdout.strip().splitlines()[-1]).items():
        print(f"  {stage:<58} {seconds:7.3f} s")
    print(f"  {'wall, interpreter start to exit':<58} {wall:7.3f} s")
    print(f"warm (median of {args.runs} builds in one process, files written)")
    for name, seconds in warm(args.path, args.runs).items():
        print(f"  {name:<58} {seconds:7.3f} s")


if __name__ == "__main__":
    main()
