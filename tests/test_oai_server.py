"""End to end: ``editio serve`` on loopback, harvested by a real OAI-PMH harvester (Sickle).

The server runs in its own process, started the way a user starts it (in the edition's folder,
``--port 0``), over a build of records generated from the letter's real ones (page size 5).
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from math import ceil
from urllib.parse import urlsplit

import pytest
from lxml import etree
from sickle import Sickle
from sickle.oaiexceptions import BadResumptionToken, CannotDisseminateFormat, IdDoesNotExist, NoRecordsMatch

pytest.register_assert_rewrite("oai_support")  # imported here before pytest loads it as a plugin
from oai_support import assert_valid_oai, read_catalogue  # noqa: E402

pytest_plugins = ["oai_support"]  # its fixtures: real_build, generated_edition, catalogue, expected, live_server

PAGE_SIZE = 5  # what generated_edition's editio.toml says


class CountingSickle(Sickle):
    """Sickle, noting the arguments of every request it makes (to see the resumption tokens)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, max_retries=0, timeout=15, **kwargs)
        self.requests: list[dict] = []

    def harvest(self, **kwargs):
        self.requests.append(dict(kwargs))
        response = super().harvest(**kwargs)
        assert_valid_oai(etree.fromstring(response.raw.encode("utf-8")))
        return response


def harvester(live_server, method: str = "GET") -> CountingSickle:
    return CountingSickle(live_server.url + "oai", http_method=method)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_full_list_records_harvest_through_resumption_tokens(live_server, expected, generated_edition, method):
    sickle = harvester(live_server, method)
    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    assert [(r.header.identifier, r.header.datestamp, r.header.setSpecs) for r in records] == \
           [(item["identifier"], item["datestamp"], item["sets"]) for item in expected]
    assert len(sickle.requests) == ceil(len(expected) / PAGE_SIZE) > 2
    assert all(set(request) == {"verb", "resumptionToken"} for request in sickle.requests[1:])
    for record, item in zip(records, expected, strict=True):
        written = etree.parse(str(generated_edition / "metadata" / item["files"]["oai_dc"]))
        titles = written.xpath("//dc:title/text()", namespaces={"dc": "http://purl.org/dc/elements/1.1/"})
        assert record.metadata["title"] == titles


@pytest.mark.slow  # the TEI record's schema, tei_all, compiled
def test_get_record_in_each_format(live_server, expected, catalogue):
    sickle = harvester(live_server)
    item = expected[len(expected) // 2]
    for prefix, described in catalogue["formats"].items():
        record = sickle.GetRecord(identifier=item["identifier"], metadataPrefix=prefix)
        assert record.header.identifier == item["identifier"]
        metadata = etree.fromstring(record.raw.encode("utf-8")).find("{*}metadata")[0]
        assert etree.QName(metadata).namespace == described["namespace"]


def test_selective_harvest_by_set_and_by_date(live_server, expected):
    sickle = harvester(live_server)
    letters = [r.header.identifier for r in sickle.ListRecords(metadataPrefix="mods", set="letters")]
    assert letters == [item["identifier"] for item in expected if "letters" in item["sets"]]
    days = sorted({item["datestamp"] for item in expected})
    low, high = days[1], days[-2]
    dated = [h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": low, "until": high})]
    assert dated == [item["identifier"] for item in expected if low <= item["datestamp"] <= high]
    assert 0 < len(dated) < len(expected)


def test_list_identifiers_metadata_formats_sets_and_identify(live_server, expected, catalogue):
    sickle = harvester(live_server)
    assert [h.identifier for h in sickle.ListIdentifiers(metadataPrefix="tei")] == \
           [item["identifier"] for item in expected]
    formats = {f.metadataPrefix: (f.metadataNamespace, f.schema) for f in sickle.ListMetadataFormats()}
    assert formats == {prefix: (f["namespace"], f["schema"]) for prefix, f in catalogue["formats"].items()}
    assert {s.setSpec: s.setName for s in sickle.ListSets()} == catalogue["sets"]
    identify = sickle.Identify()
    assert identify.baseURL == live_server.url + "oai"
    assert identify.repositoryName == catalogue["repository"]["name"]
    assert (identify.granularity, identify.deletedRecord, identify.protocolVersion) == ("YYYY-MM-DD", "persistent", "2.0")


def test_a_chunked_post_is_read(live_server):
    host, port = urlsplit(live_server.url).hostname, urlsplit(live_server.url).port
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("POST", "/oai", body=iter([b"verb=List", b"Sets"]), encode_chunked=True,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        tree = etree.fromstring(connection.getresponse().read())
    finally:
        connection.close()
    assert_valid_oai(tree)
    assert tree.find("{*}ListSets") is not None


def test_the_harvester_sees_protocol_errors(live_server, expected):
    sickle = harvester(live_server)
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(identifier="oai:editio.example.org:no-such-document", metadataPrefix="oai_dc")
    with pytest.raises(CannotDisseminateFormat):
        sickle.GetRecord(identifier=expected[0]["identifier"], metadataPrefix="marc21")
    with pytest.raises(NoRecordsMatch):
        list(sickle.ListRecords(metadataPrefix="oai_dc", **{"from": "2199-01-01"}))
    with pytest.raises(BadResumptionToken):
        list(sickle.ListRecords(resumptionToken="forged.token"))


def test_the_live_server_serves_the_web_edition_and_metadata(live_server, generated_edition):
    host, port = urlsplit(live_server.url).hostname, urlsplit(live_server.url).port
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("GET", "/")
        page = connection.getresponse()
        body = page.read()
        assert page.status == 200 and page.getheader("Content-Type") == "text/html; charset=utf-8"
        assert body == (generated_edition / "html" / "index.html").read_bytes()
        connection.request("GET", "/", headers={"If-None-Match": page.getheader("ETag")})
        again = connection.getresponse()
        assert again.status == 304 and again.read() == b""
        connection.request("HEAD", "/metadata/catalogue.json")
        head = connection.getresponse()
        assert head.status == 200 and head.read() == b"" and head.getheader("Content-Type") == "application/json"
        catalogue_file = generated_edition / "metadata" / "catalogue.json"
        assert int(head.getheader("Content-Length")) == catalogue_file.stat().st_size
        connection.request("DELETE", "/")
        refused = connection.getresponse()
        assert refused.status == 405 and refused.read()
    finally:
        connection.close()


def test_serving_an_unbuilt_edition_is_a_one_line_error(tmp_path):
    result = subprocess.run([sys.executable, "-c", "from editio.cli import main; main()", "serve", "--port", "0",
                             "--build", str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "run 'editio build' first" in result.stderr


PRODUCTION_SERVERS = {
    "waitress": (["-m", "waitress", "--listen=127.0.0.1:0", "--call", "editio.server:create_app"],
                 r"Serving on http://127\.0\.0\.1:(\d+)"),
    "gunicorn": (["-m", "gunicorn", "--bind", "127.0.0.1:0", "--workers", "3", "editio.server:create_app()"],
                 r"Listening at: http://127\.0\.0\.1:(\d+)"),
}


@pytest.mark.parametrize("name", PRODUCTION_SERVERS)
def test_the_production_one_liners_serve_the_edition(generated_edition, tmp_path, name):
    """The documented commands, run in the edition's folder with no setting but the working folder
    (without ``EDITIO_OAI_SECRET``, the token key is then kept in ``build/.oai-secret``)."""
    if name == "gunicorn":
        pytest.importorskip("gunicorn")
    arguments, announcement = PRODUCTION_SERVERS[name]
    log = (tmp_path / f"{name}.log").open("w+")
    process = subprocess.Popen([sys.executable, *arguments], cwd=generated_edition.parent, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True,
                               env={key: value for key, value in os.environ.items()
                                    if key not in ("EDITIO_BUILD", "EDITIO_OAI_SECRET")})
    try:
        port = None
        deadline = time.monotonic() + 30
        while port is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            log.seek(0)
            found = re.search(announcement, log.read())
            port = int(found.group(1)) if found else None
        assert port, f"{name} did not start"
        sickle = CountingSickle(f"http://127.0.0.1:{port}/oai")
        identifiers = [header.identifier for header in sickle.ListIdentifiers(metadataPrefix="oai_dc")]
        assert len(identifiers) == len(read_catalogue(generated_edition / "metadata")["records"])
        assert len(sickle.requests) > 2
        assert (generated_edition / ".oai-secret").stat().st_mode & 0o077 == 0  # readable by the owner only
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the server's own process group: master and workers
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # gunicorn grants its workers 30 s to finish: cleanup, not a test
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
        log.close()
