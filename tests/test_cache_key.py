"""The build cache is always correct (issue 13, item 5): every byte an output depends on is in its key,
and one builder's entry holds only that builder's files."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, TEI_DIR
from editio import builders, cache, transform
from editio.builders import site
from editio.build import Builder, Output, build_edition

LETTER_NAME = "letter-to-the-workers-of-western-europe.xml"


@pytest.fixture
def edition(tmp_path, monkeypatch):
    """A copy of the edition, its settings and its stylesheets, built once into ``out``. The build cache
    reads the copied stylesheets (and the site its assets) so that a test may edit them; the stylesheets
    stay compiled from the originals, byte for byte the same files until a test edits an asset."""
    shutil.copytree(TEI_DIR, tmp_path / "edition" / "tei")
    shutil.copy(ROOT / "editio.toml", tmp_path / "edition")
    styles = tmp_path / "xslt"
    shutil.copytree(transform.XSLT_DIR, styles)
    monkeypatch.setattr(cache, "XSLT_DIR", styles)
    monkeypatch.setattr(site, "ASSETS_DIR", styles / "assets")
    cache.stylesheets_digest.cache_clear()
    yield tmp_path
    cache.stylesheets_digest.cache_clear()


def rebuild(tmp_path):
    cache.stylesheets_digest.cache_clear()  # a new process would read the stylesheets again
    return build_edition([tmp_path / "edition" / "tei"], out=tmp_path / "out", only=["html"], validate=False)


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES = {
    "a comment before the root": ("edition/tei/" + LETTER_NAME, "<TEI ", "<!-- a new comment -->\n<TEI "),
    "a processing instruction in the prolog": ("edition/tei/" + LETTER_NAME, "<TEI ", "<?editio note?>\n<TEI "),
    "the XML declaration": ("edition/tei/" + LETTER_NAME, '<?xml version="1.0" encoding="UTF-8"?>',
                            "<?xml version='1.0' encoding='UTF-8'?>"),
    "a comment in the text": ("edition/tei/" + LETTER_NAME, "<body>", "<body><!-- seen -->"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_any_byte_of_a_source_is_published(edition, change):
    name, old, new = CHANGES[change]
    rebuild(edition)
    edit(edition / name, old, new)
    report = rebuild(edition)
    assert report.cached == []
    assert (edition / "out/html/tei" / LETTER_NAME).read_bytes() == (edition / name).read_bytes()


@pytest.mark.parametrize("name, old, new, output", [
    ("edition/editio.toml", "a digital edition", "a changed edition", "index.html"),
    ("edition/tei/register.xml", "<forename>Pëtr Alekseevič</forename>", "<forename>Pjotr Alexejewitsch</forename>",
     "register/persons.html"),
    ("xslt/assets/edition.css", "}", "} /* changed */", "assets/edition.css"),
], ids=["settings", "register", "stylesheet"])
def test_a_change_to_settings_register_or_stylesheet_is_published(edition, name, old, new, output):
    rebuild(edition)
    before = (edition / "out/html" / output).read_bytes()
    edit(edition / name, old, new)
    assert rebuild(edition).cached == []
    after = (edition / "out/html" / output).read_bytes()
    assert after != before
    rebuild(edition)  # (record dates keep a history: whether this one replays is the cache's business)
    assert (edition / "out/html" / output).read_bytes() == after, "an unchanged edition gives the same output"


class LinkedBuilder(Builder):
    name = folder = "linked"
    in_site = True

    def collect(self, run):
        yield Output("linked.txt", b"made by the probe")


def test_a_cache_entry_holds_only_its_own_builders_files(edition, monkeypatch):
    monkeypatch.setitem(builders.BUILDERS, "linked", LinkedBuilder)
    out = edition / "out"
    build_edition([edition / "edition/tei"], out=out, only=["linked", "html"], validate=False)
    assert (out / "html/linked/linked.txt").is_file(), "the site carries the linked builder's files"
    # the site keeps its files per document and per edition-wide page (edition_pages.py), never in an
    # entry of the whole builder, and none of its entries holds the linked builder's files
    assert not (out / ".cache/html").exists()
    rows = [row for entry in (out / ".cache/documents").iterdir()
            for row in json.loads(entry.read_bytes())["files"]]
    assert any(name == "html" and path == "index.html" for name, path, _, _ in rows)
    assert not any(path.startswith("linked/") for _, path, _, _ in rows)
