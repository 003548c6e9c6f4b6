"""The protocol: verbs and the arguments each takes, argument syntax, dates and granularity.

Everything here is pure: bytes or strings in, an :class:`OaiRequest` or an :class:`OaiError` out
(OAI-PMH 2.0, §3.1–3.3 and §4). Nothing a harvester sends ever reaches a file path or an XPath.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from urllib.parse import unquote_to_bytes

from .errors import BadArgument, BadVerb

#: More fields than any verb can take: a longer list is junk, refused before it is looked at.
MAX_FIELDS = 16


@dataclass(frozen=True)
class Arguments:
    """What one verb accepts; ``exclusive`` must then come alone (only ``resumptionToken`` is)."""

    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    exclusive: str | None = None

    @property
    def allowed(self) -> frozenset[str]:
        return self.required | self.optional | ({self.exclusive} if self.exclusive else set())


_LIST = Arguments(required=frozenset({"metadataPrefix"}), optional=frozenset({"from", "until", "set"}),
                  exclusive="resumptionToken")

#: The argument table (§4): one row per verb.
VERBS: dict[str, Arguments] = {
    "Identify": Arguments(),
    "ListMetadataFormats": Arguments(optional=frozenset({"identifier"})),
    "ListSets": Arguments(exclusive="resumptionToken"),
    "GetRecord": Arguments(required=frozenset({"identifier", "metadataPrefix"})),
    "ListIdentifiers": _LIST,
    "ListRecords": _LIST,
}

_SPEC_CHAR = r"[A-Za-z0-9\-_.!~*'()]"
#: Syntax of each argument's value, as the OAI-PMH schema types the echo in ``<request>``.
SYNTAX: dict[str, re.Pattern[str]] = {
    # A URI the schema's anyURI accepts: a scheme, then URI characters, percent-escapes or non-ASCII
    # (IRI) characters, and at most one fragment; no '[' or ']' (only legal around an IPv6 host).
    "identifier": re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:{uri}+(?:#{uri}*)?".format(
        uri=r"(?:[A-Za-z0-9\-._~:/?@!$&'()*+,;=]|%[0-9A-Fa-f]{2}|[^\x00-\x9f\s])")),
    "metadataPrefix": re.compile(f"{_SPEC_CHAR}+"),
    "set": re.compile(f"{_SPEC_CHAR}+(?::{_SPEC_CHAR}+)*"),
    "from": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?"),
    "until": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?"),
    "resumptionToken": re.compile(r".+", re.DOTALL),
}

# Characters XML 1.0 cannot carry at all: such a value could not even be echoed back.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Granularity(Enum):
    """The two datestamp granularities of §3.3.1, with the label Identify announces."""

    DAY = "YYYY-MM-DD"
    SECONDS = "YYYY-MM-DDThh:mm:ssZ"


@dataclass(frozen=True)
class OaiRequest:
    """A request that passed the argument table: its verb, its arguments as given, its dates."""

    verb: str
    arguments: dict[str, str] = field(default_factory=dict)
    from_date: date | None = None
    until_date: date | None = None

    def get(self, name: str) -> str | None:
        return self.arguments.get(name)


def decode_arguments(raw: bytes) -> list[tuple[str, str]]:
    """``application/x-www-form-urlencoded`` bytes → (name, value) pairs, strictly UTF-8."""
    pairs = []
    for field_bytes in raw.split(b"&"):
        if not field_bytes:
            continue
        if len(pairs) == MAX_FIELDS:
            raise BadArgument(f"more than {MAX_FIELDS} arguments")
        name, _, value = field_bytes.partition(b"=")
        try:
            pair = tuple(unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8") for part in (name, value))
        except UnicodeDecodeError:
            raise BadArgument("arguments must be UTF-8, percent-encoded") from None
        if any(_NOT_XML.search(part) for part in pair):
            raise BadArgument("an argument contains characters that XML cannot carry")
        pairs.append(pair)
    return pairs


def parse_request(pairs: list[tuple[str, str]], finest: Granularity = Granularity.DAY) -> OaiRequest:
    """Check ``pairs`` against the argument table; raise :class:`BadVerb` or :class:`BadArgument`."""
    verbs = [value for name, value in pairs if name == "verb"]
    if not verbs:
        raise BadVerb("the verb argument is missing")
    if len(verbs) > 1:
        raise BadVerb("the verb argument is repeated")
    verb = verbs[0]
    table = VERBS.get(verb)
    if table is None:
        raise BadVerb(f"{quote(verb)} is not an OAI-PMH verb")
    arguments: dict[str, str] = {}
    for name, value in pairs:
        if name == "verb":
            continue
        if name in arguments:
            raise BadArgument(f"the argument {quote(name)} is repeated")
        if name not in table.allowed:
            raise BadArgument(f"{verb} does not take the argument {quote(name)}")
        if not SYNTAX[name].fullmatch(value):
            raise BadArgument(f"{quote(value)} is not a legal value for {name}")
        arguments[name] = value
    if table.exclusive in arguments and len(arguments) > 1:
        raise BadArgument(f"{table.exclusive} is exclusive: {verb} takes no other argument with it")
    if table.exclusive not in arguments:
        missing = sorted(table.required - arguments.keys())
        if missing:
            raise BadArgument(f"{verb} requires the argument {missing[0]}")
    from_date, until_date = parse_range(arguments.get("from"), arguments.get("until"), finest)
    return OaiRequest(verb, arguments, from_date, until_date)


def parse_range(from_value: str | None, until_value: str | None,
                finest: Granularity) -> tuple[date | None, date | None]:
    """The inclusive ``from``/``until`` bounds, as days; both must share one granularity (§3.3.1)."""
    bounds = {name: parse_datestamp(value, name) for name, value in (("from", from_value), ("until", until_value))
              if value is not None}
    granularities = {granularity for _, granularity in bounds.values()}
    if len(granularities) > 1:
        raise BadArgument("from and until must have the same granularity")
    if Granularity.SECONDS in granularities and finest is Granularity.DAY:
        raise BadArgument(f"this repository's granularity is {Granularity.DAY.value}; "
                          "seconds are finer than it supports")
    days = {name: moment.date() for name, (moment, _) in bounds.items()}
    if "from" in bounds and "until" in bounds and bounds["from"][0] > bounds["until"][0]:
        raise BadArgument("from is later than until")
    return days.get("from"), days.get("until")


def parse_datestamp(value: str, name: str = "datestamp") -> tuple[datetime, Granularity]:
    """``YYYY-MM-DD`` or ``YYYY-MM-DDThh:mm:ssZ`` (UTC) → the moment and its granularity."""
    try:
        if len(value) == 10:
            return datetime.strptime(value, "%Y-%m-%d"), Granularity.DAY
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ"), Granularity.SECONDS
    except ValueError:
        raise BadArgument(f"{quote(value)} is not a valid {name} (YYYY-MM-DD)") from None


def format_datetime(moment: datetime) -> str:
    """A UTC moment as the protocol writes it (responseDate, expirationDate)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def quote(value: str, limit: int = 60) -> str:
    """A request value for an error message: quoted, control characters escaped, shortened."""
    return repr(value if len(value) <= limit else value[:limit] + "…")
