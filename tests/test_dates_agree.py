"""No two outputs disagree on the letter's date. The TEI gives two: when the letter was sent (handed over:
correspAction type="sent", 10 June 1920) and when it was written (creation: between March 1919 and that day).
Every output that states either states the same value, and none gives the printed 28 April 1919 as the
letter's date: that date stands in the dateline of the reading text only (and in the notes that explain it)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import LETTER, TEI_DIR, pdfium_text
from lxml import etree, html

from editio.edition import load_edition
from editio.metadata import render_edition_record, render_record

NS = {"tei": "http://www.tei-c.org/ns/1.0", "mods": "http://www.loc.gov/mods/v3",
      "dc": "http://purl.org/dc/elements/1.1/"}
MONTHS = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                      "September", "October", "November", "December"], 1)}
LETTER_ID = "letter-to-the-workers-of-western-europe"


def iso_from_words(text: str) -> str:
    """'10 June 1920' → 1920-06-10, 'March 1919' → 1919-03."""
    day, month, year = re.fullmatch(r"(?:(\d{1,2}) )?([A-Z][a-z]+) (\d{4})", text.strip()).groups()
    return f"{year}-{MONTHS[month]:02d}" + (f"-{int(day):02d}" if day else "")


@pytest.fixture(scope="module")
def tei():
    return etree.parse(str(LETTER))


@pytest.fixture(scope="module")
def expected(tei):
    sent = tei.xpath("//tei:correspAction[@type = 'sent']/tei:date", namespaces=NS)[0]
    written = tei.xpath("//tei:creation/tei:date[@xml:id = 'ltw-date-written']", namespaces=NS)[0]
    return {"sent": {sent.get("when")}, "written": {f"{written.get('notBefore')}/{written.get('notAfter')}"}}


@pytest.fixture(scope="module")
def records():
    edition = load_edition([TEI_DIR])
    document = edition.document(LETTER_ID)
    formats = ["oai_dc", "mods", "jsonld", "bibtex", "ris", "csl-json", "tei"]
    found = {name: render_record(edition, document, name).decode("utf-8") for name in formats}
    found["cmif"] = render_edition_record(edition, "cmif").decode("utf-8")
    return found


def stated_dates(name: str, content: str) -> dict[str, set[str]]:
    """The letter's dates an output states, by role."""
    sent: set[str] = set()
    written: set[str] = set()
    if name == "oai_dc":
        edition_date = etree.fromstring(content.encode()).xpath("//dc:date/text()", namespaces=NS)
        written |= {d for d in edition_date if d.startswith("19")}
    elif name == "mods":
        root = etree.fromstring(content.encode())
        created = root.xpath("mods:originInfo[@eventType = 'production']/mods:dateCreated", namespaces=NS)
        points = {d.get("point"): d.text for d in created if d.get("point")}
        written.add(f"{points['start']}/{points['end']}")
        sent |= {d.text for d in created if not d.get("point")}
    elif name == "cmif":
        sent |= set(etree.fromstring(content.encode()).xpath(
            "//tei:correspAction[@type = 'sent']/tei:date/@when", namespaces=NS))
    elif name == "jsonld":
        data = json.loads(content)
        # dateCreated only when the writing has a day: a span is no schema.org Date (issue 12)
        written |= {data["dateCreated"]} if "dateCreated" in data else set()
        sent.add(data["dateSent"])
    elif name == "bibtex":
        written.add(re.search(r"origdate = \{([^}]*)\}", content).group(1))
    elif name == "ris":
        span = re.search(r"Original date: between (.+?) and (.+?) \(", content).groups()
        written.add("/".join(iso_from_words(part) for part in span))
    elif name == "csl-json":
        [item] = json.loads(content) if content.lstrip().startswith("[") else [json.loads(content)]
        parts = item["original-date"]["date-parts"]
        written.add("/".join("-".join(f"{n:02d}" if i else str(n) for i, n in enumerate(p)) for p in parts))
    elif name == "tei":
        root = etree.fromstring(content.encode())
        sent |= set(root.xpath("//tei:correspAction[@type = 'sent']/tei:date/@when", namespaces=NS))
        written |= {f"{d.get('notBefore')}/{d.get('notAfter')}" for d in root.xpath(
            "//tei:creation/tei:date[contains(@xml:id, 'ltw-date-written')]", namespaces=NS)}
    elif name == "web-head":
        written |= {d for d in html.fromstring(content).xpath("//meta[@name = 'DC.date']/@content") if d.startswith("19")}
    elif name == "text":
        sent.add(iso_from_words(re.search(r"^Date: +(.+?) \(", content, re.M).group(1)))
    return {"sent": sent, "written": written}


@pytest.mark.parametrize("name", ["oai_dc", "mods", "cmif", "jsonld", "bibtex", "ris", "csl-json", "tei"])
def test_every_metadata_record_states_the_editors_dates(name, records, expected):
    stated = stated_dates(name, records[name])
    assert any(stated.values()), f"{name} states no date of the letter"
    for role, values in stated.items():
        assert values <= expected[role], (name, role, values)


def test_no_metadata_record_gives_the_printed_date_as_the_letters(records):
    for name, content in records.items():
        if name == "tei":  # the header keeps the letter to Brandes, which is dated 28 April 1919
            content = re.sub(r'<bibl [^>]*type="private-letter".*?</bibl>', "", content, flags=re.S)
        if name == "jsonld":  # so does the register's description of Brandes
            content = "\n".join(line for line in content.splitlines() if "Brandes" not in line)
        assert "1919-04-28" not in content, name


def test_the_web_and_text_editions_state_the_same_dates(build_outputs, expected):
    built = build_outputs("html", "text")
    page = (built / "html" / f"{LETTER_ID}.html").read_text(encoding="utf-8")
    text = (built / "text" / f"{LETTER_ID}.txt").read_text(encoding="utf-8")
    for name, content in (("web-head", page), ("text", text)):
        stated = stated_dates(name, content)
        assert any(stated.values()), name
        for role, values in stated.items():
            assert values <= expected[role], (name, role, values)
    # the printed date is shown where it is printed, the dateline, and nowhere as the letter's date
    dateline = html.fromstring(page).xpath("//*[contains(@class, 'tei-dateline')]")[0]
    assert "April 28, 1919" in dateline.text_content()
    assert "1919" not in text[:text.index("=" * 72)]


@pytest.mark.slow
def test_the_book_states_the_same_dates(build_outputs):
    text = " ".join(pdfium_text(build_outputs("pdf") / "pdf" / f"{LETTER_ID}.pdf").split())
    sent = re.search(r"Sent Pëtr Kropotkin, Dmitrov, (\d{1,2} [A-Z][a-z]+ \d{4})", text)
    written = re.search(r"Written at Dmitrov between ([A-Z][a-z]+ \d{4}) and (\d{1,2} [A-Z][a-z]+ \d{4})", text)
    assert sent and written
    assert iso_from_words(sent.group(1)) == "1920-06-10"
    assert f"{iso_from_words(written.group(1))}/{iso_from_words(written.group(2))}" == "1919-03/1920-06-10"
