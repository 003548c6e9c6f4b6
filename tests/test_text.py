"""The plain text (build/text): word for word the copy-text (corrections excepted, and each one
accounted for by the TEI), wrapped at 72 columns, with a title block and endnotes, no markup."""

from __future__ import annotations

import difflib
import re

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import LETTER, TEI_DIR, shared_path
from editio.build import BuildOptions, build_edition
from editio.cli import main
from web_support import TEI_NS

LETTER_ID = "letter-to-the-workers-of-western-europe"
RULE = "=" * 72
NOTE_MARK = re.compile(r"\[(\d+)\]")


@pytest.fixture(scope="module")
def corrected(build_outputs) -> str:
    return (build_outputs("text") / "text" / f"{LETTER_ID}.txt").read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def diplomatic(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("diplomatic")
    build_edition([TEI_DIR], out=out, only=["text"], options=BuildOptions(reading="diplomatic"))
    return (out / "text" / f"{LETTER_ID}.txt").read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def tei():
    return etree.parse(str(LETTER)).getroot()


def parts(text: str) -> tuple[str, str, str]:
    """Title block, reading text, endnotes. The reading text is the copy-text's, from its dateline to the
    apparatus: the editors' introduction before it and the emendations and collation after it are not."""
    head, _, rest = text.partition("\n" + RULE + "\n")
    body, _, notes = rest.partition("\nNotes\n=====\n")
    body = body[body.index("Dmitrov, Russia"):body.index("\nEmendations\n===")]
    return head, body, notes


def words(text: str) -> list[str]:
    """The words of the reading text: heading underlines and note numbers are not words."""
    lines = [line for line in text.splitlines() if not re.fullmatch(r"[=\-.]+", line.strip())]
    return NOTE_MARK.sub("", "\n".join(lines)).split()


def copy_text_words() -> list[str]:
    """The copy-text from its dateline to its last sentence, without its Markdown heading marks."""
    source = shared_path("source", "letter-to-the-workers-of-western-europe.txt").read_text("utf-8")
    start = source.index("Dmitrov, Russia")
    end = source.index("## The Anarchist Library Anti-Copyright")
    return [w for w in source[start:end].split() if w != "##"]


def test_the_diplomatic_text_is_the_copy_text_word_for_word(diplomatic):
    assert words(parts(diplomatic)[1]) == copy_text_words()


def test_the_corrected_text_differs_only_by_the_encoded_corrections(corrected, tei):
    """Every difference from the copy-text is one choice of the TEI, and every choice is applied."""
    def reading(choice, names):
        return " ".join(choice.xpath("|".join(f"tei:{n}" for n in names), namespaces=TEI_NS)[0]
                        .xpath("string()").split())

    choices = tei.xpath("tei:text//tei:choice", namespaces=TEI_NS)
    expected = [(reading(c, ("sic", "orig", "abbr")), reading(c, ("corr", "reg", "expan"))) for c in choices]
    copy, ours = copy_text_words(), words(parts(corrected)[1])
    found = [(" ".join(copy[i1:i2]), " ".join(ours[j1:j2]))
             for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=copy, b=ours, autojunk=False).get_opcodes()
             if tag != "equal"]
    # The differing words are those of the choice, give or take the punctuation that ends the word
    # ("Baboeuf." for "Baboeuf"; "impossible And" → "impossible. And" differs in one word).
    # A correction of punctuation or spacing alone ("nil" + ".", "1848- 1871" → "1848-1871") shows as the words
    # around it, changed by exactly that correction.
    raw = [("".join(c.xpath("tei:sic | tei:orig | tei:abbr", namespaces=TEI_NS)[0].itertext()),
            "".join(c.xpath("tei:corr | tei:reg | tei:expan", namespaces=TEI_NS)[0].itertext())) for c in choices]
    assert len(found) == len(expected)
    for (was, now), (sic, corr), (sic_raw, corr_raw) in zip(found, expected, raw):
        if re.search(r"\w", sic + corr):
            assert was.strip(".,;:!?") in sic and now.strip(".,;:!?") in corr, ((was, now), (sic, corr))
        else:
            assert (was.replace(sic_raw, corr_raw, 1) if sic_raw else was + corr_raw) == now, ((was, now), (sic_raw, corr_raw))


def test_lines_are_wrapped_at_72_columns(corrected, diplomatic):
    for text in (corrected, diplomatic):
        for line in text.splitlines():
            # only a word longer than a line (a URL) may stand out, alone on its line
            assert len(line) <= 72 or len(line.split()) == 1, line
    body = parts(corrected)[1]
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    assert max(len(line) for line in body.splitlines()) > 66, "lines are filled, not broken early"
    assert all("  " not in line.strip() for p in paragraphs for line in p.splitlines())


def test_the_title_block_names_title_author_date_source_edition_and_licence(corrected, tei):
    head = parts(corrected)[0]
    title = " ".join(tei.xpath("string(tei:teiHeader//tei:titleStmt/tei:title[@type='main'])", namespaces=TEI_NS).split())
    assert " ".join(head.split()).startswith(title)
    fields = re.findall(r"^([A-Z][a-z]+(?: [a-z]+)?):", head, re.M)
    assert fields[:5] == ["Author", "Date", "Source", "Edition", "Licence"]
    flat = " ".join(head.split())
    assert "Kropotkin" in flat
    # the editors' date (the printed date, 28 April 1919, stands in the dateline only; note 1 says why)
    assert "Date: 10 June 1920" in flat and "see note 1" in flat and "1919" not in flat
    assert "The Anarchist Library" in flat and "May 21, 2012" in flat
    assert "version 1.0" in flat and "https://creativecommons.org/licenses/by/4.0/" in flat
    assert "Anti-Copyright" in flat


def test_section_headings_are_underlined(corrected, tei):
    heads = tei.xpath("tei:text/tei:body//tei:div/tei:head", namespaces=TEI_NS)
    for head in heads:
        text = " ".join(head.xpath("string()").split())
        assert re.search(rf"^{re.escape(text)}\n=+$", parts(corrected)[1], re.M), text


def test_notes_are_numbered_endnotes_in_order(corrected, tei):
    _, body, notes = parts(corrected)
    tei_notes = tei.xpath("tei:text//tei:note", namespaces=TEI_NS)
    assert [int(n) for n in NOTE_MARK.findall(body)] == list(range(1, len(tei_notes) + 1))
    entries = re.findall(r"^\[(\d+)\] ", notes, re.M)
    assert [int(n) for n in entries] == list(range(1, len(tei_notes) + 1))
    flat_notes = " ".join(notes.split())
    for note in tei_notes:
        assert " ".join(note.xpath("string()").split()) in flat_notes
    for block in re.split(r"\n\n(?=\[\d+\] )", notes.strip()):
        assert all(line.startswith("    ") for line in block.splitlines()[1:]), "continuation lines hang"


def test_no_markup_leaks_into_the_text(corrected):
    assert not re.search(r"<(?!https?://)|&[a-z]+;|\bxmlns\b|\u2028|\u200b|\ue000", corrected)
    _, body, _ = parts(corrected)
    assert not re.search(r" [,.;:](?! \.)", body.replace(". . .", "")), "no space before punctuation"
    # a name, date or correction marked in the middle of a sentence leaves no line break behind
    for paragraph in body.split("\n\n"):
        assert "\n\n" not in paragraph and not paragraph.startswith(" ")
    assert corrected.endswith("\n") and not corrected.endswith("\n\n")
    assert "say and learn" in " ".join(corrected.split())


def test_the_text_is_utf8_with_its_diacritics(build_outputs):
    raw = (build_outputs("text") / "text" / f"{LETTER_ID}.txt").read_bytes()
    assert "Pëtr".encode("utf-8") in raw and not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")


def test_the_command_line_builds_the_diplomatic_reading(tmp_path):
    result = CliRunner().invoke(main, ["build", str(TEI_DIR), "--out", str(tmp_path), "--only", "text",
                                       "--reading", "diplomatic"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "text" / f"{LETTER_ID}.txt").read_text("utf-8")
    assert "say an learn" in " ".join(text.split()) and "Reading:  diplomatic" in text
