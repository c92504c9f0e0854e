"""Tests of the demo data: coverage of every stage, the manual's examples, dates, history and bulk cases."""

from collections import Counter
from datetime import datetime, timedelta

import pytest

from anken_tui.clock import JST, FrozenClock, jst_date
from anken_tui.db.database import close_database
from anken_tui.db.models import Activity, CareManager, CareOffice, Case, Customer, Note, Staff, StageChange
from anken_tui.db.setup import open_database
from anken_tui.demo import fill_demo, is_empty, make_bulk_cases
from anken_tui.demo.catalog import load_catalog
from anken_tui.demo.fill import PHONE_PREFIX, stage_path
from anken_tui.domain.kana import is_valid_furigana, normalize_furigana
from anken_tui.domain.lines import (
    COMPLETED,
    MEETING,
    PRE_APPLICATION,
    RECEIVED,
    STAGES,
    WORK,
    Line,
    SalesKind,
)
from anken_tui.domain.moves import check_move
from anken_tui.domain.outcomes import Outcome
from anken_tui.services.board import load_board
from anken_tui.services.customers import care_manager_open_cases

AREAS = ("榛原", "大宇陀", "菟田野", "室生")


@pytest.fixture
def demo(db, clock):
    fill_demo(clock)
    return clock


def _case(line: Line, stage: str, title: str) -> Case:
    return Case.get((Case.line == line.value) & (Case.stage == stage) & (Case.title == title))


def test_is_empty_before_and_after(db, clock):
    assert is_empty()

    fill_demo(clock)

    assert not is_empty()


def test_fill_refuses_filled_database(demo):
    with pytest.raises(ValueError):
        fill_demo(demo)

    assert Case.select().count() == len(load_catalog().cases)


def test_about_sixty_cases(demo):
    assert 55 <= Case.select().count() <= 65


@pytest.mark.parametrize("line", list(Line))
def test_every_stage_has_a_case(demo, line):
    stages = Counter(stage for (stage,) in Case.select(Case.stage).where(Case.line == line.value).tuples())

    for stage in STAGES[line]:
        assert stages[stage] >= 1, stage


def test_sales_has_both_kinds(demo):
    kinds = Counter(kind for (kind,) in Case.select(Case.sales_kind).where(Case.line == Line.SALES.value).tuples())

    assert kinds[SalesKind.INSURANCE.value] >= 3
    assert kinds[SalesKind.SELF_PAY.value] >= 3
    assert Case.select().where((Case.line != Line.SALES.value) & Case.sales_kind.is_null(False)).count() == 0


@pytest.mark.parametrize("line", list(Line))
def test_completed_recent_and_old(demo, line):
    board = load_board(line, demo)
    completed = board.column(COMPLETED)

    assert len(completed.cards) >= 2
    assert completed.hidden_count >= 1


def test_outcomes_and_reasons(demo):
    completed = list(Case.select().where(Case.stage == COMPLETED))
    outcomes = Counter(case.outcome for case in completed)

    assert outcomes[Outcome.WON.value] >= 4
    assert outcomes[Outcome.DECLINED.value] >= 2
    assert outcomes[Outcome.CANCELLED.value] >= 2
    for case in completed:
        if case.outcome != Outcome.WON.value:
            assert case.outcome_reason, case.title
    assert Case.select().where((Case.stage != COMPLETED) & Case.outcome.is_null(False)).count() == 0


def test_manual_example_extra_rental(demo):
    case = _case(Line.RENTAL, RECEIVED, "追加レンタルの相談(歩行器)")

    assert any("点検訪問" in note.text for note in case.notes)


def test_manual_example_side_rail(demo):
    case = _case(Line.RENTAL, WORK, "サイドレール交換(デモ納品中)")
    notes = list(case.notes)

    assert len(notes) == 1
    assert "サイドレール" in notes[0].text
    assert notes[0].author.name == "山口"
    assert notes[0].written_on >= jst_date(case.stage_entered_at)


def test_manual_example_portable_toilet(demo):
    case = _case(Line.SALES, RECEIVED, "ポータブルトイレ 購入")
    activities = list(case.activities)

    assert case.sales_kind == SalesKind.INSURANCE.value
    assert [activity.kind for activity in activities] == ["check"]
    assert activities[0].follow_up_on > activities[0].done_on
    assert any("ケアマネ" in note.text for note in case.notes)


def test_manual_example_pre_application(demo):
    case = _case(Line.RENOVATION, PRE_APPLICATION, "手すり取付(玄関・トイレ)")

    assert case.pre_application_on is not None
    assert case.city_approved_on is None
    assert any("引き取り" in note.text for note in case.notes)


def test_manual_example_site_survey(demo):
    case = _case(Line.EQUIPMENT, MEETING, "浴室暖房乾燥機 設置(現地調査)")

    assert case.meeting_date is not None
    assert any("現地調査" in note.text for note in case.notes)


def test_office_follow_ups_present(demo):
    won_rentals = Case.select().where(
        (Case.line == Line.RENTAL.value) & (Case.stage == COMPLETED) & (Case.outcome == Outcome.WON.value)
    )

    assert any(case.payment_method is None for case in won_rentals)
    assert any(case.payment_method == "kaipoke_debit" and case.kaipoke_registered_on is None for case in won_rentals)
    assert any(case.kaipoke_registered_on is not None for case in won_rentals)
    early_start = Case.select().where(
        (Case.line == Line.RENOVATION.value) & Case.work_start_on.is_null(False) & Case.city_approved_on.is_null()
    )
    assert early_start.count() == 1


def test_dates_within_ninety_days(demo):
    now = demo.now().replace(tzinfo=None)
    oldest = now - timedelta(days=90)
    today = demo.today()

    stamps = [case.stage_entered_at for case in Case.select()]
    stamps += [case.created_at for case in Case.select()]
    stamps += [change.changed_at for change in StageChange.select()]
    stamps += [customer.created_at for customer in Customer.select()]
    stamps += [note.created_at for note in Note.select()] + [activity.created_at for activity in Activity.select()]
    for stamp in stamps:
        assert oldest < stamp <= now

    for day in [note.written_on for note in Note.select()] + [activity.done_on for activity in Activity.select()]:
        assert today - timedelta(days=90) < day <= today


def test_stage_ages_spread(demo):
    today = demo.today()
    ages = [(today - jst_date(case.stage_entered_at)).days for case in Case.select()]

    assert min(ages) <= 1
    assert max(ages) >= 60
    assert len(set(ages)) >= 25


def _dump() -> list[tuple]:
    rows = []
    for model in (Staff, CareOffice, CareManager, Customer, Case, StageChange, Note, Activity):
        rows += [(model.__name__, *row) for row in model.select().order_by(model.id).tuples()]
    return rows


def test_deterministic_for_fixed_clock(tmp_path, clock):
    dumps = []
    for name in ("first.db", "second.db"):
        open_database(tmp_path / name)
        fill_demo(clock)
        dumps.append(_dump())
        close_database()

    assert dumps[0] == dumps[1]


def test_dates_follow_clock(tmp_path):
    later = FrozenClock(datetime(2026, 9, 15, 14, 0, tzinfo=JST))
    open_database(tmp_path / "later.db")
    try:
        fill_demo(later)
        newest = Case.select(Case.stage_entered_at).order_by(Case.stage_entered_at.desc()).scalar()
        oldest = Case.select(Case.created_at).order_by(Case.created_at).scalar()
    finally:
        close_database()

    assert later.now().replace(tzinfo=None) - newest < timedelta(days=3)
    assert later.now().replace(tzinfo=None) - oldest < timedelta(days=90)


def test_furigana_valid_katakana(demo):
    for customer in Customer.select():
        assert is_valid_furigana(customer.furigana), customer.furigana
        assert normalize_furigana(customer.furigana) == customer.furigana


def test_contact_details_fictional(demo):
    phones = [customer.phone for customer in Customer.select()]

    assert all(phone.startswith(PHONE_PREFIX) for phone in phones)
    assert len(set(phones)) == len(phones)
    for customer in Customer.select():
        assert customer.city == "宇陀市"
        assert customer.address.startswith("宇陀市")
        assert any(area in customer.address for area in AREAS)


def test_care_managers_and_offices(demo):
    offices = {customer.care_manager_office for customer in Customer.select() if customer.care_manager_office}

    assert len(offices) >= 4
    assert all("居宅介護支援" in office or "ケア" in office or "介護" in office for office in offices)


def test_care_managers_are_records(demo):
    catalog = load_catalog()

    assert CareManager.select().count() == len(catalog.care_managers)
    assert CareOffice.select().count() == len({manager.office for manager in catalog.care_managers.values()})
    offices_with_two = [office for office in CareOffice.select() if office.care_managers.count() >= 2]
    assert offices_with_two
    assert all(office.phone.startswith(PHONE_PREFIX) for office in CareOffice.select())


def test_customers_linked_to_care_managers(demo):
    for customer in Customer.select():
        if customer.care_manager_name:
            assert customer.care_manager.name == customer.care_manager_name
            assert customer.care_manager.office.name == customer.care_manager_office
        else:
            assert customer.care_manager is None


def test_care_manager_open_cases_in_demo(demo):
    kitaura = CareManager.get(CareManager.name == "北浦 恵子")

    cases = care_manager_open_cases(kitaura.id).cases

    assert cases
    assert all(case.stage != COMPLETED for case in cases)


def test_phones_unique_across_tables(demo):
    phones = [customer.phone for customer in Customer.select()] + [office.phone for office in CareOffice.select()]

    assert len(set(phones)) == len(phones)


def test_is_empty_sees_care_offices(db, clock):
    CareOffice.create(name="事業所", search_key="事業所")

    assert not is_empty()


def test_four_staff(demo):
    roles = Counter(staff.role for staff in Staff.select())

    assert roles == {"sales": 2, "office": 2}


def test_history_matches_case(demo):
    for case in Case.select():
        changes = list(StageChange.select().where(StageChange.case == case.id).order_by(StageChange.changed_at))
        line = Line(case.line)
        kind = SalesKind(case.sales_kind) if case.sales_kind else None

        assert changes[0].from_stage is None
        assert changes[0].to_stage == RECEIVED
        assert changes[0].changed_at == case.created_at
        assert changes[-1].to_stage == case.stage
        assert changes[-1].changed_at == case.stage_entered_at
        assert case.version == len(changes)
        for before, after in zip(changes, changes[1:]):
            assert after.from_stage == before.to_stage
            assert after.from_entered_at == before.changed_at
            assert before.changed_at < after.changed_at
            assert check_move(line, kind, after.from_stage, after.to_stage).allowed


def test_completed_history_carries_outcome(demo):
    for case in Case.select().where(Case.stage == COMPLETED):
        last = StageChange.select().where(StageChange.case == case.id).order_by(StageChange.changed_at.desc()).get()

        assert last.outcome == case.outcome
        assert last.outcome_reason == case.outcome_reason


def test_some_cases_moved_back(demo):
    backs = 0
    for change in StageChange.select().where(StageChange.from_stage.is_null(False)):
        stages = STAGES[Line(change.case.line)]
        if stages.index(change.to_stage) < stages.index(change.from_stage):
            backs += 1

    assert backs >= 1


def test_catalog_paths_obey_move_rules():
    for case in load_catalog().cases:
        path = stage_path(case)

        assert path[0] == RECEIVED
        assert path[-1] == case.stage


def test_bulk_cases(db, clock):
    case_ids = make_bulk_cases(1200, clock)

    assert len(case_ids) == 1200
    assert len(set(case_ids)) == 1200
    assert Case.select().where(Case.id.in_(case_ids)).count() == 1200
    assert Case.select().where(Case.stage == COMPLETED).count() == 0
    assert Staff.select().count() == 4
    assert StageChange.select().where(StageChange.to_stage == RECEIVED).count() == 1200
    for line in Line:
        board = load_board(line, clock)
        assert board.open_count > 0


def test_bulk_cases_line_weights(db, clock):
    make_bulk_cases(200, clock, line_weights={Line.EQUIPMENT: 1})

    lines = {line for (line,) in Case.select(Case.line).tuples()}
    assert lines == {Line.EQUIPMENT.value}


def test_bulk_cases_after_demo(demo):
    before = Case.select().count()

    case_ids = make_bulk_cases(50, demo)

    assert Case.select().count() == before + 50
    assert min(case_ids) > before
    assert Staff.select().count() == 4
