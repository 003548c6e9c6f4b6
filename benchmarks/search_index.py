"""Time the search index (Pagefind, ``editio.builders.search``) on a site already built.

    python benchmarks/search_index.py [--runs 3] SITE

SITE is a built web edition (``build/html``, or ``/tmp/tillich-site/html`` after
``editio build ../shared/corpora/tillich-briefe/letters --only html,search --keep-going --no-validate
--out /tmp/tillich-site``). Prints the pages found, each run's wall time, the CPU time and peak memory
of Pagefind's processes, and the size of the index. Pagefind indexes on several threads: on a shared
machine the CPU time says more than the wall time.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()

    from editio.builders.search import render_search_index

    site = arguments.site
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"site: {site} ({pages} HTML files)")
    walls = []
    for run in range(1, arguments.runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        files = list(render_search_index(site))
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        size = sum(len(f.content) for f in files)
        print(f"run {run}: {walls[-1]:.2f} s wall, {cpu:.2f} s CPU, {len(files)} files, {size / 1e6:.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"best: {min(walls):.2f} s wall; Pagefind's peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
