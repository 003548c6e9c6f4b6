"""What a server has read from a build folder, read again when a new build replaces the folder.

A build is switched in by one rename, so the folder's inode and modification time change exactly when
there is something new to read; they are looked at no more than once per ``interval``.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable, Generic, TypeVar

Value = TypeVar("Value")


class FolderSnapshot(Generic[Value]):
    """``read()``'s value for ``folder`` as it is now; ``empty`` while the folder does not exist."""

    def __init__(self, folder: Path, read: Callable[[], Value], empty: Value, interval: float = 1.0) -> None:
        self.folder = Path(folder)
        self.interval = interval
        self._read, self._empty = read, empty
        self._lock = threading.Lock()
        self._checked = float("-inf")
        self._signature: object = None
        self._value: Value = empty

    def get(self) -> Value:
        if time.monotonic() - self._checked >= self.interval:
            with self._lock:
                self._checked = time.monotonic()
                try:
                    status = os.stat(self.folder)
                    signature = (status.st_ino, status.st_mtime_ns)
                except OSError:
                    signature = None
                if signature != self._signature:
                    self._value = self._read() if signature else self._empty
                    self._signature = signature
        return self._value
