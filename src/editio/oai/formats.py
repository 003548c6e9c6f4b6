"""The registry of metadata formats a repository disseminates (OAI-PMH 2.0, §3.4).

A format is a prefix, the namespace of its root element and the URL of its XML Schema. The
catalogue written by ``editio build`` lists them; adding a format means adding it there (and its
record files): the provider, ListMetadataFormats and every check read this one registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from .protocol import SYNTAX


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    namespace: str
    schema: str


class FormatRegistry:
    """Formats by prefix, in the order they were registered."""

    def __init__(self, formats: Iterable[MetadataFormat] = ()) -> None:
        self._formats: dict[str, MetadataFormat] = {}
        for metadata_format in formats:
            self.register(metadata_format)

    def register(self, metadata_format: MetadataFormat) -> None:
        if not SYNTAX["metadataPrefix"].fullmatch(metadata_format.prefix):
            raise ValueError(f"not a legal metadataPrefix: {metadata_format.prefix!r}")
        self._formats[metadata_format.prefix] = metadata_format

    def get(self, prefix: str) -> MetadataFormat | None:
        return self._formats.get(prefix)

    def __contains__(self, prefix: object) -> bool:
        return prefix in self._formats

    def __iter__(self) -> Iterator[MetadataFormat]:
        return iter(self._formats.values())

    def __len__(self) -> int:
        return len(self._formats)
