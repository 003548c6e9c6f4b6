"""The build in phases: load, validate, collect, render, and write atomically into ``build/``."""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .edition import Edition, load_edition
from .errors import BuildError, EditioError

READINGS = ("corrected", "diplomatic")


@dataclass(frozen=True)
class Output:
    """One file a builder produced: its path inside the builder's folder, its bytes, and notes on it."""

    path: str
    content: bytes
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildOptions:
    reading: str = "corrected"
    # The outputs this build makes, so that one can link another (the site links the PDF).
    outputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Builder:
    """An output format: per-document and edition-wide renderers that return files, never write them.

    ``prepare`` runs first, before validation, so that slow start-up work (loading a rendering
    engine) can proceed in parallel with the rest of the build; ``finish`` runs last, whatever
    happened, to release what ``prepare`` started. ``in_site`` copies the outputs into the web
    edition too (``html/<folder>/``) when both are built together.
    """

    name: str
    folder: str
    # Distributions whose version changes the output (the build cache's key holds them).
    engines: tuple[str, ...] = ()
    prepare: Callable[[Edition, BuildOptions], None] = lambda *_: None
    finish: Callable[[Edition, BuildOptions], None] = lambda *_: None
    in_site: bool = False
    render_document: Callable[[Edition, object, BuildOptions], Iterable[Output]] = lambda *_: ()
    render_edition: Callable[[Edition, BuildOptions], Iterable[Output]] = lambda *_: ()


# name → module exposing BUILDER; imported on demand so that a text-only build never loads Typst.
BUILDER_MODULES = {
    "html": "editio.site",
    "text": "editio.plaintext",
    "pdf": "editio.pdf",
    "metadata": "editio.metadata",
}


def builder(name: str) -> Builder:
    if name not in BUILDER_MODULES:
        raise EditioError(f"unknown output '{name}' (choose from {', '.join(BUILDER_MODULES)})")
    return importlib.import_module(BUILDER_MODULES[name]).BUILDER


class ValidationFailed(EditioError):
    """The edition is invalid; ``report`` says where."""

    def __init__(self, report) -> None:
        super().__init__(f"the edition is invalid ({report.summary()}); nothing was built")
        self.report = report


@dataclass
class BuildReport:
    documents: int
    outputs: dict[str, int] = field(default_factory=dict)
    cached: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    validation: object | None = None

    def summary(self) -> str:
        files = sum(self.outputs.values())
        per_format = ", ".join(f"{count} {name}" for name, count in self.outputs.items())
        reused = f"; unchanged, from the cache: {', '.join(self.cached)}" if self.cached else ""
        return (f"built {self.documents} document{'s' * (self.documents != 1)}: "
                f"{files} files ({per_format}) in {self.seconds:.2f} s{reused}")


def build_edition(paths: Iterable[str | Path] | None = None, out: str | Path | None = None,
                  only: Iterable[str] | None = None, validate: bool = True,
                  options: BuildOptions = BuildOptions(),
                  progress: Callable[[int, int], None] | None = None, fresh: bool = False) -> BuildReport:
    """Build ``paths`` (default: the configured sources) into ``out``; previous outputs survive a failure.

    What the build cache (``cache.py``) holds for unchanged inputs is reused, unless ``fresh``.
    """
    from .cache import BuildCache, builder_key

    started = time.perf_counter()
    if options.reading not in READINGS:
        raise EditioError(f"unknown reading '{options.reading}' (choose from {', '.join(READINGS)})")
    edition = load_edition(paths)
    builders = [builder(name) for name in (only or BUILDER_MODULES)]
    options = replace(options, outputs=tuple(b.name for b in builders))
    out_dir = Path(out) if out is not None else edition.config.output_dir
    edition.output_dir = out_dir  # records continue the history this build folder keeps
    cache = BuildCache(out_dir)
    keys = {b.name: builder_key(b, edition, options) for b in builders}
    cached = {b.name: None if fresh else cache.outputs(b.name, keys[b.name]) for b in builders}
    report = BuildReport(documents=len(edition.texts))
    prepared: list[Builder] = []
    try:
        for current in builders:
            if cached[current.name] is None:
                prepared.append(current)
                current.prepare(edition, options)
        if validate:
            report.validation = _validate(edition, cache, fresh)
            if not report.validation.ok:
                raise ValidationFailed(report.validation)
        with _staging(out_dir) as staging:
            for number, current in enumerate(builders):
                outputs = cached[current.name]
                if outputs is None:
                    outputs = _render(current, edition, options, progress, number * (len(edition.texts) + 1),
                                      len(builders) * (len(edition.texts) + 1))
                notes = _write_all(current, outputs, staging, options, report)
                if cached[current.name] is None:
                    cache.store_outputs(current.name, builder_key(current, edition, options, produced=True),
                                        staging / current.folder, notes)
                else:
                    report.cached.append(current.name)
                if progress:
                    progress((number + 1) * (len(edition.texts) + 1), len(builders) * (len(edition.texts) + 1))
            _swap_into_place(staging, out_dir, [b.folder for b in builders])
    finally:
        for current in prepared:
            current.finish(edition, options)
    report.notes = list(dict.fromkeys(report.notes))
    report.seconds = time.perf_counter() - started
    return report


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


def _write_all(current: Builder, outputs: Iterable, staging: Path, options: BuildOptions,
               report: BuildReport) -> dict[str, list[str]]:
    """Write a builder's outputs (rendered, or replayed from the cache); returns the notes by path."""
    site = staging / "html" if current.in_site and "html" in options.outputs else None
    notes: dict[str, list[str]] = {}
    count = 0
    for output in outputs:
        if not isinstance(output, Output):
            output = Output(*output)
        _write(staging / current.folder, output)
        if site is not None:
            _write(site / current.folder, output)
        if output.notes:
            notes[output.path] = list(output.notes)
        report.notes.extend(output.notes)
        count += 1
    report.outputs[current.name] = count
    return notes


def _render(current: Builder, edition: Edition, options: BuildOptions, progress, done: int,
            total: int) -> Iterator[Output]:
    for step, document in enumerate(edition.texts, start=1):
        yield from current.render_document(edition, document, options)
        if progress:
            progress(done + step, total)
    yield from current.render_edition(edition, options)
    if progress:
        progress(done + len(edition.texts) + 1, total)


def _write(folder: Path, output: Output) -> None:
    path = (folder / output.path).resolve()
    if folder.resolve() not in path.parents:
        raise BuildError(f"output path escapes its folder: {output.path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(output.content)


class _staging:
    """A scratch folder beside ``out`` (same file system, so the final renames are atomic)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir

    def __enter__(self) -> Path:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.out_dir))
        return self.path

    def __exit__(self, *exc_info) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _swap_into_place(staging: Path, out_dir: Path, folders: list[str]) -> None:
    for folder in folders:
        fresh, current = staging / folder, out_dir / folder
        if not fresh.exists():
            fresh.mkdir(parents=True)
        retired = staging / f".retired-{folder}"
        if current.exists():
            os.replace(current, retired)
        os.replace(fresh, current)
