"""Response headers that keep script out of every answer the server gives: pages may run only the
site's own scripts, styles and fonts; XML and data are shown in a sandbox that runs nothing; no
answer may be framed by another site or sniffed into another type."""

from __future__ import annotations

from .wsgi import StartResponse

# The web pages: their own assets only. Style attributes stay allowed (TEI renditions become
# inline styles; CSS cannot run script), style elements and inline scripts do not. The search index
# is read by WebAssembly, which a policy must allow to be compiled ('wasm-unsafe-eval': that alone,
# not 'unsafe-eval', which would let script run strings as code).
PAGE_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; style-src-elem 'self'; "
               "style-src-attr 'unsafe-inline'; font-src 'self'; img-src 'self' https: data:; "
               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The site's scripts: a page that loads one ignores this, a worker started from one (the search's)
# runs under it, and reads the search index from the site, as WebAssembly.
SCRIPT_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; "
                 "base-uri 'none'; frame-ancestors 'none'")
# Everything else (TEI and other XML, OAI-PMH, JSON, text): nothing runs, nothing loads.
DATA_POLICY = "default-src 'none'; style-src 'self'; object-src 'none'; frame-ancestors 'none'; sandbox"
# A PDF is shown by the browser's own viewer, which a sandbox would refuse to start.
PDF_POLICY = "default-src 'none'; object-src 'none'; frame-ancestors 'none'"
COMMON = [("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
          ("Referrer-Policy", "strict-origin-when-cross-origin")]


def policy_for(content_type: str) -> str:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "text/html":
        return PAGE_POLICY
    if media_type == "text/javascript":
        return SCRIPT_POLICY
    if media_type == "application/pdf":
        return PDF_POLICY
    return DATA_POLICY


def secured(start_response: StartResponse) -> StartResponse:
    """``start_response`` that adds the security headers a response lacks."""

    def start(status, headers, exc_info=None):
        present = {name.lower() for name, _ in headers}
        content_type = next((value for name, value in headers if name.lower() == "content-type"), "")
        added = [(name, value) for name, value in
                 [("Content-Security-Policy", policy_for(content_type)), *COMMON] if name.lower() not in present]
        return start_response(status, [*headers, *added], exc_info) if exc_info else \
            start_response(status, [*headers, *added])

    return start
