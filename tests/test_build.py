"""The build's phases and guarantees: atomic outputs, untouched sources, byte-reproducible results."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TEI_DIR
from editio import build, builders
from editio.build import Builder, Output, build_edition
from editio.errors import BuildError, EditioError

# Builders defined here exercise the orchestration itself: what a builder renders is its own business.
_generation = {"value": "first"}


class ProbeBuilder(Builder):
    name = folder = "probe"

    def render(self, document, run):
        yield Output(f"{document.id}.txt", f"{_generation['value']} {document.id}".encode())


class BrokenBuilder(Builder):
    name = folder = "broken"

    def collect(self, run):
        yield Output("partial.txt", b"half")
        raise BuildError("the engine failed half way")


class EscapingBuilder(Builder):
    name = folder = "escaping"

    def collect(self, run):
        yield Output("../../escaped.txt", b"nope")


@pytest.fixture
def test_builders(monkeypatch):
    for test_builder in (ProbeBuilder, BrokenBuilder, EscapingBuilder):
        monkeypatch.setitem(builders.BUILDERS, test_builder.name, test_builder)
    _generation["value"] = "first"


def tree_digest(folder: Path) -> dict[str, str]:
    """The outputs under ``folder`` (the build cache and the build folder's marker left out)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".cache" not in p.relative_to(folder).parts
            and p.name != ".editio-build"}


def test_a_failed_build_leaves_the_previous_outputs_intact(tmp_path, test_builders):
    build_edition([TEI_DIR], out=tmp_path, only=["probe"], validate=False, fresh=True)
    before = tree_digest(tmp_path)
    assert before == {"probe/letter-to-the-workers-of-western-europe.txt": before[
        "probe/letter-to-the-workers-of-western-europe.txt"]}

    _generation["value"] = "second"
    with pytest.raises(BuildError, match="half way"):
        build_edition([TEI_DIR], out=tmp_path, only=["probe", "broken"], validate=False, fresh=True)
    assert tree_digest(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", ".editio-build", "probe"], \
        "no staging folder is left behind"
    # editio's own staging names only: other tests' temporary folders sit beside this one
    assert [p.name for p in tmp_path.parent.iterdir() if p.name.startswith(f".{tmp_path.name}.staging-")] == []


def test_a_successful_build_replaces_only_the_outputs_it_built(tmp_path, test_builders):
    build_edition([TEI_DIR], out=tmp_path, only=["probe"], validate=False, fresh=True)
    (tmp_path / "unrelated").mkdir()  # added to a folder editio made (one it did not make is refused)
    (tmp_path / "unrelated" / "keep.txt").write_text("kept")
    _generation["value"] = "second"
    build_edition([TEI_DIR], out=tmp_path, only=["probe"], validate=False, fresh=True)
    assert (tmp_path / "probe" / "letter-to-the-workers-of-western-europe.txt").read_text().startswith("second")
    assert (tmp_path / "unrelated" / "keep.txt").read_text() == "kept"


def test_an_output_may_not_escape_its_folder(tmp_path, test_builders):
    with pytest.raises(BuildError, match="escapes its folder"):
        build_edition([TEI_DIR], out=tmp_path / "out", only=["escaping"], validate=False, fresh=True)
    assert not (tmp_path / "escaped.txt").exists()


def test_unknown_outputs_and_readings_are_refused(tmp_path):
    with pytest.raises(EditioError, match="unknown output 'nope'"):
        build_edition([TEI_DIR], out=tmp_path, only=["nope"])
    with pytest.raises(EditioError, match="unknown reading"):
        build_edition([TEI_DIR], out=tmp_path, options=build.BuildOptions(reading="modern"))


def test_the_cli_reports_bad_options_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "editio", "build", str(TEI_DIR), "--out", str(tmp_path), "--only", "nope"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == "error: unknown output 'nope' (choose from html, text, pdf, metadata, search)"
    assert "Traceback" not in result.stderr


def test_source_date_epoch_names_the_build_day(monkeypatch):
    from editio.edition import build_date
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date() == "2023-11-14"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert build_date() is None
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() is None and "SOURCE_DATE_EPOCH" not in os.environ


def test_an_unchanged_edition_is_replayed_from_the_cache(tmp_path):
    first = build_edition([TEI_DIR], out=tmp_path, only=["text", "metadata"])
    before = tree_digest(tmp_path / "text") | tree_digest(tmp_path / "metadata")
    assert first.cached == []
    again = build_edition([TEI_DIR], out=tmp_path, only=["text", "metadata"])
    assert again.cached == ["text", "metadata"] and again.outputs == first.outputs
    assert (tree_digest(tmp_path / "text") | tree_digest(tmp_path / "metadata")) == before
    assert build_edition([TEI_DIR], out=tmp_path, only=["text"], fresh=True).cached == []


def test_a_changed_source_or_reading_misses_the_cache(tmp_path):
    edition = tmp_path / "edition"
    shutil.copytree(TEI_DIR, edition / "tei")
    out = tmp_path / "out"
    build_edition([edition / "tei"], out=out, only=["text"], validate=False)
    letter = next((edition / "tei").glob("letter-*.xml"))
    letter.write_text(letter.read_text(encoding="utf-8").replace("principal points", "principal matters"),
                      encoding="utf-8")
    changed = build_edition([edition / "tei"], out=out, only=["text"], validate=False)
    assert changed.cached == [] and "principal matters" in next((out / "text").iterdir()).read_text("utf-8")
    diplomatic = build_edition([edition / "tei"], out=out, only=["text"], validate=False,
                               options=build.BuildOptions(reading="diplomatic"))
    assert diplomatic.cached == [] and "say an learn" in next((out / "text").iterdir()).read_text("utf-8")


def test_a_damaged_cache_is_only_a_miss(tmp_path):
    build_edition([TEI_DIR], out=tmp_path, only=["text"])
    for stored in (tmp_path / ".cache" / "text").rglob("*.txt"):
        stored.unlink()
    # a document's files are kept per document, their bytes in the blob store
    for stored in (tmp_path / ".cache" / "blobs").rglob("*"):
        if stored.is_file() and len(stored.name) == 64:
            stored.unlink()
    report = build_edition([TEI_DIR], out=tmp_path, only=["text"])
    assert report.cached == [] and report.outputs == {"text": 1}


# The run context: builders share outputs through it, and own what they start.

class CountingBuilder(Builder):
    name = folder = "counting"
    renders: list[str] = []

    def render(self, document, run):
        CountingBuilder.renders.append(document.id)
        yield Output(f"{document.id}.count", str(len(CountingBuilder.renders)).encode())


class BorrowingBuilder(Builder):
    """Carries the counting builder's files, asked of the run rather than made again."""

    name = folder = "borrowing"

    def render(self, document, run):
        for output in run.outputs("counting", document):
            yield Output(f"borrowed/{output.path}", output.content)


def test_a_builder_gets_another_builders_files_from_the_run_made_once(tmp_path, monkeypatch):
    for test_builder in (CountingBuilder, BorrowingBuilder):
        monkeypatch.setitem(builders.BUILDERS, test_builder.name, test_builder)
    monkeypatch.setattr(CountingBuilder, "renders", [])
    build_edition([TEI_DIR], out=tmp_path, only=["borrowing", "counting"], validate=False, fresh=True)
    letter = "letter-to-the-workers-of-western-europe"
    assert CountingBuilder.renders == [letter], "rendered once for both builders"
    assert (tmp_path / "borrowing" / "borrowed" / f"{letter}.count").read_bytes() == \
        (tmp_path / "counting" / f"{letter}.count").read_bytes()
    # Asked for by a build that does not write its files, it is made all the same.
    build_edition([TEI_DIR], out=tmp_path, only=["borrowing"], validate=False, fresh=True)
    assert CountingBuilder.renders == [letter, letter]


def test_the_summary_counts_pages_and_says_where_they_went(tmp_path):
    report = build_edition([TEI_DIR], out=tmp_path, only=["html", "text"], validate=False, fresh=True)
    pages = list((tmp_path / "html").rglob("*.html"))
    assert report.outputs == {"html": len(pages), "text": 1}
    assert len(list((tmp_path / "html").rglob("*"))) > len(pages), "the site has more files than pages"
    lines = report.summary().splitlines()
    assert lines[0].startswith("built 1 document in ") and lines[0].endswith(f"into {tmp_path}/")
    assert lines[1:] == [f"  html: {len(pages)} pages → {tmp_path / 'html' / 'index.html'}",
                         f"  text: 1 text → {tmp_path / 'text'}"]
