"""The build's phases and guarantees: atomic outputs, untouched sources, byte-reproducible results."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from conftest import TEI_DIR
from editio import build
from editio.build import Builder, Output, build_edition
from editio.errors import BuildError, EditioError

# Builders defined here exercise the orchestration itself: what a builder renders is its own business.
_generation = {"value": "first"}


def _probe_render(edition, document, options):
    yield Output(f"{document.id}.txt", f"{_generation['value']} {document.id}".encode())


def _broken_render(edition, options):
    yield Output("partial.txt", b"half")
    raise BuildError("the engine failed half way")


def _escaping_render(edition, options):
    yield Output("../../escaped.txt", b"nope")


PROBE = Builder("probe", "probe", render_document=_probe_render)
BROKEN = Builder("broken", "broken", render_edition=_broken_render)
ESCAPING = Builder("escaping", "escaping", render_edition=_escaping_render)


@pytest.fixture
def test_builders(monkeypatch):
    table = {"probe": PROBE, "broken": BROKEN, "escaping": ESCAPING}
    original = build.builder
    monkeypatch.setattr(build, "builder", lambda name: table.get(name) or original(name))
    _generation["value"] = "first"


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_previous_outputs_intact(tmp_path, test_builders):
    build_edition([TEI_DIR], out=tmp_path, only=["probe"], validate=False)
    before = tree_digest(tmp_path)
    assert before == {"probe/letter-to-the-workers-of-western-europe.txt": before[
        "probe/letter-to-the-workers-of-western-europe.txt"]}

    _generation["value"] = "second"
    with pytest.raises(BuildError, match="half way"):
        build_edition([TEI_DIR], out=tmp_path, only=["probe", "broken"], validate=False)
    assert tree_digest(tmp_path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["probe"], "no staging folder is left behind"


def test_a_successful_build_replaces_only_the_outputs_it_built(tmp_path, test_builders):
    (tmp_path / "unrelated").mkdir()
    (tmp_path / "unrelated" / "keep.txt").write_text("kept")
    build_edition([TEI_DIR], out=tmp_path, only=["probe"], validate=False)
    _generation["value"] = "second"
    build_edition([TEI_DIR], out=tmp_path, only=["probe"], validate=False)
    assert (tmp_path / "probe" / "letter-to-the-workers-of-western-europe.txt").read_text().startswith("second")
    assert (tmp_path / "unrelated" / "keep.txt").read_text() == "kept"


def test_an_output_may_not_escape_its_folder(tmp_path, test_builders):
    with pytest.raises(BuildError, match="escapes its folder"):
        build_edition([TEI_DIR], out=tmp_path / "out", only=["escaping"], validate=False)
    assert not (tmp_path / "escaped.txt").exists()


def test_unknown_outputs_and_readings_are_refused(tmp_path):
    with pytest.raises(EditioError, match="unknown output 'nope'"):
        build_edition([TEI_DIR], out=tmp_path, only=["nope"])
    with pytest.raises(EditioError, match="unknown reading"):
        build_edition([TEI_DIR], out=tmp_path, options=build.BuildOptions(reading="modern"))


def test_the_cli_reports_bad_options_in_one_line(tmp_path):
    result = subprocess.run(["editio", "build", str(TEI_DIR), "--out", str(tmp_path), "--only", "nope"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == "error: unknown output 'nope' (choose from html, text, pdf, metadata)"
    assert "Traceback" not in result.stderr


def test_source_date_epoch_names_the_build_day(monkeypatch):
    from editio.edition import build_date
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date() == "2023-11-14"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert build_date() is None
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() is None and "SOURCE_DATE_EPOCH" not in os.environ
