"""The build cache: what a builder made, kept under a hash of everything it depends on.

A builder's key hashes editio's version and code, the builder and its options, every byte of every
source file (prolog, comments and processing instructions included, not only the parsed tree), the
settings (their values and their file), the edition index, the stylesheets folder and the versions
of the engines the builder names. Contents, not modification times: a touched but unchanged file rebuilds nothing,
and a changed register or stylesheet rebuilds everything that reads it. The granularity is one
builder for the whole edition, which is always correct; an edition of many documents would want
finer keys. Validation reports are kept the same way, under the documents and their schemas.

The cache lives in ``<build>/.cache/`` and keeps one entry per builder, so it never grows.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Iterable

from . import __version__
from .transform import XSLT_DIR

CACHE_FOLDER = ".cache"
NOTES_FILE = ".notes.json"


def _hash(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """The hash of every file's path and contents under ``folder``."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return _hash(*(part for p in files for part in (p.relative_to(folder).as_posix(), p.read_bytes())))


@cache
def stylesheets_digest() -> str:
    return folder_digest(XSLT_DIR)


def engine_versions(distributions: Iterable[str]) -> str:
    """Installed versions, read from package metadata (cheaper than importing the engines)."""
    versions = []
    for name in distributions:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=absent")
    return ",".join(versions)


# Builders whose outputs carry record dates, which continue the build folder's record history.
RECORD_DATED = ("html", "metadata")


@cache
def code_digest() -> str:
    """editio's own modules: a changed builder in a working copy is a changed output."""
    return folder_digest(Path(__file__).resolve().parent)


def builder_key(builder, edition, options, produced: bool = False) -> str:
    """The key to look outputs up by; with ``produced``, the key to keep them under.

    Record dates continue the build folder's record history, so outputs that carry them depend on
    it. They are kept under the history they produced: a rebuild of unchanged sources starts from
    that history and would produce the same outputs (record dates only move when records change).
    """
    from .record_dates import history_digest, produced_history_digest
    history = "" if builder.name not in RECORD_DATED else \
        produced_history_digest(edition) if produced else history_digest(edition)
    sources = [part for document in edition.documents
               for part in (edition.relative_name(document), document.source)]
    settings = edition.config.path.read_bytes() if edition.config.path and edition.config.path.is_file() else b""
    return _hash(__version__, code_digest(), builder.name, repr(options), repr(edition.config), settings,
                 *sources, edition.index_xml, stylesheets_digest(),
                 engine_versions(("saxonche", *builder.engines)), history)


def validation_key(edition) -> str:
    """The documents, and the folders of the local schemas they declare (includes and all)."""
    from .edition import today  # a rule compares dates with today: a report holds for one day
    parts, folders = [__version__, engine_versions(("xmlschema", "lxml")), today()], set()
    for document in edition.documents:
        parts += [str(document.path), document.source, str(document in edition.context)]
        folders |= {(document.path.parent / ref.href).resolve().parent for ref in document.schema_references
                    if "://" not in ref.href}
    for folder in sorted(folders):
        parts += [str(folder), folder_digest(folder) if folder.is_dir() else "absent"]
    return _hash(*parts)


class BuildCache:
    """Entries under ``<out>/.cache``: one folder of files per builder, one report per validation."""

    def __init__(self, out_dir: Path) -> None:
        self.root = out_dir / CACHE_FOLDER

    def outputs(self, name: str, key: str) -> list[tuple[str, bytes, tuple[str, ...]]] | None:
        """The cached outputs of builder ``name`` for ``key`` as (path, content, notes), or None
        (also for an entry that cannot be read whole: a damaged cache is only a miss)."""
        entry = self.root / name / key
        if not entry.is_dir():
            return None
        try:
            index = json.loads((entry / NOTES_FILE).read_text(encoding="utf-8"))
            return [(path, (entry / path).read_bytes(), tuple(index.get(path, ()))) for path in index["files"]]
        except (OSError, ValueError, KeyError):
            return None

    def store_outputs(self, name: str, key: str, folder: Path, files: Iterable[str],
                      notes: dict[str, list[str]]) -> None:
        """Keep ``files``, which the builder just wrote to ``folder`` (its staging folder), under ``key``.

        Only those: another builder may have added its own files to the same folder (the site
        carries the PDF), and they belong to that builder's entry."""
        files = sorted(set(files))

        def fill(scratch: Path) -> None:
            for path in files:
                (scratch / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(folder / path, scratch / path)
            (scratch / NOTES_FILE).write_text(json.dumps({"files": files, **notes}), encoding="utf-8")
        self._replace(self.root / name, key, fill)

    def report(self, key: str):
        from .problems import Problem
        from .validation import ValidationReport
        try:
            stored = json.loads((self.root / "validation" / key / "report.json").read_text(encoding="utf-8"))
            return ValidationReport(stored["files"], [Problem(**p) for p in stored["problems"]])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store_report(self, key: str, report) -> None:
        content = json.dumps({"files": report.files, "problems": [asdict(p) for p in report.problems]})
        self._replace(self.root / "validation", key,
                      lambda scratch: (scratch / "report.json").write_text(content, encoding="utf-8"))

    def _replace(self, folder: Path, key: str, fill) -> None:
        """Write an entry beside the old ones, rename it into place, then drop the old ones."""
        scratch = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            scratch = Path(tempfile.mkdtemp(prefix=".new-", dir=folder))
            fill(scratch)
            shutil.rmtree(folder / key, ignore_errors=True)
            os.replace(scratch, folder / key)
        except OSError:
            if scratch is not None:  # a full disk, say: leave no half-written entry behind
                shutil.rmtree(scratch, ignore_errors=True)
            return  # a cache that cannot be written is only a slower build
        for old in folder.iterdir():
            if old.name != key:
                shutil.rmtree(old, ignore_errors=True)
