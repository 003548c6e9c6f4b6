"""Stateless resumption tokens: the query, the position and an expiry, signed with HMAC-SHA256.

A token is ``<payload>.<signature>``, both base64url: the server keeps no harvest state, any
worker of a multi-process server can continue any harvest, and a forged, altered, expired or
outdated token is told apart from a good one without a lookup (§3.5).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .errors import BadResumptionToken

_SIGNATURE_BYTES = 18  # 144 bits: forging one is out of reach, and it stays 24 characters long


@dataclass(frozen=True)
class ListQuery:
    """What a ListIdentifiers or ListRecords harvest asked for; a token carries it to the next page."""

    verb: str
    prefix: str
    from_date: date | None = None
    until_date: date | None = None
    set_spec: str | None = None


@dataclass(frozen=True)
class Position:
    """Where a token resumes: its query and how many items earlier pages returned."""

    query: ListQuery
    cursor: int


class ResumptionTokens:
    """Issues and redeems the tokens of one repository, whose ``version`` they are bound to."""

    def __init__(self, secret: bytes, lifetime: timedelta) -> None:
        self._secret = secret
        self.lifetime = lifetime

    def issue(self, position: Position, version: str, now: datetime) -> tuple[str, datetime]:
        """A token for ``position`` and the moment it expires."""
        expires = (now + self.lifetime).replace(microsecond=0)
        query = position.query
        fields = [query.verb, query.prefix, _day(query.from_date), _day(query.until_date), query.set_spec,
                  position.cursor, int(expires.timestamp()), version]
        payload = _encode(json.dumps(fields, separators=(",", ":")).encode())
        return f"{payload}.{self._sign(payload)}", expires

    def redeem(self, token: str, verb: str, version: str, now: datetime) -> Position:
        """The position ``token`` resumes at; :class:`BadResumptionToken` unless it is ours and current."""
        payload, dot, signature = token.partition(".")
        if not dot or not hmac.compare_digest(signature.encode(), self._sign(payload).encode()):
            raise BadResumptionToken("this resumptionToken was not issued by this repository")
        try:
            (token_verb, prefix, from_day, until_day, set_spec, cursor, expires,
             token_version) = json.loads(_decode(payload))
            query = ListQuery(token_verb, prefix, _parse_day(from_day), _parse_day(until_day), set_spec)
        except (ValueError, TypeError, binascii.Error):
            raise BadResumptionToken("this resumptionToken is malformed") from None
        if token_verb != verb:
            raise BadResumptionToken(f"this resumptionToken continues {token_verb}, not {verb}")
        if now.timestamp() >= expires:
            raise BadResumptionToken("this resumptionToken has expired; start the harvest again")
        if token_version != version:
            raise BadResumptionToken("the repository changed since this resumptionToken was issued; "
                                     "start the harvest again")
        return Position(query, cursor)

    def _sign(self, payload: str) -> str:
        digest = hmac.new(self._secret, payload.encode(), hashlib.sha256).digest()
        return _encode(digest[:_SIGNATURE_BYTES])


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None
