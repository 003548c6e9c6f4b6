"""Loading TEI documents safely, and finding where each element stands in its source file."""

from __future__ import annotations

import errno
import os
import re
import stat
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from xml.parsers import expat

from lxml import etree

from .errors import InputError, MalformedInput

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS, "xml": XML_NS}
TEI_ROOTS = ("TEI", "teiCorpus")
MAX_SOURCE_BYTES = 64 * 1024 * 1024

# No DTD is loaded, no entity resolved, nothing fetched: hostile input is refused, never acted on.
# IDs are not collected, so that a duplicate or malformed xml:id is a validation error with its rule,
# not a parse failure.
_SAFE_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False,
                            dtd_validation=False, huge_tree=False, remove_blank_text=False,
                            collect_ids=False)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
# libxml2 opens an external DTD (a local file, at least) even when told not to load it.
_EXTERNAL_DTD = re.compile(rb"<!DOCTYPE\s+[^\s>\[]+\s+(SYSTEM|PUBLIC)\b", re.IGNORECASE)
_XML_MODEL = re.compile(r'(\w+)\s*=\s*"([^"]*)"|(\w+)\s*=\s*\'([^\']*)\'')


def safe_parser() -> etree.XMLParser:
    """A parser that resolves no entity and fetches nothing (a new one per thread of use)."""
    return etree.XMLParser(**_SAFE_PARSER_OPTIONS)


@dataclass(frozen=True)
class SchemaReference:
    """A schema a document names in an ``<?xml-model?>`` processing instruction."""

    href: str
    schematypens: str
    line: int


class Document:
    """One TEI source: its path, its bytes, and its parsed ``tree`` (never written back to ``path``).

    A document made by :func:`parse_document` holds its tree. One that an edition loaded
    (``load_edition``) gives it up once what a build asks of every document is known (``id``,
    ``has_text``, ``title``, …), so that memory holds the sources' bytes, not every document's tree:
    its ``tree`` is then parsed again when asked for, and the few asked for last are kept
    (``_RECENT_SOURCE_BYTES``), so that work on one document at a time parses it once."""

    __slots__ = ("path", "source", "_tree", "_positions", "_held", "_summary", "_base_url", "__weakref__")

    def __init__(self, path: Path, source: bytes, tree: etree._ElementTree | None = None) -> None:
        self.path = path
        self.source = source
        self._tree = tree
        self._positions: dict | None = None
        self._held = tree is not None  # a tree given is kept until ``release``
        self._summary: dict = {}
        self._base_url: str | None = None  # the resolved path as a URI, once: a released tree is parsed again

    def __repr__(self) -> str:
        return f"Document(path={self.path!r})"

    @property
    def tree(self) -> etree._ElementTree:
        tree = self._tree
        if tree is None:
            tree = self._tree = _parse(self.source, self.path, self._base_url)
            self._base_url = tree.docinfo.URL
            self._positions = None
            if not self._held:
                _recently_parsed(self)
        return tree

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def holds_tree(self) -> bool:
        """Whether the parsed tree is in memory now (held, or parsed again lately)."""
        return self._tree is not None

    def release(self) -> None:
        """Give up the tree once what every document is asked for is known: it is parsed again
        from ``source`` when asked for (the same tree: the bytes do not change)."""
        for name in ("id", "has_text", "has_inner_ids", "title", "schema_references"):
            getattr(self, name)
        self._held = False
        self._tree = self._positions = None

    def _remembered(self, name: str, find):
        if name not in self._summary:
            self._summary[name] = find()
        return self._summary[name]

    @property
    def id(self) -> str:
        """The document's stable id: its root ``xml:id``, else its file name without suffix."""
        return self._remembered("id", lambda: self.root.get(f"{{{XML_NS}}}id") or self.path.stem)

    @property
    def has_text(self) -> bool:
        """Whether it has a ``<text>`` to publish (a register of only a ``standOff`` has none)."""
        return self._remembered("has_text", lambda: self.root.find(f"{{{TEI_NS}}}text") is not None)

    @property
    def has_inner_ids(self) -> bool:
        """Whether an element inside it (not its root) has an ``xml:id`` another text could point to."""
        def find() -> bool:
            root = self.root
            return any(e.get(f"{{{XML_NS}}}id") for e in root.iter(etree.Element) if e is not root)
        return self._remembered("has_inner_ids", find)

    @property
    def title(self) -> str:
        def find() -> str:
            titles = self.root.xpath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces=NS)
            return " ".join(titles[0].xpath("string()").split()) if titles else self.id
        return self._remembered("title", find)

    @property
    def positions(self) -> dict[etree._Element, tuple[int, int]]:
        """Each element of ``tree`` → where its start tag opens (kept with the tree)."""
        tree = self.tree
        if self._positions is None:
            self._positions = _element_positions(self.source, tree)
        return self._positions

    def position(self, element: etree._Element) -> tuple[int, int]:
        """Line and column (both from 1) where ``element``'s start tag opens."""
        tree = element.getroottree()
        if self._tree is not None and tree.getroot() is self._tree.getroot():
            found = self.positions.get(element)
        else:  # an element of a tree this document has given up since: found in its own tree
            found = _element_positions(self.source, tree).get(element)
        return found or (element.sourceline or 1, 1)

    @property
    def schema_references(self) -> list[SchemaReference]:
        def find() -> list[SchemaReference]:
            references = []
            node = self.root.getprevious()
            while node is not None:
                if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
                    pseudo = {m[0] or m[2]: m[1] or m[3] for m in _XML_MODEL.findall(node.text or "")}
                    if pseudo.get("href"):
                        references.append(SchemaReference(pseudo["href"], pseudo.get("schematypens", ""),
                                                          node.sourceline or 1))
                node = node.getprevious()
            return references[::-1]
        return self._remembered("schema_references", find)


# A released document's tree, parsed again, is kept while it is among the last parsed: what works on
# one document at a time (a validator's several passes, a register's, a slice of the index that reads
# an entry's register file) parses it once. Kept: the last ones whose sources come to at most
# ``_RECENT_SOURCE_BYTES``, and always the last two; a few documents' trees, never the corpus's.
_RECENT_SOURCE_BYTES = 4 * 2**20
_RECENT_AT_LEAST = 2
_recent: OrderedDict[int, Document] = OrderedDict()  # by id(document), the last parsed last
_recent_bytes = [0]  # the sources' bytes of those
_recent_lock = threading.Lock()


def _recently_parsed(document: Document) -> None:
    with _recent_lock:
        if _recent.pop(id(document), None) is not None:
            _recent_bytes[0] -= len(document.source)
        _recent[id(document)] = document
        _recent_bytes[0] += len(document.source)
        while len(_recent) > _RECENT_AT_LEAST and _recent_bytes[0] > _RECENT_SOURCE_BYTES:
            _, oldest = _recent.popitem(last=False)
            _recent_bytes[0] -= len(oldest.source)
            if not oldest._held:
                oldest._tree = oldest._positions = None


def load_document(path: str | Path, max_bytes: int = MAX_SOURCE_BYTES) -> Document:
    """Parse ``path`` as a TEI document, or raise :class:`InputError` naming the problem.

    Only a regular file is read (a device or a pipe could be endless, or never answer), and never
    more than ``max_bytes``."""
    path = Path(path)
    return parse_document(read_source(path, max_bytes), path)


def read_source(path: Path, max_bytes: int = MAX_SOURCE_BYTES) -> bytes:
    try:
        # Non-blocking, so that opening a pipe does not wait for a writer; reads below are on a regular file.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise _unreadable(exc, path) from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise InputError("is a folder, not a file", file=path)
        if not stat.S_ISREG(status.st_mode):
            raise InputError("not a regular file (a device, a pipe or a socket): expected a TEI XML document",
                             file=path)
        if status.st_size > max_bytes:
            raise _too_large(path, max_bytes)
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise _unreadable(exc, path) from None
    if len(data) > max_bytes:  # it grew while we read
        raise _too_large(path, max_bytes)
    return data


def _too_large(path: Path, max_bytes: int) -> InputError:
    return InputError(f"file is larger than {max_bytes / 2**20:g} MB, the limit set by edition.max_source_mb",
                      file=path)


def _unreadable(exc: OSError, path: Path) -> InputError:
    reasons = {errno.ENOENT: "no such file", errno.EISDIR: "is a folder, not a file",
               errno.ELOOP: "a loop of symbolic links"}
    return InputError(reasons.get(exc.errno) or f"cannot read: {exc.strerror}", file=path)


def parse_document(data: bytes, path: str | Path) -> Document:
    """Parse TEI from bytes; ``path`` names it in messages and resolves its relative links."""
    path = Path(path)
    document = Document(path=path, source=data, tree=_parse(data, path))
    document._base_url = document._tree.docinfo.URL
    return document


def _parse(data: bytes, path: Path, base_url: str | None = None) -> etree._ElementTree:
    """``data`` parsed safely; ``base_url`` is the resolved ``path`` as a URI, when known already."""
    _refuse_unsafe(data, path)
    try:
        tree = etree.fromstring(data, safe_parser(), base_url=base_url or path.resolve().as_uri()).getroottree()
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, None)
        message = re.sub(r"(, line \d+, column \d+)?( \(.*, line \d+\))?$", "", exc.msg or str(exc))
        if "amplification" in message or "entity" in message.lower() and "loop" in message.lower():
            message = "entity expansion refused: " + message
        raise MalformedInput(f"not well-formed XML: {message}", file=path, line=line, column=column) from None
    _check_tei_root(tree.getroot(), path)
    return tree


def iterate_source_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The XML files named by ``paths``, folders expanded (sorted, hidden files skipped)."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as exc:
            if exc.errno == errno.ENOENT:
                raise InputError("no such file or folder", file=path) from None
            raise _unreadable(exc, path) from None
        if is_folder:
            found.extend(_xml_files(path))
        else:
            found.append(path)
    unique = list(dict.fromkeys(found))
    if not unique:
        raise InputError("no .xml files found", file=", ".join(str(p) for p in paths))
    return unique


def _xml_files(folder: Path) -> list[Path]:
    """The ``.xml`` files under ``folder``, hidden ones and build folders skipped (a build's copies of
    the sources are not sources); a subfolder that cannot be read is an error (skipping it would
    leave part of the edition out without a word)."""
    from .output_folder import MARKER

    def refuse(error: OSError) -> None:
        raise InputError(f"cannot read this folder of the sources: {error.strerror}", file=error.filename)

    files = []
    for parent, folders, names in os.walk(folder, onerror=refuse):
        if MARKER in names and parent != str(folder):
            folders[:] = []
            continue
        folders[:] = [name for name in folders if not name.startswith(".")]
        files += [Path(parent, name) for name in names if name.endswith(".xml") and not name.startswith(".")
                  and os.path.isfile(os.path.join(parent, name))]
    return sorted(files)


def _refuse_unsafe(data: bytes, path: Path) -> None:
    if not data.strip():
        raise MalformedInput("empty file: expected a TEI XML document", file=path)
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MalformedInput("binary file: expected a TEI XML document", file=path)
    match = _ENTITY_DECLARATION.search(data)
    if match and b"<!DOCTYPE" in data[:match.start()].upper():
        raise MalformedInput("entity declarations are refused (no DTD or entity is ever expanded or fetched)",
                         file=path, **_location(data, match.start()))
    match = _EXTERNAL_DTD.search(data)
    if match:
        raise MalformedInput("an external DTD is refused: editio never loads or fetches a DTD (remove the DOCTYPE, "
                         "or name a schema in an xml-model)", file=path, **_location(data, match.start()))


def _location(data: bytes, offset: int) -> dict[str, int]:
    return {"line": data.count(b"\n", 0, offset) + 1, "column": offset - (data.rfind(b"\n", 0, offset) + 1) + 1}


def _check_tei_root(root: etree._Element, path: Path) -> None:
    qname = etree.QName(root)
    if qname.localname not in TEI_ROOTS:
        raise MalformedInput(f"root element is <{qname.localname}>, not a TEI document (expected <TEI>)",
                         file=path, line=root.sourceline)
    if qname.namespace != TEI_NS:
        found = f"namespace '{qname.namespace}'" if qname.namespace else "no namespace"
        raise MalformedInput(f"<{qname.localname}> is in {found}; TEI P5 needs {TEI_NS}",
                         file=path, line=root.sourceline)


def _element_positions(source: bytes, tree: etree._ElementTree) -> dict[etree._Element, tuple[int, int]]:
    """Map each element to the line and column of its ``<``, which libxml2 does not record."""
    starts: list[tuple[int, int]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = lambda name, attributes: starts.append(
        (parser.CurrentLineNumber, parser.CurrentColumnNumber + 1))
    try:
        parser.Parse(source, True)
    except expat.ExpatError:
        return {}
    elements = list(tree.getroot().iter(etree.Element))
    return dict(zip(elements, starts)) if len(elements) == len(starts) else {}
