"""The build's notes for people: the stylesheets leave one note per element and output; a corpus
of a thousand letters would print thousands. Notes of one kind become one line that names each
element (or pointer) once, with how often it occurs and where it is first found (``file:line:col``).

    note: 9 elements without a rule: msDesc ×50 (L00001.xml:38:13), …

``--verbose`` prints every note instead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .documents import Document

_NOTE = re.compile(r"^(?P<output>[\w-]+): (?P<document>[^:\s]+): (?P<text>.*)$", re.S)


@dataclass(frozen=True)
class _Kind:
    """A kind of note: the pattern of its text (its ``key`` group names the element or pointer), the
    summary line's words, and how to find the first place it stands in a source."""

    pattern: re.Pattern
    label: str
    attribute: str | None  # None: ``key`` is an element name; else the attribute that holds ``key``


# Items named on a summary line, the most frequent first.
SHOWN = 12

KINDS = (
    _Kind(re.compile(r"^no rule for the element (?P<key>[\w:.-]+);"), "elements without a rule", None),
    _Kind(re.compile(r'^"(?P<key>[^"]*)" names no entry of the edition\'s register'),
          "pointers to no register entry (the names are shown unlinked)", "ref"),
    _Kind(re.compile(r'^the target "(?P<key>[^"]*)" of a \w+ is not in the edition'),
          "link targets not in the edition (shown as text)", "target"),
)


def summarise(notes: Iterable[str], documents: Iterable[Document]) -> list[str]:
    """One line per kind of note that ``KINDS`` knows, the other notes once each, in first-seen order."""
    by_id = {document.id: document for document in documents}
    # (kind, key) → occurrences in each output (the largest count is how often it occurs: the site
    # and the text note the same element), and the first document that noted it
    counts: dict[tuple[int, str], Counter] = {}
    first: dict[tuple[int, str], str] = {}
    others: list[str] = []
    for note in notes:
        parsed = _NOTE.match(note)
        kind_and_match = next(((number, m) for number, kind in enumerate(KINDS)
                               if parsed and (m := kind.pattern.match(parsed["text"]))), None)
        if kind_and_match is None:
            others.append(note)
            continue
        number, match = kind_and_match
        key = (number, match["key"])
        counts.setdefault(key, Counter())[parsed["output"]] += 1
        first.setdefault(key, parsed["document"])
    lines = []
    for number, kind in enumerate(KINDS):
        keys = sorted((key for key in counts if key[0] == number),
                      key=lambda key: (-max(counts[key].values()), key[1]))
        if not keys:
            continue
        items = [f"{key[1]} ×{max(counts[key].values())} ({_where(by_id.get(first[key]), kind, key[1])})"
                 for key in keys[:SHOWN]]
        more = f", and {len(keys) - SHOWN} more (--verbose lists every note)" if len(keys) > SHOWN else ""
        lines.append(f"{len(keys)} {kind.label}: {', '.join(items)}{more}")
    return lines + list(dict.fromkeys(others))


def _where(document: Document | None, kind: _Kind, key: str) -> str:
    """``file:line:column`` of the first element the note is about in ``document`` (else its file)."""
    if document is None:
        return "?"
    if kind.attribute is None:
        found = next((e for e in document.root.iter() if isinstance(e.tag, str)
                      and e.tag.rpartition("}")[2] == key), None)
    else:
        found = next((e for e in document.root.iter() if isinstance(e.tag, str) and e.get(kind.attribute) == key),
                     None)
    if found is None:
        return document.path.name
    line, column = document.position(found)
    return f"{document.path.name}:{line}:{column}"
