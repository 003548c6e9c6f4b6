"""The build cache: what a builder made, kept under a hash of everything it depends on.

A builder's key hashes editio's version and code, the builder and its options, every byte of every
source file (prolog, comments and processing instructions included, not only the parsed tree), the
settings (their values and their file), the compact index (which the sources and settings make), the stylesheets folder and the versions
of the engines the builder names. Contents, not modification times: a touched but unchanged file rebuilds nothing,
and a changed register or stylesheet rebuilds everything that reads it. The granularity is one
builder for the whole edition, which is always correct. Beneath it, for the builders whose
per-document files are pure (``Builder.pure``), each document's files are kept under a key of their
own (:func:`document_key`): the document's bytes and name, its slice of the compact index (the
settings and register kinds, and the entries, registers and targets its pointers reach:
``document_context.py``; all its transforms read beside it), the settings, options, stylesheets
and engines, and the document's neighbours in date order (its page links them). A changed letter
misses only its own entry, its neighbours' when its title or date changed, and those of the letters
that name an entry it changed; a letter that adds a new name misses no other letter's entry; a
change to what every letter reads (the settings, the register kinds, a stylesheet) misses them all.
A document's facts (``facts.py``) are kept the same way (:func:`facts_key`).
Validation reports are kept the same way, under the documents and their schemas.

The cache lives in ``<build>/.cache/`` and keeps one entry per builder and one per document of the
last build, so it never grows beyond the edition. The files themselves are kept once, by the hash of
their bytes (:class:`BlobStore`), and every output is a hard link to its blob: writing a file whose
bytes an earlier build made costs a link, not a write (on a busy disk, writing 20,000 small files
takes minutes; linking them, seconds).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path
from typing import Iterable

from . import __version__
from .transform import XSLT_DIR

CACHE_FOLDER = ".cache"
FACTS_FILE = "facts.json"
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
    return _engine_versions(tuple(distributions))


@cache
def _engine_versions(distributions: tuple[str, ...]) -> str:
    # once per process: reading a distribution's metadata parses a file (milliseconds, per document)
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
    So do the outputs of a builder made from their files (the search index of the site's pages).
    """
    from .record_dates import history_digest, produced_history_digest
    history = "" if not {builder.name, *getattr(builder, "needs", ())} & set(RECORD_DATED) else \
        produced_history_digest(edition) if produced else history_digest(edition)
    sources = [part for document in edition.documents
               for part in (edition.relative_name(document), document.source)]
    settings = edition.config.path.read_bytes() if edition.config.path and edition.config.path.is_file() else b""
    return _hash(__version__, code_digest(), builder.name, repr(options), repr(edition.config), settings,
                 *sources, edition.context_xml, stylesheets_digest(),
                 engine_versions(("saxonche", *builder.engines)), history)


class BlobStore:
    """Files by the SHA-256 of their bytes under ``<out>/.cache/blobs/``; ``place`` hard-links one to a
    path (or writes it there, where the file system has no hard links)."""

    def __init__(self, out_dir: Path) -> None:
        self.root = out_dir / CACHE_FOLDER / "blobs"
        # What this build added to the current build folder's cache, newest last: a failed build
        # takes it out again (``discard_new``), so that it leaves the previous build as it was. Kept as
        # strings: a corpus build adds hundreds of thousands, and a Path costs several times its string.
        self.created: list[str] = []
        self._folders: set[str] = set()  # folders known to be there (``make_folder``)

    def add(self, content: bytes) -> str:
        digest = hashlib.sha256(content).hexdigest()
        # strings, not Paths: a build adds a blob per file it makes
        folder = f"{self.root}/{digest[:2]}"
        blob = f"{folder}/{digest}"
        if not os.path.isfile(blob):
            self.make_folder(folder)
            scratch = f"{folder}/.new-{digest}-{os.getpid()}"
            try:
                with open(scratch, "wb") as written:
                    written.write(content)
                os.replace(scratch, blob)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(scratch)
                raise
            self.created.append(blob)
        return digest

    def make_folder(self, folder: Path | str) -> None:
        """Make ``folder`` (and the cache's folders above it), remembering those this build made; a
        folder made or found once is not looked at again (a build adds thousands of blobs to a few
        hundred folders, and nothing else removes them while it runs)."""
        if str(folder) in self._folders:
            return
        folder = Path(folder)
        missing = [folder, *folder.parents]
        missing = [f for f in reversed(missing[:missing.index(self.root.parent.parent)]) if not f.is_dir()] \
            if self.root.parent.parent in missing else []
        folder.mkdir(parents=True, exist_ok=True)
        self.created.extend(map(str, missing))
        self._folders.add(str(folder))

    def discard_new(self) -> None:
        """Remove what this build added (files, then the folders made for them)."""
        for path in reversed(self.created):
            try:
                os.rmdir(path) if os.path.isdir(path) else os.unlink(path)
            except OSError:
                pass
        self.created.clear()
        self._folders.clear()

    def holds(self, digest: str) -> bool:
        return os.path.isfile(f"{self.root}/{digest[:2]}/{digest}")

    def link(self, digest: str, path: str) -> None:
        """Hard-link the blob ``digest`` to ``path`` (or copy it, where there are no hard links)."""
        blob = f"{self.root}/{digest[:2]}/{digest}"
        try:
            try:
                os.link(blob, path)
            except FileExistsError:  # written twice (the site's copy of a builder's file): replaced, never
                os.unlink(path)      # written through, which would change the blob it links to
                os.link(blob, path)
        except OSError:
            with open(blob, "rb") as source, open(path, "wb") as target:
                target.write(source.read())

    def read(self, digest: str) -> bytes:
        return (self.root / digest[:2] / digest).read_bytes()

    def place(self, content: bytes, path: Path) -> str | None:
        """Link ``content``'s blob to ``path``; its digest (None where it had to be written there)."""
        try:
            digest = self.add(content)
            os.link(self.root / digest[:2] / digest, path)
            return digest
        except OSError:
            path.write_bytes(content)
            return None

    def prune(self) -> None:
        """Drop the blobs no output and no cache entry links to any more (one link: the store's own).

        A sweep looks at every blob, which for a corpus is tens of thousands of files; a build adds
        only the blobs of what changed. So the store is swept once the blobs added since the last
        sweep reach a tenth of it: what is left unused in between is at most that tenth."""
        if not self.root.is_dir():
            return
        tally = self.root / ".unswept.json"
        root = str(self.root)
        added = sum(1 for path in self.created if os.path.dirname(os.path.dirname(path)) == root)
        try:
            kept = json.loads(tally.read_text(encoding="utf-8"))
            added, total = added + int(kept["added"]), int(kept["total"])
        except (OSError, ValueError, KeyError, TypeError):
            total = 0
        if total and added * 10 < total:
            _write_json(tally, {"added": added, "total": total})
            return
        remaining = 0
        for folder in self.root.iterdir():
            for blob in folder.iterdir() if folder.is_dir() else ():
                try:
                    if blob.stat().st_nlink <= 1 and not self._referenced(blob.name):
                        blob.unlink()
                    else:
                        remaining += 1
                except OSError:
                    pass
        _write_json(tally, {"added": 0, "total": remaining})

    def _referenced(self, digest: str) -> bool:
        return digest in self._document_digests

    @cached_property
    def _document_digests(self) -> set[str]:
        """The blobs the per-document cache names (its entries hold digests, not links)."""
        digests: set[str] = set()
        for entry in (self.root.parent / "documents").glob("*"):
            try:
                with open(entry, "rb") as opened:
                    digests.update(row[2] for row in json.loads(opened.read())["files"])
            except (OSError, ValueError, TypeError, IndexError, KeyError):
                continue
        return digests


def document_key(builders, edition, options, document, record_state: str = "", neighbours: bytes = b"") -> str:
    """The key of ``document``'s files from the pure builders ``builders``: the document, its slice of
    the index (all it reads of the registers and of the other documents), and, for files that carry
    record dates, the document's record state; for its page, its neighbours in date order."""
    shared = _shared_digest(edition, "documents", " ".join(b.name for b in builders), repr(options),
                            engine_versions(("saxonche", *(e for b in builders for e in b.engines))))
    return _hash(shared, edition.relative_name(document), document.source, edition.document_context(document),
                 record_state, neighbours)


def facts_key(edition, document) -> str:
    """The key of ``document``'s facts (``facts.py``): what the facts transform reads (the document
    and its slice of the index)."""
    return _hash(_shared_digest(edition, "facts", engine_versions(("saxonche",))),
                 edition.relative_name(document), document.source, edition.document_context(document))


def _shared_digest(edition, *parts: str) -> str:
    """What every document's key of one kind shares (editio, the settings, the stylesheets, ``parts``),
    hashed once per build rather than once per document."""
    kept = edition.__dict__.setdefault("_editio_shared_digests", {})
    if parts not in kept:
        kept[parts] = _hash(__version__, _edition_digest(edition), repr(edition.config),
                            stylesheets_digest(), *parts)
    return kept[parts]


def _edition_digest(edition) -> str:
    """What every document's key shares beside its own bytes and slice: editio's code and every byte
    of the settings file. Not the registers' sources (the documents without a text) as a whole: a
    document's transforms read of them only what its slice holds (their merged entries, a register
    kept in full that it points into), and the slice is in its key. Once per build."""
    digest = edition.__dict__.get("_editio_edition_digest")
    if digest is None:
        settings = edition.config.path.read_bytes() \
            if edition.config.path and edition.config.path.is_file() else b""
        digest = _hash(code_digest(), settings)
        edition.__dict__["_editio_edition_digest"] = digest
    return digest


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


def _write_json(path: Path, value) -> None:
    try:
        scratch = path.with_name(f".{path.name}.{os.getpid()}")
        scratch.write_text(json.dumps(value), encoding="utf-8")
        os.replace(scratch, path)
    except OSError:
        pass  # a tally that cannot be kept means only an earlier sweep


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


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
            for path in files:  # hard links: the staged files are links to blobs already
                (scratch / path).parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(str(folder / path), str(scratch / path))
            (scratch / NOTES_FILE).write_text(json.dumps({"files": files, **notes}), encoding="utf-8")
        replace_entry(self.root / name, key, fill)

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
        replace_entry(self.root / "validation", key,
                      lambda scratch: (scratch / "report.json").write_text(content, encoding="utf-8"))


def replace_entry(folder: Path, key: str, fill) -> None:
    """The entry ``folder/key``, filled by ``fill(a scratch folder)``: written beside the old entries,
    renamed into place, then the old ones dropped (one entry per folder)."""
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


class DocumentCache:
    """One small JSON file per document under ``<out>/.cache/documents/``: each of its files as
    (builder, path, digest, notes), the bytes being in the :class:`BlobStore`. Entries the last build
    did not use are dropped by ``keep_only``."""

    def __init__(self, out_dir: Path, blobs: BlobStore | None = None) -> None:
        self.root = out_dir / CACHE_FOLDER / "documents"
        self.blobs = blobs or BlobStore(out_dir)

    def holds(self, key: str) -> bool:
        return (self.root / key).is_file()

    def entry(self, key: str):
        """(outputs by builder as (path, content, notes), the record state kept with them), or None."""
        try:
            stored = json.loads((self.root / key).read_bytes())
            made: dict[str, list] = {}
            for name, path, digest, notes in stored["files"]:
                made.setdefault(name, []).append((path, self.blobs.read(digest), tuple(notes)))
            return made, stored.get("state")
        except (OSError, ValueError, TypeError, KeyError):
            return None  # a damaged entry (or a blob gone) is only a miss

    def rows(self, key: str):
        """(files by builder as (path, blob digest, notes), the record state), without reading the files;
        None when the entry or one of its blobs is missing or damaged."""
        try:
            stored = json.loads((self.root / key).read_bytes())
            made: dict[str, list] = {}
            for name, path, digest, notes in stored["files"]:
                if not self.blobs.holds(digest):
                    return None
                made.setdefault(name, []).append((path, digest, tuple(notes)))
            return made, stored.get("state")
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def store(self, key: str, outputs: dict[str, list[tuple[str, bytes, tuple[str, ...]]]],
              state=None) -> list | None:
        """Keep ``outputs`` under ``key``; the rows kept ([builder, path, blob digest, notes], in the
        order given), or None when their bytes could not be stored."""
        try:
            rows = [[name, path, self.blobs.add(content), list(notes)] for name, files in outputs.items()
                    for path, content, notes in files]
        except OSError:
            return None
        self.store_rows(key, rows, state)
        return rows

    def store_rows(self, key: str, rows: list, state=None) -> None:
        """Keep ``rows`` ([builder, path, blob digest, notes], their blobs in the store) under ``key``."""
        entry = f"{self.root}/{key}"
        try:
            self.blobs.make_folder(self.root)
            scratch = f"{self.root}/.new-{key}"
            new = not os.path.exists(entry)
            try:
                with open(scratch, "w", encoding="utf-8") as written:
                    written.write(json.dumps({"files": rows, "state": state}))
                os.replace(scratch, entry)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(scratch)
                raise
            if new:
                self.blobs.created.append(entry)
        except OSError:
            pass

    def facts(self) -> dict[str, str]:
        """Every document's facts the last build kept, by their key (one file: a corpus's facts are
        read at every build, and one read is cheaper than a thousand)."""
        try:
            kept = json.loads((self.root.parent / FACTS_FILE).read_bytes())
            return kept if isinstance(kept, dict) else {}
        except (OSError, ValueError):
            return {}

    def store_facts(self, facts: dict[str, str]) -> None:
        """Keep ``facts`` (only those: the file never grows beyond the edition)."""
        path = self.root.parent / FACTS_FILE
        scratch = path.with_name(f".{FACTS_FILE}.{os.getpid()}")
        try:
            self.blobs.make_folder(path.parent)
            new = not path.exists()
            scratch.write_text(json.dumps(facts, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            os.replace(scratch, path)
            if new:  # a failed build takes it out again (BlobStore.discard_new)
                self.blobs.created.append(str(path))
        except OSError:
            scratch.unlink(missing_ok=True)

    def keep_only(self, keys: set[str]) -> None:
        facts = self.facts()
        if set(facts) - keys:
            self.store_facts({key: value for key, value in facts.items() if key in keys})
        if not self.root.is_dir():
            return
        for entry in self.root.iterdir():
            if entry.name not in keys:
                try:
                    entry.unlink()
                except OSError:
                    pass
