"""Time per document of the per-document outputs (reading page, "about" page, records, plain text) as an
edition grows: it should stay flat, since a document's transform gets only its document and a compact
index (``Edition.context_xml``), not the whole edition.

    python benchmarks/many_documents.py [--counts 4,16,64] [--src DIR]

Makes editions of N copies of the letter (each its own id; the ids inside left out so that they stay
unique) beside the edition's register, renders every document's html and text outputs as ``editio
build`` does, and prints the mean seconds per document. ``--src`` times another checkout's ``src``
(e.g. main, whose transforms got the whole edition as their context).
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


def copies(count: int, folder: Path) -> None:
    letter = (ROOT / "tei" / "letter-to-the-workers-of-western-europe.xml").read_text(encoding="utf-8")
    start = letter.index("<text")
    body = re.sub(r'\sxml:id="[^"]*"', "", letter[start:])
    header = letter[:start]
    header = re.sub(r'(<(?:listBibl|bibl|orgName|rendition|note)\b[^>]*?)\sxml:id="([^"]*)"', r"\1", header)
    for number in range(count):
        text = header.replace('xml:id="letter-to-the-workers-of-western-europe"', f'xml:id="letter-{number:04}"', 1)
        (folder / f"letter-{number:04}.xml").write_text(text + body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="4,16,64", help="edition sizes in documents, comma-separated")
    parser.add_argument("--src", default=str(ROOT / "src"), help="the editio source folder to time")
    arguments = parser.parse_args()
    sys.path.insert(0, arguments.src)
    from editio.build import BuildOptions
    from editio.edition import load_edition
    try:
        from editio.builders import run_of
    except ImportError:  # an editio from before the builders' run context (``--src`` of an older tree)
        run_of = None

    options = BuildOptions()
    print(f"editio from {arguments.src}")
    print(f"{'documents':>9} {'total s':>8} {'s per document':>15}")
    for count in (int(c) for c in arguments.counts.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            edition_dir = Path(folder)
            shutil.copy(ROOT / "editio.toml", edition_dir)
            (edition_dir / "tei").mkdir()
            shutil.copy(ROOT / "tei" / "register.xml", edition_dir / "tei")
            copies(count, edition_dir / "tei")
            edition = load_edition([edition_dir / "tei"])
            if run_of is None:
                from editio.build import builder
                html, text = builder("html"), builder("text")
                list(html.render_document(edition, edition.texts[0], options))  # compile, parse the index
                started = time.perf_counter()
                for document in edition.texts:
                    list(html.render_document(edition, document, options))
                    list(text.render_document(edition, document, options))
            else:
                with run_of(edition, options) as run:
                    list(run.take("html", edition.texts[0]))  # compile, parse the index
                    run.forget(edition.texts[0])
                    started = time.perf_counter()
                    for document in edition.texts:
                        list(run.take("html", document))
                        list(run.take("text", document))
                        run.forget(document)
            seconds = time.perf_counter() - started
            print(f"{count:>9} {seconds:8.2f} {seconds / count:15.3f}", flush=True)


if __name__ == "__main__":
    main()
