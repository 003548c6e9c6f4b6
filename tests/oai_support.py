"""What the OAI-PMH and server tests share: repositories made from the real records, a WSGI caller,
a movable clock, the schema oracle, and a real ``editio serve`` on loopback."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable

import pytest
from lxml import etree

from conftest import ROOT
from schemas import assert_valid, combined_schema

OAI = "{http://www.openarchives.org/OAI/2.0/}"
NS = {"oai": OAI[1:-1]}
SECRET = b"test-secret"
RECORD_SCHEMAS = ("OAI-PMH.xsd", "oai_dc.xsd", "mods-3-6.xsd", "tei_all.xsd", "oai-identifier.xsd", "MARC21slim.xsd",
                  "oai_datacite.xsd", "datacite-4/metadata.xsd")


def _generator():
    spec = importlib.util.spec_from_file_location("generate_repository", ROOT / "benchmarks" / "generate_repository.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_repository


generate_repository = _generator()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def tree(self) -> etree._Element:
        return etree.fromstring(self.body)


def call(app, path: str = "/oai", query: str = "", method: str = "GET", body: bytes = b"",
         content_type: str | None = None, headers: dict[str, str] | None = None,
         raw_uri: str | None = None, environ: dict | None = None) -> Reply:
    """Call the WSGI application as a server would (PEP 3333 environ, latin-1 strings)."""
    environ = {
        **(environ or {}),
        "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
        "REQUEST_URI": raw_uri if raw_uri is not None else path + ("?" + query if query else ""),
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr, "wsgi.version": (1, 0), "wsgi.multithread": True,
        "wsgi.multiprocess": False, "wsgi.run_once": False, "CONTENT_LENGTH": str(len(body)) if body else "",
    }
    environ.setdefault("SCRIPT_NAME", "")
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    captured = {}

    def start_response(status, response_headers, exc_info=None):
        captured["status"], captured["headers"] = int(status.split()[0]), dict(response_headers)

    result = app(environ, start_response)
    try:
        content = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    return Reply(captured["status"], captured["headers"], content)


@dataclass
class Clock:
    """A clock the test moves by hand (token expiry without sleeping)."""

    now: datetime = field(default_factory=lambda: datetime(2030, 5, 17, 9, 30, 0, tzinfo=timezone.utc))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


TEI_NAMESPACE = "http://www.tei-c.org/ns/1.0"
# The record format whose schema is tei_all: the tests of its records compile it, so they are slow.
TEI_PREFIX = pytest.param("tei", marks=pytest.mark.slow)


def oai_schema(tei: bool = True):
    """OAI-PMH.xsd with the schemas of every embedded format, once per process; tei_all.xsd among them
    (about 5 s to compile, every other one together a hundredth of a second) only if ``tei``."""
    return combined_schema(*(name for name in RECORD_SCHEMAS if tei or name != "tei_all.xsd"))


def assert_valid_oai(tree: etree._Element) -> None:
    """An OAI-PMH response valid against OAI-PMH.xsd and the schemas of the records it embeds. A reply
    that embeds no TEI is judged without tei_all.xsd, whose declarations it would not use (an element
    of TEI's would then be undeclared there, an error): only the tests of TEI records compile it."""
    embeds_tei = tree.find(f".//{{{TEI_NAMESPACE}}}*") is not None
    assert_valid(oai_schema(tei=embeds_tei), tree)


def assert_oai(reply: Reply) -> etree._Element:
    """The reply is an HTTP 200 OAI-PMH response valid against the schemas; its root element."""
    assert reply.status == 200, reply.body[:300]
    assert reply.headers["Content-Type"] == "text/xml; charset=utf-8"
    tree = reply.tree()
    assert_valid_oai(tree)
    return tree


def error_code(tree: etree._Element) -> str | None:
    found = tree.find(f"{OAI}error")
    return None if found is None else found.get("code")


def request_attributes(tree: etree._Element) -> dict[str, str]:
    return dict(tree.find(f"{OAI}request").attrib)


def read_catalogue(folder: Path) -> dict:
    return json.loads((folder / "catalogue.json").read_text(encoding="utf-8"))


def make_edition(folder: Path, real_build: Path, count: int, page_size: int, seed: int = 7) -> Path:
    """An edition folder: ``editio.toml`` (with ``page_size``) and a build holding the real web edition
    and ``count`` records generated from the real metadata records. Returns the build folder."""
    build = folder / "build"
    generate_repository(real_build / "metadata", build / "metadata", count, seed=seed, span_days=40)
    if (real_build / "html").is_dir():
        shutil.copytree(real_build / "html", build / "html")
    (folder / "editio.toml").write_text(
        f'[edition]\nbase_url = "https://editio.example.org/"\n\n[oai]\npage_size = {page_size}\n', encoding="utf-8")
    return build


@pytest.fixture(scope="session")
def real_build(build_outputs) -> Path:
    """The real edition built once: its web pages and its metadata records."""
    return build_outputs("metadata", "html")


@pytest.fixture(scope="session")
def generated_edition(real_build, tmp_path_factory) -> Path:
    """A build of 23 records generated from the real ones, in an edition whose page size is 5."""
    return make_edition(tmp_path_factory.mktemp("generated-edition"), real_build, count=23, page_size=5)


@pytest.fixture(scope="session")
def catalogue(generated_edition) -> dict:
    return read_catalogue(generated_edition / "metadata")


@pytest.fixture(scope="session")
def expected(catalogue) -> list[dict]:
    """The generated items in protocol order (by datestamp, then identifier), with their OAI identifier."""
    domain = catalogue["repository"]["domain"]
    items = [dict(record, identifier=f"oai:{domain}:{record['id']}") for record in catalogue["records"]]
    return sorted(items, key=lambda item: (item["datestamp"], item["identifier"]))


class LiveServer:
    """``editio serve --port 0`` in a subprocess on loopback; reads the URL it prints."""

    def __init__(self, edition: Path, arguments: Iterable[str] = (), timeout: float = 30.0) -> None:
        self.log = (edition / "serve.log").open("w+")  # a file, not a pipe: a full pipe would block the server
        command = [sys.executable, "-c", "from editio.cli import main; main()", "serve", "--host", "127.0.0.1",
                   "--port", "0", *arguments]
        environment = {**os.environ, "EDITIO_OAI_SECRET": SECRET.decode()}
        self.process = subprocess.Popen(command, cwd=edition, stdout=subprocess.PIPE, stderr=self.log,
                                        env=environment, text=True)
        self.url = self._announced_url(timeout)

    def _announced_url(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.5)
            if ready:
                line = self.process.stdout.readline()
                if "http://" in line:
                    return "http://" + line.split("http://", 1)[1].split()[0]
            if self.process.poll() is not None:
                break
        self.stop()
        self.log.seek(0)
        raise RuntimeError(f"editio serve did not start: {self.log.read()}")

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.log.close()


@pytest.fixture(scope="session")
def live_server(generated_edition):
    server = LiveServer(generated_edition.parent)
    yield server
    server.stop()
