"""The plain-text builder: one UTF-8 ``<doc-id>.txt`` per document, laid out by xslt/text.xsl
(title block, reading text wrapped at 72 columns, endnotes)."""

from __future__ import annotations

from typing import Iterator

from .build import BuildOptions, Builder, Output
from .edition import Edition
from .transform import Result, stylesheet

STYLESHEET = "text.xsl"


def render_text(edition: Edition, document, reading: str) -> Result:
    """The plain text of ``document`` in ``reading`` ("corrected" or "diplomatic")."""
    return stylesheet(STYLESHEET).apply(edition.document_node(document), edition.saxon_context, reading=reading)


def render_document(edition: Edition, document, options: BuildOptions) -> Iterator[Output]:
    result = render_text(edition, document, options.reading)
    yield Output(f"{document.id}.txt", result.content, tuple(result.messages))


BUILDER = Builder("text", "text", render_document=render_document)
