"""What the corpus tests share: a synthetic correspondence, a build folder's files, and which
documents a build rendered (rather than replayed from the per-document cache)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from conftest import ROOT
from editio import executor


def synthetic_corpus(folder: Path, letters: int) -> Path:
    """``letters`` letters from the benchmarks' generator (``benchmarks/generate_corpus.py``)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import write_corpus
    return write_corpus(folder, letters)


def output_tree(folder: Path) -> dict[str, bytes]:
    """Every file of a build folder but its cache, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


def documents_rendered(build: Callable[[], object]) -> list[str]:
    """The file names of the documents ``build()`` rendered, in order (serial builds: ``jobs=1``)."""
    made: list[str] = []
    original = executor.render_task
    try:
        executor.render_task = lambda task: made.append(Path(task.path).name) or original(task)
        build()
    finally:
        executor.render_task = original
    return made
