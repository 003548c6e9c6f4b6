"""The edition is valid TEI P5: the official tei_all RELAX NG schema accepts the letter and the register.

tei_all.rng comes from ../shared (the tests skip, saying why, when it is absent); compiling it takes
several seconds, so tests/schemas.py compiles it once per session.
"""

from __future__ import annotations

import pytest
from conftest import LETTER, REGISTER, shared_path
from schemas import assert_valid, relax_ng
from test_validation import PROBLEM_LINE, run_editio

from editio.documents import load_document


@pytest.mark.slow
@pytest.mark.parametrize("path", [LETTER, REGISTER], ids=lambda path: path.name)
def test_the_document_is_valid_against_tei_all(path):
    assert_valid(relax_ng("tei_all.rng"), load_document(path).tree)


@pytest.mark.slow
def test_editio_validate_accepts_tei_all_as_an_extra_schema():
    result = run_editio("validate", "--rng", shared_path("reference", "schemas", "tei_all.rng"), "tei")
    assert result.returncode == 0, result.stdout + result.stderr
    *problems, summary = result.stdout.splitlines()
    assert not [line for line in problems if PROBLEM_LINE.match(line)["rule"] == "tei_all.rng"]
    assert summary.startswith("valid: 2 files, 0 errors")


@pytest.mark.slow
def test_editio_validate_reports_tei_all_errors_where_they_are(tmp_path):
    letter = tmp_path / LETTER.name
    text = LETTER.read_text(encoding="utf-8").replace('<?xml-model', '<?xml-model-off')
    letter.write_text(text.replace("<p xml:id=\"ltw-p01\">", "<p xml:id=\"ltw-p01\"><bogus/>", 1), encoding="utf-8")
    line = next(n for n, content in enumerate(text.splitlines(), 1) if 'xml:id="ltw-p01"' in content)
    result = run_editio("validate", "--rng", shared_path("reference", "schemas", "tei_all.rng"), letter)
    assert result.returncode == 1
    problems = [PROBLEM_LINE.match(row) for row in result.stdout.splitlines()]
    bogus = [p for p in problems if "bogus" in p["message"]]
    assert bogus and all(p["rule"] == "tei_all.rng" and int(p["line"]) == line for p in bogus)
