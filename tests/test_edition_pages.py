"""The edition-wide pages of a corpus (home, letters pages, register pages, one per entry) are kept in
the build's cache under what each is made from, and made again only when that changed
(``edition_pages.py``); what is kept is byte for byte what a fresh build makes."""

from __future__ import annotations

import re

import lxml.html
import pytest

from corpus_support import output_tree, synthetic_corpus
from editio.build import build_edition
from editio.facts import FULL_TEXTS_BELOW

MADE, KEPT = "edition-wide pages made: html", "edition-wide pages kept: html"


def build(letters, out, **options):
    return build_edition([letters], out=out, only=["html"], validate=False, jobs=1, **options)


def edition_wide(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {path: content for path, content in tree.items()
            if path.startswith(("html/register/", "html/letters/")) or path in ("html/index.html", "html/404.html")}


@pytest.mark.slow
def test_a_changed_body_remakes_no_edition_wide_page_and_a_changed_name_only_the_pages_that_list_it(tmp_path):
    # from this many letters on the edition-wide pages read the facts alone, not the texts
    letters = synthetic_corpus(tmp_path / "letters", FULL_TEXTS_BELOW)
    out = tmp_path / "out"
    first = build(letters, out)
    entry_pages = [path for path in output_tree(out) if re.fullmatch(r"html/register/persons/.+\.html", path)]
    assert len(entry_pages) > 200 and first.stages[KEPT] == 0 and first.stages[MADE] > len(entry_pages)
    before = output_tree(out)

    # a letter's body changes, not its facts: every edition-wide page is kept
    changed = sorted((letters / "letters").glob("*.xml"))[3]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("</p>", " Zwischenruf</p>", 1), encoding="utf-8")
    body = build(letters, out)
    assert body.stages[MADE] == 0 and body.stages[KEPT] == first.stages[MADE]
    assert edition_wide(output_tree(out)) == edition_wide(before)

    # one name in it now points to a person no letter named: that person's page and the one it named
    # before are made again (and the kinds' pages, which count the mentions); no other page
    corpus = "".join(path.read_text(encoding="utf-8") for path in (letters / "letters").glob("*.xml"))
    named = {int(n) for n in re.findall(r'ref="#person(\d+)"', corpus)}
    nobody = min(set(range(400)) - named)
    body_text = changed.read_text(encoding="utf-8")
    mention = re.search(r'<p>[^<]*(?:<(?!/p)[^>]*>[^<]*)*?<persName ref="#person(\d+)"', body_text)
    old = int(mention[1])
    at = mention.end() - len(f'#person{old}"')
    changed.write_text(body_text[:at] + f'#person{nobody}"' + body_text[mention.end():], encoding="utf-8")
    renamed = build(letters, out)
    kinds = [path for path in output_tree(out) if re.fullmatch(r"html/register/[^/]+\.html", path)
             and not path.endswith("/index.html")]
    assert renamed.stages[MADE] == len(kinds) + 2
    page = lxml.html.fromstring((out / f"html/register/persons/person{nobody}.html").read_bytes())
    document_id = changed.stem
    assert any(href.startswith(f"../../{document_id}.html#") for href in page.xpath("//ul[@class='occurrences']//a/@href"))

    # what the cache kept and what it made are what a fresh build makes
    build(letters, tmp_path / "fresh", fresh=True)
    assert output_tree(tmp_path / "fresh") == output_tree(out)


def test_pages_outside_a_build_are_all_made(tmp_path):
    """A run without a build (tests, benchmarks) has no cache: the site's collect makes every page."""
    from editio.builders import run_of
    from editio.edition import load_edition

    letters = synthetic_corpus(tmp_path / "letters", 3)
    with run_of(load_edition([letters])) as run:
        made = {output.path for output in run.builder("html").collect(run)}
    assert "index.html" in made and "register/persons.html" in made
    assert any(path.startswith("register/persons/") for path in made)
