"""The work of one document, in one process: what a build's task costs a letter, by stylesheet.

    python benchmarks/per_document.py [FOLDER] [--outputs html,text] [--documents 100]

Loads the edition at FOLDER (default: the Tillich letters in ``../shared``), makes each document's
task as a build does (its bytes and its slice of the compact index, ``document_context.py``) and runs
``executor.render_task`` on the first N documents in this process (the first one untimed: it compiles
the stylesheets). Prints, per document, wall and processor time (the machine may be shared: processor
time moves less with the load) and the time spent in the stylesheets, then per call of ``html.xsl``,
``text.xsl`` and of the metadata stylesheets.
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

from editio import executor, transform
from editio.builders.base import BuildOptions
from editio.edition import load_edition

TILLICH = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "tillich-briefe" / "letters"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(TILLICH))
    parser.add_argument("--outputs", default="html,text")
    parser.add_argument("--documents", type=int, default=100)
    arguments = parser.parse_args()
    spent: collections.Counter = collections.Counter()
    calls: collections.Counter = collections.Counter()
    run = transform.Stylesheet._run

    def timed(self, *args):
        started = time.process_time()
        try:
            return run(self, *args)
        finally:
            spent[self.path.name] += time.process_time() - started
            calls[self.path.name] += 1
    transform.Stylesheet._run = timed

    edition = load_edition([arguments.folder], keep_going=True)
    outputs = tuple(arguments.outputs.split(","))
    executor._install(executor.Shared(edition.config, BuildOptions(outputs=outputs), outputs, None))
    tasks = [executor.document_task(edition, d) for d in edition.texts[:arguments.documents]]
    executor.render_task(tasks[0])
    spent.clear()
    calls.clear()
    wall, processor = time.perf_counter(), time.process_time()
    for task in tasks[1:]:
        executor.render_task(task)
    wall, processor = time.perf_counter() - wall, time.process_time() - processor
    count = max(len(tasks) - 1, 1)
    print(f"{count} documents: {1000 * wall / count:.1f} ms wall, {1000 * processor / count:.1f} ms processor "
          f"a document; stylesheets {1000 * sum(spent.values()) / count:.1f} ms processor")
    for name in ("html.xsl", "text.xsl"):
        if calls[name]:
            print(f"  {name:<22} {1000 * spent[name] / calls[name]:6.2f} ms a call ({calls[name]} calls)")
    others = [name for name in calls if name not in ("html.xsl", "text.xsl")]
    if others:
        total = sum(calls[name] for name in others)
        print(f"  {'metadata stylesheets':<22} {1000 * sum(spent[name] for name in others) / total:6.2f} ms a call "
              f"({total} calls)")


if __name__ == "__main__":
    main()
