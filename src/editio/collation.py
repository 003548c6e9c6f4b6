"""The historical collation of the copy-text (AL-2012, a plain-text export) against The Anarchist Library's
current source file (AL-2019, Emacs Muse): every difference, paragraph by paragraph, and its kind.

Both witnesses are read from their own formats into the same units (the dateline, the paragraphs, the
heading of "What to do?"), each a list of words that know whether they are in italics; the units are aligned
in order and the words of each pair with :class:`difflib.SequenceMatcher` (the standard library's
alignment, deterministic with ``autojunk`` off; the two texts are near-identical, so no fuzzier aligner is
needed). The encoding in the TEI (a ``listApp``) is made from these variants and checked against them.
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
DASHES = str.maketrans({"–": "—"})
PUNCTUATION = set(string.punctuation) | {"—", "–", "“", "”", "’"}


@dataclass(frozen=True)
class Word:
    """A word; ``tail`` is punctuation right after an italic word that is not itself in italics."""
    text: str
    italic: bool = False
    tail: str = ""


@dataclass(frozen=True)
class Unit:
    """A paragraph-like stretch of a witness: what the edition keys its apparatus to."""
    kind: str  # "dateline", "head" or "p"
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Variant:
    unit: int  # position of the unit in the copy-text, from 0 (the dateline)
    lemma: tuple[Word, ...]
    reading: tuple[Word, ...]
    kinds: tuple[str, ...]

    @property
    def lemma_text(self) -> str:
        return render(self.lemma)

    @property
    def reading_text(self) -> str:
        return render(self.reading)


def render(words: tuple[Word, ...], italic_mark: str = "*") -> str:
    """Words as text, italic runs between ``italic_mark``s (as the copy-text marks them)."""
    out: list[str] = []
    for word in words:
        out.append((f"{italic_mark}{word.text}{italic_mark}" if word.italic and italic_mark else word.text) + word.tail)
    return re.sub(re.escape(italic_mark) + r"( +)" + re.escape(italic_mark), r"\1", " ".join(out)) if italic_mark \
        else " ".join(out)


def words_of(text: str, opening: str, closing: str) -> tuple[Word, ...]:
    """The words of ``text``, where ``opening``/``closing`` (``*``/``*`` or ``<em>``/``</em>``) mark italics. A word
    is italic when its first letter or digit is (a comma after the closing mark does not count)."""
    flagged: list[tuple[str, bool]] = []
    italic = False
    position = 0
    while position < len(text):
        if text.startswith(opening, position) and (opening != closing or not italic):
            italic, position = True, position + len(opening)
        elif text.startswith(closing, position) and italic:
            italic, position = False, position + len(closing)
        else:
            flagged.append((text[position], italic))
            position += 1
    words: list[Word] = []
    current: list[tuple[str, bool]] = []
    for char, flag in flagged + [(" ", False)]:
        if char.isspace():
            if current:
                letters = [f for c, f in current if c.isalnum()] or [current[0][1]]
                tail = ""
                if letters[0]:
                    while current and not current[-1][1] and not current[-1][0].isalnum():
                        tail = current.pop()[0] + tail
                words.append(Word("".join(c for c, _ in current), letters[0], tail))
                current = []
        else:
            current.append((char, flag))
    return tuple(words)


def copy_text_units(path: Path) -> list[Unit]:
    """AL-2012: the dateline, the paragraphs and the heading, from the dateline to the colophon. A block that
    begins in lower case continues the sentence before it across one of the copy-text's page breaks (a blank
    line), and is joined to it. (Not "a block that ends without a full stop": the paragraph ending "*nil*" has none.)"""
    source = path.read_text(encoding="utf-8")
    body = source[source.index("Dmitrov, Russia"):source.index("## The Anarchist Library")]
    blocks = [block.strip() for block in re.split(r"\n\s*\n", body) if block.strip()]
    units: list[Unit] = []
    for block in blocks:
        if block.startswith("## "):
            units.append(Unit("head", words_of(block[3:], "*", "*")))
            continue
        words = words_of(block, "*", "*")
        if units and units[-1].kind == "p" and block[0].islower():
            units[-1] = Unit("p", units[-1].words + words)
        else:
            units.append(Unit("dateline" if not units else "p", words))
    return units


def muse_units(path: Path) -> list[Unit]:
    """AL-2019: the Muse file without its header lines; its <quote> is the dateline, "***" a heading."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    body = "\n".join(lines)
    units: list[Unit] = []
    quote = re.search(r"<quote>(.*?)</quote>", body, flags=re.S)
    if quote:
        units.append(Unit("dateline", words_of(" ".join(quote.group(1).split()), "<em>", "</em>")))
        body = body[:quote.start()] + body[quote.end():]
    for block in (block.strip() for block in re.split(r"\n\s*\n", body)):
        if not block:
            continue
        if block.startswith("*** "):
            units.append(Unit("head", words_of(block[4:], "<em>", "</em>")))
        else:
            units.append(Unit("p", words_of(" ".join(block.split()), "<em>", "</em>")))
    return units


def kinds_of(lemma: tuple[Word, ...], reading: tuple[Word, ...]) -> tuple[str, ...]:
    """What a difference is, from the most to the least superficial: dash, spacing, hyphenation,
    capitalisation, punctuation, wording; and italics when the italic words differ."""
    kinds: list[str] = []
    def flags(words: tuple[Word, ...]) -> list[tuple[str, bool]]:
        return [(c, w.italic) for w in words for c in w.text if c.isalnum()]
    ours, theirs = flags(lemma), flags(reading)
    if not ours and not theirs:
        ours, theirs = [(w.text, w.italic) for w in lemma], [(w.text, w.italic) for w in reading]
    # the italics of letters differ, or (words in step) of a word such as a dash
    by_word = len(lemma) == len(reading) and [w.italic for w in lemma] != [w.italic for w in reading]
    if ([c for c, _ in ours] == [c for c, _ in theirs] and ours != theirs) or (
            [c for c, f in ours if f] != [c for c, f in theirs if f]) or by_word:
        kinds.append("italics")
    a, b = render(lemma, ""), render(reading, "")
    if a == b:
        return tuple(kinds) or ("italics",)
    steps = [
        ("dash", lambda s: s.translate(DASHES)),
        ("spacing", lambda s: re.sub(r"\s+", "", s)),
        ("hyphenation", lambda s: s.replace("-", "")),
        ("capitalisation", str.lower),
        ("punctuation", lambda s: "".join(c for c in s if c not in PUNCTUATION)),
    ]
    for kind, step in steps:
        a, b = step(a), step(b)
        if a == b:
            return tuple([kind] + kinds)
    return tuple(["wording"] + kinds)


def collate(copy_text: list[Unit], witness: list[Unit]) -> list[Variant]:
    """Every difference between the two witnesses, unit by unit, with AL-2012's words as the lemma."""
    if [u.kind for u in copy_text] != [u.kind for u in witness]:
        raise ValueError("the witnesses do not have the same paragraphs: "
                         f"{[u.kind for u in copy_text]} against {[u.kind for u in witness]}")
    variants: list[Variant] = []
    for index, (ours, theirs) in enumerate(zip(copy_text, witness)):
        matcher = difflib.SequenceMatcher(a=ours.words, b=theirs.words, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                # A lone dash or stop is cited with the word before it, so that a reader can find it.
                if i1 > 0 and j1 > 0 and ours.words[i1 - 1] == theirs.words[j1 - 1] and not any(
                        c.isalnum() for word in ours.words[i1:i2] + theirs.words[j1:j2] for c in word.text):
                    i1, j1 = i1 - 1, j1 - 1
                lemma, reading = ours.words[i1:i2], theirs.words[j1:j2]
                variants.append(Variant(index, lemma, reading, kinds_of(lemma, reading)))
    return variants


def collate_files(copy_text: Path, witness: Path) -> list[Variant]:
    return collate(copy_text_units(copy_text), muse_units(witness))


# ---------------------------------------------------------------- TEI encoding

def _words_into(element: etree._Element, words: tuple[Word, ...], italic: str) -> None:
    """Words as the content of ``element``: runs of italic words as ``hi`` with the edition's italic rendition,
    a word's roman tail right after its ``hi``."""
    segments: list[list] = []  # [italic, text]
    for index, word in enumerate(words):
        space = " " if index else ""
        if segments and segments[-1][0] == word.italic and not (index and words[index - 1].tail):
            segments[-1][1] += space + word.text
        else:
            segments.append([word.italic, space + word.text])
        if word.tail:
            segments.append([False, word.tail])
    last: etree._Element | None = None
    for is_italic, text in segments:
        if is_italic:
            leading = text[: len(text) - len(text.lstrip(" "))]
            if last is None:
                element.text = (element.text or "") + leading
            else:
                last.tail = (last.tail or "") + leading
            last = etree.SubElement(element, f"{{{TEI_NS}}}hi", rendition=italic)
            last.text = text.lstrip(" ")
        elif last is None:
            element.text = (element.text or "") + text
        else:
            last.tail = (last.tail or "") + text


def list_app(variants: list[Variant], unit_ids: list[str], lemma_wit: str, reading_wit: str,
             italic: str) -> etree._Element:
    """The collation as a standoff ``listApp``: one ``app`` per variant, pointing to its unit with @corresp,
    AL-2012's words in ``lem`` and the other witness's in ``rdg``, the kinds in @type."""
    root = etree.Element(f"{{{TEI_NS}}}listApp", nsmap={None: TEI_NS}, type="collation")
    for variant in variants:
        app = etree.SubElement(root, f"{{{TEI_NS}}}app", type=" ".join(variant.kinds).replace(" ", "-"),
                               corresp=f"#{unit_ids[variant.unit]}")
        lem = etree.SubElement(app, f"{{{TEI_NS}}}lem", wit=lemma_wit)
        _words_into(lem, variant.lemma, italic)
        rdg = etree.SubElement(app, f"{{{TEI_NS}}}rdg", wit=reading_wit)
        _words_into(rdg, variant.reading, italic)
    return root


def encoded_variants(list_app_element: etree._Element) -> list[tuple[str, str, str, str]]:
    """What an encoded ``listApp`` says: (unit pointer, type, lemma, reading) per app, italics as ``*…*``."""
    def text(element: etree._Element | None) -> str:
        if element is None:
            return ""
        parts = [element.text or ""]
        for child in element:
            parts.append(f"*{child.text or ''}*" if etree.QName(child).localname == "hi" else (child.text or ""))
            parts.append(child.tail or "")
        return re.sub(r"\*( +)\*", r"\1", " ".join("".join(parts).split()))
    ns = {"t": TEI_NS}
    return [(app.get("corresp"), app.get("type"), text(app.find("t:lem", ns)), text(app.find("t:rdg", ns)))
            for app in list_app_element.findall("t:app", ns)]


# ---------------------------------------------------------------- the edition's collation

ITALIC = "#ltw-italic"
COPY_TEXT_SIGLUM, WITNESS_SIGLUM = "#AL-2012", "#AL-2019"
LIST_APP = re.compile(r'<listApp type="collation" xml:id="ltw-collation"(?:/>|>.*?</listApp>)', re.S)


def unit_ids(tei: etree._ElementTree) -> list[str]:
    """The identifiers of the edition's units in reading order: the dateline, each paragraph and heading of the
    texts that transcribe the copy-text (not the introduction, not the apparatus)."""
    ns = {"t": TEI_NS}
    texts = tei.xpath("/t:TEI/t:text/t:group/t:text | /t:TEI/t:text[not(t:group)]", namespaces=ns)
    return [element.get("{http://www.w3.org/XML/1998/namespace}id") for text in texts
            for element in text.xpath(".//t:body//*[self::t:dateline or self::t:head or self::t:p]", namespaces=ns)]


def edition_list_app(tei_path: Path, copy_text: Path, witness: Path) -> etree._Element:
    """The collation of AL-2012 with AL-2019 as the edition encodes it, keyed to the edition's units."""
    ids = unit_ids(etree.parse(str(tei_path)))
    units = copy_text_units(copy_text)
    if len(ids) != len(units) or None in ids:
        raise ValueError(f"{tei_path}: {len(ids)} units with identifiers against {len(units)} in the copy-text")
    element = list_app(collate(units, muse_units(witness)), ids, COPY_TEXT_SIGLUM, WITNESS_SIGLUM, ITALIC)
    element.set("{http://www.w3.org/XML/1998/namespace}id", "ltw-collation")
    head = etree.Element(f"{{{TEI_NS}}}head")
    head.text = "AL-2012 compared with AL-2019, word by word"
    element.insert(0, head)
    return element


def write_into(tei_path: Path, element: etree._Element, indent: str = "        ") -> bool:
    """Put ``element`` in place of the TEI's collation listApp, leaving every other byte of the file as it is.
    Returns whether the file changed."""
    etree.indent(element, space="  ", level=len(indent) // 2)
    for reading in element.iter(f"{{{TEI_NS}}}lem", f"{{{TEI_NS}}}rdg"):  # readings are mixed content: unindent
        if reading.text is not None and not reading.text.strip():
            reading.text = None
        for child in reading:
            if child.tail is not None and not child.tail.strip():
                child.tail = None
    xml = etree.tostring(element, encoding="unicode").replace(f' xmlns="{TEI_NS}"', "")
    source = tei_path.read_text(encoding="utf-8")
    if not LIST_APP.search(source):
        raise ValueError(f'{tei_path}: no <listApp type="collation" xml:id="ltw-collation"> to fill')
    updated = LIST_APP.sub(lambda _: xml, source, count=1)
    if updated != source:
        tei_path.write_text(updated, encoding="utf-8")
    return updated != source
