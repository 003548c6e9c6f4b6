"""The public URL of a request's endpoint: never what a client claims, only what editio is told.

OAI-PMH echoes its base URL in every response (and harvesters store it), so a ``Host`` header must
not decide it: the URL comes from ``editio.toml`` (``oai.base_url``) when set; otherwise from the
``X-Forwarded-*`` headers of a reverse proxy whose address is listed in ``oai.trusted_proxies``;
otherwise it is the server's own address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

# A host we are willing to write into a URL: a name or an IP literal, and a port.
HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-.]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")
_PREFIX = re.compile(r"(?:/[A-Za-z0-9\-._~%!$&'()*+,;=:@]+)*")
_DEFAULT_PORTS = {"http": "80", "https": "443"}
OAI_PATH = "/oai"


@dataclass
class PublicUrl:
    #: oai.base_url of editio.toml: the OAI endpoint's URL; the application's other endpoints lie beside it.
    configured: str = ""
    trusted_proxies: frozenset[str] = frozenset()
    #: The address the server listens on, as "host:port" (set by ``editio serve`` once it is bound).
    own_host: str | None = None

    def endpoint(self, environ: dict, path: str) -> str:
        """The public URL of ``path`` (e.g. ``/oai``) under the application."""
        if self.configured:
            if path == OAI_PATH:
                return self.configured
            if self.configured.endswith(OAI_PATH):  # the other endpoints live beside it
                return self.configured[:-len(OAI_PATH)] + quote(path)
        script = _wsgi_text(environ.get("SCRIPT_NAME", ""))
        forwarded = self._forwarded(environ)
        if forwarded is not None:
            scheme, host, prefix = forwarded
            return f"{scheme}://{host}{quote(prefix + script + path)}"
        scheme = environ.get("wsgi.url_scheme") if environ.get("wsgi.url_scheme") in _DEFAULT_PORTS else "http"
        return f"{scheme}://{self._own(environ, scheme)}{quote(script + path)}"

    def _forwarded(self, environ: dict) -> tuple[str, str, str] | None:
        if environ.get("REMOTE_ADDR") not in self.trusted_proxies:
            return None
        host = environ.get("HTTP_X_FORWARDED_HOST", "").split(",")[0].strip()
        scheme = environ.get("HTTP_X_FORWARDED_PROTO", "http").split(",")[0].strip().lower()
        prefix = environ.get("HTTP_X_FORWARDED_PREFIX", "").split(",")[0].strip().rstrip("/")
        if not HOST.fullmatch(host) or scheme not in _DEFAULT_PORTS or not _PREFIX.fullmatch(prefix):
            return None
        return scheme, host, prefix

    def _own(self, environ: dict, scheme: str) -> str:
        if self.own_host:
            return self.own_host
        name, port = environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT", "")
        # waitress names an unknown host "waitress.invalid": not a name to publish.
        host = name if HOST.fullmatch(name) and not name.endswith(".invalid") else "localhost"
        if port.isdigit() and port != _DEFAULT_PORTS[scheme]:
            host = f"{host}:{port}"
        return host


def _wsgi_text(value: str) -> str:
    try:
        return value.encode("latin-1").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return value
