"""`editio serve --watch`: rebuild on change, reload the open pages, show what stopped a rebuild."""

from __future__ import annotations

import json
import shutil
import threading
import time

import pytest

from conftest import LETTER, edition_copy
from editio import cache, preview, transform
from editio.config import load_config
from editio.preview import SCRIPT_PATH, STATE_PATH, LivePreview, Watcher
from editio.server import create_app

PAGE = f"/{LETTER.stem}.html"


@pytest.fixture
def edition(tmp_path):
    """A copy of the edition (sources, settings) that the test may edit, with its schemas."""
    return edition_copy(tmp_path)


def get(app, path: str) -> tuple[str, dict, bytes]:
    reply = {}
    body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.url_scheme": "http",
                         "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80"},
                        lambda status, headers, exc_info=None: reply.update(status=status, headers=dict(headers))))
    return reply["status"], reply["headers"], body


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_preview_rebuilds_on_change_and_keeps_the_last_good_build(edition):
    logged: list[str] = []
    watcher = Watcher(load_config(edition), log=logged.append)
    assert watcher.check() and watcher.state.ok and watcher.state.generation == 1
    app = LivePreview(create_app(edition / "build"), watcher)

    status, headers, page = get(app, PAGE)
    assert status == "200 OK" and f'<script src="{SCRIPT_PATH}"></script></body>'.encode() in page
    assert "ETag" not in headers and int(headers["Content-Length"]) == len(page)
    assert SCRIPT_PATH.encode() not in (edition / "build" / "html" / PAGE[1:]).read_bytes(), \
        "the built file itself stays as editio build makes it"
    assert not watcher.check(), "nothing changed, nothing rebuilt"

    letter = edition / "tei" / LETTER.name
    edit(letter, "indicate only the principal points", "indicate only the principal matters")
    time.sleep(0.01)
    assert watcher.check() and watcher.state.generation == 2 and watcher.state.ok
    assert b"principal matters" in get(app, PAGE)[2]

    edit(letter, '<date when="1905">1905</date>', '<date when="1905-13">1905</date>')
    assert watcher.check() and not watcher.state.ok and watcher.state.generation == 2
    state = json.loads(get(app, STATE_PATH)[2])
    assert state["ok"] is False and any("[xsd-iso-date]" in p and f"{LETTER.name}:" in p for p in state["problems"])
    assert b"principal matters" in get(app, PAGE)[2], "the previous build is still served"
    assert any("rebuild failed" in line for line in logged)

    edit(letter, '<date when="1905-13">1905</date>', '<date when="1905">1905</date>')
    assert watcher.check() and watcher.state.ok and watcher.state.generation == 3
    assert get(app, SCRIPT_PATH)[1]["Content-Type"].startswith("text/javascript")


@pytest.mark.browser
def test_an_open_page_reloads_itself_after_an_edit(edition, chromium):
    from waitress import create_server

    watcher = Watcher(load_config(edition), log=lambda line: None)
    watcher.check()
    server = create_server(LivePreview(create_app(edition / "build"), watcher), host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    watcher.run_in_background()
    page = chromium.new_page()  # in a context of its own
    try:
        page.goto(f"http://127.0.0.1:{server.effective_port}{PAGE}")
        assert "principal points" in page.inner_text("main")
        edit(edition / "tei" / LETTER.name, "the principal points", "the principal matters")
        # A locator, not a function: the page's Content-Security-Policy forbids evaluating strings.
        page.locator("main", has_text="principal matters").wait_for(timeout=20_000)
        edit(edition / "tei" / LETTER.name, '<date when="1905">', '<date when="1905-13">')
        page.wait_for_selector("aside[role=alert]", timeout=20_000)
        assert "xsd-iso-date" in page.inner_text("aside[role=alert]")
    finally:
        page.close()
        watcher.stop()
        server.close()


# Last in the module: afterwards this process compiles the stylesheets again, which the tests above
# share with each other.
@pytest.fixture
def own_stylesheets(tmp_path, monkeypatch):
    """A copy of the stylesheets that the test may edit, compiled and digested from there; afterwards
    this process compiles the originals again."""
    styles = tmp_path / "xslt"
    shutil.copytree(transform.XSLT_DIR, styles)
    for module in (transform, cache, preview):
        monkeypatch.setattr(module, "XSLT_DIR", styles)
    yield styles
    monkeypatch.undo()
    transform.stylesheet.cache_clear()
    cache.stylesheets_digest.cache_clear()


@pytest.mark.slow
def test_a_rebuild_compiles_again_only_an_edited_stylesheet(edition, own_stylesheets):
    watcher = Watcher(load_config(edition), log=lambda line: None)
    assert watcher.check() and watcher.state.ok
    app = LivePreview(create_app(edition / "build"), watcher)
    compiled = transform.stylesheet("html.xsl")

    edit(edition / "tei" / LETTER.name, "indicate only the principal points", "indicate only the principal matters")
    time.sleep(0.01)
    assert watcher.check() and watcher.state.ok
    assert b"principal matters" in get(app, PAGE)[2]
    assert transform.stylesheet("html.xsl") is compiled, "an edited source keeps the compiled stylesheets"

    edit(own_stylesheets / "html" / "shell.xsl", ">Skip to the content<", ">Skip to the edited text<")
    assert watcher.check() and watcher.state.ok and watcher.state.generation == 3
    page = get(app, PAGE)[2]
    assert b"Skip to the edited text" in page and b"principal matters" in page
    assert transform.stylesheet("html.xsl") is not compiled, "an edited stylesheet is compiled again"
