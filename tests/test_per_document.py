"""Per-document transforms: a document's pages, text and records are made from the document and a
compact index (settings, the document list, the registers, where the other texts' ids are read),
never from the other documents' text, and give what the whole edition as context gave."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, ROOT, TEI_DIR
from editio.edition import load_edition
from editio.transform import stylesheet

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


def two_texts(folder):
    shutil.copy(FIXTURES / "any-tei" / "editio.toml", folder)
    (folder / "tei").mkdir()
    header = ("<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt><p>p</p>"
              "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>")
    (folder / "tei" / "a.xml").write_text(
        f'<TEI {TEI} xml:id="a">{header.format("Letter A")}<text><body>'
        '<p>See <ref target="b.xml#b-p2">the reply</ref>, and <persName ref="b.xml#friend">Lene</persName>.</p>'
        '</body></text></TEI>', encoding="utf-8")
    (folder / "tei" / "b.xml").write_text(
        f'<TEI {TEI} xml:id="b">{header.format("Letter B")}<standOff><listPerson>'
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
