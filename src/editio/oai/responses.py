"""Writing OAI-PMH responses: XML assembled as bytes around pre-serialised records (§3.2).

No tree is built and no record is parsed per request: every value that comes from outside is
escaped here, and records are embedded as the bytes the build wrote.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Iterable, Mapping

from .formats import MetadataFormat
from .protocol import format_datetime
from .repository import Item, RepositoryInfo

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
_OPEN = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
         b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" '
         b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         b'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ '
         b'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n')
_CLOSE = b"</OAI-PMH>\n"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(value: str) -> bytes:
    """Text or attribute value → UTF-8 bytes safe inside double quotes or element content."""
    return value.translate(_ESCAPES).encode("utf-8")


def element(name: str, text: str, attributes: Mapping[str, object] | None = None) -> bytes:
    opening = name.encode() + b"".join(b' %s="%s"' % (key.encode(), escape(str(value)))
                                       for key, value in (attributes or {}).items() if value is not None)
    return b"<%s>%s</%s>" % (opening, escape(text), name.encode())


def response(now: datetime, base_url: str, request: Mapping[str, str] | None, body: Iterable[bytes]) -> bytes:
    """The whole response: envelope, ``responseDate``, the echoed ``request``, then ``body``."""
    return b"".join((_OPEN, element("responseDate", format_datetime(now)), b"\n",
                     element("request", base_url, request), b"\n", *body, _CLOSE))


def verb(name: str, parts: Iterable[bytes]) -> Iterable[bytes]:
    """The verb's container element around ``parts``."""
    yield b"<%s>\n" % name.encode()
    yield from parts
    yield b"</%s>\n" % name.encode()


def error(code: str, message: str) -> bytes:
    return element("error", message, {"code": code}) + b"\n"


OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_XSD = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
# The schema's repositoryIdentifierType: a domain name of two labels or more (not "localhost", not an IP).
_REPOSITORY_ID = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")


def identify(info: RepositoryInfo, base_url: str, sample_id: str | None = None) -> Iterable[bytes]:
    return verb("Identify", (
        element("repositoryName", info.name), element("baseURL", base_url),
        element("protocolVersion", "2.0"), element("adminEmail", info.admin_email),
        element("earliestDatestamp", info.earliest_datestamp), element("deletedRecord", info.deleted_record),
        element("granularity", info.granularity.value), b"\n", *identify_descriptions(info, sample_id)))


def identify_descriptions(info: RepositoryInfo, sample_id: str | None) -> Iterable[bytes]:
    """The oai-identifier description (how identifiers are made), and where the CMIF file is."""
    if info.domain and sample_id and _REPOSITORY_ID.fullmatch(info.domain):
        yield (b'<description><oai-identifier xmlns="%s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
               b'xsi:schemaLocation="%s %s">' % (escape(OAI_IDENTIFIER_NS), escape(OAI_IDENTIFIER_NS),
                                                 escape(OAI_IDENTIFIER_XSD))
               + element("scheme", "oai") + element("repositoryIdentifier", info.domain)
               + element("delimiter", ":") + element("sampleIdentifier", sample_id)
               + b"</oai-identifier></description>\n")
    if info.cmif_url:
        # correspSearch harvests CMIF files by URL. A description must follow a published schema
        # (processContents="strict"): Dublin Core says it, as the OAI guidelines do for collections.
        yield (b'<description><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
               b'xmlns:dc="http://purl.org/dc/elements/1.1/" '
               b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
               b'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ '
               b'http://www.openarchives.org/OAI/2.0/oai_dc.xsd">'
               + element("dc:title", "Correspondence Metadata Interchange Format (CMIF) file of this repository")
               + element("dc:description", "The letters of this repository in CMIF, for correspSearch.")
               + element("dc:format", "application/tei+xml")
               + element("dc:identifier", info.cmif_url)
               + b"</oai_dc:dc></description>\n")


def metadata_format(described: MetadataFormat) -> bytes:
    return b"<metadataFormat>%s%s%s</metadataFormat>\n" % (
        element("metadataPrefix", described.prefix), element("schema", described.schema),
        element("metadataNamespace", described.namespace))


def set_entry(spec: str, name: str) -> bytes:
    return b"<set>%s%s</set>\n" % (element("setSpec", spec), element("setName", name))


def header(item: Item) -> bytes:
    return b"<header%s>%s%s%s</header>" % (
        b' status="deleted"' if item.deleted else b"",
        element("identifier", item.identifier), element("datestamp", item.datestamp),
        b"".join(element("setSpec", spec) for spec in item.sets))


def record(item: Item, metadata: bytes | None) -> bytes:
    """A record; a deleted one is its header alone (§2.5.1)."""
    if metadata is None:
        return b"<record>%s</record>\n" % header(item)
    return b"<record>%s<metadata>%s</metadata></record>\n" % (header(item), metadata)


def resumption_token(token: str, size: int, cursor: int, expires: datetime | None) -> bytes:
    """A token for the next page, or (``token`` empty) the marker that this page was the last."""
    attributes = {"expirationDate": format_datetime(expires) if expires else None,
                  "completeListSize": size, "cursor": cursor}
    return element("resumptionToken", token, attributes) + b"\n"
