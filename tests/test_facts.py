"""A document's facts (xslt/facts.xsl), the pages a correspondence gets from them, and what a changed
letter rebuilds: its own files, and its neighbours' pages only when its title or date changed."""

from __future__ import annotations

import re
import shutil

import pytest
from lxml import etree

from conftest import ROOT
from corpus_support import documents_rendered, output_tree, synthetic_corpus
from editio.build import build_edition
from editio.builders import run_of
from editio.edition import load_edition
from editio.facts import FULL_TEXTS_BELOW, facts_edition, neighbours
from editio.transform import stylesheet

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
ED = "{urn:editio}"
WEB = "{urn:editio:web}"
# the corpus pages appear from this many letters on; the fixture has three
FEW = {f"{WEB}letters-table-from": 2}


@pytest.fixture(scope="module")
def corpus_run():
    edition = load_edition([CORPUS])
    with run_of(edition) as run:
        run.all_facts()
        yield run


@pytest.fixture(scope="module")
def facts(corpus_run):
    return {element.get("id"): element for element in map(etree.fromstring, corpus_run.all_facts())}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_facts_name_the_letter_by_its_own_title_and_date(facts):
    first = facts["C001"]
    assert first.get("title") == "Brief von Anna Berger an Karl Adler vom 3. März 1901"  # not the series
    assert (first.get("file"), first.get("type"), first.get("lang")) == ("C001.xml", "letter", "de")
    date = first.find(f"{ED}date")
    assert (date.get("sort"), date.get("when"), date.text) == ("1901-03-03", "1901-03-03", "3. März 1901")


def test_a_span_keeps_its_bounds_and_certainty_and_sorts_by_its_start(facts):
    date = facts["C002"].find(f"{ED}date")
    assert {k: date.get(k) for k in ("sort", "notBefore", "notAfter", "cert")} == {
        "sort": "1901-05-01", "notBefore": "1901-05-01", "notAfter": "1901-05-20", "cert": "medium"}
    assert date.text == "between 1 May 1901 and 20 May 1901 (probable)"
    assert facts["C003"].find(f"{ED}date") is None  # undated: no date, never an invented one


def test_each_action_lists_its_people_as_readers_expect_with_refs_as_written(facts):
    sent, received = facts["C001"].findall(f"{ED}action")
    assert sent.get("type") == "sent" and received.get("type") == "received"
    assert [(p.get("ref"), p.text) for p in sent.findall(f"{ED}person")] == [("#berger", "Anna Berger")]
    assert [(p.get("ref"), p.text) for p in received.findall(f"{ED}person")] == [("#adler", "Karl Adler")]
    assert [(p.get("ref"), p.text) for p in sent.findall(f"{ED}place")] == [("#kiel", "Kiel")]
    # both dates of the letter, sent and received
    assert [d.get("when") for d in facts["C001"].iterfind(f"{ED}action/{ED}date")] == ["1901-03-03", "1901-03-05"]
    # a name without a reference has none
    assert facts["C003"].find(f"{ED}action/{ED}person").get("ref") is None


def test_correspondence_context_points_to_the_editions_letter_when_it_has_it(facts):
    contexts = [(c.get("type"), c.get("target"), c.get("ref"), c.text) for c in facts["C002"].iterfind(f"{ED}context")]
    assert contexts == [("previous", "C001.xml", "C001", "Brief vom 3. März 1901"),
                        ("next", "https://example.org/elsewhere/X9", "", "a letter kept elsewhere")]


def test_mentions_say_where_on_the_reading_page_a_name_stands(facts):
    mentions = [(m.get("ref"), m.get("kind"), m.get("type"), m.get("page"), m.get("anchor"), m.get("label"), m.text)
                for m in facts["C001"].iterfind(f"{ED}mention")]
    assert ("#adler", "rs", "person", "text", "opener-1", "opening", "Karl") in mentions
    assert ("#kiel", "placeName", None, "text", "p-2", "¶ 1", "Kiel") in mentions
    assert ("#clara", "persName", None, "text", "p-3", "¶ 2", "Clara Weiss") in mentions
    assert ("bonn", "rs", "place", "text", "p-3", "¶ 2", "Bonn") in mentions  # @key, as written
    # the header's names are mentions too, on the "about" page
    assert ("#berger", "persName", None, "about", "correspondence", "correspondence", "Berger, Anna") in mentions


def test_the_reading_page_has_an_anchor_for_every_mention(corpus_run, facts):
    edition = corpus_run.edition
    document = edition.document("C001")
    page = stylesheet("html.xsl").apply(edition.document_node(document), edition.saxon_context).content.decode()
    for mention in facts["C001"].iterfind(f"{ED}mention[@page='text']"):
        assert f'id="{mention.get("anchor")}"' in page


def test_neighbours_follow_date_order_with_undated_letters_last_and_carry_only_what_navigation_shows(corpus_run):
    around = {key: etree.fromstring(value) for key, value in neighbours(corpus_run.all_facts()).items()}
    assert around["C001"].find(f"{ED}previous") is None and around["C001"].find(f"{ED}next").get("id") == "C002"
    assert around["C002"].find(f"{ED}next").get("id") == "C003"
    assert around["C003"].find(f"{ED}next") is None
    assert set(around["C002"].find(f"{ED}previous").attrib) == {"id", "title", "date"}
    assert neighbours(corpus_run.all_facts()[:1]) == {}  # one text: nothing to go to


def test_a_letter_page_links_its_neighbours_in_the_correspondence_and_in_date_order(corpus_run):
    edition = corpus_run.edition
    with run_of(edition) as run:
        page = next(o for o in run.outputs("html", edition.document("C002")) if o.path == "C002.html").content.decode()
    nav = re.search(r'<nav class="letter-neighbours".*?</nav>', page, re.S)[0]
    assert '<a href="C001.html" rel="prev">Brief vom 3. März 1901</a>' in nav
    assert "a letter kept elsewhere" in nav and "example.org/elsewhere" not in nav  # not linked: not ours
    text = _text(nav)
    assert "In date order: previous: Brief von Anna Berger an Karl Adler vom 3. März 1901 (3. März 1901)" in text
    assert "next: Undatierter Zettel von Clara Weiss" in text


def test_the_pages_index_holds_facts_and_no_text_for_a_corpus(tmp_path):
    for number in range(FULL_TEXTS_BELOW):
        source = (CORPUS / "C003.xml").read_text(encoding="utf-8").replace('xml:id="C003"', f'xml:id="N{number:02}"')
        (tmp_path / f"N{number:02}.xml").write_text(source, encoding="utf-8")
    edition = load_edition([tmp_path])
    with run_of(edition) as run:
        index = etree.fromstring(facts_edition(edition, run.all_facts()))
    texts = index.findall(f"{ED}document[@has-text='true']")
    assert len(texts) == FULL_TEXTS_BELOW
    assert all(t.find(f"{ED}facts") is not None for t in texts)
    assert not index.findall(".//{http://www.tei-c.org/ns/1.0}TEI")
    # an edition of a few texts keeps them, for a home page that introduces its text
    small = load_edition([CORPUS])
    with run_of(small) as run:
        kept = etree.fromstring(facts_edition(small, run.all_facts()))
    assert len(kept.findall(f"{ED}document/{{http://www.tei-c.org/ns/1.0}}TEI")) == 3


def test_the_letters_index_lists_every_letter_with_date_sender_recipient_and_places(corpus_run):
    page = stylesheet("html.xsl").call(f"{WEB}letters-page", corpus_run.pages_index, **FEW).content.decode()
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)[1:]
    assert [_text(row) for row in rows] == [
        "3. März 1901 Brief von Anna Berger an Karl Adler vom 3. März 1901 Anna Berger Karl Adler Kiel → Bonn",
        "between 1 May 1901 and 20 May 1901 (probable) Brief von Karl Adler an Anna Berger, Mai 1901 Karl Adler Anna Berger Bonn",
        "Undatierter Zettel von Clara Weiss Clara Weiss Karl Adler"]
    assert 'data-sortable=""' in page and '<tr id="m-1901-03">' in page and '<tr id="m-1901-05">' in page


def test_the_calendar_counts_letters_by_month_and_links_them(corpus_run):
    page = stylesheet("html.xsl").call(f"{WEB}calendar-page", corpus_run.pages_index, **FEW).content.decode()
    assert '<a href="index.html#m-1901-03" aria-label="Mar 1901: 1 letter">1</a>' in page
    assert '<a href="index.html#m-1901-05" aria-label="May 1901: 1 letter">1</a>' in page
    assert re.search(r'<th scope="row">Undated</th>(<td></td>){13}<td>1</td>', page)


def test_correspondents_say_who_wrote_to_whom_how_often_and_when(corpus_run):
    page = stylesheet("html.xsl").call(f"{WEB}correspondents-page", corpus_run.pages_index, **FEW).content.decode()
    text = _text(page)
    assert "3 correspondents" in text
    assert "Karl Adler (3 letters, 1901) Wrote to: Anna Berger (1) Received from: Anna Berger (1), Clara Weiss (1)" in text
    # grouped by the reference as written, else by the name
    assert text.count("Clara Weiss (1 letter)") == 1


def test_correspondents_are_grouped_by_their_register_entry_whatever_the_pointer(tmp_path):
    """One person, named by a prefixed pointer in one letter and by an authority URI in another, is
    one correspondent: the merged register resolves both to one entry."""
    folder = tmp_path / "letters"
    shutil.copytree(ROOT / "tests" / "fixtures" / "registers", folder)
    letter = (folder / "L1.xml").read_text(encoding="utf-8")
    (folder / "L3.xml").write_text(
        letter.replace('xml:id="L1"', 'xml:id="L3"').replace('xml:id="L1-', 'xml:id="L3-')
        .replace('<persName ref="#hm">Muster, Hedwig</persName><date when="1901-05-02"/>',
                 '<persName ref="https://d-nb.info/gnd/000000007">Beispiel, Karl</persName><date when="1902-01-10"/>')
        .replace('<correspAction type="received"><persName ref="pmb:7">Karl Beispiel</persName>',
                 '<correspAction type="received"><persName ref="#hm">Hedwig Muster</persName>'), encoding="utf-8")
    with run_of(load_edition([folder])) as run:
        text = _text(stylesheet("html.xsl").call(f"{WEB}correspondents-page", run.pages_index, **FEW).content.decode())
    assert "2 correspondents" in text
    assert "Karl Beispiel (2 letters, 1901–1902) Wrote to: Hedwig Muster (1) Received from: Hedwig Muster (1)" in text


def test_places_count_letters_written_and_received_there(corpus_run):
    text = _text(stylesheet("html.xsl").call(f"{WEB}places-page", corpus_run.pages_index, **FEW).content.decode())
    assert "Bonn (2 letters, 1901) written here: 1; received here: 1" in text
    assert "Kiel (1 letter, 1901) written here: 1" in text


def test_an_edition_of_one_text_gets_no_corpus_pages(corpus_run):
    edition = load_edition([CORPUS / "C001.xml"])
    with run_of(edition) as run:
        for entry in ("letters-page", "calendar-page", "correspondents-page", "places-page"):
            assert not stylesheet("html.xsl").call(f"{WEB}{entry}", run.pages_index).content.strip()
    # nor does a corpus below the threshold
    assert not stylesheet("html.xsl").call(f"{WEB}letters-page", corpus_run.pages_index).content.strip()



@pytest.mark.slow
def test_a_changed_body_leaves_the_other_letters_cached_and_a_changed_date_reaches_only_its_neighbours(tmp_path):
    letters = synthetic_corpus(tmp_path / "letters", 14)
    out = tmp_path / "out"
    build = lambda: build_edition([letters], out=out, only=["html", "text"], validate=False, jobs=1)  # noqa: E731
    build()
    assert (out / "html" / "letters" / "calendar.html").is_file()
    files = sorted((letters / "letters").glob("*.xml"))
    changed = files[6]
    changed.write_text(changed.read_text(encoding="utf-8").replace("</p>", " Zwischenruf</p>", 1), encoding="utf-8")
    assert documents_rendered(build) == [changed.name]
    # a new date moves the letter: its pages, and those of its old and new neighbours in date order
    source = changed.read_text(encoding="utf-8")
    when = re.search(r'<date when="(\d{4})-', source)
    moved = source.replace(when[0], f'<date when="{int(when[1]) - 40}-', 1)
    changed.write_text(moved, encoding="utf-8")
    made = documents_rendered(build)
    assert changed.name in made and 2 <= len(made) <= 5
    # and what the cache replays is what a fresh build makes
    build_edition([letters], out=tmp_path / "fresh", only=["html", "text"], validate=False, fresh=True, jobs=1)
    assert output_tree(tmp_path / "fresh") == output_tree(out)
    shutil.rmtree(tmp_path / "fresh")
