"""The contract of a builder, and the run context every builder of one build shares.

A builder is an output format. One instance serves one run (a build, or a caller such as a test or a
benchmark), so whatever it starts belongs to that instance, never to its module. Its phases:

1. ``prepare(run)``: before validation, so that slow start-up work (a typesetting engine) overlaps
   with the rest of the build;
2. ``render(document, run)``: the files of one document;
3. ``collect(run)``: the edition-wide files (home page, catalogue), after every document;
4. ``finish(run)``: last, whatever happened, to release what ``prepare`` started.

Builders return files and never write them: the build decides where they go. A builder that needs
another's files (the web edition carries each document's metadata records and plain text) asks the
run for them (``run.outputs("metadata", document)``) rather than calling that builder; the run makes
them once, whichever builder asks first.

What ``render`` may read is the document (``run.source(document)``), the run's compact index
(``run.index``: what a document may point to, never the other documents' text) and the run's options:
nothing another document's rendering left behind. That keeps it a function of
(document, index, options), which a per-document cache or a pool of workers can rely on.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, ClassVar, Iterable, Iterator, NamedTuple

from ..documents import Document
from ..edition import Edition

READINGS = ("corrected", "diplomatic")


@dataclass(frozen=True)
class Output:
    """One file a builder produced: its path inside the builder's folder, its bytes, and notes on it."""

    path: str
    content: bytes
    notes: tuple[str, ...] = ()


class Placed(NamedTuple):
    """A file the build's cache already holds, by the digest of its bytes (``cache.BlobStore``), as
    published: what a builder returns for a file it kept rather than made (the edition-wide pages)."""

    path: str
    digest: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildOptions:
    reading: str = "corrected"
    # The outputs this build makes, so that one can link another (the site links the PDF).
    outputs: tuple[str, ...] = ()


class Builder:
    """An output format. Subclasses set the class attributes and override the phases they need."""

    name: ClassVar[str]
    #: The folder of ``build/`` its files go to.
    folder: ClassVar[str]
    #: Distributions whose version changes the output (the build cache's key holds them).
    engines: ClassVar[tuple[str, ...]] = ()
    #: Copy the files into the web edition too (``html/<folder>/``) when both are built together.
    in_site: ClassVar[bool] = False
    #: ``render`` is a function of the document, the compact index (``Edition.context_xml``; in a build,
    #: the document's slice of it, ``Edition.document_context``) and the
    #: options alone: its files may be kept per document in the cache and made by worker processes
    #: (``executor.py``), which create the builder by its name in the registry.
    pure: ClassVar[bool] = False
    #: Its pages read the documents' facts (``facts.py``: ``run.all_facts()``, ``run.neighbours_of``):
    #: the build then makes every text's facts first, from the per-document cache or as tasks.
    reads_facts: ClassVar[bool] = False
    #: Its ``collect`` keeps its edition-wide files in the build's cache itself (``Run.page_cache``), each
    #: under what it is made from: the build keeps no entry of the whole builder for it.
    keeps_files: ClassVar[bool] = False
    #: What the build's summary counts, singular and plural (the files ``counts`` accepts).
    unit: ClassVar[tuple[str, str]] = ("file", "files")
    #: Builders whose written files this one reads in ``collect`` (``Run.folders``): they are built
    #: in the same run, before it (the search index reads the site's pages).
    needs: ClassVar[tuple[str, ...]] = ()

    def counts(self, path: str) -> bool:
        """Whether the file at ``path`` is one of the ``unit`` the summary counts (a page, not a script)."""
        return True

    def prepare(self, run: Run) -> None:
        """Start what the other phases need; runs before validation."""

    def render(self, document: Document, run: Run) -> Iterable[Output]:
        """The files of ``document``."""
        return ()

    def collect(self, run: Run) -> Iterable[Output]:
        """The edition-wide files, once every document is rendered."""
        return ()

    def finish(self, run: Run) -> None:
        """Release what ``prepare`` started; runs whatever happened, and may run without ``prepare``."""


class Run:
    """What the builders of one run share: the edition, the options, and the builders' outputs.

    ``create`` makes a builder from its name (the registry's ``create``). A builder asked for but not
    part of the run (the site's metadata records in a build of the site alone) is created and prepared
    on first use, and finished with the others.
    """

    def __init__(self, edition: Edition, options: BuildOptions, create: Callable[[str], Builder]) -> None:
        self.edition = edition
        self.options = options
        self._create = create
        # Shared with every view of this run (``with_options``).
        self._builders: dict[str, Builder] = {}
        self._made: dict[tuple, list[Output]] = {}
        # Where each builder's files of this build are written, by builder name (set by the build;
        # empty in a run outside a build): what a builder that ``needs`` another reads.
        self.folders: dict[str, Path] = {}
        # Every text's facts (``facts.py``) and each one's neighbours in date order: set by the build
        # from its per-document cache and tasks; made here when a run has none (tests, benchmarks).
        self.facts: list[bytes] | None = None
        self.neighbours: dict[str, bytes] | None = None
        # Set by the build: where edition-wide files are kept between builds (``edition_pages.PageCache``)
        # and the digests of the files each builder wrote (by builder name, then path). None and empty
        # outside a build.
        self.page_cache = None
        self.written: dict[str, dict[str, str]] = {}
        self._pages_index = None

    @property
    def index(self):
        """The compact index a document's transform reads beside its document (settings, the document
        list, the registers, where the other texts' ids are read; never their text), parsed once."""
        return self.edition.saxon_context

    def source(self, document: Document):
        """``document`` as a Saxon node of its own, for a per-document transform (context: ``index``)."""
        return self.edition.document_node(document)

    def all_facts(self) -> list[bytes]:
        """Every text's ``<ed:facts>``, in document order."""
        if self.facts is None:
            from ..facts import render_facts
            self.facts = [render_facts(self.edition, document) for document in self.edition.texts]
        return self.facts

    def neighbours_of(self, document: Document) -> bytes:
        """``document``'s neighbours in date order (``facts.neighbours``), or b"" when it has none."""
        if self.neighbours is None:
            from ..facts import neighbours
            self.neighbours = neighbours(self.all_facts())
        return self.neighbours.get(document.id, b"")

    @property
    def pages_index(self):
        """The context of the edition-wide pages, as the build gives it to them: the compact index with
        every text's facts, without their mentions (``edition_pages.PageInputs.plain``); parsed once."""
        if self._pages_index is None:
            from ..edition_pages import PageInputs
            self._pages_index = PageInputs(self).plain
        return self._pages_index

    def with_options(self, **changes) -> Run:
        """This run with other options (the site's plain text is always the corrected reading)."""
        view = copy.copy(self)
        view.options = replace(self.options, **changes)
        return view

    def builder(self, name: str) -> Builder:
        """The run's builder called ``name``, created and prepared on first use."""
        if name not in self._builders:
            created = self._create(name)
            self._builders[name] = created
            created.prepare(self)
        return self._builders[name]

    def outputs(self, name: str, document: Document | None = None) -> list[Output]:
        """Builder ``name``'s files for ``document`` (its edition-wide files if None), made once per run."""
        key = self._key(name, document)
        if key not in self._made:
            self._made[key] = list(self._produce(name, document))
        return self._made[key]

    def given(self, name: str, files: Iterable) -> None:
        """Builder ``name``'s edition-wide files as its cache entry holds them, as (path, content, notes):
        another builder that asks for them (the site carries the edition's records) is given these,
        and the builder is not started to make them again."""
        self._made[self._key(name, None)] = [file if isinstance(file, Output) else Output(*file) for file in files]

    def take(self, name: str, document: Document | None = None) -> Iterable[Output]:
        """The files builder ``name`` writes for ``document``: those another builder already asked for,
        or freshly made (streamed, not kept)."""
        made = self._made.pop(self._key(name, document), None)
        return made if made is not None else self._produce(name, document)

    def forget(self, document: Document) -> None:
        """Drop what was made for ``document`` and not taken: a run keeps one document's files at a time."""
        for key in [key for key in self._made if key[1] == document.id]:
            del self._made[key]

    def finish(self) -> None:
        """Finish every builder of the run, each even if another fails; the first failure is raised."""
        failure = None
        for created in reversed(list(self._builders.values())):
            try:
                created.finish(self)
            except BaseException as exc:  # noqa: BLE001 - the others must still be finished
                failure = failure or exc
        self._builders.clear()
        self._made.clear()
        if failure is not None:
            raise failure

    def _key(self, name: str, document: Document | None) -> tuple:
        return name, None if document is None else document.id, self.options

    def _produce(self, name: str, document: Document | None) -> Iterator[Output]:
        producer = self.builder(name)
        return iter(producer.collect(self) if document is None else producer.render(document, self))
