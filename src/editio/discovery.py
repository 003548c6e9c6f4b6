"""Discovery files of the web edition: ``sitemap.xml`` (Sitemaps 0.9) and ``robots.txt`` pointing to it."""

from __future__ import annotations

from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(base_url: str, pages: list[tuple[str, str | None]]) -> bytes:
    """The sitemap of ``pages``, each (path under the site, day it last changed or None)."""
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for path, day in pages:
        entry = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = base_url + path
        if day:
            etree.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = day
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots(base_url: str) -> bytes:
    """Everything may be crawled; the sitemap says what there is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n".encode("utf-8")
