"""A request log for ``editio serve``: one line per request in the Combined Log Format.

``host - user [day/Mon/year:hh:mm:ss +0000] "METHOD /path?query PROTOCOL" status bytes "referer" "agent"``,
the format Apache and nginx write and log analysers read. The size is the response's
Content-Length ("-" when it has none, as for a 304).
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

from .wsgi import StartResponse

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class RequestLog:
    """WSGI middleware that writes a Combined Log Format line for each request to ``stream``."""

    def __init__(self, app: Callable, stream: TextIO | None = None, clock: Callable[[], float] = time.time) -> None:
        self.app = app
        self.stream = stream
        self.clock = clock

    def __getattr__(self, name: str):  # the wrapped application's attributes (build_dir, …) stay reachable
        return getattr(self.app, name)

    def __call__(self, environ: dict, start_response: StartResponse):
        seen: dict[str, str] = {}

        def recording(status: str, headers: list[tuple[str, str]], *exc_info):
            seen["status"] = status.split(" ", 1)[0]
            seen["size"] = next((value for name, value in headers if name.lower() == "content-length"), "-")
            return start_response(status, headers, *exc_info)

        body = self.app(environ, recording)
        print(combined_line(environ, seen.get("status", "-"), seen.get("size", "-"), self.clock()),
              file=self.stream or sys.stderr, flush=True)
        return body


def combined_line(environ: dict, status: str, size: str, when: float) -> str:
    stamp = time.gmtime(when)
    date = f"{stamp.tm_mday:02d}/{_MONTHS[stamp.tm_mon - 1]}/{stamp.tm_year}:{time.strftime('%H:%M:%S', stamp)} +0000"
    target = _quoted(environ.get("PATH_INFO", "") or "/")
    if environ.get("QUERY_STRING"):
        target += "?" + _quoted(environ["QUERY_STRING"])
    request = f'{environ.get("REQUEST_METHOD", "-")} {target} {environ.get("SERVER_PROTOCOL", "-")}'
    return (f'{environ.get("REMOTE_ADDR") or "-"} - {environ.get("REMOTE_USER") or "-"} [{date}] "{request}" '
            f'{status} {size} "{_quoted(environ.get("HTTP_REFERER", "-"))}" "{_quoted(environ.get("HTTP_USER_AGENT", "-"))}"')


def _quoted(value: str) -> str:
    """A request value made safe for one log line: no quotes, backslashes or control characters."""
    return "".join(c if c.isprintable() and c not in '"\\' else f"\\x{ord(c):02x}" for c in value)
