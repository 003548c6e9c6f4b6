"""Errors that reach the user as one line: ``file:line:column: error: message``."""

from __future__ import annotations

from pathlib import Path


class EditioError(Exception):
    """A problem with the user's input or environment, reported without a traceback."""

    def __init__(self, message: str, file: str | Path | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        location = ":".join(str(part) for part in (self.file, self.line, self.column) if part is not None)
        return f"{location}: error: {self.message}" if location else f"error: {self.message}"


class InputError(EditioError):
    """A source file that cannot be read as TEI: missing, empty, binary, not well-formed, hostile."""


class MalformedInput(InputError):
    """A file that was read but is no well-formed TEI document (or is refused as hostile): an invalid
    document, which a validation report lists among its problems."""


class ConfigError(EditioError):
    """An invalid ``editio.toml``."""


class BuildError(EditioError):
    """A build that could not complete; the previous outputs are left as they were."""
