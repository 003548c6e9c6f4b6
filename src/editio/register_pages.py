"""The register pages of the web edition, for an edition of one letter or of thousands.

The entries are the edition's one register (``Edition.register``, in the index as ``<ed:register>``);
where the texts name them comes from mentions, ``<ed:facts id="document"><ed:mention ref kind anchor
label>name</ed:mention></ed:facts>``, which ``xslt/html/register.xsl`` resolves. Up to
``edition.REGISTER_ONE_PAGE_LIMIT`` entries, each kind is one page with every entry in full
(``register/persons.html#kropotkin``); above it, each kind's page lists its entries with their counts,
and each entry has a page of its own with every letter that names it
(``register/persons/<key>.html``), made in one transformation.
"""

from __future__ import annotations

from typing import Iterator

from .builders.base import Output, Run
from .transform import parse_xml, stylesheet

STYLESHEET = "html.xsl"
_WEB_NS = "{urn:editio:web}"


def mentions_from_index(run: Run):
    """Where every text names an entry, as ``<ed:mentions>`` of ``<ed:facts>`` — made from the whole
    edition index, until each document's facts (kept per document in the build cache) give them:
    this is the one place to swap for them."""
    made, _ = stylesheet(STYLESHEET).call_values(f"{_WEB_NS}mentions-from-index", run.edition_index)
    return parse_xml(made[0])


def render_register_pages(run: Run, pages: list, date, **parameters) -> Iterator[Output]:
    """``register/<kind>.html`` for each kind the register has (and, for a large register, a page
    per entry); each page is added to ``pages`` (the sitemap's list) with ``date``. ``parameters``
    go to every page (as the site's other pages get them)."""
    html = stylesheet(STYLESHEET)
    mentions = mentions_from_index(run)
    for kind in run.edition.register_kinds:
        result = html.call(f"{_WEB_NS}register-page", run.edition_index, kind=kind, mentions=mentions, **parameters)
        if result.content.strip():
            path = f"register/{kind}.html"
            pages.append((path, date))
            yield Output(path, result.content, tuple(result.messages))
    if run.edition.register_layout != "entries":
        return
    values, messages = html.call_values(f"{_WEB_NS}entry-pages", run.edition_index, mentions=mentions, **parameters)
    for path, content in zip(values[0::2], values[1::2]):
        pages.append((path, date))
        yield Output(path, content.encode("utf-8"), tuple(messages))
        messages = []

