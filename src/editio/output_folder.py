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
"""

from __future__ import annotations

import ctypes
import errno
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
        for file in self.source_files:
            folder = file.absolute().resolve().parent
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

    def generation(self, rebuilt: Iterable[str], retire_in_background: bool = False) -> "Generation":
        return Generation(self, list(rebuilt), retire_in_background)


class Generation:
    """A new build beside the current one; on a clean exit it replaces the current one whole."""

    def __init__(self, folder: OutputFolder, rebuilt: list[str], retire_in_background: bool = False) -> None:
        self.folder = folder
        self.rebuilt = set(rebuilt)
        self.out = folder.real
        self.in_place = os.path.ismount(self.out)  # a sibling would be on another file system
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
        return self.staging

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
            if switched and self.retire_in_background:
                _remove_in_background(self.staging)
            else:
                shutil.rmtree(self.staging, ignore_errors=True)

    def _complete(self) -> None:
        """Add what this build did not remake (other outputs, the cache, the marker) to the new build."""
        out = self.out
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

    def _switch(self) -> None:
        out = self.out
        if self.in_place:
            _swap_one_by_one(self.staging, out, sorted(self.rebuilt))
            return
        try:
            exchange(self.staging, out)
        except OSError as error:
            if error.errno not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EPERM):
                raise
            # No exchange here: two renames, with an instant in which the folder is absent.
            retired = Path(tempfile.mkdtemp(prefix=_staging_prefix(out) + f"{os.getpid()}-", dir=out.parent))
            os.replace(out, retired / "old")
            os.replace(self.staging, out)
            self.staging = retired


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
