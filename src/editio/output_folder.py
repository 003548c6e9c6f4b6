"""The output folder: editio replaces only what it made, and every reader sees one whole build.

Three promises, each tested in ``tests/test_output_folder.py``:

* **Never destroys what it did not write.** A build folder carries a marker (``.editio-build``).
  An existing folder that is neither empty nor marked is refused unless ``--force``; a folder that
  is, contains or lies inside a source folder, or is or contains the project root, ``/`` or the
  home folder, is refused always.
* **Never mixes two builds.** A build is written into a fresh sibling folder (``.<name>.staging-…``),
  completed with whatever of the current build it did not remake (hard links, so it costs little),
  and then exchanged with the current folder in one ``renameat2(RENAME_EXCHANGE)``: whoever opens
  a path under ``build/`` gets the old build or the new one, never a mix, even if the build is
  killed between any two steps. (Where the kernel or file system cannot exchange, two renames
  leave ``build/`` absent for an instant; where ``build/`` is a mount point, the folders inside
  it are swapped one by one. Both are said in the README.)
* **Leaves no litter.** Staging folders of a build that died are removed by the next build.

A corpus's build (``recycle``) does not link its tens of thousands of unchanged files into a fresh
folder each time: the build it replaces is kept beside it as the *spare* (``.<name>.spare``), with a
record in the cache of every file it holds (path and digest) and of its folders' modification times.
The next build takes the spare over as its staging folder, if no folder in it changed since it was
recorded: a file with the same bytes is left as it is, one with other bytes is replaced (unlinked,
never written through: the files are links to the cache's blobs), and files the build did not write
are removed, so that the new build is what a fresh folder would hold. The current build is never
touched; a build that fails removes its staging folder, the spare with it.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import BuildError

MARKER = ".editio-build"
MARKER_TEXT = "This folder is made by `editio build`, which replaces what is in it.\n"
# Entries a folder may hold and still count as empty (a placeholder that keeps it in git).
PLACEHOLDERS = {".gitkeep"}
# What editio puts in a build folder (a folder of these names and its cache was made by editio).
CACHE = ".cache"
EDITIO_NAMES = {"html", "text", "pdf", "metadata", "pagefind", ".cache", ".oai-secret", MARKER}
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
# The records of the generations (their files and folders), by the folder's inode, in the cache.
GENERATIONS = "generations"
_ABSENT = object()


class OutputFolder:
    """The folder a build writes into; ``check`` before anything else, then ``generation``."""

    def __init__(self, out: Path, source_folders: Iterable[Path] = (), source_files: Iterable[Path] = (),
                 project_root: Path | None = None, force: bool = False) -> None:
        self.path = Path(out)
        self.source_folders = [Path(p) for p in source_folders]
        self.source_files = [Path(p) for p in source_files]
        self.project_root = project_root
        self.force = force

    def check(self) -> None:
        """Refuse a folder the build must not replace; touches nothing."""
        out = self.path.absolute().resolve()
        shown = str(self.path) or "."
        forbidden = [(Path("/"), "the root folder"), (Path.home().resolve(), "your home folder")]
        if self.project_root is not None:
            forbidden.append((self.project_root.resolve(), "the edition's folder"))
        for folder, name in forbidden:
            if out == folder or out in folder.parents:
                raise BuildError(f"refusing to build into {shown}: it is or contains {name} ({folder}); "
                                 "choose an output folder of its own, such as build/")
        for folder in self.source_folders:
            folder = folder.absolute().resolve()
            if out == folder or out in folder.parents or folder in out.parents:
                raise BuildError(f"refusing to build into {shown}: it is, contains or lies inside the source "
                                 f"folder {folder}; the sources are never written")
        # a corpus has thousands of sources in a few folders: each folder resolved once (a file that
        # is a link, where it points)
        folders: dict[Path, Path] = {}
        for file in self.source_files:
            folders.setdefault(file.absolute().resolve().parent if os.path.islink(file) else file.absolute().parent, file)
        for folder, file in folders.items():
            folder = folder.resolve()
            if out == folder or out in folder.parents:
                raise BuildError(f"refusing to build into {shown}: it contains the source {file}; "
                                 "the sources are never written")
        if out.exists() and not out.is_dir():
            raise BuildError(f"refusing to build into {shown}: it is not a folder")
        if out.is_dir() and not self.force and not self.is_marked() and not self.is_empty() \
                and not self.is_unmarked_build():
            raise BuildError(f"refusing to build into {shown}: it holds files that editio did not make "
                             f"(no {MARKER} marker); choose another folder, or pass --force to let "
                             "editio replace its html/, text/, pdf/ and metadata/ folders")

    def is_marked(self) -> bool:
        return (self.path / MARKER).is_file()

    def is_unmarked_build(self) -> bool:
        """A build folder from before the marker: its build cache, and nothing but editio's names."""
        try:
            names = {entry.name for entry in os.scandir(self.path)}
        except OSError:
            return False
        return ".cache" in names and names <= EDITIO_NAMES | PLACEHOLDERS

    def is_empty(self) -> bool:
        try:
            return all(entry.name in PLACEHOLDERS for entry in os.scandir(self.path))
        except OSError:
            return False

    def claim(self) -> None:
        """Create the folder (or adopt an empty one) with its marker; clean what dead builds left."""
        self.path.mkdir(parents=True, exist_ok=True)
        if not self.is_marked():
            _write_atomically(self.path / MARKER, MARKER_TEXT.encode())
        remove_stale_staging(self.real)

    @property
    def real(self) -> Path:
        """The folder itself, where ``out`` is a symbolic link to it (the link stays as it is)."""
        return Path(os.path.realpath(self.path))

    def generation(self, rebuilt: Iterable[str], retire_in_background: bool = False,
                   recycle: bool = False) -> "Generation":
        return Generation(self, list(rebuilt), retire_in_background, recycle)


class Carried:
    """The files a staging folder already holds (taken over from the spare), by absolute path → the
    digest of their bytes, and every file this build writes there (the record of the new generation).

    ``keeps(target, digest)`` before a file is written: True when ``target`` holds those bytes already
    (nothing to write); otherwise a different file there is removed first."""

    def __init__(self, files: dict[str, str | None] | None = None) -> None:
        self.files = files or {}
        self.written: dict[str, str | None] = {}

    def keeps(self, target: str, digest: str | None) -> bool:
        self.written[target] = digest
        old = self.files.pop(target, _ABSENT)
        if old is _ABSENT:
            return False
        if digest is not None and old == digest:
            return True
        try:
            os.unlink(target)  # other bytes: replaced, never written through (it links a blob)
        except FileNotFoundError:
            pass
        return False


class Generation:
    """A new build beside the current one; on a clean exit it replaces the current one whole."""

    def __init__(self, folder: OutputFolder, rebuilt: list[str], retire_in_background: bool = False,
                 recycle: bool = False) -> None:
        self.folder = folder
        self.rebuilt = set(rebuilt)
        self.out = folder.real
        self.in_place = os.path.ismount(self.out)  # a sibling would be on another file system
        # what the build writes goes through ``carried`` (the files a spare taken over holds)
        self.carried = Carried() if recycle and not self.in_place else None
        self._exchanged = self._retired_recorded = False
        # A corpus's retired build is tens of thousands of links: removing them is left to a process
        # of its own instead of keeping the editor waiting (its folder is a staging folder of this
        # build, which the next build removes too if it is still there).
        self.retire_in_background = retire_in_background
        self._moved_cache: Path | None = None

    def __enter__(self) -> Path:
        out = self.out
        parent = out if self.in_place else out.absolute().parent
        prefix = _staging_prefix(out, inside=self.in_place) + f"{os.getpid()}-"
        self.staging = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        if self.carried is not None:
            self._take_spare()
        return self.staging

    @property
    def spare(self) -> Path:
        return self.out.absolute().parent / f".{self.out.absolute().name}.spare"

    def _take_spare(self) -> None:
        """The spare as the staging folder (its name now a staging folder's: removed if this build
        dies), when it is as its record says; else it is removed."""
        spare = self.spare
        if not spare.is_dir():
            return
        record = _read_record(self.out / CACHE, spare)
        if record is None or not _unchanged(spare, record):
            _remove_in_background(_set_aside(spare, self.out))
            return
        os.rmdir(self.staging)
        os.replace(spare, self.staging)
        kept = set(record["folders"]) & self.rebuilt
        for entry in os.scandir(self.staging):  # what this build does not remake is linked afresh
            if entry.name not in kept:
                _remove(entry)
        root = str(self.staging)
        self.carried.files = {os.path.join(root, path): digest for path, digest in record["files"].items()
                              if path.split("/", 1)[0] in kept}

    def __exit__(self, kind, value, traceback) -> None:
        switched = False
        try:
            if kind is None:
                self._complete()
                self._switch()
                switched = True
        finally:
            if not switched and self._moved_cache is not None and (self.staging / CACHE).is_dir():
                os.replace(self.staging / CACHE, self._moved_cache)  # the previous build keeps its cache
            if switched and self.carried is not None and self._exchanged and self._retired_recorded:
                # the build just replaced, kept as the next build's spare
                if os.path.lexists(self.spare):
                    _remove_in_background(_set_aside(self.spare, self.out))
                os.replace(self.staging, self.spare)
            elif switched and self.retire_in_background:
                _remove_in_background(self.staging)
            else:
                shutil.rmtree(self.staging, ignore_errors=True)

    def _complete(self) -> None:
        """Add what this build did not remake (other outputs, the cache, the marker) to the new build."""
        out = self.out
        if self.carried is not None:
            _remove_unwritten(self.staging, self.carried.files)
        for entry in os.scandir(out):
            if entry.name in self.rebuilt or entry.name == MARKER or _is_staging(entry.name):
                continue
            target = self.staging / entry.name
            if entry.name == CACHE and entry.is_dir(follow_symlinks=False) and not self.in_place:
                # moved, not linked file by file: only the builds read it, and it holds a blob per output
                os.replace(entry.path, target)
                self._moved_cache = Path(entry.path)
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.copytree(entry.path, target, symlinks=True, copy_function=_link_or_copy,
                                dirs_exist_ok=True)
            else:
                _link_or_copy(entry.path, target)
        for name in self.rebuilt:
            (self.staging / name).mkdir(parents=True, exist_ok=True)
        (self.staging / MARKER).write_bytes(MARKER_TEXT.encode())
        self._retired_recorded = False
        if self.carried is not None and (self.staging / CACHE).is_dir():
            self._retired_recorded = _record(self.staging, self.out, sorted(self.rebuilt), self.carried.written)

    def _switch(self) -> None:
        out = self.out
        if self.in_place:
            _swap_one_by_one(self.staging, out, sorted(self.rebuilt))
            return
        try:
            exchange(self.staging, out)
            self._exchanged = True
        except OSError as error:
            if error.errno not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EPERM):
                raise
            # No exchange here: two renames, with an instant in which the folder is absent.
            retired = Path(tempfile.mkdtemp(prefix=_staging_prefix(out) + f"{os.getpid()}-", dir=out.parent))
            os.replace(out, retired / "old")
            os.replace(self.staging, out)
            self.staging = retired


def _record(staging: Path, out: Path, folders: list[str], written: dict[str, str | None]) -> bool:
    """Keep the record of the new generation (``staging``: the files written into its rebuilt
    ``folders``, with their digests, and its folders' modification times) in its cache, beside that
    of the generation it replaces (``out``, the next spare); drop the others. Whether ``out`` has one."""
    root = str(staging) + os.sep
    files = {target[len(root):].replace(os.sep, "/"): digest for target, digest in written.items()
             if target.startswith(root)}
    files = {path: digest for path, digest in files.items() if path.split("/", 1)[0] in folders}
    folders_in = set(folders)
    for path in files:
        parts = path.split("/")[:-1]
        folders_in.update("/".join(parts[:depth]) for depth in range(1, len(parts) + 1))
    try:
        times = {folder: os.stat(staging / folder).st_mtime_ns for folder in sorted(folders_in)}
        identity = os.stat(staging)
        records = staging / CACHE / GENERATIONS
        records.mkdir(exist_ok=True)
        keep = {_record_name(identity), _record_name(os.stat(out))}
        content = json.dumps({"folders": folders, "files": files, "times": times})
        scratch = records / f".{_record_name(identity)}.new"
        scratch.write_text(content, encoding="utf-8")
        os.replace(scratch, records / _record_name(identity))
        for old in records.iterdir():
            if old.name not in keep:
                old.unlink()
        return (records / _record_name(os.stat(out))).is_file()
    except OSError:
        return False


def _record_name(identity: os.stat_result) -> str:
    return f"{identity.st_dev}-{identity.st_ino}.json"


def _read_record(cache: Path, folder: Path) -> dict | None:
    try:
        record = json.loads((cache / GENERATIONS / _record_name(os.stat(folder))).read_bytes())
        return record if isinstance(record, dict) and {"folders", "files", "times"} <= set(record) else None
    except (OSError, ValueError):
        return None


def _unchanged(folder: Path, record: dict) -> bool:
    """Whether no folder of ``folder`` that the record lists was changed since (a file added, removed or
    renamed changes its folder's modification time)."""
    try:
        return all(os.stat(folder / path).st_mtime_ns == time for path, time in record["times"].items())
    except (OSError, TypeError, AttributeError):
        return False


def _remove_unwritten(staging: Path, files: dict[str, str | None]) -> None:
    """Remove the files a taken-over spare held that this build did not write, and the folders they
    leave empty: the new build holds what a fresh folder would."""
    emptied: set[str] = set()
    root = str(staging)
    for target in files:
        try:
            os.unlink(target)
        except FileNotFoundError:
            pass
        folder = os.path.dirname(target)
        while folder != root and folder.startswith(root) and folder not in emptied:
            emptied.add(folder)
            folder = os.path.dirname(folder)
    for folder in sorted(emptied, key=lambda f: f.count(os.sep), reverse=True):
        try:
            os.rmdir(folder)  # only an empty one
        except OSError:
            pass


def _remove(entry: os.DirEntry) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path, ignore_errors=True)
    else:
        os.unlink(entry.path)


def _set_aside(folder: Path, out: Path) -> Path:
    """``folder`` renamed to a staging folder of this process (removed by a later build if its removal dies)."""
    aside = Path(tempfile.mkdtemp(prefix=_staging_prefix(out) + f"{os.getpid()}-", dir=out.absolute().parent))
    os.replace(folder, aside / "old")
    return aside


def _remove_in_background(folder: Path) -> None:
    """``folder`` removed by a process of its own, which outlives this one (or here, if none starts)."""
    import subprocess
    import sys
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def exchange(first: Path, second: Path) -> None:
    """Swap two paths in one atomic step (Linux ``renameat2`` with ``RENAME_EXCHANGE``)."""
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(second))


def remove_stale_staging(out: Path) -> list[Path]:
    """Remove staging folders left beside or inside ``out`` by builds whose process is gone."""
    removed = []
    for parent, inside in ((out.absolute().parent, False), (out, True)):
        prefix = _staging_prefix(out, inside)
        try:
            entries = [entry for entry in os.scandir(parent) if entry.name.startswith(prefix)]
        except OSError:
            continue
        for entry in entries:
            owner = entry.name[len(prefix):].split("-", 1)[0]
            if not owner.isdigit() or not _alive(int(owner)):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
    return removed


def _staging_prefix(out: Path, inside: bool = False) -> str:
    return ".staging-" if inside else f".{out.absolute().name}.staging-"


def _is_staging(name: str) -> bool:
    return name.startswith(".staging-")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _link_or_copy(source: str, target: str) -> str:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)
    return target


def _write_atomically(path: Path, content: bytes) -> None:
    descriptor, scratch = tempfile.mkstemp(dir=path.parent, prefix=".marker-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def _swap_one_by_one(staging: Path, out: Path, folders: list[str]) -> None:
    """The fallback for a mount point: each rebuilt folder is renamed into place in turn."""
    for name in [*folders, MARKER]:
        fresh, current = staging / name, out / name
        if current.exists() and name != MARKER:
            os.replace(current, staging / f".retired-{name}")
        os.replace(fresh, current)
