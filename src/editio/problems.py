"""A validation problem: where (file, line, column), how bad, which rule, and what is wrong.

Its own module so that the validators (``editio.validators``), the report (``editio.validation``) and
the build cache all share it without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass

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
