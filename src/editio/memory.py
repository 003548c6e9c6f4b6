"""Giving memory the build has freed back to the system.

A corpus build's parent process receives every document's files from its workers, writes them and
lets them go: tens of thousands of short-lived buffers, between which the little it keeps per
document (a key, a record state) is allocated. glibc's allocator keeps the freed pages between those
for the process rather than returning them, so the process's resident memory grows with the corpus
though what it holds does not; and Saxon, which allocates outside the C heap, cannot reuse them for
the edition-wide pages. ``malloc_trim`` returns them; elsewhere (another C library, another system)
this does nothing.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections import OrderedDict
from functools import cache


@cache
def _trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        # the process's own symbols, which hold its C library's: ctypes.util.find_library would start
        # /sbin/ldconfig, a process every build's first trim would pay for
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def return_free_memory() -> None:
    """Return the C heap's free pages to the system (glibc), or nothing."""
    trim = _trim()
    if trim is not None:
        trim(0)


class Recent:
    """What was worked out for the last ``size`` keys (the least recently used dropped first), safe to
    share between threads: a process's memory of results that depend on a digest alone."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def put(self, key, value) -> None:
        with self._lock:
            self._kept[key] = value
            if len(self._kept) > self.size:
                self._kept.popitem(last=False)
