"""One WSGI application for the built edition: the web pages, the metadata files and OAI-PMH.

Routes: ``/oai`` (the OAI-PMH 2.0 endpoint, GET/HEAD/POST), ``/dts/…`` (DTS 1.0, ``dts.py``), ``/metadata/…`` (``build/html/metadata``,
then ``build/metadata``) and everything else from ``build/html``. ``editio serve`` runs it under
waitress; in production, run it under any WSGI server from the edition's folder: behind the site's
reverse proxy, or directly (see docs/oai-pmh.md for the measurements behind the choice)::

    gunicorn --bind 127.0.0.1:8000 --workers 3 'editio.server:create_app()'
    waitress-serve --listen=127.0.0.1:8000 --threads=4 --channel-timeout=30 --connection-limit=1000 --max-request-body-size=65536 --call editio.server:create_app

``EDITIO_BUILD`` names the build folder when the server does not start in the edition's folder;
``EDITIO_OAI_SECRET`` sets the key that signs resumption tokens (otherwise it is kept in
``<build>/.oai-secret``, created on first start and shared by all workers).
"""

from __future__ import annotations

import gzip
import os
import secrets
import sys
import tempfile
import traceback
from datetime import timedelta
from pathlib import Path

from .config import load_config
from .errors import EditioError
from .headers import secured
from .oai import CatalogueSource, OaiEndpoint
from .oai.endpoint import Clock, utc_now
from .oai.errors import BadArgument
from .oai.repository import DEFAULT_CACHE_BYTES, RecordUnavailable
from .errors import InputError
from .notfound import with_not_found_page
from .dts import DTS_PATH, DtsApi, TextLibrary
from .public_url import PublicUrl
from .signposting import Signposts
from .static import StaticFiles
from .wsgi import StartResponse, method_not_allowed, plain

OAI_PATH = "/oai"
METADATA_MOUNT = "/metadata"
OAI_METHODS = ("GET", "HEAD", "POST")
FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FORM_BYTES = 64 * 1024
BUILD_ENV = "EDITIO_BUILD"
SECRET_ENV = "EDITIO_OAI_SECRET"
SECRET_FILE = ".oai-secret"
# waitress: a connection idle this long is closed, so that idle sockets cannot hold every thread;
# a request body larger than the largest form is refused (413) from its Content-Length, before
# waitress would spool it to a temporary file.
SERVER_LIMITS = {"channel_timeout": 30, "max_request_body_size": MAX_FORM_BYTES,
                 "connection_limit": 1000, "cleanup_interval": 10}
OAI_HEADERS = [("Content-Type", "text/xml; charset=utf-8"), ("Cache-Control", "no-store")]

# Responses shorter than this are sent as they are: compressing them saves less than it costs.
GZIP_MINIMUM = 1024


class EditionApp:
    """The WSGI application: routes a request to the OAI endpoint or to one of the file folders."""

    def __init__(self, build_dir: Path, endpoint: OaiEndpoint, public_url: PublicUrl | None = None) -> None:
        self.build_dir = build_dir
        self.endpoint = endpoint
        self.public_url = public_url or PublicUrl()
        self.signposts: Signposts | None = None
        self.dts: DtsApi | None = None
        self.site = with_not_found_page(StaticFiles(build_dir / "html"), build_dir / "html")
        # The web edition publishes some records under html/metadata/; the rest of build/metadata
        # (the catalogue, the OAI records, CMIF) is served at the same URLs where names do not clash.
        self.metadata = StaticFiles(build_dir / "html" / "metadata", build_dir / "metadata")

    def __call__(self, environ: dict, start_response: StartResponse):
        start_response = secured(start_response)  # no answer runs script (headers.py)
        try:
            return self.route(environ, start_response)
        except RecordUnavailable as problem:
            # A build replaced the files under us, or the build is broken: say so, briefly.
            print(f"editio serve: record unavailable: {problem}", file=environ.get("wsgi.errors", sys.stderr))
            return plain(start_response, 503, "a metadata record is unavailable; try again shortly",
                         [("Retry-After", "5")])
        except Exception:  # the last resort: the traceback goes to the log, never to the client
            traceback.print_exc(file=environ.get("wsgi.errors", sys.stderr))
            failure = sys.exc_info()
            return plain(lambda status, headers: start_response(status, headers, failure), 500)

    def route(self, environ: dict, start_response: StartResponse):
        path = environ.get("PATH_INFO") or "/"
        if path == OAI_PATH:
            return self.oai(environ, start_response)
        if self.dts is not None and (path == DTS_PATH or path.startswith(DTS_PATH + "/")):
            return self.dts(environ, start_response, path[len(DTS_PATH):])
        links = self.signposts.headers(path) if self.signposts is not None else []
        if links:  # Signposting: the Link headers of a landing page, an item or a record
            start_response = _with_headers(start_response, links)
        if path == METADATA_MOUNT or path.startswith(METADATA_MOUNT + "/"):
            return self.metadata(environ, start_response, path[len(METADATA_MOUNT):], METADATA_MOUNT)
        return self.site(environ, start_response, path)

    def oai(self, environ: dict, start_response: StartResponse):
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in OAI_METHODS:
            return method_not_allowed(start_response, OAI_METHODS)
        url = self.public_url.endpoint(environ, OAI_PATH)
        if method == "POST":
            arguments, problem = read_form(environ)
            body = (self.endpoint.respond(arguments, url) if problem is None
                    else self.endpoint.respond_error(BadArgument(problem), url))
        else:
            body = self.endpoint.respond(_wsgi_bytes(environ.get("QUERY_STRING", "")), url)
        body, encoding = compressed(body, environ)
        start_response("200 OK", [*OAI_HEADERS, *encoding, ("Vary", "Accept-Encoding"),
                                  ("Content-Length", str(len(body)))])
        return [] if method == "HEAD" else [body]


def create_app(build_dir: str | Path | None = None, *, page_size: int | None = None,
               token_lifetime: timedelta | None = None, clock: Clock = utc_now, secret: bytes | None = None,
               cache_bytes: int = DEFAULT_CACHE_BYTES, reload_interval: float = 1.0) -> EditionApp:
    """The application for ``build_dir`` (default: ``$EDITIO_BUILD``, else the edition's build folder).

    Settings come from the ``editio.toml`` above ``build_dir`` (or the working folder); the keyword
    arguments override them, for tests and benchmarks.
    """
    build_dir = build_dir or os.environ.get(BUILD_ENV)
    config = load_config(Path(build_dir) if build_dir else None)
    build_dir = Path(build_dir) if build_dir else config.output_dir
    source = CatalogueSource(build_dir / "metadata", cache_bytes, reload_interval)
    endpoint = OaiEndpoint(
        source.current, secret or load_secret(build_dir), page_size=page_size or config.oai.page_size,
        token_lifetime=token_lifetime or timedelta(seconds=config.oai.token_lifetime_seconds), clock=clock)
    app = EditionApp(build_dir, endpoint, PublicUrl(config.oai.base_url, config.oai.proxies))
    app.signposts = Signposts(build_dir / "html" / "metadata", config.edition.base_url, reload_interval)
    app.dts = DtsApi(TextLibrary(build_dir / "html" / "tei", reload_interval), app.public_url,
                     config.edition.title, config.edition.base_url)
    return app


def serve(host: str = "127.0.0.1", port: int = 8000, build_dir: str | Path | None = None,
          threads: int = 4, watch: bool = False) -> None:
    """Run the application under waitress until interrupted; port 0 picks a free port.

    With ``watch``, build first and rebuild on every change, as a live preview (``preview.py``).
    """
    from waitress import create_server

    from .accesslog import RequestLog

    if not watch:
        where = Path(build_dir or os.environ.get(BUILD_ENV) or load_config(None).output_dir)
        if not (where / "html").is_dir() or not (where / "metadata").is_dir():
            raise InputError(f"no build found at {where}: run 'editio build' first")
    if watch:
        from .preview import LivePreview, Watcher
        # The edition edited is the one in the working folder, wherever its build goes; it is
        # built first, so that an edition never built can be previewed at once.
        edition = load_config()
        watcher = Watcher(edition, out=Path(build_dir) if build_dir else edition.output_dir)
        watcher.check()
        watcher.run_in_background()
        app = LivePreview(create_app(watcher.out), watcher)
    else:
        app = create_app(build_dir)
    try:
        server = create_server(RequestLog(app), host=host, port=port, threads=threads, ident="editio", **SERVER_LIMITS)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise EditioError(f"cannot listen on {host}:{port}: {reason}") from None
    shown_host = f"[{server.effective_host}]" if ":" in str(server.effective_host) else server.effective_host
    edition_app = getattr(app, "app", app)  # the live preview wraps the application
    if isinstance(edition_app, EditionApp):
        edition_app.public_url.own_host = f"{shown_host}:{server.effective_port}"
    url = f"http://{shown_host}:{server.effective_port}/"
    print(f"Serving the edition at {url} and OAI-PMH at {url}oai (Ctrl-C stops)", flush=True)
    try:
        server.run()
    finally:
        server.close()


def _with_headers(start_response: StartResponse, extra: list[tuple[str, str]]) -> StartResponse:
    """``start_response`` adding ``extra`` to a successful answer."""
    def start(status: str, headers, exc_info=None):
        if status[:1] == "2":
            headers = [*headers, *extra]
        return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)
    return start


def compressed(body: bytes, environ: dict) -> tuple[bytes, list[tuple[str, str]]]:
    """``body`` gzipped when the client accepts gzip and it is worth it, with the header that says so."""
    if len(body) < GZIP_MINIMUM or not accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", "")):
        return body, []
    return gzip.compress(body, compresslevel=6, mtime=0), [("Content-Encoding", "gzip")]


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header accepts gzip (RFC 9110 §12.5.3: "q=0" refuses it)."""
    for item in header.lower().split(","):
        coding, _, parameters = item.strip().partition(";")
        if coding.strip() in ("gzip", "x-gzip", "*"):
            quality = parameters.strip().removeprefix("q=")
            try:
                return not parameters.strip() or float(quality) > 0
            except ValueError:
                return False
    return False


def read_form(environ: dict) -> tuple[bytes, str | None]:
    """A POST body's urlencoded arguments, or a reason why it cannot be read as such."""
    media_type = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
    if media_type not in ("", FORM_TYPE):
        return b"", f"a POST request must be sent as {FORM_TYPE}"
    too_long = f"the arguments are longer than {MAX_FORM_BYTES // 1024} KB"
    if not environ.get("CONTENT_LENGTH"):
        # A chunked body has no length: read it only from a server that ends wsgi.input with the body.
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not (chunked or environ.get("wsgi.input_terminated")):
            return b"", None
        body = environ["wsgi.input"].read(MAX_FORM_BYTES + 1)
        return (body, None) if len(body) <= MAX_FORM_BYTES else (b"", too_long)
    try:
        length = int(environ["CONTENT_LENGTH"])
    except ValueError:
        return b"", "the Content-Length header is not a number"
    if length > MAX_FORM_BYTES:
        return b"", too_long
    return environ["wsgi.input"].read(length) if length > 0 else b"", None


def load_secret(build_dir: Path) -> bytes:
    """The key for resumption tokens: ``$EDITIO_OAI_SECRET``, else one kept beside the build.

    Every worker of a multi-process server must use the same key, so it is written once (created
    under a temporary name, then linked into place, so that racing workers agree on one key).
    """
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV].encode("utf-8")
    path = Path(build_dir) / SECRET_FILE
    try:
        if not path.exists():
            build_dir.mkdir(parents=True, exist_ok=True)
            descriptor, scratch = tempfile.mkstemp(dir=build_dir, prefix=".oai-secret-")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(secrets.token_hex(32).encode("ascii"))
                os.link(scratch, path)
            except FileExistsError:
                pass
            finally:
                os.unlink(scratch)
        secret = path.read_bytes().strip()
        if secret:
            return secret
    except OSError:
        pass
    # No place to keep it: tokens then hold only within this process, which is still correct.
    print(f"editio serve: cannot keep a token key in {path}; set {SECRET_ENV}", file=sys.stderr)
    return secrets.token_bytes(32)


def _wsgi_bytes(value: str) -> bytes:
    """A WSGI 'native string' back to the bytes the client sent (PEP 3333: latin-1)."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:  # a server that decoded as UTF-8 instead
        return value.encode("utf-8", "surrogateescape")
