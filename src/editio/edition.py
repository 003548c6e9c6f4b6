"""The edition as a whole: its documents, their settings, and the one index every stylesheet reads."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Iterable

from lxml import etree

from .config import Config, load_config
from .documents import NS, Document, iterate_source_paths, load_document

EDITIO_NS = "urn:editio"


@dataclass(eq=False)
class Edition:
    config: Config
    documents: list[Document]

    @property
    def texts(self) -> list[Document]:
        """Documents with a ``<text>`` to publish (a register holding only a ``standOff`` has none)."""
        return [d for d in self.documents if d.root.find(f"{{{NS['tei']}}}text") is not None]

    def document(self, document_id: str) -> Document:
        for candidate in self.documents:
            if candidate.id == document_id:
                return candidate
        raise KeyError(document_id)

    @cached_property
    def index_xml(self) -> bytes:
        """``<ed:edition>``: the settings, then every document wrapped with its id and output names."""
        settings = self.config.edition
        root = etree.Element(f"{{{EDITIO_NS}}}edition", nsmap={"ed": EDITIO_NS})
        etree.SubElement(root, f"{{{EDITIO_NS}}}settings", {
            "title": settings.title, "publisher": settings.publisher, "base-url": settings.base_url,
            "licence": settings.licence, "licence-url": settings.licence_url, "contact": settings.contact,
            "language": settings.language, "build-date": build_date() or "",
            "page-size": self.config.pdf.page_size,
        })
        for document in self.documents:
            wrapper = etree.SubElement(root, f"{{{EDITIO_NS}}}document", {
                "id": document.id, "file": self.relative_name(document),
                "has-text": "true" if document in self.texts else "false",
            })
            wrapper.append(_detached_copy(document.root))
        return etree.tostring(root, encoding="utf-8")

    def relative_name(self, document: Document) -> str:
        try:
            return document.path.resolve().relative_to(self.config.sources_dir.resolve()).as_posix()
        except ValueError:
            return document.path.name

    @cached_property
    def saxon_index(self):
        from .transform import parse_xml  # Saxon starts only when a build needs it
        return parse_xml(self.index_xml)

    def saxon_document(self, document: Document):
        from .transform import select
        return select(self.saxon_index, "/ed:edition/ed:document[@id = $id]/*", id=document.id)


def load_edition(paths: Iterable[str | Path] | None = None, config: Config | None = None) -> Edition:
    """Load every TEI file under ``paths`` (default: the configured sources folder)."""
    paths = list(paths or [])
    if config is None:
        config = load_config(Path(paths[0]) if paths else None)
    source_paths = iterate_source_paths(paths or [config.sources_dir])
    return Edition(config=config, documents=[load_document(p) for p in source_paths])


def build_date() -> str | None:
    """The day ``SOURCE_DATE_EPOCH`` names, if set: outputs never carry the time they were built."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()


def _detached_copy(root: etree._Element) -> etree._Element:
    # A copy keeps the loaded tree (and its source positions) untouched by the wrapper.
    return etree.fromstring(etree.tostring(root))
