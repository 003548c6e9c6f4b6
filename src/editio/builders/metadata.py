"""The metadata builder: each document's records (``<doc-id>/<format file>``), the edition's own
(CMIF), ``catalogue.json``, which the OAI-PMH endpoint serves, and the record history that the
next build's record dates continue. The crosswalks are ``editio.metadata``."""

from __future__ import annotations

from typing import Iterator

from ..metadata import CATALOGUE, FORMATS, render_catalogue, render_edition_record, render_record
from ..record_dates import HISTORY, history_bytes, record_dates
from .base import Builder, Output, Run


class MetadataBuilder(Builder):
    name = folder = "metadata"
    pure = True
    unit = ("record", "records")

    def counts(self, path: str) -> bool:
        return path not in (CATALOGUE, HISTORY)

    def render(self, document, run: Run) -> Iterator[Output]:
        for chosen in FORMATS.values():
            if chosen.scope == "document":
                yield Output(f"{document.id}/{chosen.file}", render_record(run.edition, document, chosen.name))

    def collect(self, run: Run) -> Iterator[Output]:
        for chosen in FORMATS.values():
            if chosen.scope == "edition":
                yield Output(chosen.file, render_edition_record(run.edition, chosen.name))
        yield Output(CATALOGUE, render_catalogue(run.edition))
        yield Output(HISTORY, history_bytes(record_dates(run.edition).history()))
