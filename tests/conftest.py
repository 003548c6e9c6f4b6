"""Paths and fixtures shared by the test modules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEI_DIR = ROOT / "tei"
LETTER = TEI_DIR / "letter-to-the-workers-of-western-europe.xml"
REGISTER = TEI_DIR / "register.xml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
# The command as a user runs it, without relying on an ``editio`` script on PATH.
EDITIO = [sys.executable, "-m", "editio"]


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a clean skip saying why (a fresh clone has no ../shared)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path}: ../shared (copy-text, reference facts, official schemas) is absent")
    return path


@pytest.fixture(scope="session")
def build_outputs(tmp_path_factory):
    """Build the edition once per set of outputs; returns a function ``only -> build folder``."""
    from editio.build import build_edition

    built: dict[tuple[str, ...], Path] = {}

    def build(*only: str) -> Path:
        key = tuple(sorted(only))
        if key not in built:
            out = tmp_path_factory.mktemp("build-" + "-".join(key or ("all",)))
            build_edition([TEI_DIR], out=out, only=list(key) or None)
            built[key] = out
        return built[key]

    return build
