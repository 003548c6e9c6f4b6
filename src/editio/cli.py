"""The ``editio`` command: a thin layer over the library, one short function per command."""

from __future__ import annotations

import functools
import json
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
        except OSError as exc:
            click.echo(f"{exc.filename or ''}: error: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_USAGE)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="editio")
def main() -> None:
    """Validate, publish and serve TEI P5 editions."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--schema", "schemas", multiple=True, type=click.Path(path_type=Path),
              help="Also validate against this schema (.xsd, .rng or .sch); repeatable.")
@click.option("--rng", "rngs", multiple=True, type=click.Path(path_type=Path),
              help="Also validate against this RELAX NG schema, e.g. tei_all.rng; repeatable.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report as lines for people or JSON for tools.")
@reports_errors
def validate(paths, schemas, rngs, output_format) -> None:
    """Check PATHs (files or folders; default: the edition's sources) for well-formedness, the
    schemas each document declares (xml-model), and any schema given."""
    from .validation import validate_paths
    report = validate_paths(paths or None, extra_schemas=[*schemas, *rngs])
    if output_format == "json":
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        for problem in report.problems:
            click.echo(str(problem))
        click.echo(report.summary(), err=not report.ok)
    sys.exit(EXIT_OK if report.ok else EXIT_INVALID)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: the edition's build/).")
@click.option("--only", help="Comma-separated outputs to build: html, text, pdf, metadata.")
@click.option("--no-validate", is_flag=True, help="Build even if the edition does not validate.")
@click.option("--reading", type=click.Choice(["corrected", "diplomatic"]), default="corrected",
              show_default=True, help="Reading of the plain-text output.")
@click.option("--fresh", is_flag=True, help="Rebuild everything, ignoring the build cache (build/.cache).")
@reports_errors
def build(paths, out, only, no_validate, reading, fresh) -> None:
    """Build the web edition, plain text, PDF and metadata from PATHs into build/."""
    from .build import BuildOptions, ValidationFailed, build_edition
    selected = [name.strip() for name in only.split(",") if name.strip()] if only else None
    with _progress_bar("Building") as progress:
        try:
            report = build_edition(paths or None, out=out, only=selected, validate=not no_validate,
                                   options=BuildOptions(reading=reading), progress=progress, fresh=fresh)
        except ValidationFailed as failure:
            progress.finish()
            for problem in failure.report.problems:
                click.echo(str(problem), err=True)
            click.echo(str(failure), err=True)
            sys.exit(EXIT_INVALID)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(report.summary())


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
    sys.stdout.buffer.write(render_record_for_path(file, record_format))


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
