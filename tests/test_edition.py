"""The edition as a whole: which documents are loaded, asked for, and shared as context."""

from __future__ import annotations

import shutil

import pytest

from conftest import LETTER, REGISTER
from editio.edition import load_edition
from editio.errors import InputError
from editio.validation import validate_paths


def test_the_whole_edition_is_its_sources_folder():
    edition = load_edition()
    assert {d.path.name for d in edition.documents} == {LETTER.name, REGISTER.name}
    assert edition.context == frozenset()
    assert [d.id for d in edition.texts] == ["letter-to-the-workers-of-western-europe"]


def test_one_letter_brings_the_register_it_points_into():
    edition = load_edition([LETTER])
    assert [d.path.name for d in edition.requested] == [LETTER.name]
    assert {d.path.name for d in edition.context} == {REGISTER.name}
    assert b'xml:id="kropotkin"' in edition.index_xml


def test_validating_one_file_checks_it_against_the_whole_edition_and_reports_only_it():
    letter, register = validate_paths([LETTER]), validate_paths([REGISTER])
    assert (letter.files, letter.problems) == ([str(LETTER)], [])
    assert (register.files, register.problems) == ([str(REGISTER)], []), "entries used by the letter count as used"


def test_a_file_outside_the_sources_folder_is_an_edition_of_its_own(tmp_path):
    copy = shutil.copy(LETTER, tmp_path / LETTER.name)
    edition = load_edition([copy])
    assert edition.context == frozenset() and len(edition.documents) == 1


def test_two_documents_with_one_id_are_refused(tmp_path):
    for name in ("a.xml", "b.xml"):
        (tmp_path / name).write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="same"><text/></TEI>')
    with pytest.raises(InputError, match="two documents have the id 'same'"):
        load_edition([tmp_path])


def test_building_one_letter_resolves_its_names(tmp_path):
    from editio.build import build_edition
    build_edition([LETTER], out=tmp_path, only=["text"])
    text = (tmp_path / "text" / f"{LETTER.stem}.txt").read_text(encoding="utf-8")
    # The letter itself says only "Pëtr Kropotkin": the normalised name comes from the register.
    assert "Author:   Pëtr Alekseevič Kropotkin" in text
    assert [p.name for p in (tmp_path / "text").iterdir()] == [f"{LETTER.stem}.txt"]
