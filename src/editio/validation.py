"""Validation reports: every problem located as ``file:line:column`` with a rule id.

(Interim: well-formedness only. The XSD, Schematron and RELAX NG layers are being added.)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable

from .edition import Edition, load_edition

SEVERITIES = ("error", "warning")


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    severity: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: [{self.rule}] {self.message}"


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


def validate_edition(edition: Edition, extra_schemas: Iterable[Path] = ()) -> ValidationReport:
    """Validate every document of ``edition``; returns a report, never raises for invalid content."""
    return ValidationReport(files=[str(d.path) for d in edition.documents])


def validate_paths(paths: Iterable[str | Path] | None = None,
                   extra_schemas: Iterable[Path] = ()) -> ValidationReport:
    """Load and validate ``paths`` (default: the edition's sources); bad input raises InputError."""
    return validate_edition(load_edition(paths), extra_schemas)
