"""Offline full-text search for the web edition: a static Pagefind index made at build time.

Pagefind (PyPI ``pagefind-bin``, which ships its binary) reads the built pages and writes a small,
chunked index plus its search script under ``pagefind/``; the browser loads only the chunks a query
needs, so the search works from any static web server with no server-side code. It does not work from
``file://``: browsers refuse the script's ``fetch`` of local files.

What is indexed is marked in the pages themselves: ``data-pagefind-body`` on the reading text,
``data-pagefind-filter`` for the facets (year, correspondent, language, document type) and
``data-pagefind-meta`` for what a result shows (title, date).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import BuildError

INDEX_FOLDER = "pagefind"


def _executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:  # pragma: no cover - a dependency of editio
        raise BuildError("the search index needs the package pagefind-bin") from None
    return get_executable()


def write_search_index(site: Path) -> int:
    """Index the pages under ``site`` into ``site/pagefind/``; returns the number of pages indexed.

    Pages without ``data-pagefind-body`` are left out by Pagefind itself once any page has it.
    """
    result = subprocess.run(
        [str(_executable()), "--site", str(site), "--output-subdir", INDEX_FOLDER, "--quiet"],
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines() or ["no message"]
        raise BuildError(f"the search index could not be made: {message[-1]}", file=site)
    return len(list(site.rglob("*.html")))
