"""The print edition builder: one tagged PDF per document, ``<doc-id>.pdf``.

xslt/typst.xsl turns a document into Typst markup (what the book says is print.xsl's; how it is
set, xslt/typst/book.typ's), and the Typst compiler of the ``typst`` package sets it in this
process: no child process, nothing to outlive a build. The fonts it sees are the EB Garamond faces
of the ``fontpkg-eb-garamond`` package and the compiler's own (Libertinus Serif as the fallback for
scripts EB Garamond lacks), never the system's, so the same book on every machine; the only files it
reads are the template directory's (no Typst package is ever downloaded).
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timezone
from functools import cache

import fontpkg_eb_garamond
import typst

from ..edition import Edition
from ..errors import BuildError
from ..transform import XSLT_DIR, Result, stylesheet
from .base import Builder, Output, Run

STYLESHEET = "typst.xsl"
TEMPLATE_DIR = XSLT_DIR / "typst"
FONT_DIR = fontpkg_eb_garamond.ROOT / "files"
FONT_FILES = ("EBGaramond[wght].ttf", "EBGaramond-Italic[wght].ttf")

# config.pdf.variant → the standards Typst checks at export (it refuses a PDF that breaks one).
PDF_STANDARDS = {"pdf/ua-1": ["ua-1"], "pdf/a-2b": ["a-2b"], "pdf/a-3b": ["a-3b"], "none": []}

_lock = threading.Lock()


@cache
def compiler() -> typst.Compiler:
    """One compiler per process: its fonts are read once and its caches serve every later PDF."""
    # The compiler's own Libertinus Serif is the fallback for what EB Garamond lacks (Hebrew, say):
    # a face in the same spirit, and shipped inside the typst wheel; system fonts are never seen.
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(FONT_DIR)])
    return typst.Compiler(root=str(TEMPLATE_DIR), font_paths=fonts, ignore_system_fonts=True)


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as seconds, or None when unset or not a number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def render_markup(edition: Edition, document, reading: str = "corrected") -> Result:
    """The Typst markup of ``document``'s book."""
    epoch = source_date_epoch()
    source_date = datetime.fromtimestamp(epoch, timezone.utc).date().isoformat() if epoch is not None else ""
    # a per-document transform: the document, and the compact index of what it may point to
    return stylesheet(STYLESHEET).apply(edition.document_node(document), edition.saxon_context,
                                        document_id=document.id, reading=reading, source_date=source_date)


def typeset(markup: bytes, page_size: str = "A5", variant: str = "pdf/ua-1", name: str = "document") -> tuple[bytes, list[str]]:
    """Compile Typst ``markup`` into a PDF; returns it and Typst's warnings. Raises BuildError."""
    epoch = source_date_epoch()
    standards, notes = PDF_STANDARDS[variant], []
    with _lock:  # a compiler holds its inputs between calls
        try:
            try:
                pdf, warnings = compiler().compile_with_warnings(
                    input=markup, format="pdf", sys_inputs={"page-size": page_size},
                    pdf_standards=standards, timestamp=epoch)
            except typst.TypstError as error:
                missing = re.search(r'the text `"(.+?)"` could not be displayed', str(error.message))
                if not missing or not standards:
                    raise
                # A missing glyph must not stop a book: set it as Typst does (a blank box), say so, and give
                # up only the standard that forbids it.
                characters = ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, '')})".replace(" )", ")")
                                       for c in dict.fromkeys(missing.group(1)))
                notes.append(f"no face editio sets PDFs with has {characters}: printed as a missing glyph, so this"
                             f" PDF is not {variant.upper()}")
                pdf, warnings = compiler().compile_with_warnings(
                    input=markup, format="pdf", sys_inputs={"page-size": page_size}, pdf_standards=[], timestamp=epoch)
        except typst.TypstError as error:
            problem = _first_problem(error)
            if "missing document date" in problem:
                problem += (": an archival PDF must be dated; give the TEI a date (revisionDesc/change/@when or"
                            " editionStmt) or set SOURCE_DATE_EPOCH")
            raise BuildError(f"Typst could not set {name}: {problem}") from None
    return pdf, notes + [" ".join(str(warning.message).split()) for warning in warnings]


def _first_problem(error: typst.TypstError) -> str:
    """The message and where it arose ("book.typ:36:22"), on one line."""
    where = re.search(r"┌─ (\S+)", str(error.diagnostic or ""))
    if where and "__typst_py_bytes__" in where.group(1):  # the generated markup: no place for a reader
        where = None
    return " ".join(str(error.message).split()) + (f" (at {where.group(1)})" if where else "")


class PdfBuilder(Builder):
    name = folder = "pdf"
    # a document's book is a function of the document, the compact index and the options: PDFs are
    # kept per document in the cache and made by the build's worker processes for a corpus
    pure = True
    engines = ("typst", "fontpkg-eb-garamond")
    in_site = True
    unit = ("PDF", "PDFs")

    def render(self, document, run: Run) -> Iterator[Output]:
        config = run.edition.config.pdf
        markup = render_markup(run.edition, document, run.options.reading)
        pdf, warnings = typeset(markup.content, config.page_size, config.variant, document.id)
        # The messages come from the web templates print.xsl reuses, which name their output "html".
        notes = [message.replace("html: ", "pdf: ", 1) if message.startswith("html: ") else message
                 for message in markup.messages]
        notes += [f"pdf: {document.id}: {warning}" for warning in warnings]
        yield Output(f"{document.id}.pdf", pdf, tuple(dict.fromkeys(notes)))
