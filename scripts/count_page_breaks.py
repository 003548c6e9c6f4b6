#!/usr/bin/env python3
"""Recount the words around the copy-text's page breaks, the figures the edition's segmentation
declaration states (tests/test_page_breaks.py runs this script and compares).

The copy-text (AL-2012) prints no page numbers. A blank line that splits a sentence (the next block begins
in lower case) is one of its page breaks; "What to do?" is on page 6 by its contents line. Words are
whitespace-separated tokens from the dateline on, Markdown marks ("##", "*") left out.

Usage: scripts/count_page_breaks.py [COPY-TEXT]   (default ../shared/source/letter-to-the-workers-of-western-europe.txt)
Prints one "name: value" line per figure.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "source" / "letter-to-the-workers-of-western-europe.txt"


def counts(path: Path) -> dict[str, int]:
    source = path.read_text(encoding="utf-8")
    body = source[source.index("Dmitrov, Russia"):source.index("## The Anarchist Library")]
    words: list[str] = []
    breaks: list[int] = []
    heading = -1
    for block in (block.strip() for block in re.split(r"\n\s*\n", body)):
        if not block:
            continue
        if block[0].islower():
            breaks.append(len(words))
        if block.startswith("## "):
            heading, block = len(words), block[3:]
        words += block.replace("*", "").split()
    if len(breaks) != 2 or heading < 0:
        raise SystemExit(f"{path}: expected two page breaks and the heading 'What to do?', found {len(breaks)} and "
                         f"{'one' if heading >= 0 else 'none'}")
    return {
        "words": len(words),
        "dateline-to-first-break": breaks[0],
        "first-break-to-what-to-do": heading - breaks[0],
        "first-break-to-second-break": breaks[1] - breaks[0],
    }


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.exists():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    for name, value in counts(path).items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
