"""The official schemas in ../shared/reference/schemas, compiled offline, as test oracles."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from conftest import shared_path

# schemaLocation URLs inside the official schemas → the local copies (see SOURCES.md).
OFFLINE_COPIES = {
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
    "http://www.loc.gov/mods/xml.xsd": "xml.xsd",
    "http://www.loc.gov/standards/xlink/xlink.xsd": "xlink.xsd",
}


class _OfflineResolver(etree.Resolver):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, url, public_id, context):
        local = OFFLINE_COPIES.get(url)
        if local is not None:
            return self.resolve_filename(str(self.folder / local), context)
        if url and url.startswith(("http:", "https:")):
            raise LookupError(f"schema import not available offline: {url}")
        return None


def _parser(folder: Path) -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_OfflineResolver(folder))
    return parser


@cache
def xml_schema(name: str) -> etree.XMLSchema:
    """An official XSD by file name, e.g. ``OAI-PMH.xsd``, ``oai_dc.xsd``, ``mods-3-6.xsd``."""
    path = shared_path("reference", "schemas", name)
    return etree.XMLSchema(etree.parse(str(path), _parser(path.parent)))


@cache
def relax_ng(name: str) -> etree.RelaxNG:
    """An official RELAX NG schema by file name, e.g. ``tei_all.rng``, ``cmi-customization.rng``."""
    return etree.RelaxNG(etree.parse(str(shared_path("reference", "schemas", name))))


@cache
def combined_schema(*names: str) -> etree.XMLSchema:
    """One XSD importing several official ones, for documents that embed others (OAI-PMH records)."""
    folder = shared_path("reference", "schemas")
    imports = []
    for name in names:
        namespace = etree.parse(str(folder / name), _parser(folder)).getroot().get("targetNamespace")
        imports.append(f'<xs:import namespace="{namespace}" schemaLocation="{(folder / name).as_uri()}"/>')
    driver = ('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' + "".join(imports) + "</xs:schema>")
    return etree.XMLSchema(etree.fromstring(driver, _parser(folder), base_url=(folder / "driver.xsd").as_uri()))


def assert_valid(schema, document) -> None:
    """Fail with the schema's own messages when ``document`` (bytes or tree) is invalid."""
    tree = etree.fromstring(document) if isinstance(document, bytes) else document
    if not schema.validate(tree):
        raise AssertionError("\n".join(f"{e.line}:{e.column}: {e.message}" for e in schema.error_log))
