"""Each document's own slice of the compact index: what its transforms may point to, and nothing else.

The compact index (``Edition.context_xml``) holds the settings, an entry per document, the edition's
one merged register with its table of pointers, and where the other texts' ids are read
(``<ed:target>``). A per-document transform (a letter's page, its "about" page, its text, records and
facts) reads only a few of its thousands of entries: those its pointers reach. Given the whole index,
Saxon would still index all of it (``xsl:key``, the register's maps in ``common.xsl``) in every
transformation, so that each letter paid for the corpus, and a letter's cache key would hold every
other letter's names.

:class:`ContextSlices` cuts the index once, in the parent process, into its top-level pieces and
looks every value a pointer may resolve through up in one table, so that a document's slice costs
what the document and the entries it names cost. A document's slice is the index with:

- the settings and the register kinds (``register-kinds``, ``ed:register/@pages``): every slice;
- the document's own ``<ed:document>`` entry;
- for every attribute value of the document, taken as pointers (each token as written, its
  fragment, its expansion by the document's ``prefixDef``, its last path step without ``.xml``):
  the ``<ed:document>`` entry of that id (``correspContext``, a letter naming another), the
  register entries of that id or alias, the pointer rows of that pointer with the entries they
  name, the ``<ed:target>`` of that id, and the registers kept in full (documents without a text)
  that hold that id;
- the same again for what those entries and registers point to, and the registers kept in full
  that point to an entry already in the slice (``ed:occurrences``), until nothing new is reached.

Every key lookup a per-document stylesheet makes (``ed:entity``, ``ed:target``, ``ed:context-document``,
``web:document-pointer``, ``ed:register-alias``…) starts from such a value, and the slice keeps the
pieces in the index's own order, so that it answers each lookup exactly as the whole index did. The
values are taken generously (every attribute, every reading of it): a value that names nothing costs
a dictionary look-up; a piece too many costs a few bytes, never a different output.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from lxml import etree

from .documents import TEI_NS, XML_NS, Document

EDITIO_NS = "urn:editio"
_XML_ID = f"{{{XML_NS}}}id"
_PREFIX_DEF = f"{{{TEI_NS}}}prefixDef"
_ATTRIBUTES = etree.XPath("descendant-or-self::*/@*", smart_strings=False)
# What a register entry or a register kept in full points to: its attributes but those that say
# what it is (its ids, its aliases), which would only find it again (or, in a register, the entry
# of every one of its ids: the whole register).
_POINTING = etree.XPath(
    f"descendant-or-self::*/@*[not(local-name() = 'id' and namespace-uri() = '{XML_NS}')]"
    f"[not(local-name() = 'aliases' and namespace-uri() = '{EDITIO_NS}')]", smart_strings=False)


class ContextSlices:
    """The compact index cut into pieces, and a table from every value a pointer may carry to the
    pieces that answer it. Built once per build from the parsed index; ``of(document)`` is a
    document's slice."""

    def __init__(self, index: etree._Element, documents: Iterable[Document]) -> None:
        self._documents = {document.id: document for document in documents}
        self._pieces: list[bytes] = []
        self._kept_whole: list[etree._Element | None] = []  # a register kept in full: for its pointers
        self._entries: dict[int, etree._Element] = {}       # a merged entry: for its pointers
        self._ids_in: dict[int, list[str]] = {}             # ids a piece holds (for what points to them)
        self._needs: dict[int, int] = {}                    # a pointer row → the entry it names
        self._named: dict[str, list[int]] = {}              # a value → the pieces that answer it
        self._own: dict[str, int] = {}                      # a document's id → its entry
        self._tokens: dict[int, set[str]] = {}              # a piece's own pointer values, when asked
        self._settings: list[int] = []
        self._selections: dict[str, tuple[Document, tuple[int, ...]]] = {}
        register = index.find(f"{{{EDITIO_NS}}}register")
        self._open = _start_tag(index)
        self._close = _end_tag(index)
        self._register_open = _start_tag(register) if register is not None else b""
        self._register_close = _end_tag(register) if register is not None else b""
        entry_by_key: dict[str, int] = {}
        rows: list[tuple[int, str]] = []
        referring: list[tuple[int, etree._Element]] = []
        self._register_at = self._register_end = None
        for child in index:
            if child is register:
                self._register_at = len(self._pieces)
                for item in register:
                    number = self._add(item)
                    if item.tag == f"{{{EDITIO_NS}}}pointer":
                        self._name(item.get("ref", ""), number)
                        rows.append((number, item.get("entry", "")))
                        continue
                    self._entries[number] = item
                    key = item.get(_XML_ID)
                    if key:
                        entry_by_key[key] = number
                    for alias in (item.get(f"{{{EDITIO_NS}}}aliases") or "").split():
                        self._name(alias, number)
                    self._name_ids(item, number)
                self._register_end = len(self._pieces)
                continue
            number = self._add(child)
            local = etree.QName(child).localname
            if local == "document":
                identifier = child.get("id", "")
                self._own[identifier] = number
                self._name(identifier, number)
                if len(child):  # a register kept in full (a document without a text)
                    self._kept_whole[number] = child
                    self._name_ids(child, number)
                    referring.append((number, child))
            elif local == "target":
                self._name(child.get("id", ""), number)
            else:  # the settings, and whatever else the index carries for every transform
                self._settings.append(number)
        for number, key in rows:
            if key in entry_by_key:
                self._needs[number] = entry_by_key[key]
        # what points to an id from a register kept in full (ed:occurrences): by the id pointed to
        self._pointed_from: dict[str, list[int]] = {}
        for number, wrapper in referring:
            definitions = _prefix_definitions(wrapper)
            for element in wrapper.iter(etree.Element):
                for pointer in (element.get("ref") or "").split():
                    for value in _readings(pointer, definitions):
                        places = self._pointed_from.setdefault(value, [])
                        if not places or places[-1] != number:
                            places.append(number)

    def _add(self, element: etree._Element) -> int:
        self._pieces.append(etree.tostring(element, encoding="utf-8", with_tail=False))
        self._kept_whole.append(None)
        return len(self._pieces) - 1

    def _name(self, value: str, number: int) -> None:
        if value:
            pieces = self._named.setdefault(value, [])
            if not pieces or pieces[-1] != number:
                pieces.append(number)

    def _name_ids(self, element: etree._Element, number: int) -> None:
        ids = [e.get(_XML_ID) for e in element.iter(etree.Element) if e.get(_XML_ID)]
        self._ids_in[number] = ids
        for identifier in ids:
            self._name(identifier, number)

    def selection(self, document: Document) -> tuple[int, ...]:
        """The numbers of the pieces of ``document``'s slice, in the index's order (kept: a build asks
        for a document's slice for its cache key, then for its task; a few numbers per document)."""
        kept = self._selections.get(document.id)
        if kept is None or kept[0] is not document:
            kept = self._selections[document.id] = (document, self._select(document))
        return kept[1]

    def _select(self, document: Document) -> tuple[int, ...]:
        chosen = set(self._settings)
        own = self._own.get(document.id)
        if own is not None:
            chosen.add(own)
        waiting = list(self._reached(_pointer_values(document.root, _prefix_definitions(document.root))))
        while waiting:
            number = waiting.pop()
            if number in chosen:
                continue
            chosen.add(number)
            needed = self._needs.get(number)
            if needed is not None:
                waiting.append(needed)
            waiting.extend(self._reached(self._tokens_of(number)))
            for identifier in self._ids_in.get(number, ()):
                waiting.extend(self._pointed_from.get(identifier, ()))
        return tuple(sorted(chosen))

    def of(self, document: Document) -> bytes:
        """``document``'s slice of the index, as XML."""
        return self.join(self.selection(document))

    def join(self, numbers: Iterable[int]) -> bytes:
        """The pieces ``numbers`` (in order) inside the index's root, the register's element at its
        place whether or not it holds any of them (its attributes are read by every transform)."""
        parts = [self._open]
        at, end = self._register_at, self._register_end
        opened = closed = at is None
        for number in numbers:
            if not opened and number >= at:
                parts.append(self._register_open)
                opened = True
            if not closed and number >= end:
                parts.append(self._register_close)
                closed = True
            parts.append(self._pieces[number])
        if not opened:
            parts.append(self._register_open)
        if not closed:
            parts.append(self._register_close)
        parts.append(self._close)
        return b"".join(parts)

    def _reached(self, values: set[str]) -> Iterator[int]:
        named = self._named
        for value in named.keys() & values:  # in C: most values name nothing
            yield from named[value]

    def _tokens_of(self, number: int) -> set[str]:
        """What a register entry or a register kept in full points to (its pointers read with the
        ``prefixDef``s of the document that describes it)."""
        if number not in self._tokens:
            whole = self._kept_whole[number]
            entry = self._entries.get(number)
            if whole is not None:
                found = _pointer_values(whole, _prefix_definitions(whole), _POINTING)
            elif entry is not None:
                home = self._documents.get(entry.get(f"{{{EDITIO_NS}}}document", ""))
                found = _pointer_values(entry, _prefix_definitions(home.root) if home is not None else (), _POINTING)
            else:
                found = set()
            self._tokens[number] = found
        return self._tokens[number]


def _pointer_values(root: etree._Element, definitions, attributes=None) -> set[str]:
    """Every value an attribute under ``root`` may be looked up by."""
    found: set[str] = set()
    for value in set((attributes or _ATTRIBUTES)(root)):
        tokens = value.split()
        for token in tokens:
            if ":" in token or "#" in token or "/" in token:
                found |= _readings(token, definitions)
            else:  # most values (dates, numbers, words, ids) are read only as they are
                found.add(token)
                if token.endswith(".xml"):
                    found.add(token[:-4])
        if len(tokens) > 1:
            found.add(_last_step(" ".join(tokens)))
    return found


def _readings(token: str, definitions) -> set[str]:
    """A pointer as written, its fragment (after the first and after the last ``#``), its last path
    step without ``.xml`` (``ed:context-document``), what follows its prefix, and the same of its
    expansions by the ``prefixDef``s."""
    readings = {token}
    prefix, colon, rest = token.partition(":")
    if colon and rest:
        readings.add(rest)
        for ident, pattern, replacement in definitions:
            if ident == prefix:
                try:
                    if re.fullmatch(pattern, rest):
                        readings.add(re.sub(pattern, replacement.replace("$", "\\"), rest, count=1))
                except (re.error, IndexError):
                    continue  # an XPath pattern Python reads otherwise: the other readings remain
    for reading in list(readings):
        if "#" in reading:
            readings.add(reading.split("#", 1)[1])
            readings.add(reading.rsplit("#", 1)[1])
        readings.add(_last_step(reading))
    readings.discard("")
    return readings


def _last_step(value: str) -> str:
    """The last step of a path or fragment (``ed:context-document``): "L00012.xml", "#L00012", "a/L00012" → "L00012"."""
    steps = [step for step in value.replace("#", "/").split("/") if step.strip()]
    if not steps:
        return ""
    return steps[-1][:-4] if steps[-1].endswith(".xml") else steps[-1]


def _prefix_definitions(root: etree._Element) -> tuple[tuple[str, str, str], ...]:
    return tuple((d.get("ident", ""), d.get("matchPattern", ""), d.get("replacementPattern", ""))
                 for d in root.iter(_PREFIX_DEF) if d.get("matchPattern") and d.get("replacementPattern") is not None)


def _start_tag(element: etree._Element) -> bytes:
    shell = etree.Element(element.tag, dict(element.attrib), nsmap=element.nsmap)
    made = etree.tostring(shell, encoding="utf-8")
    if not made.endswith(b"/>"):
        raise ValueError(f"cannot cut the index at {element.tag}")
    return made[:-2] + b">"


def _end_tag(element: etree._Element) -> bytes:
    qname = etree.QName(element)
    prefix = element.prefix
    return f"</{prefix}:{qname.localname}>".encode() if prefix else f"</{qname.localname}>".encode()
