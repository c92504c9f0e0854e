"""Provides the demo data: `fill_demo` for `anken-tui --demo`, and `make_bulk_cases` for benchmarks."""

from anken_tui.demo.bulk import make_bulk_cases
from anken_tui.demo.fill import fill_demo, is_empty

__all__ = ["fill_demo", "is_empty", "make_bulk_cases"]
