"""The edition's one register at work: letters that keep their people and places in ``back``, a separate
``listperson.xml``, ``prefixDef`` and authority-URI pointers, a pointer that resolves nowhere
(tests/fixtures/registers). Per-document transforms and the register pages are run on their own, with
the edition's real index, not through whole builds."""

from __future__ import annotations

from collections import Counter

import lxml.html
import pytest
from lxml import etree

from conftest import FIXTURES, shared_path
from editio import edition as edition_module
from editio.builders.plaintext import render_text
from editio.edition import load_edition
from editio.facts import render_facts
from editio.register_pages import mentions
from editio.registers import build_register
from editio.transform import parse_xml, stylesheet

REGISTERS = FIXTURES / "registers"
TEI = "http://www.tei-c.org/ns/1.0"
ED = "urn:editio"
WEB = "{urn:editio:web}"


@pytest.fixture(scope="module")
def edition():
    return load_edition([REGISTERS])


def reading_page(edition, document_id: str):
    """The document's reading page, made as the site makes it: the document and the compact index."""
    document = edition.document(document_id)
    made = stylesheet("html.xsl").apply(edition.document_node(document), edition.saxon_context)
    return lxml.html.document_fromstring(made.content), made.messages


def flat(element) -> str:
    return " ".join(element.text_content().split())


def test_one_entry_per_entity_from_every_file_and_every_pointer_form(edition):
    register = edition.register
    people = Counter(entry.kind for entry in register.entries)
    # Hedwig Muster in both letters' back, Karl Beispiel in L1's back and in listperson.xml (by GND), the
    # neighbour nobody describes
    assert people == {"persons": 3, "places": 1, "works": 1}
    karl = register.resolve("listperson.xml#kb")
    assert karl is register.resolve("#pmb7") is register.resolve("http://d-nb.info/gnd/000000007/")
    assert register.resolve("pmb:7", edition.document("L1")) is karl, "read with its document's prefixDef"
    # the stylesheets' table holds the pointers that do not name their entry by its key
    assert register.pointers[("", "https://d-nb.info/gnd/000000007")] is karl
    assert register.pointers[("", "listperson.xml#kb")] is karl
    assert register.pointers[("L1", "pmb:7")] is karl and ("", "#hm") not in register.pointers
    neighbour = register.resolve("#nirgends")
    assert not neighbour.described and neighbour.names == {"den Nachbarn": 1, "der Nachbar": 1}


def test_the_compact_index_carries_the_merged_register_not_each_letters_copies(edition):
    index = etree.fromstring(edition.context_xml)
    entries = index.findall(f"{{{ED}}}register/{{{TEI}}}person")
    assert sorted(e.get("{http://www.w3.org/XML/1998/namespace}id") for e in entries) == ["hm", "nirgends", "pmb7"]
    assert not index.findall(f".//{{{TEI}}}back"), "the letters' own lists are not copied into the index"
    karl = index.find(f"{{{ED}}}register/{{{TEI}}}person[@{{http://www.w3.org/XML/1998/namespace}}id='pmb7']")
    # canonical URIs beside each authority id, never a prefix before a URI
    assert sorted(i.get(f"{{{ED}}}uri") for i in karl.findall(f"{{{TEI}}}idno")) == [
        "https://d-nb.info/gnd/000000007", "https://www.wikidata.org/entity/Q0000007"]
    assert {n.get("ref"): n.get("entry") for n in index.iter(f"{{{ED}}}pointer")} == {
        "https://d-nb.info/gnd/000000007": "pmb7", "listperson.xml#kb": "pmb7", "pmb:7": "pmb7"}
    assert [n.get("document") for n in index.iter(f"{{{ED}}}pointer") if n.get("ref") == "pmb:7"] == ["L1"]
    assert index.find(f"{{{ED}}}register").get("pages") == "one"


def test_every_pointer_form_links_the_name_to_its_entry(edition):
    page, messages = reading_page(edition, "L1")
    links = {flat(a): a.get("href") for a in page.xpath("//main//a[contains(@class, 'name')]")}
    assert links == {"Karl": "register/persons.html#pmb7",  # pmb:7 through the prefixDef
                     "Musterstadt": "register/places.html#ort",
                     "Herrn Beispiel": "register/persons.html#pmb7",  # an authority URI
                     "den Nachbarn": "register/persons.html#nirgends"}  # described nowhere, still an entry
    assert not [m for m in messages if "names no entry" in m]
    other, _ = reading_page(edition, "L2")
    assert other.xpath("//main//a[contains(@class, 'name')][. = 'ich']/@href") == ["register/persons.html#pmb7"]


def test_names_read_forename_first_and_lists_in_back_are_never_running_text(edition):
    page, _ = reading_page(edition, "L1")
    cards = {card.get("id"): flat(card.xpath("p[@class='card-name']")[0]) for card in page.xpath("//div[@class='card']")}
    assert cards["card-hm"] == "Hedwig Muster" and cards["card-pmb7"] == "Karl Beispiel"
    article = flat(page.xpath("//main//article")[0])
    for leaked in ("Lehrerin", "50.1", "1850", "1920", "0000001"):
        assert leaked not in article, leaked
    other, _ = reading_page(edition, "L2")
    assert "Ein erfundenes Buch" not in flat(other.xpath("//main//article")[0]), "works kept in back are no text"
    assert other.xpath("//main//a[contains(@class, 'name')][. = 'das Buch']/@href") == ["register/works.html#w1"]
    assert "Ein erfundenes Buch" not in render_text(edition, edition.document("L2"), "corrected").content.decode("utf-8")
    text = render_text(edition, edition.document("L1"), "corrected").content.decode("utf-8")
    assert "Author:   Hedwig Muster" in text
    for leaked in ("Lehrerin", "50.1", "1850", "Kaufmann"):
        assert leaked not in text, leaked


MENTIONS = f"""<ed:mentions xmlns:ed="{ED}">
  <ed:facts id="L1"><ed:mention ref="pmb:7" kind="persName" anchor="L1-p1" label="¶ 1">Karl</ed:mention>
    <ed:mention ref="#nirgends" kind="rs" anchor="L1-p2" label="¶ 2">den Nachbarn</ed:mention></ed:facts>
  <ed:facts id="L2"><ed:mention ref="listperson.xml#kb" kind="persName" anchor="L2-p1" label="¶ 1">ich</ed:mention>
    <ed:mention ref="pmb:7" kind="persName" anchor="L2-p1" label="¶ 1">unresolvable here</ed:mention></ed:facts>
</ed:mentions>"""


def test_the_register_page_takes_mentions_as_facts_give_them(edition):
    made = stylesheet("html.xsl").call(f"{WEB}register-page", edition.saxon_index, kind="persons",
                                       mentions=parse_xml(MENTIONS))
    page = lxml.html.document_fromstring(made.content)
    assert len(page.xpath("//article[@id = 'hm']")) == 1, "a person described in two letters is one entry"
    karl = page.get_element_by_id("pmb7")
    # each raw ref resolved as its own document reads it: L2 has no prefixDef, so its "pmb:7" names nothing
    assert karl.xpath(".//ul[@class='occurrences']//a/@href") == [
        "../L1.html", "../L1.html#L1-p1", "../L2.html", "../L2.html#L2-p1"]
    assert "Named in 2 texts" in flat(karl)
    # the entry's page gives what the reading page never shows, and its authority links once
    assert "Kaufmann" in flat(karl)
    assert karl.xpath(".//ul[@class='authorities']//a/@href") == [
        "https://d-nb.info/gnd/000000007", "https://www.wikidata.org/entity/Q0000007"]
    assert "Also: K. B." in flat(karl)
    hedwig = page.get_element_by_id("hm")
    assert "Born 1 March 1850, Musterstadt; died 31 December 1920" in flat(hedwig), "the birth place, not its coordinates"
    assert "Lehrerin" in flat(hedwig) and "Not named in the texts" in flat(hedwig)
    assert "describes no such entry" in flat(page.get_element_by_id("nirgends"))
    places = lxml.html.document_fromstring(stylesheet("html.xsl").call(
        f"{WEB}register-page", edition.saxon_index, kind="places", mentions=parse_xml(MENTIONS)).content)
    assert "Coordinates: 50.1 8.6" in flat(places.get_element_by_id("ort"))


def facts_mentions(edition):
    """The mentions of every text's facts, as the site's register pages get them."""
    return mentions([render_facts(edition, document) for document in edition.texts])


def test_the_facts_give_each_mention_its_pointer_kind_place_and_name(edition):
    made = etree.fromstring(b'<ed:mentions xmlns:ed="urn:editio">'
                            + b"".join(render_facts(edition, document) for document in edition.texts) + b"</ed:mentions>")
    facts = made.findall(f"{{{ED}}}facts")
    assert [f.get("id") for f in facts] == ["L1", "L2"]
    first = facts[0].find(f"{{{ED}}}mention[@anchor='L1-p1']")
    assert (first.get("ref"), first.get("kind"), first.get("label"), first.text) == ("pmb:7", "persName", "¶ 1", "Karl")


def test_a_large_register_has_a_page_per_entry(monkeypatch):
    """Above the limit each kind lists its entries with counts, and each entry has its own page with
    every text that names it; names link to those pages."""
    monkeypatch.setattr(edition_module, "REGISTER_ONE_PAGE_LIMIT", 2)
    large = load_edition([REGISTERS])
    html = stylesheet("html.xsl")
    mentions = facts_mentions(large)
    listing = lxml.html.document_fromstring(
        html.call(f"{WEB}register-page", large.saxon_index, kind="persons", mentions=mentions).content)
    items = {flat(li): li.xpath("a/@href")[0] for li in listing.xpath("//ul[@class='register-list']/li")}
    assert items["Karl Beispiel (2 texts, 4 mentions)"] == "persons/pmb7.html"
    assert items["Hedwig Muster, 1 March 1850 – 31 December 1920 (2 texts, 3 mentions)"] == "persons/hm.html"
    values, _ = html.call_values(f"{WEB}entry-pages", large.saxon_index, mentions=mentions)
    pages = dict(zip(values[0::2], values[1::2]))
    assert sorted(pages) == ["register/persons/hm.html", "register/persons/nirgends.html",
                             "register/persons/pmb7.html", "register/places/ort.html", "register/works/w1.html"]
    karl = lxml.html.document_fromstring(pages["register/persons/pmb7.html"])
    assert flat(karl.xpath("//h1")[0]) == "Karl Beispiel"
    assert {"../../L1.html#L1-p1", "../../L2.html#L2-p1"} <= set(karl.xpath("//ul[@class='occurrences']//a/@href"))
    assert karl.xpath("//link[@rel='stylesheet']/@href")[0].startswith("../../")
    page, _ = reading_page(large, "L1")
    assert page.xpath("//main//a[contains(@class, 'name')][. = 'Karl']/@href") == ["register/persons/pmb7.html"]


@pytest.mark.slow
def test_the_pages_of_a_large_register_are_valid_html5(monkeypatch, tmp_path):
    from web_support import vnu_errors

    monkeypatch.setattr(edition_module, "REGISTER_ONE_PAGE_LIMIT", 2)
    large = load_edition([REGISTERS])
    html = stylesheet("html.xsl")
    mentions = facts_mentions(large)
    values, _ = html.call_values(f"{WEB}entry-pages", large.saxon_index, mentions=mentions)
    pages = [tmp_path / "persons.html"]
    pages[0].write_bytes(html.call(f"{WEB}register-page", large.saxon_index, kind="persons", mentions=mentions).content)
    for path, content in zip(values[0::2], values[1::2]):
        pages.append(tmp_path / path.replace("/", "-"))
        pages[-1].write_text(content, encoding="utf-8")
    assert vnu_errors(pages) == ""


def test_our_edition_keeps_one_register_page_per_kind():
    ours = load_edition()
    # the register's own file is in the index too (its entries' ids twice): parsed without collecting ids
    index = etree.fromstring(ours.context_xml, etree.XMLParser(collect_ids=False, huge_tree=True))
    assert index.find(f"{{{ED}}}register").get("pages") == "one"
    assert ours.register_kinds == ["persons", "places", "organisations", "events"]


def test_the_tillich_letters_have_one_entry_per_person_and_every_pointer_resolves():
    from editio.documents import load_document
    from editio.errors import InputError

    letters = shared_path("corpora", "tillich-briefe", "letters")
    documents = []
    for path in sorted(letters.glob("*.xml")):
        try:
            documents.append(load_document(path))
        except InputError:  # five letters are not well-formed
            pass
    register = build_register(documents)
    index = register.to_xml()
    assert b"gnd/http" not in index and b"entity/http" not in index, "no authority URI doubled"
    assert len({e.key for e in register.entries}) == len(register.entries)
    # every pointer with "#" on a name resolves: to the one entry of the person it names
    unresolved = [pointer for document in documents
                  for element in document.root.iter(f"{{{TEI}}}persName", f"{{{TEI}}}placeName", f"{{{TEI}}}rs")
                  for pointer in (element.get("ref") or "").split()
                  if "#" in pointer and register.resolve(pointer, document) is None
                  and (element.get("type") or "person") in ("person", "place", "work")]
    assert unresolved == []
    tillich = [e for e in register.entries if "tillich_person_id__1928" in e.ids]
    assert len(tillich) == 1 and tillich[0].names.most_common(1)[0][0] == "Paul Tillich"
