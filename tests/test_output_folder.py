"""The output folder (issue 13, items 1-3): editio replaces only what it made, never writes into the
sources, and every reader sees the old build or the new one, even when a build is killed mid-way."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, TEI_DIR, run_command
from editio import builders
from editio.build import Builder, Output, build_edition
from editio.edition import load_edition
from editio.errors import BuildError
from editio.output_folder import MARKER, OutputFolder, remove_stale_staging


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (cache included) by path, with a digest of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:12]
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def edition(tmp_path) -> Path:
    """A copy of the edition (sources and settings): a wrong build may not harm the real one."""
    shutil.copytree(TEI_DIR, tmp_path / "edition" / "tei")
    shutil.copy(ROOT / "editio.toml", tmp_path / "edition")
    return tmp_path / "edition"


def editio(*args, cwd: Path) -> subprocess.CompletedProcess:
    """The command, run in this process by click's runner (``conftest.run_command``): the same parsing,
    messages and exit status, without a new interpreter compiling the stylesheets again each time."""
    return run_command(*args, cwd=cwd)


def test_a_folder_editio_did_not_make_is_refused_and_left_alone(edition, tmp_path):
    thesis = tmp_path / "d" / "pdf" / "thesis.pdf"
    thesis.parent.mkdir(parents=True)
    thesis.write_bytes(b"x")
    result = editio("build", "--out", tmp_path / "d", "--only", "text", "--no-validate", cwd=edition)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "did not make" in result.stderr and "--force" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert thesis.read_bytes() == b"x" and sorted(p.name for p in (tmp_path / "d").iterdir()) == ["pdf"]

    forced = editio("build", "--out", tmp_path / "d", "--only", "text", "--no-validate", "--force", cwd=edition)
    assert forced.returncode == 0, forced.stderr
    assert thesis.read_bytes() == b"x", "a folder the build does not remake is kept"
    assert (tmp_path / "d" / MARKER).is_file() and any((tmp_path / "d" / "text").iterdir())
    # Marked now: the next build needs no --force.
    assert editio("build", "--out", tmp_path / "d", "--only", "text", "--no-validate", cwd=edition).returncode == 0


def test_the_sources_are_never_an_output_folder(edition):
    before = tree(edition)
    for out in ("tei", "tei/sub", ".", ""):
        result = editio("build", "--out", out, "--only", "text", "--no-validate", cwd=edition)
        assert result.returncode == 2, (out, result.stderr)
        assert "refusing to build into" in result.stderr and "Traceback" not in result.stderr
    assert tree(edition) == before
    assert len(load_edition([edition / "tei"]).documents) == 2


@pytest.mark.parametrize("out", ["/", "~", "~/..", "..", "tei/../.."])
def test_the_root_the_home_and_the_project_folder_are_refused(edition, out):
    out = Path(os.path.expanduser(out)) if out.startswith("~") else edition / out
    with pytest.raises(BuildError, match="refusing to build into"):
        build_edition([edition / "tei"], out=out, only=["text"], validate=False)


def test_a_build_in_an_empty_or_placeholder_folder_is_allowed_and_marked(edition, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".gitkeep").touch()
    build_edition([edition / "tei"], out=out, only=["text"], validate=False)
    assert (out / MARKER).is_file() and (out / ".gitkeep").is_file()


def test_a_build_folder_from_before_the_marker_is_adopted(edition, tmp_path):
    out = tmp_path / "old-build"
    for name in ("html", "text", ".cache"):
        (out / name).mkdir(parents=True)
    build_edition([edition / "tei"], out=out, only=["text"], validate=False)
    assert (out / MARKER).is_file() and (out / "html").is_dir()
    (tmp_path / "other" / ".cache").mkdir(parents=True)
    (tmp_path / "other" / "thesis").mkdir()
    with pytest.raises(BuildError, match="did not make"):
        build_edition([edition / "tei"], out=tmp_path / "other", only=["text"], validate=False)


def test_a_build_folder_that_is_a_link_is_built_where_it_points(edition, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    for _ in range(2):
        build_edition([edition / "tei"], out=tmp_path / "link", only=["text"], validate=False, fresh=True)
    assert (tmp_path / "link").is_symlink() and any((tmp_path / "elsewhere" / "text").iterdir())
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


def test_repeated_outputs_are_built_once(edition, tmp_path):
    report = build_edition([edition / "tei"], out=tmp_path / "out", only=["text", "text"], validate=False)
    assert report.outputs == {"text": 1}


def _stamp_render(document, run):
    stamp = os.environ["STAMP"].encode()
    yield Output("one.txt", stamp)
    yield Output("two.txt", stamp)


class STAMP(Builder):
    name = folder = "stamp"

    def render(self, document, run):
        return _stamp_render(document, run)  # looked up at each call: a killed build replaces it


class OTHER(STAMP):
    name = folder = "other"


@pytest.fixture
def stamp_builders(monkeypatch):
    monkeypatch.setitem(builders.BUILDERS, "stamp", STAMP)
    monkeypatch.setitem(builders.BUILDERS, "other", OTHER)


def test_the_new_build_is_switched_in_whole_and_keeps_what_it_did_not_remake(edition, tmp_path, monkeypatch,
                                                                             stamp_builders):
    out = tmp_path / "out"
    monkeypatch.setenv("STAMP", "old")
    build_edition([edition / "tei"], out=out, only=["stamp", "other"], validate=False)
    inode = (out / "other" / "one.txt").stat().st_ino
    monkeypatch.setenv("STAMP", "new")
    build_edition([edition / "tei"], out=out, only=["stamp"], validate=False, fresh=True)
    assert (out / "stamp" / "one.txt").read_text() == "new" and (out / "other" / "one.txt").read_text() == "old"
    assert (out / "other" / "one.txt").stat().st_ino == inode, "kept outputs are linked, not copied"
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


# A build in a child process that kills itself (SIGKILL) at one step of the switch.
KILLED_BUILD = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from editio import build, builders, output_folder
    import test_output_folder as probes
    builders.BUILDERS.update(stamp=probes.STAMP, other=probes.OTHER)
    step = sys.argv[1]
    die = lambda: os.kill(os.getpid(), signal.SIGKILL)

    def before(owner, name):
        original = getattr(owner, name)
        def wrapped(*args, **kwargs):
            if step == "before-" + name: die()
            result = original(*args, **kwargs)
            if step == "after-" + name: die()
            return result
        setattr(owner, name, wrapped)

    before(output_folder.OutputFolder, "claim")
    before(output_folder.Generation, "_complete")
    before(output_folder.Generation, "_switch")
    before(output_folder, "exchange")
    before(output_folder.shutil, "rmtree")
    if step == "between-renames":  # the old design renamed folder after folder
        rename = os.replace
        def replace_then_die(*args):
            rename(*args)
            die()
        os.replace = replace_then_die
    if step == "mid-render":
        render = probes._stamp_render
        def half(*args):
            yield next(render(*args))
            die()
        probes._stamp_render = half
    build.build_edition([sys.argv[2]], out=sys.argv[3], only=["stamp"], validate=False, fresh=True)
""")

KILL_STEPS = ["after-claim", "mid-render", "before-_complete", "after-_complete", "before-exchange",
              "after-exchange", "before-rmtree", "after-_switch", "between-renames"]


@pytest.mark.parametrize("step", KILL_STEPS)
def test_a_build_killed_at_any_step_leaves_the_old_build_or_the_new_one(edition, tmp_path, monkeypatch,
                                                                        stamp_builders, step):
    out = tmp_path / "out"
    monkeypatch.setenv("STAMP", "old")
    build_edition([edition / "tei"], out=out, only=["stamp", "other"], validate=False)
    old = tree(out)
    new = {path: digest for path, digest in old.items()}
    monkeypatch.setenv("STAMP", "new")
    build_edition([edition / "tei"], out=tmp_path / "expected", only=["stamp"], validate=False)
    for path, digest in tree(tmp_path / "expected").items():
        if path.startswith("stamp/"):
            new[path] = digest

    child = subprocess.run([sys.executable, "-c", KILLED_BUILD.format(tests=str(Path(__file__).parent)),
                            step, edition / "tei", out], capture_output=True, text=True, timeout=120)
    # (A step the build does not take lets it finish: the outcome must then be the new build.)
    assert child.returncode in (0, -signal.SIGKILL), child.stderr
    seen = {path: digest for path, digest in tree(out).items() if not path.startswith(".cache/")}
    old_outputs = {path: digest for path, digest in old.items() if not path.startswith(".cache/")}
    new_outputs = {path: digest for path, digest in new.items() if not path.startswith(".cache/")}
    assert seen in (old_outputs, new_outputs), f"a mixed or broken build after a kill {step}"

    # The next build cleans what the dead one left, and completes.
    build_edition([edition / "tei"], out=out, only=["stamp"], validate=False, fresh=True)
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []
    assert [p.name for p in out.iterdir() if "staging" in p.name] == []
    assert {path: digest for path, digest in tree(out).items() if not path.startswith(".cache/")} == new_outputs


def test_staging_folders_of_a_live_build_are_kept(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = [tmp_path / f".out.staging-{dead.stdout.strip()}-abc", out / ".staging-old", tmp_path / ".out.staging-x"]
    live = tmp_path / f".out.staging-{os.getppid()}-abc"
    for folder in (*stale, live):
        folder.mkdir()
    remove_stale_staging(out)
    assert [folder.exists() for folder in stale] == [False, False, False] and live.exists()


def test_a_file_is_not_an_output_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(BuildError, match="not a folder"):
        OutputFolder(tmp_path / "file").check()


def test_an_immutable_output_folder_does_not_leave_a_mixed_build(edition, tmp_path, monkeypatch, stamp_builders):
    """The issue's case: with build/metadata immutable, html/text/pdf were new and metadata old."""
    out = tmp_path / "out"
    monkeypatch.setenv("STAMP", "old")
    build_edition([edition / "tei"], out=out, only=["stamp", "other"], validate=False)
    if subprocess.run(["chattr", "+i", str(out / "other")], capture_output=True).returncode != 0:
        pytest.skip("chattr +i needs root and a file system with attributes")
    try:
        monkeypatch.setenv("STAMP", "new")
        try:
            build_edition([edition / "tei"], out=out, only=["stamp", "other"], validate=False, fresh=True)
        except (BuildError, OSError):
            pass  # refusing is allowed; mixing is not
        stamps = {(out / folder / "one.txt").read_text() for folder in ("stamp", "other")}
        assert len(stamps) == 1, f"a mixed build: {stamps}"
    finally:
        for folder in [out / "other", *tmp_path.glob(".out.staging-*/other")]:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
