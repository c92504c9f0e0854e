"""Tests of the case services on a real SQLite file: register, move, end and undo, and what they write."""

import sqlite3
import time
from datetime import timedelta

import pytest

from anken_tui.clock import to_storage
from anken_tui.db import database as database_module
from anken_tui.db.database import close_database
from anken_tui.db.models import Case, Customer, StageChange
from anken_tui.db.setup import open_database
from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.domain.outcomes import Outcome
from anken_tui.errors import ConflictError, DatabaseBusyError, MoveRejectedError, NotFoundError, ValidationError
from anken_tui.services.cases import create_case, customer_search_key, move_case, undo_move
from anken_tui.services.staff import find_staff, register_staff


def _form(**changes) -> NewCaseInput:
    values = {
        "line": Line.RENTAL,
        "title": "手すりの追加レンタル",
        "customer_name": "山田 太郎",
        "customer_furigana": "やまだ たろう",
    }
    values.update(changes)
    return NewCaseInput(**values)


def _counts() -> dict[str, int]:
    return {
        "case": Case.select().count(),
        "customer": Customer.select().count(),
        "stage_change": StageChange.select().count(),
    }


def _row(case_id: int) -> dict:
    return Case.select().where(Case.id == case_id).dicts().get()


def _move(case, target, user, clock, **options):
    """Move `case` (a CaseSummary) as `user`, expecting the version the summary carries."""
    return move_case(case.id, target, expected_version=case.version, user=user, clock=clock, **options)


@pytest.fixture
def other(db, clock):
    return register_staff("佐藤", "office", clock)


@pytest.fixture
def case(staff, clock):
    """A rental case registered at 案件受付 by 山口."""
    return create_case(_form(), staff, clock)


# --- create_case ---


def test_create_writes_case_customer_and_change(staff, clock):
    summary = create_case(_form(), staff, clock)

    assert _counts() == {"case": 1, "customer": 1, "stage_change": 1}
    row = _row(summary.id)
    now = to_storage(clock.now())
    assert row["stage"] == "案件受付"
    assert row["line"] == "rental"
    assert row["sales_kind"] is None
    assert row["stage_entered_at"] == now
    assert row["owner"] == staff.id
    assert row["created_by"] == staff.id
    assert row["updated_by"] == staff.id
    assert row["version"] == 1


def test_create_records_first_stage_change(staff, clock):
    summary = create_case(_form(), staff, clock)

    change = StageChange.get()
    assert change.case_id == summary.id
    assert change.from_stage is None
    assert change.to_stage == "案件受付"
    assert change.changed_by_id == staff.id
    assert change.changed_at == to_storage(clock.now())
    assert change.is_undo is False


def test_create_stores_normalised_customer(staff, clock):
    create_case(_form(customer_name=" 山田\u3000太郎 "), staff, clock)

    customer = Customer.get()
    assert customer.name == "山田 太郎"
    assert customer.furigana == "ヤマダ タロウ"
    assert customer.search_key == "山田太郎\nヤマダタロウ"
    assert customer.search_key == customer_search_key("山田 太郎", "ヤマダ タロウ")


def test_create_returns_card(staff, clock):
    summary = create_case(_form(), staff, clock)

    assert summary.stage == "案件受付"
    assert summary.title == "手すりの追加レンタル"
    assert summary.customer_name == "山田 太郎"
    assert summary.owner_name == "山口"
    assert summary.stage_entered_on == clock.today()
    assert summary.version == 1
    assert summary.outcome is None


def test_create_sale_stores_kind(staff, clock):
    summary = create_case(_form(line=Line.SALES, sales_kind=SalesKind.SELF_PAY), staff, clock)

    assert _row(summary.id)["sales_kind"] == "self_pay"
    assert summary.sales_kind is SalesKind.SELF_PAY


def test_create_for_existing_customer(case, staff, clock):
    customer_id = Case.get_by_id(case.id).customer_id

    second = create_case(_form(line=Line.RENOVATION, title="浴室手すり", customer_id=customer_id), staff, clock)

    assert _counts() == {"case": 2, "customer": 1, "stage_change": 2}
    assert second.customer_name == "山田 太郎"


def test_create_with_other_owner(staff, other, clock):
    summary = create_case(_form(owner_id=other.id), staff, clock)

    assert summary.owner_name == "佐藤"
    assert _row(summary.id)["created_by"] == staff.id


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "件名"),
        ({"customer_furigana": "Yamada"}, "フリガナ"),
        ({"line": Line.SALES}, "介護保険/自費"),
        # These two are found inside the transaction, after the new customer was written.
        ({"owner_id": 999}, "営業担当者"),
        ({"customer_id": 999}, "顧客"),
    ],
)
def test_create_invalid_writes_nothing(staff, clock, changes, field):
    with pytest.raises(ValidationError) as raised:
        create_case(_form(**changes), staff, clock)

    assert raised.value.field == field
    assert _counts() == {"case": 0, "customer": 0, "stage_change": 0}


def test_create_logs_no_personal_data(staff, clock, caplog):
    caplog.set_level("INFO")

    create_case(_form(), staff, clock)

    assert "created case" in caplog.text
    assert "山田" not in caplog.text
    assert "ヤマダ" not in caplog.text


# --- move_case ---


def _to_work(case, user, clock):
    first = _move(case, "打合せ", user, clock)
    return _move(first.case, "作業工程", user, clock).case


def test_move_writes_case_and_change(case, other, clock):
    entered = _row(case.id)["stage_entered_at"]
    clock.advance(timedelta(hours=2))

    result = _move(case, "打合せ", other, clock)

    now = to_storage(clock.now())
    row = _row(case.id)
    assert row["stage"] == "打合せ"
    assert row["stage_entered_at"] == now
    assert row["updated_at"] == now
    assert row["updated_by"] == other.id
    assert row["version"] == 2
    change = StageChange.get_by_id(result.change_id)
    assert (change.from_stage, change.to_stage) == ("案件受付", "打合せ")
    assert change.from_entered_at == entered
    assert change.changed_by_id == other.id
    assert change.changed_at == now
    assert change.outcome is None
    assert _counts()["stage_change"] == 2


def test_move_returns_new_card(case, staff, clock):
    result = _move(case, "打合せ", staff, clock)

    assert result.from_stage == "案件受付"
    assert result.case.stage == "打合せ"
    assert result.case.version == 2


def test_self_pay_skip_writes_one_change(staff, clock):
    sale = create_case(_form(line=Line.SALES, sales_kind=SalesKind.SELF_PAY), staff, clock)

    _move(sale, "作業工程", staff, clock)

    assert _row(sale.id)["stage"] == "作業工程"
    last = StageChange.select().order_by(StageChange.id.desc()).get()
    assert (last.from_stage, last.to_stage) == ("案件受付", "作業工程")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("案件受付", "すでに案件受付にあります。"),
        ("作業工程", "打合せは飛ばせません。先に打合せへ移動してください。"),
        ("見積工程", "見積工程はこの事業区分のステージではありません。"),
        ("存在しない", "存在しないはこの事業区分のステージではありません。"),
    ],
)
def test_rejected_move_writes_nothing(case, staff, clock, target, message):
    before = _row(case.id)
    clock.advance(timedelta(hours=1))

    with pytest.raises(MoveRejectedError) as raised:
        _move(case, target, staff, clock)

    assert raised.value.message == message
    assert _row(case.id) == before
    assert _counts()["stage_change"] == 1


def test_back_too_far_names_allowed_stage(case, staff, clock):
    working = _to_work(case, staff, clock)

    with pytest.raises(MoveRejectedError) as raised:
        _move(working, "案件受付", staff, clock)

    assert raised.value.message == "戻せるのは一つ前のステージ(打合せ)までです。"
    assert _row(case.id)["stage"] == "作業工程"


def test_stale_version_names_other_staff(case, staff, other, clock):
    clock.advance(timedelta(minutes=5))
    _move(case, "打合せ", other, clock)
    before = _row(case.id)

    with pytest.raises(ConflictError) as raised:
        _move(case, "打合せ", staff, clock)

    # 佐藤 moved the case at 10:05 on 3/2, office time.
    assert "佐藤さん" in raised.value.message
    assert "3/2 10:05" in raised.value.message
    assert _row(case.id) == before
    assert _counts()["stage_change"] == 2


def test_move_missing_case(db, staff, clock):
    with pytest.raises(NotFoundError):
        move_case(999, "打合せ", expected_version=1, user=staff, clock=clock)


def test_finish_needs_outcome(case, staff, clock):
    working = _to_work(case, staff, clock)
    before = _row(case.id)

    with pytest.raises(ValidationError) as raised:
        _move(working, "案件完了", staff, clock)

    assert raised.value.field == "結果"
    assert _row(case.id) == before
    assert _counts()["stage_change"] == 3


@pytest.mark.parametrize("reason", ["", " \u3000 "])
def test_declined_needs_reason(case, staff, clock, reason):
    working = _to_work(case, staff, clock)
    before = _row(case.id)

    with pytest.raises(ValidationError) as raised:
        _move(working, "案件完了", staff, clock, outcome=Outcome.DECLINED, reason=reason)

    assert raised.value.field == "理由"
    assert "お断り" in raised.value.message
    assert _row(case.id) == before
    assert _counts()["stage_change"] == 3


def test_won_needs_no_reason(case, staff, clock):
    working = _to_work(case, staff, clock)

    result = _move(working, "案件完了", staff, clock, outcome=Outcome.WON)

    row = _row(case.id)
    assert (row["stage"], row["outcome"], row["outcome_reason"]) == ("案件完了", "won", None)
    change = StageChange.get_by_id(result.change_id)
    assert (change.outcome, change.outcome_reason) == ("won", None)
    assert result.case.outcome == "won"


def test_end_early_stores_outcome_and_reason(case, staff, clock):
    _move(case, "案件完了", staff, clock, outcome=Outcome.NO_CONTACT, reason="  3回電話したが不通  ")

    row = _row(case.id)
    assert (row["stage"], row["outcome"], row["outcome_reason"]) == ("案件完了", "no_contact", "3回電話したが不通")
    change = StageChange.select().order_by(StageChange.id.desc()).get()
    assert (change.outcome, change.outcome_reason) == ("no_contact", "3回電話したが不通")


def test_end_early_cannot_be_won(case, staff, clock):
    before = _row(case.id)

    with pytest.raises(ValidationError) as raised:
        _move(case, "案件完了", staff, clock, outcome=Outcome.WON)

    assert raised.value.field == "結果"
    assert _row(case.id) == before
    assert _counts()["stage_change"] == 1


def test_outcome_ignored_before_completion(case, staff, clock):
    result = _move(case, "打合せ", staff, clock, outcome=Outcome.DECLINED, reason="入力ミス")

    row = _row(case.id)
    assert (row["outcome"], row["outcome_reason"]) == (None, None)
    change = StageChange.get_by_id(result.change_id)
    assert (change.outcome, change.outcome_reason) == (None, None)


def test_back_out_of_completed_clears_outcome(case, staff, clock):
    working = _to_work(case, staff, clock)
    done = _move(working, "案件完了", staff, clock, outcome=Outcome.WON).case

    _move(done, "作業工程", staff, clock)

    row = _row(case.id)
    assert (row["stage"], row["outcome"], row["outcome_reason"]) == ("作業工程", None, None)


# --- undo_move ---


def test_undo_restores_stage_and_entry_time(case, staff, clock):
    entered = _row(case.id)["stage_entered_at"]
    clock.advance(timedelta(days=3))
    moved = _move(case, "打合せ", staff, clock)
    clock.advance(timedelta(minutes=1))

    undone = undo_move(moved.change_id, expected_version=moved.case.version, user=staff, clock=clock)

    row = _row(case.id)
    assert row["stage"] == "案件受付"
    assert row["stage_entered_at"] == entered
    assert row["updated_at"] == to_storage(clock.now())
    assert row["version"] == 3
    assert undone.case.stage == "案件受付"
    assert undone.from_stage == "打合せ"


def test_undo_adds_undo_row(case, staff, other, clock):
    moved = _move(case, "打合せ", staff, clock)

    undone = undo_move(moved.change_id, expected_version=moved.case.version, user=other, clock=clock)

    changes = list(StageChange.select().order_by(StageChange.id))
    assert [(c.from_stage, c.to_stage, c.is_undo) for c in changes] == [
        (None, "案件受付", False),
        ("案件受付", "打合せ", False),
        ("打合せ", "案件受付", True),
    ]
    assert changes[-1].id == undone.change_id
    assert changes[-1].changed_by_id == other.id


def test_undo_ending_clears_outcome(case, staff, clock):
    ended = _move(case, "案件完了", staff, clock, outcome=Outcome.CANCELLED, reason="入院のため")

    undo_move(ended.change_id, expected_version=ended.case.version, user=staff, clock=clock)

    row = _row(case.id)
    assert (row["stage"], row["outcome"], row["outcome_reason"]) == ("案件受付", None, None)


def test_undo_back_out_of_completed_restores_outcome(case, staff, clock):
    working = _to_work(case, staff, clock)
    done = _move(working, "案件完了", staff, clock, outcome=Outcome.OTHER, reason="他社で購入").case
    done_entered = _row(case.id)["stage_entered_at"]
    clock.advance(timedelta(days=1))
    reopened = _move(done, "作業工程", staff, clock)

    undo_move(reopened.change_id, expected_version=reopened.case.version, user=staff, clock=clock)

    row = _row(case.id)
    assert (row["stage"], row["outcome"], row["outcome_reason"]) == ("案件完了", "other", "他社で購入")
    assert row["stage_entered_at"] == done_entered
    last = StageChange.select().order_by(StageChange.id.desc()).get()
    assert (last.outcome, last.outcome_reason, last.is_undo) == ("other", "他社で購入", True)


def test_undo_refused_after_other_move(case, staff, other, clock):
    moved = _move(case, "打合せ", staff, clock)
    _move(moved.case, "作業工程", other, clock)
    before = _row(case.id)

    with pytest.raises(ConflictError):
        undo_move(moved.change_id, expected_version=moved.case.version, user=staff, clock=clock)

    assert _row(case.id) == before
    assert _counts()["stage_change"] == 3


def test_undo_refused_after_round_trip(case, staff, other, clock):
    # Someone else moved the case on and back: same stage, but a newer version.
    moved = _move(case, "打合せ", staff, clock)
    on = _move(moved.case, "作業工程", other, clock)
    _move(on.case, "打合せ", other, clock)
    before = _row(case.id)

    with pytest.raises(ConflictError):
        undo_move(moved.change_id, expected_version=moved.case.version, user=staff, clock=clock)

    assert _row(case.id) == before


def test_undo_of_registration_refused(case, staff, clock):
    first = StageChange.get()

    with pytest.raises(NotFoundError):
        undo_move(first.id, expected_version=1, user=staff, clock=clock)

    assert _row(case.id)["stage"] == "案件受付"


def test_undo_missing_change(case, staff, clock):
    with pytest.raises(NotFoundError):
        undo_move(999, expected_version=1, user=staff, clock=clock)


# --- a database locked by another writer ---


@pytest.fixture
def impatient_db(monkeypatch, database_path):
    """The database opened with a busy timeout of 200 ms, so a held lock fails fast."""
    monkeypatch.setitem(database_module.SQLITE_PRAGMAS, "busy_timeout", 200)
    database = open_database(database_path)
    yield database
    close_database()


@pytest.fixture
def writer_lock(database_path):
    """A second connection that holds the write lock until the test releases it."""
    connection = sqlite3.connect(database_path, isolation_level=None, timeout=0)
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def test_busy_database_writes_nothing(impatient_db, writer_lock, clock):
    user = register_staff("山口", "sales", clock)
    case = create_case(_form(), user, clock)
    before = _row(case.id)
    writer_lock.execute("BEGIN IMMEDIATE")

    started = time.monotonic()
    with pytest.raises(DatabaseBusyError) as raised:
        _move(case, "打合せ", user, clock)
    waited = time.monotonic() - started

    assert "何も保存されていません" in raised.value.message
    assert 0.15 < waited < 3
    writer_lock.execute("ROLLBACK")
    assert _row(case.id) == before
    assert _counts()["stage_change"] == 1


def test_move_succeeds_once_lock_released(impatient_db, writer_lock, clock):
    user = register_staff("山口", "sales", clock)
    case = create_case(_form(), user, clock)
    writer_lock.execute("BEGIN IMMEDIATE")
    with pytest.raises(DatabaseBusyError):
        _move(case, "打合せ", user, clock)
    writer_lock.execute("ROLLBACK")

    result = _move(case, "打合せ", user, clock)

    assert result.case.stage == "打合せ"
    assert _counts()["stage_change"] == 2


# --- staff lookup, which every service call starts from ---


def test_find_staff_matches_registered_spacing(db, clock):
    register_staff("山口\u3000太郎", "sales", clock)

    assert find_staff("山口\u3000太郎").name == "山口 太郎"
    assert find_staff(" 山口  太郎 ").name == "山口 太郎"
    assert find_staff("山口") is None


def test_register_staff_twice_returns_same_row(db, clock):
    first = register_staff("山口", "sales", clock)

    assert register_staff(" 山口 ", "office", clock) == first


@pytest.mark.parametrize(("name", "role", "field"), [("", "sales", "名前"), ("山" * 51, "sales", "名前"), ("山口", "boss", "役割")])
def test_register_staff_invalid(db, clock, name, role, field):
    with pytest.raises(ValidationError) as raised:
        register_staff(name, role, clock)

    assert raised.value.field == field
