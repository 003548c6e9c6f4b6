"""The build cache at corpus scale: a blob store swept only once a tenth of it may be unused, the cache
moved (not relinked) into each new build, and a corpus's retired build removed by a process of its own."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from editio.cache import CACHE_FOLDER, BlobStore
from editio.output_folder import OutputFolder


def _linked_blobs(out, count: int, start: int = 0) -> tuple[BlobStore, list[Path]]:
    store = BlobStore(out)
    (out / "html").mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = out / "html" / f"{number}.html"
        store.place(f"page {number}".encode(), path)
        paths.append(path)
    return store, paths


def _blob_count(out) -> int:
    return sum(1 for p in (out / CACHE_FOLDER / "blobs").rglob("*") if p.is_file() and len(p.name) == 64)


def test_the_blob_store_is_swept_once_a_tenth_of_it_may_be_unused(tmp_path):
    store, pages = _linked_blobs(tmp_path, 20)
    store.prune()  # the first sweep counts what is kept
    assert _blob_count(tmp_path) == 20
    for page in pages[:5]:  # five outputs gone: their blobs are unused
        page.unlink()
    one, _ = _linked_blobs(tmp_path, 1, start=100)
    one.prune()  # 1 blob added since the sweep, 20 kept: not yet
    assert _blob_count(tmp_path) == 21
    another, _ = _linked_blobs(tmp_path, 1, start=200)
    another.prune()  # 2 added: a tenth of 20, swept
    assert _blob_count(tmp_path) == 17


def test_a_new_build_takes_the_cache_over_and_a_corpus_build_retires_the_old_one_in_the_background(tmp_path):
    out = tmp_path / "out"
    folder = OutputFolder(out)
    folder.check()
    folder.claim()
    (out / CACHE_FOLDER / "blobs").mkdir(parents=True)
    (out / CACHE_FOLDER / "blobs" / "kept").write_text("cache")
    (out / "html").mkdir()
    (out / "html" / "old.html").write_text("old")
    cache_inode = (out / CACHE_FOLDER / "blobs" / "kept").stat().st_ino
    with folder.generation(["html"], retire_in_background=True) as staging:
        (staging / "html").mkdir()
        (staging / "html" / "new.html").write_text("new")
    assert (out / "html" / "new.html").read_text() == "new" and not (out / "html" / "old.html").exists()
    assert (out / CACHE_FOLDER / "blobs" / "kept").stat().st_ino == cache_inode  # moved, the same file
    deadline = time.monotonic() + 20
    while [p for p in tmp_path.iterdir() if "staging" in p.name] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


@pytest.mark.slow
def test_a_corpus_build_takes_the_retired_build_over_and_rewrites_only_what_changed(tmp_path, monkeypatch):
    """A corpus's build keeps the build it replaces as the next one's spare: the next build links only
    the files whose bytes changed, removes those it no longer makes, and holds what a fresh build
    holds; a spare changed since it was kept is not taken over."""
    from corpus_support import output_tree, synthetic_corpus
    from editio import cache, executor
    from editio.build import build_edition

    monkeypatch.setattr(executor, "POOL_THRESHOLD", 3)  # a corpus, for the build's purposes
    letters = synthetic_corpus(tmp_path / "letters", 4)
    out = tmp_path / "out"
    linked: list[str] = []
    link = cache.BlobStore.link
    monkeypatch.setattr(cache.BlobStore, "link", lambda self, digest, path: linked.append(path) or link(self, digest, path))

    def build(folder=out, **options) -> int:
        linked.clear()
        build_edition([letters], out=folder, only=["html", "text"], validate=False, jobs=1, **options)
        return len(linked)

    def change(index: int, words: str) -> None:
        letter = sorted((letters / "letters").glob("*.xml"))[index]
        letter.write_text(letter.read_text(encoding="utf-8").replace("</p>", f" {words}</p>", 1), encoding="utf-8")

    everything = build()
    change(0, "Zwischenruf")
    assert build() >= everything * 0.9  # no spare yet: every file linked into a fresh folder
    assert (tmp_path / ".out.spare").is_dir()
    change(1, "Nachtrag")
    taken_over = build()  # the spare (the first build) taken over: the two changed letters' files
    assert 0 < taken_over < everything * 0.1
    sorted((letters / "letters").glob("*.xml"))[2].unlink()
    build()
    build(tmp_path / "fresh", fresh=True)

    def published(tree):  # the record history continues the folder's own history
        return {path: content for path, content in tree.items() if not path.endswith("record-history.json")}
    assert published(output_tree(out)) == published(output_tree(tmp_path / "fresh"))

    (tmp_path / ".out.spare" / "html" / "stray.html").write_text("not editio's")
    change(0, "Postskriptum")
    assert build() >= everything * 0.5  # a changed spare is set aside: a fresh folder
    assert not (out / "html" / "stray.html").exists()
