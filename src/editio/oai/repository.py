"""The provider: what a repository answers, and its implementation over ``catalogue.json``.

The catalogue is read once (and again only when a build replaces it); items are kept sorted by
datestamp, then id; record files are read when first asked for and kept in a bounded cache.
Harvesters' values are only ever dictionary keys here: a file path comes from the catalogue.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import re
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Mapping, Sequence

from ..errors import EditioError
from .cache import ByteBudgetCache
from .formats import FormatRegistry, MetadataFormat
from .protocol import SYNTAX, Granularity

CATALOGUE_NAME = "catalogue.json"
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024

# An XML declaration (after an optional BOM) to strip before a record is embedded in a response.
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml\s([^>]*)\?>)?\s*")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EMAIL = re.compile(r"\S+@(?:\S+\.)+\S+")  # the OAI-PMH schema's emailType


class CatalogueError(EditioError):
    """A ``catalogue.json`` that does not keep the contract with the metadata builder."""


class RecordUnavailable(Exception):
    """A record file listed in the catalogue that cannot be read or embedded (a broken build)."""


@dataclass(frozen=True)
class RepositoryInfo:
    """What Identify tells about the repository, besides the base URL of the request."""

    name: str
    admin_email: str
    earliest_datestamp: str
    granularity: Granularity = Granularity.DAY
    deleted_record: str = "no"
    #: The repository's OAI identifier namespace (the oai-identifier description in Identify).
    domain: str | None = None
    #: Descriptions Identify carries besides oai-identifier: (URL of the CMIF file) for correspSearch.
    cmif_url: str | None = None


@dataclass(frozen=True, eq=False)
class Item:
    """One document: its OAI identifier, datestamp (UTC day), sets, and a record file per prefix;
    a deleted one has no files and is listed, header only, in every format (§2.5.1)."""

    identifier: str
    datestamp: str
    sets: tuple[str, ...]
    files: Mapping[str, str]
    deleted: bool = False


class Repository(ABC):
    """The provider interface the endpoint talks to (pyoai's ``IOAI``, reduced to what it needs)."""

    info: RepositoryInfo
    formats: FormatRegistry
    #: Changes whenever the content does; resumption tokens are bound to it.
    version: str

    @abstractmethod
    def sets(self) -> Mapping[str, str]:
        """setSpec → setName; empty when the repository has no set hierarchy."""

    @abstractmethod
    def item(self, identifier: str) -> Item | None:
        """The item with that OAI identifier, if there is one."""

    @abstractmethod
    def select(self, prefix: str, from_date: date | None, until_date: date | None,
               set_spec: str | None) -> Sequence[Item]:
        """Items with a record in ``prefix``, in range and set, sorted by datestamp then identifier."""

    @abstractmethod
    def metadata(self, item: Item, prefix: str) -> bytes:
        """The record's root element, serialised (no XML declaration), ready to embed."""

    def formats_of(self, item: Item) -> list[MetadataFormat]:
        return [metadata_format for metadata_format in self.formats
                if item.deleted or metadata_format.prefix in item.files]


class CatalogueRepository(Repository):
    """A repository over a ``build/metadata`` folder and its ``catalogue.json``."""

    def __init__(self, folder: Path, cache_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.folder = Path(folder).resolve()
        path = self.folder / CATALOGUE_NAME
        try:
            raw = path.read_bytes()
            catalogue = json.loads(raw)
        except (OSError, ValueError) as exc:
            raise CatalogueError(f"cannot read the OAI catalogue: {exc}; run 'editio build' first",
                                 file=path) from None
        self.version = hashlib.sha256(raw).hexdigest()[:16]
        reader = _CatalogueReader(path, self.folder)
        self.formats = reader.formats(catalogue.get("formats"))
        self._sets = reader.sets(catalogue.get("sets", {}))
        repository = reader.table(catalogue.get("repository"), "repository")
        items = sorted(reader.items(catalogue.get("records"), repository, self.formats, self._sets),
                       key=lambda item: (item.datestamp, item.identifier))
        self.info = reader.info(repository, items)
        self._by_identifier = {item.identifier: item for item in items}
        if len(self._by_identifier) != len(items):
            raise CatalogueError("two records share an id", file=path)
        self._lists = _index(items, [f.prefix for f in self.formats])
        self._cache = ByteBudgetCache(cache_bytes)

    def sets(self) -> Mapping[str, str]:
        return self._sets

    def item(self, identifier: str) -> Item | None:
        return self._by_identifier.get(identifier)

    def select(self, prefix, from_date, until_date, set_spec):
        items, datestamps = self._lists.get((prefix, set_spec), ((), ()))
        start = bisect.bisect_left(datestamps, from_date.isoformat()) if from_date else 0
        end = bisect.bisect_right(datestamps, until_date.isoformat()) if until_date else len(items)
        return items[start:end]

    def metadata(self, item: Item, prefix: str) -> bytes:
        return self._cache.get((item.identifier, prefix), lambda: self._read(item.files[prefix]))

    def _read(self, relative: str) -> bytes:
        try:
            data = (self.folder / relative).read_bytes()
        except OSError as exc:
            raise RecordUnavailable(f"{relative}: {exc.strerror}") from None
        return embeddable(data, relative)


def embeddable(data: bytes, name: str = "record") -> bytes:
    """A UTF-8 record document without its XML declaration: its root element, to embed as it is."""
    declaration = _DECLARATION.match(data)
    encoding = _ENCODING.search(declaration.group(1) or b"")  # none declared: UTF-8
    if encoding is not None and encoding.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii"):
        raise RecordUnavailable(f"{name}: a record must be encoded in UTF-8")
    body = data[declaration.end():].rstrip()
    if not body.startswith(b"<") or body.startswith(b"<!DOCTYPE"):
        raise RecordUnavailable(f"{name}: not an XML element that can be embedded")
    return body


def _index(items: list[Item], prefixes: list[str]) -> dict[tuple[str, str | None], tuple[list[Item], list[str]]]:
    """Per (prefix, set or None): the items in order and their datestamps, for bisecting by date.

    Sets are hierarchical (§2.7.2): an item in ``a:b`` is also in ``a``, listed once.
    """
    lists: dict[tuple[str, str | None], tuple[list[Item], list[str]]] = {}
    for item in items:
        in_sets = {":".join(spec.split(":")[:depth]) for spec in item.sets for depth in range(1, spec.count(":") + 2)}
        for prefix in (prefixes if item.deleted else item.files):
            for key in ((prefix, None), *((prefix, set_spec) for set_spec in sorted(in_sets))):
                in_list, datestamps = lists.setdefault(key, ([], []))
                in_list.append(item)
                datestamps.append(item.datestamp)
    return lists


class _CatalogueReader:
    """Checks each part of the catalogue against the contract and turns it into typed values."""

    def __init__(self, path: Path, folder: Path) -> None:
        self.path, self.folder = path, folder
        self.root = str(folder)

    def fail(self, message: str):
        raise CatalogueError(message, file=self.path)

    def table(self, value, name: str) -> dict:
        if not isinstance(value, dict):
            self.fail(f"'{name}' must be an object")
        return value

    def text(self, table: dict, key: str, where: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value:
            self.fail(f"{where}.{key} must be a non-empty string")
        return value

    def day(self, value: str, where: str) -> str:
        try:
            date.fromisoformat(value if _DAY.fullmatch(value) else "")
        except ValueError:
            self.fail(f"{where} must be a date YYYY-MM-DD (day granularity), not {value!r}")
        return value

    def formats(self, value) -> FormatRegistry:
        registry = FormatRegistry()
        for prefix, described in self.table(value, "formats").items():
            described = self.table(described, f"formats.{prefix}")
            try:
                registry.register(MetadataFormat(prefix, self.text(described, "namespace", f"formats.{prefix}"),
                                                 self.text(described, "schema", f"formats.{prefix}")))
            except ValueError as exc:
                self.fail(str(exc))
        return registry

    def sets(self, value) -> dict[str, str]:
        for spec, name in self.table(value, "sets").items():
            if not SYNTAX["set"].fullmatch(spec) or not isinstance(name, str) or not name:
                self.fail(f"sets.{spec}: not a legal setSpec with a name")
        return dict(value)

    def info(self, repository: dict, items: list[Item]) -> RepositoryInfo:
        earliest = self.day(self.text(repository, "earliest_datestamp", "repository"),
                            "repository.earliest_datestamp")
        admin_email = self.text(repository, "admin_email", "repository")
        if not _EMAIL.fullmatch(admin_email):
            self.fail(f"repository.admin_email is not an e-mail address: {admin_email!r}")
        deleted_record = repository.get("deleted_record", "no")
        if deleted_record not in ("no", "persistent", "transient"):
            self.fail(f"repository.deleted_record must be no, persistent or transient, not {deleted_record!r}")
        if deleted_record == "no" and any(item.deleted for item in items):
            self.fail("a record is deleted, but repository.deleted_record is 'no'")
        cmif_url = repository.get("cmif_url")
        return RepositoryInfo(name=self.text(repository, "name", "repository"), admin_email=admin_email,
                              earliest_datestamp=min(earliest, items[0].datestamp) if items else earliest,
                              deleted_record=deleted_record, domain=repository.get("domain"),
                              cmif_url=cmif_url if isinstance(cmif_url, str) and cmif_url else None)

    def items(self, records, repository: dict, formats: FormatRegistry, sets: Mapping[str, str]) -> list[Item]:
        if not isinstance(records, list):
            self.fail("'records' must be a list")
        domain = self.text(repository, "domain", "repository")
        return [self.item(self.table(record, "records[]"), domain, formats, sets) for record in records]

    def item(self, record: dict, domain: str, formats: FormatRegistry, sets: Mapping[str, str]) -> Item:
        identifier = f"oai:{domain}:{self.text(record, 'id', 'records[]')}"
        if not SYNTAX["identifier"].fullmatch(identifier):
            self.fail(f"{identifier!r} is not a legal OAI identifier")
        where = f"records[{record['id']}]"
        item_sets = record.get("sets", [])
        if not isinstance(item_sets, list) or any(spec not in sets for spec in item_sets):
            self.fail(f"{where}.sets must list sets declared in 'sets'")
        files = self.table(record.get("files"), f"{where}.files")
        deleted = record.get("deleted", False) is True
        if deleted and files:
            self.fail(f"{where}: a deleted record has no files")
        for prefix, relative in files.items():
            if prefix not in formats:
                self.fail(f"{where}.files: unknown format {prefix!r}")
            self.record_file(relative, f"{where}.files.{prefix}")
        return Item(identifier, self.day(self.text(record, "datestamp", where), f"{where}.datestamp"),
                    tuple(item_sets), dict(files), deleted)

    def record_file(self, relative, where: str) -> None:
        parts = PurePosixPath(relative).parts if isinstance(relative, str) else ("..",)
        if not parts or parts[0] == "/" or ".." in parts or "\\" in relative:
            self.fail(f"{where} must be a path inside the metadata folder")
        # a string path: a corpus's catalogue names thousands of files, checked at every start
        if not os.path.isfile(os.path.join(self.root, *parts)):
            self.fail(f"{where}: no such file {relative}")


class CatalogueSource:
    """The current repository of a metadata folder, loaded again when a build replaces the catalogue.

    At most one ``stat`` per ``interval`` seconds; a catalogue that fails to load leaves the
    previous repository in service.
    """

    def __init__(self, folder: Path, cache_bytes: int = DEFAULT_CACHE_BYTES, interval: float = 1.0) -> None:
        self.folder = Path(folder)
        self.cache_bytes = cache_bytes
        self.interval = interval
        self._lock = threading.Lock()
        self._signature = self._stat()
        self._repository = CatalogueRepository(self.folder, cache_bytes)
        self._checked = time.monotonic()

    def current(self) -> Repository:
        if time.monotonic() - self._checked >= self.interval:
            self._refresh()
        return self._repository

    def _refresh(self) -> None:
        with self._lock:
            self._checked = time.monotonic()
            signature = self._stat()
            if signature is None or signature == self._signature:
                return
            try:
                self._repository = CatalogueRepository(self.folder, self.cache_bytes)
            except CatalogueError:
                return  # half-replaced or broken: keep serving what we have, look again later
            self._signature = signature

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            status = (self.folder / CATALOGUE_NAME).stat()
        except OSError:
            return None
        return status.st_ino, status.st_mtime_ns, status.st_size
