"""The build in phases: load, prepare the builders, validate, render each document, collect, and write
atomically into ``build/``. The builders themselves are plug-ins (``editio.builders``)."""

from __future__ import annotations

import contextvars
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import builders
from .builders import READINGS, Builder, BuildOptions, Output, Placed, Run
from .edition import Edition, load_edition
from .errors import BuildError, EditioError
from .safe_output import screen


class ValidationFailed(EditioError):
    """The edition is invalid; ``report`` says where."""

    def __init__(self, report) -> None:
        super().__init__(f"the edition is invalid ({report.summary()}); nothing was built")
        self.report = report


@dataclass
class BuildReport:
    documents: int
    out: Path = Path("build")
    # Builder name → how many of its ``unit`` it wrote (pages, texts, PDFs, records), and the unit.
    outputs: dict[str, int] = field(default_factory=dict)
    units: dict[str, tuple[str, str]] = field(default_factory=dict)
    folders: dict[str, str] = field(default_factory=dict)  # builder name → its folder, where they differ
    cached: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    validation: object | None = None
    # The notes for people: one line per kind (``notes.summarise``); ``notes`` keeps every one.
    summary_notes: list[str] = field(default_factory=list)
    # Sources left out because they could not be used (``keep_going``): their error lines.
    skipped: list[str] = field(default_factory=list)
    # Seconds by stage of the build (load, facts, documents, edition-wide files, …), for benchmarks.
    stages: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """What was built and where, one line per output folder."""
        lines = [f"built {self.documents} document{'s' * (self.documents != 1)} in {self.seconds:.2f} s into {self.out}/"]
        for name, count in self.outputs.items():
            singular, plural = self.units.get(name, ("file", "files"))
            folder = self.out / self.folders.get(name, name)
            entry = folder / "index.html" if (folder / "index.html").is_file() else folder
            reused = " (unchanged, from the cache)" if name in self.cached else ""
            lines.append(f"  {name}: {count} {singular if count == 1 else plural}{reused} → {entry}")
        return "\n".join(lines)


def build_edition(paths: Iterable[str | Path] | None = None, out: str | Path | None = None,
                  only: Iterable[str] | None = None, validate: bool = True,
                  options: BuildOptions = BuildOptions(),
                  progress: Callable[[int, int], None] | None = None, fresh: bool = False,
                  force: bool = False, keep_going: bool = False, jobs: int | None = None) -> BuildReport:
    """Build ``paths`` (default: the configured sources) into ``out``; previous outputs survive a failure.

    With ``keep_going``, sources that cannot be used are left out (``report.skipped`` names them)
    and the others are built; without it, one such source stops the build before anything is written.
    What the build cache (``cache.py``) holds for unchanged inputs is reused, unless ``fresh``; the
    documents' files of the pure builders (``Builder.pure``) are kept per document and made by ``jobs``
    worker processes (default: one per core) when there are many (``executor.py``).
    ``out`` is refused if editio did not make it (unless ``force``) or if it could hold sources
    (``output_folder.py``); the new outputs replace the old ones in one atomic step.
    """
    from .cache import BlobStore, BuildCache, builder_key

    started = time.perf_counter()
    if options.reading not in READINGS:
        raise EditioError(f"unknown reading '{options.reading}' (choose from {', '.join(READINGS)})")
    names = list(dict.fromkeys(only or builders.BUILDERS))  # a name given twice is built once
    # The run's builders, not yet prepared (only those the cache cannot replay will be).
    every = {name: builders.create(name) for name in names}
    names = builders.in_order(every)  # a builder after those whose files it reads
    edition = load_edition(paths, keep_going=keep_going)
    loaded = time.perf_counter()
    options = replace(options, outputs=tuple(names))
    out_dir = Path(out) if out is not None else edition.config.output_dir
    out_folder = _output_folder(out_dir, paths, edition, force)
    out_folder.check()
    out_folder.claim()
    edition.output_dir = out_dir  # records continue the history this build folder keeps
    cache = BuildCache(out_dir)
    run = Run(edition, options, lambda name: every[name] if name in every else builders.create(name))
    report = BuildReport(documents=len(edition.texts), out=out_dir,
                         skipped=[str(error) for error in edition.skipped])
    stages = report.stages
    stages["load"] = loaded - started
    clock = [time.perf_counter()]

    def stage(name: str) -> None:  # the time since the last stage, under ``name``
        now = time.perf_counter()
        stages[name] = stages.get(name, 0.0) + now - clock[0]
        clock[0] = now
    blobs = BlobStore(out_dir)
    blobs_token = _blob_store.set(blobs)
    carried_token = None
    _made_folders.clear()
    from .cache import DocumentCache
    from .edition_pages import PageCache
    run.page_cache = PageCache(DocumentCache(out_dir, blobs), fresh)  # the edition-wide pages, kept per page
    try:
        keys = {name: builder_key(every[name], edition, options) for name in names if not every[name].keeps_files}
        # a builder that keeps its edition-wide files itself, each under its own inputs (``keeps_files``),
        # has no entry of its own: it takes part in every build, and reuses what did not change
        cached = {name: None if fresh or every[name].keeps_files else cache.outputs(name, keys[name])
                  for name in names}
        # Prepared now, before validation, so that slow start-up work overlaps it.
        # a pure builder's documents are replayed from the per-document cache (its own entry holds only
        # its edition-wide files), so it takes part in every build
        rendered = [run.builder(name) for name in names
                    if cached[name] is None or _per_document(every[name])]
        stage("index and keys")
        if validate:
            report.validation = _validate(edition, cache, fresh)
            if not report.validation.ok:
                raise ValidationFailed(report.validation)
            stage("validate")
        from .executor import POOL_THRESHOLD
        # a corpus's retired build is kept as the next build's spare, or removed by a process of its
        # own, not waited for; the next build takes the spare over, rewriting only what changed
        corpus = len(edition.texts) >= POOL_THRESHOLD
        generation = out_folder.generation((every[name].folder for name in names),
                                           retire_in_background=corpus, recycle=corpus)
        with generation as staging:
            carried_token = _carried.set(generation.carried)
            writers = {name: _Writer(every[name], staging, options, report) for name in names}
            run.folders = {name: writers[name].folder for name in names}
            run.written = {name: writers[name].digests for name in names}
            for name in names:
                if cached[name] is not None:
                    writers[name].write_all(cached[name])
                    report.cached.append(name)
                    if _per_document(every[name]):  # its entry holds what its ``collect`` makes, no more
                        run.given(name, cached[name])
            collected = {name for name in names if cached[name] is not None}
            # Document by document, every builder: what one builder asks of another for a document
            # is kept only until that document is done.
            steps = len(edition.texts) + 1
            pure = [current for current in rendered if _per_document(current)]
            kept_documents = None
            if pure:
                kept_documents = _render_documents(pure, edition, options, out_dir, writers, fresh, jobs,
                                                   lambda done: progress and progress(done, steps), blobs, run,
                                                   report.stages)
                clock[0] = time.perf_counter()
                if report.stages.get("documents made"):  # not all of it came from the cache
                    report.cached = [name for name in report.cached if every[name] not in pure]
            others = [current for current in rendered if current not in pure]
            for step, document in enumerate(edition.texts, start=1):
                for current in others:
                    writers[current.name].write_all(run.take(current.name, document))
                run.forget(document)
                if progress and others:
                    progress(step, steps)
            stage("documents (other builders)")
            for current in rendered:
                if current.name in collected:
                    continue  # its edition-wide files came from its cache entry
                writer = writers[current.name]
                before = len(writer.written)
                writer.write_all(run.take(current.name))
                stage(f"edition-wide files: {current.name}")
                pages, run.page_cache.made, run.page_cache.kept = (run.page_cache.made, run.page_cache.kept), 0, 0
                if any(pages):  # how many of its edition-wide pages it made, how many it kept (edition_pages.py)
                    stages[f"edition-wide pages made: {current.name}"] = pages[0]
                    stages[f"edition-wide pages kept: {current.name}"] = pages[1]
                if current.keeps_files:
                    if not pages[0] and not (current in pure and stages.get("documents made")):
                        report.cached.append(current.name)  # nothing of it was made again
                    continue
                # a per-document builder's entry holds only its edition-wide files (its documents' are
                # kept per document, and not in ``written``)
                files = writer.written[before:] if current in pure else writer.written
                kept = set(files)
                cache.store_outputs(current.name, builder_key(current, edition, options, produced=True),
                                    staging / current.folder, files,
                                    {path: notes for path, notes in writer.notes.items() if path in kept})
                stage("cache entries")
            if progress:
                progress(steps, steps)
        stage("switch")
        # after the switch: the retired generation no longer links to its blobs
        if kept_documents is not None:
            kept_documents(run.page_cache.used)
        blobs.prune()
        stage("prune")
    except BaseException:
        blobs.discard_new()  # a failed build leaves the previous one's cache as it was
        raise
    finally:
        _blob_store.reset(blobs_token)
        if carried_token is not None:
            _carried.reset(carried_token)
        run.finish()
    from .notes import summarise
    report.summary_notes = summarise(report.notes, edition.documents)
    report.notes = list(dict.fromkeys(report.notes))
    report.seconds = time.perf_counter() - started
    return report


def _per_document(builder: Builder) -> bool:
    """Whether the builder's documents are made as pure tasks and kept per document."""
    return builder.pure and builder.name in builders.BUILDERS


def _validate(edition: Edition, cache, fresh: bool):
    from .cache import validation_key
    from .validation import validate_edition

    key = validation_key(edition)
    stored = None if fresh else cache.report(key)
    if stored is not None:
        return stored
    report = validate_edition(edition)
    cache.store_report(key, report)
    return report


class _Writer:
    """Writes one builder's files (rendered, or replayed from the cache) into the staging folder,
    and counts them and keeps their notes for the report and the cache."""

    def __init__(self, current: Builder, staging: Path, options: BuildOptions, report: BuildReport) -> None:
        self.current, self.report = current, report
        self.folder = staging / current.folder
        self.site = staging / "html" / current.folder if current.in_site and "html" in options.outputs else None
        self.notes: dict[str, list[str]] = {}
        self.written: list[str] = []  # the paths written, for the cache's entry
        self.digests: dict[str, str | None] = {}  # their bytes' digests (``Run.written``), None if unknown
        report.outputs[current.name] = 0
        report.units[current.name] = current.unit
        if current.folder != current.name:
            report.folders[current.name] = current.folder

    def write_all(self, outputs: Iterable, screened: bool = False, entry: bool = True) -> None:
        """Write ``outputs``, screened first unless they were (``screen_all``); their paths and notes
        go into the builder's cache entry unless not ``entry`` (a document's files that the
        per-document cache keeps: a corpus's would otherwise be held to the end of the build)."""
        for output in outputs:
            if isinstance(output, Placed):  # kept by the builder in the build's cache, as published
                self.place_all([output], _blob_store.get())
                continue
            if not isinstance(output, Output):
                output = Output(*output)
            if not screened:
                output = _screened(output)
            self.digests[output.path] = _write(self.folder, output)
            if entry:
                self.written.append(output.path)
            if self.site is not None:
                _write(self.site, output)
            if output.notes and entry:
                self.notes[output.path] = list(output.notes)
            self.report.notes.extend(output.notes)
            self.report.outputs[self.current.name] += self.current.counts(output.path)

    def place_all(self, rows: Iterable, blobs, entry: bool = True) -> None:
        """Link files the per-document cache holds, as (path, digest, notes), screened when they were made:
        neither read nor hashed again. ``entry`` as for ``write_all``."""
        for path, digest, notes in rows:
            _place(self.folder, path, digest, blobs)
            self.digests[path] = digest
            if entry:
                self.written.append(path)
            if self.site is not None:
                _place(self.site, path, digest, blobs)
            if notes and entry:
                self.notes[path] = list(notes)
            self.report.notes.extend(notes)
            self.report.outputs[self.current.name] += self.current.counts(path)


def _screened(output: Output) -> Output:
    content, screened = screen(output.path, output.content)  # no script published (safe_output.py)
    return Output(output.path, content, (*output.notes, *screened)) if screened else output


def screen_all(outputs: dict[str, list]) -> dict[str, list[tuple[str, bytes, tuple[str, ...]]]]:
    """Each builder's files as published (``safe_output.screen``), with the notes screening adds."""
    return {name: [(o.path, o.content, tuple(o.notes)) for o in (_screened(Output(*f)) for f in files)]
            for name, files in outputs.items()}


# Documents written between two returns of the memory their files took (``memory.py``): often enough
# that the parent's memory does not grow with the corpus, seldom enough to cost nothing.
RETURN_MEMORY_EVERY = 200

# The blob store of the running build (``cache.BlobStore``): outputs are hard links to their bytes.
_blob_store: contextvars.ContextVar = contextvars.ContextVar("blob_store")
# What the running build's staging folder already holds (``output_folder.Carried``), or None.
_carried: contextvars.ContextVar = contextvars.ContextVar("carried", default=None)


def _render_documents(pure: list[Builder], edition: Edition, options: BuildOptions, out_dir: Path,
                      writers: dict, fresh: bool, jobs: int | None, progress: Callable[[int], None],
                      blobs, run: Run, timings: dict) -> Callable[[], None]:
    """Every document's files from the pure builders: replayed from the per-document cache, or made
    as tasks by an executor (worker processes for many documents), written in document order so
    that the outputs never depend on which worker made them. First, when a builder reads them, every
    text's facts (from the cache, or made as tasks) and from them each one's neighbours in date order,
    which its page reads and its key holds; both are left on ``run`` for the edition-wide pages.
    Returns what drops the entries this build did not use, to be called once the new build is in place."""
    from .cache import RECORD_DATED, DocumentCache, document_key
    from .executor import (POOL_THRESHOLD, SerialExecutor, Shared, document_task, executor_for, facts_task,
                           render_task)
    from .memory import return_free_memory
    from .record_dates import RecordState, record_dates

    store = DocumentCache(out_dir, blobs)
    dated = {b.name for b in pure} & set(RECORD_DATED)
    dates = record_dates(edition) if dated else None
    used: set[str] = set()
    shared = Shared(edition.config, options, tuple(b.name for b in pure), out_dir)
    executor = None

    def executor_of(tasks: int):
        # one executor for the facts and the documents; a serial one gives way to a pool when the
        # documents to make are many though the facts to make were few (the options changed, say)
        nonlocal executor
        if isinstance(executor, SerialExecutor) and tasks >= POOL_THRESHOLD:
            executor.close()
            executor = None
        if executor is None:
            executor = executor_for(shared, tasks, jobs)
        return executor

    try:
        neighbours: dict[str, bytes] = {}
        if any(b.reads_facts for b in pure):
            started = time.perf_counter()
            run.facts = _facts(edition, store, used, fresh, executor_of, facts_task, document_task)
            from .facts import neighbours as date_neighbours
            neighbours = run.neighbours = date_neighbours(run.facts)
            return_free_memory()
            timings["facts"] = time.perf_counter() - started
        started = time.perf_counter()

        def key(document, state) -> str:
            # files that carry record dates depend on the document's record state: looked up under the
            # state the previous build left, kept under the state this build produced (the same when unchanged)
            return document_key(pure, edition, options, document, repr(state) if dated else "",
                                neighbours.get(document.id, b""))

        keys = {document: key(document, dates.previous.get(document.id) if dates else None)
                for document in edition.texts}
        # what the cache holds is read one document at a time, when written: memory stays one document's
        missing = [document for document in edition.texts if fresh or not store.holds(keys[document])]
        to_make = set(missing)
        timings["keys"] = time.perf_counter() - started
        started = time.perf_counter()
        made_here = 0
        made = _mapped(executor_of(len(missing)), render_task, missing,
                       lambda d: document_task(edition, d, neighbours.get(d.id, b"")))
        for step, document in enumerate(edition.texts, start=1):
            entry = None if document in to_make else store.rows(keys[document])
            if entry is None:  # to make, or an entry damaged since it was found: made here
                if document in to_make:
                    result = next(made)
                else:
                    # in this process (whose serial executor, if it has one, stays installed)
                    here = None if isinstance(executor, SerialExecutor) else SerialExecutor(shared)
                    result = render_task(document_task(edition, document, neighbours.get(document.id, b"")))
                    if here is not None:
                        here.close()
                made_here += 1
                # kept as published: a replay links them without screening them again
                outputs, state = screen_all(result.outputs), result.state
                # kept under the state produced, and under the one looked up: a build without the
                # metadata builder leaves no history, so the next one looks up the same state again
                for kept in {key(document, state), keys[document]}:
                    used.add(kept)
                    store.store(kept, outputs, state and state.values())
                for current in pure:
                    writers[current.name].write_all(outputs.get(current.name, ()), screened=True, entry=False)
            else:
                rows, stored_state = entry
                state = RecordState.from_values(stored_state) if stored_state else None
                used.add(keys[document])
                for current in pure:
                    writers[current.name].place_all(rows.get(current.name, ()), blobs, entry=False)
            if dates is not None and state is not None:
                dates._states[document.id] = state  # the history this build leaves, without rendering again
            progress(step)
            if step % RETURN_MEMORY_EVERY == 0:
                return_free_memory()  # what the documents' files took, freed, given back (memory.py)
        return_free_memory()
        timings["documents"] = time.perf_counter() - started
        timings["documents made"] = made_here
    finally:
        if executor is not None:
            executor.close()
    # the facts file too: only what this build used (and the edition-wide pages it kept, ``kept``)
    return lambda kept=(): store.keep_only(used | set(kept))


def _facts(edition: Edition, store, used: set[str], fresh: bool, executor_of, facts_task, task) -> list[bytes]:
    """Every text's facts, in document order: from the cache's facts file, else made as tasks."""
    from .cache import facts_key

    keys = {document: facts_key(edition, document) for document in edition.texts}
    kept = {} if fresh else store.facts()
    found = {document: kept[key].encode("utf-8") for document, key in keys.items() if key in kept}
    missing = [document for document in edition.texts if document not in found]
    if missing:
        for document, facts in zip(missing, _mapped(executor_of(len(missing)), facts_task, missing,
                                                    lambda d: task(edition, d))):
            found[document] = facts
    if missing:  # beside the previous build's, which a failed build must leave as they were
        store.store_facts({**kept, **{keys[d]: found[d].decode("utf-8") for d in missing}})
    used.update(keys.values())
    return [found[document] for document in edition.texts]


# Tasks handed to the executor at a time: a task carries its document's bytes and slice of the index,
# so a corpus's tasks are not all made before the first is done.
TASK_BATCH = 512


def _mapped(executor, function, documents: list, task_of) -> Iterator:
    """``executor.map(function, …)`` over the tasks of ``documents``, in order, a batch at a time, the
    next batch queued before the one before is read (the workers never wait for it): the tasks held
    are two batches', not the corpus's."""
    pending = None
    for start in range(0, len(documents), TASK_BATCH):
        queued = executor.map(function, [task_of(d) for d in documents[start:start + TASK_BATCH]])
        if pending is not None:
            yield from pending
        pending = queued
    if pending is not None:
        yield from pending


def _place(folder: Path, path: str, digest: str, blobs) -> None:
    target = _target(folder, path)
    carried = _carried.get()
    if carried is not None and carried.keeps(target, digest):
        return  # the staging folder holds those bytes there already
    try:
        _make_folder(os.path.dirname(target))
        blobs.link(digest, target)
    except OSError as error:
        raise BuildError(f"cannot write: {error.strerror or error}", file=target) from None


def _write(folder: Path, output: Output) -> str | None:
    """Write ``output`` into ``folder``; the digest of its bytes where it went into the blob store."""
    path = Path(_target(folder, output.path))
    carried = _carried.get()
    try:
        _make_folder(str(path.parent))
        blobs = _blob_store.get(None)
        if blobs is None:
            if carried is not None:
                carried.keeps(str(path), None)
            path.write_bytes(output.content)
            return None
        if carried is None:
            return blobs.place(output.content, path)
        digest = blobs.add(output.content)
        if not carried.keeps(str(path), digest):
            blobs.link(digest, str(path))
        return digest
    except OSError as error:  # a full disk, say: name the file, keep the previous build
        raise BuildError(f"cannot write: {error.strerror or error}", file=path) from None


def _target(folder: Path, path: str) -> str:
    """Where ``path`` goes in ``folder`` (a fresh staging folder, with no links in it): never outside.
    Strings, not ``Path``s: a corpus places tens of thousands of files."""
    normal = os.path.normpath(path)
    if os.path.isabs(normal) or normal == ".." or normal.startswith("../") or normal == ".":
        raise BuildError(f"output path escapes its folder: {path}")
    return os.path.join(folder, normal)


# Folders this process has made for outputs: tens of thousands of files share a few hundred folders.
_made_folders: set[str] = set()


def _make_folder(folder: str) -> None:
    if folder not in _made_folders:  # staging folders are new each build: never a stale entry
        os.makedirs(folder, exist_ok=True)
        _made_folders.add(folder)


def _output_folder(out_dir: Path, paths, edition: Edition, force: bool):
    from .output_folder import OutputFolder

    given = [Path(p) for p in (paths or [])]
    folders = [edition.config.sources_dir, *(p for p in given if p.is_dir())]
    files = [d.path for d in edition.documents] + [p for p in given if not p.is_dir()]
    return OutputFolder(out_dir, [f for f in folders if f.is_dir()], files, edition.config.root, force)


# Re-exported: the names this module has always offered.
__all__ = ["READINGS", "BuildOptions", "BuildReport", "Builder", "Output", "ValidationFailed", "build_edition"]
