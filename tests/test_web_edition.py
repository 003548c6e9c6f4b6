"""The reader's web edition (issue 11), read from the built site without a browser: the web font,
the provenance diagram, the registers' order, the home page, the CSL citation and the serving
details (request log, the site's 404 page, index pages, a missing build)."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from wsgiref.util import setup_testing_defaults

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import LETTER
from editio.accesslog import RequestLog, combined_line
from editio.citation import render_citation
from editio.cli import main
from editio.server import create_app
from web_support import TEI_NS, parse_page

LETTER_ID = "letter-to-the-workers-of-western-europe"
SVG = "http://www.w3.org/2000/svg"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def site(build_outputs):
    return build_outputs("html", "metadata") / "html"


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


# The web font

def test_the_site_serves_eb_garamond_subset_to_what_the_edition_shows(site):
    from fontTools.ttLib import TTFont

    faces = {name: (site / "assets" / "fonts" / name).read_bytes()
             for name in ("eb-garamond-roman.woff2", "eb-garamond-italic.woff2")}
    letter_text = etree.parse(str(LETTER)).xpath("string(//tei:text)", namespaces=TEI_NS)
    needed = {ord(c) for c in letter_text if not c.isspace() and unicodedata.category(c)[0] != "C"}
    for name, data in faces.items():
        assert data[:4] == b"wOF2", name
        assert len(data) < 50_000, f"{name}: {len(data)} bytes, not a subset"
        font = TTFont(io.BytesIO(data))
        assert font["name"].getBestFamilyName() == "EB Garamond"
        assert needed <= set(font.getBestCmap()), sorted(chr(c) for c in needed - set(font.getBestCmap()))
        assert "fvar" not in font, "a static instance, not the variable font"
        features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
        assert "onum" in features, "old-style figures are kept for running text"
    css = (site / "assets" / "edition.css").read_text()
    assert re.search(r'--serif:\s*"EB Garamond"', css) and "oldstyle-nums" in css


# The provenance drawn

def test_the_provenance_is_drawn_from_the_header_as_accessible_svg(site):
    about = etree.parse(str(site / "about" / f"{LETTER_ID}.html"), etree.HTMLParser())
    svg = about.xpath("//*[local-name()='svg'][contains(@class, 'provenance')]")
    assert len(svg) == 1
    svg = svg[0]
    labelled = svg.get("aria-labelledby").split()
    assert svg.get("role") == "img" and len(labelled) == 2
    title, desc = (about.xpath(f"//*[@id='{i}']")[0] for i in labelled)
    assert title.tag.endswith("title") and desc.tag.endswith("desc")
    tei = etree.parse(str(LETTER))
    targets = {t.lstrip("#") for t in tei.xpath("//tei:sourceDesc//tei:relatedItem/@target", namespaces=TEI_NS)}
    witnesses = [b for b in tei.xpath("//tei:sourceDesc//tei:bibl[@xml:id]", namespaces=TEI_NS)
                 if b.xpath("tei:relatedItem", namespaces=TEI_NS) or b.get("{http://www.w3.org/XML/1998/namespace}id") in targets]
    boxes = svg.xpath(".//*[local-name()='g'][contains(@class, 'pv-box')]")
    assert len(boxes) == len(witnesses) + 1, "one box per linked witness, and this edition"
    assert "pv-edition" in boxes[-1].get("class")
    # every witness's language and date are in the drawing and in its text alternative
    description = text_of(desc)
    for bibl in witnesses:
        year = bibl.xpath("string(tei:date[1]/@when)", namespaces=TEI_NS)[:4]
        if year:
            assert any(year in text_of(box) for box in boxes)
    links = svg.xpath(".//*[local-name()='g'][contains(@class, 'pv-link')]")
    assert len(links) == len(etree.parse(str(LETTER)).xpath("//tei:sourceDesc//tei:relatedItem", namespaces=TEI_NS)) + 1
    translations = len(tei.xpath("//tei:sourceDesc//tei:relatedItem[@type='translationOf']", namespaces=TEI_NS))
    assert translations and len([g for g in links if "pv-translation" in g.get("class")]) == translations
    labels = " | ".join(text_of(t) for t in svg.xpath(".//*[local-name()='text'][contains(@class, 'pv-label')]"))
    assert len(re.findall(r"translated \S+ → \S+", labels)) == translations, labels
    # a translation back into a language its source derives from is called a back-translation
    # (with the corrected chain of issue 10: Baldwin's English from the French from the Labour Leader's English)
    by_id = {b.get(XML_ID): b for b in tei.xpath("//tei:sourceDesc//tei:bibl[@xml:id]", namespaces=TEI_NS)}
    language = lambda b: b.xpath("string(tei:textLang/@mainLang)", namespaces=TEI_NS)

    def ancestors(bibl, depth=0):
        parents = [by_id[t.lstrip("#")] for t in bibl.xpath("tei:relatedItem/@target", namespaces=TEI_NS)]
        return parents + [a for p in parents if depth < 20 for a in ancestors(p, depth + 1)]

    backs = sum(1 for link in tei.xpath("//tei:sourceDesc//tei:relatedItem[@type='translationOf']", namespaces=TEI_NS)
                if language(link.getparent()) in {language(a) for a in ancestors(by_id[link.get("target").lstrip("#")])})
    assert labels.count("(back-translation)") == backs
    assert description.count("(back-translation)") == backs
    # "seen" for the copy-text; "not seen" where a witness's notes say so, and nowhere else
    labels_by_box = [text_of(box) for box in boxes]
    unseen = [b for b in witnesses if re.search(r"(has|have) not been seen", " ".join(b.xpath("string(.)").split()))]
    assert sum("not seen" in label for label in labels_by_box) == len(unseen)
    assert any("seen" in label and "not seen" not in label for label in labels_by_box)


def test_the_provenance_svg_stands_alone_for_print(build_outputs):
    from editio.edition import load_edition
    from editio.transform import stylesheet

    edition = load_edition()
    document = next(d for d in edition.documents if d.id == LETTER_ID)
    result = stylesheet("provenance.xsl").apply(edition.saxon_document(document), edition.saxon_index)
    svg = etree.fromstring(result.content)
    assert svg.tag == f"{{{SVG}}}svg" and svg.find(f"{{{SVG}}}title") is not None
    assert svg.find(f"{{{SVG}}}defs/{{{SVG}}}style") is not None, "carries its own style"


# The variants of each paragraph

def test_the_variants_of_a_paragraph_are_a_show_choice_off_by_default_not_a_disclosure(site):
    page = parse_page(site / f"{LETTER_ID}.html")
    box = page.get_element_by_id("show-variants")
    assert box.get("data-show") == "variants" and box.get("checked") is None
    assert not page.xpath("//details[contains(@class, 'paragraph-variants')]"), "no disclosure in the text"
    blocks = page.xpath("//div[@class='paragraph-variants']")
    assert blocks and all(b.getprevious().get("id", "").startswith("ltw-") for b in blocks)
    assert blocks[0].get("aria-label").startswith("Variants of")
    css = (site / "assets" / "edition.css").read_text()
    assert ":root:not(:has(#show-variants:checked)) .paragraph-variants { display: none; }" in css
    assert page.xpath("//table[@class='collation-table']"), "the table at the end stays"


# Registers

def test_register_entries_are_in_alphabetical_order_with_letter_groups(site):
    persons = parse_page(site / "register" / "persons.html")
    names = [text_of(h) for h in persons.xpath("//article[contains(@class, 'entry')]/h2")]
    surnames = [name.split()[-1] for name in names]
    assert surnames == sorted(surnames, key=lambda s: unicodedata.normalize("NFD", s).lower()), names
    letters = [text_of(p) for p in persons.xpath("//p[@class='register-letter']")]
    assert letters == sorted(set(letters)) and letters == sorted({s[0].upper() for s in surnames})
    organisations = parse_page(site / "register" / "organisations.html")
    names = [text_of(h) for h in organisations.xpath("//article[contains(@class, 'entry')]/h2")]
    # a leading article does not file the entry: "Les Temps nouveaux" under T, "The Anarchist Library" under A
    assert names.index("The Anarchist Library") < names.index("Bolsheviks")
    assert names.index("Les Temps nouveaux") > names.index("The Labour Leader")


def test_occurrences_are_paragraph_numbers_without_the_title(site):
    places = parse_page(site / "register" / "places.html")
    russia = places.get_element_by_id("russia")
    line = text_of(russia.xpath(".//ul[@class='occurrences']/li")[0])
    assert re.search(r"¶\s?\d+(, \d+)+", line), line
    assert "Letter to the Workers" not in line, "the title is not repeated in an edition of one text"


# Home, About, navigation, citation

def test_home_introduces_the_text_and_its_ways_in(site):
    home = parse_page(site / "index.html")
    main = home.xpath("//main")[0]
    assert [e.tag for e in main.iter() if e.text and "Letter to the Workers of Western Europe" in e.text] == ["h1"]
    ways = [text_of(h) for h in home.xpath("//ul[@class='ways-in']/li/h2")]
    assert ways[0] == "Read the text" and "Register" in ways and "Downloads" in ways
    downloads = " ".join(home.xpath("//ul[@class='ways-in']//a/@href"))
    for target in ("text/", "tei/", ".csl.json", ".mods.xml", f"about/{LETTER_ID}.html#witnesses"):
        assert target in downloads, target
    # the TEI's introduction (front matter) when it has one, else what the header says of the letter's making
    tei = etree.parse(str(LETTER))
    introduction = tei.xpath("string((//tei:front/tei:div//tei:p)[1])", namespaces=TEI_NS) \
        or tei.xpath("string(//tei:profileDesc/tei:creation)", namespaces=TEI_NS)
    intro = text_of(home.xpath("//div[@class='home-intro']")[0])
    assert " ".join(introduction.split())[:60].replace("'", "’") in intro


def test_every_page_has_about_in_its_navigation_and_index_pages_exist(site):
    for page in site.rglob("*.html"):
        labels = [text_of(a) for a in parse_page(page).xpath("//nav[@class='site-nav']//a")]
        assert labels == ["Contents", "Register", "About"], page
    assert parse_page(site / "register" / "index.html").xpath("//main//a[contains(@href, 'persons.html')]")
    assert parse_page(site / "about" / "index.html").xpath(f"//main//a[contains(@href, '{LETTER_ID}.html')]")
    assert parse_page(site / "404.html").xpath("//h1[. = 'Page not found']")


def test_the_suggested_citation_is_the_csl_json_record_in_a_citation_style(site):
    record = (site / "metadata" / f"{LETTER_ID}.csl.json").read_bytes()
    rendered = render_citation(record)
    title = json.loads(record)[0]["title"]
    assert f"<i>{title}</i>" in rendered
    for page in (site / f"{LETTER_ID}.html", site / "about" / f"{LETTER_ID}.html"):
        citation = parse_page(page).xpath("//p[@class='citation']")[0]
        assert text_of(citation) == " ".join(etree.fromstring(rendered).xpath("string()").split())
        assert citation.xpath(".//i")[0].text == title, "the title is italic"


def test_editorial_prose_uses_typographic_apostrophes(site):
    """Our labels, the header, the register and the notes: no straight apostrophe. The transcribed
    text keeps the copy-text's marks (its editorial declaration says so)."""
    for page in site.rglob("*.html"):
        tree = parse_page(page)
        for element in tree.xpath("//header | //footer | //section[@class='notes'] | //article[contains(@class, 'entry')]"
                                  " | //section[contains(@class, 'about-section')] | //div[@class='cards']"):
            assert "'" not in text_of(element), (page.name, text_of(element)[text_of(element).index("'") - 40:][:80])
    letter = parse_page(site / f"{LETTER_ID}.html")
    assert "'48" in text_of(letter.get_element_by_id("ltw-p02")), "the copy-text's own apostrophe stays"


# Serving

def _call(app, path: str):
    environ: dict = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": 'probe "1"'}
    setup_testing_defaults(environ)
    seen: dict = {}
    body = app(environ, lambda status, headers, *exc: seen.update(status=status, headers=dict(headers)))
    return seen["status"], seen["headers"], b"".join(body)


def test_serving_logs_each_request_and_answers_404_with_the_site_page(build_outputs):
    build = build_outputs("html", "metadata")
    log = io.StringIO()
    app = RequestLog(create_app(build), log, clock=lambda: 0.0)
    status, headers, body = _call(app, "/no/such/page")
    assert status.startswith("404") and headers["Content-Type"].startswith("text/html")
    assert b'<base href="/">' in body and b"Page not found" in body
    status, headers, _ = _call(app, "/register/")
    assert status.startswith("200")
    status, _, _ = _call(app, "/about/")
    assert status.startswith("200")
    lines = log.getvalue().splitlines()
    assert len(lines) == 3
    assert re.fullmatch(r'127\.0\.0\.1 - - \[01/Jan/1970:00:00:00 \+0000\] "GET /no/such/page HTTP/1\.0" 404 \d+ '
                        r'"-" "probe \\x221\\x22"', lines[0]), lines[0]
    assert combined_line({"REQUEST_METHOD": "HEAD", "PATH_INFO": "/a", "QUERY_STRING": "b=1"}, "304", "-", 0.0) \
        .startswith('- - - [01/Jan/1970:00:00:00 +0000] "HEAD /a?b=1 -" 304 -')


def test_serve_without_a_build_says_so(tmp_path):
    missing = tmp_path / "nothing-here"
    result = CliRunner().invoke(main, ["serve", "--build", str(missing), "--port", "0"])
    assert result.exit_code == 2
    assert f"no build found at {missing}" in result.output and "Traceback" not in result.output
