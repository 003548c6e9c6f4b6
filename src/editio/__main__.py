"""``python -m editio``: the command, without relying on the ``editio`` script being on ``PATH``."""

from .cli import main

main(prog_name="editio")
