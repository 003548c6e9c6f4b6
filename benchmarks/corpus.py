"""editio at corpus scale: build and validation time, peak memory, linearity, one-letter rebuilds.

    python benchmarks/corpus.py [--synthetic 10000] [--skip-stylesheets] [--skip-synthetic] [--rebuild-only]

Prints, each from a cold process (``python -m editio`` as a user runs it):
(a) the Tillich correspondence (``../shared/corpora/tillich-briefe/letters``, 1,330 real letters):
    ``build --only html,text,metadata`` from scratch, time and peak memory of the whole process tree;
    the same after one letter changed (the per-document cache rebuilds that letter and the corpus
    pages); ``validate`` with the edition's own RELAX NG and Schematron;
(b) a synthetic corpus made by ``generate_corpus.py`` at a quarter, a half and all of ``--synthetic``
    letters, so that growth can be seen to be linear;
(c) the TEI Consortium's Stylesheets (Java Saxon) doing HTML + text of (a) in the same run
    (``../shared/anchors/stylesheets-corpus.sh``, Debian's ``libsaxonhe-java``), and the ratio.
Targets (2 cores): (a) ≤ 20 s, ≤ 1 GB, ≤ 0.25 × the Stylesheets; (b) 10,000 letters ≤ 150 s, ≤ 1.5 GB;
one changed letter ≤ 1.5 s. Each build also prints its stages (``build --verbose``: load, facts,
documents, edition-wide files, cache entries, switch, …) and the load average before it, since the
machine may be shared. ``--rebuild-only`` measures only the one-letter rebuild of (a) (a short run);
``--warm`` adds it in a process that has built before, as ``serve --watch`` rebuilds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TILLICH = SHARED / "corpora" / "tillich-briefe"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _tree_rss(pid: int) -> tuple[int, int, int]:
    """Resident memory of a process and all its descendants, of the process alone, and of its largest
    descendant (a worker), in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, largest, stack = 0, 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        if current != pid:
            largest = max(largest, rss.get(current, 0))
        stack.extend(children.get(current, []))
    return total, rss.get(pid, 0), largest


# The peaks of the last ``run``'s own process and of its largest worker, in bytes: where the memory is.
LAST_PEAKS = {"parent": 0, "worker": 0}


def run(command: list[str], cwd: Path = ROOT) -> tuple[float, int, subprocess.CompletedProcess]:
    """Run ``command``; returns wall seconds, peak RSS of its process tree, and the result."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    LAST_PEAKS.update(parent=0, worker=0)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            total, own, worker = _tree_rss(process.pid)
            peak = max(peak, total)
            LAST_PEAKS.update(parent=max(LAST_PEAKS["parent"], own), worker=max(LAST_PEAKS["worker"], worker))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return seconds, peak, subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def editio(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "editio", *arguments]


def report(label: str, seconds: float, peak: int, result: subprocess.CompletedProcess) -> None:
    status = "ok" if result.returncode == 0 else f"exit {result.returncode}"
    print(f"{label:<58} {seconds:8.2f} s  {peak / 2**20:7.0f} MB  {status}", flush=True)
    if result.returncode not in (0, 1):
        print("   " + (result.stderr.strip().splitlines() or ["(no message)"])[-1])
    for line in result.stdout.splitlines():
        if line.startswith("stages: "):
            print("   " + line, flush=True)


def load_average() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average unknown"


def _build_flags() -> list[str]:
    """``--keep-going`` (the Tillich letters include unreadable ones), and ``--force`` where the build
    has it (an output folder it did not make is refused without it)."""
    help_text = subprocess.run(editio("build", "--help"), capture_output=True, text=True).stdout
    return ["--keep-going", *(["--force"] if "--force" in help_text else [])]


def build_corpus(label: str, source: Path, out: Path) -> float:
    print(f"   ({load_average()})")
    seconds, peak, result = run(editio("build", str(source), "--out", str(out), "--only",
                                       "html,text,metadata", "--no-validate", "--fresh", "--verbose",
                                       *_build_flags()))
    report(label, seconds, peak, result)
    print(f"   peak of the parent process {LAST_PEAKS['parent'] / 2**20:.0f} MB, "
          f"of the largest worker {LAST_PEAKS['worker'] / 2**20:.0f} MB")
    for line in [line for line in result.stdout.strip().splitlines() if not line.startswith("stages:")][-3:]:
        print("   " + line)
    return seconds


def one_letter_changed(source: Path, out: Path) -> None:
    """Copy the corpus, build it, change one letter's text, and time the rebuild."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "letters"
        shutil.copytree(source, copy)
        run(editio("build", str(copy), "--out", str(out), "--only", "html,text,metadata", "--no-validate",
                   *_build_flags()))
        letter = sorted(copy.glob("*.xml"))[len(list(copy.glob("*.xml"))) // 2]
        text = letter.read_text(encoding="utf-8")
        for attempt in (1, 2):  # the second: the first may still share the disk with the retired build's removal
            text = text.replace("</p>", f" (changed {attempt})</p>", 1)
            letter.write_text(text, encoding="utf-8")
            print(f"   ({load_average()})")
            seconds, peak, result = run(editio("build", str(copy), "--out", str(out), "--only",
                                               "html,text,metadata", "--no-validate", "--verbose", *_build_flags()))
            report(f"  one letter changed ({letter.name}), rebuild {attempt}", seconds, peak, result)


WARM_REBUILD = """
import sys, time
from pathlib import Path
from editio.build import build_edition
letters, out, letter = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
build = lambda: build_edition([letters], out=out, only=["html", "text", "metadata"], validate=False, keep_going=True)
build()  # warms the process: Saxon started, stylesheets compiled, as in `editio serve --watch`
for attempt in (1, 2):
    letter.write_text(letter.read_text(encoding="utf-8").replace("</p>", f" (warm {attempt})</p>", 1), encoding="utf-8")
    started = time.perf_counter()
    report = build()
    stages = ", ".join(f"{k} {v:.2f} s" if isinstance(v, float) else f"{k} {v}" for k, v in report.stages.items())
    print(f"{time.perf_counter() - started:.2f} {stages}", flush=True)
"""


def warm_rebuild(source: Path, out: Path) -> None:
    """The one-letter rebuild in a process that has built before (what `serve --watch` does)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "letters"
        shutil.copytree(source, copy)
        letter = sorted(copy.glob("*.xml"))[len(list(copy.glob("*.xml"))) // 2]
        print(f"   ({load_average()})")
        seconds, peak, result = run([sys.executable, "-c", WARM_REBUILD, str(copy), str(out), str(letter)])
        for attempt, line in enumerate(result.stdout.strip().splitlines(), start=1):
            took, _, stages = line.partition(" ")
            print(f"  one letter changed ({letter.name}), warm process, rebuild {attempt}: {float(took):8.2f} s")
            print(f"   stages: {stages}")
        if result.returncode:
            print("   " + (result.stderr.strip().splitlines() or ["(no message)"])[-1])
        print(f"   (peak memory of that process, its base build included: {peak / 2**20:.0f} MB)")


def _well_formed(source: Path, folder: Path) -> Path:
    """Links to the well-formed letters of ``source``: Saxon's directory mode stops the script (set -e)
    at the first malformed one, before the text output, which would flatter the yardstick."""
    from lxml import etree
    folder.mkdir()
    for letter in sorted(source.glob("*.xml")):
        try:
            etree.parse(str(letter), etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            continue
        (folder / letter.name).symlink_to(letter)
    return folder


def stylesheets(source: Path) -> float | None:
    script = SHARED / "anchors" / "stylesheets-corpus.sh"
    if not Path("/usr/share/java/Saxon-HE.jar").exists():
        print("TEI Stylesheets: skipped (needs Debian's libsaxonhe-java)")
        return None
    with tempfile.TemporaryDirectory() as scratch:
        letters = _well_formed(source, Path(scratch) / "letters")
        seconds, peak, result = run(["bash", str(script), str(letters), str(Path(scratch) / "out")])
        count = len(list(letters.iterdir()))
    report(f"(c) TEI Stylesheets on Java Saxon, HTML + text ({count} well-formed)", seconds, peak, result)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=10_000, help="letters in the largest synthetic corpus")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--skip-stylesheets", action="store_true")
    parser.add_argument("--rebuild-only", action="store_true", help="only the one-letter rebuild of (a)")
    parser.add_argument("--warm", action="store_true", help="with --rebuild-only: also in a warm process")
    arguments = parser.parse_args()
    if arguments.rebuild_only:
        with tempfile.TemporaryDirectory() as scratch:
            one_letter_changed(TILLICH / "letters", Path(scratch) / "tillich-copy")
            if arguments.warm:
                warm_rebuild(TILLICH / "letters", Path(scratch) / "tillich-warm")
        return
    from generate_corpus import write_corpus

    print(f"{os.cpu_count()} cores; cold processes; time and peak memory of the whole process tree\n")
    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        if TILLICH.exists():
            letters = TILLICH / "letters"
            count = len(list(letters.glob("*.xml")))
            ours = build_corpus(f"(a) Tillich, {count} letters: html + text + metadata", letters,
                                scratch_dir / "tillich")
            one_letter_changed(letters, scratch_dir / "tillich-copy")
            seconds, peak, result = run(editio(
                "validate", str(letters), "--rng", str(TILLICH / "schema" / "tillich-briefe.rng"),
                "--schema", str(TILLICH / "schema" / "tillich-schematron.sch"), "--format", "json"))
            report("  validate with the edition's RELAX NG and Schematron", seconds, peak, result)
            if not arguments.skip_stylesheets:
                theirs = stylesheets(letters)
                if theirs:
                    print(f"  ratio editio / Stylesheets: {ours / theirs:.2f} (target ≤ 0.25)")
        else:
            print(f"(a) skipped: {TILLICH} is absent")
        if not arguments.skip_synthetic:
            timings = []
            for size in (arguments.synthetic // 4, arguments.synthetic // 2, arguments.synthetic):
                corpus = write_corpus(scratch_dir / f"synthetic-{size}", size)
                seconds = build_corpus(f"(b) synthetic, {size} letters: html + text + metadata", corpus,
                                       scratch_dir / f"synthetic-{size}-out")
                timings.append((size, seconds))
                shutil.rmtree(corpus)
            (small, first), (large, last) = timings[0], timings[-1]
            print(f"  growth: {large / small:.0f}× the letters took {last / first:.1f}× the time")


if __name__ == "__main__":
    main()
