"""editio validate: the XML Schema constraints, the schemas a document or the user names, the report, the CLI.

Each XSD constraint id has a fixture, ``fixtures/validation/<id>/invalid.xml``: a small TEI file, valid but
for one fault, that announces each problem it must produce with a comment on the reported line,
``<!-- expect: error [rule-id] -->``. The reported column is that of the line's first element.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import xmlschema
from conftest import FIXTURES, LETTER, REGISTER, ROOT, TEI_DIR, run_command, run_process
from lxml import etree
from xmlschema.validators import XsdElement

from editio.documents import TEI_NS, XML_NS
from editio.errors import InputError
from editio.validation import (
    SCHEMA_LANGUAGES,
    Problem,
    ValidationReport,
    compiled_schema,
    validate_paths,
)

VALIDATION_FIXTURES = FIXTURES / "validation"
SCHEMA_DIR = ROOT / "schema"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
EXPECT = re.compile(r"<!-- expect: (error|warning) \[([\w.-]+)\] -->")
PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
                          r"\[(?P<rule>[\w.-]+)\] (?P<message>\S.*)$")
XSD = next(language for language in SCHEMA_LANGUAGES if language.suffix == ".xsd")

def run_editio(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The ``editio`` command (in this process: see conftest's ``run_command``)."""
    return run_command(*args, cwd=cwd)


def case_files(case: Path) -> list[Path]:
    return [case] if case.is_file() else sorted(case.glob("*.xml"))


def expected_problems(case: Path) -> list[tuple]:
    """(file, line, column, severity, rule) for each marker comment in the case's files."""
    found = []
    for path in case_files(case):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in EXPECT.finditer(line):
                found.append((str(path), number, line.index("<") + 1, match[1], match[2]))
    return sorted(found)


def reported(report: ValidationReport) -> list[tuple]:
    return sorted((p.file, p.line, p.column, p.severity, p.rule) for p in report.problems)


def xsd_rule_ids() -> set[str]:
    ids = set()
    for path in SCHEMA_DIR.glob("*.xsd"):
        ids.update(etree.parse(str(path)).xpath("//xs:*/@id", namespaces={"xs": XSD_NS}))
    return ids


# ---------------------------------------------------------------- the XML Schema, constraint by constraint

@pytest.mark.parametrize("rule", sorted(xsd_rule_ids()))
def test_each_xsd_constraint_reports_its_fixture_under_its_id(rule):
    case = VALIDATION_FIXTURES / rule / "invalid.xml"
    report = validate_paths([case])
    assert reported(report) == expected_problems(case)
    assert {p.rule for p in report.problems} == {rule}
    assert not report.ok


def test_every_xsd_constraint_id_has_a_fixture_and_every_fixture_a_constraint():
    fixtures = {path.name for path in VALIDATION_FIXTURES.glob("xsd-*")}
    assert fixtures == xsd_rule_ids()
    assert all(expected_problems(VALIDATION_FIXTURES / rule / "invalid.xml") for rule in fixtures)


@pytest.mark.parametrize("rule, message", [
    ("xsd-iso-date", '<date> @when="1919-04-31" is not an ISO 8601 date of any precision'),
    ("xsd-pointer", '<persName> @ref="writer" is not a pointer: prefix:id (reg:kropotkin), #id, file.xml#id'),
    ("xsd-pointer-list", '<persName> @ref="" is not one or more pointers'),
    ("xsd-xml-lang", '<text> @xml:lang="en GB" is not a BCP 47 language tag'),
    ("xsd-availability", "<p> is not allowed here in <availability>: expected <licence>"),
    ("xsd-choice", "<choice> is incomplete: expected <sic>, <corr>, <orig>, <reg>, <abbr> or <expan>"),
    ("xsd-phrase", "<p> is not allowed here in <note>; <note> holds text with phrase-level elements"),
    ("xsd-plain", "<sic> holds text only, no elements"),
    ("xsd-empty", "<pb> must be empty"),
    ("xsd-entry-id", "<person> needs the attribute @xml:id"),
    ("xsd-customisation", "<date> does not allow the attribute @evidence"),
    ("xsd-wikidata-id", '<idno> "q5752" is not a Wikidata item id'),
    ("xsd-letter-sent", 'a letter\'s header needs profileDesc/correspDesc with a correspAction type="sent"'),
    ("xsd-letter-copy-text", 'one of them bibl type="copy-text"'),
])
def test_messages_name_the_element_the_attribute_and_the_bad_value(rule, message):
    (problem,) = validate_paths([VALIDATION_FIXTURES / rule / "invalid.xml"]).problems
    assert message in problem.message
    assert "\n" not in problem.message and "{http" not in problem.message and len(problem.message) < 240


def test_the_edition_validates_without_errors():
    report = validate_paths([TEI_DIR])
    assert sorted(report.files) == sorted([str(LETTER), str(REGISTER)])
    assert report.errors == [], "\n".join(map(str, report.errors))
    assert report.ok


def test_the_schema_declares_exactly_the_elements_and_attributes_the_edition_uses():
    used: set[tuple[str, str | None]] = set()
    for path in (LETTER, REGISTER):
        for element in etree.parse(str(path)).getroot().iter(etree.Element):
            name = etree.QName(element).localname
            used.add((name, None))
            used.update((name, _attribute_name(attribute)) for attribute in element.attrib)
    declared: set[tuple[str, str | None]] = set()
    for top in ("editio-letter.xsd", "editio-register.xsd"):
        schema = xmlschema.XMLSchema11(str(SCHEMA_DIR / top))
        for element in schema.maps.iter_components(XsdElement):
            if element.target_namespace == TEI_NS:
                declared.add((element.local_name, None))
                declared.update((element.local_name, _attribute_name(a)) for a in element.attributes if a)
    assert used <= declared, f"used but not declared: {sorted(used - declared, key=str)}"
    # abbr and expan complete choice's three pairings (sic/corr, orig/reg, abbr/expan).
    assert {n for n, a in declared if a is None} == {n for n, a in used if a is None} | {"abbr", "expan"}
    assert {a for _, a in declared if a} == {a for _, a in used if a}


def _attribute_name(clark: str) -> str:
    return clark.replace(f"{{{XML_NS}}}", "xml:")


# ---------------------------------------------------------------- the schemas a document declares

def _copy(source: Path, target: Path, *replacements: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return target


def test_an_xml_model_of_unknown_language_is_a_warning(tmp_path):
    path = _copy(VALIDATION_FIXTURES / "xsd-iso-date" / "invalid.xml", tmp_path / "letter.xml",
                 (('href="../../../../schema/editio-letter.xsd" type="application/xml" '
                   'schematypens="http://www.w3.org/2001/XMLSchema"'), 'href="letter.dtd" type="application/xml-dtd"'))
    (problem,) = validate_paths([path]).problems
    assert (problem.line, problem.column, problem.severity, problem.rule) == (2, 1, "warning", "xml-model")
    assert "letter.dtd is not checked: unknown schema language" in problem.message


def test_a_missing_declared_schema_is_an_input_error_at_its_processing_instruction(tmp_path):
    path = _copy(VALIDATION_FIXTURES / "xsd-iso-date" / "invalid.xml", tmp_path / "letter.xml",
                 ("../../../../schema/editio-letter.xsd", "schema/missing.xsd"))
    with pytest.raises(InputError) as refused:
        validate_paths([path])
    assert (refused.value.file, refused.value.line) == (str(path), 2)
    assert "schema/missing.xsd" in refused.value.message


def test_a_document_without_xml_model_is_only_checked_for_well_formedness(tmp_path):
    path = _copy(VALIDATION_FIXTURES / "xsd-iso-date" / "invalid.xml", tmp_path / "letter.xml",
                 (('<?xml-model href="../../../../schema/editio-letter.xsd" type="application/xml" '
                   'schematypens="http://www.w3.org/2001/XMLSchema"?>\n'), ""))
    report = validate_paths([path])
    assert report.ok and report.problems == []


# ---------------------------------------------------------------- schemas given by the user

def test_an_extra_xml_schema_applies_to_every_document():
    report = validate_paths([REGISTER], extra_schemas=[SCHEMA_DIR / "editio-letter.xsd"])
    # A register is no letter: standOff instead of text, no correspondence, no copy-text.
    assert {p.rule for p in report.errors} == {"xsd-letter", "xsd-letter-sent", "xsd-letter-copy-text"}
    assert all(p.file == str(REGISTER) for p in report.errors)


def test_an_extra_relax_ng_schema_reports_under_its_file_name(tmp_path):
    schema = tmp_path / "needs-type.rng"
    schema.write_text("""<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start>
    <element name="TEI" ns="http://www.tei-c.org/ns/1.0">
      <attribute name="type"/>
      <optional><attribute name="id" ns="http://www.w3.org/XML/1998/namespace"/></optional>
      <optional><attribute name="lang" ns="http://www.w3.org/XML/1998/namespace"/></optional>
      <ref name="content"/>
    </element>
  </start>
  <define name="content">
    <zeroOrMore>
      <choice>
        <text/>
        <element><anyName/><zeroOrMore><attribute><anyName/></attribute></zeroOrMore><ref name="content"/></element>
      </choice>
    </zeroOrMore>
  </define>
</grammar>""", encoding="utf-8")
    report = validate_paths([REGISTER], extra_schemas=[schema])
    (problem,) = [p for p in report.problems if p.rule == "needs-type.rng"]
    root_line = next(n for n, line in enumerate(REGISTER.read_text().splitlines(), 1) if line.startswith("<TEI"))
    assert (problem.line, problem.column, problem.severity) == (root_line, 1, "error")
    assert problem.message == "Element TEI failed to validate attributes"


def test_an_extra_schematron_reports_under_its_rule_ids(tmp_path):
    schema = tmp_path / "house-style.sch"
    schema.write_text("""<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
  <sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <sch:pattern>
    <sch:rule context="tei:title" id="house-title-short">
      <sch:assert test="string-length(normalize-space()) &lt; 40" role="warning">keep titles short</sch:assert>
    </sch:rule>
  </sch:pattern>
</sch:schema>""", encoding="utf-8")
    report = validate_paths([REGISTER], extra_schemas=[schema])
    (problem,) = [p for p in report.problems if p.rule == "house-title-short"]
    title_line = next(n for n, line in enumerate(REGISTER.read_text().splitlines(), 1) if re.search(r"<title[ >]", line))
    assert (problem.line, problem.severity, problem.message) == (title_line, "warning", "keep titles short")
    assert report.ok


@pytest.mark.parametrize("name, content, message", [
    ("notes.txt", "not a schema", "unknown schema language"),
    ("broken.xsd", "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:element/></xs:schema>",
     "XML Schema does not compile"),
    ("broken.rng", "<grammar xmlns='http://relaxng.org/ns/structure/1.0'/>", "RELAX NG schema does not compile"),
    ("broken.sch", "<sch:schema xmlns:sch='http://purl.oclc.org/dsdl/schematron'><sch:rule/></sch:schema>",
     "invalid Schematron schema"),
    ("truncated.sch", "<sch:schema xmlns:sch='http://purl.oclc.org/dsdl/schematron'>", "does not compile"),
])
def test_an_unusable_extra_schema_is_an_input_error(tmp_path, name, content, message):
    schema = tmp_path / name
    schema.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        validate_paths([REGISTER], extra_schemas=[schema])
    assert message in refused.value.message and refused.value.file == str(schema)
    assert "\n" not in str(refused.value)


def test_a_missing_extra_schema_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such schema file"):
        validate_paths([REGISTER], extra_schemas=[tmp_path / "missing.xsd"])


def test_a_schema_is_compiled_once_and_again_when_a_file_it_includes_changes(tmp_path):
    copy = shutil.copytree(SCHEMA_DIR, tmp_path / "schema")
    top = copy / "editio-register.xsd"
    first = compiled_schema(top, XSD)
    assert compiled_schema(top, XSD) is first
    included = copy / "editio-common.xsd"
    stat = included.stat()
    os.utime(included, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert compiled_schema(top, XSD) is not first


# ---------------------------------------------------------------- the report

def test_problems_are_sorted_and_the_summary_counts_them():
    report = ValidationReport(files=["a.xml", "b.xml"], problems=sorted([
        Problem("b.xml", 3, 1, "warning", "r", "m"), Problem("a.xml", 10, 2, "error", "r", "m"),
        Problem("a.xml", 2, 5, "error", "r", "m")]))
    assert [(p.file, p.line) for p in report.problems] == [("a.xml", 2), ("a.xml", 10), ("b.xml", 3)]
    assert report.summary() == "invalid: 2 files, 2 errors, 1 warning"
    assert str(report.problems[0]) == "a.xml:2:5: error: [r] m"
    assert ValidationReport(files=["a.xml"]).summary() == "valid: 1 file, 0 errors, 0 warnings"


# ---------------------------------------------------------------- the command

# One edition of four fixture files: XML Schema and Schematron problems in three of them.
CLI_CASES = [VALIDATION_FIXTURES / "xsd-iso-date" / "invalid.xml", VALIDATION_FIXTURES / "choice-pairs" / "invalid.xml",
             VALIDATION_FIXTURES / "ref-resolves" / "invalid"]


def _parsed(stdout: str) -> list[dict]:
    lines = stdout.splitlines()
    assert all(PROBLEM_LINE.match(line) for line in lines), lines
    return [{**m.groupdict(), "line": int(m["line"]), "column": int(m["column"])} for m in map(PROBLEM_LINE.match, lines)]


def test_the_command_reports_problems_one_per_line_sorted_with_a_summary_and_exit_1():
    result = run_editio("validate", *CLI_CASES)
    assert result.returncode == 1, result.stderr
    problems = _parsed(result.stdout)
    expected = sorted(p for case in CLI_CASES for p in expected_problems(case))
    assert [(str(Path(p["file"]).resolve()), p["line"], p["column"], p["severity"], p["rule"]) for p in problems] == expected
    assert [(p["file"], p["line"], p["column"]) for p in problems] == sorted((p["file"], p["line"], p["column"])
                                                                          for p in problems)
    assert result.stderr == "invalid: 4 files, 3 errors, 0 warnings\n"


def test_the_command_gives_the_same_report_as_json():
    text = run_editio("validate", *CLI_CASES)
    result = run_editio("validate", "--format", "json", *CLI_CASES)
    assert result.returncode == 1 and result.stderr == ""
    report = json.loads(result.stdout)
    assert (report["valid"], report["errors"], report["warnings"], len(report["files"])) == (False, 3, 0, 4)
    assert report["problems"] == _parsed(text.stdout)


def test_the_command_passes_the_edition_with_exit_0_and_its_summary_on_stdout():
    result = run_process("validate", "tei")  # a fresh process, as a user runs it
    assert result.returncode == 0, result.stdout + result.stderr
    *problems, summary = result.stdout.splitlines()
    assert all(p["severity"] == "warning" for p in _parsed("\n".join(problems)))
    assert re.fullmatch(r"valid: 2 files, 0 errors, \d+ warnings?", summary) and result.stderr == ""


def test_the_command_defaults_to_the_configured_sources():
    def problems(result) -> list[tuple]:
        *lines, summary = result.stdout.splitlines()
        return [(Path(p["file"]).resolve(), p["line"], p["rule"]) for p in _parsed("\n".join(lines))] + [summary]

    assert problems(run_editio("validate")) == problems(run_editio("validate", "tei"))


def test_the_command_takes_schemas_by_relative_path():
    result = run_editio("validate", "--schema", "schema/editio.sch", "--schema", "schema/editio-register.xsd",
                        "tei/register.xml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("valid: 1 file, 0 errors")


@pytest.mark.parametrize("args, message", [
    (["--format", "yaml", "tei"], "Invalid value for '--format'"),
    (["--schema", "missing.xsd", "tei"], "missing.xsd: error: no such schema file"),
    (["--rng", "tests/conftest.py", "tei"], "tests/conftest.py: error: unknown schema language"),
])
def test_usage_errors_exit_2_without_a_traceback(args, message):
    result = run_editio("validate", *args)
    assert result.returncode == 2 and result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr
