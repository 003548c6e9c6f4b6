"""The site's own "not found" page: a 404 from the built web edition answers with ``404.html``.

The page is built with links relative to the site's root (like ``index.html``); a ``<base>`` naming
the root the application is mounted at (``SCRIPT_NAME``) makes them work at any depth of URL.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from .wsgi import StartResponse

PAGE = "404.html"


def with_not_found_page(app, site_dir: Path):
    """Wrap a static-files ``app(environ, start_response, path)`` so that its 404s carry the site's page."""

    def answer(environ: dict, start_response: StartResponse, path: str, *rest):
        seen: list = []
        body = app(environ, lambda status, headers, *exc: seen.append((status, headers, exc)), path, *rest)
        status, headers, exc = seen[0]
        page = _page(site_dir, environ) if status.startswith("404") else None
        if page is None:
            start_response(status, headers, *exc)
            return body
        start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page))),
                                ("Cache-Control", "no-cache")])
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [page]

    return answer


def _page(site_dir: Path, environ: dict) -> bytes | None:
    try:
        html = (site_dir / PAGE).read_bytes()
    except OSError:
        return None
    base = quote(environ.get("SCRIPT_NAME", "").rstrip("/") + "/")
    return html.replace(b"<head>", f'<head><base href="{base}">'.encode("ascii"), 1)
