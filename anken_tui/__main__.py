"""Runs the anken-tui command with `python -m anken_tui`."""

import sys

from anken_tui.cli import main

if __name__ == "__main__":
    sys.exit(main())
