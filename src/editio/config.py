"""Edition-wide settings from ``editio.toml``: typed, validated, with defaults for any TEI folder."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ConfigError

CONFIG_NAME = "editio.toml"
PAGE_SIZES = ("A4", "A5")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "none")


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


@dataclass(frozen=True)
class OaiSettings:
    repository_name: str = ""
    page_size: int = 100
    token_lifetime_seconds: int = 3600


@dataclass(frozen=True)
class PdfSettings:
    page_size: str = "A5"
    variant: str = "pdf/ua-1"


@dataclass(frozen=True)
class Config:
    """All settings, plus the folder the relative paths in them are resolved against."""

    root: Path
    edition: EditionSettings = field(default_factory=EditionSettings)
    oai: OaiSettings = field(default_factory=OaiSettings)
    pdf: PdfSettings = field(default_factory=PdfSettings)
    path: Path | None = None

    @property
    def sources_dir(self) -> Path:
        return self.root / self.edition.sources

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
    start = start.resolve()
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
        return Config(root=start.resolve() if start.is_dir() else start.resolve().parent)
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read settings: {exc}", file=path) from None
    unknown = set(table) - {"edition", "oai", "pdf"}
    if unknown:
        raise ConfigError(f"unknown section [{sorted(unknown)[0]}]", file=path)
    config = Config(
        root=path.parent,
        edition=_section(EditionSettings, table.get("edition", {}), "edition", path),
        oai=_section(OaiSettings, table.get("oai", {}), "oai", path),
        pdf=_section(PdfSettings, table.get("pdf", {}), "pdf", path),
        path=path,
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
    if config.oai.token_lifetime_seconds < 1:
        raise ConfigError("oai.token_lifetime_seconds must be positive", file=path)
