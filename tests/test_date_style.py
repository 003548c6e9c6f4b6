"""Dates for the reader follow the document's language (common.xsl's date styles), on fragments."""

from __future__ import annotations

import re

from conftest import shared_path
from xslt_support import HEADER, html_tree, render

DATE = '<p><date from="1914-12-27" to="1915-01-02">27. Dez. 1914</date> und <date notBefore="1892-08" notAfter="1892-08-19">später</date></p>'


def tillich_header(letter: str = "L00414.xml") -> str:
    """The teiHeader of a Tillich letter (it declares langUsage/language/@ident="deu")."""
    source = shared_path("corpora", "tillich-briefe", "letters", letter).read_text(encoding="utf-8")
    return source[source.index("<teiHeader"):source.index("</teiHeader>") + len("</teiHeader>")]


def date_titles(header: str) -> list[str]:
    return [date.get("title") for date in html_tree(DATE, header=header).find_class("date")]


def test_a_german_letter_writes_its_dates_the_german_way():
    assert date_titles(tillich_header()) == ["27. Dezember 1914–2. Januar 1915", "between August 1892 and 19. August 1892"]


def test_an_english_document_writes_its_dates_the_english_way():
    english = HEADER.replace("</encodingDesc>", "</encodingDesc><profileDesc><langUsage><language ident='en'>English"
                             "</language></langUsage></profileDesc>")
    assert date_titles(english) == ["27 December 1914–2 January 1915", "between August 1892 and 19 August 1892"]


def test_a_language_without_a_style_falls_back_to_english():
    french = HEADER.replace("</encodingDesc>", "</encodingDesc><profileDesc><langUsage><language ident='fr'>français"
                            "</language></langUsage></profileDesc>")
    assert date_titles(french)[0] == "27 December 1914–2 January 1915"


def test_the_style_lives_in_common_xsl_once():
    from editio.transform import XSLT_DIR

    pictures = [path for path in XSLT_DIR.rglob("*.xsl") if re.search(r"\[MNn\]", path.read_text(encoding="utf-8"))]
    assert pictures == []
