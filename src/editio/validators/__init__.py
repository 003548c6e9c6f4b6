"""The validators: one plug-in module per schema language, behind one contract (``base.py``).

Adding a schema language is a module with ``compile_schema(path)`` and one row below.
"""

from __future__ import annotations

from pathlib import Path

from .base import Schema, SchemaLanguage

SCHEMA_LANGUAGES = (
    SchemaLanguage("XML Schema", "editio.validators.xsd", "http://www.w3.org/2001/XMLSchema", ".xsd"),
    SchemaLanguage("RELAX NG", "editio.validators.relaxng", "http://relaxng.org/ns/structure/1.0", ".rng",
                   phased=True),
    SchemaLanguage("Schematron", "editio.validators.schematron", "http://purl.oclc.org/dsdl/schematron", ".sch",
                   phased=True),
)


def language_by_namespace(namespace: str) -> SchemaLanguage | None:
    return next((language for language in SCHEMA_LANGUAGES if language.namespace == namespace), None)


def language_by_suffix(path: Path) -> SchemaLanguage | None:
    return next((language for language in SCHEMA_LANGUAGES if path.suffix.lower() == language.suffix), None)


__all__ = ["SCHEMA_LANGUAGES", "Schema", "SchemaLanguage", "language_by_namespace", "language_by_suffix"]
