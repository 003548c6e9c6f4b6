"""The edition as a whole: its documents, their settings, and the one index every stylesheet reads."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Iterable

from lxml import etree

from .config import Config, load_config
from .documents import Document, iterate_source_paths, load_document
from .errors import ConfigError, InputError, MalformedInput

EDITIO_NS = "urn:editio"
# The index is editio's own XML: no entity to refuse, but a large edition makes a large tree.
_INDEX_PARSER = etree.XMLParser(collect_ids=False, huge_tree=True, resolve_entities=False, no_network=True)
# Above this many entries the register has a page per entry and per kind a list linking to them
# (register_pages.py); up to it, a page per kind holding every entry in full.
REGISTER_ONE_PAGE_LIMIT = 200


@dataclass(eq=False)
class Edition:
    """The documents asked for, plus the edition's registers that they may point into (``context``)."""

    config: Config
    documents: list[Document]
    context: frozenset[Document] = frozenset()
    # Sources that could not be used (not well-formed, not TEI, a repeated id), left out by ``keep_going``.
    skipped: tuple[InputError, ...] = ()
    _last_node: tuple | None = field(default=None, repr=False)
    #: Whether these are all the edition's sources (only then does a missing document count as deleted).
    complete: bool = True
    #: The build folder whose record history the records continue (default: the configured one).
    output_dir: Path | None = None

    @property
    def build_folder(self) -> Path:
        return self.output_dir or self.config.output_dir

    @property
    def requested(self) -> list[Document]:
        return [d for d in self.documents if d not in self.context]

    @property
    def texts(self) -> list[Document]:
        """Requested documents with a ``<text>`` to publish (a register of only a ``standOff`` has none)."""
        return [d for d in self.requested if _has_text(d)]

    def document(self, document_id: str) -> Document:
        for candidate in self.documents:
            if candidate.id == document_id:
                return candidate
        raise KeyError(document_id)

    @cached_property
    def index_xml(self) -> bytes:
        """``<ed:edition>``: the settings, then every document wrapped with its id and output names.
        The context of the edition-wide outputs (home and register pages, CMIF, the catalogue, print)."""
        return self._index(lambda document: True)

    @cached_property
    def context_xml(self) -> bytes:
        """The compact index a per-document transform gets as its context: the settings, every
        document's entry (id, file name, whether it has a text), the register kinds, and in full only
        the documents without a text (the registers that names point into), the edition's one merged
        register (``<ed:register>``: every entry wherever it is kept, and every pointer the documents
        use with the entry it names), and where each id of the texts is read (``<ed:target>``), never
        another document's text. Built once per build; each document comes beside it
        (``document_node``)."""
        # ids are not collected: a register's own file and the merged register give an entry one id twice
        index = etree.fromstring(self._index(lambda document: not _has_text(document)), _INDEX_PARSER)
        index.extend(self._targets())
        return etree.tostring(index, encoding="utf-8")

    @cached_property
    def context_slices(self):
        """The compact index cut into pieces, for each document's slice (``document_context.py``)."""
        from .document_context import ContextSlices
        return ContextSlices(etree.fromstring(self.context_xml, _INDEX_PARSER), self.documents)

    def document_context(self, document: Document) -> bytes:
        """What ``document``'s transforms read beside it: the compact index cut down to the settings,
        the document's own entry and what its pointers reach (``document_context.py``)."""
        return self.context_slices.of(document)

    def _targets(self) -> list:
        """``<ed:target>`` for each element with an id in the texts (where it is read, its label), so that a
        text may point into another; nothing when there is only one text."""
        if len(self.texts) + len([d for d in self.context if _has_text(d)]) < 2:
            return []
        from .transform import parse_xml, stylesheet
        # only the texts that have ids inside them: a target is read from its own text alone, and a
        # corpus whose letters have none need not be parsed whole for it
        with_ids = {id(d) for d in self.documents if _has_text(d) and _has_inner_ids(d)}
        if not with_ids:
            return []
        index = self._index(lambda document: id(document) in with_ids)
        made = stylesheet("html.xsl").call("{urn:editio:web}target-index", parse_xml(index))
        return list(etree.fromstring(made.content, _INDEX_PARSER))

    def _index(self, in_full) -> bytes:
        settings = self.config.edition
        root = etree.Element(f"{{{EDITIO_NS}}}edition", {"register-kinds": " ".join(self.register_kinds)},
                             nsmap={"ed": EDITIO_NS})
        etree.SubElement(root, f"{{{EDITIO_NS}}}settings", {
            "title": settings.title, "publisher": settings.publisher, "base-url": settings.base_url,
            "licence": settings.licence, "licence-url": settings.licence_url, "contact": settings.contact,
            "language": settings.language, "build-date": build_date() or "",
            "page-size": self.config.pdf.page_size,
        })
        for document in self.documents:
            wrapper = self._wrapper(document, root)
            if in_full(document):
                # A copy: the loaded tree (and its source positions) stays untouched by the wrapper.
                wrapper.append(copy.deepcopy(document.root))
        root.append(self._register_entries())
        return etree.tostring(root, encoding="utf-8")

    @cached_property
    def register(self):
        """The edition's one register (``registers.py``): entries merged from every document, every
        pointer resolved."""
        from .registers import build_register
        return build_register(self.documents)

    @property
    def register_layout(self) -> str:
        """"one" (a page per kind, every entry in full) or "entries" (a page per entry)."""
        return "entries" if len(self.register.entries) > REGISTER_ONE_PAGE_LIMIT else "one"

    def _register_entries(self):
        """``<ed:register pages="one|entries">`` for the index (a fresh element each time it is asked:
        a copy of the one made once per build, which the index and the compact index both hold)."""
        return copy.deepcopy(self._register_element)

    @cached_property
    def _register_element(self):
        return self.register.to_element(pages=self.register_layout)

    def _wrapper(self, document: Document, parent=None):
        attributes = {"id": document.id, "file": self.relative_name(document),
                      "has-text": "true" if _has_text(document) else "false"}
        if parent is None:
            return etree.Element(f"{{{EDITIO_NS}}}document", attributes, nsmap={"ed": EDITIO_NS})
        return etree.SubElement(parent, f"{{{EDITIO_NS}}}document", attributes)

    @cached_property
    def register_kinds(self) -> list[str]:
        """The kinds of register entry the edition has (a register page each), wherever they are kept."""
        return self.register.kinds()

    def relative_name(self, document: Document) -> str:
        # asked for every document by every key and page: resolved once (paths do not move in a build)
        names = self.__dict__.setdefault("_relative_names", {})
        if id(document) not in names:
            try:
                names[id(document)] = document.path.resolve().relative_to(self.config.sources_dir.resolve()).as_posix()
            except ValueError:
                names[id(document)] = document.path.name
        return names[id(document)]

    @cached_property
    def saxon_index(self):
        from .transform import parse_xml  # Saxon starts only when a build needs it
        return parse_xml(self.index_xml)

    def saxon_document(self, document: Document):
        """The document's ``TEI`` inside the whole edition's index (``saxon_index``)."""
        from .transform import select
        return select(self.saxon_index, "/ed:edition/ed:document[@id = $id]/*", id=document.id)

    @cached_property
    def saxon_context(self):
        from .transform import parse_xml
        return parse_xml(self.context_xml)

    def document_node(self, document: Document):
        """The document's ``TEI`` for a per-document transform (context: ``saxon_context``): in a tree
        of its own, wrapped like the index's entries; a register's is the one in the context."""
        from .transform import parse_xml, select
        if not _has_text(document):
            return select(self.saxon_context, "/ed:edition/ed:document[@id = $id]/*", id=document.id)
        # the builders ask for one document several times in a row (page, "about", records, text):
        # the last one is kept, and only it, so that memory does not grow with the edition
        if self._last_node is None or self._last_node[0] is not document:
            wrapper = self._wrapper(document)
            wrapper.append(copy.deepcopy(document.root))
            self._last_node = (document, select(parse_xml(etree.tostring(wrapper, encoding="utf-8")), "/ed:document/*"))
        return self._last_node[1]


def load_edition(paths: Iterable[str | Path] | None = None, config: Config | None = None,
                 context: str = "registers", malformed: list | None = None,
                 keep_going: bool = False) -> Edition:
    """Load every TEI file under ``paths`` (default: the configured sources folder).

    Every source is read before any is refused, so that one run names every file that cannot be used
    (not well-formed, not TEI, an id another document has): given a ``malformed`` list, they are put
    there (validation reports each); with ``keep_going``, they are left out of the edition and named
    by ``skipped`` (a build of the others); otherwise the load stops (``SourcesUnreadable``, each file
    on its own line).

    When only some of the edition's sources are asked for, the others come along as ``context``:
    its registers (sources without a ``<text>``), so that pointers into them resolve, or with
    ``context="edition"`` all of them, so that edition-wide rules (unique ids, unused entries) hold.
    """
    paths = list(paths or [])
    if config is None:
        config = load_config(Path(paths[0]) if paths else None)
    source_paths = iterate_source_paths(paths or [config.sources_dir])
    unusable: list = [] if malformed is None else malformed
    documents = _load_all(source_paths, unusable, config.max_source_bytes)
    others = [] if not paths else _other_sources(source_paths, config, unusable)
    if context == "registers":
        others = [d for d in others if not _has_text(d)]
    _refuse_duplicate_ids(documents + others, unusable)
    if malformed is None and unusable and not keep_going:
        raise unusable[0] if len(unusable) == 1 else SourcesUnreadable(unusable)
    skipped: tuple = ()
    if keep_going and malformed is None:
        skipped = tuple(unusable)
        # the later of two documents with one id is left out: outputs are named by the id
        refused = {error.file for error in unusable}
        documents = [d for d in documents if str(d.path) not in refused]
        others = [d for d in others if str(d.path) not in refused]
    complete = not paths or all(Path(p).resolve() == config.sources_dir.resolve() for p in paths)
    return Edition(config=config, documents=documents + others, context=frozenset(others), complete=complete,
                   skipped=skipped)


class SourcesUnreadable(InputError):
    """Several sources cannot be used: one ``file:line:column: error:`` line each."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__(f"{len(errors)} sources cannot be used; nothing was built (--keep-going builds the others)")
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join([*(str(error) for error in self.errors), f"error: {self.message}"])


def _load_all(paths: Iterable[Path], malformed: list | None, max_bytes: int) -> list[Document]:
    """The documents at ``paths``; with a ``malformed`` list, a malformed file is put there, not raised.

    Each gives up its tree once read (``Document.release``): memory keeps the sources' bytes and what
    every document is asked for, not every tree; a stage that needs one parses it again."""
    documents = []
    for path in paths:
        try:
            document = load_document(path, max_bytes)
            document.release()
            documents.append(document)
        except MalformedInput as exc:
            if malformed is None:
                raise
            malformed.append(exc)
    return documents


def _other_sources(source_paths: list[Path], config: Config, malformed: list | None = None) -> list[Document]:
    """The edition's sources not among ``source_paths``, when all of those are in the sources folder."""
    sources = config.sources_dir.resolve()
    given = {p.resolve() for p in source_paths}
    if not sources.is_dir() or not all(sources in p.parents for p in given):
        return []
    return _load_all([p for p in iterate_source_paths([sources]) if p.resolve() not in given], malformed,
                     config.max_source_bytes)


def _refuse_duplicate_ids(documents: list[Document], malformed: list | None = None) -> None:
    """Two documents with one id: refused (outputs are named by it); for validation, a problem of each."""
    seen: dict[str, Document] = {}
    for document in documents:
        if document.id in seen:
            error = MalformedInput(f"two documents have the id '{document.id}' (the other is "
                                   f"{seen[document.id].path}): give each TEI root its own xml:id",
                                   file=document.path, line=document.root.sourceline,
                                   column=document.position(document.root)[1])
            if malformed is None:
                raise error
            malformed.append(error)
        seen[document.id] = document


def _has_inner_ids(document: Document) -> bool:
    return document.has_inner_ids


def _has_text(document: Document) -> bool:
    return document.has_text


def build_date() -> str | None:
    """The day ``SOURCE_DATE_EPOCH`` names, if set: outputs never carry the time they were built."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        raise ConfigError(f"SOURCE_DATE_EPOCH={epoch} is not a date editio can write (years 1970 to 9999)") \
            from None


def today() -> str:
    """Today by the clock (UTC): what "in the future" means (``SOURCE_DATE_EPOCH`` may lie in the past)."""
    return datetime.now(tz=timezone.utc).date().isoformat()


def build_day() -> str:
    """The day a build stamps on what changed in it: ``SOURCE_DATE_EPOCH``'s day, else today (UTC)."""
    return build_date() or today()
