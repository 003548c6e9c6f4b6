"""No script from an edition runs in a reader's browser (issue 13, item 7): URLs in the web pages pass
a scheme allow-list, published XML keeps only TEI, and every response carries headers that stop script."""

from __future__ import annotations

import html
import re

import pytest
from lxml import etree

from editio.build import build_edition
from editio.server import create_app

pytest.register_assert_rewrite("oai_support")
from oai_support import SECRET, call  # noqa: E402

HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:html="http://www.w3.org/1999/xhtml"
     xmlns:svg="http://www.w3.org/2000/svg" xml:id="hostile" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>A hostile document</title></titleStmt>
      <publicationStmt><p>Written for editio's tests.</p></publicationStmt>
      <sourceDesc><p>Born digital.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <p>A picture <graphic url="javascript:alert(4)"/>, links
        <ref target="javascript:alert(5)">one</ref>, <ref target=" JaVa&#9;sCrIpT:alert(6)">two</ref>,
        <ref target="data:text/html,&lt;script&gt;alert(7)&lt;/script&gt;">three</ref>,
        <ref target="vbscript:msgbox(8)">four</ref>, and safe ones:
        <ref target="https://example.org/a">web</ref>, <ref target="mailto:someone@example.org">mail</ref>,
        <ref target="#hostile">here</ref>.</p>
      <p>Foreign markup: <html:script>alert(9)</html:script><svg:svg><svg:script>alert(10)</svg:script></svg:svg>
        <hi html:onclick="alert(11)">text</hi>.</p>
    </body>
  </text>
</TEI>
"""
UNSAFE = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTE = re.compile(r'\s(?:href|src|action|formaction|poster|cite|data|xlink:href)="([^"]*)"')


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    edition = tmp_path_factory.mktemp("hostile")
    (edition / "editio.toml").write_text('[edition]\nsources = "."\n', encoding="utf-8")
    (edition / "hostile.xml").write_text(HOSTILE, encoding="utf-8")
    out = edition.parent / (edition.name + "-build")
    report = build_edition([edition / "hostile.xml"], out=out, only=["html", "metadata"], validate=False)
    return out, report


def test_no_url_in_the_web_pages_has_a_scheme_outside_the_allow_list(hostile_build):
    out, report = hostile_build
    page = (out / "html" / "hostile.html").read_text(encoding="utf-8")
    urls = [html.unescape(value) for value in URL_ATTRIBUTE.findall(page)]
    assert [url for url in urls if UNSAFE.match(re.sub(r"[\x00-\x20]", "", url))] == []
    for kept in ("https://example.org/a", "mailto:someone@example.org"):
        assert kept in urls
    assert any("javascript:alert(4)" in note for note in report.notes), "the dropped URL is reported"


def test_published_copies_keep_only_tei(hostile_build):
    out, _ = hostile_build
    for copy in (out / "html" / "tei" / "hostile.xml", *(out / "metadata").rglob("*.xml"),
                 *(out / "html" / "metadata").rglob("*.xml")):
        tree = etree.parse(str(copy))
        foreign = [element.tag for element in tree.iter(etree.Element)
                   if "www.w3.org/1999/xhtml" in element.tag or "www.w3.org/2000/svg" in element.tag]
        attributes = [name for element in tree.iter(etree.Element) for name in element.attrib
                      if "www.w3.org/1999/xhtml" in name]
        assert foreign == [] and attributes == [], copy
        assert b"alert(9)" not in copy.read_bytes() and b"alert(10)" not in copy.read_bytes(), copy


@pytest.fixture(scope="module")
def app(hostile_build):
    return create_app(hostile_build[0], secret=SECRET)


@pytest.mark.parametrize("path, query", [
    ("/hostile.html", ""), ("/", ""), ("/tei/hostile.xml", ""), ("/metadata/catalogue.json", ""),
    ("/no-such-page", ""), ("/oai", "verb=Identify"), ("/oai", "verb=GetRecord"),
])
def test_every_response_carries_headers_that_stop_script(app, path, query):
    reply = call(app, path=path, query=query)
    policy = reply.headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy, (path, policy)
    assert "script-src 'self'" in policy or "default-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[-1].split(";")[0]
    assert reply.headers.get("X-Content-Type-Options") == "nosniff"
    assert reply.headers.get("X-Frame-Options") == "DENY"


@pytest.mark.parametrize("path, query", [("/tei/hostile.xml", ""), ("/oai", "verb=Identify")])
def test_xml_is_served_in_a_sandbox_with_no_script(app, path, query):
    policy = call(app, path=path, query=query).headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy


@pytest.mark.browser
def test_a_script_in_served_xml_does_not_run_in_chromium(hostile_build, chromium):
    """Even XML that reached the build folder some other way (not through the build) runs nothing."""
    import threading

    from waitress import create_server

    out = hostile_build[0]
    planted = out / "html" / "tei" / "planted.xml"
    planted.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:html="http://www.w3.org/1999/xhtml">'
                       '<html:script>window.ran = true</html:script></TEI>', encoding="utf-8")
    server = create_server(create_app(out, secret=SECRET), host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    page = chromium.new_page()  # in a context of its own
    try:
        try:
            page.goto(f"http://127.0.0.1:{server.effective_port}/tei/planted.xml")
        except Exception as error:  # served as a download: never rendered, so nothing ran
            assert "Download is starting" in str(error)
        else:
            page.wait_for_timeout(300)
            assert page.evaluate("window.ran === undefined")
    finally:
        page.close()
        server.close()
        planted.unlink()
