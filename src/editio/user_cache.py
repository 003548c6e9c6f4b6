"""A per-user cache of what is slow to derive and depends only on files and library versions: the web
fonts' subsets (``webfonts.py``) and compiled XML Schemas (``validators/xsd.py``).

It is not the build cache (``<build>/.cache``, keyed by a build's inputs): an entry here is kept
under a digest of *everything* it is made from (the files' bytes, the library versions, the code that
makes it), so that it can serve every edition of the user and never a stale value. It lives in
``$EDITIO_CACHE_DIR``, else ``$XDG_CACHE_HOME/editio``, else ``~/.cache/editio``;
``EDITIO_CACHE_DIR=off`` turns it off. Writes are atomic (a temporary file renamed into place); an
entry whose bytes do not match the digest stored with it (a torn or damaged file) is a miss, and a
folder that cannot be written only makes builds slower. Entries that hold pickles are read only from
a folder that belongs to this user and that nobody else may write to.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

OFF = "off"
# Entries kept per kind, the least recently used dropped first: a test suite or a user trying many
# schemas leaves at most this many behind (a compiled XSD 1.1 schema is about half a megabyte).
LIMIT = 32
_DIGEST = hashlib.sha256().digest_size


def folder() -> Path | None:
    """The cache folder (not created), or None when the cache is turned off."""
    given = os.environ.get("EDITIO_CACHE_DIR")
    if given is not None:
        return None if given.strip().lower() in (OFF, "") else Path(given)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # a relative one is to be ignored (XDG Base Directory specification)
        return Path(xdg) / "editio"
    home = os.path.expanduser("~")
    # no home (a service account): no cache, rather than a "~" folder wherever the build runs
    return Path(home) / ".cache" / "editio" if os.path.isabs(home) else None


def key(*parts: bytes | str) -> str:
    """A digest of ``parts``, each length-prefixed so that no two sequences of parts share one."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read(kind: str, entry: str, trusted: bool = False) -> bytes | None:
    """The bytes kept under ``kind``/``entry``, or None (absent, damaged, or the cache is off).
    ``trusted``: only from a folder that this user owns and nobody else may write (for pickles)."""
    base = folder()
    if base is None:
        return None
    path = base / kind / entry
    try:
        if trusted and not _private(base, path.parent):
            return None
        data = path.read_bytes()
    except OSError:
        return None
    try:
        os.utime(path)  # recently used: kept when the folder is pruned
    except OSError:
        pass
    stored, content = data[:_DIGEST], data[_DIGEST:]
    if len(stored) != _DIGEST or hashlib.sha256(content).digest() != stored:
        return None
    return content


def write(kind: str, entry: str, content: bytes) -> None:
    """Keep ``content`` under ``kind``/``entry``; atomic, and silent when the folder cannot be written."""
    base = folder()
    if base is None:
        return
    target = base / kind
    try:
        target.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=target, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(hashlib.sha256(content).digest())
                out.write(content)
            os.replace(temporary, target / entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(target)
    except OSError:
        return  # a cache that cannot be written is only a slower build


def _prune(target: Path) -> None:
    entries = []
    for path in target.iterdir():
        if path.name.startswith(".tmp-"):
            continue  # another process's write in progress
        try:
            entries.append((path.stat().st_mtime_ns, path.name, path))
        except OSError:
            continue  # removed by another process meanwhile
    for _, _, path in sorted(entries)[:-LIMIT]:
        path.unlink(missing_ok=True)


def _private(*folders: Path) -> bool:
    uid = os.getuid() if hasattr(os, "getuid") else None
    for path in folders:
        status = path.stat()
        if uid is not None and status.st_uid != uid:
            return False
        if status.st_mode & 0o022:
            return False
    return True
