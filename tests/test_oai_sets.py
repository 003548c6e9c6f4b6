"""OAI-PMH sets that appear from the data (by correspondent, year and document type), and every
metadata format over letters encoded as other editions encode them: several correspActions, two
dates in one, notBefore/notAfter, several authors, msDesc, authority URIs as pointers.

The fixture correspondence (``tests/fixtures/correspondence``) is built for real; the Tillich
corpus (``../shared/corpora/tillich-briefe``) too, in the slow tests, harvested by Sickle."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode

import bibtexparser
import pytest
import rispy
from lxml import etree
from sickle import Sickle

from conftest import FIXTURES, shared_path
from editio.build import build_edition
from editio.edition import load_edition
from editio.metadata import DOCUMENT_FORMATS, render_records
from editio.oai.protocol import SYNTAX
from editio.oai.sets import MAX_YEARS, correspondent_key, document_sets, set_list, spec_word, years
from editio.server import create_app
from schemas import assert_valid, combined_schema, relax_ng, xml_schema

pytest.register_assert_rewrite("oai_support")
from oai_support import NS, OAI, SECRET, LiveServer, assert_oai, call, read_catalogue  # noqa: E402

CORRESPONDENCE = FIXTURES / "correspondence"
TEI = {"tei": "http://www.tei-c.org/ns/1.0"}
ANNA, EMIL, CARL = "correspondent:gnd-999999991", "correspondent:gnd-999999993", "correspondent:wikidata-Q99999992"


# --- the key function and the set words --------------------------------------------------------

def test_a_set_word_is_legal_and_two_texts_never_share_one():
    texts = ["Müller, Hans", "a b", "a_b", "a~20b", "x:y/z", "Paul Tillich", "1 Tim 6,12", "~"]
    words = [spec_word(text) for text in texts]
    assert all(SYNTAX["set"].fullmatch(f"correspondent:{word}") for word in words)
    assert len(set(words)) == len(texts)
    assert spec_word("tillich_person_id__1930") == "tillich_person_id__1930"  # ids stay readable


def test_a_correspondent_is_keyed_by_the_same_authority_whichever_letter_names_it():
    by_register = {"pointer": "#anna", "entry": "anna", "name": "Anna Brenner",
                   "idnos": [["viaf", "99990001"], ["gnd", "999999991"]]}
    by_uri = {"pointer": "http://d-nb.info/gnd/999999991/", "name": "Brenner, Anna"}
    reordered = dict(by_register, idnos=list(reversed(by_register["idnos"])))
    assert correspondent_key(by_register) == correspondent_key(by_uri) == correspondent_key(reordered) \
        == "gnd-999999991"  # GND first, in any order, in any spelling of its URI
    assert correspondent_key({"pointer": "#x", "entry": "x", "idnos": [["URI", "https://www.wikidata.org/wiki/Q5"]]}) \
        == "wikidata-Q5"
    assert correspondent_key({"pointer": "#tillich_person_id__1930", "name": "Marie Tillich"}) \
        == "tillich_person_id__1930"  # no register: the id its pointer names
    assert correspondent_key({"name": "Gustav  Hahn"}) == "name.Gustav_Hahn"
    assert correspondent_key({}) is None


@pytest.mark.parametrize("date, expected", [
    ({"when": "1887-08-20"}, [1887]),
    ({"notBefore": "1919-12-20", "notAfter": "1920-01-05"}, [1919, 1920]),
    ({"from": "1919", "to": "1921-03"}, [1919, 1920, 1921]),
    ({"notBefore": "1921-01-01"}, []),  # open-ended: no year can be claimed
    ({"notAfter": "1921"}, []),
    ({"notBefore": "1920", "notAfter": "1919"}, []),
    ({"notBefore": "1900", "notAfter": str(1900 + MAX_YEARS)}, []),  # too wide to say anything
    ({"when": "--08-20"}, []),
])
def test_the_years_a_date_may_fall_in(date, expected):
    assert years(date) == expected


def test_the_set_list_names_each_set_as_most_records_do_and_adds_the_parents():
    records = [{"correspondent:k": "Correspondent: Paul Tillich", "year:1920": "Year 1920"},
               {"correspondent:k": "Correspondent: Tillich, Paul"},
               {"correspondent:k": "Correspondent: Paul Tillich"}]
    assert set_list(records) == {"correspondent": "Correspondents", "correspondent:k": "Correspondent: Paul Tillich",
                                 "year": "Years", "year:1920": "Year 1920"}


def test_a_document_without_correspondence_is_a_text_of_its_own_type():
    assert document_sets({"kind": "text", "types": ["memorandum"], "date": {}, "correspondents": []}) == \
        {"texts": "Texts", "type:memorandum": "Document type: memorandum"}


# --- the fixture correspondence, built and served ------------------------------------------------

@pytest.fixture(scope="module")
def correspondence(tmp_path_factory) -> Path:
    edition = tmp_path_factory.mktemp("correspondence")
    report = build_edition([CORRESPONDENCE], out=edition / "build", only=["metadata"], validate=False)
    assert report.documents == 3
    return edition / "build"


def oai(app, **arguments) -> etree._Element:
    return assert_oai(call(app, query=urlencode(arguments)))


def identifiers(tree) -> list[str]:
    return [header.findtext("oai:identifier", namespaces=NS).rsplit(":", 1)[1] for header in tree.iter(f"{OAI}header")]


def test_the_sets_appear_from_the_letters(correspondence):
    catalogue = read_catalogue(correspondence / "metadata")
    assert catalogue["sets"] == {
        "correspondent": "Correspondents", ANNA: "Correspondent: Anna Brenner", EMIL: "Correspondent: Emil Frei",
        CARL: "Correspondent: Carl Dorn", "correspondent:name.Die_Redaktion": "Correspondent: Die Redaktion",
        "correspondent:name.Gustav_Hahn": "Correspondent: Gustav Hahn",
        "letters": "Letters", "texts": "Texts",
        "type": "Document types", "type:letter": "Document type: letter", "type:postcard": "Document type: postcard",
        "year": "Years", "year:1919": "Year 1919", "year:1920": "Year 1920"}
    sets = {record["id"]: record["sets"] for record in catalogue["records"]}
    # two senders, a person and a body received, a span over the turn of the year
    assert sets["letter-1"] == sorted([ANNA, CARL, EMIL, "correspondent:name.Die_Redaktion", "letters", "texts",
                                       "type:letter", "year:1919", "year:1920"])
    assert sets["letter-2"] == sorted([EMIL, ANNA, "letters", "texts", "type:postcard", "year:1920"])
    # dated "not before" only: in no year
    assert sets["letter-3"] == sorted([CARL, "correspondent:name.Gustav_Hahn", "letters", "texts", "type:letter"])


def test_list_sets_pages_through_every_set_and_each_header_carries_its_sets(correspondence):
    app = create_app(correspondence, secret=SECRET, page_size=4)
    catalogue = read_catalogue(correspondence / "metadata")
    listed, arguments, pages = {}, {"verb": "ListSets"}, 0
    while True:
        tree = oai(app, **arguments)
        pages += 1
        listed.update({s.findtext("oai:setSpec", namespaces=NS): s.findtext("oai:setName", namespaces=NS)
                       for s in tree.iter(f"{OAI}set")})
        token = tree.find(f".//{OAI}resumptionToken")
        if token is None or not token.text:
            break
        arguments = {"verb": "ListSets", "resumptionToken": token.text}
    assert listed == catalogue["sets"] and pages == -(-len(listed) // 4)
    record = oai(app, verb="GetRecord", identifier="oai:correspondence.example.org:letter-2", metadataPrefix="mods")
    assert [spec.text for spec in record.iter(f"{OAI}setSpec")] == \
        next(r["sets"] for r in catalogue["records"] if r["id"] == "letter-2")


@pytest.mark.parametrize("spec, expected", [
    ("year:1920", ["letter-1", "letter-2"]),
    ("year:1919", ["letter-1"]),
    ("year", ["letter-1", "letter-2"]),  # a parent holds its children's items
    (ANNA, ["letter-1", "letter-2"]),  # in one letter by the register's GND, in the other by a GND URI
    (CARL, ["letter-1", "letter-3"]),
    ("correspondent:name.Gustav_Hahn", ["letter-3"]),
    ("type:postcard", ["letter-2"]),
    ("correspondent", ["letter-1", "letter-2", "letter-3"]),
])
def test_a_set_selects_its_letters_through_resumption_tokens(correspondence, spec, expected):
    app = create_app(correspondence, secret=SECRET, page_size=1)
    found, arguments = [], {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": spec}
    for _ in range(10):
        tree = oai(app, **arguments)
        found += identifiers(tree)
        token = tree.find(f".//{OAI}resumptionToken")
        if token is None or not token.text:
            break
        arguments = {"verb": "ListRecords", "resumptionToken": token.text}
    assert sorted(found) == expected


def serve_metadata(build: Path, folder: Path, arguments=()) -> LiveServer:
    """``editio serve`` over a build of the metadata alone (serve asks for a web edition beside it)."""
    (build / "html").mkdir(exist_ok=True)
    return LiveServer(folder, ["--build", str(build), *arguments])


def test_a_real_harvester_harvests_a_correspondents_set_over_a_real_server(correspondence):
    folder = correspondence.parent
    (folder / "editio.toml").write_text((CORRESPONDENCE / "editio.toml").read_text(encoding="utf-8") +
                                        '\n[oai]\npage_size = 1\n', encoding="utf-8")
    server = serve_metadata(correspondence, folder)
    try:
        sickle = Sickle(server.url + "oai", max_retries=0, timeout=15)
        records = list(sickle.ListRecords(metadataPrefix="oai_dc", set=CARL))
        assert sorted(r.header.identifier.rsplit(":", 1)[1] for r in records) == ["letter-1", "letter-3"]
        assert all(CARL in r.header.setSpecs for r in records)
        assert {s.setSpec for s in sickle.ListSets()} == set(read_catalogue(correspondence / "metadata")["sets"])
    finally:
        server.stop()


def test_a_changed_letter_is_the_only_one_rendered_again_and_the_collected_files_follow_it(tmp_path):
    """The CMIF and the set list are collected from each letter's record state, which the per-document
    cache keeps: a changed letter is rendered again, alone, and what is collected is what a fresh build makes."""
    import shutil
    from corpus_support import documents_rendered

    letters = tmp_path / "letters"
    shutil.copytree(CORRESPONDENCE, letters)
    build_edition([letters], out=tmp_path / "out", only=["metadata"], validate=False, jobs=1)
    changed = letters / "letter-2.xml"
    changed.write_text(changed.read_text(encoding="utf-8").replace('when="1920-03-01"', 'when="1921-03-01"'),
                       encoding="utf-8")
    made = documents_rendered(
        lambda: build_edition([letters], out=tmp_path / "out", only=["metadata"], validate=False, jobs=1))
    assert made == ["letter-2.xml"]
    cmif = etree.parse(str(tmp_path / "out" / "metadata" / "cmif.xml"))
    assert cmif.xpath("//tei:correspDesc[contains(@ref, 'letter-2')]//tei:date/@when", namespaces=TEI) == ["1921-03-01"]
    assert "year:1921" in read_catalogue(tmp_path / "out" / "metadata")["sets"]
    build_edition([letters], out=tmp_path / "fresh", only=["metadata"], validate=False, fresh=True, jobs=1)
    for name in ("cmif.xml", "catalogue.json"):
        assert (tmp_path / "out" / "metadata" / name).read_bytes() == (tmp_path / "fresh" / "metadata" / name).read_bytes()


# --- every format is total ----------------------------------------------------------------------

def assert_every_format_is_sound(records: dict[str, bytes], where: str) -> None:
    """Each document record parses as its format and each XML one is valid against its schema."""
    schemas = {"oai_dc": lambda: xml_schema("oai_dc.xsd"), "mods": lambda: xml_schema("mods-3-6.xsd"),
               "marcxml": lambda: xml_schema("MARC21slim.xsd"),
               "datacite": lambda: combined_schema("datacite-4/metadata.xsd"),
               "oai_datacite": lambda: combined_schema("oai_datacite.xsd", "datacite-4/metadata.xsd"),
               "mets": lambda: combined_schema("mets.xsd")}
    assert set(records) == {f.name for f in DOCUMENT_FORMATS}, where
    for name, schema in schemas.items():
        assert_valid(schema(), records[name])
    assert etree.QName(etree.fromstring(records["tei"])).localname == "teiHeader", where
    assert json.loads(records["jsonld"])["@type"] in ("Message", "CreativeWork"), where
    [item] = json.loads(records["csl-json"])
    assert item["title"], where
    assert len(bibtexparser.parse_string(records["bibtex"].decode("utf-8")).entries) == 1, where
    assert len(rispy.loads(records["ris"].decode("utf-8"))) == 1, where


def test_every_format_takes_several_actions_dates_authors_and_a_manuscript(correspondence):
    edition = load_edition([CORRESPONDENCE])
    for document in edition.texts:
        assert_every_format_is_sound(render_records(edition, document, "2024-01-01"), document.id)
    letter = etree.parse(str(correspondence / "metadata" / "letter-1" / "mods.xml"))
    names = letter.xpath("//mods:mods/mods:name/mods:namePart[not(@type = 'date')]/text()",
                         namespaces={"mods": "http://www.loc.gov/mods/v3"})
    assert {"Brenner", "Anna", "Carl Dorn"} <= set(names)  # both authors, the first in parts
    jsonld = json.loads((correspondence / "metadata" / "letter-1" / "jsonld.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in jsonld["sender"]] == ["Anna Brenner", "Carl Dorn"]
    assert [p["name"] for p in jsonld["recipient"]] == ["Emil Frei", "Die Redaktion"]


def test_the_cmif_has_every_letter_with_its_actions_spans_and_authorities(correspondence):
    content = (correspondence / "metadata" / "cmif.xml").read_bytes()
    assert_valid(relax_ng("cmi-customization.rng"), content)
    assert cmif_schematron_failures(content) == []
    cmif = etree.fromstring(content)
    assert len(cmif.xpath("//tei:correspDesc", namespaces=TEI)) == 3
    [first] = cmif.xpath("//tei:correspDesc[contains(@ref, 'letter-1')]", namespaces=TEI)
    sent = first.find("tei:correspAction[@type='sent']", TEI)
    assert [p.get("ref") for p in sent.findall("tei:persName", TEI)] == \
        ["http://d-nb.info/gnd/999999991", "http://www.wikidata.org/entity/Q99999992"]
    assert dict(sent.find("tei:date", TEI).attrib) == {"notBefore": "1919-12-20", "notAfter": "1920-01-05"}
    received = first.find("tei:correspAction[@type='received']", TEI)
    assert received.find("tei:persName", TEI).get("ref") == "http://d-nb.info/gnd/999999993"  # a @ref that is a URI
    assert received.findtext("tei:orgName", namespaces=TEI) == "Die Redaktion"
    assert received.find("tei:date", TEI).get("when") == "1920-01-09"


def cmif_schematron_failures(content: bytes) -> list[str]:
    """cmif.sch on ``content`` with editio's own engine (as test_metadata runs it on our CMIF)."""
    from editio.schematron_engine import compile_schematron, parse, source_text
    run = compile_schematron(shared_path("reference", "schemas", "cmif.sch")).run(
        parse(source_text(content, Path("cmif.xml"))))
    return [f"{failure.severity}: {failure.message}" for failure in run.failures]


# --- the Tillich correspondence (1,330 real letters) ----------------------------------------------

@pytest.fixture(scope="module")
def tillich(tmp_path_factory) -> tuple[Path, object]:
    letters = shared_path("corpora", "tillich-briefe", "letters")
    out = tmp_path_factory.mktemp("tillich") / "build"
    report = build_edition([letters], out=out, only=["metadata"], validate=False, keep_going=True)
    return out, report


@pytest.mark.slow
def test_tillich_every_letter_is_in_the_cmif_and_the_sets_grow_with_the_corpus(tillich):
    out, report = tillich
    cmif = (out / "metadata" / "cmif.xml").read_bytes()
    assert_valid(relax_ng("cmi-customization.rng"), cmif)
    assert cmif_schematron_failures(cmif) == []
    assert len(etree.fromstring(cmif).xpath("//tei:correspDesc", namespaces=TEI)) == report.documents > 1300
    catalogue = read_catalogue(out / "metadata")
    assert len(catalogue["records"]) == report.documents
    by_kind = {}
    for spec in catalogue["sets"]:
        by_kind.setdefault(spec.split(":")[0], []).append(spec)
    # 1887-1933 and after: dozens of years; hundreds of correspondents; letters, postcards, telegrams
    assert len(by_kind["year"]) > 30 and len(by_kind["correspondent"]) > 200
    assert {"type:letter", "type:postcard", "type:telegram"} <= set(by_kind["type"])
    assert all(SYNTAX["set"].fullmatch(spec) for spec in catalogue["sets"])
    tillich_himself = max(by_kind["correspondent"][1:],
                          key=lambda spec: sum(spec in r["sets"] for r in catalogue["records"]))
    assert catalogue["sets"][tillich_himself] == "Correspondent: Paul Tillich"


@pytest.mark.slow
def test_tillich_one_year_harvested_by_a_real_harvester(tillich, tmp_path):
    out, _ = tillich
    catalogue = read_catalogue(out / "metadata")
    expected = sorted(r["id"] for r in catalogue["records"] if "year:1919" in r["sets"])
    assert len(expected) > 20
    server = serve_metadata(out, tmp_path)
    try:
        sickle = Sickle(server.url + "oai", max_retries=0, timeout=30)
        headers = list(sickle.ListIdentifiers(metadataPrefix="mods", set="year:1919"))
        assert sorted(h.identifier.rsplit(":", 1)[1] for h in headers) == expected
        assert len({s.setSpec for s in sickle.ListSets()}) == len(catalogue["sets"])
    finally:
        server.stop()


@pytest.mark.slow
def test_tillich_every_format_is_sound_on_a_sample_of_every_date_shape(tillich):
    letters = shared_path("corpora", "tillich-briefe", "letters")
    # a letter of each way the corpus dates its correspActions, and of each document type
    shapes: dict[str, Path] = {}
    for path in sorted(letters.glob("*.xml")):
        text = path.read_text(encoding="utf-8")
        action = re.search(r"<correspAction[^>]*>.*?</correspAction>", text, re.S)
        date = re.search(r"<date([^>]*)>", action[0]) if action else None
        shape = " ".join(sorted(re.findall(r"(\w+)=", date[1]))) if date else "none"
        kind = (re.search(r'<text type="(\w+)"', text) or [None, ""])[1]
        shapes.setdefault(f"{shape}/{kind}", path)
    assert len(shapes) >= 6
    edition = load_edition(list(shapes.values()), keep_going=True)
    for document in edition.texts:
        assert_every_format_is_sound(render_records(edition, document, "2024-01-01"), str(document.path))
