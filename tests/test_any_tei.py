"""Any well-formed TEI, not only ours: verse, prose structures, a letter with its own register, a
document with no header. Built without validation; what no rule knows is reported, never fatal."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES
from editio.build import build_edition
from web_support import html_checked, parse_page  # noqa: F401 - a fixture
from xslt_support import body_of, html_tree
from xslt_support import text as fragment_text

ANY_TEI = FIXTURES / "any-tei"
DOCUMENTS = ("verse", "prose", "letter-register", "no-header", "bare-header")
PROSE = body_of(ANY_TEI / "prose.xml")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("any-tei")
    report = build_edition([ANY_TEI], out=out, only=["html", "text"], validate=False)
    return out, report


@pytest.fixture(scope="module")
def diplomatic() -> dict[str, str]:
    """Each document's diplomatic text, from text.xsl directly (the build of it is tested above)."""
    from editio.edition import load_edition
    from editio.builders.plaintext import render_text

    edition = load_edition([ANY_TEI])
    return {document.id: render_text(edition, document, "diplomatic").content.decode("utf-8")
            for document in edition.texts}


def text(built, name: str) -> str:
    return (built[0] / "text" / f"{name}.txt").read_text("utf-8")


def page(built, name: str):
    return parse_page(built[0] / "html" / f"{name}.html")


def flat(element) -> str:
    return " ".join(element.text_content().split())


def test_every_document_gets_its_pages_and_its_text(built):
    out, report = built
    assert report.documents == len(DOCUMENTS)
    for name in DOCUMENTS:
        assert (out / "html" / f"{name}.html").is_file()
        assert (out / "html" / "about" / f"{name}.html").is_file()
        assert (out / "text" / f"{name}.txt").read_text("utf-8").strip()


def test_what_no_rule_knows_is_reported_by_both_outputs(built):
    notes = built[1].notes
    for output in ("html", "text"):
        for element in ("stamp", "listWit", "witness"):
            assert f"{output}: prose: no rule for the element {element};" in " ".join(notes), (output, element)
    known = ("lg", "l", "list", "item", "table", "row", "cell", "figure", "quote", "lb", "abbr", "expan", "add",
             "del", "gap", "unclear", "supplied", "div", "head", "opener", "closer", "postscript", "sp",
             "speaker", "stage", "titlePage", "docTitle", "byline", "docAuthor", "salute", "signed", "note")
    reported = {m.group(1) for n in notes for m in [re.search(r"no rule for the element (\S+);", n)] if m}
    assert reported.isdisjoint(known), reported & set(known)
    assert any('"#nobody" names no entry' in n for n in notes)


def test_the_pages_are_valid_html5(html_checked):
    # The pages of this build, made again by the command and checked ahead (web_support's html_checked).
    assert html_checked["any-tei"] == ""


def test_verse_keeps_its_lines_stanzas_and_languages(built):
    lines = text(built, "verse").split("=" * 72)[1]
    assert "The first line runs on in the stanza,\nthe second one *leans* on the first," in lines
    assert "a third with a word the sea broken," in lines, "lb break='no' joins the word"
    assert "wrapped at\n    seventy-two columns" in lines, "a long line continues indented"
    assert "and a fifth to be numbered.\n\nUne ligne en français," in lines, "stanzas stand apart"
    html = page(built, "verse")
    assert len(html.xpath("//div[@class='tei-lg']/div[@class='tei-lg']")) == 2
    assert html.xpath("//div[@class='tei-l'][@lang='fr']") and html.xpath("//i[@lang='la']")
    assert [flat(n) for n in html.xpath("//span[@class='l-num']")] == ["1", "5"]


def test_prose_structures_in_html():
    """Template level: the body of prose.xml through html.xsl."""
    html = html_tree(PROSE)
    assert [h.tag for h in html.xpath("//*[self::h2 or self::h3 or self::h4]")] == ["h2", "h3", "h4", "h2"]
    assert html.xpath("//ol[@class='tei-list']/li/ul[@class='tei-list']/li")
    assert html.xpath("//dl[@class='tei-list']/dt") and html.xpath("//dl/dd")
    table = html.xpath("//table[@class='tei-table']")[0]
    assert flat(table.xpath("caption")[0]) == "Measures" and len(table.xpath(".//th")) == 3
    assert table.xpath(".//td[@colspan='3']")
    assert html.xpath("//figure//figcaption") and html.xpath("//a[@class='tei-graphic'][@href='images/plate-1.png']")
    assert not html.xpath("//img"), "images are linked, never fetched"
    assert html.xpath("//blockquote/p") and html.xpath("//p//q[@class='tei-quote']")
    assert html.xpath("//div[@class='tei-p'][.//ol]"), "a paragraph holding a list becomes a div"
    assert html.xpath("//del[contains(@class, 'r-diplomatic')]") and html.xpath("//ins[@class='tei-add']")
    assert "[…]" in flat(html.xpath("//span[@class='tei-gap']")[0])
    assert html.xpath("//p[@class='tei-speaker']") and html.xpath("//p[@class='tei-stage']")


def test_prose_structures_in_text():
    """Template level: the body of prose.xml through text.xsl, in both readings."""
    corrected = fragment_text(PROSE, reading="corrected")
    assert "an abbreviation, a standalone etc., words added and, a right word" in " ".join(corrected.split())
    assert "a gap […] here, an unclear[?] word, a [supplied] one, and *bold* type." in " ".join(corrected.split())
    assert "A line broken\nhere" in corrected
    assert "\n    A block quotation standing among the paragraphs.\n" in corrected
    assert "1. the first item,\n2. the second, with a nested list:\n\n   - a bullet\n   - another" in corrected
    assert "TEI: the Text Encoding Initiative" in corrected
    assert "Thing | Length | Width\nTable | 2 m | 1 m" in corrected
    assert "[Figure: Plate one. A drawing of a table, seen from above.]" in corrected
    assert "Part One\n========" in corrected and "Chapter the First\n-----------------" in corrected
    assert "A section, deeper still\n......................." in corrected
    literal = " ".join(fragment_text(PROSE, reading="diplomatic").split())
    assert "an abbr., a standalone etc., words \\added/ and ⟦deleted⟧, a ⟦wrong⟧\\right/ word" in literal


def test_a_register_in_the_document_itself(built):
    out = built[0]
    persons = parse_page(out / "html" / "register" / "persons.html")
    friend = persons.get_element_by_id("friend")
    assert flat(friend.xpath("h2")[0]) == "Lene Freund"
    assert friend.xpath(".//*[@lang='en'][contains(., 'Lena Friend')]")
    assert friend.xpath(".//ul[@class='occurrences']//a[starts-with(@href, '../letter-register.html#')]")
    letter = page(built, "letter-register")
    assert letter.get_element_by_id("card-friend") is not None
    assert letter.xpath("//a[@href='register/places.html#town']")
    assert letter.xpath("//article[@lang='de']") and letter.xpath("//q[@lang='en']")
    unlinked = letter.xpath("//span[contains(@class, 'tei-rs')]")
    assert unlinked and "Jemand" in flat(unlinked[0])


def test_a_letter_with_opener_closer_postscript_and_a_note_of_two_paragraphs(built):
    letter = text(built, "letter-register")
    assert "Musterstadt, 2. Mai 1901\n\nLiebe Lene," in letter
    assert "Deine\n\nIda\n\nP.S. Ein Link <https://example.org/> und ein Verweis." in letter
    assert "[1] The town is invented.\n\n    A second paragraph of the note." in letter
    html = page(built, "letter-register")
    assert html.xpath("//div[@class='tei-opener']/p[@class='tei-dateline']")
    assert html.xpath("//section[@class='notes']//li/p[2]")


def test_documents_without_header_metadata(built):
    bare = page(built, "no-header")
    assert flat(bare.xpath("//h1")[0]) == "no-header"
    assert "Its second paragraph." in text(built, "no-header")
    titled = page(built, "bare-header")
    assert flat(titled.xpath("//h1")[0]) == "A Title Page Only and its subtitle"
    assert text(built, "bare-header").startswith("A Title Page Only: and its subtitle\n")
    assert "A Title Page Only\nand its subtitle\n\nby Nobody Known" in text(built, "bare-header")


def test_all_texts_wrap_at_72_columns_and_leak_no_markup(built, diplomatic):
    texts = {path: path.read_text("utf-8") for path in (built[0] / "text").glob("*.txt")}
    texts.update({f"{name} (diplomatic)": content for name, content in diplomatic.items()})
    for path, content in texts.items():
        assert all(len(line) <= 72 or len(line.split()) == 1 for line in content.splitlines()), path
        assert not re.search(r"<(?!https?://)|&[a-z]+;|\u2028|\u200b|\ue000", content), path


def test_every_metadata_record_is_made_for_every_document(tmp_path):
    """The crosswalks degrade gracefully too: a bare document gets every record, never a crash."""
    out = tmp_path / "out"
    report = build_edition([ANY_TEI], out=out, only=["metadata", "html"], validate=False)
    assert report.documents == len(DOCUMENTS)
    for name in DOCUMENTS:
        records = sorted(p.name for p in (out / "html" / "metadata").glob(f"{name}.*"))
        # every record the site publishes (the format table's site rows), and the page's linkset
        from editio.metadata import FORMATS
        suffixes = [f.suffix for f in FORMATS.values() if f.site and f.scope == "document"] + [".linkset.json"]
        assert records == sorted(f"{name}{suffix}" for suffix in suffixes), name
        assert {p.name for p in (out / "metadata" / name).iterdir()} >= {"oai_dc.xml", "mods.xml", "tei.xml"}
