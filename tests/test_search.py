"""Full-text search (builders/search.py, xslt/html/search.xsl, assets/search.js): the Pagefind index
made at build time from the reading pages, the facets the pages carry, the cache that replays the
index only while no page can have changed, and a real Chromium finding letters by a word and by a
correspondent, under the site's Content-Security-Policy, from editio's own server."""

from __future__ import annotations

import gzip
import json
import shutil
import threading
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from corpus_support import output_tree
from web_support import parse_page

LETTERS = FIXTURES / "search-letters"
ARTIFACTS = ROOT / "test-artifacts"
INDEX_PREFIX = b"pagefind_dcd"


def build(source: Path, out: Path, only=("html", "metadata", "search"), **options):
    from editio.build import build_edition

    return build_edition([source], out=out, only=list(only), validate=False, **options)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("search-build")
    build(LETTERS, out)
    return out


def fragments(site: Path) -> dict[str, dict]:
    """The indexed pages by URL: Pagefind's fragments (gzip'd JSON after a signature) read back."""
    read = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(INDEX_PREFIX)
        page = json.loads(data[len(INDEX_PREFIX):])
        read[page["url"]] = page
    return read


def marks(page: Path, kind: str) -> dict[str, list[str]]:
    """The hidden search marks of a page: ``data-pagefind-<kind>`` name → values."""
    found: dict[str, list[str]] = {}
    for element in parse_page(page).xpath(f"//*[@data-pagefind-{kind}]"):
        found.setdefault(element.get(f"data-pagefind-{kind}"), []).append(element.text_content())
    return found


# The pages ----------------------------------------------------------------------------------------

def facets_of(profile: str) -> dict[str, list[str]]:
    """The facets the reading page of a document with ``profile`` (a profileDesc's content) carries,
    rendered at template level (tests/xslt_support.py)."""
    import lxml.html

    from xslt_support import render

    header = ('<teiHeader><fileDesc><titleStmt><title>A Letter</title></titleStmt><publicationStmt><publisher>P'
              f'</publisher></publicationStmt><sourceDesc><bibl>Made for a test</bibl></sourceDesc></fileDesc>'
              f'<profileDesc>{profile}</profileDesc></teiHeader>')
    page = render("html.xsl", "<p>Text.</p>", header=header, has_search=True,
                  select_path="/ed:edition/ed:document[1]/tei:TEI").text
    found: dict[str, list[str]] = {}
    for element in lxml.html.fromstring(page).xpath("//*[@data-pagefind-filter]"):
        found.setdefault(element.get("data-pagefind-filter"), []).append(element.text_content())
    return found


SENT = '<correspDesc><correspAction type="sent"><persName>{who}</persName>{date}</correspAction></correspDesc>'


@pytest.mark.parametrize("date, years", [
    ('<date when="1920-06-10"/>', ["1920"]),
    ('<date notBefore="1919-03" notAfter="1920-06-10"/>', ["1919", "1920"]),  # every year it may be of
    ('<date from="1900" to="1915"/>', ["1900", "1915"]),  # a span over a decade: its ends
    ('<date>undated</date>', []),
])
def test_the_year_facet_follows_the_sent_date(date, years):
    assert facets_of(SENT.format(who="Ida Schreiber", date=date)).get("year", []) == years


def test_an_uncertain_sent_date_gives_way_to_the_span_of_writing():
    profile = (SENT.format(who="Ida Schreiber", date='<date when="1920-06-10" cert="low"/>')
               + '<creation><date notBefore="1918-11" notAfter="1920-06"/></creation>')
    assert facets_of(profile)["year"] == ["1918", "1919", "1920"]


def test_correspondents_languages_and_type_read_as_a_reader_expects():
    profile = SENT.format(who="Schreiber, Ida", date="") + '<langUsage><language ident="fr"/></langUsage>'
    assert facets_of(profile) == {"correspondent": ["Ida Schreiber"], "language": ["French"], "type": ["Letter"]}
    named = SENT.format(who="Ida", date="") + '<langUsage><language ident="deu">Deutsch</language></langUsage>'
    assert facets_of(named)["language"] == ["Deutsch"]  # the header's own name for it
    assert facets_of("") == {"type": ["Text"]}  # no correspondence: a text, and no letter facets


def test_a_letter_page_carries_its_facets_from_the_header(built):
    site = built / "html"
    assert marks(site / "sl-001.html", "filter") == {
        "year": ["1901"], "correspondent": ["Ida Schreiber", "Lene Freund"], "language": ["German"],
        "type": ["Letter"]}
    assert marks(site / "sl-002.html", "filter")["type"] == ["Postcard"]
    assert marks(site / "sl-003.html", "filter")["language"] == ["English"]
    assert marks(site / "sl-003.html", "meta") == {
        "title": ["Letter from Ida Schreiber to Tom Gardener, 14 March 1910"], "date": ["14 March 1910"]}


def test_only_the_reading_text_is_marked_as_the_body(built):
    site = built / "html"
    page = parse_page(site / "sl-001.html")
    assert [e.tag for e in page.xpath("//*[@data-pagefind-body]")] == ["article"]
    ignored = page.xpath("//article//*[@data-pagefind-ignore]/@class")
    assert {"search-marks", "document-meta", "reading-tools"} <= set(ignored)
    for other in ("index.html", "about/sl-001.html", "register/persons.html", "search.html"):
        assert not parse_page(site / other).xpath("//*[@data-pagefind-body]"), other


def test_every_page_links_to_the_search_page(built):
    site = built / "html"
    for page in ("index.html", "sl-001.html", "about/sl-001.html", "register/persons.html"):
        links = parse_page(site / page).xpath("//nav[@class='site-nav']//a/@href")
        assert any(link.endswith("search.html") for link in links), page
    search = parse_page(site / "search.html")
    assert search.xpath("//form[@role='search']//input[@name='q']")
    assert search.xpath("//select/@data-facet") == ["year", "correspondent", "language", "type"]
    assert search.xpath("//script/@src") == ["assets/edition.js", "assets/search.js"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "sl-001.html" in sitemap and "search.html" not in sitemap


@pytest.mark.slow
def test_the_search_page_and_a_marked_letter_page_are_valid_html(built):
    from web_support import vnu_errors

    site = built / "html"
    assert vnu_errors([site / "search.html", site / "sl-001.html"]) == ""


def test_a_site_built_without_search_has_no_trace_of_it(tmp_path):
    build(LETTERS, tmp_path, only=("html",))
    site = tmp_path / "html"
    assert not (site / "search.html").exists() and not (site / "pagefind").exists()
    page = parse_page(site / "sl-001.html")
    assert not page.xpath("//*[@data-pagefind-body or @data-pagefind-filter]")
    assert not any(link.endswith("search.html") for link in page.xpath("//a/@href"))


# The index ----------------------------------------------------------------------------------------

def test_the_index_holds_the_reading_pages_with_their_text_and_facets(built):
    site = built / "html"
    assert json.loads((site / "pagefind" / "pagefind-entry.json").read_bytes())["languages"]["en"]["page_count"] == 3
    pages = fragments(site)
    assert set(pages) == {"/sl-001.html", "/sl-002.html", "/sl-003.html"}
    letter = pages["/sl-001.html"]
    assert "Der Apfelbaum im Garten blüht trotzdem" in letter["content"]
    assert letter["filters"] == {"year": ["1901"], "correspondent": ["Ida Schreiber", "Lene Freund"],
                                 "language": ["German"], "type": ["Letter"]}
    assert letter["meta"]["title"] == "Brief von Ida Schreiber an Lene Freund, 2. Mai 1901"
    # the page's own tools are not the text
    for chrome in ("Skip to the content", "Show in the text", "Cite this", "About this text"):
        assert chrome not in letter["content"], chrome


def test_the_index_is_in_the_site_and_beside_it(built):
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"):
        assert (built / "html" / "pagefind" / name).read_bytes() == (built / "pagefind" / name).read_bytes()
    assert not (built / "html" / "pagefind" / "pagefind-ui.js").exists()


def test_search_needs_the_web_edition_in_the_same_build(tmp_path):
    from editio.errors import EditioError

    with pytest.raises(EditioError, match=r"build both \(--only html,search\)"):
        build(LETTERS, tmp_path / "out", only=("search",))
    report = build(LETTERS, tmp_path / "out", only=("search", "html"))
    assert list(report.outputs) == ["html", "search"]
    assert "search: 1 index → " in report.summary() and "/pagefind" in report.summary()


def test_a_site_pagefind_cannot_index_is_one_line_naming_it(tmp_path):
    from editio.builders.search import render_search_index
    from editio.errors import BuildError

    with pytest.raises(BuildError) as failure:
        list(render_search_index(tmp_path))
    assert str(failure.value).startswith(f"{tmp_path}: error: the search index could not be made: ")
    assert "\n" not in str(failure.value)


# The cache ----------------------------------------------------------------------------------------

def test_the_index_is_replayed_while_no_page_changes_and_remade_when_one_does(tmp_path):
    source = tmp_path / "letters"
    shutil.copytree(LETTERS, source)
    out = tmp_path / "build"
    first = build(source, out)
    assert "search" not in first.cached
    first_index = output_tree(out / "pagefind")
    again = build(source, out)
    assert "search" in again.cached
    assert output_tree(out / "pagefind") == first_index

    letter = source / "sl-002.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("Aussicht vom Turm", "Aussicht vom Leuchtturm"),
                      encoding="utf-8")
    changed = build(source, out)
    assert "search" not in changed.cached
    content = fragments(out / "html")["/sl-002.html"]["content"]
    assert "Leuchtturm" in content and "vom Turm" not in content


def test_the_index_is_kept_under_the_pages_it_reads_when_a_source_changes_no_page(built, tmp_path):
    """A comment added to a letter changes its source (the builders' keys) but no web page: Pagefind
    is not run again, and the index is the one a fresh build makes (the module's, of the letters
    without the comment)."""
    source = tmp_path / "letters"
    shutil.copytree(LETTERS, source)
    out = tmp_path / "build"
    build(source, out)
    letter = source / "sl-002.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("<body>", "<body><!-- an editor's note -->", 1),
                      encoding="utf-8")
    again = build(source, out)
    assert "search" in again.cached
    assert again.stages["edition-wide pages made: search"] == 0 and again.stages["edition-wide pages kept: search"] > 0
    assert output_tree(out / "pagefind") == output_tree(built / "pagefind")


def test_the_index_is_byte_reproducible(built, tmp_path):
    again = tmp_path / "again"
    build(LETTERS, again, fresh=True)
    assert output_tree(again / "html" / "pagefind") == output_tree(built / "html" / "pagefind")
    assert any(name.startswith("filter/") for name in output_tree(built / "html" / "pagefind"))


def test_pagefind_alone_orders_facet_values_by_chance_and_the_builder_puts_them_in_one_order(built):
    """Pagefind 1.5 writes a facet's values in the order of a hash map seeded anew in each run; the
    builder sorts them (reproducible_index.py), keeping every value and page."""
    from editio.builders.reproducible_index import _decode, reproducible

    site = built / "html"
    runs = [dict(_pagefind_alone(site)) for _ in range(4)]
    orders = {tuple(sorted(name for name in run if name.startswith("filter/"))) for run in runs}
    assert len(orders) > 1, "Pagefind has become reproducible by itself: reproducible_index.py can go"
    made = [reproducible(run) for run in runs]
    assert all(run == made[0] for run in made)

    def facets(files: dict[str, bytes]) -> dict[str, dict[str, list[int]]]:
        return {facet[0]: {value: sorted(pages) for value, pages in facet[1]}
                for name, content in files.items() if name.startswith("filter/") for facet in [_decode(content)]}
    assert facets(made[0]) == facets(runs[0])
    assert set(facets(made[0])["year"]) == {"1901", "1902", "1910"}
    # what it cannot read, it leaves as Pagefind wrote it
    damaged = {**runs[0], next(n for n in runs[0] if n.startswith("filter/")): b"not gzip"}
    assert reproducible(damaged) == damaged


def _pagefind_alone(site: Path):
    import subprocess
    import tempfile

    from editio.builders.search import pagefind_executable

    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([str(pagefind_executable()), "--site", str(site), "--output-path", scratch, "--silent"],
                       check=True, timeout=120)
        for path in Path(scratch).rglob("*"):
            if path.is_file():
                yield path.relative_to(scratch).as_posix(), path.read_bytes()


# The policy ---------------------------------------------------------------------------------------

def test_the_policy_lets_the_site_compile_webassembly_and_nothing_more():
    from editio.headers import PAGE_POLICY, SCRIPT_POLICY, policy_for

    for policy in (PAGE_POLICY, SCRIPT_POLICY):
        script = policy.split("script-src", 1)[1].split(";")[0].split()
        assert script == ["'self'", "'wasm-unsafe-eval'"], policy
    # a worker runs under its script's policy: the search's reads the index from the site, nothing else
    assert policy_for("text/javascript; charset=utf-8") == SCRIPT_POLICY
    assert "default-src 'self'" in SCRIPT_POLICY and "frame-ancestors 'none'" in SCRIPT_POLICY
    assert "sandbox" in policy_for("application/json")


# In Chromium --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(built):
    """The fixture build served by editio's own application (its headers and policy) on loopback."""
    from waitress import create_server

    from editio.server import create_app

    server = create_server(create_app(built, secret=b"search-tests-secret-of-32-bytes!"), host="127.0.0.1",
                           port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}/"
    server.close()


# The search tests share one tab: a new tab, in a context of its own, costs a renderer process that
# compiles Pagefind's WebAssembly again, most of such a test's processor time. Each test opens the
# search page in it as a first visit: the tab's cache is off (a fresh context has nothing cached) and
# the page keeps nothing (search.js stores nothing); each test has its own records of errors.
@pytest.fixture(scope="module")
def search_tab(chromium):
    context = chromium.new_context()
    page = context.new_page()
    cache = context.new_cdp_session(page)
    cache.send("Network.enable")  # without it, the setting below is ignored
    cache.send("Network.setCacheDisabled", {"cacheDisabled": True})
    yield page
    context.close()


_listening: list[tuple[str, object]] = []  # open_search's listeners on the shared tab


@pytest.fixture
def tab(search_tab):
    """The shared tab, the listeners of the test's open_search taken off afterwards."""
    yield search_tab
    while _listening:
        search_tab.remove_listener(*_listening.pop())


# Waits use Playwright's own locators: a function given as a string would be refused by the
# site's policy, which allows no evaluation of strings (the tests run under it).
def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def open_search(page, url: str, width: int = 1366):
    page.set_viewport_size({"width": width, "height": 900})
    errors: list[str] = []
    handlers = {"pageerror": lambda error: errors.append(str(error)),
                "console": lambda message: message.type == "error" and "favicon" not in message.text
                and "status of 404" not in message.text and errors.append(message.text)}
    for event, handler in handlers.items():
        page.on(event, handler)
        _listening.append((event, handler))
    page.goto(url)
    if url.startswith("http"):
        page.wait_for_selector(".search-form[data-ready]")
    return page, errors


def result_titles(page) -> list[str]:
    return [title.strip() for title in page.locator(".search-result-title").all_inner_texts()]


@pytest.mark.browser
def test_a_query_finds_a_letter_by_a_word_in_its_text(tab, served):
    page, errors = open_search(tab, served + "search.html")
    page.fill("#search-query", "Apfelbaum")
    page.wait_for_selector(".search-result")
    assert result_titles(page) == ["Brief von Ida Schreiber an Lene Freund, 2. Mai 1901"]
    assert page.inner_text(".search-result-excerpt mark") == "Apfelbaum"
    page.click(".search-result-title")
    page.wait_for_url("**/sl-001.html")
    assert errors == []


@pytest.mark.browser
def test_a_correspondent_narrows_the_search_to_their_letters(tab, served):
    page, errors = open_search(tab, served + "search.html")
    page.select_option("select[name=correspondent]", "Tom Gardener")
    page.wait_for_selector(".search-result")
    assert result_titles(page) == ["Letter from Ida Schreiber to Tom Gardener, 14 March 1910"]
    page.select_option("select[name=correspondent]", "Lene Freund")
    expect(page.locator(".search-result")).to_have_count(2)
    assert sorted(result_titles(page)) == ["Brief von Ida Schreiber an Lene Freund, 2. Mai 1901",
                                           "Postkarte von Lene Freund an Ida Schreiber, 9. Juni 1902"]
    # a word and a facet together; the address keeps both, for a link or the back button
    page.fill("#search-query", "Reise")
    expect(page.locator(".search-result")).to_have_count(1)
    assert result_titles(page) == ["Postkarte von Lene Freund an Ida Schreiber, 9. Juni 1902"]
    assert "q=Reise" in page.url and "correspondent=Lene+Freund" in page.url
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"search-{width}.png"), full_page=True)


@pytest.mark.browser
def test_a_query_in_the_address_is_run_on_arrival(tab, served):
    page, errors = open_search(tab, served + "search.html?q=lupin&language=English")
    page.wait_for_selector(".search-result")
    assert result_titles(page) == ["Letter from Ida Schreiber to Tom Gardener, 14 March 1910"]
    assert page.input_value("select[name=language]") == "English"
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_the_search_page_with_results_passes_axe_and_fits_a_phone(tab, served, width):
    from web_support import axe_violations

    page, errors = open_search(tab, served + "search.html?q=Ida", width=width)
    expect(page.locator(".search-result")).to_have_count(3)
    violations = axe_violations(page)
    assert [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in violations] == []
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert errors == []


@pytest.mark.browser
def test_search_works_from_a_plain_static_server_under_a_sub_path(tab, built):
    """No editio server: Python's static file server, the site published at /html/ rather than /."""
    import functools
    import http.server

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page, errors = open_search(tab, f"http://127.0.0.1:{httpd.server_address[1]}/html/search.html?q=lupin")
        expect(page.locator(".search-result")).to_have_count(1)
        assert page.get_attribute(".search-result-title", "href") == "/html/sl-003.html"
        assert errors == []
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.browser
def test_from_a_file_the_page_says_why_search_cannot_run(tab, built):
    page, errors = open_search(tab, (built / "html" / "search.html").as_uri())
    expect(page.locator(".search-status")).to_contain_text("opened from a file")
    assert page.is_disabled("#search-query")
    assert errors == []
