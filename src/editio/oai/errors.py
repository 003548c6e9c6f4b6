"""OAI-PMH error conditions: each class carries its protocol error code (OAI-PMH 2.0, §3.6)."""

from __future__ import annotations


class OaiError(Exception):
    """A protocol error, answered as ``<error code="…">message</error>`` inside a valid response."""

    code = ""
    #: badVerb and badArgument answers must not echo the request's arguments (§3.2).
    echoes_request = True

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadVerb(OaiError):
    code = "badVerb"
    echoes_request = False


class BadArgument(OaiError):
    code = "badArgument"
    echoes_request = False


class BadResumptionToken(OaiError):
    code = "badResumptionToken"


class CannotDisseminateFormat(OaiError):
    code = "cannotDisseminateFormat"


class IdDoesNotExist(OaiError):
    code = "idDoesNotExist"


class NoRecordsMatch(OaiError):
    code = "noRecordsMatch"


class NoMetadataFormats(OaiError):
    code = "noMetadataFormats"


class NoSetHierarchy(OaiError):
    code = "noSetHierarchy"
