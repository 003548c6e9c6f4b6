"""ISO Schematron: editio's own engine (``schematron_engine``, XSLT 3.0 on saxonche) for every schema,
except an XSLT 1.0 schema that calls EXSLT functions, which Saxon-HE lacks: that one runs, as before,
through lxml's XSLT 1.0 skeleton, compiled here so that rules can see the whole edition.

lxml's ``isoschematron`` turns a Schematron schema into a validator stylesheet in three steps (include,
expand abstract patterns, compile); its top-level ``<sch:let>`` become stylesheet parameters. editio
runs those steps itself and passes the edition's documents as ``editio-documents``, which the rules load
with ``document()``.

Loading is safe: libxslt's own loader would parse with entity substitution and DTD loading, so every
stylesheet here runs with an access control that allows no network and no writes, and with a resolver
that serves ``document()`` only the edition's documents, as editio has already loaded them (no DTD, no
entity), and an empty document for any other file. Nothing is read from disk or fetched while validating.
"""

from __future__ import annotations

import re
import threading
import weakref
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree, isoschematron

from ..documents import Document, safe_parser
from ..errors import InputError
from ..problems import Problem
from ..svrl import results as svrl_results, severity
from ..edition import today

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
DOCUMENTS_PARAMETER = "editio-documents"
TODAY_PARAMETER = "editio-today"

_STEPS_DIR = Path(isoschematron.__file__).resolve().parent / "resources" / "xsl" / "iso-schematron-xslt1"
# Files may be opened (the resolvers below decide what is actually served); the network never, nor writes.
_ACCESS = etree.XSLTAccessControl(read_file=True, write_file=False, create_dir=False,
                                  read_network=False, write_network=False)


class _SchemaFiles(etree.Resolver):
    """Serves the compile steps the local files a schema includes, checked like any editio input."""

    def resolve(self, url, public_id, context):
        path = _local_path(url)
        if path is None:
            raise InputError(f"Schematron include is not a local file and is not fetched: {url}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"Schematron include cannot be read: {exc.strerror}", file=path) from None
        if re.search(rb"<!ENTITY", data, re.IGNORECASE):
            raise InputError("entity declarations are refused", file=path)
        return self.resolve_string(data, context, base_url=path.as_uri())


class _EditionDocuments(etree.Resolver):
    """Serves ``document()`` the edition's documents, and an empty document for anything else."""

    def __init__(self) -> None:
        super().__init__()
        self._serving = threading.local()

    @contextmanager
    def serving(self, documents: list[Document]):
        self._serving.sources = {document.path.resolve(): document for document in documents}
        try:
            yield
        finally:
            self._serving.sources = {}

    def resolve(self, url, public_id, context):
        path = _local_path(url)
        document = getattr(self._serving, "sources", {}).get(path) if path else None
        if document is None:
            return self.resolve_empty(context)
        return self.resolve_string(_serialised(document), context, base_url=url)


_edition_documents = _EditionDocuments()
_serialised_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _serialised(document: Document) -> bytes:
    # The loaded tree without its prolog: no DOCTYPE survives, so no parser can load a DTD or an entity.
    if document not in _serialised_cache:
        _serialised_cache[document] = etree.tostring(document.root, encoding="utf-8")
    return _serialised_cache[document]


def _local_path(url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme not in ("", "file") or parts.netloc not in ("", "localhost"):
        return None
    return Path(unquote(parts.path)).resolve()


def _parser(resolver: etree.Resolver) -> etree.XMLParser:
    # Documents a stylesheet loads are parsed with its own parser: the safe one, with this resolver.
    parser = safe_parser()
    parser.resolvers.add(resolver)
    return parser


@cache
def _step(name: str) -> etree.XSLT:
    return etree.XSLT(etree.parse(str(_STEPS_DIR / name), _parser(_SchemaFiles())), access_control=_ACCESS)


_EXSLT = re.compile(rb"http://exslt\.org/")


def compile_schema(path: Path, phase: str = ""):
    """Compile the Schematron schema at ``path``: by editio's XSLT 3.0 engine, except an XSLT 1.0 schema
    that uses EXSLT (as editio.sch does), which lxml's XSLT 1.0 skeleton runs as before."""
    if phase or not _exslt_schema(path):
        from ..schematron_engine import compile_schema as compile_with_engine
        return compile_with_engine(path, phase)
    try:
        schema = etree.parse(str(path), _parser(_SchemaFiles()))
        if schema.getroot().tag != f"{{{SCH_NS}}}schema":
            raise InputError("not an ISO Schematron schema (expected <sch:schema>)", file=path)
        schema = _step("iso_abstract_expand.xsl")(_step("iso_dsdl_include.xsl")(schema))
        if isoschematron.schematron_schema_valid_supported and not isoschematron.schematron_schema_valid(schema):
            error = isoschematron.schematron_schema_valid.error_log.last_error
            raise InputError(f"invalid Schematron schema: {error.message if error else 'see its structure'}", file=path)
        validator = _step("iso_svrl_for_xslt1.xsl")(schema)
        stylesheet = etree.fromstring(etree.tostring(validator), _parser(_edition_documents),
                                   base_url=path.resolve().as_uri())
        return SchematronSchema(path, etree.XSLT(stylesheet, access_control=_ACCESS))
    except (etree.XMLSyntaxError, etree.XSLTError) as exc:
        raise InputError(f"Schematron schema does not compile: {_cause(exc)}", file=path) from None


class SchematronSchema:
    """A compiled Schematron validator; :meth:`check` turns its SVRL report into located problems."""

    def __init__(self, path: Path, validator: etree.XSLT) -> None:
        self.path = path
        self.validator = validator
        self.sources: list[Path] = []

    def check(self, document: Document, edition) -> list[Problem]:
        documents = list(edition.documents) if edition is not None else [document]
        uris = " ".join(d.path.resolve().as_uri() for d in documents)
        with _edition_documents.serving(documents):
            try:
                report = self.validator(document.tree, **{DOCUMENTS_PARAMETER: etree.XSLT.strparam(uris),
                                                          TODAY_PARAMETER: etree.XSLT.strparam(today())})
            except etree.XSLTApplyError as exc:
                raise InputError(f"Schematron failed on {document.path}: {_cause(exc)}", file=self.path) from None
        return list(self._problems(report.getroot(), document))

    def _problems(self, svrl: etree._Element, document: Document):
        for found in svrl_results(svrl):
            node = found.node
            line, column = document.position(_located(document, node.get("location", "")))
            yield Problem(str(document.path), line, column, severity(node.get("role"), node.get("flag")),
                          found.rule or node.get("id") or found.pattern or self.path.name,
                          found.message or node.get("test", ""))


def _exslt_schema(path: Path) -> bool:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"Schematron schema cannot be read: {exc.strerror}", file=path) from None
    binding = re.search(rb'queryBinding\s*=\s*["\']([^"\']*)', data)
    return (binding is None or binding.group(1).strip().lower() in (b"", b"xslt")) and bool(_EXSLT.search(data))


def _located(document: Document, location: str) -> etree._Element:
    """The element an SVRL location (an XPath from the document root) names; an attribute's parent."""
    try:
        found = document.tree.xpath(location) if location else []
    except etree.XPathError:
        found = []
    node = found[0] if isinstance(found, list) and found else None
    if isinstance(node, etree._Element):
        return node
    parent = getattr(node, "getparent", lambda: None)()
    return parent if parent is not None else document.root


def _cause(exc: Exception) -> str:
    """The message that explains a failed transformation: a refused read if there was one, else the first."""
    messages = [" ".join(entry.message.split()) for entry in getattr(exc, "error_log", ())]
    refused = [m for m in messages if "denied" in m or "refused" in m]
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return (refused or [" ".join(first.split())])[0]
