"""Small WSGI helpers shared by the static files and the server: short plain-text answers."""

from __future__ import annotations

from http import HTTPStatus
from typing import Callable, Iterable

StartResponse = Callable[..., object]


def status_line(code: int) -> str:
    return f"{code} {HTTPStatus(code).phrase}"


def plain(start_response: StartResponse, code: int, message: str | None = None,
          headers: Iterable[tuple[str, str]] = (), head: bool = False) -> list[bytes]:
    """A short ``text/plain`` answer (never a traceback); no body for HEAD."""
    body = ((message or HTTPStatus(code).phrase) + "\n").encode("utf-8")
    start_response(status_line(code), [("Content-Type", "text/plain; charset=utf-8"),
                                       ("Content-Length", str(len(body))), *headers])
    return [] if head else [body]


def method_not_allowed(start_response: StartResponse, allowed: Iterable[str]) -> list[bytes]:
    allowed = ", ".join(allowed)
    return plain(start_response, 405, f"only {allowed} here", [("Allow", allowed)])
