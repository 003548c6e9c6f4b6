"""Validate the Tillich corpus (1,330 letters) with its RELAX NG (and the Schematron it embeds) and its
Schematron, in parallel; print the figures. Target: <= 20 s on a 2-core machine, linear in documents.

    python benchmarks/validate_corpus.py [--workers 2] [--corpus ../shared/corpora/tillich-briefe]

Each run is a fresh process pool: the schemas are compiled in the parent (compile.xsl runs once) and
once per worker (Saxon and libxml2 compile the results). Sizes 1/4, 1/2 and all of the corpus, measured
in one run, show how the time grows with the number of documents.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editio.parallel_validation import validate_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "tillich-briefe")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    letters = sorted((args.corpus / "letters").glob("*.xml"))
    schemas = [args.corpus / "schema" / "tillich-briefe.rng", args.corpus / "schema" / "tillich-schematron.sch"]
    print(f"{len(letters)} letters, {args.workers} workers; schemas: {', '.join(s.name for s in schemas)}")
    rows = []
    for fraction in (4, 2, 1):
        subset = letters[: len(letters) // fraction]
        started, cpu = time.perf_counter(), _cpu()
        report = validate_corpus(subset, schemas, workers=args.workers)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
        rows.append((len(subset), seconds, cpu))
        print(f"{len(subset):5d} letters: {seconds:6.2f} s wall, {cpu:6.2f} s CPU in all processes "
              f"({seconds / len(subset) * 1000:5.1f} ms/letter; {len(report.errors)} errors, "
              f"{len(report.warnings)} warnings; load average {os.getloadavg()[0]:.1f})")
    (small, t_small, c_small), (large, t_large, c_large) = rows[0], rows[-1]
    marginal, marginal_cpu = (t_large - t_small) / (large - small), (c_large - c_small) / (large - small)
    print(f"marginal cost {marginal * 1000:.1f} ms/letter wall, {marginal_cpu * 1000:.1f} ms/letter CPU; fixed cost "
          f"(start, compile) {t_large - marginal * large:.2f} s wall, {c_large - marginal_cpu * large:.2f} s CPU; "
          f"whole corpus {t_large:.2f} s (target <= 20 s: {'met' if t_large <= 20 else 'NOT met'}; "
          f"the machine is shared: see the load average)")


def _cpu() -> float:
    """User and system time of this process and of its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
