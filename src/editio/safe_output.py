"""What editio publishes carries no script: every URL written into a web page passes a scheme
allow-list, and a published copy of a TEI document keeps only TEI (and xml:) markup.

Applied by the build to every output, whichever builder made it (``build.py``), so that a new
stylesheet or builder cannot forget it. A clean page or document passes byte for byte.
"""

from __future__ import annotations

import html
import re

from lxml import etree

from .documents import TEI_NS, XML_NS, safe_parser

# Relative URLs (no scheme) are always allowed.
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTE = re.compile(
    rb'\s(?:href|src|action|formaction|poster|cite|data|background|xlink:href|srcset)\s*=\s*("[^"]*"|\'[^\']*\')',
    re.IGNORECASE)
# Browsers drop ASCII tab and newlines anywhere in a URL, and C0 controls and spaces around it.
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_KEPT_NAMESPACES = {TEI_NS, XML_NS}


def unsafe_url(value: str) -> bool:
    """True for a URL whose scheme is not on the allow-list (``javascript:``, ``data:``, …)."""
    url = _IGNORED_IN_URL.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                 "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                                 "\x1d\x1e\x1f ")
    scheme = _SCHEME.match(url)
    return scheme is not None and scheme.group(1).lower() not in ALLOWED_SCHEMES


def safe_page(page: bytes) -> tuple[bytes, list[str]]:
    """``page`` (HTML) with every attribute that holds an unsafe URL removed, and a note for each."""
    notes: list[str] = []

    def screen(match: re.Match) -> bytes:
        quoted = match.group(1)
        if b":" not in quoted and b"&" not in quoted:
            return match.group(0)  # no scheme, nor a character reference that could write one: relative
        value = html.unescape(quoted[1:-1].decode("utf-8", "replace"))
        if not unsafe_url(value):
            return match.group(0)
        notes.append(f"a link to '{value.strip()[:60]}' was left out: only http, https, mailto and "
                     "relative URLs are published")
        return b""

    return _URL_ATTRIBUTE.sub(screen, page), notes


def tei_only(document: bytes) -> tuple[bytes, list[str]]:
    """A TEI document without the elements and attributes of other namespaces (XHTML, SVG, …)."""
    try:
        tree = etree.fromstring(document, safe_parser()).getroottree()
    except etree.XMLSyntaxError:
        return document, []
    if etree.QName(tree.getroot()).namespace != TEI_NS:
        return document, []
    foreign = [element for element in tree.iter(etree.Element)
               if etree.QName(element).namespace not in (TEI_NS, None)]
    attributes = [(element, name) for element in tree.iter(etree.Element) for name in element.attrib
                  if name.startswith("{") and etree.QName(name).namespace not in _KEPT_NAMESPACES]
    if not foreign and not attributes:
        return document, []
    for element, name in attributes:
        del element.attrib[name]
    for element in foreign:
        if element.getparent() is not None:
            _remove_keeping_tail(element)
    etree.cleanup_namespaces(tree)
    names = sorted({etree.QName(e).namespace for e in foreign} | {etree.QName(n).namespace for _, n in attributes})
    note = f"markup in other namespaces than TEI ({', '.join(names)}) was left out of the published copy"
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8"), [note]


def screen(path: str, content: bytes) -> tuple[bytes, list[str]]:
    """An output as published: web pages with safe URLs, TEI with TEI only, the rest as it is."""
    suffix = path.rsplit(".", 1)[-1].lower()
    if suffix in ("html", "htm", "xhtml"):
        return safe_page(content)
    if suffix == "xml" and b"http://www.tei-c.org/ns/1.0" in content:
        return tei_only(content)
    return content, []


def _remove_keeping_tail(element) -> None:
    parent, tail = element.getparent(), element.tail or ""
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
