"""The ``editio`` command: a thin layer over the library, one short function per command."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import EditioError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def reports_errors(command):
    """Turn an :class:`EditioError` into its one-line message and exit status 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except EditioError as exc:
            click.echo(str(exc), err=True)
            sys.exit(EXIT_USAGE)
        except BrokenPipeError:
            # The reader went away (`editio metadata … | head`): not an error of ours, and nothing
            # more can be said on that pipe; keep Python from complaining when it flushes at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_INVALID)
        except OSError as exc:
            location = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"{location}error: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_USAGE)

    return wrapper


def standard_output():
    """The binary standard output, or an error when it was closed (``editio metadata … >&-``)."""
    if sys.stdout is None:
        raise EditioError("standard output is closed: redirect it to a file instead")
    return sys.stdout.buffer


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="editio")
def main() -> None:
    """Validate, publish and serve TEI P5 editions."""


class _ReportCommand(click.Command):
    """A command whose --format json/sarif output is one document even for a usage error."""

    def make_context(self, info_name, args, parent=None, **extra):
        given = list(args)  # the parser consumes the list
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.exceptions.Exit:
            raise
        except click.UsageError as exc:
            output_format = _requested_format(given)
            if output_format == "text":
                raise
            _emit_failure(output_format, exc.format_message())
            sys.exit(EXIT_USAGE)


def _requested_format(args: list[str]) -> str:
    for index, arg in enumerate(args):
        if arg.startswith("--format="):
            return arg.split("=", 1)[1] if arg.split("=", 1)[1] in ("json", "sarif") else "text"
        if arg == "--format" and index + 1 < len(args) and args[index + 1] in ("json", "sarif"):
            return args[index + 1]
    return "text"


def _emit_failure(output_format: str, message: str) -> None:
    """A usage error or unreadable path as one JSON/SARIF document on stdout (and the line on stderr)."""
    from .validation import ValidationReport
    report = ValidationReport()
    if output_format == "sarif":
        from .sarif import report_to_sarif
        document = report_to_sarif(report, error=message)
    else:
        document = {**report.to_json(), "valid": False, "error": message}
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    click.echo(message, err=True)


@main.command(cls=_ReportCommand)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--schema", "schemas", multiple=True, type=click.Path(path_type=Path),
              help="Also validate against this schema (.xsd, .rng or .sch); repeatable.")
@click.option("--rng", "rngs", multiple=True, type=click.Path(path_type=Path),
              help="Also validate against this RELAX NG schema and the Schematron it embeds, e.g. tei_all.rng; "
                   "repeatable.")
@click.option("--phase", default="", help="The Schematron phase to run (default: the schema's defaultPhase, "
                                          "else all patterns).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True, help="Report as lines for people, JSON for tools, or SARIF 2.1.0 for code scanning.")
@click.option("--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Validate a corpus in this many processes, each document on its own (no edition-wide rules).")
def validate(paths, schemas, rngs, phase, output_format, jobs) -> None:
    """Check PATHs (files or folders; default: the edition's sources) for well-formedness, the
    schemas each document declares (xml-model), and any schema given. A malformed file is one problem
    among the others; exit 1 when any document is invalid, 2 for a usage error or an unreadable path."""
    from .validation import validate_paths
    try:
        if jobs > 1:
            from .parallel_validation import validate_corpus
            from .config import load_config
            report = validate_corpus(paths or [load_config(None).sources_dir], [*schemas, *rngs], phase=phase,
                                     workers=jobs)
        else:
            report = validate_paths(paths or None, extra_schemas=[*schemas, *rngs], phase=phase)
    except EditioError as exc:
        if output_format == "text":
            click.echo(str(exc), err=True)
        else:
            _emit_failure(output_format, str(exc))
        sys.exit(EXIT_USAGE)
    except OSError as exc:
        message = f"{exc.filename or ''}: error: {exc.strerror or exc}"
        if output_format == "text":
            click.echo(message, err=True)
        else:
            _emit_failure(output_format, message)
        sys.exit(EXIT_USAGE)
    if output_format == "json":
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    elif output_format == "sarif":
        from .sarif import report_to_sarif
        click.echo(json.dumps(report_to_sarif(report), indent=2, ensure_ascii=False))
    else:
        for problem in report.problems:
            click.echo(str(problem))
        click.echo(report.summary(), err=not report.ok)
    sys.exit(EXIT_OK if report.ok else EXIT_INVALID)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: the edition's build/).")
@click.option("--only", help="Comma-separated outputs to build: html, text, pdf, metadata, search "
              "(the search index needs html).")
@click.option("--no-validate", is_flag=True, help="Build even if the edition does not validate.")
@click.option("--reading", type=click.Choice(["corrected", "diplomatic"]), default="corrected",
              show_default=True,
              help="Reading the plain text and the PDF give (the web edition has both, with a switch).")
@click.option("--fresh", is_flag=True, help="Rebuild everything, ignoring the build cache (build/.cache).")
@click.option("--force", is_flag=True,
              help="Build into an existing folder that editio did not make (its html/, text/, pdf/ and "
                   "metadata/ are replaced).")
@click.option("--keep-going", is_flag=True,
              help="Build the readable sources when some cannot be read (each is named; the exit status is 1).")
@click.option("--jobs", "-j", type=click.IntRange(1, None),
              help="Worker processes for the documents (default: one per core; 1 builds in this process).")
@click.option("--verbose", "-v", is_flag=True, help="Print every note, not one summary line per kind, and the time of each stage.")
@reports_errors
def build(paths, out, only, no_validate, reading, fresh, force, keep_going, jobs, verbose) -> None:
    """Build the web edition, plain text, PDF and metadata from PATHs into build/."""
    from .build import BuildOptions, ValidationFailed, build_edition
    selected = [name.strip() for name in only.split(",") if name.strip()] if only else None
    with _progress_bar("Building") as progress:
        try:
            report = build_edition(paths or None, out=out, only=selected, validate=not no_validate,
                                   options=BuildOptions(reading=reading), progress=progress, fresh=fresh,
                                   force=force, keep_going=keep_going, jobs=jobs)
        except ValidationFailed as failure:
            progress.finish()
            for problem in failure.report.problems:
                click.echo(str(problem), err=True)
            click.echo(str(failure), err=True)
            sys.exit(EXIT_INVALID)
    for note in report.notes if verbose else report.summary_notes:
        click.echo(f"note: {note}", err=True)
    for error in report.skipped:
        click.echo(error, err=True)
    click.echo(report.summary())
    if verbose and report.stages:
        click.echo("stages: " + ", ".join(f"{name} {seconds:.2f} s" if isinstance(seconds, float) else f"{name} {seconds}"
                                          for name, seconds in report.stages.items()))
    if report.skipped:
        click.echo(f"error: {len(report.skipped)} source{'s' * (len(report.skipped) != 1)} could not be used "
                   "and {} left out".format("were" if len(report.skipped) != 1 else "was"), err=True)
        sys.exit(EXIT_INVALID)


class _progress_bar:
    """A progress bar on a terminal; silent when stderr is a file or a pipe (CI logs, scripts)."""

    def __init__(self, label: str) -> None:
        self.bar = click.progressbar(length=1, label=label, file=sys.stderr, show_eta=False) \
            if sys.stderr.isatty() else None

    def __enter__(self):
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.length = total
            self.bar.update(done - self.bar.pos)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc_info)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "record_format", required=True, help="oai_dc, mods, tei, cmif, jsonld, bibtex, ris or csl-json.")
@reports_errors
def metadata(file, record_format) -> None:
    """Print FILE's metadata record in a library format."""
    from .metadata import render_record_for_path
    record = render_record_for_path(file, record_format)
    output = standard_output()
    output.write(record)
    output.flush()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--build", "build_dir", type=click.Path(path_type=Path),
              help="The built edition to serve (default: the edition's build/).")
@click.option("--watch", is_flag=True,
              help="Live preview: rebuild on every change to the sources, stylesheets, schemas or settings; "
                   "open pages reload themselves or show what stopped the rebuild.")
@reports_errors
def serve(host, port, build_dir, watch) -> None:
    """Serve the built web edition and its OAI-PMH endpoint (/oai) with waitress."""
    from .server import serve as run_server
    run_server(host=host, port=port, build_dir=build_dir, watch=watch)
