"""When each record last changed: the OAI datestamp, MODS ``recordChangeDate``, JSON-LD ``dateModified``.

A record's date must move exactly when what it disseminates moves, and never otherwise. So each
build hashes every record of a document (all document-scope formats, rendered with the date the
document had) and compares the hash with the one the previous build kept beside its records, in
``metadata/record-history.json``:

- the same hash: the previous date stays (a rebuild, a new checkout, a touched file change nothing);
- a new hash: the build's day (``SOURCE_DATE_EPOCH``'s day when set, so the build is reproducible),
  never earlier than the last ``revisionDesc`` change or the previous date;
- a document seen for the first time: its last ``revisionDesc`` change, else the build's day;
- a document the history knows but the (whole) edition no longer has: a deleted record, dated the
  day it went, and kept so for good (OAI-PMH ``deletedRecord`` is ``persistent``).

Never a file's modification time: that is the checkout's time, not the record's.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .edition import Edition, build_day

HISTORY = "record-history.json"


@dataclass(frozen=True)
class RecordState:
    """What the history keeps of one document's records."""

    datestamp: str
    digest: str | None  # None once deleted
    sets: tuple[str, ...] = ()
    # each set's name as this document's facts give it (``oai.sets``): the catalogue's set list
    set_names: tuple[tuple[str, str], ...] = ()
    # the document's entry in the edition's CMIF file (its correspDesc), made with its records and
    # collected into the file: the build never needs the whole edition in one tree for it
    # (not part of its identity: the build cache keys a document's files by the state the history keeps)
    cmif_entry: str = field(default="", repr=False, compare=False)

    @property
    def deleted(self) -> bool:
        return self.digest is None

    def named_sets(self) -> dict[str, str]:
        """spec → name; a set the history kept without a name is named by its spec."""
        names = dict(self.set_names)
        return {spec: names.get(spec, spec) for spec in self.sets}

    def values(self) -> list:
        """The state as JSON values, for the build cache (``from_values`` reads them back)."""
        return [self.datestamp, self.digest, list(self.sets), [list(pair) for pair in self.set_names], self.cmif_entry]

    @classmethod
    def from_values(cls, values) -> RecordState:
        datestamp, digest, sets, *rest = values
        names = tuple(tuple(pair) for pair in (rest[0] if rest else ()))
        return cls(datestamp, digest, tuple(sets), names, rest[1] if len(rest) > 1 else "")


def read_history(metadata_dir: Path) -> dict[str, RecordState]:
    """The history a previous build left in ``metadata_dir`` (empty when there is none, or it is unreadable)."""
    try:
        stored = json.loads((metadata_dir / HISTORY).read_text(encoding="utf-8"))
        return {key: RecordState(value["datestamp"], value.get("digest"), tuple(value.get("sets", ())),
                                 tuple(sorted(value.get("set_names", {}).items())))
                for key, value in stored["records"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def history_bytes(states: dict[str, RecordState]) -> bytes:
    # the history keeps what dates and sets need; a CMIF entry is made again by the next build
    records = {key: {k: v for k, v in {**asdict(state), "set_names": dict(state.set_names)}.items()
                     if v is not None and v != {} and k != "cmif_entry"}
               for key, state in sorted(states.items())}
    return (json.dumps({"records": records}, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


class RecordDates:
    """The record dates of one build (each build loads its own edition, so this is per run), decided
    once per document; and the records of the document decided last, which deciding had to make
    (to hash them) and which its builders then write, rather than making them again."""

    def __init__(self, edition: Edition, previous: dict[str, RecordState]) -> None:
        self.edition = edition
        self.previous = previous
        self._states: dict[str, RecordState] = {}
        self._records: tuple[str, str, dict[str, bytes]] | None = None  # (document id, date, records)

    def date(self, document) -> str:
        return self.state(document).datestamp

    def state(self, document) -> RecordState:
        if document.id not in self._states:
            self._states[document.id] = self._decide(document)
        return self._states[document.id]

    def records(self, document) -> dict[str, bytes]:
        """Every document-scope record of ``document`` (format name → bytes), dated as decided."""
        from .metadata import render_records

        datestamp = self.date(document)
        if self._records is None or self._records[:2] != (document.id, datestamp):
            self._records = (document.id, datestamp, render_records(self.edition, document, datestamp))
        return self._records[2]

    def _decide(self, document) -> RecordState:
        from .metadata import record_digest, render_facts_and_records, render_records, revision_day
        from .oai.sets import document_sets

        before = self.previous.get(document.id)
        first = before.datestamp if before and not before.deleted else revision_day(self.edition, document)
        facts, made = render_facts_and_records(self.edition, document, first)  # the facts need no date
        named = document_sets(facts)
        sets, set_names, entry = tuple(named), tuple(named.items()), facts.get("cmif") or ""
        digest = record_digest(made, sets)
        if before is None or (not before.deleted and digest == before.digest):
            self._records = (document.id, first, made)
            return RecordState(first, digest, sets, set_names, entry)
        changed = max(build_day(), first, before.datestamp)
        if changed != first:
            made = render_records(self.edition, document, changed)
            digest = record_digest(made, sets)
        self._records = (document.id, changed, made)
        return RecordState(changed, digest, sets, set_names, entry)

    def history(self) -> dict[str, RecordState]:
        """Every document's state after this build, deleted ones included."""
        states = {document.id: self.state(document) for document in self.edition.texts}
        for key, before in self.previous.items():
            if key in states:
                continue
            if not self.edition.complete or before.deleted:
                states[key] = before  # a partial build says nothing about the rest; a deletion stays
            else:
                states[key] = RecordState(max(build_day(), before.datestamp), None, before.sets, before.set_names)
        return states


def record_dates(edition: Edition) -> RecordDates:
    """The record dates of the run ``edition`` was loaded for, continuing the history kept in its build
    folder. Kept with the edition (each build, and each task of a pool, loads its own) and freed with
    it: a process-wide table keyed by edition would keep every edition alive, since its value refers
    to its key, and a worker would hold every document it ever rendered."""
    dates = edition.__dict__.get("_record_dates")
    if dates is None:
        dates = edition.__dict__["_record_dates"] = RecordDates(edition, read_history(edition.build_folder / "metadata"))
    return dates


def history_digest(edition: Edition) -> str:
    """A hash of the history the build continues: outputs that carry record dates depend on it."""
    try:
        return hashlib.sha256((edition.build_folder / "metadata" / HISTORY).read_bytes()).hexdigest()
    except OSError:
        return "none"


def produced_history_digest(edition: Edition) -> str:
    """The same hash of the history this build leaves."""
    return hashlib.sha256(history_bytes(record_dates(edition).history())).hexdigest()
