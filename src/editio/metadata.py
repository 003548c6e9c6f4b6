"""Library metadata: records in library formats for each document and the edition, and the catalogue
the OAI-PMH endpoint serves. The builder that writes them is ``editio.builders.metadata``.

The crosswalks are XSLT (``xslt/dc.xsl``, ``mods.xsl``, …); ``xslt/records.xsl`` makes every
document-scope record of a document in one transformation, from the same rules. This module only
knows which stylesheet makes which format, runs them, and lays out the files. The format table is ``xslt/metadata-formats.xml``,
read here into :data:`FORMATS` and by ``head-metadata.xsl`` for the links of each page, so that adding
a format is adding one row (and its stylesheet).
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .documents import NS, Document, safe_parser
from .edition import EDITIO_NS, Edition, build_day, load_edition, today
from .errors import EditioError, InputError
from .oai.sets import set_list
from .record_dates import record_dates
from .transform import XSLT_DIR, parse_xml, stylesheet

CATALOGUE = "catalogue.json"
# every document-scope record of a document, in one transformation
RECORDS = "records.xsl"
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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
    #: The format whose record this one carries whole (``records.xsl`` gives it that record, made once).
    wraps: str | None = None

    @property
    def oai(self) -> bool:
        """Whether the OAI-PMH endpoint offers this format (it has a metadata namespace and schema)."""
        return self.namespace is not None


def read_formats(path: Path = XSLT_DIR / "metadata-formats.xml") -> dict[str, Format]:
    rows = etree.parse(str(path), safe_parser()).getroot().iterfind(f"{{{EDITIO_NS}}}format")
    return {row.get("name"): Format(
        name=row.get("name"), stylesheet=row.get("stylesheet"), file=row.get("file"), suffix=row.get("suffix"),
        media_type=row.get("media-type"), scope=row.get("scope"), site=row.get("site") == "yes",
        namespace=row.get("namespace"), schema=row.get("schema"), wraps=row.get("wraps")) for row in rows}


FORMATS: dict[str, Format] = read_formats()


def metadata_format(name: str, scope: str | None = None) -> Format:
    """The format called ``name`` (of ``scope``, if given), or an error naming the ones there are."""
    candidates = {key: f for key, f in FORMATS.items() if scope in (None, f.scope)}
    if name not in candidates:
        raise EditioError(f"unknown metadata format '{name}' (choose from {', '.join(candidates)})")
    return candidates[name]


DOCUMENT_FORMATS: list[Format] = [f for f in FORMATS.values() if f.scope == "document"]


def render_record(edition: Edition, document: Document, format_name: str) -> bytes:
    """``document``'s record in a document-scope format, as the bytes of its file."""
    metadata_format(format_name, "document")
    return record_dates(edition).records(document)[format_name]


def render_records(edition: Edition, document: Document, record_date: str) -> dict[str, bytes]:
    """Every document-scope record of ``document`` dated ``record_date``, format name → bytes.
    ``record_dates`` has them made (it hashes them to decide the date) and keeps them for the
    builders: a document's records are made once per build, in one transformation
    (``xslt/records.xsl``: each format's stylesheet gives the same bytes alone)."""
    return _records(_run_records(edition, document, record_date, "records"))


def render_facts_and_records(edition: Edition, document: Document, record_date: str) -> tuple[dict, dict[str, bytes]]:
    """:func:`record_facts` and :func:`render_records` of ``document``, in the one transformation."""
    facts, *records = _run_records(edition, document, record_date, "facts-and-records")
    return json.loads(facts), _records(records)


def _run_records(edition: Edition, document: Document, record_date: str, template: str) -> list[str]:
    values, _ = stylesheet(RECORDS).call_values(
        f"{{{EDITIO_NS}}}{template}", edition.saxon_context, document=edition.document_node(document),
        record_date=record_date, edition_uuid=edition_uuid(edition), **identifier_parameters(edition, document))
    return values


def _records(records: list[str]) -> dict[str, bytes]:
    return {chosen.name: record.encode("utf-8") for chosen, record in zip(DOCUMENT_FORMATS, records, strict=True)}


def identifier_parameters(edition: Edition, document: Document) -> dict[str, str]:
    """The document's persistent identifier (editio.toml [identifiers]) as stylesheet parameters."""
    found = edition.config.identifiers.for_document(document.id)
    return {"pid_scheme": found[0], "pid_value": found[1]} if found else {}


def record_digest(records: dict[str, bytes], sets: tuple[str, ...] = ()) -> str:
    """A hash of a document's records (each document-scope format) and of the sets its OAI header names."""
    digest = hashlib.sha256()
    for chosen in DOCUMENT_FORMATS:
        digest.update(chosen.name.encode() + b"\0" + records[chosen.name] + b"\0")
    digest.update("\0".join(sets).encode())
    return digest.hexdigest()


def revision_day(edition: Edition, document: Document) -> str:
    """The last day the TEI records a change (or its publication), never after today; else the build's day."""
    tei = document.root
    days = [value for value in (
        *tei.xpath("tei:teiHeader/tei:revisionDesc//tei:change/@when | "
                   "tei:teiHeader/tei:revisionDesc//tei:change/@notAfter", namespaces=NS),
        *tei.xpath("tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:date/@when", namespaces=NS))
        if _DAY.fullmatch(value.strip()) and value.strip() <= today()]
    return max(day.strip() for day in days) if days else build_day()


def record_facts(edition: Edition, document: Document) -> dict:
    """What the OAI catalogue needs to place ``document`` in sets, and its entry in the edition's CMIF
    file (``cmif``, absent for a document that is not a letter): ``xslt/catalogue.xsl``."""
    return json.loads(stylesheet("catalogue.xsl").apply(edition.document_node(document), edition.saxon_context,
                                                        edition_uuid=edition_uuid(edition)).content)


def render_edition_record(edition: Edition, format_name: str) -> bytes:
    """The edition's record in an edition-scope format (CMIF): each document's entry, made with its
    records and kept in its record state, collected into the file (``ed:<format>-file``)."""
    chosen = metadata_format(format_name, "edition")
    dates = record_dates(edition)
    entries = parse_xml("".join((f'<entries xmlns="{EDITIO_NS}">',
                                 *(dates.state(document).cmif_entry for document in edition.texts), "</entries>")))
    return stylesheet(chosen.stylesheet).call(f"{{{EDITIO_NS}}}{chosen.name}-file", edition.saxon_context,
                                              edition_uuid=edition_uuid(edition), entries=entries,
                                              edition_date=max(_datestamps(edition))).content


def render_record_for_path(path: str | Path, format_name: str) -> bytes:
    """The record of the TEI file at ``path``, read within the edition that holds it (so that its
    register resolves); for an edition-scope format, that edition's record."""
    chosen = metadata_format(format_name)
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder, not a file", file=path)
    edition = load_edition([path])
    if chosen.scope == "edition":
        return render_edition_record(edition, chosen.name)
    document = next((d for d in edition.documents if d.path.resolve() == path.resolve()), None)
    if document is None:
        raise InputError("not one of the edition's sources (a hidden or non-.xml file?)", file=path)
    return render_record(edition, document, chosen.name)


def render_catalogue(edition: Edition) -> bytes:
    """``catalogue.json``: the repository, formats, sets and records the OAI-PMH endpoint serves,
    deleted records included (with no files)."""
    oai_formats = [f for f in FORMATS.values() if f.oai]
    history = record_dates(edition).history()
    built = {document.id for document in edition.texts}
    records = []
    for key, state in sorted(history.items()):
        if not (state.deleted or key in built):
            continue  # outside a partial build: its records are not in this build
        record = {"id": key, "datestamp": state.datestamp, "sets": list(state.sets)}
        if state.deleted:
            record.update(deleted=True, files={})
        else:
            record["files"] = {f.name: f"{key}/{f.file}" for f in oai_formats}
        records.append(record)
    settings = edition.config.edition
    catalogue = {
        "repository": {"name": edition.config.repository_name, "base_url": settings.base_url,
                       "admin_email": settings.contact, "domain": edition.config.domain,
                       "earliest_datestamp": min(_datestamps(edition)), "deleted_record": "persistent",
                       "cmif_url": f"{settings.base_url}metadata/{FORMATS['cmif'].file}"},
        "formats": {f.name: {"namespace": f.namespace, "schema": f.schema} for f in oai_formats},
        "sets": set_list(history[record["id"]].named_sets() for record in records),
        "records": records,
    }
    return (json.dumps(catalogue, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _datestamps(edition: Edition) -> list[str]:
    return [state.datestamp for state in record_dates(edition).history().values()] or [build_day()]


def edition_uuid(edition: Edition) -> str:
    """A stable UUID for the edition as a bibliographic source (CMIF recommends one), from its URL."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, edition.config.edition.base_url))
