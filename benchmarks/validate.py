"""How long validating the whole edition takes: cold (a fresh process) and warm (schemas already compiled).

    python benchmarks/validate.py [PATH ...] [--runs N]

Cold is one fresh interpreter, timed from before editio is imported: imports, loading the documents,
compiling every schema they declare (XSD, Schematron) and validating; and, separately, the whole
``editio validate`` command as a user runs it. Warm is the median of repeated ``validate_paths`` calls in
one process, each loading and validating the edition again (the schemas are compiled once per process).
The target is a warm figure well under one second.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COLD = """
import sys, time
started = time.perf_counter()
from editio.validation import validate_paths
report = validate_paths(sys.argv[1:])
print(time.perf_counter() - started, report.summary(), sep="\\t")
"""


def cold(paths: list[str]) -> tuple[float, str]:
    output = subprocess.run([sys.executable, "-c", COLD, *paths], cwd=ROOT, capture_output=True, text=True, check=True)
    seconds, summary = output.stdout.strip().split("\t")
    return float(seconds), summary


def command(paths: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "editio", "validate", *paths], cwd=ROOT, capture_output=True,
                   check=False)  # exit 1 (invalid) is a result to time, not a failure
    return time.perf_counter() - started


def warm(paths: list[str], runs: int) -> list[float]:
    from editio.validation import validate_paths
    validate_paths(paths)  # compiles the schemas
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        validate_paths(paths)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["tei"])
    parser.add_argument("--runs", type=int, default=20)
    arguments = parser.parse_args()
    cold_seconds, summary = cold(arguments.paths)
    command_seconds = command(arguments.paths)
    times = warm(arguments.paths, arguments.runs)
    print(f"editio validate {' '.join(arguments.paths)}: {summary}")
    print(f"cold: {cold_seconds:.3f} s in a fresh process (imports, loading, compiling the schemas, validating); "
          f"{command_seconds:.3f} s for the whole command")
    print(f"warm: {statistics.median(times):.3f} s median of {len(times)} runs "
          f"(min {min(times):.3f} s, max {max(times):.3f} s; loading and validating, schemas compiled)")


if __name__ == "__main__":
    main()
