"""Static files of the built edition: only files under one folder, with types and cache validators.

A path is refused before it touches the file system when it could mean anything else than a plain
file below the folder: dot segments (``..``, hidden files), percent-encoded slashes, backslashes
or dots, control characters, NUL bytes, undecodable bytes. What remains is resolved (symlinks
included) and must still lie inside the folder.
"""

from __future__ import annotations

import mimetypes
import os
import re
import stat
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote

from .headers import policy_for
from .wsgi import StartResponse, method_not_allowed, plain, status_line

INDEX = "index.html"
READ_METHODS = ("GET", "HEAD")
CHUNK = 64 * 1024

# By suffix, so the answer does not depend on the host's mime.types; the rest falls back to it.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".bib": "application/x-bibtex; charset=utf-8",
    ".ris": "application/x-research-info-systems; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}

# Files whose kind a longer suffix tells (the metadata records of xslt/metadata-formats.xml, the
# linksets): checked before the last suffix. tests/test_signposting.py holds this table to the format table.
COMPOUND_TYPES = {
    ".mods.xml": "application/mods+xml",
    ".tei-header.xml": "application/tei+xml",
    ".cmif.xml": "application/tei+xml",
    ".marc.xml": "application/marcxml+xml",
    ".mets.xml": "application/mets+xml",
    ".datacite.xml": "application/xml",
    ".csl.json": "application/vnd.citationstyles.csl+json",
    ".linkset.json": "application/linkset+json",
}

# Raw (still percent-encoded) request paths with an encoded '.', '/', '\' or NUL are refused whole.
_ENCODED_SEPARATOR = re.compile(r"%(?:2e|2f|5c|00)", re.IGNORECASE)
_UNSAFE_CHARACTER = re.compile(r"[\x00-\x1f\x7f\\]")
_BYTE_RANGE = re.compile(r"bytes=(\d{0,18})-(\d{0,18})")


class StaticFiles:
    """Serves regular files to GET and HEAD from the first of ``roots`` that has the path.

    The roots may not exist yet (a build may come later); nothing outside them is ever served.
    """

    def __init__(self, *roots: Path) -> None:
        self.roots = [os.path.realpath(root) for root in roots]

    def __call__(self, environ: dict, start_response: StartResponse, path: str, mount: str = "/") -> list[bytes]:
        """Answer for ``path``, the part of the URL path below ``mount`` ('' or starting with '/')."""
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in READ_METHODS:
            return method_not_allowed(start_response, READ_METHODS)
        head = method == "HEAD"
        raw_path = (environ.get("REQUEST_URI") or environ.get("RAW_URI") or "").split("?", 1)[0]
        try:
            text = path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return plain(start_response, 400, "the path is not UTF-8", head=head)
        segments = text.split("/")[1:]
        if (_ENCODED_SEPARATOR.search(raw_path) or _UNSAFE_CHARACTER.search(text)
                or any(segment.startswith(".") for segment in segments)):
            return plain(start_response, 403, head=head)
        for root in self.roots:
            real = _inside(root, segments, index=text.endswith("/"))
            if real is None:
                continue
            if os.path.isdir(real):  # a folder is served as its index, at the URL with a final slash
                location = quote(environ.get("SCRIPT_NAME", "") + mount.rstrip("/") + text + "/")
                # One leading slash: "//host/…" would send the reader to another site.
                location = "/" + location.lstrip("/")
                return plain(start_response, 301, headers=[("Location", location)], head=head)
            if os.path.isfile(real):
                return self._send(real, environ, start_response, head)
        return plain(start_response, 404, head=head)

    def _send(self, real: str, environ: dict, start_response: StartResponse, head: bool) -> list[bytes]:
        try:
            file = open(real, "rb")
        except OSError:
            return plain(start_response, 404, head=head)
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            file.close()
            return plain(start_response, 404, head=head)
        etag = f'"{status.st_mtime_ns:x}-{status.st_size:x}"'
        validators = [("ETag", etag), ("Last-Modified", formatdate(status.st_mtime, usegmt=True)),
                      ("Cache-Control", "no-cache")]
        if _not_modified(environ, etag, status.st_mtime):
            file.close()
            # A browser stores a 304's headers over the cached file's: without the file's own policy the
            # 304 would get the policy for data (no Content-Type here), and a page seen again would be
            # sandboxed, its scripts and fonts refused.
            start_response(status_line(304), [*validators, ("Content-Security-Policy", policy_for(content_type(real)))])
            return []
        headers = [("Content-Type", content_type(real)), ("Accept-Ranges", "bytes"),
                   ("X-Content-Type-Options", "nosniff"), *validators]
        wanted = requested_range(environ, etag, status.st_size)
        if wanted == "unsatisfiable":
            file.close()
            return plain(start_response, 416, headers=[("Content-Range", f"bytes */{status.st_size}")], head=head)
        if wanted is not None:
            start, end = wanted
            start_response(status_line(206), [*headers, ("Content-Range", f"bytes {start}-{end}/{status.st_size}"),
                                              ("Content-Length", str(end - start + 1))])
            if head:
                file.close()
                return []
            file.seek(start)
            return _chunks(file, end - start + 1)
        start_response(status_line(200), [*headers, ("Content-Length", str(status.st_size))])
        if head:
            file.close()
            return []
        wrapper = environ.get("wsgi.file_wrapper")
        return wrapper(file, CHUNK) if wrapper else _chunks(file)


def _inside(root: str, segments: list[str], index: bool) -> str | None:
    """The real path (symlinks resolved) the segments name under ``root``, unless it lies outside."""
    target = os.path.join(root, *filter(None, segments), *([INDEX] if index else []))
    real = os.path.realpath(target)
    return real if real == root or real.startswith(root + os.sep) else None


def content_type(path: str) -> str:
    name = os.path.basename(path).lower()
    # "<id>.mods.xml" in the site, "<id>/mods.xml" in build/metadata
    compound = next((kind for suffix, kind in COMPOUND_TYPES.items() if f".{name}".endswith(suffix)), None)
    if compound:
        return compound
    if name == "tei.xml" or name.endswith(".xml") and os.path.basename(os.path.dirname(path)) == "tei":
        return "application/tei+xml"  # the TEI sources the site publishes (tei/), and the OAI tei records
    suffix = os.path.splitext(path)[1].lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def _not_modified(environ: dict, etag: str, mtime: float) -> bool:
    """RFC 9110 §13.1: If-None-Match wins over If-Modified-Since."""
    match = environ.get("HTTP_IF_NONE_MATCH")
    if match is not None:
        candidates = {candidate.strip().removeprefix("W/") for candidate in match.split(",")}
        return "*" in candidates or etag in candidates
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since:
        try:
            return int(mtime) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, OverflowError, IndexError):  # a date no calendar has: ignored
            return False
    return False


def requested_range(environ: dict, etag: str, size: int) -> tuple[int, int] | str | None:
    """RFC 9110 §14: one byte range as (first, last), "unsatisfiable", or None for the whole file.

    Several ranges, or a header that cannot be read, get the whole file (a server may ignore Range);
    so does a range on a file that changed since the client's copy (If-Range)."""
    header = environ.get("HTTP_RANGE", "")
    match = _BYTE_RANGE.fullmatch(header.strip())
    if not match or environ.get("HTTP_IF_RANGE", etag).strip() != etag:
        return None
    first, last = match.groups()
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
        if last and int(last) < start:
            return None
        return (start, end) if start < size else "unsatisfiable"
    if not last or int(last) == 0:
        return "unsatisfiable" if last else None
    return max(size - int(last), 0), size - 1


def _chunks(file, remaining: int | None = None):
    with file:
        while remaining is None or remaining > 0:
            chunk = file.read(CHUNK if remaining is None else min(CHUNK, remaining))
            if not chunk:
                return
            if remaining is not None:
                remaining -= len(chunk)
            yield chunk
