"""Validating many independent documents (a corpus) in parallel, in a pool of processes.

Each document is checked on its own against the schemas it declares and the schemas given (no edition
context: rules that read other documents see only the document itself, and ids are not compared across
documents). The parent compiles every schema first, so that a schema
error is reported once; each worker compiles them again from what the parent made (the generated
Schematron stylesheets are handed over, so compile.xsl runs once per run), once per worker.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable

from .documents import iterate_source_paths, load_document
from .errors import MalformedInput
from .validation import Problem, ValidationReport, _declared_schema, _extra_schema, malformed_problem

_worker_schemas: list = []
_worker_phase: list[str] = [""]


def validate_corpus(paths: Iterable[str | Path], schemas: Iterable[str | Path], phase: str = "",
                    workers: int | None = None) -> ValidationReport:
    """Validate every XML file under ``paths`` against ``schemas``, in ``workers`` processes."""
    files = iterate_source_paths(list(paths))
    schemas = [Path(s) for s in schemas]
    for schema in schemas:
        _extra_schema(schema, phase)  # compile here first: a broken schema fails once, with its file
    from . import schematron_engine
    seeds = [(c.path, c.phase, c.key, c.stylesheet) for c in schematron_engine._compiled.values()]
    workers = workers or os.cpu_count() or 1
    problems: list[Problem] = []
    if workers == 1:
        _start_worker(schemas, phase, [])
        chunks = [_check_files(files)]
    else:
        chunk = max(1, len(files) // (workers * 8))
        batches = [files[i:i + chunk] for i in range(0, len(files), chunk)]
        with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(schemas, phase, seeds)) as pool:
            chunks = list(pool.map(_check_files, batches))
    for found in chunks:
        problems.extend(found)
    return ValidationReport(files=[str(f) for f in files], problems=sorted(set(problems)))


def _start_worker(schemas: list[Path], phase: str, seeds: list) -> None:
    from .schematron_engine import compiled_from_stylesheet
    for path, seed_phase, key, stylesheet in seeds:
        compiled_from_stylesheet(path, seed_phase, key, stylesheet)
    _worker_schemas[:] = [_extra_schema(schema, phase) for schema in schemas]
    _worker_phase[0] = phase


def _check_files(files: list[Path]) -> list[Problem]:
    problems: list[Problem] = []
    for path in files:
        try:
            document = load_document(path)
        except MalformedInput as error:
            problems.append(malformed_problem(error))
            continue
        schemas = []
        for reference in document.schema_references:  # as validate_edition: the xml-model schemas too
            declared = _declared_schema(document, reference, _worker_phase[0])
            if isinstance(declared, Problem):
                problems.append(declared)
            else:
                schemas.append(declared)
        for schema in dict.fromkeys([*schemas, *_worker_schemas]):
            problems.extend(schema.check(document, None))
    return problems
