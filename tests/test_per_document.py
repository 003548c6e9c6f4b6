"""Per-document transforms: a document's pages, text and records are made from the document and a
compact index (settings, the document list, the registers, where the other texts' ids are read),
never from the other documents' text, and give what the whole edition as context gave."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, TEI_DIR
from corpus_support import documents_rendered, output_tree
from editio.build import build_edition
from editio.edition import load_edition
from editio.transform import parse_xml, stylesheet

TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'


@pytest.mark.parametrize("folder", [TEI_DIR, FIXTURES / "any-tei"], ids=["edition", "any-tei"])
def test_a_document_alone_gives_what_the_whole_edition_gave(folder):
    edition = load_edition([folder])
    html, text = stylesheet("html.xsl"), stylesheet("text.xsl")
    for document in edition.texts:
        alone, whole = edition.document_node(document), edition.saxon_document(document)
        assert html.apply(alone, edition.saxon_context).content == html.apply(whole, edition.saxon_index).content
        assert (html.call("{urn:editio:web}about-page", edition.saxon_context, document_id=document.id,
                          document=alone).content
                == html.call("{urn:editio:web}about-page", edition.saxon_index, document_id=document.id).content)
        assert text.apply(alone, edition.saxon_context).content == text.apply(whole, edition.saxon_index).content
        for crosswalk in ("dc.xsl", "mods.xsl", "jsonld.xsl"):
            assert (stylesheet(crosswalk).apply(alone, edition.saxon_context).content
                    == stylesheet(crosswalk).apply(whole, edition.saxon_index).content)
        # and the document's slice of the index (what a build's task gets) gives what the index gave
        sliced = parse_xml(edition.document_context(document))
        assert html.apply(alone, sliced).content == html.apply(alone, edition.saxon_context).content
        assert (html.call("{urn:editio:web}about-page", sliced, document_id=document.id, document=alone).content
                == html.call("{urn:editio:web}about-page", edition.saxon_context, document_id=document.id,
                             document=alone).content)
        for name in ("text.xsl", "facts.xsl", "typst.xsl", "dc.xsl", "mods.xsl", "jsonld.xsl", "tei-header.xsl"):
            assert (stylesheet(name).apply(alone, sliced, document_id=document.id).content
                    == stylesheet(name).apply(alone, edition.saxon_context, document_id=document.id).content), name


HEADER = ("<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt><p>p</p>"
          "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>")


def two_texts(folder):
    shutil.copy(FIXTURES / "any-tei" / "editio.toml", folder)
    (folder / "tei").mkdir()
    (folder / "tei" / "a.xml").write_text(
        f'<TEI {TEI} xml:id="a">{HEADER.format("Letter A")}<text><body>'
        '<p>See <ref target="b.xml#b-p2">the reply</ref>, and <persName ref="b.xml#friend">Lene</persName>.</p>'
        '</body></text></TEI>', encoding="utf-8")
    (folder / "tei" / "b.xml").write_text(
        f'<TEI {TEI} xml:id="b">{HEADER.format("Letter B")}<standOff><listPerson>'
        '<person xml:id="friend"><persName>Lene Freund</persName></person></listPerson></standOff>'
        '<text><body><p xml:id="b-p1">Words only B holds.</p><p xml:id="b-p2">The reply itself.</p></body></text></TEI>',
        encoding="utf-8")
    return load_edition([folder / "tei"])


def test_the_index_holds_no_other_text_but_what_a_text_may_point_to(tmp_path):
    edition = two_texts(tmp_path)
    context = edition.context_xml.decode()
    assert "Words only B holds" not in context and "The reply itself" not in context
    assert 'id="b-p2"' in context and 'href="b.html#b-p2"' in context and 'label="¶ 2"' in context
    assert "Lene Freund" in context, "a register kept inside a text is in the index"
    a = edition.document("a")
    page = stylesheet("html.xsl").apply(edition.document_node(a), edition.saxon_context).content.decode()
    assert '<a class="tei-ref" href="b.html#b-p2">the reply</a>' in page
    assert 'href="register/persons.html#friend"' in page
    plain = stylesheet("text.xsl").apply(edition.document_node(a), edition.saxon_context).content.decode()
    assert "See the reply, and Lene." in " ".join(plain.split())
    # a's slice: b's paragraph as a target and the entry b describes, nothing else of b
    sliced = edition.document_context(a).decode()
    assert 'id="b-p2"' in sliced and "Lene Freund" in sliced
    assert 'id="b-p1"' not in sliced, "an id of the other text that a does not point to is left out"
    assert stylesheet("html.xsl").apply(edition.document_node(a), parse_xml(sliced)).content.decode() == page


def letters_and_register(folder):
    """Two letters and a register of their own (a document without a text): A names a person of the
    register, B names no one."""
    settings = (FIXTURES / "any-tei" / "editio.toml").read_text(encoding="utf-8")
    (folder / "editio.toml").write_text(settings.replace('sources = "."', 'sources = "tei"'), encoding="utf-8")
    tei = folder / "tei"
    tei.mkdir()
    (tei / "register.xml").write_text(
        f'<TEI {TEI} xml:id="register">{HEADER.format("Register")}<standOff><listPerson>'
        '<person xml:id="friend"><persName>Lene Freund</persName></person></listPerson></standOff></TEI>',
        encoding="utf-8")
    (tei / "a.xml").write_text(
        f'<TEI {TEI} xml:id="a">{HEADER.format("Letter A")}<text><body>'
        '<p>Greetings to <persName ref="#friend">Lene</persName>.</p></body></text></TEI>', encoding="utf-8")
    (tei / "b.xml").write_text(
        f'<TEI {TEI} xml:id="b">{HEADER.format("Letter B")}<text><body>'
        '<p>Nothing but weather.</p></body></text></TEI>', encoding="utf-8")
    return tei


def name_a_stranger(letter) -> None:
    """The letter describes a new person in its own standOff (as a correspondence's letters do) and names them."""
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "<text>", '<standOff><listPerson><person xml:id="stranger"><persName>Karl Fremd</persName></person>'
                  '</listPerson></standOff><text>').replace("weather.", 'weather and <persName ref="#stranger">Karl</persName>.'),
        encoding="utf-8")


def test_a_documents_slice_of_the_index_holds_what_its_pointers_reach_and_no_more(tmp_path):
    tei = letters_and_register(tmp_path)
    name_a_stranger(tei / "b.xml")
    edition = load_edition([tei])
    a, b = edition.document("a"), edition.document("b")
    sliced_a, sliced_b = edition.document_context(a).decode(), edition.document_context(b).decode()
    assert len(edition.context_xml) > max(len(sliced_a), len(sliced_b))
    for sliced in (sliced_a, sliced_b):
        assert "<ed:settings" in sliced and 'register-kinds="persons"' in sliced and 'pages="one"' in sliced
    assert 'id="a"' in sliced_a and 'id="b"' not in sliced_a and 'id="b"' in sliced_b
    assert "Lene Freund" in sliced_a and "Karl Fremd" not in sliced_a, "another letter's entry is left out"
    assert "Karl Fremd" in sliced_b and "Lene Freund" not in sliced_b, "so is a register the letter does not name"
    for document in (a, b):
        alone = edition.document_node(document)
        assert (stylesheet("html.xsl").apply(alone, parse_xml(edition.document_context(document))).content
                == stylesheet("html.xsl").apply(alone, edition.saxon_context).content)
    page = stylesheet("html.xsl").apply(edition.document_node(a), parse_xml(edition.document_context(a))).content
    assert b'href="register/persons.html#friend"' in page


def build_letters(tei):
    return build_edition([tei], out=tei.parent / "out", only=["html"], validate=False, jobs=1)


def test_a_new_name_in_one_letter_leaves_the_other_letters_cache_entries_in_use(tmp_path):
    tei = letters_and_register(tmp_path)
    build_letters(tei)
    page_a = (tmp_path / "out/html/a.html").read_bytes()
    name_a_stranger(tei / "b.xml")
    assert documents_rendered(lambda: build_letters(tei)) == ["b.xml"]
    assert (tmp_path / "out/html/a.html").read_bytes() == page_a
    assert b"Karl Fremd" in (tmp_path / "out/html/register/persons.html").read_bytes()


def test_a_change_to_an_entry_a_letter_names_rebuilds_that_letter_only(tmp_path):
    tei = letters_and_register(tmp_path)
    build_letters(tei)
    page_b = (tmp_path / "out/html/b.html").read_bytes()
    register = tei / "register.xml"
    register.write_text(register.read_text(encoding="utf-8").replace("Lene Freund", "Lene Freundlich"), encoding="utf-8")
    assert documents_rendered(lambda: build_letters(tei)) == ["a.xml"]
    assert (tmp_path / "out/html/b.html").read_bytes() == page_b
    fresh = build_edition([tei], out=tmp_path / "fresh", only=["html"], validate=False, fresh=True, jobs=1)
    assert fresh.outputs["html"] and output_tree(tmp_path / "fresh") == output_tree(tmp_path / "out")
