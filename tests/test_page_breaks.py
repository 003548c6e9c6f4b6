"""The page-break figures the segmentation declaration states are the ones scripts/count_page_breaks.py
counts in the copy-text, and the page numbers follow from them."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import LETTER, ROOT, shared_path
from lxml import etree

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def recount() -> dict[str, int]:
    copy_text = shared_path("source", "letter-to-the-workers-of-western-europe.txt")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "count_page_breaks.py"), str(copy_text)],
                            capture_output=True, text=True, check=True)
    return {name: int(value) for name, value in (line.split(": ") for line in result.stdout.splitlines())}


def test_the_script_counts_the_words_around_the_breaks():
    assert recount() == {"words": 2429, "dateline-to-first-break": 1446, "first-break-to-what-to-do": 146,
                         "first-break-to-second-break": 966}


def test_the_segmentation_declaration_states_the_recounted_figures():
    declaration = " ".join(etree.parse(str(LETTER)).xpath("string(//t:segmentation)", namespaces=NS).split())
    figures_sentence = declaration[declaration.index("The figures"):declaration.index("By its contents")]
    stated = [int(n.replace(",", "")) for n in re.findall(r"\b\d{1,3}(?:,\d{3})*\b(?= (?:words|from))", figures_sentence)]
    figures = recount()
    assert stated == [figures["dateline-to-first-break"], figures["first-break-to-what-to-do"],
                      figures["first-break-to-second-break"]]


def test_each_break_has_one_page_number_and_the_first_opens_page_6():
    breaks = etree.parse(str(LETTER)).xpath("//t:pb", namespaces=NS)
    assert [pb.get("n") for pb in breaks] == ["6", "8"]
    assert all(re.fullmatch(r"\d+", pb.get("n")) and pb.get("cert") for pb in breaks)


def test_the_script_refuses_a_missing_file_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "count_page_breaks.py"), str(tmp_path / "no.txt")],
                            capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "no such file" in result.stderr
