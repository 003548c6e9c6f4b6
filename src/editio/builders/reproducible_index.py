"""Pagefind's index made byte-reproducible: its facet chunks put in one order.

Pagefind 1.5 writes the values of each facet (and the list of facets in its metadata) in the order of
a Rust hash map, which is seeded anew in every run: two runs on the same pages give facet chunks with
the same content in another order, so other bytes, other file names (they are hashes of the bytes),
and another metadata file naming them. Everything else it writes is already the same from run to run.

This module sorts each facet's values and pages and the list of facets, names each chunk after its
new bytes, and rewrites the metadata and the entry file that point to them. The chunks are gzip'd
CBOR behind a signature; only the CBOR Pagefind uses (unsigned integers, text, arrays) is read and
written, and a chunk that does not read back to its own bytes is left as Pagefind wrote it (the
index then stays valid, only not reproducible).
"""

from __future__ import annotations

import gzip
import hashlib
import json

SIGNATURE = b"pagefind_dcd"


class _Unreadable(ValueError):
    pass


def _read(data: bytes, at: int = 0):
    """One CBOR item from ``data`` at ``at``: (value, next position)."""
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        argument, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise _Unreadable(f"CBOR item of additional information {info}")
    if major == 0:
        return argument, at
    if major == 3:
        return data[at:at + argument].decode("utf-8"), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _read(data, at)
            items.append(item)
        return items, at
    raise _Unreadable(f"CBOR major type {major}")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise _Unreadable("integer too large")


def _write(value) -> bytes:
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _head(3, len(encoded)) + encoded
    return _head(4, len(value)) + b"".join(_write(item) for item in value)


def _decode(chunk: bytes):
    data = gzip.decompress(chunk)
    if not data.startswith(SIGNATURE):
        raise _Unreadable("no signature")
    value, end = _read(data, len(SIGNATURE))
    if end != len(data) or _write(value) != data[len(SIGNATURE):]:
        raise _Unreadable("does not read back to its own bytes")
    return value


def _encode(value) -> bytes:
    return gzip.compress(SIGNATURE + _write(value), compresslevel=9, mtime=0)


def _name(language: str, content: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(content).hexdigest()[:length]}"


def reproducible(files: dict[str, bytes]) -> dict[str, bytes]:
    """The index ``files`` (path relative to ``pagefind/`` → bytes) with its facet chunks in one order."""
    entry_path = "pagefind-entry.json"
    if entry_path not in files:
        return files
    try:
        entry = json.loads(files[entry_path])
        result = dict(files)
        for language in entry["languages"].values():
            old_meta = f"pagefind.{language['hash']}.pf_meta"
            prefix = language["hash"].split("_", 1)[0]
            meta = _decode(files[old_meta])
            facets = meta[3]
            renamed = []
            for name, old in facets:
                facet = _decode(files[f"filter/{old}.pf_filter"])
                facet[1] = sorted(([value, sorted(pages)] for value, pages in facet[1]), key=lambda v: v[0])
                chunk = _encode(facet)
                new = _name(prefix, chunk, len(old) - len(prefix) - 1)
                del result[f"filter/{old}.pf_filter"]
                result[f"filter/{new}.pf_filter"] = chunk
                renamed.append([name, new])
            meta[3] = sorted(renamed)
            chunk = _encode(meta)
            new_hash = _name(prefix, chunk, len(language["hash"]) - len(prefix) - 1)
            del result[old_meta]
            result[f"pagefind.{new_hash}.pf_meta"] = chunk
            language["hash"] = new_hash
        result[entry_path] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return result
    except (_Unreadable, KeyError, IndexError, TypeError, ValueError, OSError, EOFError):
        return files
