"""Validate the Tillich corpus (1,330 letters) with its RELAX NG (and the Schematron it embeds) and its
Schematron, in parallel; print the figures. Target: <= 20 s on a 2-core machine, linear in documents.

    python benchmarks/validate_corpus.py [--workers 2] [--corpus ../shared/corpora/tillich-briefe]

Each run is a fresh process pool: the schemas are compiled in the parent (compile.xsl runs once) and
once per worker (Saxon and libxml2 compile the results). Sizes 1/4, 1/2 and all of the corpus, measured
in one run, show how the time grows with the number of documents.
"""

from __future__ import annotations

import argparse
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
        started = time.perf_counter()
        report = validate_corpus(subset, schemas, workers=args.workers)
        seconds = time.perf_counter() - started
        rows.append((len(subset), seconds))
        print(f"{len(subset):5d} letters: {seconds:6.2f} s  ({seconds / len(subset) * 1000:5.1f} ms/letter; "
              f"{len(report.errors)} errors, {len(report.warnings)} warnings)")
    (small, t_small), (large, t_large) = rows[0], rows[-1]
    marginal = (t_large - t_small) / (large - small)
    print(f"marginal cost {marginal * 1000:.1f} ms/letter; fixed cost (start, compile) "
          f"{t_large - marginal * large:.2f} s; whole corpus {t_large:.2f} s (target <= 20 s: "
          f"{'met' if t_large <= 20 else 'NOT met'})")


if __name__ == "__main__":
    main()
