"""The endpoint: one request's arguments in, one OAI-PMH response out (pyoai's ``Server``).

It parses with the protocol, asks the repository, writes with :mod:`.responses`, and turns every
:class:`OaiError` into the matching ``<error>`` inside a valid response. It knows nothing of HTTP.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable, Iterable

from . import responses
from .errors import (BadResumptionToken, CannotDisseminateFormat, IdDoesNotExist, NoMetadataFormats,
                     NoRecordsMatch, NoSetHierarchy, OaiError)
from .protocol import OaiRequest, decode_arguments, parse_request
from .repository import Item, Repository
from .tokens import ListQuery, Position, ResumptionTokens

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The default clock; tests inject their own to move time without sleeping."""
    return datetime.now(timezone.utc)


class OaiEndpoint:
    """Answers OAI-PMH requests from a repository (``source`` returns the current one)."""

    def __init__(self, source: Callable[[], Repository], secret: bytes, page_size: int = 100,
                 token_lifetime: timedelta = timedelta(hours=1), clock: Clock = utc_now) -> None:
        self.source = source
        self.tokens = ResumptionTokens(secret, token_lifetime)
        self.page_size = page_size
        self.clock = clock

    def respond(self, raw_arguments: bytes, base_url: str) -> bytes:
        """The response to urlencoded ``raw_arguments`` received at ``base_url``."""
        now = self.clock()
        request: OaiRequest | None = None
        try:
            repository = self.source()
            request = parse_request(decode_arguments(raw_arguments), repository.info.granularity)
            body = _VERBS[request.verb](self, repository, request, base_url, now)
            return responses.response(now, base_url, {"verb": request.verb, **request.arguments}, body)
        except OaiError as failure:
            return self.respond_error(failure, base_url, request, now)

    def respond_error(self, failure: OaiError, base_url: str, request: OaiRequest | None = None,
                      now: datetime | None = None) -> bytes:
        """The response carrying ``failure``; the request is echoed unless the error forbids it."""
        echo = {"verb": request.verb, **request.arguments} if request and failure.echoes_request else None
        return responses.response(now or self.clock(), base_url, echo,
                                  [responses.error(failure.code, failure.message)])

    def identify(self, repository: Repository, request: OaiRequest, base_url: str, now: datetime):
        sample = next(iter(repository.select(next(iter(repository.formats)).prefix, None, None, None)), None) \
            if len(repository.formats) else None
        return responses.identify(repository.info, base_url, sample.identifier if sample else None)

    def list_metadata_formats(self, repository: Repository, request: OaiRequest, base_url: str, now: datetime):
        identifier = request.get("identifier")
        if identifier is None:
            formats = list(repository.formats)
        else:
            formats = repository.formats_of(self._item(repository, identifier))
        if not formats:
            raise NoMetadataFormats("no metadata formats are available" + (f" for {identifier}" if identifier else ""))
        return responses.verb("ListMetadataFormats", map(responses.metadata_format, formats))

    def list_sets(self, repository: Repository, request: OaiRequest, base_url: str, now: datetime):
        """The sets, a page at a time: a corpus has a set per correspondent and year (§4.6)."""
        sets = list(repository.sets().items())
        if not sets:
            raise NoSetHierarchy("this repository does not support sets")
        token = request.get("resumptionToken")
        position = self.tokens.redeem(token, request.verb, repository.version, now) if token is not None \
            else Position(ListQuery(request.verb, ""), 0)
        if position.cursor >= len(sets):
            raise BadResumptionToken("this resumptionToken points past the end of the list")
        end = min(position.cursor + self.page_size, len(sets))
        return responses.verb("ListSets", [*(responses.set_entry(spec, name) for spec, name in sets[position.cursor:end]),
                                           *self._token(repository, position, end, len(sets), now)])

    def get_record(self, repository: Repository, request: OaiRequest, base_url: str, now: datetime):
        item = self._item(repository, request.arguments["identifier"])
        prefix = request.arguments["metadataPrefix"]
        if prefix not in repository.formats or not (item.deleted or prefix in item.files):
            raise CannotDisseminateFormat(f"{item.identifier} is not available as {prefix}")
        return responses.verb("GetRecord", [self._record(repository, item, prefix)])

    def list_items(self, repository: Repository, request: OaiRequest, base_url: str, now: datetime):
        """ListIdentifiers and ListRecords: one page of the selection, and a token for the next."""
        position = self._position(repository, request, now)
        query = position.query
        if query.prefix not in repository.formats:
            raise CannotDisseminateFormat(f"this repository does not disseminate {query.prefix}")
        if query.set_spec is not None and not repository.sets():
            raise NoSetHierarchy("this repository does not support sets")
        selection = repository.select(query.prefix, query.from_date, query.until_date, query.set_spec)
        if not selection:
            raise NoRecordsMatch("no records match these arguments")
        if position.cursor >= len(selection):
            raise BadResumptionToken("this resumptionToken points past the end of the list")
        end = min(position.cursor + self.page_size, len(selection))
        page = selection[position.cursor:end]
        if query.verb == "ListRecords":
            parts: Iterable[bytes] = [self._record(repository, item, query.prefix) for item in page]
        else:
            parts = [responses.header(item) + b"\n" for item in page]
        return responses.verb(query.verb, [*parts, *self._token(repository, position, end, len(selection), now)])

    def _position(self, repository: Repository, request: OaiRequest, now: datetime) -> Position:
        token = request.get("resumptionToken")
        if token is not None:
            return self.tokens.redeem(token, request.verb, repository.version, now)
        query = ListQuery(request.verb, request.arguments["metadataPrefix"], request.from_date,
                          request.until_date, request.get("set"))
        return Position(query, 0)

    def _token(self, repository: Repository, position: Position, end: int, size: int,
               now: datetime) -> list[bytes]:
        """Nothing for a list that fits one page; a token while more follow; an empty one on the last page."""
        if position.cursor == 0 and end == size:
            return []
        if end == size:
            return [responses.resumption_token("", size, position.cursor, None)]
        token, expires = self.tokens.issue(Position(position.query, end), repository.version, now)
        return [responses.resumption_token(token, size, position.cursor, expires)]

    @staticmethod
    def _record(repository: Repository, item: Item, prefix: str) -> bytes:
        return responses.record(item, None if item.deleted else repository.metadata(item, prefix))

    @staticmethod
    def _item(repository: Repository, identifier: str) -> Item:
        item = repository.item(identifier)
        if item is None:
            raise IdDoesNotExist(f"{identifier} is not an identifier in this repository")
        return item


#: The verb table: each verb's handler.
_VERBS = {
    "Identify": OaiEndpoint.identify,
    "ListMetadataFormats": OaiEndpoint.list_metadata_formats,
    "ListSets": OaiEndpoint.list_sets,
    "GetRecord": OaiEndpoint.get_record,
    "ListIdentifiers": OaiEndpoint.list_items,
    "ListRecords": OaiEndpoint.list_items,
}
