"""The per-user cache (``user_cache.py``) of web-font subsets and compiled XML Schemas: the same bytes as
made afresh, a changed input never served stale, a damaged entry only made again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editio import user_cache, webfonts
from editio.documents import parse_document
from editio.validators import xsd

TEI = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p n="%s">x</p></body></text></TEI>"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("EDITIO_CACHE_DIR", str(folder))
    return folder


def test_an_entry_is_read_back_and_a_damaged_one_is_a_miss(cache_dir):
    user_cache.write("kind", "entry", b"bytes")
    assert user_cache.read("kind", "entry") == b"bytes"
    path = cache_dir / "kind" / "entry"
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    assert user_cache.read("kind", "entry") is None
    path.write_bytes(b"short")
    assert user_cache.read("kind", "entry") is None


def test_the_cache_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv("EDITIO_CACHE_DIR", "off")
    user_cache.write("kind", "entry", b"bytes")
    assert user_cache.read("kind", "entry") is None


def test_pickles_are_not_read_from_a_folder_others_may_write(cache_dir):
    user_cache.write("kind", "entry", b"bytes")
    os.chmod(cache_dir / "kind", 0o777)
    assert user_cache.read("kind", "entry", trusted=True) is None
    assert user_cache.read("kind", "entry") == b"bytes"


def test_keys_do_not_collide_when_parts_are_regrouped():
    assert user_cache.key("ab", "c") != user_cache.key("a", "bc")


def test_the_least_recently_used_entries_are_dropped_beyond_the_limit(cache_dir, monkeypatch):
    monkeypatch.setattr(user_cache, "LIMIT", 3)
    for number in range(5):
        user_cache.write("kind", f"e{number}", b"x")
        os.utime(cache_dir / "kind" / f"e{number}", ns=(number * 10**9, number * 10**9))
    user_cache.write("kind", "last", b"x")
    assert sorted(p.name for p in (cache_dir / "kind").iterdir()) == ["e3", "e4", "last"]


@pytest.mark.slow
def test_a_font_subset_from_the_cache_is_the_subset_made_afresh_and_never_stale(cache_dir):
    face = webfonts.FONT_DIR / webfonts.FACES["eb-garamond-italic.woff2"]
    points = tuple(sorted(webfonts.ALWAYS))
    webfonts._subset.cache_clear()
    try:
        made = webfonts._subset(face, points)  # made afresh, and kept
        (entry,) = (cache_dir / webfonts.CACHE_KIND).iterdir()
        webfonts._subset.cache_clear()
        assert webfonts._subset(face, points) == made
        # more characters: another entry, another subset
        webfonts._subset.cache_clear()
        wider = tuple(sorted({*points, ord("ß")}))
        assert webfonts._subset(face, wider) != made
        assert len(list((cache_dir / webfonts.CACHE_KIND).iterdir())) == 2
        # a damaged entry is made again, the same bytes
        entry.write_bytes(entry.read_bytes()[:100])
        webfonts._subset.cache_clear()
        assert webfonts._subset(face, points) == made
        assert user_cache.read(webfonts.CACHE_KIND, entry.name) == made
    finally:
        webfonts._subset.cache_clear()


def _schema(folder: Path, pattern: str) -> Path:
    (folder / "types.xsd").write_text(f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="number"><xs:restriction base="xs:string"><xs:pattern value="{pattern}"/></xs:restriction></xs:simpleType>
</xs:schema>""")
    main = folder / "main.xsd"
    main.write_text("""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:vc="http://www.w3.org/2007/XMLSchema-versioning"
    vc:minVersion="1.1" targetNamespace="http://www.tei-c.org/ns/1.0" xmlns:tei="http://www.tei-c.org/ns/1.0"
    elementFormDefault="qualified">
  <xs:include schemaLocation="types.xsd"/>
  <xs:element name="TEI"><xs:complexType><xs:sequence>
    <xs:element name="teiHeader"/>
    <xs:element name="text"><xs:complexType><xs:sequence><xs:element name="body"><xs:complexType><xs:sequence>
      <xs:element name="p"><xs:complexType><xs:simpleContent><xs:extension base="xs:string">
        <xs:attribute name="n" type="tei:number"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>""")
    return main


def _errors(schema_path: Path, n: str) -> int:
    document = parse_document(TEI % n.encode(), "letter.xml")
    return len(xsd.compile_schema(schema_path).check(document))


def test_a_compiled_schema_from_the_cache_checks_as_the_compiled_one(cache_dir, tmp_path):
    main = _schema(tmp_path, "[0-9]+")
    assert (_errors(main, "12"), _errors(main, "x")) == (0, 1)
    assert len(list((cache_dir / xsd.CACHE_KIND).iterdir())) == 1
    assert xsd._cached(xsd._entry(main)) is not None  # the second and third checks read it
    assert (_errors(main, "12"), _errors(main, "x")) == (0, 1)


def test_a_changed_include_is_never_served_from_the_cache(cache_dir, tmp_path):
    main = _schema(tmp_path, "[0-9]+")
    assert _errors(main, "x") == 1
    _schema(tmp_path, "[a-z]+")  # the main file is unchanged, its include is not
    assert xsd._cached(xsd._entry(main)) is None
    assert (_errors(main, "x"), _errors(main, "12")) == (0, 1)


def test_a_damaged_schema_entry_is_compiled_again(cache_dir, tmp_path):
    main = _schema(tmp_path, "[0-9]+")
    assert _errors(main, "x") == 1
    (entry,) = (cache_dir / xsd.CACHE_KIND).iterdir()
    entry.write_bytes(entry.read_bytes()[:-10])
    assert _errors(main, "x") == 1


def test_the_folder_follows_xdg_and_is_never_relative(monkeypatch, tmp_path):
    monkeypatch.delenv("EDITIO_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache.folder() == tmp_path / "editio"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache.folder() == tmp_path / "home" / ".cache" / "editio"
    monkeypatch.setenv("HOME", "not-absolute")
    assert user_cache.folder() is None
