"""The web edition in a real headless Chromium (Debian's), from a loopback web server and from
file://: it loads cleanly and offline, its reading switch and name cards work with mouse and
keyboard, register links land on their entry, axe-core finds no serious problem. Screenshots of
the letter page go to test-artifacts/."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LETTER = "letter-to-the-workers-of-western-europe.html"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def site(build_outputs) -> Path:
    return build_outputs("html") / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(site):
    """The site served on 127.0.0.1 by the standard library, on a free port."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page in a fresh context, with every console error, failed request and request made."""

    def __init__(self, browser, url: str, **context) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}"))
        self.page.goto(url, wait_until="load")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_page(url: str, **context) -> Visit:
        opened.append(Visit(browser, url, **context))
        return opened[-1]

    yield open_page
    for item in opened:
        item.close()


def paragraph_text(page, paragraph_id: str) -> str:
    return " ".join(page.inner_text(f"#{paragraph_id}").split())


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_the_letter_loads_cleanly_and_offline(visit, server, site, scheme):
    url = server + LETTER if scheme == "http" else (site / LETTER).as_uri()
    seen = visit(url)
    assert seen.errors == [] and seen.failed == []
    local = ("http://127.0.0.1:", "file://") if scheme == "http" else ("file://",)
    assert all(r.startswith(local) for r in seen.requests), [r for r in seen.requests if not r.startswith(local)]
    assert {urlsplit(r).path.rsplit("/", 1)[-1] for r in seen.requests} >= {LETTER, "edition.css", "edition.js"}
    assert seen.page.evaluate("getComputedStyle(document.body).fontFamily") != ""


def test_every_page_of_the_site_loads_without_errors(visit, server, site):
    for path in sorted(site.rglob("*.html")):
        seen = visit(server + path.relative_to(site).as_posix())
        assert seen.errors == [] and seen.failed == [], path


def test_the_reading_switch_changes_the_visible_text(visit, server):
    page = visit(server + LETTER).page
    assert "say and learn" in paragraph_text(page, "ltw-p01")
    page.click("label:has(#reading-diplomatic)")
    assert "say an learn" in paragraph_text(page, "ltw-p01")
    assert "Baboeuf" in paragraph_text(page, "ltw-p11") and "Babeuf" not in paragraph_text(page, "ltw-p11")
    page.click("label:has(#reading-corrected)")
    assert "say and learn" in paragraph_text(page, "ltw-p01")


def test_the_reading_switch_works_from_the_keyboard_and_is_remembered(visit, server):
    seen = visit(server + LETTER)
    page = seen.page
    page.focus("#reading-corrected")
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#reading-diplomatic")
    assert "say an learn" in paragraph_text(page, "ltw-p01")
    page.goto(server + LETTER)
    assert page.is_checked("#reading-diplomatic"), "the chosen reading is remembered across pages"
    assert "say an learn" in paragraph_text(page, "ltw-p01")


def test_the_reading_switch_works_without_script(visit, server):
    page = visit(server + LETTER, java_script_enabled=False).page
    page.click("label:has(#reading-diplomatic)")
    assert "say an learn" in paragraph_text(page, "ltw-p01")


def test_the_other_reading_shows_on_focus(visit, server):
    page = visit(server + LETTER).page
    choice = page.locator("#ltw-p01 .choice")
    info = page.locator("#ltw-p01 .choice-info")
    assert not info.is_visible()
    choice.focus()
    assert info.is_visible() and "an" in info.inner_text() and "and" in info.inner_text()
    page.mouse.move(0, 0)
    page.locator("#ltw-p02 .choice").first.hover()
    assert page.locator("#ltw-p02 .choice-info").first.is_visible()


def test_a_name_opens_its_card_from_keyboard_and_mouse(visit, server):
    page = visit(server + LETTER).page
    card = page.locator("#card-kropotkin")
    assert card.is_hidden()
    # Tab from the top of the page until a name link has the focus.
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('data-card')"):
            break
    focused = page.evaluate("document.activeElement.getAttribute('data-card')")
    assert focused, "no name link is reachable with Tab"
    assert page.locator(f"#{focused}").is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == focused
    page.keyboard.press("Escape")
    assert page.locator(f"#{focused}").is_hidden()
    page.hover("#ltw-p01 a[data-card='card-russia']")
    russia = page.locator("#card-russia")
    assert russia.is_visible() and "Russia" in russia.inner_text()


def test_a_register_link_lands_on_its_entry(visit, server):
    page = visit(server + LETTER).page
    page.click("#ltw-p01 a[href$='#russia']")
    page.wait_for_url("**/register/places.html#russia")
    assert page.evaluate("document.querySelector(':target').id") == "russia"
    assert page.locator("#russia h2").inner_text() == "Russia"
    assert page.locator("#russia h2").is_visible()
    page.click("#russia .occurrences a[href$='#ltw-p01']")
    page.wait_for_url(f"**/{LETTER}#ltw-p01")
    assert page.evaluate("document.querySelector(':target').id") == "ltw-p01"


def test_cite_this_paragraph(visit, server):
    page = visit(server + LETTER).page
    page.click("#ltw-p03 .pnum")
    box = page.locator(".cite-card")
    assert box.is_visible()
    citation = box.locator("p").inner_text()
    assert "¶ 3" in citation and citation.endswith(f"/{LETTER}#ltw-p03.")
    page.keyboard.press("Escape")
    assert page.locator(".cite-card").count() == 0


@pytest.mark.parametrize("path", [LETTER, f"about/{LETTER}", "register/persons.html", "index.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_accessibility_problem(visit, server, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = visit(server + path, color_scheme=scheme).page
    results = Axe().run(page)
    serious = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_screenshots_of_the_letter_on_a_desktop_and_a_phone(visit, server):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in (("desktop", {"width": 1366, "height": 900}), ("phone", {"width": 390, "height": 844})):
        page = visit(server + LETTER, viewport=viewport).page
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: the page scrolls sideways by {overflow}px"
        path = ARTIFACTS / f"letter-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
