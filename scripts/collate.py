#!/usr/bin/env python3
"""Collate the copy-text (AL-2012) with AL-2019 and write the result into the edition's TEI, as the standoff
listApp xml:id="ltw-collation" (nothing else in the file changes). tests/test_collation.py checks that the
encoded collation is what this computes.

Usage: scripts/collate.py [--check]   (--check: exit 1 if the TEI is not up to date, write nothing)
"""

from __future__ import annotations

import sys
from pathlib import Path

from editio.collation import edition_list_app, write_into

ROOT = Path(__file__).resolve().parents[1]
TEI = ROOT / "tei" / "letter-to-the-workers-of-western-europe.xml"
SOURCE = ROOT.parent / "shared" / "source"


def main(argv: list[str]) -> int:
    element = edition_list_app(TEI, SOURCE / "letter-to-the-workers-of-western-europe.txt",
                               SOURCE / "witnesses" / "anarchist-library-2019.muse")
    if "--check" in argv:
        import tempfile
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / TEI.name
            copy.write_bytes(TEI.read_bytes())
            stale = write_into(copy, element)
        print(f"{TEI}: collation {'out of date' if stale else 'up to date'}")
        return 1 if stale else 0
    changed = write_into(TEI, element)
    print(f"{TEI}: {len(element) - 1} variants, {'written' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
