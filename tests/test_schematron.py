"""The Schematron rules (schema/editio.sch): each has invalid and valid fixtures named after its id, and the
cross-document rules read the edition without ever reading a file or a URL themselves.

Fixtures: ``fixtures/validation/<rule-id>/invalid*`` and ``valid*``, each a TEI file or a folder holding a
small edition; each problem is announced by ``<!-- expect: severity [rule-id] -->`` on its line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree
from test_validation import VALIDATION_FIXTURES, expected_problems, reported

from editio.edition import load_edition
from editio.validation import validate_edition, validate_paths

SCHEMATRON = ROOT / "schema" / "editio.sch"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"


def rule_ids() -> list[str]:
    return etree.parse(str(SCHEMATRON)).xpath("//sch:rule/@id", namespaces={"sch": SCH_NS})


def cases(kind: str) -> list[Path]:
    return sorted(path for rule in rule_ids() for path in (VALIDATION_FIXTURES / rule).glob(f"{kind}*")
                  if path.suffix == ".xml" or path.is_dir())


def case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


@pytest.mark.parametrize("case", cases("invalid"), ids=case_id)
def test_each_rule_reports_its_invalid_fixture_with_its_id_severity_and_place(case):
    report = validate_paths([case])
    expected = expected_problems(case)
    assert expected, f"{case} announces no problem"
    assert reported(report) == expected
    assert {p.rule for p in report.problems} == {case.parent.name}


@pytest.mark.parametrize("case", cases("valid"), ids=case_id)
def test_each_rule_passes_its_valid_fixture(case):
    report = validate_paths([case])
    assert report.problems == [], "\n".join(map(str, report.problems))


def test_every_rule_has_an_id_and_both_kinds_of_fixture():
    rules = rule_ids()
    assert len(rules) == len(etree.parse(str(SCHEMATRON)).xpath("//sch:rule", namespaces={"sch": SCH_NS}))
    assert set(rules) == {"ref-resolves", "register-entry-unused", "date-order", "xml-id-unique", "choice-pairs",
                          "sent-date-explained", "change-not-in-future"}
    for rule in rules:
        assert list((VALIDATION_FIXTURES / rule).glob("invalid*")), rule
        assert list((VALIDATION_FIXTURES / rule).glob("valid*")), rule


def test_an_unused_entry_is_a_warning_and_leaves_the_edition_valid():
    report = validate_paths([VALIDATION_FIXTURES / "register-entry-unused" / "invalid"])
    assert [p.severity for p in report.problems] == ["warning"] and report.ok


@pytest.mark.parametrize("case, message", [
    ("ref-resolves/invalid", '@ref="reg:twon" does not resolve: register.xml#twon is no person, place, org or event'),
    ("ref-resolves/invalid-file", "points into places.xml, which is not among the documents being validated"),
    ("register-entry-unused/invalid", 'place "town" (A town) is not referenced by any @ref in the edition'),
    ("xml-id-unique/invalid", 'xml:id="writer" is also used in the document "register"'),
    ("date-order/invalid-precision.xml", '@from="1789-05-20" is after @to="1789-04"'),
    ("date-order/invalid-range.xml", '@notBefore="1920-07" is after @notAfter="1920-06-10"'),
    ("choice-pairs/invalid.xml", "this one holds <sic> <reg>"),
    ("sent-date-explained/invalid.xml", ("the sent date in correspDesc (1920-06-10) differs from the date in the "
                                         "letter's dateline (1919-04-28) and no note explains why")),
])
def test_messages_say_what_is_wrong_with_the_values(case, message):
    problems = validate_paths([VALIDATION_FIXTURES / case]).problems
    assert any(message in p.message for p in problems), [p.message for p in problems]


def test_the_rules_are_iso_schematron_for_xslt3_that_editios_engine_runs_as_they_stand():
    # Issue 14 moved editio.sch from XSLT 1.0 + EXSLT (lxml's skeleton) to the xslt3 query binding.
    from editio.schematron_engine import compile_schematron, parse, source_text
    assert etree.parse(str(SCHEMATRON)).getroot().get("queryBinding") == "xslt3"
    schema = compile_schematron(SCHEMATRON)
    for name, failures in (("invalid.xml", 1), ("valid.xml", 0)):
        path = VALIDATION_FIXTURES / "choice-pairs" / name
        assert len(schema.run(parse(source_text(path.read_bytes(), path))).failures) == failures


# ---------------------------------------------------------------- document() reads nothing by itself

def copy_fixture(source: Path, folder: Path) -> Path:
    """Copy a fixture file (or each file of a fixture folder) into ``folder``, its schemas still found."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in [source] if source.is_file() else sorted(source.glob("*.xml")):
        text = re.sub(r'href="(\.\./)+schema/', f'href="{(ROOT / "schema").as_uri()}/', path.read_text(encoding="utf-8"))
        (folder / path.name).write_text(text, encoding="utf-8")
    return folder / source.name if source.is_file() else folder

def _hostile_register(folder: Path, secret: Path) -> Path:
    """A register whose entry's name is an external entity pointing at ``secret``."""
    register = folder / "register.xml"
    register.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><standOff><listPerson>
  <person xml:id="writer"><persName>&secret;</persName></person>
  <person xml:id="town"><persName>&secret;</persName></person>
</listPerson></standOff></TEI>
""", encoding="utf-8")
    return register


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("SECRET-7f3a9c", encoding="utf-8")
    return path


def test_libxslt_on_its_own_would_expand_a_hostile_registers_entities(tmp_path, secret):
    """Why editio serves document() itself: libxslt's loader parses with entity substitution."""
    _hostile_register(tmp_path, secret)
    copy_fixture(VALIDATION_FIXTURES / "ref-resolves" / "valid" / "letter.xml", tmp_path)
    stylesheet = etree.XML(b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                           b'<xsl:template match="/"><out><xsl:value-of select="document(\'register.xml\', /)"/>'
                           b'</out></xsl:template></xsl:stylesheet>')
    no_network = etree.XSLTAccessControl(read_network=False, write_network=False, write_file=False, create_dir=False)
    result = etree.XSLT(stylesheet, access_control=no_network)(etree.parse(str(tmp_path / "letter.xml")))
    assert "SECRET-7f3a9c" in str(result)


def test_a_hostile_register_outside_the_edition_is_never_read(tmp_path, secret):
    _hostile_register(tmp_path, secret)
    letter = copy_fixture(VALIDATION_FIXTURES / "ref-resolves" / "valid" / "letter.xml", tmp_path)
    report = validate_paths([letter])
    # The letter alone: its pointers into register.xml cannot resolve, and nothing of the file is read.
    assert {p.rule for p in report.errors} == {"ref-resolves"}
    assert all("register.xml, which is not among the documents being validated" in p.message for p in report.errors)
    assert not any("SECRET" in p.message for p in report.problems)


def test_documents_are_served_as_editio_loaded_them_not_as_the_disk_has_them(tmp_path):
    folder = copy_fixture(VALIDATION_FIXTURES / "ref-resolves" / "valid", tmp_path / "edition")
    edition = load_edition([folder])
    (folder / "register.xml").write_text("<not-even-xml", encoding="utf-8")
    assert validate_edition(edition).problems == []
