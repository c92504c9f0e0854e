"""anken-tui: a keyboard-driven case board (案件管理) for welfare equipment businesses."""

__version__ = "0.1.0"
