"""Every output is total: documents generated from a grammar of common TEI build, whatever they hold.

Hand-written fixtures prove what their author thought of; these documents combine the elements and
attributes real editions use (several ``correspAction``s and dates, ``msDesc`` or ``biblStruct``
sources, registers in ``back``, pointers that resolve nowhere, nested divisions, verse, lists, tables,
notes, breaks, alternates) in ways nobody wrote down. Each must build in every output without an
error, and its words must reach the plain text.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editio.build import build_edition

WORD = st.sampled_from("Brief Reise Arbeit letter workers Ödön Пётр naïve ſtraße 1920 «quoted» & < >".split())
WORDS = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
ISO = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1500, 2020), st.integers(1, 12),
                st.integers(1, 28))
# Every character the generator can write beyond ASCII, in a comment of each generated document: the
# site subsets its web font to the characters of the sources (comments included), so with this the
# subset is the same for every example and made once per process instead of once an example (1.2 s).
# Comments reach no output; the font subset itself is tested in test_web_edition.py.
ALPHABET = "".join(sorted({character for word in WORD.elements for character in word if ord(character) > 0x7E}))
POINTER = st.sampled_from(["#p1", "#pl1", "#nowhere", "https://d-nb.info/gnd/118566512",
                           "http://www.wikidata.org/entity/Q5682", "reg:nobody", "#p1 #pl1"])


def _attributes(draw, choices: dict[str, st.SearchStrategy]) -> str:
    names = draw(st.lists(st.sampled_from(sorted(choices)), unique=True, max_size=len(choices)))
    return "".join(f' {name}="{escape(draw(choices[name]), {chr(34): "&quot;"})}"' for name in names)


@st.composite
def dates(draw) -> str:
    attributes = _attributes(draw, {"when": ISO, "notBefore": ISO, "notAfter": ISO, "from": ISO, "to": ISO,
                                    "cert": st.sampled_from(["high", "medium", "low", "unknown"])})
    return f"<date{attributes}>{escape(draw(WORDS))}</date>"


@st.composite
def inline(draw, depth: int = 0) -> str:
    kinds = ["text", "name", "date", "hi", "choice", "note", "pb", "lb", "foreign", "ref", "unclear", "gap",
             "add", "del", "q", "title"]
    kind = draw(st.sampled_from(kinds if depth < 2 else kinds[:1]))
    # Only the chosen kind is drawn (a table of functions, not of strings drawn for every kind): the
    # same documents, at a tenth of the draws.
    words = lambda: escape(draw(WORDS))  # noqa: E731
    inner = lambda: draw(inline(depth + 1)) if depth < 2 else words()  # noqa: E731

    def name() -> str:
        element = draw(st.sampled_from(["persName", "placeName", "orgName", "rs", "name"]))
        attributes = _attributes(draw, {"ref": POINTER, "key": WORDS, "type": st.just("person")})
        return f"<{element}{attributes}>{inner()}</{element}>"

    def choice() -> str:
        text = words()
        return draw(st.sampled_from([f"<choice><sic>{text}</sic><corr>{text}x</corr></choice>",
                                     f"<choice><abbr>{text}</abbr><expan>{text}</expan></choice>",
                                     f"<choice><orig>{text}</orig><reg>{text}</reg></choice>"]))

    return {
        "text": words,
        "name": name,
        "date": lambda: draw(dates()),
        "hi": lambda: f'<hi{_attributes(draw, {"rend": st.sampled_from(["italic", "bold", "u", "sup", "spaced"])})}>'
                      f"{inner()}</hi>",
        "choice": choice,
        "note": lambda: f'<note{_attributes(draw, {"place": st.sampled_from(["foot", "margin", "end"]), "type": WORDS})}>'
                        f"{inner()}</note>",
        "pb": lambda: f'<pb{_attributes(draw, {"n": st.sampled_from(["1", "2r", "[3]"]), "facs": st.just("f1.jpg")})}/>',
        "lb": lambda: f'<lb{_attributes(draw, {"break": st.just("no")})}/>',
        "foreign": lambda: f'<foreign xml:lang="{draw(st.sampled_from(["fr", "la", "ru"]))}">{inner()}</foreign>',
        "ref": lambda: f'<ref{_attributes(draw, {"target": st.sampled_from(["#d1", "https://example.org/", "#nowhere"])})}>'
                       f"{inner()}</ref>",
        "unclear": lambda: f'<unclear reason="illegible">{inner()}</unclear>',
        "gap": lambda: f'<gap{_attributes(draw, {"reason": WORDS, "quantity": st.just("3"), "unit": st.just("chars")})}/>',
        "add": lambda: f'<add place="above">{inner()}</add>',
        "del": lambda: f'<del rend="strikethrough">{inner()}</del>',
        "q": lambda: f"<q>{inner()}</q>",
        "title": lambda: f'<title level="{draw(st.sampled_from(["m", "a", "j", "s"]))}">{inner()}</title>',
    }[kind]()


@st.composite
def paragraph(draw) -> str:
    return "<p>" + " ".join(draw(st.lists(inline(), min_size=1, max_size=5))) + "</p>"


@st.composite
def block(draw, depth: int = 0) -> str:
    kind = draw(st.sampled_from(["p", "p", "lg", "list", "table", "quote", "figure", "div", "opener", "closer",
                                 "postscript", "ab", "sp"] if depth < 2 else ["p"]))
    if kind == "p":
        return draw(paragraph())
    if kind == "lg":
        lines = draw(st.lists(inline(), min_size=1, max_size=4))
        return "<lg>" + "".join(f"<l>{line}</l>" for line in lines) + "</lg>"
    if kind == "list":
        items = draw(st.lists(inline(), min_size=1, max_size=4))
        labelled = draw(st.booleans())
        ordered = ' type="ordered"' if draw(st.booleans()) else ""
        return (f"<list{ordered}>"
                + "".join(("<label>a</label>" if labelled else "") + f"<item>{item}</item>" for item in items)
                + "</list>")
    if kind == "table":
        rows = draw(st.lists(st.lists(inline(), min_size=1, max_size=3), min_size=1, max_size=3))
        return "<table>" + "".join("<row>" + "".join(f"<cell>{c}</cell>" for c in row) + "</row>"
                                   for row in rows) + "</table>"
    if kind == "quote":
        return f"<quote>{draw(paragraph())}</quote>"
    if kind == "figure":
        return f'<figure><graphic url="img/f1.png"/><figDesc>{escape(draw(WORDS))}</figDesc></figure>'
    if kind == "div":
        head = f"<head>{draw(inline())}</head>" if draw(st.booleans()) else ""
        inner = "".join(draw(st.lists(block(depth + 1), min_size=1, max_size=3)))
        return f'<div type="{draw(st.sampled_from(["letter", "section", "postscript"]))}">{head}{inner}</div>'
    if kind == "opener":
        return (f"<opener><dateline>{draw(inline())}, {draw(dates())}</dateline>"
                f"<salute>{draw(inline())}</salute></opener>")
    if kind == "closer":
        return f"<closer><salute>{draw(inline())}</salute><signed>{draw(inline())}</signed></closer>"
    if kind == "postscript":
        return f"<postscript>{draw(paragraph())}</postscript>"
    if kind == "sp":
        return f"<sp><speaker>{escape(draw(WORDS))}</speaker>{draw(paragraph())}</sp>"
    return f"<ab>{draw(inline())}</ab>"


@st.composite
def source_description(draw) -> str:
    return draw(st.sampled_from([
        "<bibl>A printed source, 1920</bibl>",
        "<p>Born digital.</p>",
        "<msDesc><msIdentifier><settlement>Cambridge, MA</settlement><repository>Harvard</repository>"
        "<idno>bMS 649</idno></msIdentifier><physDesc><objectDesc><supportDesc><extent>2 Blatt</extent>"
        "</supportDesc></objectDesc><handDesc><p>Tinte</p></handDesc></physDesc></msDesc>",
        "<biblStruct><monogr><title>Werke</title><imprint><pubPlace>Berlin</pubPlace><date when=\"1925\"/>"
        "</imprint></monogr></biblStruct>",
        "<listBibl><bibl>one</bibl><bibl>two</bibl></listBibl>",
    ]))


@st.composite
def correspondence(draw) -> str:
    if not draw(st.booleans()):
        return ""
    actions = []
    for kind in draw(st.lists(st.sampled_from(["sent", "received", "forwarded", "sent"]), min_size=1,
                              max_size=4)):
        parties = "".join(f'<persName ref="{draw(POINTER)}">{escape(draw(WORDS))}</persName>'
                          for _ in range(draw(st.integers(0, 2))))
        place = f'<placeName ref="#pl1">{escape(draw(WORDS))}</placeName>' if draw(st.booleans()) else ""
        when = "".join(draw(dates()) for _ in range(draw(st.integers(0, 2))))
        actions.append(f'<correspAction type="{kind}">{parties}{place}{when}</correspAction>')
    context = ('<correspContext><ref type="next" target="#d2">next</ref></correspContext>'
               if draw(st.booleans()) else "")
    return f"<correspDesc>{''.join(actions)}{context}</correspDesc>"


@st.composite
def registers(draw) -> str:
    if not draw(st.booleans()):
        return ""
    return ('<back><listPerson><person xml:id="p1"><persName><surname>Tillich</surname><forename>Paul'
            '</forename></persName><birth when="1886-08-20"/><death when="1965-10-22"/><occupation>Theologe'
            '</occupation><idno type="GND">https://d-nb.info/gnd/118622587</idno></person></listPerson>'
            '<listPlace><place xml:id="pl1"><placeName>Berlin</placeName><location><geo>52.52 13.40</geo>'
            '</location></place></listPlace><listBibl><bibl xml:id="b1">Systematische Theologie</bibl>'
            "</listBibl></back>")


@st.composite
def documents(draw) -> str:
    titles = "".join(f'<title{level}>{escape(draw(WORDS))}</title>' for level in draw(
        st.lists(st.sampled_from(["", ' level="s"', ' level="a"', ' type="main"', ' type="sub"']), min_size=1,
                 max_size=3)))
    authors = "".join(draw(st.sampled_from([
        "<author>Schnitzler, Arthur</author>",
        '<author ref="#p1"><persName><surname>Tillich</surname><forename>Paul</forename></persName></author>',
        "<author><orgName>Verein</orgName></author>", ""])) for _ in range(draw(st.integers(0, 2))))
    body = "".join(draw(st.lists(block(), min_size=1, max_size=4)))
    front = f"<front><p>{escape(draw(WORDS))}</p></front>" if draw(st.booleans()) else ""
    language = draw(st.sampled_from(["", ' xml:lang="de"', ' xml:lang="en"', ' xml:lang="ru"']))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d1"{language}>'
        f"<teiHeader><fileDesc><titleStmt>{titles}{authors}</titleStmt>"
        f"<publicationStmt><p>unpublished</p></publicationStmt><sourceDesc>{draw(source_description())}"
        f"</sourceDesc></fileDesc><profileDesc>{draw(correspondence())}</profileDesc></teiHeader>"
        f"<text>{front}<body>{body}</body>{draw(registers())}</text></TEI>")


def _heading_words(page: str) -> list[str]:
    """The words of the web page's <h1>: the document's own title as editio shows it."""
    from lxml import html

    headings = html.fromstring(page.encode("utf-8")).xpath("//h1")
    return headings[0].text_content().split() if headings else []


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(document=documents())
def test_any_generated_document_builds_in_every_output(document, tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    source = folder / "d1.xml"
    source.write_text(document.replace("<teiHeader>", f"<teiHeader><!-- {ALPHABET} -->", 1), encoding="utf-8")
    out = folder / "out"
    report = build_edition([source], out=out, only=["html", "text", "metadata"], validate=False, fresh=True)
    assert report.documents == 1
    text = next((out / "text").glob("*.txt")).read_text(encoding="utf-8")
    assert text.strip(), "the plain text is empty"
    page = (out / "html" / "d1.html").read_text(encoding="utf-8")
    assert "<html" in page and "</html>" in page
    # The document's own title (a series title is not its title) is the same in every output: each
    # word the page's <h1> shows is in the plain text too.
    heading = _heading_words(page)
    assert heading, "the page has no <h1> title"
    missing = [word for word in heading if word not in text]
    assert not missing, f"words of the title {heading} missing from the plain text: {missing}"


def test_the_generator_makes_well_formed_tei():
    from lxml import etree

    @settings(max_examples=50, deadline=None)
    @given(document=documents())
    def well_formed(document):
        etree.fromstring(document.encode("utf-8"))

    well_formed()
