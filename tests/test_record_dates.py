"""Record dates follow changes: an incremental harvest sees every change and every deletion, and
nothing else moves a datestamp (a rebuild, a touched file, a later day)."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta, timezone
import re
import shutil

import pytest
from lxml import etree

from conftest import FIXTURES, LETTER, TEI_DIR
pytest.register_assert_rewrite("oai_support")  # as the other tests that import it
from oai_support import assert_oai, call  # noqa: E402

from editio.build import build_edition
from editio.server import create_app

OAI = "{http://www.openarchives.org/OAI/2.0/}"
MODS = "{http://www.loc.gov/mods/v3}"
def _build_days() -> dict[str, tuple[str, str]]:
    """Build days after the letter's last recorded change, two days apart: SOURCE_DATE_EPOCH and day."""
    revised = date.fromisoformat(max(etree.parse(str(LETTER)).xpath("//*[local-name()='change']/@when")))
    days = {}
    for step, name in enumerate(("first", "second", "third", "fourth", "fifth"), start=1):
        day = revised + timedelta(days=2 * step)
        epoch = int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())
        days[name] = (str(epoch), day.isoformat())
    return days


DAYS = _build_days()


@pytest.fixture
def edition(tmp_path):
    """A copy of the edition with a second text (the minimal fixture) beside the letter."""
    root = tmp_path / "edition"
    shutil.copytree(TEI_DIR, root / "tei")
    shutil.copy(FIXTURES / "metadata" / "minimal.xml", root / "tei" / "minimal.xml")
    (root / "editio.toml").write_text('[edition]\ntitle = "Test"\nbase_url = "https://edition.example.org/"\n',
                                      encoding="utf-8")
    return root


def build(edition, monkeypatch, day: str):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAYS[day][0])
    return build_edition([edition / "tei"], out=edition / "build", only=["metadata"], validate=False)


def catalogue(edition) -> dict:
    records = json.loads((edition / "build" / "metadata" / "catalogue.json").read_text(encoding="utf-8"))["records"]
    return {record["id"]: record for record in records}


def harvest(edition, query: str) -> list[tuple[str, str, str | None]]:
    app = create_app(edition / "build", secret=b"k")
    tree = assert_oai(call(app, query=query))
    return [(h.findtext(f"{OAI}identifier").rsplit(":", 1)[1], h.findtext(f"{OAI}datestamp"), h.get("status"))
            for h in tree.iter(f"{OAI}header")]


def test_a_datestamp_moves_exactly_when_a_record_changes(edition, monkeypatch):
    letter = next((edition / "tei").glob("letter-*.xml"))
    revised = max(etree.parse(str(letter)).xpath("//*[local-name()='change']/@when"))
    build(edition, monkeypatch, "first")
    first = catalogue(edition)
    # First seen: the letter's last revisionDesc change; the minimal text (no revisionDesc) the build's day.
    assert first["letter-to-the-workers-of-western-europe"]["datestamp"] == revised
    assert first["minimal"]["datestamp"] == DAYS["first"][1]

    os.utime(letter, (2_000_000_000, 2_000_000_000))  # touched, unchanged: nothing moves
    build(edition, monkeypatch, "second")
    assert catalogue(edition) == first

    # A register entry the letter mentions changes: its records change, and so does its datestamp.
    register = edition / "tei" / "register.xml"
    register.write_text(register.read_text(encoding="utf-8").replace(
        "a founder of utopian socialism", "one of the founders of utopian socialism"), encoding="utf-8")
    build(edition, monkeypatch, "third")
    third = catalogue(edition)
    changed = DAYS["third"][1]
    assert third["letter-to-the-workers-of-western-europe"]["datestamp"] == changed
    assert third["minimal"]["datestamp"] == DAYS["first"][1]  # it mentions no one: unchanged
    folder = edition / "build" / "metadata" / "letter-to-the-workers-of-western-europe"
    assert etree.parse(str(folder / "mods.xml")).findtext(f".//{MODS}recordChangeDate") == changed
    assert json.loads((folder / "jsonld.json").read_text(encoding="utf-8"))["dateModified"] == changed
    # The incremental harvest from the day after the first build sees the change, and only it.
    assert harvest(edition, f"verb=ListIdentifiers&metadataPrefix=oai_dc&from={DAYS['second'][1]}") == \
        [("letter-to-the-workers-of-western-europe", changed, None)]

    # A document leaves the edition: a deleted record, dated the day it went, kept on later builds.
    (edition / "tei" / "minimal.xml").unlink()
    build(edition, monkeypatch, "fourth")
    build(edition, monkeypatch, "fifth")
    gone = DAYS["fourth"][1]
    assert catalogue(edition)["minimal"] == {"id": "minimal", "datestamp": gone, "sets": ["texts", "type:text"],
                                             "deleted": True, "files": {}}
    assert harvest(edition, f"verb=ListRecords&metadataPrefix=mods&from={gone}") == [("minimal", gone, "deleted")]
    app = create_app(edition / "build", secret=b"k")
    reply = assert_oai(call(app, query="verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:edition.example.org:minimal"))
    assert reply.find(f".//{OAI}header").get("status") == "deleted" and reply.find(f".//{OAI}metadata") is None
    identify = assert_oai(call(app, query="verb=Identify"))
    assert identify.findtext(f".//{OAI}deletedRecord") == "persistent"


def test_record_dates_are_reproducible_under_source_date_epoch(edition, monkeypatch, tmp_path):
    build(edition, monkeypatch, "first")
    elsewhere = tmp_path / "again"
    shutil.copytree(edition / "tei", elsewhere / "tei")
    shutil.copy(edition / "editio.toml", elsewhere / "editio.toml")
    build(elsewhere, monkeypatch, "first")
    for path in (edition / "build" / "metadata").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (elsewhere / path.relative_to(edition)).read_bytes(), path


def test_a_partial_build_deletes_nothing(edition, monkeypatch):
    build(edition, monkeypatch, "first")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAYS["second"][0])
    build_edition([edition / "tei" / "minimal.xml"], out=edition / "build", only=["metadata"], validate=False)
    history = json.loads((edition / "build" / "metadata" / "record-history.json").read_text(encoding="utf-8"))
    assert "digest" in history["records"]["letter-to-the-workers-of-western-europe"]  # kept, not deleted
    assert set(catalogue(edition)) == {"minimal"}


def test_a_change_dated_in_the_future_is_reported_with_file_line_and_rule(edition):
    from editio.edition import load_edition, today
    from editio.validation import validate_edition

    letter = next((edition / "tei").glob("letter-*.xml"))
    text = letter.read_text(encoding="utf-8")
    future = f"{int(today()[:4]) + 5}-06-01"
    letter.write_text(re.sub(r'<change when="[^"]*"', f'<change when="{future}"', text, count=1), encoding="utf-8")
    line = next(number for number, content in enumerate(letter.read_text(encoding="utf-8").splitlines(), 1)
                if future in content)
    (edition / "tei" / "minimal.xml").unlink()
    # The schemas linked, not copied (no test here edits them): editio keeps a compiled schema by its
    # real path, once per process and in the per-user cache, so a copy would be compiled afresh.
    (edition / "schema").symlink_to(TEI_DIR.parent / "schema")
    report = validate_edition(load_edition([edition / "tei"]))
    found = [(p.file, p.line, p.rule) for p in report.problems if p.severity == "error"]
    assert found == [(str(letter), line, "change-not-in-future")]
