"""Writing OAI-PMH responses: XML assembled as bytes around pre-serialised records (§3.2).

No tree is built and no record is parsed per request: every value that comes from outside is
escaped here, and records are embedded as the bytes the build wrote.
"""

from __future__ import annotations

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


def identify(info: RepositoryInfo, base_url: str) -> Iterable[bytes]:
    return verb("Identify", (
        element("repositoryName", info.name), element("baseURL", base_url),
        element("protocolVersion", "2.0"), element("adminEmail", info.admin_email),
        element("earliestDatestamp", info.earliest_datestamp), element("deletedRecord", info.deleted_record),
        element("granularity", info.granularity.value), b"\n"))


def metadata_format(described: MetadataFormat) -> bytes:
    return b"<metadataFormat>%s%s%s</metadataFormat>\n" % (
        element("metadataPrefix", described.prefix), element("schema", described.schema),
        element("metadataNamespace", described.namespace))


def set_entry(spec: str, name: str) -> bytes:
    return b"<set>%s%s</set>\n" % (element("setSpec", spec), element("setName", name))


def header(item: Item) -> bytes:
    return b"<header>%s%s%s</header>" % (
        element("identifier", item.identifier), element("datestamp", item.datestamp),
        b"".join(element("setSpec", spec) for spec in item.sets))


def record(item: Item, metadata: bytes) -> bytes:
    return b"<record>%s<metadata>%s</metadata></record>\n" % (header(item), metadata)


def resumption_token(token: str, size: int, cursor: int, expires: datetime | None) -> bytes:
    """A token for the next page, or (``token`` empty) the marker that this page was the last."""
    attributes = {"expirationDate": format_datetime(expires) if expires else None,
                  "completeListSize": size, "cursor": cursor}
    return element("resumptionToken", token, attributes) + b"\n"
