"""``python -m editio``: the command, without relying on the ``editio`` script being on ``PATH``."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="editio")
