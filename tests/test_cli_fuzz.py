"""Random option values and paths thrown at every command: an answer or a one-line error, never a
traceback (issue 13). In-process through click's CliRunner, so that a run costs milliseconds."""

from __future__ import annotations

import os
import shutil
import socket
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, TEI_DIR
from editio.cli import main

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Names a user might type, and names that break naive code: empty, the root, a device, a pipe, a
# loop of links, names too long for the file system, parent folders, other scripts.
ODD_PATHS = ["", ".", "..", "/", "~", "/dev/zero", "/dev/null", "fifo.xml", "loop.xml",
             "x" * 300, "tei", "tei/..", "tei/register.xml", "tei/letter-to-the-workers-of-western-europe.xml",
             "binary.xml", "missing.xml", "editio.toml", "-", "--help", "build", "ünïcødé.xml", " ", "a\nb.xml"]
names = st.text(alphabet=string.ascii_letters + string.digits + "._-~ üé\n", min_size=0, max_size=20)
paths = st.one_of(st.sampled_from(ODD_PATHS), names,
                  st.builds(lambda a, b: f"{a}/{b}", st.sampled_from(["tei", "out", ".", ".."]), names))
# Output folders stay inside the scratch edition (or are refused): no example may write elsewhere.
outs = st.one_of(st.sampled_from(["", ".", "..", "/", "~", "tei", "tei/sub", "/dev/zero", "fifo.xml",
                                  "loop.xml", "x" * 300, "editio.toml"]),
                 names.filter(lambda name: name.strip(" ~.\n") and not name.startswith(("~", "-"))))
# (No NUL byte: a command line cannot carry one.)
outputs = st.sampled_from(["html", "text", "metadata", "text,metadata", "html,html", ",", "", "text,nope"])
words = st.one_of(st.sampled_from(["pdf", "oai_dc", "mods", "tei", "cmif", "jsonld", "bibtex", "ris", "csl-json"]),
                  st.text(st.characters(blacklist_characters="\0"), max_size=12))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """An edition copy with odd files beside it; each command runs with it as the working folder."""
    place = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(TEI_DIR, place / "tei")
    shutil.copy(ROOT / "editio.toml", place)
    (place / "schema").symlink_to(ROOT / "schema")
    os.mkfifo(place / "fifo.xml")
    (place / "loop.xml").symlink_to(place / "loop.xml")
    (place / "binary.xml").write_bytes(bytes(range(256)) * 4)
    return place


@pytest.fixture
def run(scratch, monkeypatch):
    monkeypatch.chdir(scratch)
    monkeypatch.setenv("HOME", str(scratch.parent / "home"))
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(main, list(args), catch_exceptions=True)
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            f"{args!r} raised {result.exception!r}"
        assert "Traceback" not in result.output, args
        assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
        if result.exit_code == 2:
            assert result.output.strip(), f"{args!r} failed without a word"
        return result

    return invoke


@FUZZ
@given(targets=st.lists(paths, max_size=3), schema=st.one_of(st.none(), paths),
       output_format=st.sampled_from(["text", "json"]))
def test_validate_never_raises(run, targets, schema, output_format):
    run("validate", *targets, *(["--schema", schema] if schema is not None else []), "--format", output_format)


@pytest.mark.slow
@FUZZ
@given(targets=st.lists(paths, max_size=2), out=outs, only=st.one_of(outputs, words),
       flags=st.lists(st.sampled_from(["--no-validate", "--fresh", "--force"]), unique=True),
       reading=st.sampled_from(["corrected", "diplomatic", "corrected", "modern"]),
       epoch=st.sampled_from([None, "0", "1700000000", "999999999999999", "-1", "x"]))
def test_build_never_raises(run, scratch, monkeypatch, targets, out, only, flags, reading, epoch):
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    if "pdf" in only.split(",") or not only.strip(","):
        only = "text"  # the PDF costs seconds: what is fuzzed here is the command, not the typesetter
    before = {p: p.read_bytes() for p in (scratch / "tei").glob("*.xml")}
    result = run("build", *targets, "--out", out, "--only", only, "--reading", reading, *flags)
    if os.environ.get("EDITIO_FUZZ_LOG"):
        print("FUZZ", result.exit_code, targets, out, only, flags, result.output.strip().splitlines()[-1:])
    assert {p: p.read_bytes() for p in (scratch / "tei").glob("*.xml")} == before, "a source was written"


@FUZZ
@given(target=paths, record_format=st.one_of(words, outputs))
def test_metadata_never_raises(run, target, record_format):
    run("metadata", target, "--format", record_format)


@pytest.fixture(scope="module")
def taken_port():
    """A port in use: every serve example that gets as far as listening stops there."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@FUZZ
@given(host=st.one_of(st.sampled_from(["127.0.0.1", "256.0.0.1", "", "::1", "1.2.3", "-1", "0x7f.1",
                                       "999999999999", "127.0.0.1:80", "[::1]"]),
                      st.builds(".".join, st.lists(st.integers(-1, 999).map(str), min_size=4, max_size=4))),
       port=st.one_of(st.none(), st.integers(-10, 70000)), build=st.one_of(st.none(), paths))
def test_serve_never_raises(run, taken_port, host, port, build):
    arguments = ["serve", "--host", host, "--port", str(taken_port if port is None else port)]
    if port is not None and 0 <= port <= 65535:
        arguments[-1] = str(taken_port)  # a port that could be free would start a server that never ends
    if build is not None:
        arguments += ["--build", build]
    run(*arguments)
