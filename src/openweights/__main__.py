"""``python -m openweights ...``: see :mod:`openweights.cli`."""

import sys

from openweights.cli import main

if __name__ == "__main__":
    sys.exit(main())
