"""Run one stylesheet on a TEI fragment: behaviours tested at template level, without building an edition.

``render("html.xsl", "<p>a <hi rend='italic'>b</hi></p>")`` wraps the fragment in the least a
template needs — a TEI document (a header with a title, a ``text/body`` holding the fragment) inside
the edition index ``<ed:edition>`` with its settings, and, if asked, the edition's real register —
then applies templates to the fragment's top elements in the mode asked for and returns the output
and the ``xsl:message`` notes. Each stylesheet is compiled once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from editio.errors import BuildError
from editio.transform import XSLT_DIR, Stylesheet, parse_xml, processor, stylesheet

TEI_NS = "http://www.tei-c.org/ns/1.0"
SETTINGS = ('<ed:settings title="Fragment Edition" publisher="The Publisher" base-url="https://example.org/edition/" '
            'licence="CC BY 4.0" licence-url="https://creativecommons.org/licenses/by/4.0/" '
            'contact="editor@example.org" language="en" build-date="" page-size="a5"/>')
HEADER = ('<teiHeader><fileDesc><titleStmt><title>A Fragment</title></titleStmt>'
          '<publicationStmt><publisher>The Publisher</publisher></publicationStmt>'
          '<sourceDesc><bibl>Made for a test</bibl></sourceDesc></fileDesc>'
          '<encodingDesc><listPrefixDef><prefixDef ident="reg" matchPattern="([A-Za-z0-9_.\\-]+)" '
          'replacementPattern="register.xml#$1"/></listPrefixDef></encodingDesc></teiHeader>')


# Saxon's name for ``#default`` (the mode a stylesheet starts in when none is asked for): SaxonC
# takes no ``#default`` token, and a mode once set stays with the compiled stylesheet.
DEFAULT_MODE = "{http://www.w3.org/1999/XSL/Transform}default"


@dataclass
class Rendered:
    text: str
    messages: list[str]


@cache
def _stylesheet(name: str, directory: Path) -> Stylesheet:
    """The compiled stylesheet ``<directory>/<name>``: a stylesheet of editio's own is the one editio
    compiled (``editio.transform.stylesheet``), so that a process that builds editions and renders
    fragments compiles it once; another is compiled once per process."""
    return stylesheet(name) if Path(directory) == XSLT_DIR else Stylesheet(Path(directory) / name)


@cache
def _register() -> str:
    """The edition's register, without its XML declaration, to sit inside the index."""
    from conftest import REGISTER

    source = REGISTER.read_text(encoding="utf-8")
    return source[source.index("<TEI"):]


def document(fragment: str, *, header: str = HEADER, where: str = "body", with_register: bool = False) -> str:
    """The edition index holding one TEI document with ``fragment`` in its ``text/<where>``."""
    register = ""
    if with_register:
        register = f'<ed:document id="register" file="register.xml" has-text="false">{_register()}</ed:document>'
    return (f'<ed:edition xmlns:ed="urn:editio">{SETTINGS}'
            f'<ed:document id="fragment" file="fragment.xml" has-text="true">'
            f'<TEI xmlns="{TEI_NS}" xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:id="fragment">'
            f'{header}<text><{where}>{fragment}</{where}></text></TEI></ed:document>{register}</ed:edition>')


def render(stylesheet: str, fragment: str, *, mode: str | None = None, select_path: str | None = None,
           where: str = "body", with_register: bool = False, directory: Path = XSLT_DIR, header: str = HEADER,
           **parameters) -> Rendered:
    """Apply ``stylesheet`` to the fragment's top elements (or to ``select_path``, an XPath with ``tei:``
    from the index) in ``mode`` (a Clark name, e.g. ``{urn:editio:text}inline``)."""
    index = parse_xml(document(fragment, header=header, where=where, with_register=with_register))
    nodes = _select_all(index, select_path or f"/ed:edition/ed:document[1]/tei:TEI/tei:text/tei:{where}/*")
    blocks_apart = stylesheet == "text.xsl" and not mode

    def apply(executable) -> str:
        executable.set_initial_mode(mode or DEFAULT_MODE)
        try:
            if not blocks_apart:
                return executable.apply_templates_returning_string(xdm_value=nodes)
            # the text's blocks, apart by a blank line as in a document
            executable.set_result_as_raw_value(True)
            try:
                blocks = executable.apply_templates_returning_value(xdm_value=nodes)
            finally:
                executable.set_result_as_raw_value(False)
            return "\n\n".join(str(blocks.item_at(i)) for i in range(blocks.size)
                                if str(blocks.item_at(i)).strip()) if blocks is not None else ""
        finally:
            executable.set_initial_mode(DEFAULT_MODE)  # as editio runs it: in the default mode

    try:
        result = _stylesheet(stylesheet, directory)._run(apply, index, parameters)
    except BuildError as exc:
        raise AssertionError(f"{stylesheet} failed on the fragment: {exc}") from None
    return Rendered(result.content.decode("utf-8"), result.messages)


def html(fragment: str, **options) -> str:
    return render("html.xsl", fragment, **options).text


def html_tree(fragment: str, **options):
    """The HTML of the fragment, parsed (lxml.html), under one ``div``."""
    import lxml.html

    return lxml.html.fragment_fromstring(html(fragment, **options), create_parent="div")


def body_of(path: Path) -> str:
    """The content of a TEI file's ``text/body``, as a fragment."""
    source = path.read_text(encoding="utf-8")
    return source[source.index(">", source.index("<body")) + 1:source.rindex("</body>")]


def text(fragment: str, **options) -> str:
    """The plain text of the fragment's blocks (the text output's block mode), a blank line apart."""
    return render("text.xsl", fragment, **options).text


def text_inline(fragment: str, **options) -> str:
    """The fragment as running text (the text output's ``txt:inline`` mode)."""
    return render("text.xsl", fragment, mode="{urn:editio:text}inline", **options).text


def behaviour(fragment: str, **options) -> str:
    """``ed:behaviour()`` of the fragment's first element, as the table says ('' when it has no row)."""
    return render("html.xsl", fragment, mode="{urn:editio}behaviour",
                  select_path="/ed:edition/ed:document[1]/tei:TEI/tei:text/tei:body/*[1]", **options).text


def _select_all(context, xpath: str):
    xpath_processor = processor().new_xpath_processor()
    xpath_processor.declare_namespace("tei", TEI_NS)
    xpath_processor.declare_namespace("ed", "urn:editio")
    xpath_processor.set_context(xdm_item=context)
    return xpath_processor.evaluate(xpath)
