"""One register for the whole edition, from entries wherever its files keep them.

Correspondence editions keep people, places, organisations, events and works in many places: a
``standOff`` (editio's own), a letter's ``back`` or ``particDesc``, separate index files
(``listperson.xml``…), often the same person in hundreds of letters. ``build_register`` merges them
into one entry per entity — by ``xml:id`` and by authority URI (GND, VIAF, Wikidata, GeoNames, PMB,
LOC…) — and resolves every pointer a document uses (``#id``, a ``prefixDef`` prefix, ``file.xml#id``,
an authority URI). A pointer that resolves nowhere still gathers its occurrences: it becomes an entry
made from the names used for it, marked as having no description.

The register is compact (entries, never the documents' text), so that it can be handed to every
document's transform and to the pages of the whole corpus.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from lxml import etree

from .documents import NS, TEI_NS, XML_NS, Document

EDITIO_NS = "urn:editio"
# TEI entry element → the register (page) it belongs to.
ENTRY_KINDS = {"person": "persons", "personGrp": "persons", "place": "places", "org": "organisations",
               "event": "events", "bibl": "works", "biblStruct": "works"}
# What a name element in the text says about the kind of entry it points to, when the entry is unknown.
NAME_KINDS = {"persName": "persons", "placeName": "places", "orgName": "organisations", "eventName": "events",
              "title": "works", "settlement": "places", "country": "places", "region": "places"}
# The order of the register pages.
KIND_ORDER = ("persons", "places", "organisations", "events", "works")
RS_KINDS = {"person": "persons", "place": "places", "org": "organisations", "organisation": "organisations",
            "event": "events", "work": "works", "bibl": "works"}
_LISTS = ("listPerson", "listPlace", "listOrg", "listEvent", "listBibl", "listNym", "listRelation")
# Where entries live: never the witnesses of sourceDesc, which describe the document's own sources.
_ENTRY_XPATH = etree.XPath(
    "(" + " | ".join(f"//tei:{lst}/tei:{kind}" for lst in _LISTS for kind in ENTRY_KINDS)
    + " | //tei:listPerson//tei:person | //tei:listPlace//tei:place)[not(ancestor::tei:sourceDesc)]",
    namespaces=NS)
# Pointers anywhere: a manuscript's settlement in sourceDesc names a place of the register too.
_POINTER_XPATH = etree.XPath("//tei:*[@ref or @key]", namespaces=NS)

# Authority URIs in their usual spellings → the authority (as common.xsl's ed:authorities names it)
# and one canonical form each.
_AUTHORITY_PATTERNS = (
    (re.compile(r"^https?://(?:www\.)?d-nb\.info/gnd/([0-9X-]+)/?$", re.I), "gnd", "https://d-nb.info/gnd/{}"),
    (re.compile(r"^(?:gnd:)([0-9X-]+)$", re.I), "gnd", "https://d-nb.info/gnd/{}"),
    (re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q[0-9]+)/?$", re.I), "wikidata",
     "https://www.wikidata.org/entity/{}"),
    (re.compile(r"^(?:wd:|wikidata:)(Q[0-9]+)$", re.I), "wikidata", "https://www.wikidata.org/entity/{}"),
    (re.compile(r"^https?://(?:www\.)?viaf\.org/viaf/([0-9]+)/?$", re.I), "viaf", "https://viaf.org/viaf/{}"),
    (re.compile(r"^https?://(?:www\.|sws\.)?geonames\.org/([0-9]+)(?:/.*)?$", re.I), "geonames",
     "https://www.geonames.org/{}"),
    (re.compile(r"^https?://pmb\.acdh\.oeaw\.ac\.at/(?:apis/)?entity/([0-9]+)/?$", re.I), "pmb",
     "https://pmb.acdh.oeaw.ac.at/entity/{}/"),
    (re.compile(r"^https?://id\.loc\.gov/authorities/names/([a-z0-9]+)(?:\.html)?$", re.I), "loc",
     "http://id.loc.gov/authorities/names/{}"),
)
# idno/@type values → the prefix that makes a bare identifier a URI.
AUTHORITY_PREFIXES = {"gnd": "https://d-nb.info/gnd/", "wikidata": "https://www.wikidata.org/entity/",
                      "viaf": "https://viaf.org/viaf/", "geonames": "https://www.geonames.org/",
                      "pmb": "https://pmb.acdh.oeaw.ac.at/entity/", "loc": "http://id.loc.gov/authorities/names/",
                      "lccn": "http://id.loc.gov/authorities/names/"}


def authority_uri(value: str, kind: str | None = None) -> str | None:
    """The canonical URI of an authority identifier (a URI, or a bare id with its ``idno/@type``)."""
    found = authority(value, kind)
    return found.uri if found else None


@dataclass(frozen=True)
class Authority:
    """An identifier in an authority file: ``scheme`` as common.xsl's ``ed:authorities`` names it
    ("URI" for a web address of no known authority), the bare ``id``, the canonical ``uri``."""

    scheme: str
    id: str
    uri: str


@lru_cache(maxsize=65536)  # asked again for every pointer a register resolves: a few thousand values a corpus
def authority(value: str, kind: str | None = None) -> Authority | None:
    """An ``idno``'s value (a URI, or a bare id with its ``@type``) as an authority identifier: a value
    that is already a URI is never prefixed again (no ``https://d-nb.info/gnd/https://…``)."""
    value = " ".join(value.split())
    if not value or " " in value:
        return None
    if kind and not value.startswith(("http://", "https://")):
        prefix = AUTHORITY_PREFIXES.get(kind.lower())
        if prefix is None:
            return None
        value = prefix + value
    for pattern, scheme, template in _AUTHORITY_PATTERNS:
        match = pattern.match(value)
        if match:
            return Authority(scheme, match[1], template.format(match[1]))
    if value.startswith(("http://", "https://")):
        return Authority("URI", value.rstrip("/"), value.rstrip("/"))
    return None


@dataclass(eq=False)
class Entry:
    """One entity of the edition, merged from every description of it."""

    key: str
    kind: str
    descriptions: list[etree._Element] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    uris: set[str] = field(default_factory=set)
    names: Counter = field(default_factory=Counter)
    #: The id of the document each description is kept in (its prefixDefs expand the pointers in it).
    homes: list[str] = field(default_factory=list)

    @property
    def described(self) -> bool:
        return bool(self.descriptions)


@dataclass
class Register:
    entries: list[Entry]
    by_id: dict[str, Entry]
    by_uri: dict[str, Entry]
    #: Every pointer the documents use that does not name its entry by the entry's key ("#key" and
    #: "file.xml#key": the stylesheets find those by the id), as written →
    #: its entry: an authority URI, an alias, a bare id. Under ``("", pointer)`` when it names the
    #: same entry wherever it stands, under ``(document id, pointer)`` when the document's own
    #: ``prefixDef`` decides. The table the stylesheets look pointers up in (``ed:entity``).
    pointers: dict[tuple[str, str], Entry] = field(default_factory=dict)

    def resolve(self, pointer: str, document: Document | None = None) -> Entry | None:
        """The entry a single pointer (``#id``, ``prefix:x``, ``file.xml#id``, a URI) names, if any."""
        for candidate in _expansions(pointer, document):
            uri = authority_uri(candidate)
            if uri and uri in self.by_uri:
                return self.by_uri[uri]
            fragment = candidate.rsplit("#", 1)[1] if "#" in candidate else None
            if fragment and fragment in self.by_id:
                return self.by_id[fragment]
            if candidate in self.by_id:
                return self.by_id[candidate]
        return None

    def kinds(self) -> list[str]:
        """The kinds of entry the register has, in the order of the register pages."""
        found = {entry.kind for entry in self.entries}
        return [kind for kind in KIND_ORDER if kind in found]

    def to_element(self, **attributes: str) -> etree._Element:
        """``<ed:register>``: one TEI element per entry, ``xml:id`` its key, with the names and ids of
        every description, the pointers that name it (``ed:aliases``), whether any described it
        (``ed:described``), its kind (``ed:kind``) and the document of its description
        (``ed:document``); each ``idno`` of an authority carries its canonical URI (``ed:uri``),
        scheme and bare id. Then ``<ed:pointer ref="…" [document="…"] entry="key"/>`` for every
        pointer the documents use."""
        root = etree.Element(f"{{{EDITIO_NS}}}register", attributes, nsmap={"ed": EDITIO_NS})
        for entry in self.entries:
            root.append(_merged_element(entry))
        for (document, pointer), entry in sorted(self.pointers.items(), key=lambda item: item[0]):
            etree.SubElement(root, f"{{{EDITIO_NS}}}pointer",
                             {"ref": pointer, **({"document": document} if document else {}), "entry": entry.key})
        return root

    def to_xml(self) -> bytes:
        return etree.tostring(self.to_element(), encoding="utf-8")


def build_register(documents: Iterable[Document]) -> Register:
    """Merge the entries of ``documents`` and make entries for the pointers none of them describes."""
    documents = list(documents)
    entries: list[Entry] = []
    by_id: dict[str, Entry] = {}
    by_uri: dict[str, Entry] = {}

    def merge(into: Entry, other: Entry) -> Entry:
        if into is other:
            return into
        into.descriptions.extend(other.descriptions)
        into.ids |= other.ids
        into.uris |= other.uris
        into.names.update(other.names)
        into.homes.extend(other.homes)
        for key in other.ids:
            by_id[key] = into
        for uri in other.uris:
            by_uri[uri] = into
        entries.remove(other)
        return into

    for document in documents:
        for element in _ENTRY_XPATH(document.tree):
            kind = ENTRY_KINDS[etree.QName(element).localname]
            ident = element.get(f"{{{XML_NS}}}id")
            uris = {uri for idno in element.findall(f"{{{TEI_NS}}}idno")
                    if (uri := authority_uri(idno.xpath("string()"), idno.get("type")))}
            if not ident and not uris:
                continue
            # a copy: the register outlives the pass, and an element would keep its whole document's
            # tree in memory (a letter carrying its own register, say)
            entry = Entry(key=ident or _key_from_uri(sorted(uris)[0]), kind=kind,
                          descriptions=[copy.deepcopy(element)],
                          ids={ident} if ident else set(), uris=uris, homes=[document.id])
            entries.append(entry)
            for existing in {by_id.get(i) for i in entry.ids} | {by_uri.get(u) for u in uris}:
                if existing is not None:
                    entry = merge(existing, entry)
            for key in entry.ids:
                by_id[key] = entry
            for uri in entry.uris:
                by_uri[uri] = entry
    register = Register(entries, by_id, by_uri)
    _gather_pointers(register, documents)
    _unique_keys(register.entries)
    return register


def _unique_keys(entries: list[Entry]) -> None:
    """Keys are ids in the index and names of pages: two entries never share one."""
    seen: set[str] = set()
    for entry in entries:
        key, n = entry.key, 1
        while key in seen:
            n += 1
            key = f"{entry.key}-{n}"
        entry.key = key
        seen.add(key)


def _gather_pointers(register: Register, documents: list[Document]) -> None:
    """Count the names used for each entry; a pointer that resolves nowhere becomes an undescribed entry.
    A bare word (``ref="tillich_person_id__1928"``, or a Bible reference) is looked up, in a second
    pass, among the ids of the entries: it names one or it is no pointer at all."""
    bare: list[tuple[Document, etree._Element, str]] = []
    for document in documents:
        for element in _POINTER_XPATH(document.tree):
            if element.getparent() is not None and etree.QName(element).localname in ENTRY_KINDS:
                continue
            name = " ".join(element.xpath("string()").split())
            for pointer in (element.get("ref") or element.get("key") or "").split():
                if not _is_pointer(pointer):
                    bare.append((document, name, pointer))
                    continue
                entry = register.resolve(pointer, document)
                if entry is None:
                    kind = _kind_of_name(element)
                    if kind is None:
                        continue
                    uri = authority_uri(pointer)
                    fragment = pointer.rsplit("#", 1)[-1]
                    entry = Entry(key=_key_from_pointer(pointer), kind=kind, ids={pointer, fragment},
                                  uris={uri} if uri else set())
                    register.entries.append(entry)
                    register.by_id[pointer] = register.by_id.setdefault(fragment, entry)
                    if uri:
                        register.by_uri[uri] = entry
                _record_pointer(register, document, pointer, entry)
                if name:
                    entry.names[name] += 1
    for document, name, pointer in bare:
        entry = register.by_id.get(pointer)
        if entry is not None:
            register.pointers[("", pointer)] = entry
            if name:
                entry.names[name] += 1


def _record_pointer(register: Register, document: Document, pointer: str, entry: Entry) -> None:
    if _fragment(pointer) == entry.key:
        return  # the stylesheets find "#key" and "file.xml#key" by the id: no row needed
    if register.pointers.get(("", pointer), entry) is entry and register.resolve(pointer) is entry:
        register.pointers[("", pointer)] = entry
    else:
        register.pointers[(document.id, pointer)] = entry


def _fragment(pointer: str) -> str | None:
    return pointer.rsplit("#", 1)[1] or None if "#" in pointer else None


def _kind_of_name(element: etree._Element) -> str | None:
    local = etree.QName(element).localname
    if local in ("rs", "name"):  # the kind is the type's, and unknown without one
        return RS_KINDS.get((element.get("type") or "").lower())
    return NAME_KINDS.get(local)


def _is_pointer(value: str) -> bool:
    """A pointer editions use for entries: ``#id``, ``file#id``, ``prefix:id`` or an absolute URI —
    not a bare word such as a Bible reference ("1 Tim 6,12") written into ``@ref``."""
    return "#" in value or ":" in value


def _expansions(pointer: str, document: Document | None) -> list[str]:
    """The pointer as written, and as its document's ``prefixDef`` expands it."""
    pointer = pointer.strip()
    found = [pointer]
    prefix, _, rest = pointer.partition(":")
    if document is not None and rest and not pointer.startswith(("http:", "https:")):
        for definition in document.root.iterfind(f".//{{{TEI_NS}}}prefixDef[@ident='{prefix}']"):
            pattern, replacement = definition.get("matchPattern"), definition.get("replacementPattern")
            if pattern and replacement is not None and re.fullmatch(pattern, rest):
                found.append(re.sub(pattern, replacement.replace("$", "\\"), rest, count=1))
    return found


def _key_from_uri(uri: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", uri.split("://", 1)[-1]).strip("_")


def _key_from_pointer(pointer: str) -> str:
    fragment = pointer.rsplit("#", 1)[-1] if "#" in pointer else pointer
    key = re.sub(r"[^A-Za-z0-9_.-]+", "_", fragment).strip("_") or "entry"
    return key if key[0].isalpha() or key[0] == "_" else f"_{key}"


def _merged_element(entry: Entry) -> etree._Element:
    """The richest description, with the names and authority ids of the others added."""
    if entry.descriptions:
        index = max(range(len(entry.descriptions)),
                    key=lambda i: (len(entry.descriptions[i]), len(entry.descriptions[i].xpath("string()"))))
        base = entry.descriptions[index]
        element = copy.deepcopy(base)
        element.tail = None
        seen_names = {_name_key(n) for n in element if not isinstance(n, etree._Comment)
                      and etree.QName(n).localname.endswith("Name")}
        for other in entry.descriptions:
            if other is base:
                continue
            for child in other:
                if isinstance(child, etree._Comment):
                    continue
                local = etree.QName(child).localname
                text = _name_key(child)
                if local.endswith("Name") and text not in seen_names:
                    duplicate = copy.deepcopy(child)
                    duplicate.tail = None
                    element.append(duplicate)
                    seen_names.add(text)
        present: set[str] = set()
        for idno in element.findall(f"{{{TEI_NS}}}idno"):
            found = authority(idno.xpath("string()"), idno.get("type"))
            if found is None:
                continue
            if found.uri in present:  # the same identifier twice (a bare GND and its URI): once
                element.remove(idno)
                continue
            present.add(found.uri)
            _mark_authority(idno, found)
        for uri in sorted(entry.uris - present):
            idno = etree.SubElement(element, f"{{{TEI_NS}}}idno", type="URI")
            idno.text = uri
            _mark_authority(idno, authority(uri))
        home = entry.homes[index] if index < len(entry.homes) else None
    else:
        tag = {"persons": "person", "places": "place", "organisations": "org", "events": "event",
               "works": "bibl"}[entry.kind]
        element = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap={None: TEI_NS})
        name_tag = {"person": "persName", "place": "placeName", "org": "orgName", "event": "eventName",
                    "bibl": "title"}[tag]
        for name, _ in entry.names.most_common(3):
            etree.SubElement(element, f"{{{TEI_NS}}}{name_tag}").text = name
        for uri in sorted(entry.uris):
            idno = etree.SubElement(element, f"{{{TEI_NS}}}idno", type="URI")
            idno.text = uri
            _mark_authority(idno, authority(uri))
        home = None
    element.set(f"{{{XML_NS}}}id", entry.key)
    element.set(f"{{{EDITIO_NS}}}kind", entry.kind)
    element.set(f"{{{EDITIO_NS}}}described", "true" if entry.described else "false")
    element.set(f"{{{EDITIO_NS}}}aliases", " ".join(sorted(entry.ids | entry.uris)))
    if home:
        element.set(f"{{{EDITIO_NS}}}document", home)
    return element


def _name_key(name: etree._Element) -> tuple[str, ...]:
    """A name compared with the others of an entry: its words in any order, so that "Muster, Hedwig",
    "Hedwig Muster" and ``<surname>Muster</surname><forename>Hedwig</forename>`` are one name."""
    return tuple(sorted(re.findall(r"\w+", " ".join(name.itertext()).lower())))


def _mark_authority(idno: etree._Element, found: Authority | None) -> None:
    if found is not None:
        idno.set(f"{{{EDITIO_NS}}}scheme", found.scheme)
        idno.set(f"{{{EDITIO_NS}}}id", found.id)
        idno.set(f"{{{EDITIO_NS}}}uri", found.uri)
