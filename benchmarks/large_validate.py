"""How validation time grows with a document's size: the letter's body repeated into TEI files of
the sizes asked for (default 5, 20, 50 MB), each validated in a fresh process, in one run.

    python benchmarks/large_validate.py [--sizes 5 20 50] [--keep DIR]

Each copy of the body gets its own ids (``-c<N>`` added), with the pointers inside it renamed to
match, so that the document stays valid and every rule runs as on a real edition. Prints wall-clock
and CPU seconds (the child's user + system time: on a busy shared machine the steadier figure), and
CPU seconds per MB: a linear validator keeps that last figure flat. The target (issue 13): 50 MB
in at most 60 s.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "tei" / "letter-to-the-workers-of-western-europe.xml"

VALIDATE = """
import sys, time
started = time.perf_counter()
from editio.validation import validate_paths
report = validate_paths([sys.argv[1]])
print(f"{time.perf_counter() - started:.2f}\\t{report.summary()}")
"""


def generate(target: Path, megabytes: float) -> Path:
    """A copy of the edition whose letter is ``megabytes`` large (its body repeated)."""
    text = LETTER.read_text(encoding="utf-8")
    start, end = text.index("<body>") + len("<body>"), text.index("</body>")
    body = text[start:end]
    local_ids = set(re.findall(r'xml:id="([^"]+)"', body))
    copies, size, number = [], len(text.encode()), 0
    while size < megabytes * 2**20:
        number += 1
        copy = re.sub(r'xml:id="([^"]+)"', lambda m: f'xml:id="{m[1]}-c{number}"', body)
        copy = re.sub(r'"#([^"\s]+)"', lambda m: f'"#{m[1]}-c{number}"' if m[1] in local_ids else m[0], copy)
        copies.append(copy)
        size += len(copy.encode())
    edition = target / f"edition-{megabytes:g}mb"
    shutil.copytree(ROOT / "tei", edition / "tei")
    (edition / "schema").symlink_to(ROOT / "schema")
    shutil.copy(ROOT / "editio.toml", edition)
    (edition / "editio.toml").write_text((ROOT / "editio.toml").read_text().replace(
        'output = "build"', 'output = "build"\nmax_source_mb = 256'))
    (edition / "tei" / LETTER.name).write_text(text[:start] + body + "".join(copies) + text[end:], encoding="utf-8")
    return edition


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[5, 20, 50])
    parser.add_argument("--keep", type=Path, help="generate the editions here and keep them")
    arguments = parser.parse_args()
    place = arguments.keep or Path(tempfile.mkdtemp(prefix="editio-large-"))
    try:
        print(f"{'MB':>6} {'wall s':>8} {'CPU s':>8} {'CPU s/MB':>9}  result")
        for megabytes in arguments.sizes:
            edition = generate(place, megabytes)
            actual = (edition / "tei" / LETTER.name).stat().st_size / 2**20
            started, before = time.perf_counter(), _children_cpu()
            run = subprocess.run([sys.executable, "-c", VALIDATE, str(edition / "tei")], cwd=edition,
                                 capture_output=True, text=True)
            seconds, cpu = time.perf_counter() - started, _children_cpu() - before
            summary = run.stdout.strip().split("\t")[-1] if run.returncode == 0 else run.stderr.strip()[-200:]
            print(f"{actual:6.1f} {seconds:8.1f} {cpu:8.1f} {cpu / actual:9.2f}  {summary}", flush=True)
    finally:
        if arguments.keep is None:
            shutil.rmtree(place, ignore_errors=True)


if __name__ == "__main__":
    main()
