"""The print edition: real WeasyPrint runs, checked as a reader, a library and a screen reader would.

The letter is built once (conftest's ``build_outputs("pdf")``), with validation, as ``editio build``
does; other tests build small editions of their own.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import re
import shutil
from pathlib import Path

import pikepdf
import pypdf
import pytest
from conftest import FIXTURES, LETTER, ROOT, TEI_DIR
from fontTools.ttLib import TTFont
from lxml import etree
from test_text_fidelity import CORRECTED, DIPLOMATIC, copy_text_tokens, tei_tokens

from editio import build, pdf
from editio.build import Builder, BuildOptions, ValidationFailed, build_edition
from editio.edition import load_edition
from editio.errors import BuildError

LETTER_ID = "letter-to-the-workers-of-western-europe"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
HYPHEN = "\u2010"  # what WeasyPrint prints where hyphenation breaks a word; the text's own hyphens are U+002D
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
    text = "\n".join(reader.pages[index].extract_text() for index in range(start, end))
    return text[:text.index("Introduction")] + text[text.index("Dmitrov, Russia,"):text.rindex("Emendations")]


def pdf_tokens(text: str, vocabulary: set[str]) -> list[str]:
    """Words of the PDF with hyphenation undone: a word broken at a line end continues on the next
    line, or past the footnotes and running head when the break is also a page break."""
    tokens = text.split()
    joined: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.endswith(HYPHEN):
            for ahead in range(index + 1, min(len(tokens), index + MAX_GAP)):
                candidate = token[:-1] + tokens[ahead]
                if bare(candidate) in vocabulary:
                    token = candidate
                    del tokens[ahead]
                    break
        joined.append(token)
        index += 1
    return joined


def bare(token: str) -> str:
    return re.sub(r"[^\w'-]", "", token)


def same_word(expected: str, printed: str, calls: set[str]) -> bool:
    """Whether ``printed`` is ``expected``, perhaps with footnote calls run into it ("1919" + "1"; "'48" + "2" +
    "3" where a textual note and a commentary stand together)."""
    if printed == expected:
        return True
    for call in calls:
        for start in range(1, len(printed)):
            if printed.startswith(call, start) and same_word(expected, printed[:start] + printed[start + len(call):], calls):
                return True
    return False


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


def test_the_diplomatic_pdf_holds_the_copy_text_word_for_word(tmp_path, tei):
    copy_text = copy_text_tokens()  # skips cleanly without ../shared
    build_edition([TEI_DIR], out=tmp_path, only=["pdf"], validate=False, options=BuildOptions(reading="diplomatic"))
    diplomatic = pypdf.PdfReader(tmp_path / "pdf" / f"{LETTER_ID}.pdf")
    assert copy_text == tei_tokens(DIPLOMATIC)
    assert_contains_in_order(copy_text, text_pages(diplomatic, tei), len(tei.findall(f".//{TEI}text//{TEI}note")))


def test_each_emendation_has_its_apparatus_entry_under_its_paragraph(reader, tei):
    text = " ".join(page.extract_text() for page in reader.pages)
    choices = tei.findall(f".//{TEI}text//{TEI}choice")
    paragraphs = tei.findall(f".//{TEI}body//{TEI}p")
    assert len(choices) >= 8
    for choice in choices:
        given, other = (" ".join(word for child in choice if etree.QName(child).localname in names
                                 for word in "".join(child.itertext()).split()) for names in (CORRECTED, DIPLOMATIC))
        paragraph = choice.xpath("ancestor::tei:p[1]", namespaces={"tei": TEI[1:-1]})[0]
        number = paragraphs.index(paragraph) + 1
        assert f"¶ {number} {given}] {other}" in " ".join(text.split()), (given, other)


def test_the_dateline_note_and_the_uncertain_page_numbers_are_printed(reader, tei):
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "probably shortly before it (probable, not proven)" in text
    for pb in tei.iter(f"{TEI}pb"):
        # @n as encoded, and its certainty in words (the first break's page is probable, the second's uncertain)
        assert f"p. {pb.get('n')} {({'medium': 'probable', 'low': 'uncertain'})[pb.get('cert')]}" in text


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


def assert_footnotes_on_the_pages_of_their_calls(reader: pypdf.PdfReader, tei) -> None:
    """A footnote stands on the page of its call, or on the next when it does not fit there (never
    further: WeasyPrint, once it defers one footnote, can defer every later one a page more)."""
    destinations = reader.named_destinations
    page = {name: reader.get_destination_page_number(destination) for name, destination in destinations.items()}
    for name, before, after in footnote_places(tei):
        first = page[before] if before else page["document-title"]
        last = page[after] if after else page["about-this-text"]
        assert first <= page[name] <= last + 1, (name, page[name] + 1, "expected on pages", first + 1, last + 2)


def test_every_footnote_stands_by_its_call(reader, tei):
    assert_footnotes_on_the_pages_of_their_calls(reader, tei)


def test_every_footnote_stands_by_its_call_in_a4_too(tmp_path, tei):
    shutil.copytree(TEI_DIR, tmp_path / "tei")
    settings = (ROOT / "editio.toml").read_text("utf-8").replace('page_size = "A5"', 'page_size = "A4"')
    (tmp_path / "editio.toml").write_text(settings, "utf-8")
    build_edition([tmp_path / "tei"], out=tmp_path / "out", only=["pdf"], validate=False)
    a4 = pypdf.PdfReader(tmp_path / "out" / "pdf" / f"{LETTER_ID}.pdf")
    assert round(float(a4.pages[0].mediabox.width) / 72 * 25.4) == 210
    assert_footnotes_on_the_pages_of_their_calls(a4, tei)


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
    appendix = " ".join(" ".join(reader.pages[index].extract_text() for index in range(pages["Register"], len(reader.pages))).split())
    for identifier in named:
        assert names[identifier] in appendix, identifier
    assert "Пётр Алексеевич Кропоткин" in appendix  # the Cyrillic of the register, in the book's own face
    assert "Q5752" in appendix and "118567055" in appendix  # authority identifiers


def test_the_translation_provenance_is_a_chain_with_its_certainty(reader):
    pages = outline_pages(reader)
    about = " ".join(" ".join(reader.pages[index].extract_text() for index in range(pages["About this text"], pages["Register"])).split())
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
    assert all(re.fullmatch(r"/[A-Z]{6}\+EB-Garamond(-[A-Za-z-]+)?", name) for name in fonts), fonts


def test_every_character_printed_is_in_the_eb_garamond_faces(reader):
    covered = set()
    for name in set(pdf.FACES.values()):
        covered |= set(TTFont(pdf.FONT_DIR / name, lazy=True).getBestCmap())
    printed = {character for page in reader.pages for character in page.extract_text() if not character.isspace()}
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
    assert info["/ModDate"] == "D:" + last_change.replace("-", "")  # the TEI's, never the build's
    assert document.Root.Lang == "en"


def test_the_xmp_says_what_the_info_says_and_names_pdf_ua_1(document):
    with document.open_metadata() as xmp:
        assert xmp["dc:title"] == str(document.docinfo["/Title"])
        assert xmp["dc:creator"] == ["Pëtr Alekseevič Kropotkin"]
        assert xmp["dc:description"] == str(document.docinfo["/Subject"])
        assert xmp["pdf:Keywords"] == str(document.docinfo["/Keywords"])
        assert set(xmp["dc:language"]) == {"en"}
        assert "Soviets" in set(xmp["dc:subject"])
        assert xmp["xmp:ModifyDate"] == "2026-12-06"  # the TEI's last change (the review)
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
        assert made.docinfo.get("/ModDate") == day  # the day of the epoch, never the time of the build
        assert made.docinfo.get("/CreationDate") is None


def test_two_builds_give_the_same_bytes(letter_pdf, tmp_path):
    build_edition([TEI_DIR], out=tmp_path, only=["pdf"], validate=False)
    assert (tmp_path / "pdf" / f"{LETTER_ID}.pdf").read_bytes() == letter_pdf.read_bytes()


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
    for role in ("/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link", "/Art", "/Sect"):
        assert role in roles, role
    assert roles.count("/P") > 40


def test_headings_are_not_empty_and_skip_no_level(document):
    headings = [(int(role[2]), element) for _, role, element in structure(document) if re.fullmatch(r"/H[1-6]", role)]
    assert headings[0][0] == 1
    for (before, _), (level, _) in itertools.pairwise(headings):
        assert level <= before + 1
    assert all(marks_content(element) for _, element in headings)


def test_table_header_cells_are_associated_with_their_data_cells(document):
    cells = [element for _, role, element in structure(document) if role == "/TD"]
    assert cells and all("/Headers" in cell.A for cell in cells)


def test_pdfua_finds_no_error(letter_pdf):
    pdfua = pytest.importorskip("pdfua", reason="pdfua (PyPI) is not installed")
    report = pdfua.validate(str(letter_pdf))
    errors = [f"{finding.rule_id}: {finding.message}" for finding in report.findings
              if finding.severity >= pdfua.Severity.ERROR]
    assert errors == []
    # pdfua 0.1.3 looks for /Scope or /Headers on the header cells; WeasyPrint puts /Headers on the
    # data cells (ISO 14289-1 7.5 allows either; test_table_header_cells_… checks it), so that
    # warning is pdfua's own.
    warnings = {finding.rule_id for finding in report.findings} - {"UA-15-003"}
    assert warnings == set()


# Variants, other TEI, the typesetter's lifetime

def small_edition(folder: Path, page_size: str, variant: str) -> Path:
    shutil.copy(FIXTURES / "any-tei" / "verse.xml", folder / "verse.xml")
    (folder / "editio.toml").write_text(
        f'[edition]\nsources = "."\n\n[pdf]\npage_size = "{page_size}"\nvariant = "{variant}"\n', encoding="utf-8")
    return folder


@pytest.mark.parametrize("page_size, variant, millimetres",
                         [("A4", "pdf/a-3b", (210, 297)), ("A5", "none", (148, 210))])
def test_the_settings_choose_page_size_and_pdf_variant(tmp_path, page_size, variant, millimetres):
    (tmp_path / "source").mkdir()
    build_edition([small_edition(tmp_path / "source", page_size, variant)], out=tmp_path / "out", only=["pdf"],
                  validate=False)
    with pikepdf.open(tmp_path / "out" / "pdf" / "verse.pdf") as made:
        width, height = (float(value) for value in made.pages[0].MediaBox[2:])
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == millimetres
        with made.open_metadata() as xmp:
            pdfa = "{http://www.aiim.org/pdfa/ns/id/}"
            assert (xmp.get(f"{pdfa}part"), xmp.get(f"{pdfa}conformance")) == (
                ("3", "B") if variant == "pdf/a-3b" else (None, None))
            assert xmp.get("{http://www.aiim.org/pdfua/ns/id/}part") is None
        assert "/StructTreeRoot" not in made.Root  # WeasyPrint tags PDF/UA only


def test_any_tei_renders_and_what_print_does_not_know_is_reported(tmp_path):
    report = build_edition([FIXTURES / "any-tei"], out=tmp_path, only=["pdf"], validate=False)
    made = sorted(path.stem for path in (tmp_path / "pdf").glob("*.pdf"))
    assert made == ["bare-header", "letter-register", "no-header", "prose", "verse"]
    for name in made:
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "pdf" / f"{name}.pdf").pages)
        assert len(text.split()) > 20, name
    verse = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "pdf" / "verse.pdf").pages).split())
    assert "The first line runs on in the stanza," in verse and "Une ligne en français," in verse
    prose = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "pdf" / "prose.pdf").pages).split())
    assert "Thing" in prose and "Length" in prose  # the table's header row
    assert any(note.startswith("pdf: prose: no rule for the element stamp") for note in report.notes), report.notes


def typesetters() -> list:
    return [child for child in multiprocessing.active_children() if child.name == "editio-typesetter"]


def test_the_typesetter_is_gone_after_a_build(build_outputs):
    build_outputs("pdf")
    assert typesetters() == []


def test_the_typesetter_is_gone_after_a_build_that_fails_validation(tmp_path):
    shutil.copytree(TEI_DIR, tmp_path / "tei")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    letter = tmp_path / "tei" / LETTER.name
    source = letter.read_text("utf-8")
    letter.write_text(source.replace("Absurd!</p>", "<bogus>Absurd!</bogus></p>", 1), "utf-8")
    with pytest.raises(ValidationFailed):
        build_edition([tmp_path / "tei"], out=tmp_path / "out", only=["pdf"])
    gc.collect()
    assert typesetters() == []


def _fail(edition, options):
    raise BuildError("another output failed")
    yield  # a generator, like the real builders


# An output that fails after the PDF builder's prepare, registered below as this module's builder.
BUILDER = Builder("failing", "failing", render_edition=_fail)


def test_the_typesetter_is_gone_after_a_build_that_fails_in_another_output(tmp_path, monkeypatch):
    monkeypatch.setitem(build.BUILDER_MODULES, "failing", __name__)
    with pytest.raises(BuildError, match="another output failed"):
        build_edition([TEI_DIR], out=tmp_path, only=["failing", "pdf"], validate=False)
    gc.collect()
    assert typesetters() == []
    assert not (tmp_path / "pdf").exists()


def test_a_typesetter_that_dies_fails_the_build_and_is_cleaned_up(tmp_path):
    edition = load_edition([TEI_DIR])
    pdf.prepare(edition, BuildOptions())
    typesetter = pdf._runs[edition].typesetter
    typesetter.process.kill()
    with pytest.raises(BuildError, match="typesetter stopped"):
        list(pdf.render_document(edition, edition.texts[0], BuildOptions()))
    assert typesetters() == []
