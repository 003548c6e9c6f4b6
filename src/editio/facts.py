"""Per-document facts, and what the edition-wide pages are made of.

A document's facts (``xslt/facts.xsl``: title, date, correspondents, places, correspondence context,
the names it mentions and where) are made by the pure per-document tasks and kept in the
per-document cache beside its pages. The edition-wide pages (home page, letters index, calendar,
correspondents, places, "about" index, 404) are made from :func:`facts_edition`, the compact index
with every text's facts and no text: the parent never holds every letter's tree for them.

Each letter page links its neighbours in date order (:func:`neighbours`): a second, small input of
the page transform, in the page's cache key, so that a letter whose body changes leaves the other
letters' pages cached (only a changed title or date reaches its neighbours).
"""

from __future__ import annotations

from lxml import etree

from .edition import EDITIO_NS

FACTS_STYLESHEET = "facts.xsl"
# The edition-wide pages keep the texts themselves (a home page introducing its one text, cards
# for a few) below this many texts; from it on they are made from the facts alone.
FULL_TEXTS_BELOW = 12
_ED = f"{{{EDITIO_NS}}}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, collect_ids=False)


def render_facts(edition, document) -> bytes:
    """``<ed:facts>`` of one document: a per-document transform (the document, the compact index)."""
    from .transform import stylesheet
    return stylesheet(FACTS_STYLESHEET).apply(edition.document_node(document), edition.saxon_context).content


def parse_facts(facts: bytes):
    return etree.fromstring(facts, _PARSER)


def sort_key(facts) -> tuple[str, str]:
    """Date order: by the date's sort value (undated last), then by id."""
    date = facts.find(f"{_ED}date")
    return ((date.get("sort") if date is not None else "") or "~", facts.get("id", ""))


def neighbours(all_facts: list[bytes]) -> dict[str, bytes]:
    """Each document's previous and next document in date order, as ``<ed:neighbours>`` holding
    ``<ed:previous>``/``<ed:next>`` (id, title, date), only what the navigation shows. Nothing for an
    edition of one text."""
    parsed = sorted((parse_facts(facts) for facts in all_facts), key=sort_key)
    if len(parsed) < 2:
        return {}
    made = {}
    for position, facts in enumerate(parsed):
        root = etree.Element(f"{_ED}neighbours", nsmap={"ed": EDITIO_NS})
        for name, other in (("previous", parsed[position - 1] if position else None),
                            ("next", parsed[position + 1] if position + 1 < len(parsed) else None)):
            if other is None:
                continue
            date = other.find(f"{_ED}date")
            etree.SubElement(root, f"{_ED}{name}", {
                "id": other.get("id", ""), "title": other.get("title", ""),
                "date": (date.text or "") if date is not None else ""})
        made[facts.get("id", "")] = etree.tostring(root, encoding="utf-8")
    return made


def facts_edition(edition, all_facts: list[bytes]) -> bytes:
    """``<ed:edition>`` for the edition-wide pages: the compact index (settings, the document list,
    the registers) with each text's facts in its ``ed:document``; the texts themselves only for an
    edition of fewer than ``FULL_TEXTS_BELOW`` texts."""
    import copy

    index = etree.fromstring(edition.context_xml, _PARSER)
    facts_by_id = {facts.get("id"): facts for facts in map(parse_facts, all_facts)}
    full = len(edition.texts) < FULL_TEXTS_BELOW
    texts = {document.id: document for document in edition.texts}
    for wrapper in index.iterfind(f"{_ED}document"):
        document_id = wrapper.get("id")
        if full and document_id in texts:
            # the text in full holds the register entries the compact index kept of it
            for kept in list(wrapper):
                wrapper.remove(kept)
            wrapper.append(copy.deepcopy(texts[document_id].root))
        if document_id in facts_by_id:
            wrapper.insert(0, facts_by_id[document_id])
    return etree.tostring(index, encoding="utf-8")
