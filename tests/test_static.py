"""Static files: types and cache validators, and nothing outside the build folder, whatever the path.

A secret file lies next to the build folder (and symlinks inside it point at it); every traversal
attempt is sent to the WSGI application and, byte for byte, to a live ``editio serve``.
"""

from __future__ import annotations

import secrets
import shutil
import socket
from email.utils import formatdate
from urllib.parse import unquote_to_bytes, urlsplit

import pytest

from editio.server import create_app

pytest.register_assert_rewrite("oai_support")  # imported here before pytest loads it as a plugin
from oai_support import SECRET, LiveServer, call, read_catalogue  # noqa: E402

pytest_plugins = ["oai_support"]  # its fixtures: real_build, generated_edition, catalogue, expected, live_server


@pytest.fixture(scope="module")
def site(generated_edition, tmp_path_factory):
    """A build folder with the real web edition and a few crafted files; a secret file beside it."""
    root = tmp_path_factory.mktemp("static")
    build = root / "edition" / "build"
    shutil.copytree(generated_edition, build)
    html = build / "html"
    (html / "sub").mkdir()
    (html / "sub" / "index.html").write_text("<p>sub</p>", encoding="utf-8")
    (html / "style.css").write_text("p {}", encoding="utf-8")
    (html / ".hidden").write_text("hidden", encoding="utf-8")
    (html / "inside-link.html").symlink_to(html / "index.html")
    secret = f"TOP-SECRET-{secrets.token_hex(8)}"
    for place in (root / "secret.txt", root / "edition" / "secret.txt", build / "secret.txt"):
        place.write_text(secret, encoding="utf-8")
    (html / "escape.txt").symlink_to(root / "secret.txt")
    (html / "outside-dir").symlink_to(root)
    return build, secret, root


@pytest.fixture(scope="module")
def app(site):
    return create_app(site[0], secret=SECRET)


def attempts(root) -> list[str]:
    """Raw request targets that try to leave build/html (or build/metadata)."""
    absolute = str(root / "secret.txt")
    return [
        "/../secret.txt", "/../../secret.txt", "/sub/../../secret.txt", "/sub/../../../secret.txt",
        "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/secret.txt", "/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/.%2e/secret.txt", "/%252e%252e/secret.txt", "/..%5csecret.txt", "/..\\secret.txt",
        "/sub\\..\\..\\secret.txt", "/%5c..%5c..%5csecret.txt", "/%c0%ae%c0%ae/secret.txt",
        "/..%c0%afsecret.txt", "/....//secret.txt", "/..;/secret.txt", "/escape.txt", "/outside-dir/secret.txt",
        "/outside-dir/edition/secret.txt", absolute, "/" + absolute, "/%2f" + absolute.lstrip("/"),
        "/index.html%00", "/index.html%00.txt", "/%00/../secret.txt", "/.hidden", "/metadata/../secret.txt",
        "/metadata/../../secret.txt", "/metadata/%2e%2e/secret.txt", "/metadata/..%2f..%2fsecret.txt",
        "/metadata/../html/../../secret.txt", "/html/../secret.txt", "/./secret.txt", "/.%2fsecret.txt",
    ]


def test_traversal_never_leaks_through_the_application(app, site):
    build, secret, root = site
    for target in attempts(root):
        path = urlsplit(target).path
        reply = call(app, path=unquote_to_bytes(path).decode("latin-1"), query="", raw_uri=target)
        assert reply.status in (400, 403, 404), (target, reply.status)
        assert secret.encode() not in reply.body, target


def test_traversal_never_leaks_through_the_live_server(site):
    build, secret, root = site
    server = LiveServer(build.parent, ["--build", str(build)])
    try:
        host, port = urlsplit(server.url).hostname, urlsplit(server.url).port
        for target in attempts(root):
            status, raw = raw_get(host, port, target)
            assert status in (400, 403, 404), (target, status)
            assert secret.encode() not in raw, target
        assert raw_get(host, port, "/")[0] == 200
        assert server.alive
    finally:
        server.stop()


def raw_get(host: str, port: int, target: str) -> tuple[int, bytes]:
    """Send ``target`` exactly as written (no client-side normalisation); the status and every byte back."""
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    return int(raw.split(b" ", 2)[1]), raw


def test_symlinks_inside_the_folder_are_served(app, site):
    reply = call(app, path="/inside-link.html")
    assert reply.status == 200 and reply.body == (site[0] / "html" / "index.html").read_bytes()


@pytest.mark.parametrize("path, file, content_type", [
    ("/", "html/index.html", "text/html; charset=utf-8"),
    ("/sub/", "html/sub/index.html", "text/html; charset=utf-8"),
    ("/style.css", "html/style.css", "text/css; charset=utf-8"),
    ("/metadata/catalogue.json", "metadata/catalogue.json", "application/json"),
])
def test_files_are_served_with_their_type_and_validators(app, site, path, file, content_type):
    reply = call(app, path=path)
    target = site[0] / file
    assert reply.status == 200 and reply.body == target.read_bytes()
    assert reply.headers["Content-Type"] == content_type
    assert reply.headers["Content-Length"] == str(target.stat().st_size)
    assert reply.headers["Last-Modified"] == formatdate(target.stat().st_mtime, usegmt=True)
    assert reply.headers["Cache-Control"] == "no-cache"
    for condition in ({"If-None-Match": reply.headers["ETag"]}, {"If-None-Match": "W/" + reply.headers["ETag"]},
                      {"If-Modified-Since": reply.headers["Last-Modified"]}):
        unchanged = call(app, path=path, headers=condition)
        assert unchanged.status == 304 and unchanged.body == b"" and unchanged.headers["ETag"] == reply.headers["ETag"]
        # a browser keeps the 304's headers for the file it had: the page's own policy, not the data's sandbox
        assert unchanged.headers["Content-Security-Policy"] == reply.headers["Content-Security-Policy"]
    assert call(app, path=path, headers={"If-None-Match": '"something-else"'}).status == 200
    head = call(app, path=path, method="HEAD")
    assert head.status == 200 and head.body == b"" and head.headers["Content-Length"] == str(target.stat().st_size)


def test_metadata_urls_serve_the_site_records_and_the_build_metadata(app, site):
    """/metadata/ holds what the web edition links (html/metadata) and build/metadata (catalogue, records)."""
    build = site[0]
    linked = sorted((build / "html" / "metadata").iterdir())
    assert linked, "the web edition publishes records under metadata/"
    for file in linked:
        reply = call(app, path="/metadata/" + file.name)
        assert reply.status == 200 and reply.body == file.read_bytes(), file.name
    record = read_catalogue(build / "metadata")["records"][0]
    # Each record with its own media type (MODS and TEI have theirs; oai_dc is plain XML).
    types = {"oai_dc": "application/xml", "mods": "application/mods+xml", "tei": "application/tei+xml"}
    for prefix, relative in record["files"].items():
        reply = call(app, path="/metadata/" + relative)
        assert reply.status == 200 and reply.headers["Content-Type"] == types.get(prefix, reply.headers["Content-Type"])
        assert reply.body == (build / "metadata" / relative).read_bytes()


@pytest.mark.parametrize("path, status", [
    ("/no-such-page.html", 404), ("/sub", 301), ("/metadata", 301), ("/metadata/", 404), ("/oai/", 404),
    ("/oai/x", 404), ("/index.html/", 404),
])
def test_clean_answers_for_other_paths(app, path, status):
    reply = call(app, path=path)
    assert reply.status == status and b"Traceback" not in reply.body
    if status == 301:
        assert reply.headers["Location"] == path + "/"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
def test_static_files_answer_only_get_and_head(app, method):
    reply = call(app, path="/", method=method, body=b"x=1")
    assert reply.status == 405 and reply.headers["Allow"] == "GET, HEAD"


def test_undecodable_paths_are_a_400(app):
    assert call(app, path="/\xff\xfe.html", raw_uri="/%ff%fe.html").status == 400
