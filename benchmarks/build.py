"""How long the whole build takes: from a cold process, and per stage once the process is warm.

    python benchmarks/build.py [--runs 5]

Cold: ``editio build`` as a user runs it (a fresh interpreter each time: imports, schema and stylesheet
compilation, Typst's fonts), for the issue's set of outputs (validate, html, text, pdf) and for
the full default build (with metadata): from scratch (``--fresh``), and again with nothing changed
(the build cache replays every output). Warm: the same process building again, stage by stage.
Prints medians; the targets are cold ≤ 1.5 s (validate + html + text + pdf), html + text ≤ 0.3 s warm.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold_runs(arguments: list[str], runs: int) -> list[float]:
    command = [sys.executable, "-m", "editio"]
    timings = []
    with tempfile.TemporaryDirectory() as scratch:
        if "--fresh" not in arguments:  # fill the cache once, then time builds that find it full
            subprocess.run([*command, "build", "--out", scratch, *arguments], cwd=ROOT, check=True,
                           capture_output=True)
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([*command, "build", "--out", scratch, *arguments], cwd=ROOT, check=True,
                           capture_output=True)
            timings.append(time.perf_counter() - started)
    return timings


def warm_stages(runs: int) -> dict[str, list[float]]:
    from editio.build import build_edition
    from editio.builders import run_of
    from editio.edition import load_edition
    from editio.validation import validate_edition

    with tempfile.TemporaryDirectory() as scratch:
        build_edition(out=scratch, fresh=True)  # compiles everything once
    stages: dict[str, list[float]] = {}

    def timed(name: str, work) -> None:
        started = time.perf_counter()
        work()
        stages.setdefault(name, []).append(time.perf_counter() - started)

    for _ in range(runs):
        edition = load_edition()
        timed("load", lambda: load_edition())
        timed("validate", lambda: validate_edition(edition))
        for name in ("html", "text", "pdf", "metadata"):
            def render(name=name):
                with run_of(edition) as run:
                    for document in edition.texts:
                        list(run.take(name, document))
                    list(run.take(name))
            timed(name, render)
        with tempfile.TemporaryDirectory() as scratch:
            timed("whole build (in process)", lambda: build_edition(out=scratch, fresh=True))
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    median = lambda values: f"{statistics.median(values):.3f} s  (min {min(values):.3f}, max {max(values):.3f})"

    print(f"editio build, the letter and its register, {runs} runs each, medians")
    print("cold process (fresh interpreter, wall clock), from scratch (--fresh):")
    print(f"  validate + html + text + pdf    {median(cold_runs(['--fresh', '--only', 'html,text,pdf'], runs))}")
    print(f"  everything (with metadata)      {median(cold_runs(['--fresh'], runs))}")
    print("cold process, nothing changed since the last build (outputs replayed from build/.cache):")
    print(f"  validate + html + text + pdf    {median(cold_runs(['--only', 'html,text,pdf'], runs))}")
    print(f"  everything (with metadata)      {median(cold_runs([], runs))}")
    print("warm process, per stage:")
    stages = warm_stages(runs)
    for name, values in stages.items():
        print(f"  {name:<31} {median(values)}")
    html_text = [h + t for h, t in zip(stages["html"], stages["text"])]
    print(f"  {'html + text':<31} {median(html_text)}")
    if shutil.which("nproc"):
        cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
        print(f"(machine: {cores} cores)")


if __name__ == "__main__":
    main()
