"""A least-recently-used cache of record bytes, bounded by their total size, safe across threads."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable


class ByteBudgetCache:
    """Keeps the most recently used values while their lengths add up to at most ``budget`` bytes."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, load: Callable[[], bytes]) -> bytes:
        """The value for ``key``, calling ``load`` (outside the lock) when it is not cached."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
                return value
        value = load()
        if len(value) <= self.budget:
            with self._lock:
                if key not in self._entries:
                    self._entries[key] = value
                    self.size += len(value)
                while self.size > self.budget:
                    _, evicted = self._entries.popitem(last=False)
                    self.size -= len(evicted)
        return value

    def __len__(self) -> int:
        return len(self._entries)
