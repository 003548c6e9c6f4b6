"""Time to render one large document (HTML reading page + plain text) as it grows: linear, not quadratic.

    python benchmarks/large_document.py [--sizes 1,2,4] [--src DIR]

Generates TEI documents of about 1, 2 and 4 MB (the letter's body repeated, its ids left out so that
they stay unique, notes, choices, names and page breaks included) beside the edition's register, then
prints for each size the seconds html.xsl and text.xsl take on it, and the time per MB. Numbering
(notes, paragraphs, ids) is done by accumulators, one pass per document; with ``xsl:number
level="any"`` per element it grew with the square of the size. ``--src`` runs another checkout's
``src`` (e.g. main before the change) for comparison.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def large_tei(megabytes: float) -> str:
    """The letter with its body repeated until the document is about ``megabytes`` MB."""
    letter = (ROOT / "tei" / "letter-to-the-workers-of-western-europe.xml").read_text(encoding="utf-8")
    start, end = letter.index("<body>") + len("<body>"), letter.index("</body>")
    body = re.sub(r'\sxml:id="[^"]*"', "", letter[start:end])
    copies = max(1, round((megabytes * 1_000_000 - len(letter)) / len(body.encode("utf-8"))) + 1)
    return letter[:start] + body * copies + letter[end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4", help="document sizes in MB, comma-separated")
    parser.add_argument("--src", default=str(ROOT / "src"), help="the editio source folder to time")
    arguments = parser.parse_args()
    sys.path.insert(0, arguments.src)
    from editio.edition import load_edition
    from editio.transform import stylesheet

    html, text = stylesheet("html.xsl"), stylesheet("text.xsl")
    print(f"editio from {arguments.src}")
    print(f"{'size':>8} {'html s':>8} {'text s':>8} {'html s/MB':>10} {'text s/MB':>10}")
    with tempfile.TemporaryDirectory() as folder:
        edition_dir = Path(folder)
        shutil.copy(ROOT / "editio.toml", edition_dir)
        (edition_dir / "tei").mkdir()
        shutil.copy(ROOT / "tei" / "register.xml", edition_dir / "tei")
        for size in (float(s) for s in arguments.sizes.split(",")):
            source = edition_dir / "tei" / "letter-to-the-workers-of-western-europe.xml"
            source.write_text(large_tei(size), encoding="utf-8")
            megabytes = source.stat().st_size / 1_000_000
            edition = load_edition([edition_dir / "tei"])
            document = edition.document("letter-to-the-workers-of-western-europe")
            node, index = edition.saxon_document(document), edition.saxon_index
            started = time.perf_counter()
            html.apply(node, index, metadata_files="", has_pdf=False)
            html_seconds = time.perf_counter() - started
            started = time.perf_counter()
            text.apply(node, index, reading="corrected")
            text_seconds = time.perf_counter() - started
            print(f"{megabytes:7.2f}M {html_seconds:8.2f} {text_seconds:8.2f} "
                  f"{html_seconds / megabytes:10.2f} {text_seconds / megabytes:10.2f}", flush=True)


if __name__ == "__main__":
    main()
