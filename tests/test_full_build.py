"""The whole build through the real command: reproducible to the byte in every format, the PDF in
the site, sources never touched, an invalid edition refused with the previous outputs kept.

The builds by fresh processes start ahead, as soon as the tests are collected (conftest's ``prefetch``)."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from conftest import EDITIO, LETTER, ROOT, TEI_DIR, edition_copy, prefetch, prefetched


def digest(folder: Path) -> dict[str, str]:
    """The outputs under ``folder`` (the build cache and the build folder's marker left out)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".cache" not in p.relative_to(folder).parts
            and p.name != ".editio-build"}


def editio(*args, cwd: Path = ROOT, **environment) -> subprocess.CompletedProcess:
    env = {**os.environ, **environment}
    return subprocess.run([*EDITIO, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


def fresh_builds(scratch: Path, count: int, *args, **environment) -> tuple[list[Path], list[subprocess.CompletedProcess]]:
    """``editio build --out <folder> ARGS``, ``count`` times, each by a fresh process, one after the other."""
    outs = [scratch / f"build-{number}" for number in range(count)]
    return outs, [editio("build", "--out", out, *args, **environment) for out in outs]


@prefetch("two_builds")
def _two_builds(scratch: Path):
    sources_before = digest(TEI_DIR)
    outs, results = fresh_builds(scratch, 2)
    return outs, results, sources_before, digest(TEI_DIR)


@prefetch("epoch_builds")
def _epoch_builds(scratch: Path):
    return fresh_builds(scratch, 2, "--only", "text,pdf", SOURCE_DATE_EPOCH="1700000000")


@pytest.fixture(scope="session")
def two_builds() -> tuple[Path, Path]:
    """The edition built twice, each time by a fresh process."""
    outs, results, sources_before, sources_after = prefetched("two_builds")
    for result in results:
        assert result.returncode == 0, result.stderr
    assert sources_after == sources_before, "a build never touches its sources"
    return tuple(outs)


@pytest.fixture(scope="module")
def epoch_builds() -> list[Path]:
    """The text and the PDF built twice with SOURCE_DATE_EPOCH set, each time by a fresh process."""
    outs, results = prefetched("epoch_builds")
    for result in results:
        assert result.returncode == 0, result.stderr
    return outs


@pytest.mark.slow
def test_two_builds_are_identical_to_the_byte_in_every_format(two_builds):
    first, second = map(digest, two_builds)
    assert first == second
    formats = {path.split("/", 1)[0] for path in first}
    assert formats == {"html", "text", "pdf", "metadata", "pagefind"}
    assert any(path.endswith(".pdf") for path in first) and any(path.endswith(".txt") for path in first)


@pytest.mark.slow
def test_source_date_epoch_is_honoured_and_still_reproducible(two_builds, epoch_builds):
    outs = epoch_builds
    assert digest(outs[0]) == digest(outs[1])
    # The sources date themselves, so the epoch changes nothing here: no build time leaks in.
    assert digest(outs[0] / "text") == digest(two_builds[0] / "text")


@pytest.mark.slow
def test_the_site_carries_the_pdf_and_links_it(two_builds):
    out = two_builds[0]
    name = f"{LETTER.stem}.pdf"
    assert (out / "html" / "pdf" / name).read_bytes() == (out / "pdf" / name).read_bytes()
    for page in (out / "html" / "index.html", out / "html" / f"{LETTER.stem}.html"):
        assert f'href="pdf/{name}"' in page.read_text(encoding="utf-8"), page


def test_a_site_built_without_the_pdf_does_not_link_one(build_outputs):
    out = build_outputs("html")
    assert not (out / "html" / "pdf").exists()
    assert ".pdf" not in (out / "html" / f"{LETTER.stem}.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_invalid_edition_is_refused_and_the_previous_outputs_kept(tmp_path):
    edition = edition_copy(tmp_path / "edition")
    assert editio("build", "--only", "text", cwd=edition).returncode == 0
    before = digest(edition / "build")

    letter = edition / "tei" / LETTER.name
    letter.write_text(letter.read_text(encoding="utf-8").replace('<date when="1905">', '<date when="1905-13">'),
                      encoding="utf-8")
    sources = digest(edition / "tei")
    result = editio("build", "--only", "text", cwd=edition)
    assert result.returncode == 1
    assert "[xsd-iso-date]" in result.stderr and "nothing was built" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(edition / "build") == before
    assert digest(edition / "tei") == sources
