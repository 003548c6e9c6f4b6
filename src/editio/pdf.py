"""The print edition builder: one tagged PDF per document, ``<doc-id>.pdf``.

xslt/print.xsl turns a document into print HTML; WeasyPrint typesets it with xslt/print/print.css
and the EB Garamond faces of the ``fontpkg-eb-garamond`` package, embedded in the PDF.

Typesetting is the slowest part of a build (importing WeasyPrint alone takes half a second), so
it runs beside the rest of the build: ``prepare`` (which the build calls before validation) starts
a typesetter process, which imports WeasyPrint and loads the faces, and hands it the print HTML of
every document at once; while it typesets, this process validates and renders the other formats.
``render_document`` then only collects the PDF. The build's ``finish`` stops the typesetter,
whatever happened (so does ``render_edition``, for a caller outside a build); being a daemon, it
never outlives this process.
"""

from __future__ import annotations

import gc
import itertools
import json
import logging
import multiprocessing
import queue
import re
import signal
import sys
import tempfile
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from hashlib import sha256
from pathlib import Path
from xml.etree import ElementTree

import fontpkg_eb_garamond

from . import fonts
from .build import Builder, BuildOptions, Output
from .edition import Edition
from .errors import BuildError, EditioError
from .transform import XSLT_DIR, Result, stylesheet

STYLESHEET = "print.xsl"
PRINT_DIR = XSLT_DIR / "print"
PRINT_CSS = PRINT_DIR / "print.css"

# config.pdf.page_size → the stylesheet with that page's size, margins and type size.
PAGE_CSS = {"A5": PRINT_DIR / "page-a5.css", "A4": PRINT_DIR / "page-a4.css"}

# config.pdf.variant → WeasyPrint's pdf_variant (None: an untagged PDF 1.7).
PDF_VARIANTS = {"pdf/ua-1": "pdf/ua-1", "pdf/a-3b": "pdf/a-3b", "none": None}

# The faces print.css uses: (style, weight) → the variable font file of the package that has it.
FONT_FAMILY = "EB Garamond"
FONT_DIR = fontpkg_eb_garamond.ROOT / "files"
FACES = {
    ("normal", 400): "EBGaramond[wght].ttf",
    ("normal", 600): "EBGaramond[wght].ttf",
    ("italic", 400): "EBGaramond-Italic[wght].ttf",
}

# How the typesetter process starts: "fork" is there at once, with this process's modules already
# imported; "spawn" pays for a fresh interpreter (benchmarks/build_pdf.py measures both).
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
# How long a PDF may take before the build gives up on the typesetter.
TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class Job:
    """One PDF to make: plain data, so that it crosses the process boundary."""

    key: str
    html: str
    base_url: str
    page_size: str
    variant: str | None
    identifier: bytes


@dataclass
class Typeset:
    pdf: bytes
    messages: list[str] = field(default_factory=list)


class Typesetter:
    """A WeasyPrint process: started at once, fed jobs in any number, answered in order."""

    def __init__(self, start_method: str = START_METHOD) -> None:
        context = multiprocessing.get_context(start_method)
        # Jobs and results travel as files and the queues carry only their names, short enough to be
        # written to a pipe at once: a put never waits for the other side, and no message is ever
        # left half-written in a pipe when the typesetter dies or is stopped.
        self._folder = tempfile.TemporaryDirectory(prefix="editio-print-")
        self._jobs, self._results = context.Queue(), context.Queue()
        self._received: dict[str, tuple] = {}
        self._pending = 0
        self._numbers = itertools.count()
        self.process = context.Process(target=_serve, args=(self._jobs, self._results),
                                       name="editio-typesetter", daemon=True)
        self.process.start()

    def submit(self, job: Job) -> None:
        path = Path(self._folder.name) / f"{next(self._numbers)}.html"
        path.write_text(job.html, encoding="utf-8")
        self._jobs.put((str(path), replace(job, html="")))
        self._pending += 1

    def result(self, key: str) -> Typeset:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while key not in self._received:
            try:
                answered, path = self._results.get(timeout=1)
            except queue.Empty:
                if not self.process.is_alive():
                    raise BuildError(f"the PDF typesetter stopped (exit code {self.process.exitcode})") from None
                if time.monotonic() > deadline:
                    raise BuildError(f"the PDF typesetter took more than {TIMEOUT_SECONDS} s") from None
                continue
            self._received[answered] = Path(path)
            self._pending -= 1
        path = self._received.pop(key)
        answer = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if answer["error"]:
            raise BuildError(f"WeasyPrint could not typeset {key}: {answer['error']}")
        return Typeset(path.with_suffix(".pdf").read_bytes(), answer["messages"])

    def close(self) -> None:
        """Stop the process and wait for it; safe to call more than once. Work still queued (a
        build that failed elsewhere) is abandoned rather than waited for."""
        if self.process.is_alive():
            if self._pending:
                self.process.terminate()
            else:
                self._jobs.put(None)
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
        for channel in (self._jobs, self._results):
            channel.close()
            channel.join_thread()
        self._folder.cleanup()


@dataclass
class _Run:
    """The PDF work of one build: its typesetter, and what could not be sent to it."""

    typesetter: Typesetter
    failures: dict[str, EditioError] = field(default_factory=dict)
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)


# The run of each build in progress, by edition: the build is the only holder of its edition.
_runs: weakref.WeakKeyDictionary[Edition, _Run] = weakref.WeakKeyDictionary()


def prepare(edition: Edition, options: BuildOptions) -> None:
    """Start the typesetter and give it every document's print HTML.

    A document whose HTML fails is remembered, not raised: validation comes first and says why.
    """
    run = _Run(Typesetter())
    _runs[edition] = run
    for document in edition.texts:
        try:
            html = render_print_html(edition, document, options.reading)
        except EditioError as error:
            run.failures[document.id] = error
            continue
        # The messages come from the web templates print.xsl reuses, which name their output "html".
        run.notes[document.id] = tuple(re.sub(r"^html: ", "pdf: ", message) for message in html.messages)
        run.typesetter.submit(_job(edition, document, html))


def render_print_html(edition: Edition, document, reading: str = "corrected") -> Result:
    """The print HTML of ``document``, which WeasyPrint typesets."""
    return stylesheet(STYLESHEET).apply(edition.saxon_document(document), edition.saxon_index,
                                        document_id=document.id, reading=reading)


def _job(edition: Edition, document, html: Result) -> Job:
    return Job(
        key=document.id,
        html=html.content.decode("utf-8"),
        base_url=document.path.resolve().parent.as_uri() + "/",
        page_size=edition.config.pdf.page_size,
        variant=PDF_VARIANTS[edition.config.pdf.variant],
        # The first half of a PDF's /ID names the document for good; pydyf hashes the content for the second.
        identifier=sha256(f"{edition.config.edition.base_url}{document.id}.pdf".encode()).hexdigest()[:32].encode(),
    )


def render_document(edition: Edition, document, options: BuildOptions) -> Iterator[Output]:
    if edition not in _runs:  # called outside a build: prepare now
        prepare(edition, options)
    run = _runs[edition]
    try:
        if document.id in run.failures:
            raise run.failures[document.id]
        typeset = run.typesetter.result(document.id)
    except BaseException:
        _stop(edition)
        raise
    notes = (*run.notes.get(document.id, ()), *(f"pdf: {document.id}: {message}" for message in typeset.messages))
    yield Output(f"{document.id}.pdf", typeset.pdf, tuple(dict.fromkeys(notes)))


def render_edition(edition: Edition, options: BuildOptions) -> Iterator[Output]:
    """Nothing edition-wide to write: the typesetter's work is done."""
    _stop(edition)
    return iter(())


def _stop(edition: Edition) -> None:
    run = _runs.pop(edition, None)
    if run is not None:
        run.typesetter.close()


BUILDER = Builder("pdf", "pdf", engines=("weasyprint", "pydyf", "fontpkg-eb-garamond"), prepare=prepare,
                  finish=lambda edition, options: _stop(edition), render_document=render_document,
                  render_edition=render_edition, in_site=True)


# The typesetter process ---------------------------------------------------------------------------

def font_face_css(folder: Path) -> str:
    """``@font-face`` rules for FACES: static instances written to ``folder`` where HarfBuzz can
    make them, else the package's variable fonts (which WeasyPrint instances itself, slowly)."""
    rules = []
    for (style, weight), name in FACES.items():
        static = fonts.instantiate(FONT_DIR / name, {"wght": weight})
        source = FONT_DIR / name
        if static is not None:
            source = folder / f"{Path(name).stem.replace('[wght]', '')}-{weight}.ttf"
            source.write_bytes(static)
        rules.append(f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{source.as_uri()}"); '
                     f"font-style: {style}; font-weight: {weight}; }}")
    return "\n".join(rules)


def _serve(jobs, results) -> None:
    """Load WeasyPrint and the faces, then typeset jobs until told to stop (None or SIGTERM)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that the clean-up below still runs
    # A forked typesetter holds a copy of the build's objects, Saxon's among them: the collector
    # must never finalise those here (Saxon's threads stayed in the build's process).
    gc.freeze()
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    messages: list[str] = []
    logger = logging.getLogger("weasyprint")
    logger.addHandler(_ListHandler(messages))
    logger.setLevel(logging.WARNING)

    font_config = FontConfiguration()
    # WeasyPrint copies each face into its own folder when it reads the @font-face rule.
    with tempfile.TemporaryDirectory(prefix="editio-faces-") as folder:
        faces = weasyprint.CSS(string=font_face_css(Path(folder)), font_config=font_config)
    shared = [faces, weasyprint.CSS(filename=str(PRINT_CSS), font_config=font_config)]
    pages = {size: weasyprint.CSS(filename=str(path), font_config=font_config) for size, path in PAGE_CSS.items()}

    try:
        _typeset_jobs(jobs, results, messages, font_config, shared, pages)
    finally:
        # The process ends with os._exit, which runs no finaliser: let go of the font configuration
        # now, so that it removes its folder of faces.
        del font_config, faces, shared, pages
        gc.collect()


def _typeset_jobs(jobs, results, messages: list[str], font_config, shared: list, pages: dict) -> None:
    import weasyprint

    while (message := jobs.get()) is not None:
        path, job = Path(message[0]), message[1]
        messages.clear()
        error = None
        try:
            weasyprint.HTML(string=path.read_text(encoding="utf-8"), base_url=job.base_url).write_pdf(
                path.with_suffix(".pdf"), stylesheets=[*shared, pages[job.page_size]], font_config=font_config,
                pdf_variant=job.variant, pdf_identifier=job.identifier, finisher=_complete_xmp)
        except Exception as exc:  # noqa: BLE001 - any failure is the build's to report; the next job goes on
            error = f"{type(exc).__name__}: {exc}"
        answer = {"error": error, "messages": list(dict.fromkeys(messages))}
        path.with_suffix(".json").write_text(json.dumps(answer), encoding="utf-8")
        results.put((job.key, str(path)))


class _ListHandler(logging.Handler):
    """WeasyPrint's warnings (unknown CSS, missing anchors, missing glyphs) as build notes."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_XMP = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/"}


def _complete_xmp(document, pdf) -> None:
    """Add what WeasyPrint's XMP leaves out: the language (dc:language) and the keywords as
    subjects (dc:subject), so that the XMP says what the info dictionary and /Lang say."""
    metadata = document.metadata
    bags = {"language": [metadata.lang] if metadata.lang else [], "subject": list(metadata.keywords)}
    if not any(bags.values()):
        return
    rdf, dc = (f"{{{_XMP[prefix]}}}" for prefix in ("rdf", "dc"))
    description = ElementTree.Element(f"{rdf}Description", {f"{rdf}about": ""})
    for name, values in bags.items():
        if values:
            bag = ElementTree.SubElement(ElementTree.SubElement(description, f"{dc}{name}"), f"{rdf}Bag")
            for value in values:
                ElementTree.SubElement(bag, f"{rdf}li").text = value
    fragment = ElementTree.tostring(description, encoding="utf-8")
    for obj in pdf.objects:
        if getattr(obj, "extra", {}).get("Type") == "/Metadata":
            content = b"".join(obj.stream)
            obj.stream = [content.replace(b"</rdf:RDF>", fragment + b"</rdf:RDF>", 1)]
