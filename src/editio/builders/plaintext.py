"""The plain-text builder: one UTF-8 ``<doc-id>.txt`` per document, laid out by xslt/text.xsl
(title block, reading text wrapped at 72 columns, endnotes)."""

from __future__ import annotations

from typing import Iterator

from ..edition import Edition
from ..transform import Result, stylesheet
from .base import Builder, Output, Run

STYLESHEET = "text.xsl"


def render_text(edition: Edition, document, reading: str) -> Result:
    """The plain text of ``document`` in ``reading`` ("corrected" or "diplomatic")."""
    return stylesheet(STYLESHEET).apply(edition.document_node(document), edition.saxon_context, reading=reading)


class TextBuilder(Builder):
    name = folder = "text"
    pure = True
    unit = ("text", "texts")

    def render(self, document, run: Run) -> Iterator[Output]:
        result = render_text(run.edition, document, run.options.reading)
        yield Output(f"{document.id}.txt", result.content, tuple(result.messages))
