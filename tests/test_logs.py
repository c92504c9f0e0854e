"""Tests of anken_tui.logs: a private, rotating log file and nothing on the terminal."""

import logging
import subprocess
import sys
import warnings

import pytest

from anken_tui import logs


@pytest.fixture
def log_file(tmp_path):
    path = tmp_path / "state" / "log" / "anken-tui.log"
    root = logging.getLogger()
    level = root.level
    yield path
    logs.stop_logging()
    root.setLevel(level)


def _ours(root: logging.Logger) -> list[logging.Handler]:
    return [handler for handler in root.handlers if handler.get_name() == "anken-tui-file"]


def test_start_logging_private_modes(log_file):
    logs.start_logging(log_file)
    logging.getLogger("anken_tui.test").info("case %s moved", 42)

    assert log_file.parent.stat().st_mode & 0o777 == 0o700
    assert log_file.stat().st_mode & 0o777 == 0o600
    assert "case 42 moved" in log_file.read_text(encoding="utf-8")


def test_start_logging_level_info(log_file):
    logs.start_logging(log_file)
    logging.getLogger("anken_tui.test").debug("debug line")
    logging.getLogger("peewee").debug("select with customer data")

    text = log_file.read_text(encoding="utf-8")
    assert "debug line" not in text
    assert "customer data" not in text


def test_start_logging_twice_keeps_one_handler(log_file):
    logs.start_logging(log_file)
    logs.start_logging(log_file)

    assert len(_ours(logging.getLogger())) == 1


def test_start_logging_adds_no_terminal_handler(log_file):
    root = logging.getLogger()
    before = {id(handler) for handler in root.handlers}

    logs.start_logging(log_file)

    added = [handler for handler in root.handlers if id(handler) not in before]
    assert len(added) == 1
    assert isinstance(added[0], logs.PrivateRotatingFileHandler)


def test_warnings_go_to_log_file(log_file, capsys):
    logs.start_logging(log_file)

    warnings.warn("old option", UserWarning, stacklevel=1)

    assert "old option" in log_file.read_text(encoding="utf-8")
    assert "old option" not in capsys.readouterr().err


def test_rollover_keeps_private_mode(log_file, monkeypatch):
    monkeypatch.setattr(logs, "MAX_LOG_BYTES", 200)
    logs.start_logging(log_file)

    for number in range(20):
        logging.getLogger("anken_tui.test").info("record %s of a long enough line", number)

    rotated = log_file.with_name(log_file.name + ".1")
    assert rotated.exists()
    assert rotated.stat().st_mode & 0o777 == 0o600
    assert log_file.stat().st_mode & 0o777 == 0o600


def test_existing_loose_file_is_tightened(log_file):
    log_file.parent.mkdir(parents=True)
    log_file.write_text("", encoding="utf-8")
    log_file.chmod(0o644)

    logs.start_logging(log_file)

    assert log_file.stat().st_mode & 0o777 == 0o600


def test_stop_logging_removes_handler(log_file):
    logs.start_logging(log_file)

    logs.stop_logging()

    assert _ours(logging.getLogger()) == []


def test_stop_logging_restores_level(log_file):
    root = logging.getLogger()
    root.setLevel(logging.WARNING)
    logs.start_logging(log_file)

    logs.stop_logging()

    assert root.level == logging.WARNING


def test_silence_logging_keeps_terminal_quiet():
    # A fresh interpreter, because pytest's own log handlers would hide a record sent to stderr.
    script = (
        "import logging, warnings\n"
        "from anken_tui.logs import silence_logging\n"
        "silence_logging()\n"
        "logging.getLogger('anken_tui.test').error('nowhere to write')\n"
        "warnings.warn('old option', UserWarning)\n"
    )

    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert result.stderr == ""


def test_start_logging_under_file_raises(tmp_path, log_file):
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")

    with pytest.raises(OSError):
        logs.start_logging(blocker / "log" / "anken-tui.log")
