"""The web edition's edition-wide pages of the Tillich corpus, in one process: what a cold build and
each kind of rebuild makes of them (``src/editio/edition_pages.py``).

    python benchmarks/edition_pages.py [--runs 2]

Prints, after the letters' facts are made (in this process): the site's pages (home, letters pages,
"about" index, 404); each kind's register page; every register entry page in one transformation with
the whole facts edition as context, as the build made them before they were kept per page; the same
with each page's cache key in the same pass, as a cold build makes them now; the keys alone (what a
rebuild after a changed name runs) and three entry pages (what it then makes). A rebuild after a
changed letter body makes none of them (``tests/test_edition_pages.py``). Wall seconds; the machine
may be shared, so compare figures of one run.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LETTERS = ROOT.parent / "shared" / "corpora" / "tillich-briefe" / "letters"
WEB = "{urn:editio:web}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    arguments = parser.parse_args()
    from editio.builders import run_of
    from editio.edition import load_edition
    from editio.edition_pages import PageInputs, entry_keys, render_entry_pages
    from editio.transform import stylesheet

    edition = load_edition([LETTERS], keep_going=True)
    with run_of(edition) as run:
        started = time.perf_counter()
        run.all_facts()
        print(f"facts of {len(edition.texts)} letters made: {time.perf_counter() - started:.1f} s")
        html = stylesheet("html.xsl")
        inputs = PageInputs(run)
        parameters = {"has_search": False}
        for attempt in range(1, arguments.runs + 1):
            timings = {}

            def timed(label, work):
                started = time.perf_counter()
                result = work()
                timings[label] = time.perf_counter() - started
                return result
            timed("the facts edition without mentions, parsed", lambda: inputs.plain)
            timed("site pages (home, letters, about index, 404)", lambda: [
                html.call(f"{WEB}{name}", inputs.plain, has_search=False)
                for name in ("home-page", "letters-page", "calendar-page", "correspondents-page", "places-page",
                             "about-index-page", "not-found-page")])
            timed("register kind pages", lambda: [
                html.call(f"{WEB}register-page", inputs.plain, kind=kind, mentions=inputs.mentions, has_search=False)
                for kind in edition.register_kinds])
            before = timed("entry pages, one transformation, whole facts edition (before)", lambda: html.call_values(
                f"{WEB}entry-pages", run.pages_index, mentions=inputs.mentions, has_search=False)[0])
            after = timed("entry pages with their keys, one pass (a cold build now)",
                          lambda: render_entry_pages(inputs, None, parameters, with_inputs=True))
            inputs.plain_kept = True
            keys = timed("entry keys alone (a rebuild after a changed name)",
                         lambda: entry_keys(inputs, None, parameters))
            timed("three entry pages (what that rebuild then makes)",
                  lambda: render_entry_pages(inputs, [path for path, _ in keys[:3]], parameters))
            same = [page.content for _, _, page in after] == [page.encode("utf-8") for page in before[1::2]]
            print(f"run {attempt}: {len(after)} entry pages, the same bytes before and after: {same}")
            for label, seconds in timings.items():
                print(f"  {label:<66} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
