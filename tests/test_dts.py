"""DTS 1.0 from editio serve: the community's validator (../shared/tools/dts-validator) against a real
server on loopback, then what a client reads from it: the letter's paragraphs and one of them as TEI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
from lxml import etree

from conftest import LETTER, TEI_DIR, shared_path
pytest.register_assert_rewrite("oai_support")  # as the other tests that import it
from oai_support import LiveServer  # noqa: E402

TEI = {"tei": "http://www.tei-c.org/ns/1.0", "dts": "https://w3id.org/dts/api#"}
DOCUMENT = etree.parse(str(LETTER)).getroot().get("{http://www.w3.org/XML/1998/namespace}id")
UNNUMBERED = "ancestor::tei:note or ancestor::tei:quote or ancestor::tei:q or ancestor::tei:cit or ancestor::tei:list " \
             "or ancestor::tei:table or ancestor::tei:figure or ancestor::tei:sp or ancestor::tei:floatingText " \
             "or ancestor::tei:said or ancestor::tei:titlePage"


@pytest.fixture(scope="module")
def server(build_outputs, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dts-edition")
    shutil.copytree(build_outputs("html", "metadata"), folder / "build")
    shutil.copy(TEI_DIR.parent / "editio.toml", folder / "editio.toml")
    live = LiveServer(folder)
    yield live
    live.stop()


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.headers["Content-Type"], reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def paragraphs() -> list[etree._Element]:
    return etree.parse(str(LETTER)).xpath(f"//tei:text//tei:p[not({UNNUMBERED})]", namespaces=TEI)


def test_the_dts_validator_passes_against_editio_serve(server, tmp_path):
    suite = shared_path("tools", "dts-validator", "tests")
    # Its tests run as its README says, from its (read-only) folder: no cache, no bytecode written there;
    # its package is imported from there too, so nothing needs installing but its three dependencies.
    result = subprocess.run([sys.executable, "-m", "pytest", str(suite), f"--entry-endpoint={server.url}dts/",
                             "-p", "no:cacheprovider", "-q", "--rootdir", str(suite.parent)],
                            capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
                                 "PYTHONPATH": os.pathsep.join(filter(None, [str(suite.parent),
                                                                            os.environ.get("PYTHONPATH")]))})
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "passed" in summary and "failed" not in summary and "error" not in summary, summary


def test_navigation_lists_the_letters_paragraphs(server):
    status, kind, body = get(f"{server.url}dts/navigation?resource={quote(DOCUMENT)}&down=1")
    assert status == 200 and kind.startswith("application/ld+json")
    answer = json.loads(body)
    assert answer["@type"] == "Navigation" and answer["resource"]["@id"] == DOCUMENT
    assert [unit["identifier"] for unit in answer["member"]] == [str(n) for n in range(1, len(paragraphs()) + 1)]
    assert {unit["citeType"] for unit in answer["member"]} == {"paragraph"}


def test_a_document_request_gives_a_paragraph_as_tei(server):
    third = paragraphs()[2]
    status, kind, body = get(f"{server.url}dts/document?resource={quote(DOCUMENT)}&ref=3")
    assert status == 200 and kind == "application/tei+xml"
    [fragment] = etree.fromstring(body).xpath("/tei:TEI/dts:wrapper/tei:p", namespaces=TEI)
    assert " ".join("".join(fragment.itertext()).split()) == " ".join("".join(third.itertext()).split())
    status, _, body = get(f"{server.url}dts/document?resource={quote(DOCUMENT)}&start=2&end=4")
    assert status == 200 and len(etree.fromstring(body).xpath("//dts:wrapper/tei:p", namespaces=TEI)) == 3
    status, _, body = get(f"{server.url}dts/document?resource={quote(DOCUMENT)}")
    assert status == 200 and body == LETTER.read_bytes()


@pytest.mark.parametrize("query, status", [
    ("navigation?down=1", 400),                                   # no resource
    ("navigation?resource=no-such-text&down=1", 404),
    (f"navigation?resource={DOCUMENT}&ref=100000", 404),
    (f"navigation?resource={DOCUMENT}&ref=1&start=1&end=2", 400),
    (f"document?resource={DOCUMENT}&start=4&end=2", 400),
    (f"document?resource={DOCUMENT}&mediaType=text/html", 404),
    ("nowhere", 404),
])
def test_bad_requests_get_the_status_the_specification_gives(server, query, status):
    assert get(f"{server.url}dts/{query}")[0] == status
