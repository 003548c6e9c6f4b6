"""The live preview survives what editors' machines do (issue 13, item 12): a failing disk, an edition
never built, a build folder elsewhere, an edit that keeps a file's size and time."""

from __future__ import annotations

import errno
import os
import time
import urllib.request

import pytest

from conftest import LETTER, edition_copy
from editio import preview
from editio.config import load_config
from editio.preview import Watcher

pytest.register_assert_rewrite("oai_support")
from oai_support import LiveServer  # noqa: E402


@pytest.fixture
def edition(tmp_path):
    return edition_copy(tmp_path / "edition")


def wait_for(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_an_io_error_is_shown_and_the_rebuild_retried_without_an_edit(edition, monkeypatch):
    monkeypatch.setattr(preview, "POLL_SECONDS", 0.05)
    monkeypatch.setattr(preview, "RETRY_SECONDS", 0.1)
    disk = {"full": True, "builds": 0}

    def rebuild():
        disk["builds"] += 1
        if disk["full"]:
            raise OSError(errno.ENOSPC, "No space left on device", str(edition / "build" / "html" / "x.html"))

    logged: list[str] = []
    watcher = Watcher(load_config(edition), rebuild=rebuild, log=logged.append)
    thread = watcher.run_in_background()
    try:
        assert wait_for(lambda: disk["builds"] >= 1 and not watcher.state.ok)
        assert "No space left on device" in watcher.state.problems[0] and "x.html" in watcher.state.problems[0]
        assert wait_for(lambda: disk["builds"] >= 3), "the rebuild is tried again"
        assert thread.is_alive(), "the watcher survives the error"
        disk["full"] = False
        assert wait_for(lambda: watcher.state.ok), "space freed: the next retry succeeds"
        builds = disk["builds"]
        time.sleep(0.3)  # three retry intervals
        assert disk["builds"] == builds, "once it succeeded, nothing is rebuilt until something changes"
    finally:
        watcher.stop()


def test_an_edit_that_keeps_size_and_time_is_seen(edition):
    watcher = Watcher(load_config(edition), rebuild=lambda: None)
    assert watcher.check()
    letter = edition / "tei" / LETTER.name
    before = letter.stat()
    text = letter.read_text(encoding="utf-8")
    assert "principal points" in text
    letter.write_text(text.replace("principal points", "principal pounds", 1), encoding="utf-8")
    os.utime(letter, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert letter.stat().st_size == before.st_size and letter.stat().st_mtime_ns == before.st_mtime_ns
    assert watcher.check(), "the edit is rebuilt"


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as reply:
        return reply.read()


@pytest.mark.slow
def test_the_preview_builds_an_edition_never_built_and_watches_it_with_a_build_folder_elsewhere(edition, tmp_path):
    outside = tmp_path / "elsewhere"
    server = LiveServer(edition, ["--watch", "--build", str(outside)], timeout=120)
    try:
        page = fetch(server.url + LETTER.stem + ".html")
        assert b"principal points" in page and (outside / "html").is_dir()
        letter = edition / "tei" / LETTER.name
        letter.write_text(letter.read_text(encoding="utf-8").replace("principal points", "principal matters", 1),
                          encoding="utf-8")
        assert wait_for(lambda: b"principal matters" in fetch(server.url + LETTER.stem + ".html"), 60)
        assert not (edition / "build" / "html").exists(), "the build folder given is the one built"
    finally:
        server.stop()
