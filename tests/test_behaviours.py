"""The behaviour table (xslt/behaviours.xsl) is what the outputs run: every behaviour has a template in
every output, no element is matched by two templates of one mode, adding an element is one row, and
xslt/README.md shows the table itself. Behaviours are tested on fragments (tests/xslt_support.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

import xslt_support
from conftest import FIXTURES, ROOT, TEI_DIR
from xslt_support import behaviour, html, render, text, text_inline

XSLT = ROOT / "xslt"
NS = {"xsl": "http://www.w3.org/1999/XSL/Transform", "ed": "urn:editio"}
TABLE = etree.parse(str(XSLT / "behaviours.xsl")).getroot()
BEHAVIOURS = [b.get("name") for b in TABLE.xpath("ed:behaviour", namespaces=NS)]
ROWS = [(row.get("match"), row.text.strip()) for row in TABLE.xpath("xsl:template[@mode = 'ed:behaviour']", namespaces=NS)]

# The modes in which an output renders TEI elements, and the modules that implement them.
OUTPUT_MODES = {
    ("html", None): ["html/blocks.xsl", "html/inline.xsl", "html/apparatus.xsl", "html/names.xsl", "html/document.xsl"],
    ("text", None): ["text/blocks.xsl"],
    ("text", "txt:inline"): ["text/inline.xsl"],
}
# Output-specific refinements of a behaviour (a more specific pattern, a higher priority), and fallbacks.
# (issue 11: the dateline no longer shows its note open, each note is in the page once; an unheaded part
# gets a heading; the editors' prose gets typographic apostrophes)
REFINEMENTS = {"*", "licence[@target]", "docTitle[web:is-page-title(.)]", "*[web:is-unheaded-part(.)]",
               "text()[web:is-editors-prose(.)]", "*[web:is-introduction(.)]"}


def behaviours_implemented(modules: list[str], mode: str | None) -> set[str]:
    found: set[str] = set()
    for module in modules:
        for template in etree.parse(str(XSLT / module)).getroot().xpath("xsl:template", namespaces=NS):
            if template.get("mode") != mode:
                continue
            shadow = template.get("_match")
            if shadow is None:
                assert template.get("match") is None or template.get("match") in REFINEMENTS, \
                    f"{module}: match=\"{template.get('match')}\" bypasses the behaviour table"
                continue
            found |= set(re.findall(r"\$ed:match\?([\w-]+)", shadow)) | set(re.findall(r"'([\w-]+)'", shadow))
    return found


def test_the_table_has_a_closed_list_and_every_row_names_one_of_it():
    assert len(BEHAVIOURS) == len(set(BEHAVIOURS))
    assert {b for _, b in ROWS} == set(BEHAVIOURS)
    patterns = [p for p, _ in ROWS]
    assert len(patterns) == len(set(patterns)), "one row per element (and predicate)"


@pytest.mark.parametrize(("output", "mode"), list(OUTPUT_MODES))
def test_every_behaviour_has_a_template_in_every_output(output, mode):
    implemented = behaviours_implemented(OUTPUT_MODES[(output, mode)], mode)
    assert set(BEHAVIOURS) - implemented == set(), f"{output} ({mode or 'unnamed mode'}) lacks these behaviours"
    assert implemented - set(BEHAVIOURS) == set()


def test_ed_behaviour_answers_from_the_table_with_its_predicates():
    assert behaviour("<p>x</p>") == "paragraph"
    assert behaviour("<note>x</note>") == "note"              # note[ancestor::text]
    assert behaviour("<div><head>h</head></div>") == "section"
    assert behaviour("<head>h</head>") == "caption"            # a head outside a division
    assert behaviour("<list><label>l</label></list>") == "list"
    assert behaviour("<hi rend='italic'>x</hi>") == "highlight"
    assert behaviour("<noSuchElement/>") == ""


def test_the_block_and_container_lists_derive_from_the_table():
    # what holds blocks is a div; a dateline among blocks a p; the same inline a span (web:box)
    out = html("<opener><dateline>Dmitrov</dateline></opener><p>See <dateline>here</dateline>.</p>")
    assert '<div id="opener-1" class="tei-opener"><p id="dateline-1" class="tei-dateline">Dmitrov</p></div>' in out
    assert '<span class="tei-dateline">here</span>' in out


def test_format_neutral_decisions_are_shared():
    nested = "<div><head>One</head><div><head>Two</head><p>x</p></div></div>"
    assert "<h2" in html(nested) and "<h3" in html(nested)                   # ed:heading-level + 1 (h1 is the page's)
    assert "One\n===" in text(nested) and "Two\n---" in text(nested)
    ordered = "<list rend='numbered'><item>a</item><item>b</item></list>"
    assert "<ol" in html(ordered) and "1. a\n2. b" in text(ordered)         # ed:is-ordered
    assert "<ul" in html("<list><item>a</item></list>")
    choice = "<p><choice><sic>teh</sic><corr>the</corr></choice></p>"
    assert text_inline(choice, reading="corrected").endswith("the") and text_inline(choice, reading="diplomatic").endswith("teh")
    assert "<code class=\"tei-gi\">&lt;p&gt;</code>" in html("<p><gi>p</gi></p>") and "<p>" in text_inline("<p><gi>p</gi></p>")
    # a choice the reading policy does not know shows its first alternative, in every output (ed:shown)
    unknown = "<p>a <choice><seg>first</seg><seg>second</seg></choice> b</p>"
    shown = render("html.xsl", unknown)
    assert "first" in shown.text and "second" not in shown.text and "has no reading policy" in shown.messages[0]
    assert text_inline(unknown, reading="diplomatic") == "a first b"


def test_addrline_has_one_rule_a_line_each():
    address = "<address><addrLine>1 Street</addrLine><addrLine>Town</addrLine></address>"
    assert '<span class="tei-addrLine">1 Street</span> <br><span class="tei-addrLine">Town</span>' in html(
        "<p>" + address + "</p>")
    assert "1 Street\nTown" in text(address)


def test_no_two_templates_match_one_element_in_one_mode(capfd):
    """Saxon warns "Ambiguous rule match" (XTDE0540) on stderr; every element of the table, in and out
    of the text, through HTML, print and text, and the edition and the any-TEI fixtures."""
    every_element = "".join(f"<{name}>x</{name}>" for name in sorted({p.split('[')[0] for p, _ in ROWS} - {"TEI", "text"}))
    fragment = (f"<div><head>h</head><list><label>l</label><item>i</item></list>"
                f"<listBibl><bibl>b</bibl></listBibl><p>{every_element}</p>{every_element}</div>")
    for stylesheet in ("html.xsl", "print.xsl", "text.xsl"):
        render(stylesheet, fragment)
    render("text.xsl", fragment, mode="{urn:editio:text}inline")
    from editio.edition import load_edition
    from editio.transform import stylesheet

    for folder in (TEI_DIR, FIXTURES / "any-tei"):
        edition = load_edition([folder])
        for document in edition.texts:
            for name in ("html.xsl", "print.xsl", "text.xsl"):
                stylesheet(name).apply(edition.saxon_document(document), edition.saxon_index)
    captured = capfd.readouterr()
    assert "Ambiguous rule match" not in captured.err + captured.out


def test_adding_an_element_like_another_is_one_row(tmp_path):
    """postBox behaves like addrLine, epilogue like epigraph, div[@type='postscript'] like postscript:
    before the row they fall back (and are reported) or are sections; with one row each they render as
    their model does, in both outputs."""
    copy = tmp_path / "xslt"
    shutil.copytree(XSLT, copy)
    table = copy / "behaviours.xsl"
    source = table.read_text(encoding="utf-8")
    rows = ('  <xsl:template mode="ed:behaviour" match="postBox">line</xsl:template>\n'
            '  <xsl:template mode="ed:behaviour" match="epilogue">container</xsl:template>\n'
            '  <xsl:template mode="ed:behaviour" match="div[@type = \'postscript\']">container</xsl:template>\n')
    table.write_text(source.replace("\n</xsl:stylesheet>", "\n" + rows + "</xsl:stylesheet>"), encoding="utf-8")

    fragment = "<p><address><{0}>1 Street</{0}><{0}>Town</{0}></address></p><{1}><p>The end.</p></{1}>"
    model = fragment.format("addrLine", "epigraph")
    added = fragment.format("postBox", "epilogue")
    before = render("html.xsl", added)
    assert any("no rule for the element postBox" in m for m in before.messages)

    after = render("html.xsl", added, directory=copy)
    assert after.messages == []
    assert after.text.replace("postBox", "addrLine").replace("epilogue", "epigraph") == render("html.xsl", model).text
    after_text = render("text.xsl", added, directory=copy)
    assert after_text.messages == [] and after_text.text == render("text.xsl", model).text

    # a predicate: a division typed as a postscript becomes a postscript's container, not a section
    postscript = "<div type='postscript'><p>P.S. Greetings.</p></div>"
    assert behaviour(postscript) == "section" and behaviour(postscript, directory=copy) == "container"
    assert "<section" in render("html.xsl", "<div type='postscript'><head>PS</head><p>x</p></div>").text
    boxed = render("html.xsl", "<div type='postscript'><head>PS</head><p>x</p></div>", directory=copy).text
    assert "<section" not in boxed and 'class="tei-div"' in boxed
    assert render("text.xsl", postscript, directory=copy).text == render("text.xsl", "<postscript><p>P.S. Greetings.</p></postscript>").text


def test_the_readme_shows_the_table_itself():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "behaviour_table.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    readme = (XSLT / "README.md").read_text(encoding="utf-8")
    for pattern, name in ROWS:
        assert f"`{pattern}`" in readme
