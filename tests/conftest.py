"""Paths and fixtures shared by the test modules."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import pickle
import re
import resource
import shutil
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import pytest

# Python's byte-code caches are written even where PYTHONDONTWRITEBYTECODE asks not to (as on this
# project's shared machines): otherwise every process of the suite — the two workers, each
# `python -m editio` it starts, each worker of a build's pool — compiles editio's modules and the test
# modules (and pytest rewrites their asserts) again, several seconds of the suite's processor time.
# The caches go where Python keeps them (__pycache__, ignored by git).
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

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


def pdfium_text(path: Path) -> str:
    """Every page's text as PDFium (Chromium's PDF library) extracts it, about ten times faster than pypdf:
    for the checks that count or find words, not for those that read where pypdf breaks the lines."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def edition_copy(folder: Path) -> Path:
    """A copy of the edition's sources and settings in ``folder``, for a test to edit, with its schemas
    linked, not copied (no test edits them): editio keeps a compiled schema by its real path, once per
    process and in the per-user cache, so a copy would be compiled afresh."""
    shutil.copytree(ROOT / "tei", folder / "tei")
    (folder / "schema").symlink_to(ROOT / "schema")
    shutil.copy(ROOT / "editio.toml", folder / "editio.toml")
    return folder


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a clean skip saying why (a fresh clone has no ../shared)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path}: ../shared (copy-text, reference facts, official schemas) is absent")
    return path


@pytest.fixture(scope="session")
def build_outputs(tmp_path_factory):
    """Build the edition once per set of outputs; returns a function ``only -> build folder``. Under
    xdist the workers share each build: the first to need it builds it, the others wait and read it."""
    from editio.build import build_edition

    built: dict[tuple[str, ...], Path] = {}

    def build(*only: str) -> Path:
        key = tuple(sorted(only))
        if key not in built:
            name = "build-" + "-".join(key or ("all",))
            out = shared_folder(tmp_path_factory.getbasetemp()) / name
            with once(out.with_suffix(".lock")) as first:
                if first:
                    shutil.rmtree(out, ignore_errors=True)  # a worker that failed half-way
                    build_edition([TEI_DIR], out=out, only=list(key) or None)
                    done(out.with_suffix(".lock"))
            built[key] = out
        return built[key]

    return build


# Work shared by the xdist workers ---------------------------------------------------------------
# `pytest -n 2` (the default: see pyproject.toml) runs the tests in two worker processes, one a core.
# A session's builds and the work started ahead are done once for both: the first worker to need one
# does it under a file lock in the folder both share, and the other reads what it left.

def worker_id() -> str | None:
    """``gw0``, ``gw1``, … in an xdist worker; None in a run without xdist."""
    return os.environ.get("PYTEST_XDIST_WORKER")


def shared_folder(basetemp: Path) -> Path:
    """The folder every worker of this run shares: the run's base temporary folder (its parent in a worker)."""
    return basetemp.parent if worker_id() else basetemp


@contextlib.contextmanager
def once(lock: Path):
    """Held ``lock`` (a file lock, for threads and processes alike); yields True if the work it guards
    is still to do, False if another worker or thread has done it (``done``)."""
    with _thread_lock(lock), lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield not lock.with_suffix(".done").exists()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def done(lock: Path) -> None:
    lock.with_suffix(".done").touch()


_thread_locks: dict[Path, threading.Lock] = {}


def _thread_lock(lock: Path) -> threading.Lock:
    # flock() excludes other processes; threads of one process share its lock, so they need their own
    return _thread_locks.setdefault(lock, threading.Lock())


# Work started ahead (prefetch) ------------------------------------------------------------------
# Work that needs nothing but the sources and takes seconds in processes of its own (whole builds by
# the real command, the Nu Html Checker, the official tei_all schema) starts as soon as the tests are
# collected, in background threads that wait on those processes, so that it overlaps the tests; the
# fixture that needs it waits for the result. Only work that a selected test uses starts. Under xdist
# one worker does it and leaves its result (pickled) for the other; a result that cannot be pickled
# (a compiled schema) is made again by a worker that needs it.

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
    _started[fixture_name] = _pool.submit(_shared_work, fixture_name, _scratch[0] / fixture_name)


def _shared_work(fixture_name: str, folder: Path):
    lock, result = folder.with_suffix(".lock"), folder.with_suffix(".pickle")
    with once(lock) as first:
        if not first and result.exists():
            return pickle.loads(result.read_bytes())
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        made = _PREFETCH[fixture_name](folder)
        with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError):
            result.write_bytes(pickle.dumps(made))
        done(lock)
        return made


def pytest_collection_modifyitems(config, items) -> None:
    """Tests that wait for work started ahead run last, so that the work has the whole session to finish.
    In an xdist worker, the work units (below) come in the order of their expected time, longest first,
    each with its tests that wait for work started ahead last: the scheduler hands them out in this
    order, so that a long unit does not start last and keep one core busy alone at the end."""
    def waits(item) -> bool:
        return any(name in _PREFETCH for name in getattr(item, "fixturenames", ()))

    if not worker_id():
        items.sort(key=waits)
        return
    expected: dict[str, float] = {}
    timed = {**_stored_test_seconds(), **(config.cache.get(TEST_SECONDS, {}) if getattr(config, "cache", None) else {})}
    for item in items:
        unit = work_unit(item.nodeid)
        expected[unit] = expected.get(unit, 0.0) + timed.get(item.nodeid, _untimed_seconds(item))
    items.sort(key=lambda item: (-expected[work_unit(item.nodeid)], waits(item)))


# Each test's time in a whole run on this project's 2-core machine, kept in the repository (as
# pytest-split keeps its .test_durations) for a fresh clone's first runs, before .pytest_cache holds
# times of this machine's own; `pytest --store-test-seconds` writes it again from a run.
STORED_TEST_SECONDS = Path(__file__).with_name("test-seconds.json")


def pytest_addoption(parser) -> None:
    parser.addoption("--store-test-seconds", action="store_true",
                     help="keep this run's test times in tests/test-seconds.json (the order of a fresh clone's runs)")


@functools.cache
def _stored_test_seconds() -> dict[str, float]:
    try:
        return json.loads(STORED_TEST_SECONDS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# What a test timed neither here nor in test-seconds.json is expected to take, by its marker: without
# it a long browser unit would be handed out last.
UNTIMED_SECONDS = {"browser": 1.5, "slow": 3.0, "load": 2.0}
UNTIMED_OTHER_SECONDS = 0.1


def _untimed_seconds(item) -> float:
    return max((UNTIMED_SECONDS[marker.name] for marker in item.iter_markers() if marker.name in UNTIMED_SECONDS),
               default=UNTIMED_OTHER_SECONDS)


# Under xdist a work unit's tests run in one worker, one after the other: a test module's, so that its
# module fixtures are made once; and the modules that use oai_support together, because they share
# what is costly to make in each process (the OAI schema with tei_all.xsd in it, about 6 s; the
# generated repository; the live server).
# Two more groupings: tei_all.rng is compiled once for the modules that validate with it (editio keeps
# compiled schemas per process); the Tillich corpus's build, the longest piece of work (a minute of
# processor time), is a unit of its own, so that it does not make the OAI unit the suite's last.
# The controller keeps each test's time (setup, call and teardown) for the next run, whichever tests
# that run selects.
TEST_SECONDS = "editio/test-seconds"
_test_seconds: dict[str, float] = {}
_UNITS = {"tests/test_tei_all.py": "tei_all.rng", "tests/test_schematron_engine.py": "tei_all.rng"}


def work_unit(nodeid: str) -> str:
    module, _, name = nodeid.partition("::")
    if module == "tests/test_oai_sets.py" and name.startswith("test_tillich_"):
        return "tillich"
    return _UNITS.get(module) or ("oai_support" if _uses_oai_support(module) else module)


@functools.cache
def _uses_oai_support(module: str) -> bool:
    try:
        source = (ROOT / module).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^(from oai_support import|pytest_plugins = \[\"oai_support\"\])", source, re.M) is not None


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile``, with work_unit() as the unit; in the order the workers collected them."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    config.option.loadscopereorder = False  # keep the order of pytest_collection_modifyitems
    return ByWorkUnit(config, log)


def pytest_collection_finish(session) -> None:
    if session.config.option.collectonly:
        return
    _scratch.append(shared_folder(session.config._tmp_path_factory.getbasetemp()))
    used = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    for fixture_name in _PREFETCH:
        if fixture_name in used and fixture_name not in _started and not _taken_by_another_worker(fixture_name):
            _start(fixture_name)


def _taken_by_another_worker(fixture_name: str) -> bool:
    """Whether another worker has started this work already (its lock is held): then this one starts
    nothing ahead, and a test here that needs the result waits for it there."""
    if not worker_id():
        return False
    lock = (_scratch[0] / fixture_name).with_suffix(".lock")
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def pytest_sessionfinish(session) -> None:
    cache = getattr(session.config, "cache", None)
    if cache is not None and _test_seconds and not worker_id():
        cache.set(TEST_SECONDS, {**cache.get(TEST_SECONDS, {}), **_test_seconds})
    if session.config.getoption("store_test_seconds") and _test_seconds and not worker_id():
        kept = {**_stored_test_seconds(), **{test: round(seconds, 2) for test, seconds in _test_seconds.items()}}
        STORED_TEST_SECONDS.write_text(json.dumps(kept, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    for started in _started.values():
        started.cancel()
    _pool.shutdown(wait=True, cancel_futures=True)
    _report_processor_time(session.config)


# Where the time goes, printed after the run (.ci/run shows it): by kind of test, and processor time,
# which a busy machine does not inflate as it does the wall clock. Under xdist each worker sends its own
# processor time to the process that prints the summary.
_seconds: dict[str, float] = {}
_processor: dict[str, tuple[float, float]] = {}


def pytest_runtest_logreport(report) -> None:
    kind = next((marker for marker in ("browser", "load", "slow") if marker in report.keywords), "the rest")
    _seconds[kind] = _seconds.get(kind, 0.0) + report.duration
    _test_seconds[report.nodeid] = _test_seconds.get(report.nodeid, 0.0) + report.duration


def _processor_time() -> tuple[float, float]:
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _report_processor_time(config) -> None:
    if hasattr(config, "workeroutput"):  # an xdist worker: its figures go to the controller
        config.workeroutput["processor_time"] = _processor_time()


def pytest_testnodedown(node, error) -> None:
    """xdist, in the controller: a worker finished, with its processor time."""
    figures = getattr(node, "workeroutput", {}).get("processor_time")
    if figures:
        _processor[node.gateway.id] = tuple(figures)


def pytest_terminal_summary(terminalreporter) -> None:
    if _seconds:
        spent = ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in sorted(_seconds.items()))
        terminalreporter.write_line(f"time inside tests (setup, call, teardown) by kind: {spent}")
    own, children = _processor_time()
    if _processor:
        workers = sum(figures[0] for figures in _processor.values())
        started = sum(figures[1] for figures in _processor.values())
        terminalreporter.write_line(
            f"processor time: {len(_processor)} workers {workers:.1f} s, the processes they started "
            f"{started:.1f} s, this process {own:.1f} s; total {workers + started + own:.1f} s; "
            f"load average {os.getloadavg()[0]:.1f}")
    else:
        terminalreporter.write_line(f"processor time: this process {own:.1f} s, the processes it started "
                                    f"{children:.1f} s; total {own + children:.1f} s; "
                                    f"load average {os.getloadavg()[0]:.1f}")


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


# One Chromium for the browser tests of a process --------------------------------------------------
# Starting Playwright's driver and Chromium costs about a second of processor time; the browser test
# modules that run in one process (one xdist worker) share one browser, each test in contexts of its
# own. (Playwright's synchronous API allows one running instance per thread: every browser test takes
# its Chromium from here.)

@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium (web_support.chromium_browser), started when a test first needs it."""
    from web_support import chromium_browser

    with chromium_browser() as browser:
        yield browser
