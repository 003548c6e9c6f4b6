"""OAI-PMH sets that appear from the data: by document type, by year and by correspondent.

Each document's facts (``xslt/catalogue.xsl``: its kind, types, date and correspondents) become its
setSpecs here, in one place, so that the set list grows with the edition and a set's spec never
depends on which letter happened to be read first:

- ``letters`` and ``texts``, by kind (the sets editio has always offered);
- ``type:<type>``: the document's own type (``text/@type``, else ``TEI/@type``, else its kind);
- ``year:<yyyy>``: each year in which the letter was sent (the span of a ``notBefore``/``notAfter``
  or ``from``/``to`` date, up to :data:`MAX_YEARS`; an open-ended date places it in no year);
- ``correspondent:<key>``: each sender and recipient, keyed by :func:`correspondent_key`.

A setSpec is words of ``A-Z a-z 0-9 - _ . ! ~ * ' ( )`` joined by ``:`` (OAI-PMH 2.0, §4.6 and the
schema's ``setSpecType``); a parent (``year``) holds the items of its children (§2.7.2).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Mapping

from ..registers import AUTHORITY_PREFIXES, authority_uri

#: Sets by kind of document: spec → (name, the kinds it holds).
KIND_SETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "letters": ("Letters", ("letter",)),
    "texts": ("Texts", ("letter", "text")),
}
#: The parent of each hierarchy, and its name.
PARENTS: dict[str, str] = {"type": "Document types", "year": "Years", "correspondent": "Correspondents"}
#: A letter dated within a longer span than this is placed in no year: it says too little.
MAX_YEARS = 10
#: Which authority identifies a correspondent first, when an entry has several (a stable choice).
AUTHORITY_ORDER = ("gnd", "viaf", "wikidata", "loc", "pmb", "geonames")

_SPEC_CHAR = re.compile(r"[A-Za-z0-9\-_.!*'()]")
_YEAR = re.compile(r"^([0-9]{4})(?:-|$)")


def spec_word(text: str) -> str:
    """``text`` as one word of a setSpec: characters outside its alphabet (and ``~``, the escape
    character) as ``~`` and two hex digits per UTF-8 byte, so that two texts never share a word."""
    return "".join(char if _SPEC_CHAR.fullmatch(char) else "".join(f"~{byte:02X}" for byte in char.encode("utf-8"))
                   for char in text)


def correspondent_key(correspondent: Mapping) -> str | None:
    """The stable key of a correspondent (one of catalogue.xsl's ``correspondents``): the preferred
    authority URI of its register entry (GND, VIAF, Wikidata…), else the entry's id, else the id its
    pointer names, else its name. The same person has the same key in every letter."""
    idnos = [(kind, value) for kind, value in correspondent.get("idnos", ())]
    pointer = correspondent.get("pointer") or ""
    uris = {uri for uri in (*(authority_uri(value, kind or None) for kind, value in idnos), authority_uri(pointer))
            if uri}
    if uris:
        return _authority_word(min(uris, key=_authority_rank))
    if correspondent.get("entry"):
        return spec_word(correspondent["entry"])
    if pointer:
        return spec_word(pointer.rsplit("#", 1)[-1] or pointer)
    name = " ".join(str(correspondent.get("name") or "").split())
    return "name." + spec_word(name.replace(" ", "_")) if name else None


def years(date: Mapping[str, str]) -> list[int]:
    """The years a date (``when``, ``notBefore``/``notAfter``, ``from``/``to``) may fall in."""
    def year(*names: str) -> int | None:
        found = next((_YEAR.match(date[name]) for name in names if name in date), None)
        return int(found[1]) if found else None

    start, end = year("when", "notBefore", "from"), year("when", "notAfter", "to")
    if start is None or end is None or end < start or end - start >= MAX_YEARS:
        return []
    return list(range(start, end + 1))


def document_sets(facts: Mapping) -> dict[str, str]:
    """The sets of one document, spec → name, from catalogue.xsl's facts about it."""
    kind = facts.get("kind", "text")
    found = {spec: name for spec, (name, kinds) in KIND_SETS.items() if kind in kinds}
    for value in facts.get("types") or [kind]:
        found[f"type:{spec_word(value)}"] = f"Document type: {value}"
    for number in years(facts.get("date") or {}):
        found[f"year:{number:04d}"] = f"Year {number:04d}"
    for correspondent in facts.get("correspondents", ()):
        key = correspondent_key(correspondent)
        if key is not None:
            found[f"correspondent:{key}"] = f"Correspondent: {correspondent.get('name') or key}"
    return dict(sorted(found.items()))


def set_list(named: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """Every set of the repository, spec → name, from the sets of each record: a set is named as
    most of its records name it (a correspondent named alike in most letters), parents included."""
    names: dict[str, Counter] = {}
    for record_sets in named:
        for spec, name in record_sets.items():
            names.setdefault(spec, Counter())[name] += 1
    chosen = {spec: min(counts.items(), key=lambda pair: (-pair[1], pair[0]))[0] for spec, counts in names.items()}
    for spec in list(chosen):
        words = spec.split(":")
        for depth in range(1, len(words)):
            parent = ":".join(words[:depth])
            chosen.setdefault(parent, PARENTS.get(parent, parent))
    return dict(sorted(chosen.items()))


def _authority_rank(uri: str) -> tuple[int, str]:
    kind = _authority_kind(uri)
    return (AUTHORITY_ORDER.index(kind) if kind in AUTHORITY_ORDER else len(AUTHORITY_ORDER), uri)


def _authority_kind(uri: str) -> str | None:
    return next((kind for kind, prefix in AUTHORITY_PREFIXES.items() if uri.startswith(prefix)), None)


def _authority_word(uri: str) -> str:
    """``https://d-nb.info/gnd/118622110`` → ``gnd-118622110``; another URI, escaped whole."""
    kind = _authority_kind(uri)
    if kind is not None:
        return f"{kind}-{spec_word(uri[len(AUTHORITY_PREFIXES[kind]):].strip('/'))}"
    return spec_word(uri.split("://", 1)[-1])
