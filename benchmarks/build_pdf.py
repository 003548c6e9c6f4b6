"""Timings of the print edition (Typst, in-process) against the targets of the Typst issue.

    python benchmarks/build_pdf.py [--runs 3] [--corpus-limit N] [--workers 2]

1. Cold: a fresh Python process that validates and builds html + text + pdf of the letter
   (``build_edition(..., only=[html, text, pdf], fresh=True)``), against the TEI Consortium's
   Stylesheets pipeline on the same letter (../shared/anchors/stylesheets-all.sh: HTML, text and
   XSL-FO → FOP PDF on Saxon/Java), in the same run. Targets: <= 1.0 s and <= 0.2 × the anchor.
2. Warm: the letter's PDF alone (XSLT + Typst) in a process that has made it once. Target <= 0.15 s.
3. Corpus: a PDF for each letter of ../shared/corpora/tillich-briefe/letters, in a process pool.
   Target: all 1,330 in <= 60 s on 2 cores.
Medians of --runs; the machine's load is printed, since it is shared.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LETTER = ROOT / "tei" / "letter-to-the-workers-of-western-europe.xml"
CORPUS = SHARED / "corpora" / "tillich-briefe" / "letters"
ANCHOR = SHARED / "anchors" / "stylesheets-all.sh"

COLD_BUILD = """
import sys, tempfile
from editio.build import build_edition
with tempfile.TemporaryDirectory() as out:
    build_edition(['tei'], out=out, only=['html', 'text', 'pdf'], fresh=True)
"""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wall(command: list[str], **kwargs) -> tuple[float, float]:
    """Wall and CPU seconds of a command: on a shared machine the CPU time says what the work costs,
    the wall time what the load made of it."""
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - started, children_cpu() - cpu


def cold(runs: int) -> None:
    ours, theirs = [], []
    anchor_works = True
    for _ in range(runs):
        ours.append(wall([sys.executable, "-c", COLD_BUILD], cwd=ROOT))
        if ANCHOR.exists() and anchor_works:
            with tempfile.TemporaryDirectory() as out:
                try:
                    theirs.append(wall(["bash", str(ANCHOR), str(LETTER), out]))
                except subprocess.CalledProcessError:
                    # The subset of the Stylesheets in ../shared lacks i18n.xml, which their HTML and
                    # FO stylesheets read for some of the letter's structures (a group of texts).
                    anchor_works = False
                    print("(the Stylesheets anchor fails on this letter: "
                          "../shared/anchors/stylesheets-all.sh exits non-zero; no ratio)")
    mine, mine_cpu = (statistics.median(run[index] for run in ours) for index in (0, 1))
    print(f"cold process, validate + html + text + pdf of the letter: {mine:.2f} s wall, {mine_cpu:.2f} s CPU "
          f"(target <= 1.0 s)")
    if theirs:
        anchor, anchor_cpu = (statistics.median(run[index] for run in theirs) for index in (0, 1))
        print(f"TEI Stylesheets pipeline (html + text + XSL-FO/FOP pdf), same run: {anchor:.2f} s wall, "
              f"{anchor_cpu:.2f} s CPU; ratio {mine / anchor:.2f} wall, {mine_cpu / anchor_cpu:.2f} CPU (target <= 0.2)")
    elif not ANCHOR.exists():
        print("(the Stylesheets anchor is not available: ../shared/anchors/stylesheets-all.sh)")


def warm(runs: int) -> None:
    from editio.builders import pdf, run_of
    from editio.edition import load_edition

    edition = load_edition([ROOT / "tei"])
    document = next(d for d in edition.texts if d.path.resolve() == LETTER)
    with run_of(edition) as run:
        list(run.take("pdf", document))
    stages = {"xslt": [], "typst": [], "total": [], "cpu": []}
    for _ in range(max(runs, 3)):
        cpu = time.process_time()
        started = time.perf_counter()
        markup = pdf.render_markup(edition, document)
        middle = time.perf_counter()
        pdf.typeset(markup.content, edition.config.pdf.page_size, edition.config.pdf.variant)
        done = time.perf_counter()
        stages["xslt"].append(middle - started)
        stages["typst"].append(done - middle)
        stages["total"].append(done - started)
        stages["cpu"].append(time.process_time() - cpu)
    figures = {name: statistics.median(values) for name, values in stages.items()}
    print(f"the letter's PDF alone, warm process: {figures['total']:.3f} s wall, {figures['cpu']:.3f} s CPU "
          f"(target <= 0.15 s): XSLT {figures['xslt']:.3f} s, Typst {figures['typst']:.3f} s")


def _letter_pdf(path: str) -> int | str | None:
    """The bytes of a letter's PDF; None when editio refuses the letter (not well-formed); the
    error when the PDF could not be made."""
    from editio.builders import run_of
    from editio.edition import load_edition
    from editio.errors import EditioError

    try:
        edition = load_edition([path])
    except EditioError:
        return None
    try:
        with run_of(edition) as run:
            return sum(len(output.content) for document in edition.texts for output in run.take("pdf", document))
    except EditioError as error:
        return f"{Path(path).name}: {error}"


def corpus(limit: int | None, workers: int) -> None:
    if not CORPUS.is_dir():
        print("(the corpus is not available: ../shared/corpora/tillich-briefe/letters)")
        return
    letters = sorted(str(path) for path in CORPUS.glob("*.xml"))[:limit]
    started, cpu = time.perf_counter(), children_cpu()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        sizes = list(pool.map(_letter_pdf, letters, chunksize=16))
    seconds, cpu = time.perf_counter() - started, children_cpu() - cpu
    written = sum(size for size in sizes if isinstance(size, int))
    refused = sum(size is None for size in sizes)
    failed = [size for size in sizes if isinstance(size, str)]
    print(f"a PDF for each of {len(letters)} Tillich letters, {workers} processes: {seconds:.1f} s wall, "
          f"{cpu:.1f} s CPU ({cpu / len(letters) * 1000:.0f} ms CPU a letter, so {cpu / workers:.1f} s on "
          f"{workers} idle cores; {written / 2**20:.0f} MB; {refused} refused as not well-formed; "
          f"{len(failed)} failed; target: 1,330 in <= 60 s)")
    for failure in failed[:5]:
        print(f"  failed: {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus-limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--parts", default="cold,warm,corpus", help="which of cold, warm, corpus to run")
    arguments = parser.parse_args()
    parts = arguments.parts.split(",")
    os.chdir(ROOT)
    if "cold" in parts:
        cold(arguments.runs)
    if "warm" in parts:
        warm(arguments.runs)
    if "corpus" in parts:
        corpus(arguments.corpus_limit, arguments.workers)
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else "?"
    print(f"(machine: {os.cpu_count()} cores; load average {' '.join(load)})")


if __name__ == "__main__":
    main()
