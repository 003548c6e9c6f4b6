"""A validation report as SARIF 2.1.0, the format code-scanning services read to annotate pull requests."""

from __future__ import annotations

from pathlib import Path

from . import __version__

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning"}


def report_to_sarif(report, error: str | None = None) -> dict:
    """One run of editio: its rules (the ids the problems carry) and one result per problem."""
    rules = sorted({problem.rule for problem in report.problems})
    run = {
        "tool": {"driver": {"name": "editio", "version": __version__,
                            "informationUri": "https://github.com/editio/editio",
                            "rules": [{"id": rule} for rule in rules]}},
        "results": [_result(problem, rules.index(problem.rule)) for problem in report.problems],
        "invocations": [{"executionSuccessful": error is None,
                         **({"toolExecutionNotifications": [{"level": "error", "message": {"text": error}}]}
                            if error else {})}],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _result(problem, rule_index: int) -> dict:
    return {
        "ruleId": problem.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(problem.severity, "note"),
        "message": {"text": problem.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(problem.file)},
            "region": {"startLine": max(problem.line, 1), "startColumn": max(problem.column, 1)},
        }}],
    }


def _uri(file: str) -> str:
    """Relative to the working folder where possible (as code-scanning services expect), else a file URI."""
    path = Path(file)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_uri()
