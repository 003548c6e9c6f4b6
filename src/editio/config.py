"""Edition-wide settings from ``editio.toml``: typed, validated, with defaults for any TEI folder."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ConfigError

CONFIG_NAME = "editio.toml"
PAGE_SIZES = ("A4", "A5")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "none")
MAX_TOKEN_LIFETIME = 366 * 24 * 3600
MAX_SOURCE_MB = 4096


@dataclass(frozen=True)
class EditionSettings:
    title: str = "A TEI edition"
    publisher: str = "editio"
    base_url: str = "https://editio.example.org/"
    licence: str = "CC-BY-4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/"
    contact: str = "editio@example.org"
    language: str = "en"
    sources: str = "tei"
    output: str = "build"
    # The largest source file read, in MB (2**20 bytes): a guard against a runaway or hostile file.
    max_source_mb: int = 64


@dataclass(frozen=True)
class OaiSettings:
    repository_name: str = ""
    page_size: int = 100
    token_lifetime_seconds: int = 3600
    # The endpoint's public URL (what Identify reports as baseURL); empty: the server's own address,
    # or what a trusted proxy forwards.
    base_url: str = ""
    # Addresses of reverse proxies whose X-Forwarded-Host/-Proto/-Prefix headers are believed (comma-separated).
    trusted_proxies: str = ""

    @property
    def proxies(self) -> frozenset[str]:
        return frozenset(p.strip() for p in self.trusted_proxies.split(",") if p.strip())


@dataclass(frozen=True)
class PdfSettings:
    page_size: str = "A5"
    variant: str = "pdf/ua-1"


# How each scheme of persistent identifier resolves, and what its values look like.
PID_SCHEMES = {
    "doi": ("https://doi.org/", re.compile(r"10\.[0-9]{4,9}/\S+")),
    "handle": ("https://hdl.handle.net/", re.compile(r"[0-9A-Za-z.]+/\S+")),
    "ark": ("https://n2t.net/", re.compile(r"ark:/?[0-9]{5,9}/\S+")),
}


@dataclass(frozen=True)
class IdentifierSettings:
    """Persistent identifiers: one scheme, a pattern for every document ("{id}" is its id) and/or
    identifiers given document by document (which win over the pattern)."""

    scheme: str = ""
    pattern: str = ""
    documents: tuple[tuple[str, str], ...] = ()

    def for_document(self, document_id: str) -> tuple[str, str] | None:
        """(scheme, identifier) of a document, or None when it has none."""
        given = dict(self.documents).get(document_id)
        if given is None and self.pattern:
            given = self.pattern.replace("{id}", document_id)
        return (self.scheme, given) if self.scheme and given else None

    def url(self, document_id: str) -> str | None:
        found = self.for_document(document_id)
        return PID_SCHEMES[found[0]][0] + found[1] if found else None


@dataclass(frozen=True)
class Config:
    """All settings, plus the folder the relative paths in them are resolved against."""

    root: Path
    edition: EditionSettings = field(default_factory=EditionSettings)
    oai: OaiSettings = field(default_factory=OaiSettings)
    pdf: PdfSettings = field(default_factory=PdfSettings)
    path: Path | None = None
    identifiers: IdentifierSettings = field(default_factory=IdentifierSettings)

    @property
    def sources_dir(self) -> Path:
        return self.root / self.edition.sources

    @property
    def max_source_bytes(self) -> int:
        return self.edition.max_source_mb * 2**20

    @property
    def output_dir(self) -> Path:
        return self.root / self.edition.output

    @property
    def domain(self) -> str:
        return urlsplit(self.edition.base_url).hostname or "localhost"

    @property
    def repository_name(self) -> str:
        return self.oai.repository_name or self.edition.title


def find_config(start: Path) -> Path | None:
    """The nearest ``editio.toml`` in ``start`` or one of its parents."""
    start = Path(os.path.realpath(start))  # never raises, even on a loop of symbolic links
    for folder in (start, *start.parents) if start.is_dir() else start.parents:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    """Settings for the edition that contains ``start`` (default: the working folder)."""
    start = Path.cwd() if start is None else start
    path = find_config(start)
    if path is None:
        real = Path(os.path.realpath(start))
        return Config(root=real if real.is_dir() else real.parent)
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read settings: {exc}", file=path) from None
    unknown = set(table) - {"edition", "oai", "pdf", "identifiers"}
    if unknown:
        raise ConfigError(f"unknown section [{sorted(unknown)[0]}]", file=path)
    config = Config(
        root=path.parent,
        edition=_section(EditionSettings, table.get("edition", {}), "edition", path),
        oai=_section(OaiSettings, table.get("oai", {}), "oai", path),
        pdf=_section(PdfSettings, table.get("pdf", {}), "pdf", path),
        path=path,
        identifiers=_identifiers(table.get("identifiers", {}), path),
    )
    _check(config, path)
    return config


def _section(kind, values: dict, name: str, path: Path):
    known = {f.name: f for f in fields(kind)}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"unknown setting {name}.{key}", file=path)
        expected = int if known[key].type == "int" else str
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ConfigError(f"{name}.{key} must be a {expected.__name__}, not {value!r}", file=path)
    return kind(**values)


def _identifiers(values: dict, path: Path) -> IdentifierSettings:
    """``[identifiers]``: scheme, pattern, and a table ``documents`` of document id → identifier."""
    unknown = set(values) - {"scheme", "pattern", "documents"}
    if unknown:
        raise ConfigError(f"unknown setting identifiers.{sorted(unknown)[0]}", file=path)
    scheme, pattern, documents = values.get("scheme", ""), values.get("pattern", ""), values.get("documents", {})
    if not isinstance(documents, dict) or not all(isinstance(v, str) for v in documents.values()):
        raise ConfigError("identifiers.documents must be a table of document id = identifier", file=path)
    if (pattern or documents) and scheme not in PID_SCHEMES:
        raise ConfigError(f"identifiers.scheme must be one of {', '.join(PID_SCHEMES)}", file=path)
    if not isinstance(pattern, str) or (pattern and "{id}" not in pattern):
        raise ConfigError("identifiers.pattern must contain {id}", file=path)
    for key, value in [*documents.items(), *([("pattern", pattern.replace("{id}", "x"))] if pattern else [])]:
        if not PID_SCHEMES[scheme][1].fullmatch(value):
            raise ConfigError(f"identifiers: {value!r} ({key}) is not a {scheme} identifier", file=path)
    return IdentifierSettings(scheme, pattern, tuple(sorted(documents.items())))


def _check(config: Config, path: Path) -> None:
    edition = config.edition
    for name in ("base_url", "licence_url"):
        parts = urlsplit(getattr(edition, name))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"edition.{name} must be an absolute http(s) URL", file=path)
    if not edition.base_url.endswith("/"):
        raise ConfigError("edition.base_url must end with '/'", file=path)
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", edition.contact):
        raise ConfigError("edition.contact must be an e-mail address", file=path)
    if config.pdf.page_size not in PAGE_SIZES:
        raise ConfigError(f"pdf.page_size must be one of {', '.join(PAGE_SIZES)}", file=path)
    if config.pdf.variant not in PDF_VARIANTS:
        raise ConfigError(f"pdf.variant must be one of {', '.join(PDF_VARIANTS)}", file=path)
    if not 1 <= config.oai.page_size <= 10_000:
        raise ConfigError("oai.page_size must be between 1 and 10000", file=path)
    if config.oai.base_url:
        parts = urlsplit(config.oai.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ConfigError("oai.base_url must be an absolute http(s) URL without query", file=path)
    if not 1 <= config.oai.token_lifetime_seconds <= MAX_TOKEN_LIFETIME:
        raise ConfigError(f"oai.token_lifetime_seconds must be between 1 and {MAX_TOKEN_LIFETIME} (a year)",
                          file=path)
    if not 1 <= edition.max_source_mb <= MAX_SOURCE_MB:
        raise ConfigError(f"edition.max_source_mb must be between 1 and {MAX_SOURCE_MB}", file=path)
