"""The register pages of the web edition, for an edition of one letter or of thousands.

The entries are the edition's one register (``Edition.register``, in the index as ``<ed:register>``);
where the texts name them comes from mentions, ``<ed:facts id="document"><ed:mention ref kind anchor
label>name</ed:mention></ed:facts>``, which ``xslt/html/register.xsl`` resolves. Up to
``edition.REGISTER_ONE_PAGE_LIMIT`` entries, each kind is one page with every entry in full
(``register/persons.html#kropotkin``); above it, each kind's page lists its entries with their counts,
and each entry has a page of its own with every letter that names it
(``register/persons/<key>.html``), made in one transformation.
"""

from __future__ import annotations

from typing import Iterator

from .builders.base import Output, Placed, Run
from .transform import parse_xml, stylesheet

STYLESHEET = "html.xsl"
_WEB_NS = "{urn:editio:web}"


def mentions(all_facts: list[bytes]):
    """``edition_pages.mentions_xml`` as a Saxon tree: what the register pages read beside the index."""
    from .edition_pages import mentions_xml
    return parse_xml(mentions_xml(all_facts))


def render_register_pages(run: Run, pages: list, date, inputs=None, cache=None,
                          **parameters) -> Iterator[Output | Placed]:
    """``register/<kind>.html`` for each kind the register has (and, for a large register, a page
    per entry); each page is added to ``pages`` (the sitemap's list) with ``date``. ``parameters``
    go to every page (as the site's other pages get them). With a build's ``cache``
    (``edition_pages.PageCache``), a page whose inputs (``inputs``, ``edition_pages.PageInputs``)
    did not change is linked from it, not made again."""
    from .edition_pages import PageInputs, entry_keys, kept_pages, render_entry_pages

    inputs = inputs or PageInputs(run)
    settings = repr(sorted(parameters.items()))

    def kind_pages() -> Iterator[Output]:
        html = stylesheet(STYLESHEET)  # compiled only when a page is made
        for kind in run.edition.register_kinds:
            # the compact index with the facts (the register and the document list, not the texts);
            # the mentions apart
            result = html.call(f"{_WEB_NS}register-page", inputs.plain, kind=kind, mentions=inputs.mentions,
                               **parameters)
            if result.content.strip():
                yield Output(f"register/{kind}.html", result.content, tuple(result.messages))
    for output in kept_pages(cache, inputs.hash(inputs.mentions_key, "register pages", settings), kind_pages):
        pages.append((output.path, date))
        yield output
    if run.edition.register_layout != "entries":
        return
    from .edition_pages import entry_key, keep_entry_keys
    keys = entry_keys(inputs, cache, parameters)
    # the entry pages are kept together, in one entry of the cache (``PageCache.keep_group``), named by
    # a value kept under what every entry page's key holds (``plain``) and the pages' parameters
    group_named = inputs.hash(inputs.plain_key, "entry page group", settings)
    if keys is None:  # every entry page is new: made with what each is kept under, in one pass
        made = render_entry_pages(inputs, None, parameters, with_inputs=True)
        keys = [(path, entry_key(inputs, path, material, settings)) for path, material, _ in made]
        keep_entry_keys(inputs, cache, parameters, keys)
        pages_made = {path: page for path, _, page in made}
        found = {}
    else:
        group = _last_group(cache, group_named)
        found = {path: group.get(key) for path, key in keys}
        pages_made = {path: page for path, _, page in render_entry_pages(
            inputs, [path for path, _ in keys if found.get(path) is None], parameters)}
    if cache is None:
        for path, _ in keys:
            pages.append((path, date))
            yield pages_made[path]
        return
    if all(found.get(path) is not None for path, _ in keys):
        kept = {key: cache.kept_from(found[path]) for path, key in keys}
    else:  # some made now: every entry page in a new group, the ones found linked, not made again
        for path, _ in keys:
            if found.get(path) is not None:
                cache.kept_from(found[path])
        group_key = inputs.hash(group_named, *(key for _, key in keys))
        kept = cache.keep_group(group_key, {key: found.get(path) or [pages_made[path]] for path, key in keys})
        cache.keep_value(group_named, group_key.encode("utf-8"))
    for path, key in keys:
        pages.append((path, date))
        yield from kept[key]


def _last_group(cache, named: str) -> dict:
    """The entry pages of the group the last build kept with this ``plain`` (key → its pages), or none."""
    name = cache.value(named) if cache is not None else None
    return (cache.group(name.decode("utf-8")) if name else None) or {}
