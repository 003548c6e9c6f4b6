"""W3C XML Schema (1.0 or 1.1) validation with xmlschema, each failure named by the schema's own ids.

A failure's rule is the ``id`` of the failing schema component or of its nearest enclosing component
that has one. Its message is written for an editor: the element, the attribute and the bad value, and
what was expected, worded from the id'd component's ``xs:documentation`` where it has one.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

import xmlschema
from xmlschema.validators.exceptions import XMLSchemaChildrenValidationError, XMLSchemaValidatorError

from .. import user_cache
from ..memory import Recent
from ..documents import XML_NS, Document
from ..errors import InputError
from ..problems import Problem

XSD_NS = "http://www.w3.org/2001/XMLSchema"
_XMLSCHEMA_DIR = Path(xmlschema.__file__).resolve().parent

# What an xmlschema reason says, and how to say it to an editor. Each pattern names the attribute.
_ATTRIBUTE_VALUE = re.compile(r"^attribute (\S+?)=")
_MISSING_ATTRIBUTE = re.compile(r"^missing required attribute '(.+)'")
_UNKNOWN_ATTRIBUTE = re.compile(r"^'(.+)' attribute not allowed")
_DERIVATIONS = {"restriction", "extension", "union", "list", "simpleContent", "complexContent"}
_TEXT_BETWEEN_REASON = "character data between child elements not allowed"
_EMPTY_REASON = "character data is not allowed because content is empty"
_CONTENT_REASONS = {
    _TEXT_BETWEEN_REASON: "<{element}> allows no text here, only elements",
    _EMPTY_REASON: "<{element}> must be empty",
    "a simple content element can't have child elements": "<{element}> holds text only, no elements",
}


def compile_schema(path: Path) -> XsdSchema:
    """Compile the schema at ``path``; only local files are read, and no entity is expanded.

    xmlschema takes about half a second to build an XSD 1.1 schema (and its meta-schema) in a new
    process; the result depends only on the schema's files, this module and the library versions, so
    it is kept pickled in the per-user cache (``user_cache.py``) under a digest of the main file, the
    versions and this module, with the digest of every file it was built from: a changed include or
    import is a miss, never a stale schema."""
    entry = _entry(path)
    kept = _cached(entry)
    if kept is not None:
        return XsdSchema(path, kept)
    compiled = _compile(path)
    _keep(entry, compiled)
    return compiled


CACHE_KIND = "xsd"


def _entry(path: Path) -> str:
    import elementpath

    return user_cache.key(str(Path(path).resolve()), user_cache.file_digest(path), Path(__file__).read_bytes(),
                          xmlschema.__version__, elementpath.__version__, sys.version) + ".pickle"


def _cached(entry: str):
    """The schema kept under ``entry`` if every file it was built from is unchanged, else None."""
    data = user_cache.read(CACHE_KIND, entry, trusted=True)
    if data is None:
        return None
    manifest, _, pickled = data.partition(b"\n")
    try:
        for source, digest in json.loads(manifest):
            if user_cache.file_digest(Path(source)) != digest:
                return None
        return pickle.loads(pickled)
    except (OSError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError, EOFError):
        return None  # a source gone, or an entry of another library: compiled again


def _keep(entry: str, compiled: XsdSchema) -> None:
    try:
        manifest = [(str(source), user_cache.file_digest(source)) for source in compiled.sources]
        pickled = pickle.dumps(compiled.schema, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return  # a schema that cannot be kept is compiled again next time
    user_cache.write(CACHE_KIND, entry, json.dumps(manifest).encode("utf-8") + b"\n" + pickled)


def _compile(path: Path) -> XsdSchema:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            schema = _schema_class(path)(str(path), allow="local", defuse="always")
        except (xmlschema.XMLSchemaException, OSError, SyntaxError) as exc:
            raise InputError(f"XML Schema does not compile: {_first_line(exc)}", file=path) from None
    # xmlschema only warns when an import or include fails (e.g. a remote one it refused to fetch).
    failed = [w.message for w in caught if issubclass(w.category, xmlschema.XMLSchemaWarning)]
    if failed:
        raise InputError(f"XML Schema does not compile: {_first_line(failed[0])}", file=path)
    return XsdSchema(path, schema)


def _schema_class(path: Path):
    # vc:minVersion="1.1" on the root asks for XSD 1.1 (assertions, type alternatives).
    head = path.read_bytes()[:4096]
    return xmlschema.XMLSchema11 if re.search(rb'minVersion\s*=\s*["\']1\.1', head) else xmlschema.XMLSchema10


@dataclass(frozen=True)
class _Rule:
    id: str
    documentation: str | None


# Verdicts a compiled schema keeps, the least recently used dropped first: a corpus's, with room to spare.
VERDICTS_KEPT = 4096


class XsdSchema:
    """A compiled XML Schema and the rule (nearest id) of every element of its source files.

    A document's problems depend on its bytes alone (no location hint is followed, nothing else is
    read), so the schema keeps each verdict under the digest of the bytes it was given: a document
    checked again unchanged (by the next build of ``editio serve --watch``, which validates the whole
    edition when one file changed, or by another build in the same process) is not walked again."""

    def __init__(self, path: Path, schema: xmlschema.XMLSchemaBase) -> None:
        self.path = path
        self.schema = schema
        self.sources = [_path(own.url) for own in self._own_schemas()]
        # digest of a document's bytes → its problems as (line, column, severity, rule, message)
        self._verdicts = Recent(VERDICTS_KEPT)  # digest → problems as (line, column, severity, rule, message)
        self._rules: dict[int, _Rule] = {}  # schema element → its rule, inherited from the nearest id
        self._owned: dict[int, _Rule] = {}  # a type's derivation elements → the type's own rule
        for own in self._own_schemas():
            self._index(own.root, None, None)

    def _own_schemas(self) -> Iterator[xmlschema.XMLSchemaBase]:
        # xmlschema's built-in meta-schemas (XSD, the XML namespace) carry no rules of ours.
        for schema in self.schema.maps.iter_schemas():
            if schema.url and _XMLSCHEMA_DIR not in _path(schema.url).parents:
                yield schema

    def _index(self, elem, rule: _Rule | None, owner: _Rule | None) -> None:
        if elem.get("id"):
            documentation = elem.find(f"{{{XSD_NS}}}annotation/{{{XSD_NS}}}documentation")
            text = " ".join(documentation.text.split()) if documentation is not None and documentation.text else None
            rule = owner = _Rule(elem.get("id"), text)
        if rule is not None:
            self._rules[id(elem)] = rule
        if owner is not None:
            self._owned[id(elem)] = owner
        for child in elem:
            # xmlschema names a type by its derivation (xs:restriction, xs:union, ...): they share its id.
            self._index(child, rule, owner if _local(child.tag) in _DERIVATIONS else None)

    def check(self, document: Document, edition=None) -> list[Problem]:
        digest = hashlib.sha256(document.source).digest()
        verdict = self._verdicts.get(digest)
        if verdict is None:
            verdict = tuple((p.line, p.column, p.severity, p.rule, p.message) for p in self._check(document))
            self._verdicts.put(digest, verdict)
        return [Problem(str(document.path), *problem) for problem in verdict]

    def _check(self, document: Document) -> list[Problem]:
        declarations: dict = {}

        def remember(elem, xsd_element):
            declarations[elem] = xsd_element
            return False  # keep validating

        errors = list(self.schema.iter_errors(document.tree, validation_hook=remember, use_location_hints=False))
        empty = {error.elem for error in errors if _reason(error) == _EMPTY_REASON}
        return [self._problem(error, document, declarations) for error in errors
                if not (error.elem in empty and _reason(error) == _TEXT_BETWEEN_REASON)]

    def _problem(self, error: XMLSchemaValidatorError, document: Document, declarations: dict) -> Problem:
        elem = error.elem if error.elem is not None else document.root
        declaration = declarations.get(elem)
        reason = _reason(error)
        located = elem
        if isinstance(error, XMLSchemaChildrenValidationError) and error.invalid_child is not None:
            located = error.invalid_child
        rule, message = self._describe(error, reason, elem, declaration)
        line, column = document.position(located)
        if match := _DUPLICATE_ID.search(reason):
            message = _duplicate_message(document, elem, match[1], (line, column))
        return Problem(str(document.path), line, column, "error", rule, message)

    def _describe(self, error, reason: str, elem, declaration) -> tuple[str, str]:
        element = _local(elem.tag)
        if match := _MISSING_ATTRIBUTE.match(reason):
            attribute = _attribute_use(declaration, match[1])
            rule = self._first(self._enclosing(attribute), self._own(declaration), self._enclosing(declaration))
            return rule.id, f"<{element}> needs the attribute @{_pretty(match[1])}"
        if match := _UNKNOWN_ATTRIBUTE.match(reason):
            rule = self._first(self._enclosing(error.validator), self._enclosing(declaration))
            return rule.id, f"<{element}> does not allow the attribute @{_pretty(match[1])}"
        if match := _ATTRIBUTE_VALUE.match(reason):
            # A built-in type (xs:duration, the XML namespace's) is named by our type or declaration.
            attribute = _attribute_use(declaration, match[1])
            rule = self._first(self._enclosing(error.validator), self._own(attribute), self._enclosing(attribute),
                               self._enclosing(declaration))
            expected = rule.documentation or _after_colon(reason)
            return rule.id, f'<{element}> @{_pretty(match[1])}="{elem.get(match[1], error.obj)}" is not {expected}'
        if type(error.validator).__name__ == "XsdAssert":
            rule = self._first(self._enclosing(error.validator))
            return rule.id, rule.documentation or f"<{element}> fails the assertion {error.validator.path}"
        if isinstance(error, XMLSchemaChildrenValidationError) or reason in _CONTENT_REASONS:
            # The element's own type states its content (tei:plain, tei:phrase), else the enclosing section.
            rule = self._first(self._own(declaration), self._enclosing(error.validator), self._enclosing(declaration))
            if reason in _CONTENT_REASONS:
                return rule.id, _CONTENT_REASONS[reason].format(element=element)
            return rule.id, _children_message(error, element, rule.documentation)
        rule = self._first(self._enclosing(error.validator), self._own(declaration), self._enclosing(declaration))
        if isinstance(error.obj, str) and rule.documentation:
            return rule.id, f'<{element}> "{error.obj}" is not {rule.documentation}'
        return rule.id, f"<{element}>: {_condensed(reason)}"

    def _enclosing(self, component) -> _Rule | None:
        """The rule of a component: its id, or the nearest id around it in the schema's source."""
        return self._rules.get(id(getattr(component, "elem", None)))

    def _own(self, declaration) -> _Rule | None:
        """The rule of a declaration's type, or of the nearest type it derives from, by their own ids only.

        A derived type is so named by its base (tei:plain, tei:empty) rather than by the section that
        happens to enclose its declaration.
        """
        xsd_type = getattr(declaration, "type", None)
        while xsd_type is not None:
            rule = self._owned.get(id(getattr(xsd_type, "elem", None)))
            if rule is not None:
                return rule
            base = getattr(xsd_type, "base_type", None)
            xsd_type = base if base is not xsd_type else None
        return None

    def _first(self, *rules: _Rule | None) -> _Rule:
        return next((rule for rule in rules if rule is not None), _Rule(self.path.name, None))


_DUPLICATE_ID = re.compile(r"duplicated xs:ID value '([^']*)'")


def _duplicate_message(document: Document, elem, identifier: str, here: tuple[int, int]) -> str:
    """A duplicate xml:id named, with both places: this element and the first that holds it."""
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    first = next((e for e in document.root.iter() if isinstance(e.tag, str) and e.get(xml_id) == identifier
                  and e is not elem), None)
    there = document.position(first) if first is not None else None
    where = f"; it is first used by <{_local(first.tag)}> at line {there[0]}, column {there[1]}" if there else ""
    return (f'<{_local(elem.tag)}> @xml:id="{identifier}" is a duplicate: it is used here (line {here[0]}, '
            f"column {here[1]}){where}. Each identifier must be unique: rename one of them.")


def _path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def _reason(error: XMLSchemaValidatorError) -> str:
    return " ".join((error.reason or "").split())


def _attribute_use(declaration, name: str):
    """The schema's declaration of attribute ``name`` on an element, if it has one."""
    if declaration is None:
        return None
    try:
        return declaration.attributes.get(name)
    except AttributeError:
        return None


def _children_message(error: XMLSchemaChildrenValidationError, element: str, content: str | None) -> str:
    expected = _alternatives(error.expected_tags)
    if error.invalid_child is not None:
        message = f"<{_local(error.invalid_child.tag)}> is not allowed here in <{element}>"
    else:
        message = f"<{element}> is incomplete"
    if expected:
        return f"{message}: expected {expected}"
    return f"{message}; <{element}> holds {content}" if content else message


def _alternatives(tags: list[str]) -> str:
    names = [f"<{_local(tag)}>" for tag in dict.fromkeys(tags)]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def _local(tag: str) -> str:
    """``{ns}name`` or ``prefix:name`` as the name an editor sees in the file."""
    return re.sub(r"^\{.*\}|^\w+:", "", tag)


def _pretty(name: str) -> str:
    return name.replace(f"{{{XML_NS}}}", "xml:") if name.startswith(f"{{{XML_NS}}}") else _local(name)


def _after_colon(reason: str) -> str:
    return "valid: " + _condensed(reason.split(": ", 1)[-1])


def _condensed(reason: str) -> str:
    text = re.sub(r"\{[^}]*\}", "", reason)
    return text if len(text) <= 160 else text[:157] + "..."


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).strip().splitlines()[0].split()) if str(exc).strip() else type(exc).__name__
