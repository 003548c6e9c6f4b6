"""Loading TEI safely, and locating elements in their source."""

from __future__ import annotations

import pytest
from lxml import etree

from conftest import LETTER, TEI_DIR
from editio.documents import iterate_source_paths, load_document, parse_document
from editio.errors import InputError

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0">'


def test_the_letter_loads_with_its_id_title_and_declared_schemas():
    letter = load_document(LETTER)
    assert letter.id == "letter-to-the-workers-of-western-europe"
    assert letter.title == "The Russian Revolution and the Soviet Government"
    assert [(ref.href, ref.schematypens.rsplit("/", 1)[-1]) for ref in letter.schema_references] == [
        ("../schema/editio-letter.xsd", "XMLSchema"), ("../schema/editio.sch", "schematron")]


def test_positions_are_the_line_and_column_of_each_start_tag():
    source = f'{TEI}\n  <text><body>\n    <p>a</p>  <p xml:id="x">b</p>\n</body></text></TEI>'.encode()
    document = parse_document(source, "inline.xml")
    second = document.root.xpath("//*[@xml:id='x']")[0]
    assert document.position(second) == (3, 15)
    assert document.position(document.root) == (1, 1)


def test_positions_in_the_letter_match_the_file_text():
    letter = load_document(LETTER)
    lines = LETTER.read_text(encoding="utf-8").splitlines()
    for element in letter.root.iter("{http://www.tei-c.org/ns/1.0}p"):
        line, column = letter.position(element)
        assert lines[line - 1][column - 1:].startswith("<p"), (line, column)


def test_document_without_xml_id_is_named_by_its_file(tmp_path):
    path = tmp_path / "some-letter.xml"
    path.write_text(f"{TEI}<text><body><p/></body></text></TEI>")
    assert load_document(path).id == "some-letter"


@pytest.mark.parametrize("content, message, line, column", [
    (b"", "empty file", None, None),
    (b"   \n\t ", "empty file", None, None),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", None, None),
    (f"{TEI}\n<text><p></text></TEI>".encode(), "not well-formed XML", 2, 17),
    (b"<html><body/></html>", "root element is <html>, not a TEI document", 1, None),
    (b"<TEI><text/></TEI>", "<TEI> is in no namespace; TEI P5 needs", 1, None),
    (b'<TEI xmlns="http://example.org/tei"/>', "namespace 'http://example.org/tei'", 1, None),
    (b'<?xml version="1.0"?>\n<!DOCTYPE TEI [\n  <!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
     + TEI.encode() + b"<p>&x;</p></TEI>", "entity declarations are refused", 3, 3),
    (TEI.encode() + b"<p>&undefined;</p></TEI>", "Entity 'undefined' not defined", 1, 56),
])
def test_bad_input_is_refused_with_a_located_one_line_message(content, message, line, column):
    with pytest.raises(InputError) as raised:
        parse_document(content, "bad.xml")
    error = raised.value
    assert message in error.message
    assert (error.line, error.column) == (line, column) or (column is None and error.line == line)
    assert "\n" not in str(error) and str(error).startswith("bad.xml")


def test_missing_file_and_folder_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "absent.xml")
    with pytest.raises(InputError, match="no such file or folder"):
        iterate_source_paths([tmp_path / "absent"])
    with pytest.raises(InputError, match="no .xml files"):
        iterate_source_paths([tmp_path])


def test_folders_expand_to_sorted_xml_files_skipping_hidden_ones(tmp_path):
    for name in ("b.xml", "a.xml", ".hidden/c.xml", "sub/d.xml", "notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in iterate_source_paths([tmp_path])] == [
        "a.xml", "b.xml", "sub/d.xml"]
    assert {p.name for p in iterate_source_paths([TEI_DIR])} >= {LETTER.name, "register.xml"}


def test_loading_never_changes_the_source(tmp_path):
    before = LETTER.read_bytes()
    document = load_document(LETTER)
    document.root.set("n", "changed")
    assert LETTER.read_bytes() == before
    assert etree.tostring(document.tree) != before


def test_a_released_document_keeps_what_every_document_is_asked_for_and_parses_its_tree_again():
    source = (f'{TEI}<teiHeader><fileDesc><titleStmt><title>A  title</title></titleStmt></fileDesc></teiHeader>\n'
              '  <text><body>\n    <p xml:id="x">b</p>\n</body></text></TEI>').encode()
    document = parse_document(source, "inline.xml")
    assert document.holds_tree
    document.release()
    assert not document.holds_tree
    assert (document.id, document.title, document.has_text, document.has_inner_ids) == ("inline", "A title", True, True)
    assert not document.holds_tree  # none of these parsed it again
    paragraph = document.root.xpath("//*[@xml:id='x']")[0]
    assert document.holds_tree and document.position(paragraph) == (3, 5)


def test_only_the_last_few_trees_parsed_again_are_kept_and_positions_stay_right(monkeypatch):
    from editio import documents as module

    monkeypatch.setattr(module, "_RECENT_SOURCE_BYTES", 150)  # each source below is about 70 bytes
    documents = [parse_document(f'{TEI}\n<text><body><p n="{n}">a</p></body></text></TEI>'.encode(), f"{n}.xml")
                 for n in range(6)]
    for document in documents:
        document.release()
    paragraphs = [document.root.find(".//{http://www.tei-c.org/ns/1.0}p") for document in documents]
    assert [document.holds_tree for document in documents] == [False] * 4 + [True] * 2
    # an element of a tree its document has since given up is still placed in its source
    assert documents[0].position(paragraphs[0]) == (2, 13)
