"""A corpus as its editors keep it: unreadable letters among thousands, and notes summarised."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import LETTER
from corpus_support import documents_rendered, output_tree, synthetic_corpus
from editio.build import build_edition
from editio.builders import run_of
from editio.cli import main
from editio.documents import parse_document
from editio.edition import SourcesUnreadable, load_edition
from editio.executor import POOL_THRESHOLD
from editio.notes import summarise
from editio.transform import stylesheet



@pytest.fixture
def corpus_with_broken_letters(tmp_path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    shutil.copy(LETTER, folder / LETTER.name)
    (folder / "broken-1.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <p><q>a</p>\n</TEI>\n')
    (folder / "broken-2.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n")
    return folder


def test_every_unreadable_source_is_named_before_anything_is_refused(corpus_with_broken_letters):
    with pytest.raises(SourcesUnreadable) as failure:
        load_edition([corpus_with_broken_letters])
    lines = str(failure.value).splitlines()
    assert lines[0].startswith(f"{corpus_with_broken_letters / 'broken-1.xml'}:2:")
    assert "not well-formed XML" in lines[0]
    assert lines[1].startswith(f"{corpus_with_broken_letters / 'broken-2.xml'}:2:")
    assert lines[2] == "error: 2 sources cannot be used; nothing was built (--keep-going builds the others)"


def test_keep_going_builds_the_readable_letters_and_exits_non_zero(corpus_with_broken_letters, tmp_path):
    out = tmp_path / "out"
    refused = CliRunner().invoke(main, ["build", str(corpus_with_broken_letters), "--out", str(out),
                                        "--only", "text", "--no-validate"])
    assert refused.exit_code == 2 and not (out / "text").exists()

    result = CliRunner().invoke(main, ["build", str(corpus_with_broken_letters), "--out", str(out),
                                       "--only", "text", "--no-validate", "--keep-going"])
    assert result.exit_code == 1, result.output
    assert "broken-1.xml:2:" in result.output and "broken-2.xml:2:" in result.output
    assert "2 sources could not be used and were left out" in result.output
    assert [p.name for p in (out / "text").glob("*.txt")] == ["letter-to-the-workers-of-western-europe.txt"]


def test_notes_of_one_kind_become_one_line_with_counts_and_first_places(tmp_path):
    source = (b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L1"><text><body>\n'
              b'<p><occupation>a</occupation> <persName ref="#nobody">N</persName>\n'
              b'  <occupation>b</occupation></p></body></text></TEI>')
    document = parse_document(source, tmp_path / "L1.xml")
    notes = ["html: L1: no rule for the element occupation; its content is shown as inline text"] * 2 + [
        "text: L1: no rule for the element occupation; its content is shown as inline text"] * 2 + [
        "html: L1: \"#nobody\" names no entry of the edition's register; the name is shown unlinked",
        "html: L1: something else entirely", "html: L1: something else entirely"]
    assert summarise(notes, [document]) == [
        "1 elements without a rule: occupation ×2 (L1.xml:2:4)",
        "1 pointers to no register entry (the names are shown unlinked): #nobody ×1 (L1.xml:2:31)",
        "html: L1: something else entirely"]




@pytest.fixture(scope="module")
def pool_sized_corpus(tmp_path_factory) -> Path:
    """Enough letters for the build to start a pool of workers."""
    return synthetic_corpus(tmp_path_factory.mktemp("corpus") / "letters", POOL_THRESHOLD + 2)


@pytest.mark.slow
def test_a_pool_of_workers_builds_byte_for_byte_what_one_process_builds(pool_sized_corpus, tmp_path):
    serial = build_edition([pool_sized_corpus], out=tmp_path / "serial", only=["html", "text", "metadata"],
                           validate=False, fresh=True, jobs=1)
    pooled = build_edition([pool_sized_corpus], out=tmp_path / "pooled", only=["html", "text", "metadata"],
                           validate=False, fresh=True, jobs=2)
    assert serial.outputs == pooled.outputs and serial.notes == pooled.notes
    assert output_tree(tmp_path / "serial") == output_tree(tmp_path / "pooled")


@pytest.mark.slow
def test_a_changed_letter_rebuilds_its_own_files_and_the_edition_wide_ones_only(tmp_path):
    letters = synthetic_corpus(tmp_path / "letters", 5)
    out = tmp_path / "out"
    build_edition([letters], out=out, only=["html", "text"], validate=False, jobs=1)
    before = output_tree(out)
    changed = sorted((letters / "letters").glob("*.xml"))[3]
    changed.write_text(changed.read_text(encoding="utf-8").replace("</p>", " Zwischenruf</p>", 1), encoding="utf-8")
    made = documents_rendered(
        lambda: build_edition([letters], out=out, only=["html", "text"], validate=False, jobs=1))
    assert made == [changed.name]
    after = output_tree(out)
    differing = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    edition = load_edition([letters])
    document_id = next(d.id for d in edition.texts if d.path.name == changed.name)
    assert f"html/{document_id}.html" in differing and f"text/{document_id}.txt" in differing
    others = {d.id for d in edition.texts} - {document_id}
    assert not [path for path in differing if re.search(r"(^|/)([^/.]+)\.", path)[2] in others]
    # and what the cache replays is what a fresh build makes
    build_edition([letters], out=tmp_path / "fresh", only=["html", "text"], validate=False, fresh=True, jobs=1)
    assert output_tree(tmp_path / "fresh") == after


def test_a_letter_is_titled_by_its_own_title_not_its_series(tmp_path):
    (tmp_path / "L1.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L1"><teiHeader><fileDesc><titleStmt>'
        '<title level="s">Briefwechsel</title><title level="a">Brief an Paul vom 5. Juni 1905</title>'
        '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>'
        '<text><body><p>Lieber Paul</p></body></text></TEI>', encoding="utf-8")
    edition = load_edition([tmp_path / "L1.xml"])
    document = edition.texts[0]
    page = stylesheet("html.xsl").apply(edition.document_node(document), edition.saxon_context).content.decode()
    assert re.search(r"<title>Brief an Paul vom 5\. Juni 1905\b", page)
    record = stylesheet("dc.xsl").apply(edition.document_node(document), edition.saxon_context).content.decode()
    assert "<dc:title>Brief an Paul vom 5. Juni 1905</dc:title>" in record


def test_a_letter_page_summarises_its_correspondence_with_names_as_readers_expect(tmp_path):
    (tmp_path / "L2.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L2"><teiHeader><fileDesc><titleStmt>'
        '<title>Brief an Paul</title><author>Schnitzler, Arthur</author></titleStmt>'
        '<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc><profileDesc><correspDesc>'
        '<correspAction type="sent"><persName>Schnitzler, Arthur</persName><placeName>Wien</placeName>'
        '<date notBefore="1905-05-01" notAfter="1905-05-03"/></correspAction>'
        '<correspAction type="received"><persName><surname>Tillich</surname> <forename>Paul</forename></persName>'
        '<date when="1905-05-06"/></correspAction>'
        '</correspDesc></profileDesc></teiHeader><text><body><p>Lieber Paul</p></body></text></TEI>',
        encoding="utf-8")
    edition = load_edition([tmp_path / "L2.xml"])
    page = stylesheet("html.xsl").apply(edition.document_node(edition.texts[0]), edition.saxon_context).content
    text = " ".join(re.sub(r"<[^>]+>", " ", page.decode()).split())
    assert '<p class="doc-author">Arthur Schnitzler</p>' in page.decode()
    assert "Sent Arthur Schnitzler · Wien · between 1 May 1905 and 3 May 1905" in text
    assert "Received Paul Tillich · 6 May 1905" in text


def test_a_correspondence_is_listed_by_year_with_who_wrote_to_whom(tmp_path):
    letters = synthetic_corpus(tmp_path / "letters", 14)
    edition = load_edition([letters])
    # the home page reads the letters' facts (facts.py), not the letters
    with run_of(edition) as run:
        home = stylesheet("html.xsl").call("{urn:editio:web}home-page", run.pages_index).content.decode()
    assert '<nav class="letter-years"' in home and home.count('<table class="letters">') >= 1
    rows = re.findall(r"<tr><td>(.*?)</td><td><a href=\"([^\"]+)\">", home)
    assert len(rows) == len(edition.texts)
    # in date order: the sort keys of the rows' letters never go down
    dates = {d.id: (d.root.xpath("string((.//tei:correspAction[@type='sent']/tei:date)[1]/@when)",
                                 namespaces={"tei": "http://www.tei-c.org/ns/1.0"})) for d in edition.texts}
    ordered = [dates[href.removesuffix(".html")] or "9999" for _, href in rows]
    assert ordered == sorted(ordered)
    assert "with a register" not in home or edition.register_kinds


def test_a_corpus_build_holds_a_few_documents_trees_at_a_time_not_every_one(tmp_path, monkeypatch):
    """Memory bounded by the largest document, not by the corpus: after loading, the build keeps each
    document's bytes and what it is asked for, and parses a tree only while a stage works on it."""
    import gc

    from editio import documents
    from editio.documents import Document

    # the trees parsed again that are kept: as few as a corpus of thousands keeps, for these 7 KB letters
    monkeypatch.setattr(documents, "_RECENT_SOURCE_BYTES", 16 * 1024)

    corpus = synthetic_corpus(tmp_path / "corpus", 12)
    edition = load_edition([corpus])
    assert len(edition.texts) >= 12 and not any(document.holds_tree for document in edition.documents)
    assert not any(entry.descriptions and entry.descriptions[0].getparent() is not None
                   for entry in edition.register.entries)  # the register keeps no document's tree alive
    held = []

    def count_held_trees(done: int, steps: int) -> None:
        held.append(sum(1 for obj in gc.get_objects() if isinstance(obj, Document) and obj.holds_tree))

    build_edition([corpus], out=tmp_path / "out", only=["text"], validate=False, progress=count_held_trees, jobs=1)
    assert len(held) >= 12 and max(held) <= 4  # the last two or three parsed again, and the task's own
