"""Tests of the stale-case list (滞留案件) on a real SQLite file and the real 2026/2027 calendars.

Every expected 滞留日数 below was counted by hand on a printed calendar. It is the
number of business days strictly after the entry date up to and including today.
Saturdays, Sundays and the year-end closure 12/29 to 1/3 are skipped, and so are the
national holidays near the dates used: 勤労感謝の日 Mon 2026-11-23, 昭和の日 Wed
2026-04-29, 5/3 to 5/6 with the 振替休日 Wed 2026-05-06, and 成人の日 Mon 2027-01-11.
"""

from datetime import date, datetime, timedelta

import pytest

from anken_tui.clock import JST, FrozenClock, to_storage
from anken_tui.db.models import Activity, Case, Note
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.domain.outcomes import Outcome
from anken_tui.domain.staleness import DEFAULT_THRESHOLDS
from anken_tui.services.cases import create_case, move_case
from anken_tui.services.staff import register_staff
from anken_tui.services.stale import list_stale_cases, start_of_day
from anken_tui.settings import load_settings

CALENDAR = BusinessCalendar()

# Friday 4 December 2026, 10:00 in the office.
FRIDAY = datetime(2026, 12, 4, 10, 0, tzinfo=JST)

INSURANCE_SALE = {"line": Line.SALES, "kind": SalesKind.INSURANCE}


@pytest.fixture
def friday():
    return FrozenClock(FRIDAY)


def _create(title, user, clock, line=Line.RENTAL, kind=None, owner=None):
    form = NewCaseInput(
        line=line,
        title=title,
        sales_kind=kind,
        customer_name="山田 太郎",
        customer_furigana="ヤマダ タロウ",
        owner_id=owner.id if owner else None,
    )
    return create_case(form, user, clock)


def _place(case_id, stage, entered_on, **fields):
    """Put a case in `stage` since 00:00 JST on `entered_on`, as if it had moved there that day."""
    Case.update(stage=stage, stage_entered_at=start_of_day(entered_on), **fields).where(Case.id == case_id).execute()


def _stale_case(title, user, clock, stage, entered_on, line=Line.RENTAL, kind=None, owner=None, **fields):
    summary = _create(title, user, clock, line=line, kind=kind, owner=owner)
    _place(summary.id, stage, entered_on, **fields)
    return summary.id


def _listed(clock, **options):
    calendar = options.pop("calendar", CALENDAR)
    thresholds = options.pop("thresholds", DEFAULT_THRESHOLDS)
    return list_stale_cases(clock, calendar, thresholds, **options)


def _ids(clock, **options):
    return [case.id for case in _listed(clock, **options)]


def _by_id(clock, **options):
    return {case.id: case for case in _listed(clock, **options)}


def test_empty_database_lists_nothing(db, friday):
    assert _listed(friday) == []


def test_threshold_day_not_listed_next_is(staff, friday):
    # Rental 案件受付, threshold 10. From Thu 11/19: 11/20, 11/24 to 11/27 (11/23 is
    # 勤労感謝の日), 11/30, 12/1 to 12/4 = 10 days. From Wed 11/18 add 11/19 = 11 days.
    at_threshold = _stale_case("受付10日", staff, friday, "案件受付", date(2026, 11, 19))
    one_over = _stale_case("受付11日", staff, friday, "案件受付", date(2026, 11, 18))

    listed = _by_id(friday)

    assert at_threshold not in listed
    assert list(listed) == [one_over]
    assert listed[one_over].status.days_in_stage == 11
    assert listed[one_over].status.threshold == 10
    assert listed[one_over].status.days_over == 1
    assert listed[one_over].status.counted_from == date(2026, 11, 18)


def test_stale_row_carries_case_fields(staff, friday):
    other = register_staff("佐藤", "sales", friday)
    # Sales 作業工程, threshold 10. From Fri 11/13: 11/16 to 11/20 (5), 11/24 to 11/27 (4),
    # 11/30 to 12/4 (5) = 14 days, 4 over.
    case_id = _stale_case("ポータブルトイレ", staff, friday, "作業工程", date(2026, 11, 13), owner=other, **INSURANCE_SALE)

    [row] = _listed(friday)

    assert row.id == case_id
    assert row.line is Line.SALES
    assert row.sales_kind is SalesKind.INSURANCE
    assert row.stage == "作業工程"
    assert row.title == "ポータブルトイレ"
    assert row.customer_name == "山田 太郎"
    assert row.owner_id == other.id
    assert row.owner_name == "佐藤"
    assert row.version == 1
    assert row.status.days_in_stage == 14
    assert row.status.days_over == 4
    assert row.last_touched_on is None


def test_case_without_owner_listed_with_empty_owner_name(staff, friday):
    case_id = _stale_case("担当なし", staff, friday, "案件受付", date(2026, 11, 18))
    Case.update(owner=None).where(Case.id == case_id).execute()

    [row] = _listed(friday)

    assert row.owner_id is None
    assert row.owner_name == ""


def test_most_overdue_first(staff, friday):
    # Rental 打合せ (5) from Wed 11/25: 11/26, 11/27, 11/30, 12/1 to 12/4 = 7 days, 2 over.
    meeting = _stale_case("打合せ7日", staff, friday, "打合せ", date(2026, 11, 25))
    # Rental 案件受付 (10) from Tue 11/17: 11/18 to 11/20, 11/24 to 11/27, 11/30 to 12/4 = 12 days, 2 over.
    received = _stale_case("受付12日", staff, friday, "案件受付", date(2026, 11, 17))
    # Rental 作業工程 (10) from Fri 11/13: 14 days, 4 over.
    work = _stale_case("作業14日", staff, friday, "作業工程", date(2026, 11, 13))
    # Sales 事後申請中 (2) from Mon 11/30: 12/1 to 12/4 = 4 days, 2 over. Both cases entered
    # that day, so they tie on every count and the lower id comes first.
    first_tie = _stale_case("事後4日A", staff, friday, "事後申請中", date(2026, 11, 30), **INSURANCE_SALE)
    second_tie = _stale_case("事後4日B", staff, friday, "事後申請中", date(2026, 11, 30), **INSURANCE_SALE)

    rows = _listed(friday)

    assert [row.id for row in rows] == [work, received, meeting, first_tie, second_tie]
    assert [row.status.days_over for row in rows] == [4, 2, 2, 2, 2]
    assert [row.status.days_in_stage for row in rows] == [14, 12, 7, 4, 4]


def test_completed_case_never_listed(staff, friday):
    summary = _create("完了済み", staff, friday)
    summary = move_case(
        summary.id, "案件完了", expected_version=summary.version, user=staff, clock=friday,
        outcome=Outcome.DECLINED, reason="ご家族と相談の結果、見送り",
    ).case
    _place(summary.id, "案件完了", date(2026, 1, 5))

    assert _listed(friday) == []


def test_stage_without_threshold_never_listed(staff, friday):
    # Rental has no 見積工程 in its flow and no threshold for it. Sales has no 受注待ち.
    _stale_case("レンタル見積", staff, friday, "見積工程", date(2026, 1, 5))
    _stale_case("販売受注待ち", staff, friday, "受注待ち", date(2026, 1, 5), **INSURANCE_SALE)

    assert _listed(friday) == []


def test_filter_by_line(staff, friday):
    rental = _stale_case("レンタル", staff, friday, "案件受付", date(2026, 11, 18))
    sales = _stale_case("販売", staff, friday, "案件受付", date(2026, 11, 18), **INSURANCE_SALE)
    renovation = _stale_case("住改", staff, friday, "案件受付", date(2026, 11, 18), line=Line.RENOVATION)

    assert _ids(friday, line=Line.RENTAL) == [rental]
    assert _ids(friday, line=Line.SALES) == [sales]
    assert _ids(friday, line=Line.RENOVATION) == [renovation]
    assert _ids(friday, line=Line.EQUIPMENT) == []
    assert sorted(_ids(friday)) == [rental, sales, renovation]


def test_filter_by_owner(staff, friday):
    other = register_staff("佐藤", "sales", friday)
    mine = _stale_case("山口の案件", staff, friday, "案件受付", date(2026, 11, 18))
    theirs = _stale_case("佐藤の案件", staff, friday, "案件受付", date(2026, 11, 18), owner=other)

    assert _ids(friday, owner_id=staff.id) == [mine]
    assert _ids(friday, owner_id=other.id) == [theirs]
    assert _ids(friday, owner_id=other.id, line=Line.SALES) == []


def test_meeting_far_ahead_listed_two_days_after_it(staff, friday):
    # In 打合せ since Mon 11/2 (a month of business days), with the meeting on Fri 2027-01-08.
    case_id = _stale_case("打合せ来月", staff, friday, "打合せ", date(2026, 11, 2), meeting_date=date(2027, 1, 8))

    assert _ids(friday) == []

    # Tue 2027-01-12: Mon 1/11 is 成人の日, so 1/12 is the 1st business day after the meeting.
    friday.advance(datetime(2027, 1, 12, 10, 0, tzinfo=JST) - FRIDAY)
    assert _ids(friday) == []

    # Wed 2027-01-13 is the 2nd business day after the meeting: stale.
    friday.advance(timedelta(days=1))
    [row] = _listed(friday)
    assert row.id == case_id
    assert row.status.counted_from == date(2027, 1, 8)
    assert row.status.days_in_stage == 2
    assert row.status.threshold == 1
    assert row.status.days_over == 1


def test_meeting_two_days_past_listed(staff, friday):
    # Both entered 打合せ on Mon 11/30. The meetings are on Wed 12/2 (12/3, 12/4 = 2 days)
    # and on Thu 12/3 (1 day).
    entered = date(2026, 11, 30)
    two_days = _stale_case("打合せ12/2", staff, friday, "打合せ", entered, meeting_date=date(2026, 12, 2))
    _stale_case("打合せ12/3", staff, friday, "打合せ", entered, meeting_date=date(2026, 12, 3))

    listed = _by_id(friday)

    assert list(listed) == [two_days]
    assert listed[two_days].status.days_in_stage == 2
    assert listed[two_days].status.threshold == 1


def test_meeting_without_date_uses_threshold_five(staff, friday):
    # From Fri 11/27: 11/30, 12/1 to 12/4 = 5 days. From Thu 11/26: 6 days.
    _stale_case("打合せ5日", staff, friday, "打合せ", date(2026, 11, 27))
    six_days = _stale_case("打合せ6日", staff, friday, "打合せ", date(2026, 11, 26))

    listed = _by_id(friday)

    assert list(listed) == [six_days]
    assert listed[six_days].status.threshold == 5
    assert listed[six_days].status.days_in_stage == 6
    assert listed[six_days].status.counted_from == date(2026, 11, 26)


def test_meeting_date_before_entry_counts_from_entry(staff, friday):
    # The meeting (Fri 11/20) was before the case entered 打合せ on Fri 11/27: 5 days, threshold 5.
    _stale_case("打合せ済み", staff, friday, "打合せ", date(2026, 11, 27), meeting_date=date(2026, 11, 20))

    assert _listed(friday) == []


def test_snoozed_case_returns_on_snooze_date(staff, friday):
    entered = date(2026, 11, 18)
    snoozed = _stale_case("保留中", staff, friday, "案件受付", entered, stale_snoozed_until=date(2026, 12, 7))
    ends_today = _stale_case("保留が今日まで", staff, friday, "案件受付", entered, stale_snoozed_until=date(2026, 12, 4))
    ended = _stale_case("保留が終了", staff, friday, "案件受付", entered, stale_snoozed_until=date(2026, 12, 1))

    assert _ids(friday) == [ends_today, ended]

    # Mon 12/7, the snooze date: back in the list with 12 days (11/18 + 12/7).
    friday.advance(timedelta(days=3))
    listed = _by_id(friday)
    assert sorted(listed) == [snoozed, ends_today, ended]
    assert listed[snoozed].status.days_in_stage == 12


def test_last_touched_is_latest_note_or_activity(staff, friday):
    noted = _stale_case("詳細あり", staff, friday, "案件受付", date(2026, 11, 18))
    both = _stale_case("詳細と活動", staff, friday, "案件受付", date(2026, 11, 18))
    untouched = _stale_case("記録なし", staff, friday, "案件受付", date(2026, 11, 18))
    now = to_storage(friday.now())
    for case_id, written_on in ((noted, date(2026, 11, 20)), (noted, date(2026, 11, 25)), (both, date(2026, 12, 2))):
        Note.create(case=case_id, written_on=written_on, author=staff.id, text="ケアマネに確認", created_at=now)
    for done_on in (date(2026, 12, 3), date(2026, 11, 19)):
        Activity.create(case=both, kind="call", done_on=done_on, staff=staff.id, created_at=now, created_by=staff.id)

    listed = _by_id(friday)

    assert listed[noted].last_touched_on == date(2026, 11, 25)
    assert listed[both].last_touched_on == date(2026, 12, 3)
    assert listed[untouched].last_touched_on is None


def test_saturday_workday_calendar_counts_saturdays(staff, friday):
    # From Thu 11/19 with Saturdays open: 11/20, 11/21, 11/24 to 11/28, 11/30, 12/1 to 12/4 = 12 days.
    case_id = _stale_case("受付", staff, friday, "案件受付", date(2026, 11, 19))

    assert _ids(friday) == []
    [row] = _listed(friday, calendar=BusinessCalendar(saturday_is_workday=True))
    assert row.id == case_id
    assert row.status.days_in_stage == 12
    assert row.status.days_over == 2


def test_company_closed_day_not_counted(staff, friday):
    # 11 days from Wed 11/18; with Tue 12/1 closed by the company it is 10, at the threshold.
    case_id = _stale_case("受付", staff, friday, "案件受付", date(2026, 11, 18))

    assert _ids(friday) == [case_id]
    assert _ids(friday, calendar=BusinessCalendar(closed_days={date(2026, 12, 1)})) == []


def test_settings_file_thresholds_and_calendar_applied(staff, friday, tmp_path):
    settings_path = tmp_path / "settings.toml"
    settings_path.write_text(
        '[thresholds.rental]\n"案件受付" = 3\n\n[calendar]\nclosed_days = ["2026-12-02"]\n', encoding="utf-8"
    )
    settings, problems = load_settings(settings_path)
    # From Fri 11/27: 11/30, 12/1, 12/3, 12/4 = 4 days with 12/2 closed, over the threshold 3.
    short_wait = _stale_case("受付4日", staff, friday, "案件受付", date(2026, 11, 27))
    # From Mon 11/30: 12/1, 12/3, 12/4 = 3 days, at the threshold.
    _stale_case("受付3日", staff, friday, "案件受付", date(2026, 11, 30))

    assert problems == []
    assert _ids(friday) == []
    [row] = _listed(friday, calendar=settings.calendar, thresholds=settings.thresholds)
    assert row.id == short_wait
    assert row.status.threshold == 3
    assert row.status.days_in_stage == 4


def test_threshold_zero_lists_case_after_one_day(staff, friday):
    thresholds = {Line.RENTAL: {"作業工程": 0}}
    # From Thu 12/3: 1 day. From Fri 12/4 (today): 0 days.
    yesterday = _stale_case("昨日から", staff, friday, "作業工程", date(2026, 12, 3))
    _stale_case("今日から", staff, friday, "作業工程", date(2026, 12, 4))

    assert _ids(friday, thresholds=thresholds) == [yesterday]


def test_golden_week_skipped(staff):
    thursday = FrozenClock(datetime(2026, 5, 7, 10, 0, tzinfo=JST))
    # Sales 事後申請中 (2). From Thu 4/30: 5/1, 5/7 = 2 days. From Tue 4/28: 4/30, 5/1, 5/7 = 3
    # days, because 4/29 (昭和の日) and 5/2 to 5/6 (weekend, holidays, 振替休日) are closed.
    _stale_case("事後2日", staff, thursday, "事後申請中", date(2026, 4, 30), **INSURANCE_SALE)
    post = _stale_case("事後3日", staff, thursday, "事後申請中", date(2026, 4, 28), **INSURANCE_SALE)
    # Renovation 作業工程 (10). From Fri 4/17: 4/20 to 4/24 (5), 4/27, 4/28, 4/30, 5/1, 5/7 = 10.
    # From Thu 4/16: 11 days.
    _stale_case("工事10日", staff, thursday, "作業工程", date(2026, 4, 17), line=Line.RENOVATION)
    work = _stale_case("工事11日", staff, thursday, "作業工程", date(2026, 4, 16), line=Line.RENOVATION)

    listed = _by_id(thursday)

    assert sorted(listed) == [post, work]
    assert listed[post].status.days_in_stage == 3
    assert listed[work].status.days_in_stage == 11


def test_year_end_closure_skipped(staff):
    monday = FrozenClock(datetime(2027, 1, 4, 10, 0, tzinfo=JST))
    # 12/29 to 1/3 are closed. Sales 事後申請中 (2): from Fri 12/25: 12/28, 1/4 = 2 days.
    # From Thu 12/24: 12/25, 12/28, 1/4 = 3 days.
    _stale_case("事後2日", staff, monday, "事後申請中", date(2026, 12, 25), **INSURANCE_SALE)
    post = _stale_case("事後3日", staff, monday, "事後申請中", date(2026, 12, 24), **INSURANCE_SALE)
    # Rental 案件受付 (10): from Mon 12/14: 12/15 to 12/18 (4), 12/21 to 12/25 (5), 12/28, 1/4 = 11.
    # From Tue 12/15: 10 days.
    received = _stale_case("受付11日", staff, monday, "案件受付", date(2026, 12, 14))
    _stale_case("受付10日", staff, monday, "案件受付", date(2026, 12, 15))

    listed = _by_id(monday)

    assert sorted(listed) == [post, received]
    assert listed[post].status.days_in_stage == 3
    assert listed[received].status.days_in_stage == 11


def test_entry_day_is_the_jst_date(staff, friday):
    # 23:30 JST on Wed 11/18 (14:30 UTC) is 11/18 in the office: 11 days, stale.
    late_evening = _create("11/18 23:30", staff, friday).id
    # 00:30 JST on Thu 11/19 is still 11/18 in UTC (15:30), but 11/19 in the office: 10 days.
    after_midnight = _create("11/19 00:30", staff, friday).id
    Case.update(stage_entered_at=datetime(2026, 11, 18, 14, 30)).where(Case.id == late_evening).execute()
    Case.update(stage_entered_at=datetime(2026, 11, 18, 15, 30)).where(Case.id == after_midnight).execute()

    assert _ids(friday) == [late_evening]


def _record_selects(db):
    """Collect the SELECT statements that the database runs, through peewee's query hooks."""
    events = []

    def hook(event):
        if event.sql.lstrip().upper().startswith("SELECT"):
            events.append(event)

    db.query_hooks.append(hook)
    return events, hook


def test_query_fetches_only_stale_candidates(db, staff, friday):
    # Thousands of cases written in bulk (create_case commits one transaction per case);
    # they share the customer of the first case.
    customer_id = Case.get_by_id(_create("ひな形", staff, friday).id).customer_id
    stored_now = to_storage(friday.now())
    common = {
        "customer": customer_id,
        "line": "rental",
        "title": "一括",
        "owner": staff.id,
        "created_at": stored_now,
        "updated_at": stored_now,
    }
    fresh = {**common, "stage": "案件受付", "stage_entered_at": start_of_day(date(2026, 12, 1))}
    # Completed long ago: far past every threshold if 案件完了 had one.
    done = {**common, "stage": "案件完了", "outcome": "won", "stage_entered_at": start_of_day(date(2025, 6, 2))}
    with db.atomic():
        for start in range(0, 2000, 200):
            Case.insert_many([fresh] * 200).execute()
            Case.insert_many([done] * 200).execute()
    stale = [_stale_case(f"滞留{number}", staff, friday, "作業工程", date(2026, 11, 2)) for number in range(3)]
    assert Case.select().count() == 4004

    events, hook = _record_selects(db)
    try:
        rows = _listed(friday)
    finally:
        db.query_hooks.remove(hook)

    assert sorted(row.id for row in rows) == stale
    # One query for the cases, then one each for the latest note and activity of the 3 cases.
    case_queries = [event for event in events if 'FROM "case"' in event.sql]
    assert len(events) == 3
    assert len(case_queries) == 1
    # Running the recorded statement again with its own parameters returns only the 3
    # candidates: the 4,000 others were filtered out by SQLite, not by Python.
    assert len(db.execute_sql(case_queries[0].sql, case_queries[0].params).fetchall()) == 3
