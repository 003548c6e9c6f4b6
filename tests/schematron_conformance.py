"""Runs the SchXslt2 conformance and bug test cases (../shared/tools/schematron-conformance/) on editio's engine.

Each test case holds one or more schemas, the documents (the first is validated, the others are what
doc() and pattern/@documents may open, and included schema files) and the expected outcome: valid,
invalid, or error (the schema must be refused). Assertions are XPath over the SVRL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from editio.errors import InputError
from editio.schematron_engine import compile_schematron, parse, source_text
from editio.transform import processor

TESTCASE_NS = "https://doi.org/10.5281/zenodo.5679629#"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"


@dataclass(frozen=True)
class Case:
    name: str
    path: Path


def cases(root: Path) -> list[Case]:
    """Every test case: those the suites list (the 2020 XSLT 3 suite, the bugs and features), then the rest."""
    found: dict[Path, None] = {}

    def walk(suite: Path) -> None:
        tree = etree.parse(str(suite))
        for element in tree.getroot():
            if not isinstance(element.tag, str) or not element.get("href"):
                continue
            target = (suite.parent / element.get("href")).resolve()
            if etree.QName(element).localname == "include":
                walk(target)
            elif etree.QName(element).localname == "testcase":
                found[target] = None

    walk(root / "conformance" / "testsuites" / "2020-xslt3.xml")
    walk(root / "bugs-and-features.xml")
    # Newer cases that no suite lists yet (visit-each, phase/@from, param defaults, namespaces of includes).
    for folder in ("conformance/testcases", "bugs", "features"):
        for path in sorted((root / folder).rglob("*.xml")):
            found.setdefault(path.resolve(), None)
    return [Case(str(p.relative_to(root).with_suffix("")), p) for p in found]


def run_case(case: Case, workdir: Path) -> list[str]:
    """The ways editio's outcome differs from the expected one (empty when the case passes)."""
    tree = etree.parse(str(case.path))
    root = tree.getroot()
    expect = root.get("expect")
    phase = root.get("phase") or ""
    documents = root.find(f"{{{TESTCASE_NS}}}documents")
    paths = []
    for document in documents.iterfind(f"{{{TESTCASE_NS}}}document"):
        content = [child for child in document if isinstance(child.tag, str)]
        path = workdir / document.get("filename")
        path.write_bytes(etree.tostring(content[0], encoding="utf-8", xml_declaration=True))
        paths.append(path)
    xml_paths = [p for p in paths if p.suffix != ".sch"]
    problems = []
    schemas = [s for s in root.find(f"{{{TESTCASE_NS}}}schemas") if isinstance(s.tag, str)]
    assertions = [a.get("assert") for a in root.iterfind(f".//{{{TESTCASE_NS}}}assertion")]
    for number, schema in enumerate(schemas, 1):
        schema_path = workdir / f"schema-{number}.sch"
        schema_path.write_bytes(etree.tostring(schema, encoding="utf-8", xml_declaration=True))
        label = f"schema {number} ({schema.get('queryBinding') or 'no queryBinding'})"
        try:
            compiled = compile_schematron(schema_path, phase)
            trees = [parse(source_text(p.read_bytes(), p)) for p in xml_paths]
            run = compiled.run(trees[0], trees)
        except InputError as exc:
            if expect != "error":
                problems.append(f"{label}: refused: {exc}")
            continue
        if expect == "error":
            problems.append(f"{label}: expected the schema to be refused, but it ran")
            continue
        outcome = "invalid" if run.failures else "valid"
        if outcome != expect:
            problems.append(f"{label}: expected {expect}, got {outcome}")
        svrl = processor().parse_xml(xml_text=run.svrl.decode("utf-8"))
        for assertion in assertions:
            xpath = processor().new_xpath_processor()
            xpath.declare_namespace("svrl", SVRL_NS)
            xpath.set_context(xdm_item=svrl)
            try:
                holds = xpath.effective_boolean_value(assertion)
            except Exception as exc:  # an assertion the SVRL cannot answer is a failure, with why
                problems.append(f"{label}: assertion {assertion!r} raised {' '.join(str(exc).split())}")
                continue
            if not holds:
                problems.append(f"{label}: assertion {assertion!r} does not hold on the SVRL")
    return problems
