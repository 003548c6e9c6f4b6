"""The builders: one plug-in per output format, behind one contract (``base.py``), in one registry.

A builder module imports the contract and the libraries it needs, never the build that runs it
(``editio.build``). Builders are imported on demand, so that a text-only build never loads Typst.
Adding an output is one class and one row of :data:`BUILDERS` (or :func:`register`).
"""

from __future__ import annotations

from contextlib import contextmanager
from importlib import import_module
from typing import Callable, Iterator

from ..edition import Edition
from ..errors import EditioError
from .base import READINGS, Builder, BuildOptions, Output, Placed, Run

# name → "module:class" (imported when first used) or a callable that makes the builder.
BUILDERS: dict[str, str | Callable[[], Builder]] = {
    "html": "editio.builders.site:SiteBuilder",
    "text": "editio.builders.plaintext:TextBuilder",
    "pdf": "editio.builders.pdf:PdfBuilder",
    "metadata": "editio.builders.metadata:MetadataBuilder",
    "search": "editio.builders.search:SearchBuilder",
}


def register(name: str, factory: str | Callable[[], Builder]) -> None:
    """Add (or replace) the builder called ``name``: a "module:class" name or a callable."""
    BUILDERS[name] = factory


def create(name: str) -> Builder:
    """A new builder called ``name``, for one run."""
    factory = BUILDERS.get(name)
    if factory is None:
        raise EditioError(f"unknown output '{name}' (choose from {', '.join(BUILDERS)})")
    if isinstance(factory, str):
        module, _, attribute = factory.partition(":")
        factory = getattr(import_module(module), attribute)
    return factory()


def in_order(made: dict[str, Builder]) -> list[str]:
    """The names of ``made`` with each builder after those it ``needs``, which must be among them."""
    for name, builder in made.items():
        missing = [need for need in builder.needs if need not in made]
        if missing:
            raise EditioError(f"the output '{name}' is made from the output '{missing[0]}': "
                              f"build both (--only {','.join([*missing, name])})")
    ordered: list[str] = []

    def place(name: str) -> None:
        if name not in ordered:
            for need in made[name].needs:
                place(need)
            ordered.append(name)
    for name in made:
        place(name)
    return ordered


@contextmanager
def run_of(edition: Edition, options: BuildOptions = BuildOptions()) -> Iterator[Run]:
    """A run outside a build (tests, benchmarks): builders are prepared on first use and finished on exit."""
    run = Run(edition, options, create)
    try:
        yield run
    finally:
        run.finish()


__all__ = ["BUILDERS", "READINGS", "Builder", "BuildOptions", "Output", "Placed", "Run", "create", "in_order", "register",
           "run_of"]
