"""The web edition's edition-wide pages, each kept under exactly what it is made from.

The home page, the letters pages, the register's pages (one per entry for a large register) and the
other edition-wide pages are made from every text's facts (``facts.py``), never from the texts. A
letter whose body changes leaves its facts as they were, and so every one of these pages; a letter
whose names change changes the lists of the entries it names. So each page, or group of pages, is
kept in the per-document cache (``cache.DocumentCache``, its bytes in the ``BlobStore``) under a key
of what it is made from, and made again only when that changed:

* the site's pages (home, letters pages, "about" index, register index, 404, search): ``plain``, the
  compact index with every text's facts without their mentions, and ``shared``, what every page of
  a build shares (editio's code, settings, stylesheets, options, engines);
* each kind's register page: those and every mention (it counts each entry's);
* each entry's own page: those and the mentions that name that entry, as the register stylesheet
  resolves them (``web:entry-inputs``).

A page is made from what its key holds and nothing else: every page gets ``plain`` as its context,
never the facts with their mentions, and the register's pages get the mentions apart; so a key
cannot leave out an input. Outside a build (no cache: tests, benchmarks) every page is made.
"""

from __future__ import annotations

import json
import re
from typing import Callable, Iterable, Iterator

from lxml import etree

from .builders.base import Output, Placed, Run
from .edition import EDITIO_NS
from .transform import parse_xml, stylesheet

STYLESHEET = "html.xsl"
_WEB_NS = "{urn:editio:web}"
_MENTION = f"{{{EDITIO_NS}}}mention"
# A mention in a text's facts as facts.xsl writes it (its name as text, no markup inside): what the
# key of the pages that read no mention leaves out. Whatever it would not match stays in the key.
_MENTIONS = re.compile(rb"<ed:mention\b[^>]*?(?:/>|>[^<]*</ed:mention>)")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, collect_ids=False)
# The builder name the pages are kept under in the per-document cache.
KEPT_AS = "html"


def mentions_xml(all_facts: list[bytes]) -> bytes:
    """Where every text names an entry: every text's facts (``facts.py``, kept per document in the
    build cache) with their ``<ed:mention>``s, in one ``<ed:mentions>``; no text is read again."""
    return b'<ed:mentions xmlns:ed="urn:editio">' + b"".join(all_facts) + b"</ed:mentions>"


class PageCache:
    """The build's store of edition-wide pages: looked up and kept by key, the keys this build used
    remembered so that the cache keeps them (``DocumentCache.keep_only``)."""

    def __init__(self, store, fresh: bool = False) -> None:
        self.store = store  # a cache.DocumentCache
        self.fresh = fresh
        self.used: set[str] = set()
        self.made = 0  # pages made in this build, and pages found in the cache (the build's stages)
        self.kept = 0

    def rows(self, key: str) -> list[Placed] | None:
        """The pages kept under ``key``, as files to link, or None."""
        found = None if self.fresh else self.store.rows(key)
        if found is None:
            return None
        self.used.add(key)
        rows = [Placed(path, digest, tuple(notes)) for path, digest, notes in found[0].get(KEPT_AS, ())]
        self.kept += len(rows)
        return rows

    def keep(self, key: str, outputs: list[Output]) -> list[Placed]:
        """Keep ``outputs`` (as published) under ``key``; they come back as files to link."""
        from .build import screen_all

        screened = screen_all({KEPT_AS: [(o.path, o.content, o.notes) for o in outputs]})[KEPT_AS]
        rows = self.store.store(key, {KEPT_AS: screened})
        self.used.add(key)
        self.made += len(screened)
        digests = [row[2] for row in rows] if rows is not None else \
            [self.store.blobs.add(content) for _, content, _ in screened]
        return [Placed(path, digest, notes) for (path, _, notes), digest in zip(screened, digests)]

    def group(self, key: str) -> dict[str, list[Placed]] | None:
        """The pages kept together under ``key`` (``keep_group``), by the key of each, as files to
        link; None when the group is not kept (or a blob of it is gone). Counted as kept by the
        caller, page by page, as it uses them (``kept_from``)."""
        found = None if self.fresh else self.store.rows(key)
        if found is None:
            return None
        self.used.add(key)
        return {member: [Placed(path, digest, tuple(notes)) for path, digest, notes in rows]
                for member, rows in found[0].items()}

    def kept_from(self, rows: list[Placed]) -> list[Placed]:
        self.kept += len(rows)
        return rows

    def keep_group(self, key: str, members: dict[str, list[Output | Placed]]) -> dict[str, list[Placed]]:
        """Keep pages together under ``key``, in one entry of the cache, each under its own key
        (``members``: key → its pages, made now or found in an earlier group, whose bytes the
        store holds): a corpus's hundreds of entry pages are one file of the cache, not one
        each. They come back as files to link."""
        from .build import screen_all

        made = [output for outputs in members.values() for output in outputs if not isinstance(output, Placed)]
        screened = iter(screen_all({KEPT_AS: [(o.path, o.content, o.notes) for o in made]})[KEPT_AS])
        rows, kept = [], {}
        for member, outputs in members.items():
            placed = []
            for output in outputs:
                if not isinstance(output, Placed):
                    path, content, notes = next(screened)
                    output = Placed(path, self.store.blobs.add(content), tuple(notes))
                    self.made += 1
                placed.append(output)
                rows.append([member, output.path, output.digest, list(output.notes)])
            kept[member] = placed
        self.store.store_rows(key, rows)
        self.used.add(key)
        return kept

    def value(self, key: str) -> bytes | None:
        """A value (not a page) kept under ``key``."""
        found = None if self.fresh else self.store.entry(key)
        if found is None or not found[0].get("value"):
            return None
        self.used.add(key)
        return found[0]["value"][0][1]

    def keep_value(self, key: str, value: bytes) -> None:
        self.store.store(key, {"value": [("value", value, ())]})
        self.used.add(key)


class PageInputs:
    """What the edition-wide pages are made from, made and parsed once per build and only when a page
    is made; their keys (``plain_key``, ``mentions_key``) without making them."""

    def __init__(self, run: Run) -> None:
        from .builders.site import SiteBuilder
        from .cache import _hash, _shared_digest, engine_versions
        from .facts import FULL_TEXTS_BELOW

        self.run = run
        self.hash = _hash
        self.all_facts = run.all_facts()
        edition = run.edition
        # ``plain`` is made from the compact index, the facts without their mentions and, for a small
        # edition, the texts in full (facts.facts_edition): its key is made from those and ``shared``
        # (editio's code, the settings, the stylesheets, the options, the engines)
        texts = [document.source for document in edition.texts] if len(edition.texts) < FULL_TEXTS_BELOW else []
        shared = _shared_digest(edition, "edition-pages", repr(run.options),
                                engine_versions(("saxonche", *SiteBuilder.engines)))
        self.plain_key = _hash(shared, edition.context_xml, *(_MENTIONS.sub(b"", facts) for facts in self.all_facts),
                               *texts)
        self.mentions_xml = mentions_xml(self.all_facts)
        self.mentions_key = _hash(self.plain_key, self.mentions_xml)
        self._plain = self._plain_xml = self._mentions = None
        # whether the site's pages, made from ``plain`` alone, were found in the cache (site.py)
        self.plain_kept = False

    @property
    def plain_xml(self) -> bytes:
        """The compact index with every text's facts, without their mentions."""
        if self._plain_xml is None:
            from .facts import facts_edition
            index = etree.fromstring(facts_edition(self.run.edition, self.all_facts), _PARSER)
            for mention in list(index.iter(_MENTION)):
                mention.getparent().remove(mention)
            self._plain_xml = etree.tostring(index, encoding="utf-8")
        return self._plain_xml

    @property
    def plain(self):
        """``plain_xml`` as a Saxon tree."""
        if self._plain is None:
            self._plain = parse_xml(self.plain_xml)
        return self._plain

    @property
    def mentions(self):
        """Every text's facts with their mentions, in one ``<ed:mentions>`` (a Saxon tree)."""
        if self._mentions is None:
            self._mentions = parse_xml(self.mentions_xml)
        return self._mentions


def kept_pages(cache: PageCache | None, key: str, make: Callable[[], Iterable[Output]]) -> Iterator[Output | Placed]:
    """The pages kept under ``key``, or made by ``make`` (and kept)."""
    if cache is None:
        yield from make()
        return
    found = cache.rows(key)
    yield from found if found is not None else cache.keep(key, list(make()))


def entry_key(inputs: PageInputs, path: str, material: str, settings: str) -> str:
    """The key of the entry page at ``path``: ``plain``, the page's parameters, and ``material``,
    the mentions that name its entry (``web:entry-inputs``)."""
    return inputs.hash(inputs.plain_key, "entry page", settings, path, material)


def entry_keys(inputs: PageInputs, cache: PageCache | None, parameters: dict) -> list[tuple[str, str]] | None:
    """Each entry page's path and key, kept under the key of every mention (resolving them all takes
    a transformation); None when they are not kept and every entry page is to be made anyway (the
    site's pages were not found: ``plain`` changed, and with it every entry page's key)."""
    settings = repr(sorted(parameters.items()))
    kept = cache.value(_entry_keys_key(inputs, parameters)) if cache is not None else None
    if kept is not None:
        return [tuple(pair) for pair in json.loads(kept)]
    if not inputs.plain_kept:
        return None
    values, _ = stylesheet(STYLESHEET).call_values(f"{_WEB_NS}entry-inputs", inputs.plain,
                                                   mentions=inputs.mentions, **parameters)
    pairs = [(path, entry_key(inputs, path, material, settings)) for path, material in zip(values[0::2], values[1::2])]
    keep_entry_keys(inputs, cache, parameters, pairs)
    return pairs


def keep_entry_keys(inputs: PageInputs, cache: PageCache | None, parameters: dict, pairs: list) -> None:
    if cache is not None:
        cache.keep_value(_entry_keys_key(inputs, parameters), json.dumps(pairs).encode("utf-8"))


def _entry_keys_key(inputs: PageInputs, parameters: dict) -> str:
    """What every entry page's path and key are kept under: every mention, and the pages' parameters."""
    return inputs.hash(inputs.mentions_key, "entry keys", repr(sorted(parameters.items())))


def render_entry_pages(inputs: PageInputs, paths: list[str] | None, parameters: dict,
                       with_inputs: bool = False) -> list[tuple[str, str | None, Output]]:
    """The entry pages at ``paths`` (all when None), each as (path, its inputs with ``with_inputs``,
    the page), in the register's order, made in one transformation.

    Not shared out among the build's worker processes: each share would parse the index and resolve
    every mention again, and on two cores that cost more than it saved (README, Measurements)."""
    if paths is not None and not paths:
        return []
    chosen = {} if paths is None else {"only_entries": " ".join(paths)}
    values, messages = stylesheet(STYLESHEET).call_values(
        f"{_WEB_NS}entry-pages", inputs.plain, mentions=inputs.mentions, entry_inputs=with_inputs,
        **chosen, **parameters)
    step = 3 if with_inputs else 2
    made = []
    for at in range(0, len(values), step):
        path, page = values[at], values[at + step - 1]
        made.append((path, values[at + 1] if with_inputs else None,
                     Output(path, page.encode("utf-8"), tuple(messages) if at == 0 else ())))
    return made
