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


def mentions(all_facts: list[bytes]):
    """Where every text names an entry: the ``<ed:mention>``s of every text's facts (``facts.py``,
    kept per document in the build cache), in one ``<ed:mentions>``; no text is read again."""
    return parse_xml(b'<ed:mentions xmlns:ed="urn:editio">' + b"".join(all_facts) + b"</ed:mentions>")


def render_register_pages(run: Run, pages: list, date, **parameters) -> Iterator[Output]:
    """``register/<kind>.html`` for each kind the register has (and, for a large register, a page
    per entry); each page is added to ``pages`` (the sitemap's list) with ``date``. ``parameters``
    go to every page (as the site's other pages get them)."""
    html = stylesheet(STYLESHEET)
    named = mentions(run.all_facts())
    # the compact index with the facts: the register and the document list, not the texts
    index = run.pages_index
    for kind in run.edition.register_kinds:
        result = html.call(f"{_WEB_NS}register-page", index, kind=kind, mentions=named, **parameters)
        if result.content.strip():
            path = f"register/{kind}.html"
            pages.append((path, date))
            yield Output(path, result.content, tuple(result.messages))
    if run.edition.register_layout != "entries":
        return
    values, messages = html.call_values(f"{_WEB_NS}entry-pages", index, mentions=named, **parameters)
    for path, content in zip(values[0::2], values[1::2]):
        pages.append((path, date))
        yield Output(path, content.encode("utf-8"), tuple(messages))
        messages = []

