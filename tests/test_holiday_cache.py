"""Tests for the file that keeps the national holidays between starts, on real files."""

import json
import stat
from datetime import date

import jpholiday
import pytest

from anken_tui.domain import calendar as calendar_module
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.holiday_cache import _source, load_holiday_cache

TODAY = date(2026, 12, 4)
# An ordinary Wednesday, which a doctored cache file turns into a holiday.
ORDINARY_DAY = date(2026, 6, 10)


@pytest.fixture(autouse=True)
def fresh_holidays():
    """Start and end every test with no remembered holidays, so one test's file never reaches another."""
    calendar_module.forget_national_holidays()
    yield
    calendar_module.forget_national_holidays()


def jpholiday_list(year: int) -> list[str]:
    return sorted(day.isoformat() for day, _name in jpholiday.year_holidays(year))


def write_cache(path, source: str, extra_day: date) -> None:
    years = {str(year): jpholiday_list(year) for year in (2025, 2026, 2027)}
    years["2026"].append(extra_day.isoformat())
    path.write_text(json.dumps({"source": source, "years": years}), encoding="utf-8")


def test_first_start_writes_private_file(tmp_path):
    path = tmp_path / "cache" / "holidays.json"

    load_holiday_cache(path, TODAY)

    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["source"] == _source()
    assert document["years"] == {str(year): jpholiday_list(year) for year in (2025, 2026, 2027)}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(path.parent.glob("*.tmp"))


def test_file_of_the_same_jpholiday_is_used(tmp_path):
    path = tmp_path / "holidays.json"
    write_cache(path, _source(), ORDINARY_DAY)

    load_holiday_cache(path, TODAY)

    assert not BusinessCalendar().is_business_day(ORDINARY_DAY)
    # Nothing was missing, so the file is left as it was.
    assert ORDINARY_DAY.isoformat() in json.loads(path.read_text(encoding="utf-8"))["years"]["2026"]


def test_file_of_another_jpholiday_is_made_again(tmp_path):
    path = tmp_path / "holidays.json"
    write_cache(path, "jpholiday 0000000000000000", ORDINARY_DAY)

    load_holiday_cache(path, TODAY)

    assert BusinessCalendar().is_business_day(ORDINARY_DAY)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["source"] == _source()
    assert document["years"]["2026"] == jpholiday_list(2026)


@pytest.mark.parametrize(
    "content",
    ["{not json", '{"source": "%s", "years": {"2026": ["2026-13-40"]}}', '{"source": "%s", "years": []}', "[]"],
    ids=["broken", "bad-date", "years-not-a-table", "not-a-table"],
)
def test_unreadable_file_is_made_again(tmp_path, content):
    path = tmp_path / "holidays.json"
    path.write_text(content.replace("%s", _source()), encoding="utf-8")

    load_holiday_cache(path, TODAY)

    # 海の日 2026 comes from jpholiday, not from the broken file.
    assert not BusinessCalendar().is_business_day(date(2026, 7, 20))
    assert json.loads(path.read_text(encoding="utf-8"))["years"]["2026"] == jpholiday_list(2026)


def test_unwritable_cache_is_skipped(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    path = blocker / "holidays.json"

    load_holiday_cache(path, TODAY)

    assert not BusinessCalendar().is_business_day(date(2026, 7, 20))
    assert BusinessCalendar().is_business_day(ORDINARY_DAY)
    assert blocker.read_text(encoding="utf-8") == ""
