"""Typst markup written by xslt/typst/markup.xsl: escaping proven on arbitrary text, through the
real stylesheet function, the real compiler with the book's template, and the PDF's text."""

from __future__ import annotations

import io
import string
import unicodedata
from functools import cache

import pypdf
import pytest
from conftest import FIXTURES
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from editio.builders import pdf
from editio.build import build_edition
from editio.transform import XSLT_DIR, processor

# Every character that means something in Typst markup, and then some.
MARKUP = string.punctuation + "‘’“”–—…"


@cache
def escape_function():
    """typst:text from xslt/typst/markup.xsl, compiled by Saxon as the stylesheet uses it."""
    compiler = processor().new_xslt30_processor()
    executable = compiler.compile_stylesheet(stylesheet_text=f"""
        <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:typst="urn:editio:typst">
          <xsl:include href="{(XSLT_DIR / 'typst' / 'markup.xsl').as_uri()}"/>
          <xsl:param name="text" as="xs:string"/>
          <xsl:output method="text"/>
          <xsl:template name="xsl:initial-template"><xsl:value-of select="typst:text($text)"/></xsl:template>
        </xsl:stylesheet>""")

    def escape(text: str) -> str:
        executable.set_parameter("text", processor().make_string_value(text))
        return executable.call_template_returning_string(None)

    return escape


@cache
def printable_characters() -> list[str]:
    """What EB Garamond can print: its characters, without spaces, controls and combining marks
    (which the PDF's text gives back composed or apart, a matter of extraction, not of escaping)."""
    cmap = set()
    for name in pdf.FONT_FILES:
        cmap |= set(TTFont(pdf.FONT_DIR / name, lazy=True).getBestCmap())
    return sorted(chr(code) for code in cmap
                  if not chr(code).isspace() and unicodedata.category(chr(code))[0] not in "CMZ"
                  and not REGIONAL_INDICATORS[0] <= code <= REGIONAL_INDICATORS[1])


# Two regional indicators make one flag, which pypdf extracts twice ("🇩🇪🇩🇪") though poppler's
# pdftotext reads the same PDF right: a matter of pypdf's extraction, not of Typst's escaping.
REGIONAL_INDICATORS = (0x1F1E6, 0x1F1FF)


def printed_text(markup: str) -> str:
    document = f'#import "/book.typ": *\n#show: book.with(title: "t")\n#set text(hyphenate: false)\n{markup}\n'
    data, _ = pdf.typeset(document.encode("utf-8"))
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def comparable(text: str) -> str:
    """Without white space (lines break where Typst likes) and with straight quotes (Typst makes
    them typographic, as asked: curly, or a prime after a digit, as in 5′ 2″)."""
    return "".join(text.split()).translate(str.maketrans("‘’“”′″", "''\"\"'\""))


text_strategy = st.text(alphabet=st.one_of(st.sampled_from(MARKUP), st.sampled_from(printable_characters())),
                        min_size=1, max_size=60).filter(lambda text: text.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(text_strategy, min_size=1, max_size=4))
@example(words=["0'", "5' 2\""])  # Typst sets a prime after a digit
def test_any_text_reaches_the_pdf_unchanged(words):
    text = " ".join(words)
    assert comparable(printed_text(escape_function()(text))) == comparable(text)


@pytest.mark.parametrize("text", [
    "= not a heading", "- not a list", "+ not an enum", "/ not: a term", "1. not numbered",
    "#let x = 1", "$x^2$", "*strong* _emph_ `raw`", "<label> @ref", "// comment /* block */",
    "a\\b [c] {d} ~e", "--- -- ... -?", "https://example.org/#x", "'48 and \"quoted\"",
])
def test_markup_characters_are_text(text):
    assert comparable(printed_text(escape_function()(text))) == comparable(text.replace("'48", "’48"))


def test_a_tei_paragraph_full_of_markup_characters_prints_as_written(tmp_path):
    """The whole pipeline: TEI → print.xsl → typst.xsl → Typst → PDF."""
    line = r"#set = heading *bold* _it_ `code` $math$ <lbl> @ref [x] {y} ~ \ // /* 1. - + / :"
    source = (FIXTURES / "any-tei" / "prose.xml").read_text("utf-8")
    source = source.replace("<body>", f"<body><p>{line.replace('<', '&lt;')}</p>", 1)
    (tmp_path / "prose.xml").write_text(source, "utf-8")
    build_edition([tmp_path / "prose.xml"], out=tmp_path / "out", only=["pdf"], validate=False)
    reader = pypdf.PdfReader(tmp_path / "out" / "pdf" / "prose.pdf")
    assert comparable(line) in comparable(" ".join(page.extract_text() for page in reader.pages))


def test_a_script_eb_garamond_lacks_is_set_in_the_fallback_face(tmp_path):
    """Hebrew (in the Tillich letters) has no glyph in EB Garamond: Typst's own Libertinus Serif
    sets it, so that the PDF/UA check passes and the word is in the text."""
    source = (FIXTURES / "any-tei" / "prose.xml").read_text("utf-8")
    (tmp_path / "prose.xml").write_text(source.replace("<body>", "<body><p>Ein Wort: יהוה.</p>", 1), "utf-8")
    build_edition([tmp_path / "prose.xml"], out=tmp_path / "out", only=["pdf"], validate=False)
    reader = pypdf.PdfReader(tmp_path / "out" / "pdf" / "prose.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "יהוה" in text or "הוהי" in text  # extraction may give a right-to-left word in visual order
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"].get("/Font", {}).values()}
    assert any("Libertinus" in name for name in fonts), fonts


def test_a_character_no_font_has_is_set_as_tofu_and_reported_once_not_an_error(tmp_path):
    """⚹ (in Tillich's letter L00414) is in no face editio sets with: the book is made all the same,
    and one note names the character and the document."""
    source = (FIXTURES / "any-tei" / "prose.xml").read_text("utf-8")
    (tmp_path / "prose.xml").write_text(source.replace("<body>", "<body><p>Die Zeiten ⚹ fielen aus ⚹.</p>", 1), "utf-8")
    report = build_edition([tmp_path / "prose.xml"], out=tmp_path / "out", only=["pdf"], validate=False)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "out" / "pdf" / "prose.pdf").pages)
    assert "Die Zeiten" in text and "fielen aus" in text
    notes = [note for note in report.notes if "⚹" in note]
    assert len(notes) == 1 and notes[0].startswith("pdf: prose: ") and "U+26B9" in notes[0], report.notes


def test_print_overrides_each_of_its_behaviours_once_and_by_the_table():
    """Print is the web's rendering with four behaviours overridden (the document as a book; notes,
    choices and page breaks), each keyed by the behaviour table (no template bypasses it);
    typst/layout.xsl then sets print's result, whose only TEI rule is the document's."""
    from test_behaviours import behaviours_implemented

    assert behaviours_implemented(["print/notes.xsl"], None) == {"note", "choice", "page-break"}
    assert behaviours_implemented(["print/book.xsl", "print/links.xsl"], None) == {"document"}
    assert behaviours_implemented(["typst/layout.xsl"], None) == {"document"}
