"""What a letter's metadata records cost, format by format, in one warm process.

    python benchmarks/metadata_records.py [LETTERS_FOLDER] [--letters 100] [--rounds 3]

Default folder: the Tillich correspondence in ../shared. Prints, per letter, the time of each
format's stylesheet run on its own (what a build did before ``xslt/records.xsl``), of the set facts
and CMIF entry (catalogue.xsl), of giving the document a Saxon tree of its own, and of
``render_records`` (every record in one transformation) and of ``render_facts_and_records`` (the
facts too, as a build asks), with the best of ``--rounds`` for each, and checks that every way
gives the same bytes. Processor time of this process (Saxon runs in it):
on a shared machine, wall-clock time measures the neighbours too.
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TILLICH = ROOT.parent / "shared" / "corpora" / "tillich-briefe" / "letters"


def main() -> None:
    from editio.edition import load_edition
    from editio.metadata import (DOCUMENT_FORMATS, identifier_parameters, record_facts, render_facts_and_records,
                                 render_records)
    from editio.transform import stylesheet

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=TILLICH)
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    paths = sorted(arguments.folder.glob("*.xml"))
    step = max(1, len(paths) // arguments.letters)
    edition = load_edition(paths[::step][:arguments.letters], keep_going=True)
    documents = edition.texts
    for document in documents[:3]:  # compile every stylesheet, warm Saxon
        render_records(edition, document, "2024-01-01")
        record_facts(edition, document)

    best: dict[str, float] = {}
    same = True
    for _ in range(arguments.rounds):
        cost: collections.Counter = collections.Counter()
        for document in documents:
            started = time.process_time()
            node = edition.document_node(document)
            cost["the document's own Saxon tree"] += time.process_time() - started
            separately = {}
            for chosen in DOCUMENT_FORMATS:
                started = time.process_time()
                separately[chosen.name] = stylesheet(chosen.stylesheet).apply(
                    node, edition.saxon_context, record_date="2024-01-01",
                    **identifier_parameters(edition, document)).content
                cost[chosen.name] += time.process_time() - started
            started = time.process_time()
            record_facts(edition, document)
            cost["set facts and CMIF entry (catalogue.xsl)"] += time.process_time() - started
            started = time.process_time()
            together = render_records(edition, document, "2024-01-01")
            cost["render_records (records.xsl, one transformation)"] += time.process_time() - started
            started = time.process_time()
            facts, with_facts = render_facts_and_records(edition, document, "2024-01-01")
            cost["render_facts_and_records (the same, and the facts)"] += time.process_time() - started
            same = same and together == separately == with_facts and facts == record_facts(edition, document)
        for name, seconds in cost.items():
            best[name] = min(best.get(name, seconds), seconds)
    every = sum(best[f.name] for f in DOCUMENT_FORMATS)
    print(f"{len(documents)} letters from {arguments.folder}, best of {arguments.rounds} rounds, ms per letter:")
    for name, seconds in sorted(best.items(), key=lambda pair: -pair[1]):
        print(f"  {name:42s} {1000 * seconds / len(documents):6.2f}")
    print(f"  {'every format, each on its own':42s} {1000 * every / len(documents):6.2f}")
    print(f"render_records / every format on its own: {best['render_records (records.xsl, one transformation)'] / every:.2f}"
          f"; the same bytes: {same}")


if __name__ == "__main__":
    main()
