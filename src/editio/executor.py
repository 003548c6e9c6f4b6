"""Per-document work as pure tasks, behind a small executor interface.

A task is ``render_task(DocumentTask) -> DocumentResult``: the document's file name and bytes and
its slice of the compact index (``document_context.py``: the settings and what its pointers reach,
never the whole index) in, every pooled builder's files for it out. What all tasks of one build
share (the settings, the options, the builders asked for) is a :class:`Shared`, handed to each
worker once, not to each task; a worker holds one document and what it names at a time, never
the corpus. No task reads another's state, so
the results do not depend on which worker made them or in what order: a pool's build is
byte-identical to a serial one.

Executors: :class:`SerialExecutor` (in this process; small editions, where starting workers would
cost more than it saves) and :class:`PoolExecutor` (worker processes, each compiling its
stylesheets once, on first use). Another engine is one more class with ``map`` and ``close``: with
Dask, ``client.register_worker_plugin`` (or ``client.run``) would install the ``Shared`` on each
worker and ``client.map(render_task, tasks)`` would run the tasks, ``client.gather`` returning the
results in order.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from .config import Config

# A build renders documents in worker processes only from this many documents on: a worker starts
# Saxon and compiles its stylesheets (about a second), which a small edition would only wait for.
POOL_THRESHOLD = 24


@dataclass(frozen=True)
class Shared:
    """What every task of a build reads: settings, options and the names of the builders whose
    per-document files the tasks make."""

    config: Config
    options: object
    builders: tuple[str, ...]
    # the build folder: record dates continue the record history the previous build left there
    output_dir: Path | None = None


@dataclass(frozen=True)
class DocumentTask:
    path: str
    source: bytes
    # the document's slice of the compact index (``Edition.document_context``): all its transforms
    # read beside the document
    context: bytes
    # the document's neighbours in date order (``facts.neighbours``): what its page links to
    neighbours: bytes = b""


def document_task(edition, document, neighbours: bytes = b"") -> DocumentTask:
    """The task of ``document`` of ``edition``: its bytes and its slice of the index."""
    return DocumentTask(str(document.path), document.source, edition.document_context(document), neighbours)


@dataclass(frozen=True)
class DocumentResult:
    # builder name → its files for the document, as (path, content, notes)
    outputs: dict[str, list[tuple[str, bytes, tuple[str, ...]]]]
    # the document's record state after this build (``record_dates``), when its files carry record dates
    state: object = None


class Executor(Protocol):
    def map(self, function: Callable, items: Iterable) -> Iterator:
        """``function`` applied to each item; the results in the order of the items."""

    def close(self) -> None:
        """Release the workers."""


class SerialExecutor:
    """The tasks, one after another, in this process."""

    def __init__(self, shared: Shared) -> None:
        _install(shared)

    def map(self, function: Callable, items: Iterable) -> Iterator:
        return map(function, items)

    def close(self) -> None:
        _install(None)


class PoolExecutor:
    """The tasks in ``workers`` processes started fresh (``spawn``: a forked copy of a process that
    already runs Saxon is not safe), each given the ``Shared`` once."""

    def __init__(self, shared: Shared, workers: int) -> None:
        self._pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_install, initargs=(shared,))
        self._workers = workers

    def map(self, function: Callable, items: Iterable) -> Iterator:
        items = list(items)
        # a few tasks per message: fewer round trips, and still every worker busy until the end
        chunk = max(1, min(8, len(items) // (self._workers * 8)))
        return self._pool.imap(function, items, chunksize=chunk)

    def close(self) -> None:
        self._pool.close()
        self._pool.join()


def executor_for(shared: Shared, tasks: int, jobs: int | None = None) -> Executor:
    """A pool of ``jobs`` workers (default: the cores) when there are enough tasks, else serial."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or tasks < POOL_THRESHOLD:
        return SerialExecutor(shared)
    return PoolExecutor(shared, min(workers, tasks))


_shared: Shared | None = None


def _install(shared: Shared | None) -> None:
    global _shared
    _shared = shared


def render_task(task: DocumentTask) -> DocumentResult:
    """Every pooled builder's files for one document: a function of the task and the ``Shared``."""
    from . import builders
    from .cache import RECORD_DATED

    document, edition = _document_edition(task)
    outputs = {}
    run = builders.Run(edition, _shared.options, builders.create)
    run.neighbours = {document.id: task.neighbours}
    try:
        for name in _shared.builders:
            outputs[name] = [(o.path, o.content, tuple(o.notes)) for o in run.take(name, document)]
    finally:
        run.finish()
    state = None
    if set(_shared.builders) & set(RECORD_DATED):
        from .record_dates import record_dates
        state = record_dates(edition).state(document)
    return DocumentResult(outputs, state)


def facts_task(task: DocumentTask) -> bytes:
    """The document's ``<ed:facts>`` (``facts.py``): a function of the task and the ``Shared``."""
    from .facts import render_facts

    document, edition = _document_edition(task)
    return render_facts(edition, document)


def _document_edition(task: DocumentTask):
    """The task's document, and an edition of it alone whose index is the task's slice."""
    from .documents import parse_document
    from .edition import Edition
    from .transform import parse_xml

    if _shared is None:
        raise RuntimeError("a document's task runs inside an executor")
    document = parse_document(task.source, task.path)
    edition = Edition(config=_shared.config, documents=[document], output_dir=_shared.output_dir)
    # what every per-document transform reads beside the document, cut by the build, not made here
    edition.__dict__["context_xml"] = task.context
    edition.__dict__["saxon_context"] = parse_xml(task.context)
    return document, edition
