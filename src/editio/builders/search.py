"""Offline full-text search for the web edition: a static Pagefind index, made at build time.

Pagefind (PyPI ``pagefind-bin``, which ships its binary) reads the site's pages and writes a chunked
index and its search script into ``pagefind/``; a reader's browser fetches only the chunks a query
needs, so search works from any static web server, with nothing running on it. What is indexed is
marked in the pages by ``xslt/html/search.xsl``: the reading text (``data-pagefind-body``), a title,
and the facets of a letter (year, correspondent, language, document type) as filters.

The index is made from the pages the html builder wrote in this run (``Run.folders``), so the search
builder ``needs`` html. Its cache key (``cache.builder_key``) covers everything the pages depend on,
so it is replayed when no page can have changed; when one may have, the index is looked up in the
build's cache under the pages themselves (``index_key``: their paths and the digests of their bytes),
and made again, whole, only when one of them did change (Pagefind cannot index one page into an
existing index).
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

from ..errors import BuildError
from .base import Builder, Output, Placed, Run
from .reproducible_index import reproducible
from .site import SiteBuilder

INDEX_FOLDER = "pagefind"
# The index and the script that reads it; Pagefind's ready-made interfaces are not used (the site
# has its own, assets/search.js) and are left out of the site.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
TIMEOUT_SECONDS = 600
# The page's apparatus inside the reading text, made by other templates than the search marks:
# paragraph and note numbers, page labels, back links and the labels of readings and of the
# correspondence; a result's excerpt should read as the text does.
CHROME = (".pnum", ".pb-label", ".pb-mark", ".noteref", ".backlink", ".note-type", ".choice-label",
          ".correspondence dt", ".visually-hidden")


def pagefind_executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:  # pragma: no cover - a dependency of editio
        raise BuildError("the search index needs the package pagefind-bin (pip install pagefind-bin)") from None
    return get_executable()


def render_search_index(site: Path) -> Iterator[Output]:
    """The Pagefind index of the pages under ``site``, as files relative to ``pagefind/``.

    Pagefind writes into a scratch folder, never into ``site``; pages without ``data-pagefind-body``
    are left out by Pagefind itself once any page has it.
    """
    with tempfile.TemporaryDirectory(prefix="editio-search-") as scratch:
        index = Path(scratch) / INDEX_FOLDER
        try:
            result = subprocess.run(
                [str(pagefind_executable()), "--site", str(site), "--output-path", str(index),
                 "--exclude-selectors", ", ".join(CHROME), "--silent"],
                capture_output=True, text=True, timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise BuildError(f"the search index could not be made: {error}", file=site) from None
        if result.returncode != 0:
            message = (result.stderr or result.stdout).strip().splitlines() or ["no message"]
            raise BuildError(f"the search index could not be made: {message[-1]}", file=site)
        files = {path.relative_to(index).as_posix(): path.read_bytes() for path in index.rglob("*") if path.is_file()}
    for name, content in sorted(reproducible(files).items()):
        if name not in UNUSED:
            yield Output(name, content)


class SearchBuilder(Builder):
    name = "search"
    folder = INDEX_FOLDER
    in_site = True
    needs = ("html",)
    keeps_files = True  # under the pages it reads (index_key)
    # The pages it indexes depend on the html builder's engines too.
    engines = ("pagefind-bin", *SiteBuilder.engines)
    unit = ("index", "indexes")

    def counts(self, path: str) -> bool:
        return path == "pagefind-entry.json"

    def collect(self, run: Run) -> Iterator[Output | Placed]:
        site = run.folders.get("html")
        if site is None:
            raise BuildError("the search index is made from the web edition's pages: build html with it "
                             "(--only html,search)")
        pages = run.written.get("html")
        if run.page_cache is None or not pages:  # outside a build: made
            return render_search_index(site)
        from ..edition_pages import kept_pages
        # Pagefind cannot add or drop one page of an index: the index is kept under the pages it
        # reads (their paths and bytes), and made again, whole, only when one of them changed
        return kept_pages(run.page_cache, index_key(site, pages), lambda: render_search_index(site))


def index_key(site: Path, pages: dict[str, str | None]) -> str:
    """What the index is made from: each web page's path and the digest of its bytes (read again only
    where the build could not tell it), Pagefind's version, editio's code."""
    from ..cache import _hash, code_digest, engine_versions
    read = {path: digest or hashlib.sha256((site / path).read_bytes()).hexdigest()
            for path, digest in pages.items() if path.endswith((".html", ".htm"))}
    return _hash("search index", code_digest(), engine_versions(("pagefind-bin",)), ", ".join(CHROME),
                 *(part for path in sorted(read) for part in (path, read[path])))
