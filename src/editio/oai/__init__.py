"""OAI-PMH 2.0 data provider, in four layers after pyoai.

- :mod:`.protocol` and :mod:`.tokens`: verbs, the argument table, dates, resumption tokens;
- :mod:`.repository`: the provider interface and its implementation over ``catalogue.json``;
- :mod:`.formats`: the registry of metadata formats;
- :mod:`.errors`: error classes carrying their OAI error code.

:mod:`.endpoint` ties them together and :mod:`.responses` writes the XML; HTTP lives in
:mod:`editio.server`.
"""

from .endpoint import OaiEndpoint
from .errors import OaiError
from .formats import FormatRegistry, MetadataFormat
from .repository import CatalogueRepository, CatalogueSource, Repository

__all__ = ["CatalogueRepository", "CatalogueSource", "FormatRegistry", "MetadataFormat", "OaiEndpoint",
           "OaiError", "Repository"]
