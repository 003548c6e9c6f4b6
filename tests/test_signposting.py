"""FAIR Signposting: the landing page's links in its head, its linkset and its HTTP Link headers agree;
items and records link back; every file is served with its own media type."""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree

from conftest import LETTER
pytest.register_assert_rewrite("oai_support")  # as the other tests that import it
from oai_support import call  # noqa: E402

from editio.metadata import FORMATS
from editio.server import create_app
from editio.static import content_type

DOCUMENT = etree.parse(str(LETTER)).getroot().get("{http://www.w3.org/XML/1998/namespace}id")
LINK = re.compile(r'<([^>]*)>; rel="([^"]*)"(?:; type="([^"]*)")?')


@pytest.fixture(scope="module")
def built(build_outputs):
    return build_outputs("html", "metadata", "text")


@pytest.fixture(scope="module")
def app(built):
    return create_app(built, secret=b"k")


def links(reply) -> set[tuple[str, str, str | None]]:
    return {(href, rel, kind or None) for href, rel, kind in LINK.findall(reply.headers.get("Link", ""))}


def test_the_landing_page_sends_its_signposts_as_link_headers(app, built):
    reply = call(app, path=f"/{DOCUMENT}.html")
    assert reply.status == 200
    headers = links(reply)
    linkset = json.loads((built / "html" / "metadata" / f"{DOCUMENT}.linkset.json").read_text(encoding="utf-8"))
    [entry] = linkset["linkset"]
    from_linkset = {(link["href"], rel, link.get("type")) for rel, values in entry.items() if rel != "anchor"
                    for link in values}
    assert from_linkset <= headers
    rels = {rel for _, rel, _ in headers}
    assert {"cite-as", "type", "author", "describedby", "item", "license", "linkset"} <= rels
    items = {kind for _, rel, kind in headers if rel == "item"}
    assert items == {"application/tei+xml", "text/plain"}  # no PDF in this build, so none announced
    # The page's <head> carries the same links.
    page = etree.fromstring(reply.body, etree.HTMLParser())
    in_head = {(l.get("href"), l.get("rel"), l.get("type")) for l in page.xpath("//head/link[@rel != 'stylesheet']")
               if l.get("rel") not in ("schema.DC", "icon", "alternate", "preload")}
    assert from_linkset <= in_head


def test_items_and_records_link_back_to_their_landing_page(app, built):
    anchor = f"https://editio.example.org/{DOCUMENT}.html"
    for path in (f"/text/{DOCUMENT}.txt", f"/metadata/{DOCUMENT}.mods.xml"):
        reply = call(app, path=path)
        assert reply.status == 200 and (anchor, "collection" if "text" in path else "describes", None) in links(reply)
    assert "Link" not in call(app, path="/register/persons.html").headers


@pytest.mark.parametrize("path, media_type", [
    (f"/metadata/{DOCUMENT}.mods.xml", "application/mods+xml"),
    (f"/metadata/{DOCUMENT}.csl.json", "application/vnd.citationstyles.csl+json"),
    (f"/metadata/{DOCUMENT}.linkset.json", "application/linkset+json"),
    (f"/metadata/{DOCUMENT}.jsonld", "application/ld+json"),
    (f"/metadata/{DOCUMENT}/tei.xml", "application/tei+xml"),
])
def test_each_file_is_served_with_its_media_type(app, path, media_type):
    reply = call(app, path=path)
    assert reply.status == 200 and reply.headers["Content-Type"].split(";")[0] == media_type


def test_the_server_types_every_record_format_as_the_format_table_says():
    for chosen in FORMATS.values():
        name = f"x{chosen.suffix}"
        if name.endswith(".xml") and chosen.media_type == "application/xml":
            continue  # plain XML (oai_dc) is the default for .xml
        assert content_type(f"/site/metadata/{name}").split(";")[0] == chosen.media_type, chosen.name


def test_the_site_has_a_valid_sitemap_and_a_robots_txt_that_points_to_it(built, app):
    from schemas import assert_valid, xml_schema
    sitemap = (built / "html" / "sitemap.xml").read_bytes()
    assert_valid(xml_schema("sitemap.xsd"), sitemap)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = etree.fromstring(sitemap).xpath("//s:loc/text()", namespaces=ns)
    base = "https://editio.example.org/"
    assert f"{base}{DOCUMENT}.html" in urls and f"{base}register/persons.html" in urls
    for url in urls:  # every page listed exists
        assert call(app, path="/" + url.removeprefix(base)).status == 200, url
    catalogue = json.loads((built / "metadata" / "catalogue.json").read_text(encoding="utf-8"))
    dated = {r["id"]: r["datestamp"] for r in catalogue["records"]}
    lastmod = etree.fromstring(sitemap).xpath(f"//s:url[s:loc = '{base}{DOCUMENT}.html']/s:lastmod/text()", namespaces=ns)
    assert lastmod == [dated[DOCUMENT]]
    robots = call(app, path="/robots.txt")
    assert robots.status == 200 and f"Sitemap: {base}sitemap.xml" in robots.body.decode()


def test_the_cmif_file_is_advertised_on_the_letters_pages_and_served(app):
    for path in (f"/{DOCUMENT}.html", f"/about/{DOCUMENT}.html"):
        page = etree.fromstring(call(app, path=path).body, etree.HTMLParser())
        hrefs = page.xpath("//a[contains(@href, 'cmif.xml')]/@href")
        if hrefs:
            break
    assert hrefs, "no link to the CMIF file on the letter's pages"
    reply = call(app, path="/metadata/cmif.xml")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("application/tei+xml")
