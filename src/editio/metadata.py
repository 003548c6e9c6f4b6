"""Library metadata: records in library formats for each document and the edition, and the catalogue
the OAI-PMH endpoint serves.

The crosswalks are XSLT (``xslt/dc.xsl``, ``mods.xsl``, …). This module only knows which stylesheet
makes which format, runs it, and lays out the files. The format table is ``xslt/metadata-formats.xml``,
read here into :data:`FORMATS` and by ``head-metadata.xsl`` for the links of each page, so that adding
a format is adding one row (and its stylesheet).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from .build import Builder, BuildOptions, Output
from .documents import Document, safe_parser
from .edition import EDITIO_NS, Edition, load_edition
from .errors import EditioError, InputError
from .transform import XSLT_DIR, stylesheet

CATALOGUE = "catalogue.json"


@dataclass(frozen=True)
class Format:
    """One row of ``xslt/metadata-formats.xml``."""

    name: str
    stylesheet: str
    file: str
    suffix: str
    media_type: str
    scope: str
    site: bool
    namespace: str | None = None
    schema: str | None = None

    @property
    def oai(self) -> bool:
        """Whether the OAI-PMH endpoint offers this format (it has a metadata namespace and schema)."""
        return self.namespace is not None


def read_formats(path: Path = XSLT_DIR / "metadata-formats.xml") -> dict[str, Format]:
    rows = etree.parse(str(path), safe_parser()).getroot().iterfind(f"{{{EDITIO_NS}}}format")
    return {row.get("name"): Format(
        name=row.get("name"), stylesheet=row.get("stylesheet"), file=row.get("file"), suffix=row.get("suffix"),
        media_type=row.get("media-type"), scope=row.get("scope"), site=row.get("site") == "yes",
        namespace=row.get("namespace"), schema=row.get("schema")) for row in rows}


FORMATS: dict[str, Format] = read_formats()


def metadata_format(name: str, scope: str | None = None) -> Format:
    """The format called ``name`` (of ``scope``, if given), or an error naming the ones there are."""
    candidates = {key: f for key, f in FORMATS.items() if scope in (None, f.scope)}
    if name not in candidates:
        raise EditioError(f"unknown metadata format '{name}' (choose from {', '.join(candidates)})")
    return candidates[name]


# The site and the metadata builder both need a document's records in one build: made once.
@lru_cache(maxsize=64)
def render_record(edition: Edition, document: Document, format_name: str) -> bytes:
    """``document``'s record in a document-scope format, as the bytes of its file."""
    chosen = metadata_format(format_name, "document")
    return stylesheet(chosen.stylesheet).apply(edition.document_node(document), edition.saxon_context).content


def render_edition_record(edition: Edition, format_name: str) -> bytes:
    """The edition's record in an edition-scope format (CMIF)."""
    chosen = metadata_format(format_name, "edition")
    return stylesheet(chosen.stylesheet).apply(edition.saxon_index, edition.saxon_index,
                                               edition_uuid=edition_uuid(edition),
                                               edition_date=max(_datestamps(edition, _catalogue_facts(edition)))).content


def render_record_for_path(path: str | Path, format_name: str) -> bytes:
    """The record of the TEI file at ``path``, read within the edition that holds it (so that its
    register resolves); for an edition-scope format, that edition's record."""
    chosen = metadata_format(format_name)
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=path)
    edition = load_edition([path])
    if chosen.scope == "edition":
        return render_edition_record(edition, chosen.name)
    document = next((d for d in edition.documents if d.path.resolve() == path.resolve()), None)
    if document is None:
        raise InputError("not one of the edition's sources (a hidden or non-.xml file?)", file=path)
    return render_record(edition, document, chosen.name)


def render_catalogue(edition: Edition) -> bytes:
    """``catalogue.json``: the repository, formats, sets and records the OAI-PMH endpoint serves."""
    facts = _catalogue_facts(edition)
    oai_formats = [f for f in FORMATS.values() if f.oai]
    for record in facts["records"]:
        record["files"] = {f.name: f"{record['id']}/{f.file}" for f in oai_formats}
    settings = edition.config.edition
    catalogue = {
        "repository": {"name": edition.config.repository_name, "base_url": settings.base_url,
                       "admin_email": settings.contact, "domain": edition.config.domain,
                       "earliest_datestamp": min(_datestamps(edition, facts))},
        "formats": {f.name: {"namespace": f.namespace, "schema": f.schema} for f in oai_formats},
        "sets": facts["sets"],
        "records": facts["records"],
    }
    return (json.dumps(catalogue, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _catalogue_facts(edition: Edition) -> dict:
    """Each text's id, sets and datestamp (from catalogue.xsl), and the sets there are."""
    facts = json.loads(stylesheet("catalogue.xsl").apply(edition.saxon_index, edition.saxon_index).content)
    for record in facts["records"]:
        record["datestamp"] = record.get("datestamp") or modified_day(edition.document(record["id"]).path)
    return facts


def _datestamps(edition: Edition, facts: dict) -> list[str]:
    return [r["datestamp"] for r in facts["records"]] or [modified_day(d.path) for d in edition.documents]


def modified_day(path: Path) -> str:
    """The UTC day ``path`` was last modified: the datestamp of a document that records no change."""
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).date().isoformat()


def edition_uuid(edition: Edition) -> str:
    """A stable UUID for the edition as a bibliographic source (CMIF recommends one), from its URL."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, edition.config.edition.base_url))


def _render_document(edition: Edition, document: Document, options: BuildOptions):
    for chosen in FORMATS.values():
        if chosen.scope == "document":
            yield Output(f"{document.id}/{chosen.file}", render_record(edition, document, chosen.name))


def _render_edition(edition: Edition, options: BuildOptions):
    for chosen in FORMATS.values():
        if chosen.scope == "edition":
            yield Output(chosen.file, render_edition_record(edition, chosen.name))
    yield Output(CATALOGUE, render_catalogue(edition))


BUILDER = Builder(name="metadata", folder="metadata", render_document=_render_document,
                  render_edition=_render_edition)
