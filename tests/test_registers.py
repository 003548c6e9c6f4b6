"""One register for the edition: entries merged from every file, every pointer resolved."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from editio.documents import parse_document
from editio.registers import authority_uri, build_register

from conftest import TEI_DIR, shared_path

TEI = "http://www.tei-c.org/ns/1.0"


def _letter(ident: str, body: str, back: str = "", header: str = ""):
    source = (f'<TEI xmlns="{TEI}" xml:id="{ident}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
              f"<publicationStmt><p>p</p></publicationStmt><sourceDesc><listBibl><bibl xml:id='{ident}-w'>witness"
              f"</bibl></listBibl></sourceDesc></fileDesc>{header}</teiHeader>"
              f"<text><body><p>{body}</p></body>{back}</text></TEI>")
    return parse_document(source.encode(), Path(f"{ident}.xml"))


SCHNITZLER = ('<person xml:id="pmb2121"><persName><surname>Schnitzler</surname> <forename>Arthur</forename>'
              '</persName><birth when="1862-05-15"/><idno type="GND">118609807</idno></person>')


@pytest.mark.parametrize("value, kind, uri", [
    ("118609807", "GND", "https://d-nb.info/gnd/118609807"),
    ("https://d-nb.info/gnd/118609807", "GND", "https://d-nb.info/gnd/118609807"),
    ("http://d-nb.info/gnd/118609807/", None, "https://d-nb.info/gnd/118609807"),
    ("http://www.wikidata.org/entity/Q44331", None, "https://www.wikidata.org/entity/Q44331"),
    ("https://www.wikidata.org/wiki/Q44331", None, "https://www.wikidata.org/entity/Q44331"),
    ("Q44331", "wikidata", "https://www.wikidata.org/entity/Q44331"),
    ("http://sws.geonames.org/2761369/", None, "https://www.geonames.org/2761369"),
    ("https://pmb.acdh.oeaw.ac.at/apis/entity/2121/", None, "https://pmb.acdh.oeaw.ac.at/entity/2121/"),
    ("2121", "unknown-authority", None),
])
def test_authority_identifiers_have_one_canonical_uri(value, kind, uri):
    assert authority_uri(value, kind) == uri


def test_the_same_person_in_many_letters_is_one_entry():
    letters = [_letter(f"L{n}", '<persName ref="#pmb2121">Schnitzler</persName>',
                       f"<back><listPerson>{SCHNITZLER}</listPerson></back>") for n in range(30)]
    register = build_register(letters)
    people = [e for e in register.entries if e.kind == "persons"]
    assert len(people) == 1
    assert people[0].names["Schnitzler"] == 30


def test_entries_with_different_ids_merge_by_authority_uri():
    first = _letter("a", '<persName ref="#as">A. S.</persName>',
                    '<back><listPerson><person xml:id="as"><persName>Arthur Schnitzler</persName>'
                    '<idno type="URI">https://d-nb.info/gnd/118609807</idno></person></listPerson></back>')
    second = _letter("b", '<persName ref="#pmb2121">Schnitzler</persName>',
                     f"<back><listPerson>{SCHNITZLER}</listPerson></back>")
    register = build_register([first, second])
    assert register.resolve("#as") is register.resolve("#pmb2121") is not None
    merged = etree.fromstring(register.to_xml())
    person = merged.find(f"{{{TEI}}}person")
    # "Arthur Schnitzler" is the name the parts already give (in the other order): one name, not two
    assert [" ".join(n.xpath("string()").split()) for n in person.findall(f"{{{TEI}}}persName")] == [
        "Schnitzler Arthur"]
    assert person.find(f"{{{TEI}}}birth").get("when") == "1862-05-15"


def test_pointers_resolve_as_ids_prefixes_files_and_authority_uris():
    header = ('<encodingDesc><listPrefixDef><prefixDef ident="pmb" matchPattern="([0-9]+)" '
              'replacementPattern="#pmb$1"/></listPrefixDef></encodingDesc>')
    letter = _letter("a", "x", f"<back><listPerson>{SCHNITZLER}</listPerson></back>", header)
    register = build_register([letter])
    entry = register.resolve("#pmb2121")
    assert entry is not None
    assert register.resolve("pmb:2121", letter) is entry
    assert register.resolve("listperson.xml#pmb2121") is entry
    assert register.resolve("http://d-nb.info/gnd/118609807") is entry


def test_a_pointer_that_resolves_nowhere_still_gathers_its_occurrences():
    letters = [_letter("a", '<rs type="person" ref="#p1">Paul</rs> and <rs type="person" ref="#p1">Paul T.</rs>'),
               _letter("b", '<persName ref="#p1">Paul</persName> in <placeName ref="#w">Wien</placeName>'
                            ' reading <rs ref="1 Tim 6,12">1 Tim</rs>')]
    register = build_register(letters)
    entry = register.resolve("#p1")
    assert entry is not None and not entry.described and entry.kind == "persons"
    assert entry.names.most_common(1) == [("Paul", 2)]
    assert register.resolve("#w").kind == "places"
    assert {e.key for e in register.entries} == {"p1", "w"}, "a Bible reference in @ref is not a register entry"
    element = etree.fromstring(register.to_xml()).find(f"{{{TEI}}}person")
    assert element.get("{urn:editio}described") == "false"
    assert element.findtext(f"{{{TEI}}}persName") == "Paul"


def test_witnesses_of_the_source_description_are_not_register_entries():
    register = build_register([_letter("a", "x")])
    assert register.entries == []


def test_our_edition_keeps_its_register():
    from editio.documents import load_document

    documents = [load_document(p) for p in sorted(TEI_DIR.glob("*.xml"))]
    register = build_register(documents)
    assert all(entry.described for entry in register.entries)
    assert register.resolve("reg:kropotkin", next(d for d in documents if "letter" in d.path.name)) is not None


def test_the_tillich_register_is_gathered_from_its_pointers():
    letters = shared_path("corpora", "tillich-briefe", "letters")
    from editio.documents import load_document

    documents = [load_document(p) for p in sorted(letters.glob("L000*.xml"))]
    register = build_register(documents)
    tillich = register.resolve("#tillich_person_id__1928")
    assert tillich is not None and tillich.names.most_common(1)[0][0] == "Paul Tillich"
    assert len({e.key for e in register.entries}) == len(register.entries)
