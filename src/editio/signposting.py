"""FAIR Signposting over HTTP: the ``Link`` headers of landing pages and of the resources they link.

The build writes each document's linkset (``metadata/<id>.linkset.json``, RFC 9264, from
``xslt/linkset.xsl``); this module reads them and answers, for a request path, the headers that go
with it: a landing page (the reading page and its "about" page) gets all its links and its linkset;
each item (PDF, TEI, plain text) links back to the page as ``collection``, each metadata record as
``describes``. The linksets are read again when a build replaces them.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from .folder_snapshot import FolderSnapshot

LINKSET_SUFFIX = ".linkset.json"
LINKSET_TYPE = "application/linkset+json"
# What an item or a record says of its landing page (Signposting's reverse relations).
_BACK = {"item": "collection", "describedby": "describes"}


def link_value(href: str, rel: str, media_type: str | None = None) -> str:
    value = f'<{href}>; rel="{rel}"'
    return value + (f'; type="{media_type}"' if media_type else "")


class Signposts:
    """Link headers by request path, from the linksets under ``folder``."""

    def __init__(self, folder: Path, base_url: str, interval: float = 1.0) -> None:
        self.folder = Path(folder)
        self.base_path = urlsplit(base_url).path or "/"
        self._snapshot = FolderSnapshot(self.folder, self._read, {}, interval)

    def headers(self, path: str) -> list[tuple[str, str]]:
        value = self._snapshot.get().get(path)
        return [("Link", value)] if value else []

    def _read(self) -> dict[str, str]:
        headers: dict[str, list[str]] = {}
        for path in sorted(self.folder.glob(f"*{LINKSET_SUFFIX}")):
            try:
                linksets = json.loads(path.read_text(encoding="utf-8"))["linkset"]
            except (OSError, ValueError, KeyError, TypeError):
                continue  # a linkset being replaced: the next look finds it whole
            for linkset in linksets:
                anchor = linkset.get("anchor", "")
                own = [link_value(link["href"], rel, link.get("type"))
                       for rel, links in linkset.items() if rel != "anchor" for link in links]
                own.append(link_value(self._public(path.name), "linkset", LINKSET_TYPE))
                page = self._local(anchor)
                if page is None:
                    continue
                for landing in (page, page.replace("/", "/about/", 1)):
                    headers.setdefault(landing, []).extend(own)
                for rel, back in _BACK.items():
                    for link in linkset.get(rel, ()):
                        target = self._local(link["href"])
                        if target is not None:
                            headers.setdefault(target, []).append(link_value(anchor, back))
        return {path: ", ".join(values) for path, values in headers.items()}

    def _public(self, name: str) -> str:
        return f"{self.base_path.rstrip('/')}/metadata/{name}"

    def _local(self, url: str) -> str | None:
        """The request path of a URL of the edition's site, or None for one elsewhere."""
        path = urlsplit(url).path
        if not path.startswith(self.base_path):
            return None
        return "/" + path[len(self.base_path):].lstrip("/")
