"""Tests that the domain package stays pure Python: importing it loads neither Textual nor Peewee."""

import pkgutil
import subprocess
import sys

import anken_tui.domain

FORBIDDEN = ("textual", "peewee", "playhouse")


def _domain_modules() -> list[str]:
    return [module.name for module in pkgutil.walk_packages(anken_tui.domain.__path__, "anken_tui.domain.")]


def test_domain_has_modules():
    assert "anken_tui.domain.moves" in _domain_modules()


def test_domain_imports_no_ui_or_database():
    script = (
        "import importlib, sys\n"
        f"for name in {_domain_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(name for name in sys.modules if name.split('.')[0] in {FORBIDDEN!r}))\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
