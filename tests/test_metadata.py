"""The metadata crosswalks: every record against its official schema, and what each one says.

Expected values are read from the TEI and the register with lxml, never written out here, so that the
tests follow the edition and still fail when a crosswalk drops or changes a fact.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, LETTER, REGISTER, TEI_DIR, run_command, run_process, shared_path
from schemas import assert_valid, combined_schema, relax_ng, xml_schema

pytest.register_assert_rewrite("oai_support")
from oai_support import oai_schema  # noqa: E402

from editio.build import build_edition
from editio.edition import build_day, load_edition
from editio.errors import EditioError
from editio.builders.metadata import MetadataBuilder
from editio.metadata import DOCUMENT_FORMATS, FORMATS, render_catalogue, render_edition_record, render_record, \
    render_record_for_path
from editio.transform import Stylesheet

MINIMAL = FIXTURES / "metadata" / "minimal.xml"
NS = {"tei": "http://www.tei-c.org/ns/1.0", "mods": "http://www.loc.gov/mods/v3",
      "dc": "http://purl.org/dc/elements/1.1/", "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
      "xlink": "http://www.w3.org/1999/xlink"}


# The edition, its facts, and the records

@pytest.fixture(scope="module")
def tei():
    return etree.parse(str(LETTER))


@pytest.fixture(scope="module")
def register():
    return etree.parse(str(REGISTER))


@pytest.fixture(scope="module")
def minimal(tmp_path_factory):
    """The minimal fixture alone, as its own edition, with a known modification day."""
    folder = tmp_path_factory.mktemp("minimal")
    path = folder / MINIMAL.name
    shutil.copy(MINIMAL, path)
    os.utime(path, (1_000_000_000, 1_000_000_000))  # 2001-09-09 UTC
    edition = load_edition([path])
    return edition, edition.documents[0]


def record(edition, document, name) -> bytes:
    return render_record(edition, document, name)


def xml(content: bytes) -> etree._Element:
    return etree.fromstring(content)


def authority(register, entity_id: str, kind: str) -> str | None:
    values = register.xpath(f"//*[@xml:id = '{entity_id}']/tei:idno[@type = '{kind}']/text()", namespaces=NS)
    return values[0].strip() if values else None


def mods_3_8():
    """MODS 3.8 through xmlschema: libxml2 cannot compile this revision (see SOURCES.md), xmlschema can."""
    import xmlschema
    folder = shared_path("reference", "schemas")
    return xmlschema.XMLSchema(str(folder / "mods-3-8.xsd"), locations={
        "http://www.w3.org/1999/xlink": str(folder / "xlink.xsd"),
        "http://www.w3.org/XML/1998/namespace": str(folder / "xml.xsd")})


def schematron_failures(schema: Path, content: bytes) -> list[str]:
    """Run a Schematron schema (cmif.sch: queryBinding xslt2) on ``content`` with editio's own engine,
    as ISO Schematron specifies it; each failed assert or successful report as "severity: message"."""
    from editio.schematron_engine import compile_schematron, parse, source_text
    run = compile_schematron(schema).run(parse(source_text(content, Path("cmif.xml"))))
    return [f"{failure.severity}: {failure.message}" for failure in run.failures]


# The format table

def test_the_format_table_names_every_format_once_with_its_scope():
    assert set(FORMATS) == {"oai_dc", "mods", "tei", "jsonld", "bibtex", "ris", "csl-json", "marcxml", "datacite",
                            "oai_datacite", "mets", "cmif"}
    assert {name for name, f in FORMATS.items() if f.scope == "edition"} == {"cmif"}
    assert {name for name, f in FORMATS.items() if f.oai} == {"oai_dc", "mods", "tei", "marcxml", "oai_datacite"}
    assert len({f.suffix for f in FORMATS.values()}) == len(FORMATS)
    assert all((Path(__file__).parents[1] / "xslt" / f.stylesheet).is_file() for f in FORMATS.values())


# Validity against the official schemas

@pytest.mark.parametrize("scenario", ["letter", "minimal"])
def test_oai_dc_records_are_valid(scenario, edition, letter, minimal):
    source = (edition, letter) if scenario == "letter" else minimal
    assert_valid(xml_schema("oai_dc.xsd"), record(*source, "oai_dc"))


@pytest.mark.parametrize("scenario", ["letter", "minimal"])
def test_mods_records_are_valid_against_mods_3_6_and_3_8(scenario, edition, letter, minimal):
    source = (edition, letter) if scenario == "letter" else minimal
    content = record(*source, "mods")
    assert_valid(xml_schema("mods-3-6.xsd"), content)
    mods_3_8().validate(content.decode("utf-8"))
    assert xml(content).get("version") == "3.6"


@pytest.fixture
def tei_all_xsd():
    """tei_all.xsd, as the OAI tests compile it once with the other formats' schemas in one XSD (about
    6 s): a document whose root is a TEI element is judged by tei_all's declarations alone. This module
    runs in the worker that runs the OAI tests (conftest's ``work_unit``: it imports oai_support)."""
    return oai_schema()


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["letter", "minimal"])
def test_tei_header_records_are_valid_tei(scenario, edition, letter, minimal, tei_all_xsd):
    source = (edition, letter) if scenario == "letter" else minimal
    content = record(*source, "tei")
    assert etree.QName(xml(content)).localname == "teiHeader"
    assert_valid(tei_all_xsd, content)


@pytest.mark.parametrize("scenario", ["letter", "minimal"])
def test_marcxml_records_are_valid_marc21_slim(scenario, edition, letter, minimal):
    source = (edition, letter) if scenario == "letter" else minimal
    content = record(*source, "marcxml")
    assert_valid(xml_schema("MARC21slim.xsd"), content)
    assert len(xml(content).findtext("{http://www.loc.gov/MARC21/slim}controlfield[@tag='008']")) == 40


@pytest.mark.parametrize("scenario", ["letter", "minimal"])
def test_datacite_records_are_valid_datacite_4_bare_and_in_the_oai_wrapper(scenario, edition, letter, minimal):
    source = (edition, letter) if scenario == "letter" else minimal
    kernel = combined_schema("datacite-4/metadata.xsd")
    assert_valid(kernel, record(*source, "datacite"))
    wrapped = xml(record(*source, "oai_datacite"))
    assert_valid(combined_schema("oai_datacite.xsd", "datacite-4/metadata.xsd"), wrapped)
    # The wrapper types its payload laxly: the record inside is checked strictly on its own.
    [payload] = wrapped.iterfind("{http://schema.datacite.org/oai/oai-1.1/}payload/*")
    assert_valid(kernel, etree.tostring(payload))
    assert canonical(payload) == canonical(xml(record(*source, "datacite")))


@pytest.mark.parametrize("scenario", ["letter", "minimal"])
def test_mets_records_are_valid_and_wrap_the_header_and_point_to_the_files(scenario, edition, letter, minimal):
    source = (edition, letter) if scenario == "letter" else minimal
    content = record(*source, "mets")
    assert_valid(combined_schema("mets.xsd"), content)
    mets = xml(content)
    ns = {"m": "http://www.loc.gov/METS/", "x": "http://www.w3.org/1999/xlink"}
    wrapped = mets.xpath("m:dmdSec/m:mdWrap[@MDTYPE = 'TEIHDR']/m:xmlData/tei:teiHeader", namespaces={**ns, **NS})
    assert len(wrapped) == 1
    # The same header as the OAI tei record (the METS output is indented, the record is not).
    same = lambda e: etree.tostring(etree.fromstring(etree.tostring(e), etree.XMLParser(remove_blank_text=True)),
                                    method="c14n", exclusive=True)
    assert same(wrapped[0]) == same(xml(record(*source, "tei")))
    document = source[1]
    files = mets.xpath("m:fileSec//m:file/@MIMETYPE", namespaces=ns)
    assert files == ["application/tei+xml", "text/html", "text/plain"]
    assert mets.xpath("string(m:fileSec//m:file[@ID = 'file-html']/m:FLocat/@x:href)", namespaces=ns) \
        .endswith(f"/{document.id}.html")


def canonical(element) -> bytes:
    return etree.tostring(element, method="c14n2", strip_text=True)


def test_cmif_is_valid_against_its_relax_ng_and_schematron(edition):
    content = render_edition_record(edition, "cmif")
    assert_valid(relax_ng("cmi-customization.rng"), content)
    assert schematron_failures(shared_path("reference", "schemas", "cmif.sch"), content) == []


def test_the_schematron_runner_reports_a_broken_cmif(edition):
    tree = xml(render_edition_record(edition, "cmif"))
    for action in tree.xpath("//tei:correspAction[@type = 'received']", namespaces=NS):
        action.getparent().remove(action)
    tree.find(".//tei:bibl", NS).set("{http://www.w3.org/XML/1998/namespace}id", "not-a-uuid")
    failures = schematron_failures(shared_path("reference", "schemas", "cmif.sch"), etree.tostring(tree))
    assert any("[E0002]" in f for f in failures) and any("[W0001]" in f for f in failures)


def test_cmif_of_an_edition_without_letters_is_valid(minimal):
    edition, _ = minimal
    content = render_edition_record(edition, "cmif")
    assert_valid(relax_ng("cmi-customization.rng"), content)
    assert not xml(content).xpath("//tei:correspDesc", namespaces=NS)


# What the records say

def test_dublin_core_carries_the_header(edition, letter, tei, register):
    dc = xml(record(edition, letter, "oai_dc"))
    values = lambda name: [e.text for e in dc.iterfind(f"dc:{name}", NS)]
    # The heading form of catalogues, from the register's name parts and life dates.
    person = register.xpath("//tei:person[@xml:id = 'kropotkin']", namespaces=NS)[0]
    name = person.xpath("tei:persName[@type = 'normalised']", namespaces=NS)[0]
    years = "-".join(person.xpath(f"string(tei:{event}/@when)", namespaces=NS)[:4] for event in ("birth", "death"))
    assert values("creator") == [f"{name.findtext('tei:surname', namespaces=NS)}, "
                                 f"{name.findtext('tei:forename', namespaces=NS)}, {years}"] == \
        ["Kropotkin, Pëtr Alekseevič, 1842-1921"]
    # Zotero's Embedded Metadata reads the first DC.type: an item type of its own, not "Text".
    assert values("type") == ["letter", "Text"]
    assert values("contributor") == tei.xpath("//tei:titleStmt/tei:editor/tei:orgName/text()", namespaces=NS)
    assert tei.xpath("string(//tei:publicationStmt/tei:date/@when)", namespaces=NS) in values("date")
    assert values("identifier") == [f"{edition.config.edition.base_url}{letter.id}.html"]
    assert values("language") == tei.xpath("//tei:langUsage/tei:language/@ident", namespaces=NS)
    assert values("subject") == [" ".join(t.split()) for t in tei.xpath("//tei:keywords/tei:term/text()", namespaces=NS)]
    licence = tei.xpath("string(//tei:licence/@target)", namespaces=NS)
    assert licence in values("rights") and any("Anti-Copyright" in v for v in values("rights"))
    # The witness chain in short: each periodical printing, with its relation and certainty.
    sources = values("source")
    for journal in tei.xpath("//tei:bibl/tei:title[@level = 'j']", namespaces=NS):
        assert any(" ".join(journal.xpath("string()").split()) in s for s in sources)
    assert any("translation of" in s and "(probable)" in s for s in sources)
    # No translator is named in the TEI, so none is named here.
    assert not any("translat" in v.lower() for v in values("contributor") + values("creator"))


def test_mods_names_carry_authority_uris_from_the_register(edition, letter, register):
    mods = xml(record(edition, letter, "mods"))
    author = mods.xpath("mods:name[mods:role/mods:roleTerm[@type = 'code'] = 'aut']", namespaces=NS)[0]
    gnd = authority(register, "kropotkin", "gnd")
    assert author.get("authority") == "gnd"
    assert author.get("valueURI") == f"https://d-nb.info/gnd/{gnd}"
    assert author.get("authorityURI") == "https://d-nb.info/gnd/"
    assert {i.text for i in author.iterfind("mods:nameIdentifier", NS)} == {gnd, authority(register, "kropotkin", "wikidata")}
    place = mods.xpath("mods:originInfo[@eventType = 'production']/mods:place/mods:placeTerm", namespaces=NS)[0]
    assert place.get("valueURI") == f"https://www.geonames.org/{authority(register, 'dmitrov', 'geonames')}"
    addressee = mods.xpath("mods:name[mods:role/mods:roleTerm = 'rcp']/mods:namePart/text()", namespaces=NS)
    assert addressee == ["The workers of Western Europe"]


def test_mods_dates_encode_their_uncertainty(edition, letter, tei):
    mods = xml(record(edition, letter, "mods"))
    created = tei.xpath("//tei:creation/tei:date", namespaces=NS)[0]
    sent = tei.xpath("//tei:correspAction[@type = 'sent']/tei:date", namespaces=NS)[0]
    dates = mods.xpath("mods:originInfo[@eventType = 'production']/mods:dateCreated", namespaces=NS)
    start = [d for d in dates if d.get("point") == "start"][0]
    assert (start.text, start.get("keyDate"), start.get("qualifier")) == (created.get("notBefore"), "yes", "inferred")
    assert [d.text for d in dates if d.get("point") == "end"] == [created.get("notAfter")]
    # the editors' sent date (10 June 1920, certain) is given as it stands, without a qualifier
    sent_dates = [d for d in dates if d.text == sent.get("when")]
    assert sent.get("cert") == "high" and [d.get("qualifier") for d in sent_dates if not d.get("point")] == [None]
    assert len(mods.xpath("//mods:*[@keyDate]", namespaces=NS)) == 1
    issued = mods.xpath("string(mods:originInfo[@eventType = 'publication']/mods:dateIssued)", namespaces=NS)
    assert issued == tei.xpath("string(//tei:editionStmt//tei:date/@when)", namespaces=NS)


def test_mods_related_items_follow_the_witness_chain(edition, letter, tei):
    mods = xml(record(edition, letter, "mods"))
    for bibl in tei.xpath("//tei:bibl[tei:title[@level = 'j']]", namespaces=NS):
        item = mods.xpath(f"mods:relatedItem[@ID = '{bibl.get('{http://www.w3.org/XML/1998/namespace}id')}']", namespaces=NS)[0]
        assert item.get("type") == "original"
        host = item.xpath("mods:relatedItem[@type = 'host']/mods:titleInfo/mods:title/text()", namespaces=NS)
        assert host == [" ".join(bibl.xpath("string(tei:title[@level = 'j'])", namespaces=NS).split())]
        date = bibl.find("tei:date", NS)  # a date known only as a span is given by its first bound
        first = "" if date is None else next((date.get(a) for a in ("when", "notBefore", "notAfter") if date.get(a)), "")
        assert item.xpath("string(mods:part/mods:date)", namespaces=NS) == first
    temps_nouveaux = mods.xpath("mods:relatedItem[mods:part/mods:detail[@type = 'issue']]", namespaces=NS)[0]
    assert temps_nouveaux.xpath("string(mods:note[@type = 'relation'])", namespaces=NS).startswith("translation of")
    licence = mods.xpath("mods:accessCondition[@xlink:href]", namespaces=NS)[0]
    assert licence.get("{http://www.w3.org/1999/xlink}href") == tei.xpath("string(//tei:licence/@target)", namespaces=NS)


def test_cmif_carries_authority_uris_and_the_span_of_writing(edition, tei, register):
    cmif = xml(render_edition_record(edition, "cmif"))
    sent = cmif.xpath("//tei:correspAction[@type = 'sent']", namespaces=NS)[0]
    assert sent.xpath("string(tei:persName/@ref)", namespaces=NS) == f"http://d-nb.info/gnd/{authority(register, 'kropotkin', 'gnd')}"
    assert sent.xpath("string(tei:placeName/@ref)", namespaces=NS) == f"http://www.geonames.org/{authority(register, 'dmitrov', 'geonames')}"
    # the editors' sent date, certain, as it stands (the printed 28 April 1919 is the dateline's only)
    date = sent.find("tei:date", NS)
    edited = tei.xpath("string(//tei:correspAction[@type = 'sent']/tei:date/@when)", namespaces=NS)
    assert dict(date.attrib) == {"when": edited} and edited == "1920-06-10"
    received = cmif.xpath("//tei:correspAction[@type = 'received']/tei:orgName/text()", namespaces=NS)
    assert received == tei.xpath("//tei:correspAction[@type = 'received']/tei:orgName/text()", namespaces=NS)
    assert cmif.xpath("string(//tei:correspDesc/@ref)", namespaces=NS).endswith(".html")


def test_jsonld_is_a_message_with_its_witness_chain_and_mentions(edition, letter, tei, register):
    data = json.loads(record(edition, letter, "jsonld"))
    assert data["@context"]["@vocab"] == "https://schema.org/" and data["@type"] == "Message"
    gnd = f"https://d-nb.info/gnd/{authority(register, 'kropotkin', 'gnd')}"
    assert gnd in data["author"][0]["sameAs"] and gnd in data["sender"][0]["sameAs"]
    assert data["recipient"][0]["name"] == "The workers of Western Europe"
    assert data["license"] == tei.xpath("string(//tei:licence/@target)", namespaces=NS)
    # The writing is dated only as a span, which is no schema.org Date: no dateCreated.
    assert data["inLanguage"] == "en" and "dateCreated" not in data
    assert data["dateSent"] == "1920-06-10"  # the editors' date, certain (the printed date is the dateline's only)
    # schema.org's editor is a Person: the editing body is a contributor.
    assert "editor" not in data and data["contributor"][0]["@type"] == "Organization"
    assert (data["author"][0]["familyName"], data["author"][0]["givenName"]) == ("Kropotkin", "Pëtr Alekseevič")
    chain = {node["@id"]: node for node in data["isBasedOn"]}
    source = chain[data["translationOfWork"]["@id"]]
    assert source["inLanguage"] == "fr" and source["isPartOf"]["isPartOf"]["name"] == "Les Temps nouveaux"
    # Every mentioned register entity with identifiers carries exactly their URIs.
    mentioned = {m["name"]: m for m in data["mentions"]}
    dmitrov = mentioned["Dmitrov"]
    assert dmitrov["@type"] == "Place"
    assert sorted(dmitrov["sameAs"]) == sorted([f"https://www.wikidata.org/entity/{authority(register, 'dmitrov', 'wikidata')}",
                                                f"https://www.geonames.org/{authority(register, 'dmitrov', 'geonames')}"])
    referenced = set(tei.xpath("//tei:text//@ref", namespaces=NS))
    assert len(data["mentions"]) == len({r.split(":", 1)[1] for ref in referenced for r in ref.split()})


def test_csl_json_has_the_csl_fields(edition, letter, tei):
    items = json.loads(record(edition, letter, "csl-json"))
    assert isinstance(items, list) and len(items) == 1
    item = items[0]
    assert item["id"] == letter.id and item["type"] == "letter"
    assert item["author"] == [{"family": "Kropotkin", "given": "Pëtr Alekseevič"}]
    assert item["editor"] == [{"literal": "The editio project"}]  # a body stays whole
    edition_day = tei.xpath("string(//tei:editionStmt//tei:date/@when)", namespaces=NS)
    assert item["issued"] == {"date-parts": [[int(p) for p in edition_day.split("-")]]}
    created = tei.xpath("//tei:creation/tei:date", namespaces=NS)[0]
    start, end = ([int(p) for p in created.get(a).split("-")] for a in ("notBefore", "notAfter"))
    assert item["original-date"] == {"date-parts": [start, end]}
    assert item["URL"].endswith(f"/{letter.id}.html") and item["version"] == "1.0"
    assert "accessed" not in item


BIBTEX_ENTRY = re.compile(r"@(\w+)\{([^,\s]+),\n((?:  \w+ = \{.*\},?\n)+)\}\n")


def test_bibtex_is_one_well_formed_entry(edition, letter):
    text = record(edition, letter, "bibtex").decode("utf-8")
    match = BIBTEX_ENTRY.fullmatch(text)
    assert match, text
    fields = dict(re.findall(r"  (\w+) = \{(.*)\},?\n", match.group(3)))
    for value in fields.values():
        depth = 0
        for char in value:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0
        assert depth == 0
    assert match.group(2) == letter.id
    assert fields["editor"] == "{The editio project}" and fields["origdate"] == "1919-03/1920-06-10"
    assert {"author", "title", "publisher", "year", "url"} <= set(fields) and "urldate" not in fields


def test_ris_is_one_well_formed_reference(edition, letter):
    text = record(edition, letter, "ris").decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == "" and lines[0].startswith("TY  - ") and lines[-2] == "ER  - "
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])
    tags = [line[:2] for line in lines[:-1]]
    assert {"AU", "TI", "ED", "PB", "PY", "DA", "UR"} <= set(tags) and "Y2" not in tags


def test_the_minimal_document_gets_records_with_what_is_there_and_nothing_invented(minimal):
    edition, document = minimal
    dc = xml(record(edition, document, "oai_dc"))
    assert [e.text for e in dc.iterfind("dc:title", NS)] == ["A minimal text"]
    assert not dc.findall("dc:creator", NS) and not dc.findall("dc:source", NS) and not dc.findall("dc:date", NS)
    mods = xml(record(edition, document, "mods"))
    assert not mods.findall("mods:name", NS) and not mods.xpath("//mods:dateCreated", namespaces=NS)
    data = json.loads(record(edition, document, "jsonld"))
    assert data["@type"] == "CreativeWork" and not {"author", "dateCreated", "isBasedOn", "mentions"} & set(data)
    item = json.loads(record(edition, document, "csl-json"))[0]
    assert item["type"] == "document" and not {"author", "issued", "original-date"} & set(item)
    catalogue = json.loads(render_catalogue(edition))
    # No revisionDesc and no history: the build's day, never the file's modification day (2001-09-09).
    assert catalogue["records"] == [{"id": "minimal", "datestamp": build_day(), "sets": ["texts", "type:text"],
                                     "files": {name: f"minimal/{f.file}" for name, f in FORMATS.items() if f.oai}}]


def test_the_datestamp_never_comes_from_the_build_time(minimal, monkeypatch):
    edition, document = minimal
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1100000000")  # 2004-11-09
    fresh = load_edition([document.path])
    assert json.loads(render_catalogue(fresh))["records"][0]["datestamp"] == "2004-11-09"


# The page head

def test_head_metadata_gives_meta_tags_signposting_and_jsonld(edition, letter, tei, register):
    head = Stylesheet(FIXTURES / "metadata" / "head.xsl").apply(edition.saxon_document(letter), edition.saxon_index)
    page = etree.fromstring(head.content, etree.HTMLParser())
    url = f"{edition.config.edition.base_url}{letter.id}.html"
    meta = lambda name: page.xpath(f"//meta[@name = '{name}']/@content")
    assert page.xpath("//link[@rel = 'schema.DC']/@href") == ["http://purl.org/dc/elements/1.1/"]
    assert meta("DC.identifier") == [url] and meta("citation_title") and meta("citation_publication_date") == [
        tei.xpath("string(//tei:editionStmt//tei:date/@when)", namespaces=NS).replace("-", "/")]
    assert page.xpath("//link[@rel = 'cite-as']/@href") == [url]
    described = {(l.get("href"), l.get("type")) for l in page.xpath("//link[@rel = 'describedby']")}
    assert described == {(f"{edition.config.edition.base_url}metadata/{letter.id}{f.suffix}", f.media_type)
                         for f in FORMATS.values() if f.site and f.scope == "document"}
    assert page.xpath("//link[@rel = 'license']/@href") == [tei.xpath("string(//tei:licence/@target)", namespaces=NS)]
    assert f"https://d-nb.info/gnd/{authority(register, 'kropotkin', 'gnd')}" in page.xpath("//link[@rel = 'author']/@href")
    embedded = json.loads(page.xpath("string(//script[@type = 'application/ld+json'])"))
    assert embedded == json.loads(record(edition, letter, "jsonld"))


# The command line

@pytest.mark.parametrize("name", list(FORMATS))
def test_the_cli_prints_each_format(name, edition, letter):
    result = run_command("metadata", LETTER, "--format", name, cwd=TEI_DIR.parent, text=False)
    assert result.returncode == 0, result.stderr.decode()
    expected = render_edition_record(edition, name) if FORMATS[name].scope == "edition" else record(edition, letter, name)
    assert result.stdout == expected


def test_the_cli_refuses_an_unknown_format_in_one_line():
    # as a user runs it (marcxml is a format now)
    result = run_process("metadata", LETTER, "--format", "unimarc", cwd=TEI_DIR.parent)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "unimarc" in result.stderr
    assert all(name in result.stderr for name in FORMATS)


def test_an_unknown_format_is_an_editio_error():
    with pytest.raises(EditioError, match="choose from oai_dc, mods"):
        render_record_for_path(LETTER, "dc")


# The builder and the catalogue

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("metadata-build")
    build_edition([TEI_DIR], out=out, only=["metadata"], validate=False)
    return out / MetadataBuilder.folder


def test_the_builder_writes_every_format_and_the_catalogue(built, edition, letter, tei):
    for chosen in FORMATS.values():
        path = built / (chosen.file if chosen.scope == "edition" else f"{letter.id}/{chosen.file}")
        assert path.is_file() and path.stat().st_size > 0, path
    catalogue = json.loads((built / "catalogue.json").read_text(encoding="utf-8"))
    assert set(catalogue) == {"repository", "formats", "sets", "records"}
    changed = max(tei.xpath("//tei:revisionDesc/tei:change/@when", namespaces=NS))
    settings = edition.config.edition
    assert catalogue["repository"] == {"name": edition.config.oai.repository_name, "base_url": settings.base_url,
                                       "admin_email": settings.contact, "domain": "editio.example.org",
                                       "earliest_datestamp": changed, "deleted_record": "persistent",
                                       "cmif_url": f"{settings.base_url}metadata/cmif.xml"}
    assert catalogue["formats"]["oai_dc"] == {"namespace": "http://www.openarchives.org/OAI/2.0/oai_dc/",
                                              "schema": "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"}
    assert set(catalogue["formats"]) == {"oai_dc", "mods", "tei", "marcxml", "oai_datacite"}
    # sets from the data: kind, type, the year it was sent, its correspondents (Kropotkin by his GND)
    gnd = etree.parse(str(REGISTER)).xpath("string(//tei:person[@xml:id = 'kropotkin']/tei:idno[@type = 'gnd'])",
                                           namespaces=NS)
    letter_sets = ["correspondent:gnd-" + gnd, "correspondent:name.The_workers_of_Western_Europe",
                   "letters", "texts", "type:letter", "year:1920"]
    assert catalogue["sets"] == {"correspondent": "Correspondents",
                                 "correspondent:gnd-" + gnd: "Correspondent: Pëtr Alekseevič Kropotkin",
                                 "correspondent:name.The_workers_of_Western_Europe":
                                     "Correspondent: The workers of Western Europe",
                                 "letters": "Letters", "texts": "Texts", "type": "Document types",
                                 "type:letter": "Document type: letter", "year": "Years", "year:1920": "Year 1920"}
    [entry] = catalogue["records"]
    assert entry == {"id": letter.id, "datestamp": changed, "sets": letter_sets,
                     "files": {name: f"{letter.id}/{f.file}" for name, f in FORMATS.items() if f.oai}}
    roots = {"oai_dc": "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc", "mods": "{http://www.loc.gov/mods/v3}mods",
             "tei": "{http://www.tei-c.org/ns/1.0}teiHeader", "marcxml": "{http://www.loc.gov/MARC21/slim}record",
             "oai_datacite": "{http://schema.datacite.org/oai/oai-1.1/}oai_datacite"}
    for name, path in entry["files"].items():
        content = (built / path).read_bytes()
        assert content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        assert xml(content).tag == roots[name]
    text = (built / "catalogue.json").read_text(encoding="utf-8")
    assert text == json.dumps(catalogue, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_records_are_byte_reproducible(built, tmp_path):
    build_edition([TEI_DIR], out=tmp_path, only=["metadata"], validate=False)
    again = tmp_path / MetadataBuilder.folder
    files = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((built / f).read_bytes() == (again / f).read_bytes() for f in files)


def test_tei_header_records_keep_ids_unique_when_documents_share_a_local_id(tmp_path):
    """An OAI-PMH page holds many headers: each record's ids (and pointers to them) carry its document's id."""
    header = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}"><teiHeader><fileDesc><titleStmt>'
              '<title>{id}</title><respStmt xml:id="team"><resp>encoding</resp><name>A team</name></respStmt>'
              '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
              '<revisionDesc><change when="2020-01-01" who="#team">made</change></revisionDesc>'
              '</teiHeader><text><body><p>x</p></body></text></TEI>')
    for name in ("one", "two"):
        (tmp_path / f"{name}.xml").write_text(header.format(id=name))
    edition = load_edition([tmp_path])
    records = [etree.fromstring(render_record(edition, document, "tei")) for document in edition.texts]
    ids = [record.xpath("//@xml:id")[0] for record in records]
    assert ids == ["one.team", "two.team"]
    assert [record.xpath("//@who")[0] for record in records] == ["#one.team", "#two.team"]


def test_tei_records_are_self_contained(edition, letter, register):
    """Every pointer of a harvested TEI header resolves without the edition's files: a register entry
    becomes its authority URIs (else its place in the web register), a place in the text its web address."""
    header = xml(record(edition, letter, "tei"))
    ids = set(header.xpath("//@xml:id"))
    pointers = [token for attribute in header.xpath("//@ref | //@target | //@who | //@source")
                for token in attribute.split()]
    assert pointers
    for token in pointers:
        assert token.startswith(("http://", "https://")) or token[1:] in ids, token
    kropotkin = header.xpath("//tei:titleStmt/tei:author/tei:persName/@ref", namespaces=NS)[0].split()
    assert sorted(kropotkin) == sorted(f"{prefix}{authority(register, 'kropotkin', kind)}" for kind, prefix in
                                       (("wikidata", "https://www.wikidata.org/entity/"), ("gnd", "https://d-nb.info/gnd/")))


# Every record of a document in one transformation (xslt/records.xsl): the bytes each format's own stylesheet makes

@pytest.mark.parametrize("folder", [TEI_DIR, FIXTURES / "any-tei", FIXTURES / "correspondence", FIXTURES / "registers",
                                    MINIMAL])
def test_the_records_made_together_are_the_bytes_each_stylesheet_makes_alone(folder):
    """records.xsl (what the build and the OAI-PMH endpoint use) against each format's stylesheet run on
    its own, the wrapping ones (METS, oai_datacite) working out the record they carry themselves:
    documents with a header, with a bare one and with none (the carried record is then empty)."""
    from editio.metadata import identifier_parameters, render_records
    from editio.transform import stylesheet

    edition = load_edition([folder])
    assert edition.texts
    for document in edition.texts:
        together = render_records(edition, document, "2024-02-29")
        node = edition.document_node(document)
        for chosen in DOCUMENT_FORMATS:
            alone = stylesheet(chosen.stylesheet).apply(node, edition.saxon_context, record_date="2024-02-29",
                                                        **identifier_parameters(edition, document)).content
            assert together[chosen.name] == alone, (document.id, chosen.name)
        assert together["oai_dc"].startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        assert together["tei"] and together["mets"]


def test_the_records_stylesheet_serialises_each_record_as_its_stylesheet_declares():
    """The serialisation of each format is read from its stylesheet's xsl:output, not written again."""
    from editio.transform import XSLT_DIR

    xsl = "{http://www.w3.org/1999/XSL/Transform}"
    for chosen in DOCUMENT_FORMATS:
        sheet = etree.parse(str(XSLT_DIR / chosen.stylesheet)).getroot()
        assert sheet.find(f"{xsl}output") is not None, f"{chosen.stylesheet} declares its own xsl:output"
        assert sheet.find(f"{xsl}import") is None, f"{chosen.stylesheet} includes modules (records.xsl includes them too)"


def test_the_facts_made_with_the_records_are_the_catalogue_stylesheets():
    """record_dates asks for a document's facts and records at once (records.xsl): the same facts as
    catalogue.xsl alone, the same records as without them."""
    from editio.metadata import record_facts, render_facts_and_records, render_records

    entries = []
    for folder in (TEI_DIR, FIXTURES / "correspondence", FIXTURES / "any-tei"):
        edition = load_edition([folder])
        for document in edition.texts:
            facts, records = render_facts_and_records(edition, document, "2024-02-29")
            assert facts == record_facts(edition, document), document.id
            assert records == render_records(edition, document, "2024-02-29"), document.id
            entries.append(facts.get("cmif"))
    assert any(entries), "a letter's CMIF entry is among the facts"
