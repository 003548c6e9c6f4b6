"""editio's ISO Schematron engine: ``xslt/schematron/compile.xsl`` run by saxonche.

A schema (with the files it includes) is compiled into a validation stylesheet once; the generated
stylesheet is kept by the content hash of everything it was made from (the schema files, the compiler,
the phase), and compiled by Saxon once per process. Running it on a document gives SVRL, and the node
each failure is about, whose line and column Saxon recorded while parsing (line numbering on).

Nothing is read while validating: the documents a rule may open with ``doc()``/``document()`` (and a
pattern's ``@documents``) are those the caller passes in, parsed from bytes editio has already checked
(no DTD, no entity); any other URI gives an empty result, and no URL is ever fetched.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import sys
import tempfile
from contextlib import contextmanager
import threading
import weakref
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlsplit

from lxml import etree
from saxonche import PySaxonApiError

from .documents import safe_parser
from .edition import today
from .errors import InputError
from .svrl import results as svrl_results, severity
from .transform import XSLT_DIR, processor

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
ENGINE_DIR = XSLT_DIR / "schematron"
COMPILER = ENGINE_DIR / "compile.xsl"
FROM_RNG = ENGINE_DIR / "from-rng.xsl"
EDITION_PARAMETER = "editio-documents"
TODAY_PARAMETER = "editio-today"
DOCUMENTS_PARAMETER = "{urn:editio:schematron}documents"  # Clark notation, as saxonche wants it
ENGINE_VERSION = "1"

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY|<!DOCTYPE\s+[^\s>\[]+\s+(SYSTEM|PUBLIC)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Failure:
    """One failed assert or successful report, located in the file it was found in."""

    uri: str
    line: int
    column: int
    severity: str
    rule: str
    message: str
    kind: str  # "failed-assert" or "successful-report"


@dataclass
class Run:
    """The SVRL of one run and its failures."""

    svrl: bytes
    failures: list[Failure] = field(default_factory=list)


# ---------------------------------------------------------------- sources

@dataclass(frozen=True)
class SourceText:
    """An XML text and the URI it stands for (its base URI in Saxon)."""

    uri: str
    text: str

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [match.end() for match in re.finditer("\n", self.text)]

    def offset(self, line: int, column: int) -> int:
        """The offset of a line and column (both from 1)."""
        starts = self._line_starts
        return min(starts[min(max(line, 1), len(starts)) - 1] + max(column - 1, 0), len(self.text))

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


def source_text(data: bytes, path: Path | str, encoding: str | None = None) -> SourceText:
    """Decode XML bytes for Saxon; the encoding lxml found (or the declaration) decides."""
    uri = Path(path).resolve().as_uri()
    if encoding is None:
        declared = re.match(rb'<\?xml[^>]*encoding\s*=\s*["\']([A-Za-z0-9._-]+)', data)
        encoding = declared.group(1).decode("ascii") if declared else None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    try:
        text = data.decode(encoding or "utf-8")
    except (LookupError, UnicodeDecodeError):
        text = data.decode("utf-8", errors="replace")
    # Saxon reads a string: its encoding declaration must not contradict it.
    text = re.sub(r'^(<\?xml[^>]*?)\s+encoding\s*=\s*["\'][^"\']*["\']', r"\1", text.lstrip("\ufeff"), count=1)
    return SourceText(uri, text)


def parse(source: SourceText):
    """A Saxon tree of ``source`` with line numbers, its base URI the file's."""
    builder = processor().new_document_builder()
    builder.set_line_numbering(True)
    builder.set_base_uri(source.uri)
    try:
        return builder.parse_xml(xml_text=source.text)
    except PySaxonApiError as exc:
        raise InputError(f"not well-formed XML: {_saxon_message(exc)}", file=_file_of(source.uri)) from None


# ---------------------------------------------------------------- compiling

_quiet_lock = threading.RLock()


@contextmanager
def _saxon_quiet():
    """Saxon writes its errors to the process's stderr as well as raising them; editio reports each as
    one line of its own, so that output is kept aside while Saxon compiles or runs (one thread at a
    time: the redirection is the process's)."""
    with _quiet_lock:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError):
            yield
            return
        with _redirected(saved):
            yield


@contextmanager
def _redirected(saved: int):
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


@dataclass
class CompiledSchematron:
    """A schema compiled into its validation stylesheet; ``run`` validates one document."""

    path: Path
    phase: str
    key: str
    stylesheet: str
    sources: list[Path]
    uses_documents: bool

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def declares(self, parameter: str) -> bool:
        """Whether the schema has a top-level let (a stylesheet parameter) of this name."""
        return re.search(r'<axsl:param\s[^>]*\bname="' + re.escape(parameter) + '"', self.stylesheet) is not None

    @property
    def executable(self):
        return _executable(self.key, self.stylesheet, self.path.resolve().as_uri())

    def run(self, document, documents: Iterable = (), source: SourceText | None = None,
            parameters: dict[str, str] | None = None) -> Run:
        """Validate ``document`` (a Saxon tree) with ``documents`` (Saxon trees) open to ``doc()``;
        ``parameters`` set the schema's top-level lets of those names (strings)."""
        documents = list(documents)
        with self._lock:
            executable = self.executable
            executable.clear_parameters()
            for name, value in (parameters or {}).items():
                executable.set_parameter(name, processor().make_string_value(value))
            executable.set_global_context_item(xdm_item=document)
            if documents:
                executable.set_parameter(DOCUMENTS_PARAMETER, _sequence(documents))
            try:
                with _saxon_quiet():
                    result = executable.apply_templates_returning_value(xdm_value=document)
            except PySaxonApiError as exc:
                on = f" on {_file_of(source.uri)}" if source is not None else ""
                raise InputError(f"Schematron failed{on}: {_saxon_message(exc)}", file=self.path) from None
        return _read_result(result, self, source)


def _sequence(documents: list):
    """A Saxon sequence of ``documents``, in order."""
    sequence = processor().empty_sequence()
    for document in documents:
        sequence.add_xdm_item(document)
    return sequence


_compiled: dict[str, CompiledSchematron] = {}
_compiled_lock = threading.Lock()


def compile_schematron(path: Path, phase: str = "", schema_text: bytes | None = None) -> CompiledSchematron:
    """Compile the Schematron schema at ``path`` (or ``schema_text`` standing for it), once per content."""
    path = Path(path)
    files = _schema_files(path, schema_text)
    digest = hashlib.sha256()
    for part in (ENGINE_VERSION.encode(), COMPILER.read_bytes(), phase.encode()):
        digest.update(part + b"\0")
    for file_path, data in files.items():
        digest.update(str(file_path).encode() + b"\0" + data + b"\0")
    key = digest.hexdigest()
    with _compiled_lock:
        if key not in _compiled:
            _compiled[key] = _compile(path, phase, key, files)
        return _compiled[key]


def compiled_from_stylesheet(path: Path, phase: str, key: str, stylesheet: str) -> CompiledSchematron:
    """A compiled schema rebuilt from its generated stylesheet (in a worker process: no recompiling)."""
    with _compiled_lock:
        if key not in _compiled:
            _compiled[key] = CompiledSchematron(Path(path), phase, key, stylesheet, [],
                                                _uses_documents(stylesheet))
        return _compiled[key]


def _compile(path: Path, phase: str, key: str, files: dict[Path, bytes]) -> CompiledSchematron:
    trees = {file_path: parse(source_text(_with_places(data, file_path), file_path))
             for file_path, data in files.items()}
    main = trees[path.resolve()]
    executable = _compiler()
    with _compiler_lock:
        executable.clear_parameters()
        executable.set_parameter("phase", processor().make_string_value(phase))
        executable.set_parameter("schema-documents", _sequence(list(trees.values())))
        executable.set_global_context_item(xdm_item=main)
        try:
            with _saxon_quiet():
                generated = executable.transform_to_string(xdm_node=main)
        except PySaxonApiError as exc:
            raise InputError(f"Schematron schema does not compile: {_saxon_message(exc)}", file=path) from None
    compiled = CompiledSchematron(path, phase, key, generated, [p for p in files if p != path.resolve()],
                                  _uses_documents(generated))
    try:
        compiled.executable  # compile now, so that a schema error surfaces here, with its file
    except PySaxonApiError as exc:
        file, line = _schema_place(str(exc), generated, path)
        raise InputError(f"Schematron schema does not compile: {_saxon_message(exc)}", file=file, line=line) from None
    return compiled


PLACE = "{urn:editio:schematron}at"


def _with_places(data: bytes, path: Path) -> bytes:
    """The schema with each Schematron element's file and line in e:at, which the generated stylesheet
    keeps on what it makes of it: a rule's XPath error can then be told where it stands in the schema."""
    try:
        tree = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError:
        return data
    for element in tree.iter(f"{{{SCH_NS}}}*"):
        element.set(PLACE, f"{path}:{element.sourceline}")
    return etree.tostring(tree.getroottree(), encoding="utf-8", xml_declaration=True)


def _schema_place(message: str, generated: str, path: Path) -> tuple[str, int | None]:
    """The schema file and line of the element an error in the generated stylesheet is about."""
    found = re.search(r"on line (\d+) column (\d+)", message)
    if not found:
        return str(path), None
    lines = generated.split("\n")
    line, column = int(found.group(1)), int(found.group(2))
    offset = sum(len(text) + 1 for text in lines[:line - 1]) + column
    places = re.findall(r'\bat="([^"]*):(\d+)"', generated[:offset])
    return (places[-1][0], int(places[-1][1])) if places else (str(path), None)


def _uses_documents(generated: str) -> bool:
    """Whether a rule reads other documents: a call of editio's document functions (declarations aside)."""
    return re.search(r'(?<!name=")Q\{urn:editio:schematron\}(doc|document|doc-available|subordinate|collection|'
                     r'uri-collection)\(', generated) is not None


_compiler_lock = threading.Lock()


@cache
def _compiler():
    try:
        return processor().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(COMPILER))
    except PySaxonApiError as exc:  # pragma: no cover - the compiler ships with editio
        raise InputError(f"the Schematron compiler does not compile: {_saxon_message(exc)}", file=COMPILER) from None


_executables: dict[str, object] = {}


def _executable(key: str, stylesheet: str, base_uri: str):
    executable = _executables.get(key)
    if executable is None:
        compiler = processor().new_xslt30_processor()
        with _saxon_quiet():
            executable = compiler.compile_stylesheet(stylesheet_text=stylesheet, base_uri=base_uri)
        executable.set_result_as_raw_value(True)
        _executables[key] = executable
    return executable


def _schema_files(path: Path, schema_text: bytes | None) -> dict[Path, bytes]:
    """The schema and every file it includes (sch:include, sch:extends/@href), read and checked."""
    files: dict[Path, bytes] = {}
    pending = [(path.resolve(), schema_text)]
    while pending:
        file_path, data = pending.pop()
        if file_path in files:
            continue
        if data is None:
            try:
                data = file_path.read_bytes()
            except OSError as exc:
                raise InputError(f"Schematron schema cannot be read: {exc.strerror}", file=file_path) from None
        match = _ENTITY_DECLARATION.search(data)
        if match:
            raise InputError("a DTD or entity declaration in a schema is refused", file=file_path)
        files[file_path] = data
        try:
            tree = etree.fromstring(data, safe_parser(), base_url=file_path.as_uri())
        except etree.XMLSyntaxError as exc:
            raise InputError(f"Schematron schema does not compile: not well-formed: {exc.msg}", file=file_path,
                             line=exc.position[0] if exc.position else None,
                             column=exc.position[1] if exc.position else None) from None
        stray = next((r for r in tree.iter(f"{{{SCH_NS}}}rule")
                      if r.getparent() is not None and etree.QName(r.getparent()).localname not in ("pattern", "rules")
                      and r.getparent() is not tree.getroottree().getroot().getparent()
                      and tree.tag == f"{{{SCH_NS}}}schema"), None)
        if stray is not None:
            raise InputError("invalid Schematron schema: a rule stands outside any pattern", file=file_path,
                             line=stray.sourceline)
        for element in tree.iter(f"{{{SCH_NS}}}include", f"{{{SCH_NS}}}extends"):
            href = element.get("href")
            if not href:
                continue
            target = href.split("#", 1)[0]
            if not target:
                continue
            parts = urlsplit(target)
            if parts.scheme not in ("", "file"):
                raise InputError(f"Schematron schema does not compile: its include is not a local file and is not fetched: {href}",
                                 file=file_path)
            included = (file_path.parent / unquote(parts.path)).resolve()
            if not included.is_file():
                raise InputError(f"Schematron include not found: {href}", file=file_path,
                                 line=element.sourceline)
            pending.append((included, None))
    return files


# ---------------------------------------------------------------- RELAX NG

def extract_from_rng(path: Path) -> bytes | None:
    """The Schematron embedded in a RELAX NG grammar, as a schema; None when it has none."""
    data = path.read_bytes()
    if b"http://purl.oclc.org/dsdl/schematron" not in data:
        return None
    if _ENTITY_DECLARATION.search(data):
        raise InputError("a DTD or entity declaration in a schema is refused", file=path)
    tree = parse(source_text(_with_places(data, path), path))
    try:
        extracted = _from_rng().transform_to_string(xdm_node=tree)
    except PySaxonApiError as exc:
        raise InputError(f"embedded Schematron cannot be read: {_saxon_message(exc)}", file=path) from None
    rules = etree.fromstring(extracted.encode("utf-8")).find(f".//{{{SCH_NS}}}rule")
    return extracted.encode("utf-8") if rules is not None else None


@cache
def _from_rng():
    return processor().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(FROM_RNG))


# ---------------------------------------------------------------- results

def _read_result(result, schema: CompiledSchematron, source: SourceText | None) -> Run:
    svrl = result.item_at(0).get_node_value().to_string().encode("utf-8")
    located = [result.item_at(i).get_node_value() for i in range(1, result.size)]
    failures = []
    for index, found in enumerate(svrl_results(etree.fromstring(svrl))):
        target = located[index] if index < len(located) else None
        uri = target.base_uri if target is not None else (source.uri if source else "")
        line, column = position(target, source if source and source.uri == uri else None)
        node = found.node
        message = found.message or \
            f"{'assertion failed' if found.kind == 'failed-assert' else 'report'}: {node.get('test')}"
        failures.append(Failure(uri, line, column, severity(node.get("role"), node.get("flag")),
                                node.get("id") or found.rule or found.pattern or schema.path.name, message,
                                found.kind))
    return Run(svrl, failures)


def position(node, source: SourceText | None) -> tuple[int, int]:
    """Line and column where ``node`` starts: an element's "<", an attribute's name.

    Saxon records where a start tag ends; "<" cannot occur inside a tag, so the tag starts at the last
    "<" before that point. Without the source text, Saxon's own figures are given.
    """
    if node is None:
        return 1, 1
    kind = node.node_kind_str
    element = node.get_parent() if kind in ("attribute", "text", "namespace") else node
    if kind == "document" or element is None:
        return 1, 1
    line, column = max(element.line_number, 1), max(element.column_number, 1)
    if source is None:
        return line, column
    end = source.offset(line, column)
    start = source.text.rfind("<", 0, end)
    if start < 0:
        return line, column
    if kind == "attribute":
        # Saxon names an attribute in Clark notation ({uri}local); in the tag it has some prefix.
        local = re.escape(str(node.name or "").rsplit("}", 1)[-1])
        found = re.search(r"\s((?:[^\s=:]+:)?" + local + r")\s*=", source.text[start:end])
        if found:
            return source.line_column(start + found.start(1))
    return source.line_column(start)


def _same_uri(first: str, second: str) -> bool:
    return re.sub("^file:/+", "file:///", first) == re.sub("^file:/+", "file:///", second)


def _file_of(uri: str) -> str:
    parts = urlsplit(uri)
    return unquote(parts.path) if parts.scheme == "file" else uri


def _saxon_message(exc: Exception) -> str:
    """Saxon's error without its trace through the generated stylesheet (which names no schema line)."""
    text = " ".join(str(exc).split())
    found = re.search(r"(?:e:schema|e:refused|[A-Z]{4}\d{4})\s+(.*)", text)
    message = found.group(0) if found else text
    message = re.split(r" (?:In template rule|In function|invoked by|at file:|on line \d+ of file:|During )", message)[0]
    message = re.sub(r"^e:(schema|refused)\s+", "", message)
    # "Error in {1 +} at char 4 in axsl:if/@test": the expression, named as the schema names it.
    where = re.search(r"Error in \{(.*?)\} at char \d+ in axsl:([\w-]+)/@(\w+)", text)
    if where:
        attribute = _SCHEMA_ATTRIBUTES.get((where.group(2), where.group(3)), where.group(3))
        message = f'{attribute}="{where.group(1)}": {message}'
    return message


# The attribute of the generated stylesheet, and the schema's attribute it came from.
_SCHEMA_ATTRIBUTES = {("if", "test"): "test", ("template", "match"): "context", ("value-of", "select"): "select",
                      ("variable", "select"): "value", ("param", "select"): "value", ("for-each", "select"): "visit-each"}


# ---------------------------------------------------------------- editio's validator contract

_trees: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_trees_lock = threading.Lock()


def saxon_tree(document) -> tuple[SourceText, object]:
    """The Saxon tree of an editio Document (parsed once per document and process)."""
    with _trees_lock:
        cached = _trees.get(document)
        if cached is None:
            source = source_text(document.source, document.path, document.tree.docinfo.encoding)
            cached = (source, parse(source))
            _trees[document] = cached
        return cached


class EngineSchema:
    """A Schematron schema run by editio's engine, with the validator contract of editio.validation."""

    def __init__(self, path: Path, compiled: CompiledSchematron) -> None:
        self.path = path
        self.compiled = compiled
        self.sources = compiled.sources

    def check(self, document, edition=None) -> list:
        from .problems import Problem
        source, tree = saxon_tree(document)
        others = []
        if self.compiled.uses_documents:
            others = [saxon_tree(d)[1] for d in (edition.documents if edition is not None else [document])]
        parameters = {}
        if self.compiled.declares(EDITION_PARAMETER):
            # The edition's documents by URI, for rules written to run in other processors too (editio.sch).
            parameters[EDITION_PARAMETER] = " ".join(
                Path(d.path).resolve().as_uri() for d in (edition.documents if edition is not None else [document]))
        if self.compiled.declares(TODAY_PARAMETER):
            parameters[TODAY_PARAMETER] = today()  # editio.sch: no revision is dated after today
        run = self.compiled.run(tree, others or [tree], source, parameters)
        return [Problem(str(document.path) if _same_uri(f.uri, source.uri) else self._file(f.uri, edition),
                        f.line, f.column, f.severity, f.rule, f.message) for f in run.failures]

    @staticmethod
    def _file(uri: str, edition) -> str:
        """A failure in another document (pattern/@documents): that document's path as editio names it."""
        for other in (edition.documents if edition is not None else []):
            if _same_uri(Path(other.path).resolve().as_uri(), uri):
                return str(other.path)
        return _file_of(uri)


def compile_schema(path: Path, phase: str = "") -> EngineSchema:
    """A Schematron schema (a .sch file) compiled by editio's engine."""
    return EngineSchema(Path(path), compile_schematron(Path(path), phase))
