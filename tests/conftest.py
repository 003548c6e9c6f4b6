"""Paths and fixtures shared by the test modules."""

from __future__ import annotations

import contextlib
import resource
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEI_DIR = ROOT / "tei"
LETTER = TEI_DIR / "letter-to-the-workers-of-western-europe.xml"
REGISTER = TEI_DIR / "register.xml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
# The command as a user runs it, without relying on an ``editio`` script on PATH.
EDITIO = [sys.executable, "-m", "editio"]


def run_process(*args, cwd: Path = ROOT, timeout: float = 180) -> subprocess.CompletedProcess:
    """``python -m editio ARGS`` in a fresh process, exactly as a user runs the command."""
    return subprocess.run([*EDITIO, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          check=False)


def run_command(*args, cwd: Path = ROOT, text: bool = True) -> subprocess.CompletedProcess:
    """The same command run in this process by click's runner: the same parsing, output streams and exit
    codes, without starting an interpreter and compiling the schemas again each time. An exception the
    command does not handle is raised here rather than turned into an exit code."""
    from click.testing import CliRunner

    from editio.cli import main

    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, [str(arg) for arg in args], prog_name="editio", catch_exceptions=False)
    stdout, stderr = (result.stdout, result.stderr) if text else (result.stdout_bytes, result.stderr_bytes)
    return subprocess.CompletedProcess(["editio", *map(str, args)], result.exit_code, stdout, stderr)


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


# Work started ahead (prefetch) ------------------------------------------------------------------
# The tests run one at a time, on one core. Work that needs nothing but the sources and takes seconds
# in processes of its own (whole builds by the real command, the official tei_all schema) starts as soon
# as the tests are collected, in background threads that wait on those processes, so that it runs on the
# other core; the fixture that needs it waits for the result. Only work that a selected test uses starts.

_PREFETCH: dict[str, Callable[[Path], object]] = {}
_started: dict[str, Future] = {}
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ahead")
_scratch: list[Path] = []


def prefetch(fixture_name: str):
    """Register ``work(scratch_folder)`` to start at collection when a selected test uses ``fixture_name``."""
    def register(work: Callable[[Path], object]) -> Callable[[Path], object]:
        _PREFETCH[fixture_name] = work
        return work
    return register


def prefetched(fixture_name: str):
    """The result of the work registered for ``fixture_name``, started now if it was not already."""
    if fixture_name not in _started:
        _start(fixture_name)
    return _started[fixture_name].result()


def _start(fixture_name: str) -> None:
    if not _scratch:
        _scratch.append(Path(tempfile.mkdtemp(prefix="editio-tests-ahead-")))
    folder = _scratch[0] / fixture_name
    folder.mkdir()
    _started[fixture_name] = _pool.submit(_PREFETCH[fixture_name], folder)


def pytest_collection_modifyitems(items) -> None:
    """Tests that wait for work started ahead run last, so that the work has the whole session to finish."""
    items.sort(key=lambda item: any(name in _PREFETCH for name in getattr(item, "fixturenames", ())))


def pytest_collection_finish(session) -> None:
    used = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    for fixture_name in _PREFETCH:
        if fixture_name in used and fixture_name not in _started:
            _start(fixture_name)


def pytest_sessionfinish(session) -> None:
    for started in _started.values():
        started.cancel()
    _pool.shutdown(wait=True, cancel_futures=True)
    for folder in _scratch:
        shutil.rmtree(folder, ignore_errors=True)


# Where the time goes, printed after the run (.ci/run shows it): by kind of test.
_seconds: dict[str, float] = {}


def pytest_runtest_logreport(report) -> None:
    kind = next((marker for marker in ("browser", "load", "slow") if marker in report.keywords), "the rest")
    _seconds[kind] = _seconds.get(kind, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter) -> None:
    if _seconds:
        spent = ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in sorted(_seconds.items()))
        terminalreporter.write_line(f"time inside tests (setup, call, teardown) by kind: {spent}")
    # Processor time, which a busy machine does not inflate as it does the wall clock.
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    terminalreporter.write_line(f"processor time: this process {own.ru_utime + own.ru_stime:.1f} s, "
                                f"the processes it started {children.ru_utime + children.ru_stime:.1f} s")


@pytest.fixture(scope="module")
def edition():
    """The edition loaded from tei/, once per test module that asks for it."""
    from editio.edition import load_edition

    return load_edition([TEI_DIR])


@pytest.fixture(scope="module")
def letter(edition):
    """The letter among the edition's documents."""
    from lxml import etree

    return edition.document(etree.parse(str(LETTER)).getroot().get("{http://www.w3.org/XML/1998/namespace}id"))
