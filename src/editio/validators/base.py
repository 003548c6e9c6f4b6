"""The contract of a validator: a schema language that compiles a schema file into something that
checks one document at a time.

A plug-in module (``xsd.py``, ``relaxng.py``, ``schematron.py``) defines ``compile_schema(path)``
(``compile_schema(path, phase)`` for a language with Schematron phases), returning a :class:`Schema`.
It imports this contract, ``editio.problems`` and libraries (``editio.documents``,
``editio.schematron_engine``), never the report that runs it (``editio.validation``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..documents import Document
from ..problems import Problem


class Schema(Protocol):
    """A compiled schema."""

    #: The files it was compiled from besides its own (includes, imports): a change to one recompiles it.
    sources: list[Path]

    def check(self, document: Document, edition=None) -> list[Problem]:
        """The problems of ``document``; ``edition`` is the rest of the edition, for cross-document rules."""


@dataclass(frozen=True)
class SchemaLanguage:
    """A schema language: the plug-in module that compiles it, and how a document or a file name names it."""

    name: str
    module: str  # exposes compile_schema(path) -> Schema, and compile_schema(path, phase) if ``phased``
    namespace: str  # the xml-model @schematypens
    suffix: str
    phased: bool = False  # Schematron phases: its own, or those embedded in RELAX NG

    def compile(self, path: Path, phase: str = "") -> Schema:
        from importlib import import_module  # on demand: a build that checks no RELAX NG never loads it
        module = import_module(self.module)
        return module.compile_schema(path, phase) if self.phased and phase else module.compile_schema(path)
