"""editio's Schematron engine (XSLT 3.0 on saxonche): the conformance suite, real editions' schemas,
reports that keep going, JSON and SARIF."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, run_command, shared_path
from lxml import etree

from editio.documents import load_document
from editio.schematron_engine import EngineSchema, compile_schematron, parse, source_text
from editio.validation import validate_paths
from schematron_conformance import cases, run_case
from test_hostile_input import listener  # noqa: F401 (a fixture)

TEI_NS = "http://www.tei-c.org/ns/1.0"
CONFORMANCE = SHARED / "tools" / "schematron-conformance"
CONFORMANCE_CASES = cases(CONFORMANCE) if CONFORMANCE.is_dir() else []


def run_editio(*args, cwd=None) -> subprocess.CompletedProcess:
    """``editio ARGS`` run by click's runner in this process (conftest's ``run_command``: the same
    parsing, output streams and exit codes; ``--jobs`` starts its pool of processes from here)."""
    return run_command(*args, cwd=cwd or Path.cwd())


# ---------------------------------------------------------------- conformance (SchXslt2's suite)

@pytest.mark.parametrize("case", CONFORMANCE_CASES, ids=lambda case: case.name)
def test_conformance_case(case, tmp_path):
    assert run_case(case, tmp_path) == []


def test_the_conformance_suite_is_all_there():
    shared_path("tools", "schematron-conformance", "README.md")
    assert len(CONFORMANCE_CASES) == 94


# ---------------------------------------------------------------- locations, severities, documents

SCHEMA = """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">
  <sch:ns prefix="t" uri="http://www.tei-c.org/ns/1.0"/>
  <sch:phase id="names"><sch:active pattern="names"/></sch:phase>
  <sch:pattern id="names">
    <sch:rule context="t:persName" id="person-ref">
      <sch:assert test="@ref">a person needs @ref: <sch:value-of select="normalize-space()"/></sch:assert>
    </sch:rule>
  </sch:pattern>
  <sch:pattern id="dates">
    <sch:rule context="t:date/@when" id="date-when">
      <sch:report test="not(. castable as xs:date)" role="warning">@when="<sch:value-of select="."/>"</sch:report>
    </sch:rule>
    <sch:rule context="t:p">
      <sch:report test="doc('secret.xml') or doc('http://127.0.0.1:9/x.xml')">read a document</sch:report>
    </sch:rule>
  </sch:pattern>
</sch:schema>"""
DOCUMENT = f"""<TEI xmlns="{TEI_NS}">
  <text><body>
    <p>A <persName>nameless</persName> and <date
        when="1919-13-40">a date</date></p>
  </body></text>
</TEI>"""


@pytest.fixture
def checked(tmp_path):
    (tmp_path / "rules.sch").write_text(SCHEMA.replace("queryBinding=\"xslt3\"", "queryBinding=\"xslt3\"")
                                        .replace("<sch:ns prefix=\"t\"", "<sch:ns prefix=\"xs\" uri=\"http://www.w3.org/2001/XMLSchema\"/><sch:ns prefix=\"t\""))
    (tmp_path / "secret.xml").write_text("<secret/>")
    (tmp_path / "letter.xml").write_text(DOCUMENT)
    return tmp_path


def test_failures_carry_line_column_rule_and_severity(checked):
    document = load_document(checked / "letter.xml")
    schema = EngineSchema(checked / "rules.sch", compile_schematron(checked / "rules.sch"))
    problems = sorted(schema.check(document))
    assert [(p.line, p.column, p.severity, p.rule) for p in problems] == [
        (3, 10, "error", "person-ref"), (4, 9, "warning", "date-when")]
    assert problems[0].message == "a person needs @ref: nameless"
    assert problems[1].message == '@when="1919-13-40"'


def test_rules_read_no_file_and_no_url_they_were_not_given(checked):
    document = load_document(checked / "letter.xml")
    schema = EngineSchema(checked / "rules.sch", compile_schematron(checked / "rules.sch"))
    assert not any(p.message == "read a document" for p in schema.check(document))


def test_a_phase_runs_only_its_patterns(checked):
    document = load_document(checked / "letter.xml")
    schema = EngineSchema(checked / "rules.sch", compile_schematron(checked / "rules.sch", "names"))
    assert [p.rule for p in schema.check(document)] == ["person-ref"]


def test_the_compiled_schema_is_kept_by_content(checked):
    first = compile_schematron(checked / "rules.sch")
    assert compile_schematron(checked / "rules.sch") is first
    (checked / "rules.sch").write_text((checked / "rules.sch").read_text().replace("a person", "A person"))
    assert compile_schematron(checked / "rules.sch") is not first


def test_an_unknown_phase_and_an_unknown_query_binding_are_usage_errors(checked):
    result = run_editio("validate", checked / "letter.xml", "--schema", checked / "rules.sch", "--phase", "nope")
    assert result.returncode == 2 and "no phase has the id 'nope'" in result.stderr
    (checked / "bad.sch").write_text(SCHEMA.replace("xslt3", "xquery"))
    result = run_editio("validate", checked / "letter.xml", "--schema", checked / "bad.sch", "--format", "json")
    assert result.returncode == 2 and "queryBinding 'xquery'" in json.loads(result.stdout)["error"]


# ---------------------------------------------------------------- real editions' schemas

def test_tillich_schematron_runs_on_the_tillich_letters(tmp_path):
    letters = shared_path("corpora", "tillich-briefe", "letters")
    schema = shared_path("corpora", "tillich-briefe", "schema", "tillich-schematron.sch")
    report = validate_paths(sorted(letters.glob("L0000*.xml")), extra_schemas=[schema])
    assert len(report.files) == 8 and report.problems == []
    broken = tmp_path / "broken.xml"
    broken.write_text(f'<TEI xmlns="{TEI_NS}"><text><body><p>\n<rs type="letter" ref="X12">a letter</rs></p>'
                      '</body></text></TEI>')
    [problem] = validate_paths([broken], extra_schemas=[schema]).problems
    assert (problem.line, problem.column, problem.rule) == (2, 1, "check_note_seg")
    assert problem.message == "The @ref attribute must start with 'L'"


def test_tillich_rng_runs_its_grammar_and_its_embedded_rules(tmp_path):
    rng = shared_path("corpora", "tillich-briefe", "schema", "tillich-briefe.rng")
    letter = shared_path("corpora", "tillich-briefe", "letters", "L00001.xml")
    text = letter.read_text(encoding="utf-8")
    broken = tmp_path / "L00001.xml"
    # Embedded rule of the ODD: @when cannot be used with @notBefore (att.datable.w3c), a "nonfatal" report.
    broken.write_text(text.replace("<date ", '<date notBefore="1900" ', 1), encoding="utf-8")
    report = validate_paths([broken], extra_schemas=[rng])
    assert any("cannot be used with any other att.datable.w3c attributes" in p.message
               and p.severity == "warning" for p in report.problems), report.problems


@pytest.mark.slow
def test_tei_all_rng_reports_the_guidelines_own_constraints(tmp_path):
    rng = shared_path("reference", "schemas", "tei_all.rng")
    path = tmp_path / "doc.xml"
    path.write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
                    '<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>'
                    '</teiHeader><text><body><p><date when="1900" from="1900">x</date></p></body></text></TEI>')
    report = validate_paths([path], extra_schemas=[rng])
    assert any("att.datable.w3c" in p.message for p in report.problems), report.problems


# ---------------------------------------------------------------- reports that keep going

@pytest.fixture
def folder_with_a_broken_file(tmp_path):
    (tmp_path / "a.xml").write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/><text><body><p xml:id="x"/><p xml:id="x"/>'
                                    '</body></text></TEI>')
    (tmp_path / "b.xml").write_text(f'<TEI xmlns="{TEI_NS}">\n  <teiHeader>\n</TEI>\n')
    (tmp_path / "rules.sch").write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/><sch:pattern><sch:rule context="tei:p">'
        '<sch:assert test="normalize-space()" id="p-empty">empty paragraph</sch:assert></sch:rule></sch:pattern>'
        '</sch:schema>')
    return tmp_path


def test_a_malformed_file_is_one_problem_and_the_others_are_still_validated(folder_with_a_broken_file):
    folder = folder_with_a_broken_file
    result = run_editio("validate", folder / "a.xml", folder / "b.xml", "--schema", folder / "rules.sch")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{folder / 'b.xml'}:3:7: error: [well-formed] not well-formed XML" in result.stdout
    assert result.stdout.count("[p-empty] empty paragraph") == 2


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_json_and_sarif_are_always_one_document(folder_with_a_broken_file, output_format):
    folder = folder_with_a_broken_file
    for args, code in [((folder / "a.xml", folder / "b.xml"), 1), ((folder / "nowhere.xml",), 2),
                       (("--no-such-option",), 2), ((folder / "a.xml", "--schema", folder / "b.xml"), 2)]:
        result = run_editio("validate", *args, "--format", output_format)
        assert result.returncode == code, (args, result.stderr)
        document = json.loads(result.stdout)
        if output_format == "sarif":
            assert_sarif(document)
        else:
            assert document["valid"] is False and isinstance(document["problems"], list)


def assert_sarif(document: dict) -> None:
    """The fields SARIF 2.1.0 requires (no SARIF schema ships in a package here)."""
    assert document["version"] == "2.1.0" and len(document["runs"]) == 1
    run = document["runs"][0]
    assert run["tool"]["driver"]["name"] == "editio"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert result["message"]["text"] and result["level"] in ("error", "warning", "note", "none")
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_sarif_locates_each_problem(folder_with_a_broken_file):
    folder = folder_with_a_broken_file
    result = run_editio("validate", "a.xml", "b.xml", "--schema", "rules.sch", "--format", "sarif", cwd=folder)
    run = json.loads(result.stdout)["runs"][0]
    located = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]}
    assert ("well-formed", "b.xml", 3) in located and ("p-empty", "a.xml", 1) in located


def test_a_duplicate_id_names_the_duplicate_and_both_places(tmp_path):
    text = (ROOT / "tei" / "letter-to-the-workers-of-western-europe.xml").read_text(encoding="utf-8")
    text = text.replace('xml:id="ltw-p05"', 'xml:id="ltw-p04"', 1).replace('href="../schema/', f'href="{(ROOT / "schema").as_uri()}/')
    (tmp_path / "letter.xml").write_text(text, encoding="utf-8")
    (tmp_path / "register.xml").write_text((ROOT / "tei" / "register.xml").read_text(encoding="utf-8")
                                           .replace('href="../schema/', f'href="{(ROOT / "schema").as_uri()}/'), encoding="utf-8")
    report = validate_paths([tmp_path])
    duplicate = [p for p in report.problems if p.rule == "xsd-xml-id"]
    assert len(duplicate) == 1 and '"ltw-p04" is a duplicate' in duplicate[0].message
    first = next(p for p in report.problems if p.rule == "xml-id-unique")
    assert f"line {first.line}, column {first.column}" in duplicate[0].message
    assert f"line {duplicate[0].line}, column {duplicate[0].column}" in duplicate[0].message


@pytest.mark.parametrize("rules, place, message", [
    ('<sch:pattern><sch:rule abstract="true" id="a"><sch:report test="true()"/></sch:rule></sch:pattern>\n'
     '<sch:pattern><sch:rule context="*"><sch:extends rule="a"/></sch:rule></sch:pattern>',
     "bad.sch: error:", "a rule extends the abstract rule 'a' of another pattern"),
    ('<sch:pattern><sch:rule context="*">\n<sch:report test="1 +">x</sch:report></sch:rule></sch:pattern>',
     "bad.sch:3: error:", 'test="1 +": XPST0003'),
])
def test_a_schema_that_does_not_compile_is_one_line(tmp_path, rules, place, message):
    schema = tmp_path / "bad.sch"
    schema.write_text(f'<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">\n{rules}'
                      '</sch:schema>')
    result = run_editio("validate", ROOT / "tei", "--schema", schema)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and f"{place} Schematron schema does not compile: " in result.stderr
    assert message in result.stderr


def test_a_rule_reads_no_url_and_no_file_outside_the_edition(tmp_path, listener):
    port, connections = listener
    (tmp_path / "secret.xml").write_text("<secret>SECRET-5d1e</secret>")
    (tmp_path / "letter.xml").write_text(f'<TEI xmlns="{TEI_NS}"><text><body><p>x</p></body></text></TEI>')
    (tmp_path / "reads.sch").write_text(f"""<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">
      <sch:pattern><sch:rule context="/" id="reads">
        <sch:report test="true()">url:<sch:value-of select="exists(doc('http://127.0.0.1:{port}/x.xml'))"/>
          available:<sch:value-of select="doc-available('http://127.0.0.1:{port}/y.xml')"/>
          document:<sch:value-of select="document('http://127.0.0.1:{port}/z.xml')"/>
          file:<sch:value-of select="string(doc('secret.xml'))"/>|<sch:value-of select="string(doc('{(tmp_path / 'secret.xml').as_uri()}'))"/>
          own:<sch:value-of select="exists(doc('letter.xml'))"/></sch:report>
      </sch:rule></sch:pattern>
    </sch:schema>""")
    [problem] = validate_paths([tmp_path / "letter.xml"], extra_schemas=[tmp_path / "reads.sch"]).problems
    assert problem.message == "url:false available:false document: file:| own:true"
    time.sleep(0.2)
    assert connections == []


def test_two_documents_with_one_id_are_a_problem_not_a_stop(tmp_path):
    for name in ("a.xml", "b.xml"):
        (tmp_path / name).write_text(f'<TEI xmlns="{TEI_NS}" xml:id="same"><teiHeader/></TEI>')
    result = run_editio("validate", tmp_path, "--format", "json")
    assert result.returncode == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["rule"] == "document-id-unique" and problem["file"].endswith("b.xml")


def test_a_corpus_validated_in_parallel_reports_what_one_process_reports(tmp_path):
    letters = shared_path("corpora", "tillich-briefe", "letters")
    schema = shared_path("corpora", "tillich-briefe", "schema", "tillich-schematron.sch")
    for letter in sorted(letters.glob("L0001*.xml")):
        (tmp_path / letter.name).write_bytes(letter.read_bytes())
    (tmp_path / "broken.xml").write_text(f'<TEI xmlns="{TEI_NS}">')
    serial = run_editio("validate", tmp_path, "--schema", schema)
    parallel = run_editio("validate", tmp_path, "--schema", schema, "--jobs", "2")
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    assert "broken.xml:1:42: error: [well-formed]" in serial.stdout
    assert "L00018.xml:92:472: error: [check_note_seg] The @ref attribute must start with 'L'" in serial.stdout
    assert parallel.stderr == serial.stderr
