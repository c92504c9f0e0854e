"""Provides a file that keeps the national holidays between starts of the app.

jpholiday needs about 30 ms to list the holidays of one year, which is a fifth
of the app's start. The file keeps the lists of last year, this year and next
year, tagged with the files of the jpholiday that made them, so a new version
of jpholiday (a new holiday law) makes a new list. A missing, broken or
outdated file is made again. The file contains no personal data.
"""

import hashlib
import json
import logging
import os
from contextlib import suppress
from datetime import date
from importlib.util import find_spec
from pathlib import Path

from anken_tui.domain.calendar import national_holidays, remember_national_holidays
from anken_tui.paths import make_private_dir

log = logging.getLogger(__name__)

# The years kept in the file, counted from this year: a case rarely waits longer in a stage.
YEARS_AROUND_TODAY = (-1, 0, 1)


def load_holiday_cache(path: Path, today: date) -> None:
    """Read the holidays around `today` from the file at `path`, and write the file again if any year was missing.

    Problems with the file are logged and never stop the app: the holidays are
    then taken from jpholiday, as without the file.
    """
    source = _source()
    years = [today.year + offset for offset in YEARS_AROUND_TODAY]
    cached = _read(path, source)

    missing = False
    for year in years:
        days = cached.get(year)
        if days is None:
            missing = True
        else:
            remember_national_holidays(year, days)
    if not missing:
        return

    lists = {str(year): sorted(day.isoformat() for day in national_holidays(year)) for year in years}
    _write(path, {"source": source, "years": lists})


def _source() -> str:
    """Return a tag of the installed jpholiday that changes whenever any of its files does.

    Reading the package's version through importlib.metadata would cost 10 ms
    at start, a third of what the file saves. The names, sizes and times of its
    files cost a fraction of a millisecond, and they change with every reinstall.
    """
    spec = find_spec("jpholiday")
    if spec is None or spec.origin is None:
        return "jpholiday"
    digest = hashlib.sha256()
    for file in sorted(Path(spec.origin).parent.rglob("*.py")):
        status = file.stat()
        digest.update(f"{file.name} {status.st_size} {status.st_mtime_ns}\n".encode())
    return f"jpholiday {digest.hexdigest()[:16]}"


def _read(path: Path, source: str) -> dict[int, frozenset[date]]:
    """Return the years the file at `path` keeps for `source`, or nothing when it is missing, broken or outdated."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("holiday cache unreadable, made again: %s", type(error).__name__)
        return {}

    if not isinstance(document, dict) or document.get("source") != source:
        return {}
    try:
        return {
            int(year): frozenset(date.fromisoformat(day) for day in days)
            for year, days in document["years"].items()
        }
    except (KeyError, TypeError, ValueError, AttributeError):
        log.warning("holiday cache malformed, made again")
        return {}


def _write(path: Path, document: dict) -> None:
    """Replace the file at `path` in one step, readable by the owner only; a failure is only logged."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        make_private_dir(path.parent)
        descriptor = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(document, file)
        os.replace(temporary, path)
    except OSError as error:
        log.warning("holiday cache not written: %s", type(error).__name__)
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
