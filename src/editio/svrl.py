"""Reading an SVRL report (ISO Schematron's output): one walker for both engines editio runs,
Saxon for XPath 2/3 schemas (``schematron_engine.py``) and libxslt for EXSLT ones
(``validators/schematron.py``)."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from lxml import etree

SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
# role (or flag) values that make a failure a warning; anything else is an error.
WARNING_ROLES = frozenset({"warning", "warn", "info", "information", "nonfatal", "non-fatal", "caution", "note"})
_RESULTS = ("failed-assert", "successful-report")


class Result(NamedTuple):
    """A failed assert or successful report, with the pattern and rule that were active for it."""

    kind: str  # "failed-assert" or "successful-report"
    node: etree._Element
    pattern: str | None
    rule: str | None
    message: str  # the svrl:text on one line; empty when the rule gave none


def results(report: etree._Element) -> Iterator[Result]:
    """Every failure of an SVRL report, in document order."""
    pattern = rule = None
    for node in report.iterchildren(etree.Element):
        kind = etree.QName(node).localname
        if kind == "active-pattern":
            pattern = node.get("id")
        elif kind == "fired-rule":
            rule = node.get("id")
        elif kind in _RESULTS:
            text = node.find(f"{{{SVRL_NS}}}text")
            yield Result(kind, node, pattern, rule, " ".join("".join(text.itertext()).split()) if text is not None else "")


def severity(role: str | None, flag: str | None = None) -> str:
    """role (or flag) → severity: a warning when it says so (warning, info, nonfatal…), else an error."""
    for value in (role, flag):
        if value and value.strip().lower() in WARNING_ROLES:
            return "warning"
    return "error"
