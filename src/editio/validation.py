"""Validation reports: every problem located as ``file:line:column`` with a rule id.

Each document is checked against the schemas its ``<?xml-model?>`` instructions declare and against any
schema given on the command line, by the validator plug-ins of ``editio.validators``: W3C XML Schema
(``xsd.py``), RELAX NG (``relaxng.py``) and ISO Schematron (``schematron.py``). Well-formedness is
checked when the edition is loaded. Each schema is compiled once per process (a compiled XML Schema is
also kept in the per-user cache, ``user_cache.py``, for the next process).
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urljoin, urlsplit

from .documents import Document, SchemaReference
from .edition import Edition, load_edition
from .errors import InputError
from .problems import SEVERITIES, Problem
from .validators import SCHEMA_LANGUAGES, SchemaLanguage, language_by_namespace, language_by_suffix


@dataclass
class ValidationReport:
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        count = lambda n, word: f"{n} {word}{'s' * (n != 1)}"
        verdict = "valid" if self.ok else "invalid"
        return (f"{verdict}: {count(len(self.files), 'file')}, {count(len(self.errors), 'error')}, "
                f"{count(len(self.warnings), 'warning')}")

    def to_json(self) -> dict:
        return {"valid": self.ok, "files": self.files, "errors": len(self.errors),
                "warnings": len(self.warnings), "problems": [asdict(p) for p in self.problems]}


XML_MODEL_RULE = "xml-model"


def validate_edition(edition: Edition, extra_schemas: Iterable[Path] = (), phase: str = "",
                     malformed: Iterable[InputError] = ()) -> ValidationReport:
    """Validate every document of ``edition``; returns a report, never raises for invalid content.

    ``malformed`` are the files that could not be loaded as TEI: each is one problem of the report.
    ``phase`` is the Schematron phase to run. An unreadable or non-compiling schema raises
    :class:`InputError`.
    """
    extra = [_extra_schema(given, phase) for given in extra_schemas]
    problems: list[Problem] = [malformed_problem(error) for error in malformed]
    for document in edition.requested:
        schemas = []
        for reference in document.schema_references:
            declared = _declared_schema(document, reference, phase)
            if isinstance(declared, Problem):
                problems.append(declared)
            else:
                schemas.append(declared)
        for schema in dict.fromkeys([*schemas, *extra]):
            problems.extend(schema.check(document, edition))
    files = [str(d.path) for d in edition.requested]
    files += [error.file for error in malformed if error.file and error.file not in files]
    return ValidationReport(files=files, problems=sorted(set(problems)))


def validate_paths(paths: Iterable[str | Path] | None = None,
                   extra_schemas: Iterable[Path] = (), phase: str = "") -> ValidationReport:
    """Load and validate ``paths`` (default: the edition's sources).

    A malformed file (not well-formed, not TEI, refused as hostile) is one problem among the others and
    the other files are still validated; a path that does not exist or cannot be read raises InputError.
    """
    malformed: list[InputError] = []
    edition = load_edition(paths, context="edition", malformed=malformed)
    return validate_edition(edition, extra_schemas, phase, malformed)


def malformed_problem(error: InputError) -> Problem:
    """A file that could not be loaded, as a problem located where the parser stopped."""
    rule = ("well-formed" if error.message.startswith("not well-formed")
            else "document-id-unique" if error.message.startswith("two documents have the id") else "tei-document")
    return Problem(error.file or "", error.line or 1, error.column or 1, "error", rule, error.message)


def _declared_schema(document: Document, reference: SchemaReference, phase: str = ""):
    """The compiled schema an ``<?xml-model?>`` names, or a warning saying why it is not checked."""
    def warning(message: str) -> Problem:
        return Problem(str(document.path), reference.line, 1, "warning", XML_MODEL_RULE, message)

    url = urljoin(document.path.resolve().as_uri(), reference.href)
    scheme = urlsplit(url).scheme
    if scheme in ("http", "https"):
        return warning(f"schema {reference.href} is not fetched (editio never downloads): "
                       "check against a local copy with --schema FILE")
    if scheme != "file":
        return warning(f"schema {reference.href} is not checked: only local files are read")
    language = _language_of_reference(reference)
    if language is None:
        return warning(f"schema {reference.href} is not checked: unknown schema language "
                       f"(schematypens '{reference.schematypens}')")
    path = Path(unquote(urlsplit(url).path))
    if not path.is_file():
        raise InputError(f"schema {reference.href} named by <?xml-model?> not found ({path})",
                         file=document.path, line=reference.line)
    return compiled_schema(path, language, phase)


def _language_of_reference(reference: SchemaReference) -> SchemaLanguage | None:
    if reference.schematypens:
        return language_by_namespace(reference.schematypens)
    return language_by_suffix(Path(urlsplit(reference.href).path))


def _extra_schema(given: str | Path, phase: str = ""):
    """A schema named on the command line: a local file whose suffix names its language."""
    # click's Path has already made "http://host/x.xsd" into "http:/host/x.xsd".
    if re.match(r"^[A-Za-z][\w+.-]*:/", str(given)) and not Path(given).exists():
        url = re.sub(r"^([A-Za-z][\w+.-]*):/(?!/)", r"\1://", str(given))
        raise InputError("schema URLs are not fetched: download the schema and give the local file", file=url)
    path = Path(given)
    language = language_by_suffix(path)
    if language is None:
        raise InputError("unknown schema language: expected a .xsd, .rng or .sch file", file=path)
    return compiled_schema(path, language, phase)


# Compiled schemas, once per process: (path, phase) → (modification times of its source files, schema).
_compiled: dict[tuple[Path, str], tuple[dict[Path, int], object]] = {}
_compiled_lock = threading.Lock()


def compiled_schema(path: Path, language: SchemaLanguage, phase: str = ""):
    """The schema at ``path`` compiled; again only when one of its source files has changed."""
    given, path = path, Path(os.path.realpath(path))  # realpath: a loop of links is "no such file"
    if not path.is_file():
        raise InputError("no such schema file" if not path.exists() else "schema is not a file", file=given)
    with _compiled_lock:
        cached = _compiled.get((path, phase))
        if cached is not None and cached[0] == _stamps(cached[0]):
            return cached[1]
        schema = language.compile(given, phase)
        _compiled[(path, phase)] = (_stamps([path, *schema.sources]), schema)
        return schema


def _stamps(paths: Iterable[Path]) -> dict[Path, int]:
    stamps = {}
    for path in paths:
        try:
            stamps[path] = path.stat().st_mtime_ns
        except OSError:
            stamps[path] = -1
    return stamps


# Re-exported: the names this module has always offered.
__all__ = ["SCHEMA_LANGUAGES", "SEVERITIES", "Problem", "SchemaLanguage", "ValidationReport", "compiled_schema",
           "validate_edition", "validate_paths"]
