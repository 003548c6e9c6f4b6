"""The print edition: real Typst runs, checked as a reader, a library and a screen reader would.

The letter is built once (conftest's ``build_outputs("pdf")``), with validation, as ``editio build``
does; other tests build small editions of their own.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pikepdf
import pypdf
import pytest
from conftest import FIXTURES, LETTER, ROOT, TEI_DIR, pdfium_text
from fontTools.ttLib import TTFont
from lxml import etree
from test_full_build import two_builds  # noqa: F401 - a fixture, shared
from test_text_fidelity import CORRECTED, DIPLOMATIC, copy_text_tokens, tei_tokens

from editio.builders import pdf
from editio.build import BuildOptions, build_edition
from editio.edition import load_edition
from editio.errors import BuildError

LETTER_ID = "letter-to-the-workers-of-western-europe"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
HYPHEN = "-"  # what Typst prints where it hyphenates a word (U+002D, like the text's own hyphens)
# Between two consecutive words of the letter the PDF may hold a page's footnotes, its running head
# and its margin marks, never more.
MAX_GAP = 600


@pytest.fixture(scope="module")
def letter_pdf(build_outputs) -> Path:
    return build_outputs("pdf") / "pdf" / f"{LETTER_ID}.pdf"


@pytest.fixture(scope="module")
def reader(letter_pdf) -> pypdf.PdfReader:
    return pypdf.PdfReader(letter_pdf)


@pytest.fixture(scope="module")
def document(letter_pdf):
    with pikepdf.open(letter_pdf) as opened:
        yield opened


@pytest.fixture(scope="module")
def tei():
    return etree.parse(str(LETTER)).getroot()


# The text, as extracted

@cache
def page_texts(reader: pypdf.PdfReader) -> tuple[str, ...]:
    """Each page's text as pypdf extracts it, extracted once for every test that reads it (pypdf takes
    about a hundredth of a second a page)."""
    return tuple(page_text(reader, index) for index in range(len(reader.pages)))


@cache
def page_text(reader: pypdf.PdfReader, index: int) -> str:
    """One page's text, for a test that reads only some pages (the letter's dozen of the diplomatic book's 40)."""
    return reader.pages[index].extract_text()


def outline_pages(reader: pypdf.PdfReader) -> dict[str, int]:
    """Top-level bookmarks → 0-based page index."""
    return {item.title: reader.get_destination_page_number(item)
            for item in reader.outline if not isinstance(item, list)}


def text_pages(reader: pypdf.PdfReader, tei) -> str:
    """The extracted text of the pages that hold the letter: from its bookmark to the appendix's, without the
    editors' introduction before the dateline and the apparatus (emendations, collation) after the text."""
    pages = outline_pages(reader)
    title = " ".join(tei.find(f"{TEI}text/{TEI}front/{TEI}titlePage/{TEI}docTitle").xpath("string()").split())
    start, end = pages[title], pages["About this text"]
    text = "\n".join(page_text(reader, index) for index in range(start, end))
    return text[:text.index("Introduction")] + text[text.index("Dmitrov, Russia,"):text.rindex("Emendations")]


def pdf_tokens(text: str, vocabulary: set[str]) -> list[str]:
    """Words of the PDF with hyphenation undone: a word broken at a line end continues on the next
    line, or past the footnotes and running head when the break is also a page break."""
    pairs = re.findall(r"(\S+)(\s*)", text)
    tokens = [token for token, _ in pairs]
    line_ends = ["\n" in space for _, space in pairs]
    joined: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.endswith(HYPHEN) and line_ends[index]:
            for ahead in range(index + 1, min(len(tokens), index + MAX_GAP)):
                # a word hyphenated by Typst, or a compound broken at its own hyphen ("Saint-Simon")
                candidate = next((joined for joined in (token[:-1] + tokens[ahead], token + tokens[ahead])
                                  if bare(joined) in vocabulary), None)
                if candidate is not None:
                    token = candidate
                    del tokens[ahead], line_ends[ahead]
                    break
        joined.append(token)
        index += 1
    return joined


def bare(token: str) -> str:
    return re.sub(r"[^\w'-]", "", straight(token))


def straight(text: str) -> str:
    """The text with typographic quotes made straight again, as the TEI has them: Typst sets
    straight quotes as typographic ones (that is asked of it), so the words are compared without."""
    return text.translate(str.maketrans("‘’“”", "''\"\""))


def same_word(expected: str, printed: str, calls: set[str]) -> bool:
    """Whether ``printed`` is ``expected``, perhaps with footnote calls run into it ("1919" + "1"; "'48" + "2" +
    "3" where a textual note and a commentary stand together)."""
    printed, expected = straight(printed), straight(expected)
    if printed == expected:
        return True
    # A call only adds its own characters: without them the two words are already the same, or no
    # way of taking calls out can make them so (most words of the page are rejected here).
    if _without_calls(printed, calls) != _without_calls(expected, calls):
        return False
    for call in calls:
        for start in range(1, len(printed)):
            if printed.startswith(call, start) and same_word(expected, printed[:start] + printed[start + len(call):], calls):
                return True
    return False


def _without_calls(word: str, calls: set[str]) -> str:
    return word.translate(_deletion(frozenset(calls)))


@cache
def _deletion(calls: frozenset[str]) -> dict[int, None]:
    return str.maketrans("", "", "".join(calls))


def first_missing(expected: list[str], printed: list[str], calls: set[str]) -> int | None:
    """The index of the first expected word not found in order in ``printed`` (None: all are), each
    no more than MAX_GAP words after the one before."""
    position = 0
    for index, word in enumerate(expected):
        for ahead in range(position, min(len(printed), position + MAX_GAP)):
            if same_word(word, printed[ahead], calls):
                position = ahead + 1
                break
        else:
            return index
    return None


def assert_contains_in_order(expected: list[str], text: str, notes: int) -> None:
    printed = pdf_tokens(text, {bare(word) for word in expected})
    missing = first_missing(expected, printed, {str(number) for number in range(1, notes + 1)})
    assert missing is None, f"not found in order: {' '.join(expected[missing:missing + 12])!r}"


def test_the_pdf_holds_the_whole_letter_in_order_in_the_corrected_reading(reader, tei):
    expected = tei_tokens(CORRECTED)
    assert len(expected) > 2400
    assert_contains_in_order(expected, text_pages(reader, tei), len(tei.findall(f".//{TEI}text//{TEI}note")))


# Straight after the letter's own build (``letter_pdf``): Typst, in this process, then recognises the
# same markup and sets it again from its memory (comemo) in a tenth of the time.
def test_a_pdf_build_starts_no_process(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the PDF build started a process")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    monkeypatch.setattr(multiprocessing.Process, "start", refuse)
    monkeypatch.setattr(os, "fork", refuse)
    build_edition([TEI_DIR], out=tmp_path, only=["pdf"], validate=False)
    assert (tmp_path / "pdf" / f"{LETTER_ID}.pdf").stat().st_size > 10_000


def test_the_diplomatic_pdf_holds_the_copy_text_word_for_word(tmp_path, tei):
    copy_text = copy_text_tokens()  # skips cleanly without ../shared
    build_edition([TEI_DIR], out=tmp_path, only=["pdf"], validate=False, options=BuildOptions(reading="diplomatic"))
    diplomatic = pypdf.PdfReader(tmp_path / "pdf" / f"{LETTER_ID}.pdf")
    assert copy_text == tei_tokens(DIPLOMATIC)
    assert_contains_in_order(copy_text, text_pages(diplomatic, tei), len(tei.findall(f".//{TEI}text//{TEI}note")))


def test_each_emendation_has_its_apparatus_entry_under_its_paragraph(reader, tei):
    text = " ".join(page_texts(reader))
    choices = tei.findall(f".//{TEI}text//{TEI}choice")
    paragraphs = tei.findall(f".//{TEI}body//{TEI}p")
    assert len(choices) >= 8
    for choice in choices:
        given, other = (" ".join(word for child in choice if etree.QName(child).localname in names
                                 for word in "".join(child.itertext()).split()) for names in (CORRECTED, DIPLOMATIC))
        paragraph = choice.xpath("ancestor::tei:p[1]", namespaces={"tei": TEI[1:-1]})[0]
        number = paragraphs.index(paragraph) + 1
        assert f"¶ {number} {given}] {other}" in straight(" ".join(text.split())), (given, other)


def test_the_dateline_note_and_the_uncertain_page_numbers_are_printed(reader, tei):
    text = " ".join(" ".join(page_texts(reader)).split())
    assert "probably shortly before it (probable, not proven)" in text
    for pb in tei.iter(f"{TEI}pb"):
        # @n without the brackets of an inferred number, and its certainty in words (the first break's
        # page is probable, the second's uncertain)
        assert f"p. {pb.get('n').strip('[]')} {({'medium': 'probable', 'low': 'uncertain'})[pb.get('cert')]}" in text


def footnote_places(tei) -> list[tuple[str, str | None, str | None]]:
    """Each footnote of the print (a note by its id, an emendation's apparatus entry as "app-" and
    its choice's numbered id) with the numbered paragraphs its call stands between."""
    paragraphs = [p.get(XML_ID) for p in tei.iterfind(f".//{TEI}body//{TEI}p")]
    choices = list(tei.iter(f"{TEI}choice"))
    places = []
    for element in tei.find(f"{TEI}text").iter(f"{TEI}note", f"{TEI}choice"):
        paragraph = next(element.iterancestors(f"{TEI}p"), None)
        if paragraph is None:  # before the first paragraph (the dateline)
            before, after = None, paragraphs[0]
        else:
            index = paragraphs.index(paragraph.get(XML_ID))
            before, after = paragraphs[index], (paragraphs[index + 1:] or [None])[0]
        name = element.get(XML_ID) if element.tag == f"{TEI}note" else f"app-choice-{choices.index(element) + 1}"
        places.append((name, before, after))
    return places


def label_pages(edition_dir: Path, labels: list[str], page_size: str) -> dict[str, int]:
    """The page (1-based) each label stands on, asked of Typst itself on the book's markup: Typst
    writes named destinations only for headings, so the PDF cannot say where a note is."""
    import typst

    edition = load_edition([edition_dir])
    markup = pdf.render_markup(edition, edition.texts[0]).content
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(pdf.FONT_DIR)])
    compiler = typst.Compiler(input=markup, root=str(pdf.TEMPLATE_DIR), font_paths=fonts, ignore_system_fonts=True,
                              sys_inputs={"page-size": page_size})
    query = "(" + ", ".join(f'query(label("{name}")).map(e => e.location().page())' for name in labels) + ",)"
    return {name: found[0] for name, found in zip(labels, json.loads(compiler.eval(query, format="json")))}


def assert_footnotes_on_the_pages_of_their_calls(edition_dir: Path, tei, page_size: str = "A5") -> None:
    """A footnote stands on the page of its call; an apparatus entry, which floats to the foot of
    the page where its paragraph ends, on a page of its paragraph."""
    places = footnote_places(tei)
    labels = sorted({name for place in places for name in place if name} | {"document-title", "about-this-text"})
    page = label_pages(edition_dir, labels, page_size)
    for name, before, after in places:
        first = page[before] if before else page["document-title"]
        last = page[after] if after else page["about-this-text"]
        assert first <= page[name] <= last, (name, page[name], "expected on pages", first, last)


def test_every_footnote_stands_by_its_call(tei):
    assert_footnotes_on_the_pages_of_their_calls(TEI_DIR, tei)


def test_every_footnote_stands_by_its_call_in_a4_too(tmp_path, tei):
    shutil.copytree(TEI_DIR, tmp_path / "tei")
    settings = (ROOT / "editio.toml").read_text("utf-8").replace('page_size = "A5"', 'page_size = "A4"')
    (tmp_path / "editio.toml").write_text(settings, "utf-8")
    build_edition([tmp_path / "tei"], out=tmp_path / "out", only=["pdf"], validate=False)
    a4 = pypdf.PdfReader(tmp_path / "out" / "pdf" / f"{LETTER_ID}.pdf")
    assert round(float(a4.pages[0].mediabox.width) / 72 * 25.4) == 210
    assert_footnotes_on_the_pages_of_their_calls(tmp_path / "tei", tei, "A4")


# The book

def test_page_count_is_sane_for_a5(reader, document):
    assert 6 <= len(reader.pages) <= 50  # with the emendations and the collation
    width, height = (float(value) for value in document.pages[0].MediaBox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (148, 210)


def test_bookmarks_give_the_text_its_parts_and_the_appendices(reader, tei):
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top[0].startswith("The Russian Revolution and the Soviet Government")
    assert top[1:] == ["About this text", "Register"]
    nested = [item.title for entry in reader.outline if isinstance(entry, list) for item in entry
              if not isinstance(item, list)]
    assert "What to do?" in nested
    assert {"Translation provenance", "Persons", "Places", "Organisations and periodicals", "Events"} <= set(nested)


def test_the_register_appendix_lists_each_entry_the_letter_names(reader, tei):
    register = etree.parse(str(TEI_DIR / "register.xml")).getroot()
    names = {entry.get("{http://www.w3.org/XML/1998/namespace}id"):
             " ".join(entry.xpath("(*[@type='normalised'] | tei:label)[1]", namespaces={"tei": TEI[1:-1]})[0]
                      .xpath("string()").split())
             for entry in register.iterfind(f".//{TEI}standOff//*[@{{http://www.w3.org/XML/1998/namespace}}id]")}
    named = {ref.split(":", 1)[1] for ref in tei.xpath("//@ref") if ref.startswith("reg:")}
    pages = outline_pages(reader)
    appendix = straight(" ".join(" ".join(page_texts(reader)[pages["Register"]:]).split()))
    for identifier in named:
        assert names[identifier] in appendix, identifier
    assert "Пётр Алексеевич Кропоткин" in appendix  # the Cyrillic of the register, in the book's own face
    assert "Q5752" in appendix and "118567055" in appendix  # authority identifiers


def test_the_translation_provenance_is_a_chain_with_its_certainty(reader):
    pages = outline_pages(reader)
    about = straight(" ".join(" ".join(page_texts(reader)[pages["About this text"]:pages["Register"]]).split()))
    about = about[about.index("Figure 1: The chain of witnesses"):]  # the list in words, after the drawing's labels
    chain = ["Labour Leader (1920)", "Le Peuple (1920)", "Les Temps nouveaux (1920)",
             "Kropotkin's Revolutionary Pamphlets (1927)", "Marxists Internet Archive", "The Anarchist Library (2012)",
             "This edition"]
    positions = [about.find(step) for step in chain]
    assert -1 not in positions and positions == sorted(positions), dict(zip(chain, positions))
    # each relation with its own certainty: Baldwin's to Les Temps nouveaux n°14 is probable
    assert "Translation of Les Temps nouveaux (1920) (probable)" in about


# Fonts

def test_every_font_is_embedded_and_is_eb_garamond(document):
    fonts = {}
    for page in document.pages:
        for font in page.Resources.get("/Font", {}).values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            fonts[str(font.BaseFont)] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    # no fallback face (DejaVu and the like) for a character EB Garamond lacks
    assert all(re.fullmatch(r"/[A-Z]{6}\+EB-?Garamond(-[A-Za-z-]+)?", name) for name in fonts), fonts


def test_every_character_printed_is_in_the_eb_garamond_faces(reader):
    covered = set()
    for name in pdf.FONT_FILES:
        covered |= set(TTFont(pdf.FONT_DIR / name, lazy=True).getBestCmap())
    printed = {character for text in page_texts(reader) for character in text if not character.isspace()}
    assert {"ë", "č", "П", "ё", "é", "“", "—", "¶"} <= printed
    assert {character for character in printed if ord(character) not in covered} == set()


# Metadata

def test_the_info_dictionary_has_title_author_subject_keywords_and_the_tei_dates(document, tei):
    info = {key: str(value) for key, value in document.docinfo.items()}
    assert info["/Title"].startswith("The Russian Revolution and the Soviet Government: Letter to the Workers")
    assert info["/Author"] == "Pëtr Alekseevič Kropotkin"
    assert info["/Subject"].startswith("A digital scholarly edition of Kropotkin's letter")
    assert "Russian Revolution" in info["/Keywords"] and "Federalism" in info["/Keywords"]
    last_change = max(change.get("when") for change in tei.iter(f"{TEI}change"))
    # the TEI's, never the build's (Typst writes the day as midnight UTC, and CreationDate as ModDate)
    assert info["/ModDate"] == info["/CreationDate"] == "D:" + last_change.replace("-", "") + "000000Z"
    assert document.Root.Lang == "en"


def test_the_xmp_says_what_the_info_says_and_names_pdf_ua_1(document):
    with document.open_metadata() as xmp:
        assert xmp["dc:title"] == str(document.docinfo["/Title"])
        assert xmp["dc:creator"] == ["Pëtr Alekseevič Kropotkin"]
        assert xmp["dc:description"] == str(document.docinfo["/Subject"])
        assert xmp["pdf:Keywords"] == str(document.docinfo["/Keywords"])
        assert set(xmp["dc:language"]) == {"en"}
        assert "Soviets" in xmp["pdf:Keywords"]  # Typst writes the keywords there, not in dc:subject
        assert xmp["xmp:ModifyDate"] == "2026-12-06T00:00:00Z"  # the TEI's last change (the review)
        assert xmp["{http://www.aiim.org/pdfua/ns/id/}part"] == "1"


@pytest.mark.parametrize("epoch, day", [("1700000000", "D:20231114"), (None, None)])
def test_a_tei_without_dates_is_dated_by_source_date_epoch_or_not_at_all(tmp_path, monkeypatch, epoch, day):
    (tmp_path / "source").mkdir()
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    build_edition([small_edition(tmp_path / "source", "A5", "pdf/ua-1")], out=tmp_path / "out", only=["pdf"],
                  validate=False)
    with pikepdf.open(tmp_path / "out" / "pdf" / "verse.pdf") as made:
        # the day of the epoch, never the time of the build
        assert made.docinfo.get("/ModDate") == made.docinfo.get("/CreationDate") == (day and day + "000000Z")


@pytest.mark.slow
def test_two_builds_give_the_same_bytes(letter_pdf, two_builds):
    # This process's build of the PDF alone, and a whole build by the command in a fresh process.
    assert (two_builds[0] / "pdf" / f"{LETTER_ID}.pdf").read_bytes() == letter_pdf.read_bytes()


# PDF/UA-1

def structure(document) -> list[tuple[int, str, pikepdf.Dictionary]]:
    """The tag tree in reading order, as (depth, role, element)."""
    elements = []

    def walk(element, depth):
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                elements.append((depth, str(kid.S), kid))
                walk(kid, depth + 1)

    walk(document.Root.StructTreeRoot, 0)
    return elements


def marks_content(element) -> bool:
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary) and marks_content(kid)):
            return True
    return False


def test_the_pdf_is_marked_tagged_and_titled_for_pdf_ua(document):
    root = document.Root
    assert root.MarkInfo.Marked is True
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert root.StructTreeRoot.Type == "/StructTreeRoot"
    assert all(page.get("/Tabs") == "/S" for page in document.pages if "/Annots" in page)
    for page in document.pages:
        for annotation in page.get("/Annots", []):
            assert "/StructParent" in annotation and str(annotation.get("/Contents", "")).strip()


def test_the_tag_tree_has_document_headings_paragraphs_lists_tables_and_links(document):
    tree = structure(document)
    assert tree[0][1] == "/Document"
    roles = [role for _, role, _ in tree]
    # Typst groups no /Art or /Sect (WeasyPrint did), but tags footnotes as /Note and the contents as /TOC
    for role in ("/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link", "/Note", "/TOC"):
        assert role in roles, role
    assert roles.count("/P") > 40


def test_the_provenance_drawing_is_a_figure_with_its_words_as_alternative_text(document, reader):
    figures = [element for _, role, element in structure(document) if role == "/Figure"]
    alts = [str(element.get("/Alt", "")) for element in figures]
    assert any(alt.startswith("Provenance of the text:") and "witnesses" in alt for alt in alts), alts
    pages = [number for number, text in enumerate(page_texts(reader), 1) if "Figure 1: The chain of witnesses" in
             " ".join(text.split())]
    assert len(pages) == 1, "the drawing stands on one page, captioned"
    assert "Translation provenance" in page_texts(reader)[pages[0] - 1], "in the provenance appendix"


def test_the_letter_opens_on_a_recto_of_its_own_after_the_introduction(reader, tei):
    texts = [" ".join(text.split()) for text in page_texts(reader)]
    dateline = " ".join("".join(tei.find(f".//{TEI}body//{TEI}dateline").itertext()).split()).split("The date")[0].strip()
    first = next(number for number, text in enumerate(texts, 1) if dateline in text)
    assert first % 2 == 1, f"the letter opens on page {first}, a verso"
    introduction = tei.find(f".//{TEI}div[@type='introduction']")
    last_words = " ".join("".join(list(introduction.iter(f"{TEI}p"))[-1].itertext()).split())[-40:]
    assert last_words not in texts[first - 1] and any(last_words in text for text in texts[:first - 1])


def test_headings_are_not_empty_and_skip_no_level(document):
    headings = [(int(role[2]), element) for _, role, element in structure(document) if re.fullmatch(r"/H[1-6]", role)]
    assert headings[0][0] == 1
    for (before, _), (level, _) in itertools.pairwise(headings):
        assert level <= before + 1
    assert all(marks_content(element) for _, element in headings)


def test_table_header_cells_are_associated_with_their_data_cells(document):
    cells = [element for _, role, element in structure(document) if role == "/TD"]
    # Typst gives the attributes as an array of attribute objects (ISO 32000 allows either form)
    attributes = [cell.A if isinstance(cell.A, pikepdf.Dictionary) else cell.A[0] for cell in cells]
    assert cells and all(len(attribute.get("/Headers", [])) > 0 for attribute in attributes)


def test_pdfua_finds_no_error(letter_pdf):
    pdfua = pytest.importorskip("pdfua", reason="pdfua (PyPI) is not installed")
    report = pdfua.validate(str(letter_pdf))
    errors = [f"{finding.rule_id}: {finding.message}" for finding in report.findings
              if finding.severity >= pdfua.Severity.ERROR]
    assert errors == []
    # pdfua 0.1.3 looks for /Scope or /Headers on the header cells; Typst puts /Headers on the
    # data cells (ISO 14289-1 7.5 allows either; test_table_header_cells_… checks it), so that
    # warning is pdfua's own.
    warnings = {finding.rule_id for finding in report.findings} - {"UA-15-003"}
    assert warnings == set()


# Variants and other TEI

def small_edition(folder: Path, page_size: str, variant: str) -> Path:
    shutil.copy(FIXTURES / "any-tei" / "verse.xml", folder / "verse.xml")
    (folder / "editio.toml").write_text(
        f'[edition]\nsources = "."\n\n[pdf]\npage_size = "{page_size}"\nvariant = "{variant}"\n', encoding="utf-8")
    return folder


@pytest.mark.parametrize("page_size, variant, millimetres",
                         [("A4", "pdf/a-3b", (210, 297)), ("A5", "pdf/a-2b", (148, 210)), ("A5", "none", (148, 210))])
def test_the_settings_choose_page_size_and_pdf_variant(tmp_path, monkeypatch, page_size, variant, millimetres):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # an archival PDF must be dated; the fixture is not
    (tmp_path / "source").mkdir()
    build_edition([small_edition(tmp_path / "source", page_size, variant)], out=tmp_path / "out", only=["pdf"],
                  validate=False)
    with pikepdf.open(tmp_path / "out" / "pdf" / "verse.pdf") as made:
        width, height = (float(value) for value in made.pages[0].MediaBox[2:])
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == millimetres
        with made.open_metadata() as xmp:
            pdfa = "{http://www.aiim.org/pdfa/ns/id/}"
            assert (xmp.get(f"{pdfa}part"), xmp.get(f"{pdfa}conformance")) == (
                (variant[6], "B") if variant.startswith("pdf/a") else (None, None))
            assert xmp.get("{http://www.aiim.org/pdfua/ns/id/}part") is None
        assert "/StructTreeRoot" in made.Root  # Typst tags every variant, not only PDF/UA


def test_an_archival_pdf_of_an_undated_tei_is_refused_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "source").mkdir()
    with pytest.raises(BuildError, match="an archival PDF must be dated"):
        build_edition([small_edition(tmp_path / "source", "A5", "pdf/a-2b")], out=tmp_path / "out", only=["pdf"],
                      validate=False)


def test_any_tei_renders_and_what_print_does_not_know_is_reported(tmp_path):
    report = build_edition([FIXTURES / "any-tei"], out=tmp_path, only=["pdf"], validate=False)
    made = sorted(path.stem for path in (tmp_path / "pdf").glob("*.pdf"))
    assert made == ["bare-header", "letter-register", "no-header", "prose", "verse"]
    texts = {name: " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "pdf" / f"{name}.pdf").pages)
             for name in made}  # each book's text extracted once, for every check below
    for name in made:
        assert len(texts[name].split()) > 20, name
    verse = " ".join(texts["verse"].split())
    assert "The first line runs on in the stanza," in verse and "Une ligne en français," in verse
    prose = " ".join(texts["prose"].split())
    assert "Thing" in prose and "Length" in prose  # the table's header row
    assert any(note.startswith("pdf: prose: no rule for the element stamp") for note in report.notes), report.notes


# The typesetter's lifetime: Typst runs in the build's own process

def processes_in_session(session: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session:  # field 6 of /proc/<pid>/stat: the session id
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_nothing_outlives_a_killed_build(tmp_path):
    # The build says when Typst starts setting the letter; it is killed a moment later, while the PDF
    # is being set (which takes about a third of a second), not after a guessed time.
    code = ("from editio.build import build_edition\n"
            "from editio.builders import pdf\n"
            "setting = pdf.typeset\n"
            "def typeset(*args, **kwargs):\n"
            "    print('setting', flush=True)\n"
            "    return setting(*args, **kwargs)\n"
            "pdf.typeset = typeset\n"
            f"build_edition([{str(TEI_DIR)!r}], out={str(tmp_path)!r}, only=['pdf', 'html'], validate=False)")
    build = subprocess.Popen([sys.executable, "-c", code], start_new_session=True, stdout=subprocess.PIPE, text=True)
    assert build.stdout.readline() == "setting\n", "the build never reached Typst"  # the PDF being set
    time.sleep(0.1)
    build.kill()
    build.stdout.close()
    build.wait()
    time.sleep(0.2)
    assert processes_in_session(build.pid) == []


def test_no_proper_name_is_hyphenated(reader, tei):
    """A line may end in a hyphen Typst added, but never inside a proper name of the text."""
    names = {word for element in tei.iter(f"{TEI}persName", f"{TEI}placeName", f"{TEI}orgName", f"{TEI}name")
             for word in " ".join(element.itertext()).split() if word[:1].isupper()}
    pairs = re.findall(r"(\S+)(\s*)", text_pages(reader, tei))
    broken = {bare(token[:-1] + following) for (token, space), (following, _) in itertools.pairwise(pairs)
              if token.endswith(HYPHEN) and "\n" in space}
    assert broken, "the letter has no hyphenated line end at all: hyphenation is off"
    assert broken & {bare(name) for name in names} == set()


@pytest.mark.slow
def test_tillich_letters_build_in_print(tmp_path):
    """Any TEI builds in print: every 40th letter of the Tillich corpus (all 1,330 in benchmarks/build_pdf.py)."""
    from conftest import shared_path

    letters = sorted(shared_path("corpora", "tillich-briefe", "letters").glob("*.xml"))[::40]
    (tmp_path / "letters").mkdir()  # beside the output folder: one inside the sources is refused
    for letter in letters:
        shutil.copy(letter, tmp_path / "letters" / letter.name)
    report = build_edition([tmp_path / "letters"], out=tmp_path / "out", only=["pdf"], validate=False, jobs=1)
    assert report.outputs["pdf"] == len(letters) > 30
    for made in (tmp_path / "out" / "pdf").glob("*.pdf"):
        assert len(pdfium_text(made).split()) > 30, made.name


def test_running_heads_are_artifacts_and_opening_pages_have_none(document, reader, tei):
    def content(page) -> bytes:
        contents = page.Contents
        return b"".join(part.read_bytes() for part in contents) if isinstance(contents, pikepdf.Array) \
            else contents.read_bytes()

    # a header artifact with something in it (Typst marks the place of an empty one too)
    heads = [re.search(rb"/Subtype/Header/Type/Pagination>>BDC\s*(?!\s|EMC)", content(page)) is not None
             for page in document.pages]
    opening = outline_pages(reader)
    assert sum(heads) > len(heads) // 2  # set as pagination artifacts, outside the tag tree
    assert not any(heads[index] for index in opening.values())  # none where a part opens
    assert not any(heads[:opening[next(iter(opening))]])  # none in the front matter


def test_a_date_typst_cannot_hold_is_not_used(tmp_path, monkeypatch):
    """XML Schema takes a five-digit year (a Tillich letter has "20224-01-15"); the PDF is then
    dated by what else there is, here SOURCE_DATE_EPOCH."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "source").mkdir()
    folder = small_edition(tmp_path / "source", "A5", "pdf/ua-1")
    verse = folder / "verse.xml"
    verse.write_text(verse.read_text("utf-8").replace(
        "</teiHeader>", '<revisionDesc><change when="20224-01-15">typo</change></revisionDesc></teiHeader>', 1), "utf-8")
    build_edition([folder], out=tmp_path / "out", only=["pdf"], validate=False)
    with pikepdf.open(tmp_path / "out" / "pdf" / "verse.pdf") as made:
        assert made.docinfo.get("/ModDate") == "D:20231114000000Z"


def test_no_register_entry_of_a_few_lines_is_broken_across_pages(reader):
    # each page of the register ends with the last line of an entry ("Named on …"), never mid-entry
    pages = outline_pages(reader)
    ends = []
    for index in range(pages["Register"], len(reader.pages)):
        lines = [line.strip() for line in page_texts(reader)[index].splitlines() if line.strip()]
        lines = [line for line in lines if not line.isdigit()]  # the folio of an opening page
        if "Sources" in lines:
            ends.append(lines[lines.index("Sources") - 1])
            break
        ends.append(lines[-1])
    assert len(ends) > 3 and all(end.startswith("Named on") for end in ends), ends


def test_no_name_is_broken_at_its_own_hyphen(reader, tei):
    # "Saint-Simon" is one name: never "Saint-" at a line's end and "Simon" at the next one's start
    corrected = ".//text()[not(ancestor::tei:orig or ancestor::tei:sic or ancestor::tei:abbr)]"  # the printed reading
    names = {" ".join("".join(element.xpath(corrected, namespaces={"tei": TEI[1:-1]})).split())
             for element in tei.xpath("//*[starts-with(@ref, 'reg:')]")}
    compounds = {word for name in names for word in name.split() if re.fullmatch(r"\w+(-\w+)+", word)}
    assert "Saint-Simon" in compounds
    lines = [line.strip() for text in page_texts(reader) for line in text.splitlines() if line.strip()]
    for line, following in itertools.pairwise(lines):
        for compound in compounds:
            head, _, tail = compound.partition("-")
            assert not (line.endswith(head + "-") and following.startswith(tail)), (compound, line, following)


def test_a_changed_letter_sets_its_own_book_again_and_no_other(tmp_path):
    # PDFs are kept per document: a corpus rebuild after one change sets one book, not every one
    from corpus_support import documents_rendered, output_tree, synthetic_corpus

    letters = synthetic_corpus(tmp_path / "letters", 3)
    out = tmp_path / "out"
    build_edition([letters], out=out, only=["pdf"], validate=False, jobs=1)
    before = output_tree(out / "pdf")
    changed = sorted((letters / "letters").glob("*.xml"))[1]
    changed.write_text(changed.read_text(encoding="utf-8").replace("</p>", " Zwischenruf</p>", 1), encoding="utf-8")
    made = documents_rendered(lambda: build_edition([letters], out=out, only=["pdf"], validate=False, jobs=1))
    assert made == [changed.name]
    book = f"{load_edition([changed]).texts[0].id}.pdf"
    after = output_tree(out / "pdf")
    assert {path for path in before if before[path] != after[path]} == {book}
    assert any("Zwischenruf" in page.extract_text() for page in pypdf.PdfReader(out / "pdf" / book).pages)
