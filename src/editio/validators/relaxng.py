"""RELAX NG validation with lxml (libxml2), e.g. against the official tei_all.rng."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..documents import Document, safe_parser
from ..errors import InputError
from ..problems import Problem


def compile_schema(path: Path, phase: str = "") -> RelaxNgSchema:
    """The grammar, and the Schematron rules embedded in it (as ODD-generated grammars carry them)."""
    try:
        grammar = etree.RelaxNG(etree.parse(str(path), safe_parser()))
    except (etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
        raise InputError(f"RELAX NG schema does not compile: {' '.join(str(exc).split())}", file=path) from None
    from ..schematron_engine import EngineSchema, compile_schematron, extract_from_rng
    embedded = extract_from_rng(Path(path))
    rules = EngineSchema(Path(path), compile_schematron(Path(path), phase, schema_text=embedded)) if embedded else None
    return RelaxNgSchema(path, grammar, rules)


class RelaxNgSchema:
    """A compiled RELAX NG schema; its problems carry the schema's file name as their rule."""

    def __init__(self, path: Path, schema: etree.RelaxNG, rules=None) -> None:
        self.path = path
        self.schema = schema
        self.rules = rules  # the embedded Schematron, if any
        self.sources: list[Path] = []

    def check(self, document: Document, edition=None) -> list[Problem]:
        problems = self.rules.check(document, edition) if self.rules is not None else []
        if self.schema.validate(document.tree):
            return problems
        for entry in self.schema.error_log:
            line, column = document.position(_element_at(document, entry.path, entry.line))
            problems.append(Problem(str(document.path), line, column, "error", self.path.name,
                                    _message(entry.message)))
        return problems


def _element_at(document: Document, path: str | None, line: int) -> etree._Element:
    """The element libxml2 names by its node path; else the first on its line; else the root."""
    try:
        found = document.tree.xpath(path) if path else []
    except etree.XPathError:
        found = []
    if found and isinstance(found[0], etree._Element):
        return found[0]
    on_line = (element for element in document.root.iter(etree.Element) if element.sourceline == line)
    return next(on_line, document.root)


def _message(message: str) -> str:
    # libxml2 names elements with their namespace in braces; an editor knows them by their local name.
    return " ".join(re.sub(r"\{[^}]*\}", "", message).split())
