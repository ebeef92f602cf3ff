"""``python -m regparse``: the ``regparse`` command (see :mod:`regparse.cli`)."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
