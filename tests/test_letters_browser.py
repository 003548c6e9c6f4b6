"""A correspondence's letters table in the real Chromium, from file://: complete without script, and the
site's script sorts it by any column and filters it by a word."""

from __future__ import annotations

import pytest

from corpus_support import synthetic_corpus
from editio.build import build_edition

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def letters_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("correspondence")
    corpus = synthetic_corpus(folder / "letters", 14)
    build_edition([corpus], out=folder / "out", only=["html"], validate=False, jobs=1)
    return folder / "out" / "html" / "letters" / "index.html"


def _dates(page) -> list[str]:
    return page.eval_on_selector_all("table.letters tbody tr:not([hidden]) td:first-child",
                                     "cells => cells.map(c => c.getAttribute('data-sort'))")


def test_the_letters_table_sorts_by_a_column_and_filters_by_a_word(chromium, letters_page):
    context = chromium.new_context(java_script_enabled=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(letters_page.as_uri(), wait_until="load")
    in_date_order = _dates(page)
    assert in_date_order == sorted(in_date_order) and len(in_date_order) >= 12
    page.click("table.letters th:nth-child(1) button.sort")  # ascending
    page.click("table.letters th:nth-child(1) button.sort")  # descending
    assert _dates(page) == sorted(in_date_order, reverse=True)
    assert page.get_attribute("table.letters th:nth-child(1)", "aria-sort") == "descending"
    senders = page.eval_on_selector_all("table.letters tbody td:nth-child(3)", "cells => cells.map(c => c.textContent)")
    sender = next(name for name in senders if name.strip())
    page.fill(".letters-filter input", sender)
    shown = page.eval_on_selector_all("table.letters tbody tr:not([hidden]) td:nth-child(3)",
                                      "cells => cells.map(c => c.textContent)")
    assert shown and len(shown) < len(in_date_order)
    assert " of " in page.inner_text(".letters-filter .count")
    assert errors == []
    context.close()


def test_without_script_the_table_is_complete_and_has_no_controls(chromium, letters_page):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(letters_page.as_uri(), wait_until="load")
    assert len(_dates(page)) >= 12
    assert page.query_selector(".letters-filter") is None and page.query_selector("button.sort") is None
    context.close()
