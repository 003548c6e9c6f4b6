"""XSLT 3.0 through saxonche: one processor per process, each stylesheet compiled once."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmNode

from .errors import BuildError

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """A folder shipped with editio (``xslt``, ``schema``): inside an installed wheel, or the checkout."""
    installed = _PACKAGE_DIR / "_data" / name
    return installed if installed.is_dir() else _PACKAGE_DIR.parent.parent / name


XSLT_DIR = data_dir("xslt")


@cache
def processor() -> PySaxonProcessor:
    return PySaxonProcessor(license=False)


def parse_xml(xml: bytes | str) -> PyXdmNode:
    """A Saxon tree from XML that editio has already loaded safely (no DTD, no entities)."""
    text = xml.decode("utf-8") if isinstance(xml, bytes) else xml
    try:
        return processor().parse_xml(xml_text=text)
    except PySaxonApiError as exc:
        raise BuildError(f"Saxon could not read the edition: {_first_line(exc)}") from None


def select(context: PyXdmNode, xpath: str, **variables: str):
    """Evaluate ``xpath`` (prefixes ``tei`` and ``ed`` bound) against ``context``; None when empty."""
    xpath_processor = processor().new_xpath_processor()
    xpath_processor.declare_namespace("tei", "http://www.tei-c.org/ns/1.0")
    xpath_processor.declare_namespace("ed", "urn:editio")
    for name, value in variables.items():
        xpath_processor.set_parameter(name, processor().make_string_value(value))
    xpath_processor.set_context(xdm_item=context)
    return xpath_processor.evaluate_single(xpath)


@dataclass
class Result:
    """What a transformation produced, and the ``xsl:message`` notes it left (e.g. unknown elements)."""

    content: bytes
    messages: list[str] = field(default_factory=list)


class Stylesheet:
    """A compiled stylesheet; runs are serialised because a Saxon executable holds its parameters."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            compiler = processor().new_xslt30_processor()
            self._executable = compiler.compile_stylesheet(stylesheet_file=str(path))
        except PySaxonApiError as exc:
            raise BuildError(f"stylesheet does not compile: {_first_line(exc)}", file=path) from None
        self._executable.set_save_xsl_message(True, None)

    def apply(self, node, edition: PyXdmNode, **parameters) -> Result:
        """Apply templates to ``node`` with ``edition`` as the global context item."""
        return self._run(lambda ex: ex.apply_templates_returning_string(xdm_value=node), edition, parameters)

    def call(self, template: str, edition: PyXdmNode, **parameters) -> Result:
        """Call the named ``template`` with ``edition`` as the global context item."""
        return self._run(lambda ex: ex.call_template_returning_string(template), edition, parameters)

    def call_values(self, template: str, edition: PyXdmNode, **parameters) -> tuple[list[str], list[str]]:
        """Call the named ``template`` for the strings it returns (not serialised as one document),
        and its messages."""
        def strings(executable):
            executable.set_result_as_raw_value(True)
            try:
                value = executable.call_template_returning_value(template)
            finally:
                executable.set_result_as_raw_value(False)
            return [] if value is None else [value.item_at(i).string_value for i in range(value.size)]
        found: list = []
        result = self._run(lambda ex: found.extend(strings(ex)) or "", edition, parameters)
        return found, result.messages

    def _run(self, run, edition: PyXdmNode, parameters: dict) -> Result:
        with self._lock:
            executable = self._executable
            executable.clear_parameters()
            executable.clear_xsl_messages()
            executable.set_global_context_item(xdm_item=edition)
            for name, value in parameters.items():
                executable.set_parameter(name.replace("_", "-"), _xdm(value))
            try:
                output = run(executable)
            except PySaxonApiError as exc:
                raise BuildError(f"transformation failed: {_first_line(exc)}", file=self.path) from None
            messages = executable.get_xsl_messages()
            notes = [str(messages.item_at(i)) for i in range(messages.size)] if messages is not None else []
        return Result((output or "").encode("utf-8"), notes)


@cache
def stylesheet(name: str) -> Stylesheet:
    """The compiled stylesheet ``xslt/<name>``; compiled on first use, once per process."""
    path = XSLT_DIR / name
    if not path.is_file():
        raise BuildError("no such stylesheet", file=path)
    return Stylesheet(path)


def _xdm(value):
    if isinstance(value, bool):
        return processor().make_boolean_value(value)
    if isinstance(value, int):
        return processor().make_integer_value(value)
    if isinstance(value, str):
        return processor().make_string_value(value)
    return value


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
