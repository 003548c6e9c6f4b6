"""The TEI letter keeps every word of the copy-text, in order: proved token by token."""

from __future__ import annotations

import difflib
import re

import pytest
from lxml import etree

from conftest import LETTER, shared_path

TEI = "{http://www.tei-c.org/ns/1.0}"
DIPLOMATIC = {"sic", "orig", "abbr"}
CORRECTED = {"corr", "reg", "expan"}


def plain_reading(element: etree._Element, keep: set[str]) -> str:
    """The text of ``element`` without notes, taking from each choice only the children named in ``keep``."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        name = etree.QName(node).localname if isinstance(node.tag, str) else None
        if name == "choice":
            for child in node:
                if etree.QName(child).localname in keep:
                    inner(child)
        elif name is not None and name != "note":
            inner(node)
        if node.tail:
            parts.append(node.tail)

    def inner(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)

    inner(element)
    return "".join(parts)


def tei_tokens(keep: set[str]) -> list[str]:
    """The words the edition transcribes: the title page, then the body of each text (the letter and "What to
    do?", two texts of a group); the editors' introduction (front) and the apparatus (back) are not the copy-text's."""
    text = etree.parse(str(LETTER)).find(f"{TEI}text")
    parts = text.findall(f"{TEI}front/{TEI}titlePage") + list(text.iter(f"{TEI}body"))
    return " ".join(plain_reading(part, keep) for part in parts).split()


def copy_text_tokens() -> list[str]:
    """The copy-text's words from author line to last sentence: contents block and colophon left out
    (the edition moves both into the header); Markdown marks (``##``, ``*…*``) are not words."""
    source = shared_path("source", "letter-to-the-workers-of-western-europe.txt").read_text(encoding="utf-8")
    body = source[:source.index("## The Anarchist Library")]
    body = body[:body.index("## Contents")] + body[body.index("Dmitrov, Russia"):]
    return re.sub(r"^#+\s*", "", body, flags=re.M).replace("*", "").split()


def differences(expected: list[str], actual: list[str]) -> list[tuple[list[str], list[str]]]:
    matcher = difflib.SequenceMatcher(a=expected, b=actual, autojunk=False)
    return [(expected[i1:i2], actual[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def test_diplomatic_reading_is_the_copy_text_word_for_word():
    expected, actual = copy_text_tokens(), tei_tokens(DIPLOMATIC)
    assert differences(expected, actual) == []
    assert len(actual) == len(expected) > 2400


def test_corrected_reading_differs_only_by_the_emendations():
    corrected = tei_tokens(CORRECTED)
    changes = {(" ".join(old), " ".join(new)) for old, new in differences(copy_text_tokens(), corrected)}
    assert changes == {
        ("an", "and"), ("friend", "friends"), ("under went", "underwent"), ("al", "all"),
        ("Saint Simon", "Saint-Simon"), ("Baboeuf.", "Babeuf."), ("impossible", "impossible."),
        ("some", "same"), ("1848- 1871;", "1848-1871;"), ("nil", "nil."),
    }


@pytest.mark.parametrize("phrase", ["say an learn", "their friend in other classes", "England under went",
                                    "in which al productive", "in the some position", "impossible And that",
                                    "Jacobin endeavor of Baboeuf", "1848- 1871;", "certainly nil It"])
def test_each_required_emendation_is_encoded_as_a_choice(phrase):
    # "nil" then "It": the paragraph ends without the full stop that AL-2019 has, supplied in the corrected reading
    diplomatic = " ".join(tei_tokens(DIPLOMATIC))
    assert phrase in diplomatic
    assert phrase not in " ".join(tei_tokens(CORRECTED))
