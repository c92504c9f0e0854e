"""Provides the log file: standard logging to a small rotating file, never to the terminal.

What goes in the log: starts, stops, decisions and failures with ids. Never
names, addresses, phone numbers or note text.
"""

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from anken_tui.paths import make_private_dir

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_LOG_BYTES = 512 * 1024
BACKUP_COUNT = 3
LOG_FILE_MODE = 0o600

# Marks the handler installed here, so a second start replaces it instead of adding another.
_HANDLER_NAME = "anken-tui-file"

# The root logger's level before start_logging, which stop_logging puts back.
_level_before_start: int | None = None


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files, the first one and each after a rollover, get mode 0600."""

    def _open(self):
        # FileHandler opens every file through this method, so each new file after a rollover is 0600 too.
        return open(
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=_private_opener,
        )


def _private_opener(path: str, flags: int) -> int:
    descriptor = os.open(path, flags, LOG_FILE_MODE)
    # A file made by an older version or by hand keeps its mode on open; tighten it.
    os.fchmod(descriptor, LOG_FILE_MODE)
    return descriptor


def start_logging(path: Path, level: int = logging.INFO) -> logging.Handler:
    """Send the records of every logger at `level` and above to the file at `path`.

    The folder is created with mode 0700 and the file with 0600. Python warnings
    are logged too, because printed to the terminal they would break the screen.

    Raises:
        OSError: the folder or the file cannot be created.
    """
    make_private_dir(path.parent)
    handler = PrivateRotatingFileHandler(path, maxBytes=MAX_LOG_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))

    global _level_before_start
    root = logging.getLogger()
    stop_logging()
    _level_before_start = root.level
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)

    # Peewee logs each query with its parameters at DEBUG, and parameters carry customer data.
    logging.getLogger("peewee").setLevel(max(level, logging.INFO))
    return handler


def stop_logging() -> None:
    """Close and remove the handler that start_logging installed, if there is one, and restore the level."""
    global _level_before_start
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    if _level_before_start is not None:
        root.setLevel(_level_before_start)
        _level_before_start = None
    logging.captureWarnings(False)


def silence_logging() -> None:
    """Drop every record when no log file can be written, instead of printing warnings to the terminal."""
    stop_logging()
    root = logging.getLogger()
    handler = logging.NullHandler()
    handler.set_name(_HANDLER_NAME)
    root.addHandler(handler)
    logging.captureWarnings(True)
    logging.captureWarnings(True)
