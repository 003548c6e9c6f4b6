"""The server cannot be stalled or misled (issue 13, items 8-10): idle connections, oversized bodies,
odd dates, protocol-relative redirects and byte ranges."""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

pytest.register_assert_rewrite("oai_support")
from oai_support import SECRET, LiveServer, call  # noqa: E402

from editio.server import create_app  # noqa: E402

pytest_plugins = ["oai_support"]


@pytest.fixture(scope="module")
def app(generated_edition):
    return create_app(generated_edition, secret=SECRET)


@pytest.fixture(scope="module")
def server(generated_edition):
    live = LiveServer(generated_edition.parent)
    yield live
    live.stop()


def address(server) -> tuple[str, int]:
    parts = urlsplit(server.url)
    return parts.hostname, parts.port


def exchange(server, request: bytes, timeout: float = 10) -> bytes:
    with socket.create_connection(address(server), timeout=timeout) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and b"Content-Length: 0" in b"".join(chunks):
                break
        return b"".join(chunks)


def test_idle_connections_do_not_stall_the_server(server):
    idle = [socket.create_connection(address(server), timeout=10) for _ in range(100)]
    try:
        time.sleep(0.5)
        started = time.monotonic()
        with ThreadPoolExecutor(15) as pool:
            replies = list(pool.map(lambda _: exchange(server, b"GET / HTTP/1.0\r\nHost: x\r\n\r\n"), range(15)))
        assert all(reply.split(b" ", 2)[1] == b"200" for reply in replies), [r[:60] for r in replies]
        assert time.monotonic() - started < 10
    finally:
        for connection in idle:
            connection.close()


def test_an_oversized_body_is_refused_from_its_length_before_it_is_read(server):
    started = time.monotonic()
    reply = exchange(server, b"POST /oai HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                             b"Content-Length: 209715200\r\nConnection: close\r\n\r\nverb=Identify")
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert time.monotonic() - started < 5
    assert server.alive


@pytest.mark.parametrize("since", ["Mon, 01 Jan 2020 00:00:00 +99999999999999999999", "Mon, 99 Jan 99999 99:99:99 GMT",
                                   "-1", "\x00", "Sat, 01 Jan 10000 00:00:00 GMT"])
def test_an_odd_if_modified_since_is_ignored(app, since):
    assert call(app, path="/index.html", headers={"If-Modified-Since": since}).status == 200


@pytest.mark.parametrize("path", ["//register", "///register", "//evil.example/register", "/metadata//x"])
def test_a_redirect_never_leaves_the_site(app, path):
    reply = call(app, path=path)
    location = reply.headers.get("Location", "/")
    assert not location.startswith("//") and not urlsplit(location).netloc, (path, location)


def test_a_single_byte_range_is_served(app, generated_edition):
    whole = (generated_edition / "html" / "index.html").read_bytes()
    full = call(app, path="/index.html")
    assert full.headers.get("Accept-Ranges") == "bytes"
    part = call(app, path="/index.html", headers={"Range": "bytes=10-19"})
    assert part.status == 206 and part.body == whole[10:20]
    assert part.headers["Content-Range"] == f"bytes 10-19/{len(whole)}" and part.headers["Content-Length"] == "10"
    tail = call(app, path="/index.html", headers={"Range": "bytes=-5"})
    assert tail.status == 206 and tail.body == whole[-5:]
    rest = call(app, path="/index.html", headers={"Range": f"bytes={len(whole) - 3}-"})
    assert rest.status == 206 and rest.body == whole[-3:]


@pytest.mark.parametrize("header, status", [
    ("bytes=999999999-", 416), ("bytes=0-1,5-6", 200), ("bytes=5-1", 200), ("items=0-1", 200), ("bytes=x-y", 200),
])
def test_other_ranges_get_the_whole_file_or_a_416(app, generated_edition, header, status):
    whole = (generated_edition / "html" / "index.html").read_bytes()
    reply = call(app, path="/index.html", headers={"Range": header})
    assert reply.status == status
    if status == 416:
        assert reply.headers["Content-Range"] == f"bytes */{len(whole)}"
    else:
        assert reply.body == whole


def test_a_range_for_a_changed_file_gets_the_whole_file(app, generated_edition):
    whole = (generated_edition / "html" / "index.html").read_bytes()
    reply = call(app, path="/index.html", headers={"Range": "bytes=0-9", "If-Range": '"an-old-etag"'})
    assert reply.status == 200 and reply.body == whole
