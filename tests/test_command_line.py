"""The command line meets odd input with one line and an exit status, never a traceback or a hang
(issue 13, item 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import LETTER, ROOT, TEI_DIR, run_command

EDITION_FILES = ("editio.toml",)


def editio(*args, cwd: Path = ROOT, env: dict | None = None, timeout: float = 120,
           **options) -> subprocess.CompletedProcess:
    streams = {"stderr": subprocess.PIPE} if "stdout" in options else {"capture_output": True}
    return subprocess.run([sys.executable, "-m", "editio", *map(str, args)], cwd=cwd, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, **streams, **options)


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode not in (0, None) and "Traceback" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert "error:" in last and all(word in last for word in words), result.stderr


@pytest.fixture
def edition(tmp_path) -> Path:
    shutil.copytree(TEI_DIR, tmp_path / "edition" / "tei")
    shutil.copy(ROOT / "editio.toml", tmp_path / "edition")
    return tmp_path / "edition"


@pytest.mark.parametrize("command", [["validate"], ["build", "--only", "text"], ["metadata", "--format", "mods"]])
def test_a_symlink_loop_is_reported(tmp_path, command):
    (tmp_path / "loop.xml").symlink_to(tmp_path / "loop.xml")
    name, *options = command
    if name == "build":
        options += ["--out", tmp_path / "out"]
    assert_one_line_error(editio(name, tmp_path / "loop.xml", *options, cwd=tmp_path), "loop")


def test_a_source_date_epoch_out_of_range_is_reported(tmp_path):
    result = editio("build", "--out", tmp_path / "out", "--only", "text", env={"SOURCE_DATE_EPOCH": "999999999999999"})
    assert_one_line_error(result, "SOURCE_DATE_EPOCH")


def test_a_closed_standard_output_is_reported():
    result = editio("metadata", LETTER, "--format", "mods", stdout=subprocess.DEVNULL, timeout=60,
                    preexec_fn=lambda: os.close(1))
    assert_one_line_error(result, "output")


def test_a_broken_pipe_is_quiet():
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    result = editio("metadata", LETTER, "--format", "mods", stdout=reader.stdin, timeout=60)
    reader.communicate()
    assert "Traceback" not in result.stderr


def test_an_invalid_host_is_reported(build_outputs):
    built = build_outputs("html", "metadata")
    assert_one_line_error(editio("serve", "--host", "256.0.0.1", "--build", built, timeout=30), "256.0.0.1")


def test_a_huge_token_lifetime_is_refused_by_the_settings(edition):
    settings = edition / "editio.toml"
    settings.write_text(settings.read_text().replace("token_lifetime_seconds = 3600",
                                                     "token_lifetime_seconds = 99999999999999999"))
    assert_one_line_error(editio("validate", cwd=edition, timeout=30), "token_lifetime_seconds")


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_files_that_are_not_regular_are_refused_without_reading(tmp_path, special):
    if special == "fifo":
        os.mkfifo(tmp_path / "fifo.xml")
        special = tmp_path / "fifo.xml"
    result = editio("validate", special, timeout=20)
    assert_one_line_error(result, "not a regular file")


def test_the_size_read_is_capped_and_configurable(edition):
    big = edition / "tei" / "big.xml"
    big.write_bytes(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>" + b" " * (2 * 2**20) + b"</TEI>")
    settings = edition / "editio.toml"
    settings.write_text(settings.read_text().replace('output = "build"', 'output = "build"\nmax_source_mb = 1'))
    assert_one_line_error(editio("validate", big, cwd=edition), "larger than 1 MB", "big.xml")


def test_an_unreadable_subfolder_is_reported():
    # As root every folder is readable: then the command runs as nobody, on a copy it may read.
    place = Path(tempfile.mkdtemp(prefix="editio-unreadable-"))
    place.chmod(0o755)
    shutil.copytree(TEI_DIR, place / "edition" / "tei")
    shutil.copy(ROOT / "editio.toml", place / "edition")
    edition = place / "edition"
    hidden = edition / "tei" / "drafts"
    hidden.mkdir()
    shutil.copy(LETTER, hidden / "draft.xml")
    hidden.chmod(0)
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    try:
        result = subprocess.run([*drop, sys.executable, "-m", "editio", "validate"], cwd=edition,
                                capture_output=True, text=True, timeout=60,
                                env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    finally:
        hidden.chmod(0o755)
        shutil.rmtree(place)
    assert_one_line_error(result, "drafts", "cannot read")


def test_a_full_disk_names_the_file_and_leaves_no_scratch(edition, tmp_path):
    out = tmp_path / "out"
    # the build before, in this process (the same command, by click's runner): only the second runs on a full disk
    assert run_command("build", "--only", "text", "--no-validate", "--out", out, cwd=edition).returncode == 0
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    settings = edition / "editio.toml"
    settings.write_text(settings.read_text().replace("a digital edition", "a changed edition"))
    # Files may not grow past 1 KB in the child: every larger write fails as on a full disk.
    limit = ("import resource, signal, sys, runpy; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
             "resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024)); sys.argv[0] = 'editio'; "
             "runpy.run_module('editio', run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", limit, "build", "--only", "html", "--no-validate", "--out", out],
                            cwd=edition, capture_output=True, text=True, timeout=120)
    assert_one_line_error(result, "cannot write", ".html")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []
