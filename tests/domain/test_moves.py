"""Table-driven tests of the stage-move rules: every ordered pair of stages of every line.

Each table is written out by hand from the company's manual, one row per current
stage and one cell per target stage in the order of the line's stages. The cells:

    SAME         rejected, SAME_STAGE
    TOO_FAR      rejected, BACK_TOO_FAR (more than one stage back)
    PAST_END     rejected, PAST_COMPLETED (from 案件完了, anything but one back)
    NOT_IN_FLOW  rejected, NOT_IN_FLOW (事後申請中 for a self-pay sale)
    blocked(s)   rejected, SKIP_NOT_ALLOWED, because stage s may not be skipped
    NEXT         allowed, the next stage, no outcome
    FINISH       allowed, the next stage is 案件完了: every outcome, 成約 included
    BACK         allowed, one stage back (a correction)
    skip(s, ...) allowed forward skip over the stages s, which the user confirms
    EARLY        allowed, ending early at 案件完了: every outcome but 成約
"""

from dataclasses import dataclass

import pytest

from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.moves import (
    MoveKind,
    Rejection,
    allowed_targets,
    check_move,
    next_stage,
    previous_stage,
)

EVERY_OUTCOME = ("成約", "お断り", "キャンセル", "連絡不通", "その他")
EARLY_OUTCOMES = ("お断り", "キャンセル", "連絡不通", "その他")


@dataclass(frozen=True)
class Expected:
    """The expected result of check_move for one (current, target) pair."""

    rejection: Rejection | None = None
    kind: MoveKind | None = None
    skipped: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    blocking: str | None = None


SAME = Expected(rejection=Rejection.SAME_STAGE)
TOO_FAR = Expected(rejection=Rejection.BACK_TOO_FAR)
PAST_END = Expected(rejection=Rejection.PAST_COMPLETED)
NOT_IN_FLOW = Expected(rejection=Rejection.NOT_IN_FLOW)
NEXT = Expected(kind=MoveKind.NEXT)
FINISH = Expected(kind=MoveKind.NEXT, outcomes=EVERY_OUTCOME)
BACK = Expected(kind=MoveKind.BACK)
EARLY = Expected(kind=MoveKind.END_EARLY, outcomes=EARLY_OUTCOMES)


def blocked(stage: str) -> Expected:
    return Expected(rejection=Rejection.SKIP_NOT_ALLOWED, blocking=stage)


def skip(*stages: str) -> Expected:
    return Expected(kind=MoveKind.SKIP, skipped=stages)


def skip_to_end(*stages: str) -> Expected:
    return Expected(kind=MoveKind.SKIP, skipped=stages, outcomes=EVERY_OUTCOME)


RENTAL_STAGES = ("案件受付", "打合せ", "作業工程", "案件完了")
RENTAL_MOVES = {
    "案件受付": (SAME, NEXT, blocked("打合せ"), EARLY),
    "打合せ": (BACK, SAME, NEXT, EARLY),
    "作業工程": (TOO_FAR, BACK, SAME, FINISH),
    "案件完了": (PAST_END, PAST_END, BACK, SAME),
}

SALES_STAGES = ("案件受付", "打合せ", "見積工程", "作業工程", "事後申請中", "案件完了")
# 介護保険: 見積工程 may be skipped (sales rarely need a quote), and so may
# 事後申請中 on the way to 案件完了 (the manual: a sale seldom stays there).
INSURED_SALES_MOVES = {
    "案件受付": (SAME, NEXT, blocked("打合せ"), blocked("打合せ"), blocked("打合せ"), EARLY),
    "打合せ": (BACK, SAME, NEXT, skip("見積工程"), blocked("作業工程"), EARLY),
    "見積工程": (TOO_FAR, BACK, SAME, NEXT, blocked("作業工程"), EARLY),
    "作業工程": (TOO_FAR, TOO_FAR, BACK, SAME, NEXT, skip_to_end("事後申請中")),
    "事後申請中": (TOO_FAR, TOO_FAR, TOO_FAR, BACK, SAME, FINISH),
    "案件完了": (PAST_END, PAST_END, PAST_END, PAST_END, BACK, SAME),
}
# 自費: 打合せ and 見積工程 may be skipped, and there is no 事後申請中. A case still
# in 事後申請中 (its kind changed to 自費 there) may go one back or on to 案件完了.
SELF_PAY_SALES_MOVES = {
    "案件受付": (SAME, NEXT, skip("打合せ"), skip("打合せ", "見積工程"), NOT_IN_FLOW, EARLY),
    "打合せ": (BACK, SAME, NEXT, skip("見積工程"), NOT_IN_FLOW, EARLY),
    "見積工程": (TOO_FAR, BACK, SAME, NEXT, NOT_IN_FLOW, EARLY),
    "作業工程": (TOO_FAR, TOO_FAR, BACK, SAME, NOT_IN_FLOW, FINISH),
    "事後申請中": (TOO_FAR, TOO_FAR, TOO_FAR, BACK, SAME, FINISH),
    "案件完了": (PAST_END, PAST_END, PAST_END, BACK, NOT_IN_FLOW, SAME),
}

RENOVATION_STAGES = (
    "案件受付",
    "打合せ",
    "見積工程",
    "受注待ち",
    "事前申請中",
    "作業工程",
    "請求工程",
    "請求書提出済",
    "事後申請中",
    "案件完了",
)
RENOVATION_MOVES = {
    "案件受付": (
        SAME, NEXT, blocked("打合せ"), blocked("打合せ"), blocked("打合せ"),
        blocked("打合せ"), blocked("打合せ"), blocked("打合せ"), blocked("打合せ"), EARLY,
    ),
    "打合せ": (
        BACK, SAME, NEXT, blocked("見積工程"), blocked("見積工程"),
        blocked("見積工程"), blocked("見積工程"), blocked("見積工程"), blocked("見積工程"), EARLY,
    ),
    "見積工程": (
        TOO_FAR, BACK, SAME, NEXT, blocked("受注待ち"),
        blocked("受注待ち"), blocked("受注待ち"), blocked("受注待ち"), blocked("受注待ち"), EARLY,
    ),
    "受注待ち": (
        TOO_FAR, TOO_FAR, BACK, SAME, NEXT,
        blocked("事前申請中"), blocked("事前申請中"), blocked("事前申請中"), blocked("事前申請中"), EARLY,
    ),
    "事前申請中": (
        TOO_FAR, TOO_FAR, TOO_FAR, BACK, SAME,
        NEXT, blocked("作業工程"), blocked("作業工程"), blocked("作業工程"), EARLY,
    ),
    "作業工程": (
        TOO_FAR, TOO_FAR, TOO_FAR, TOO_FAR, BACK,
        SAME, NEXT, blocked("請求工程"), blocked("請求工程"), EARLY,
    ),
    "請求工程": (
        TOO_FAR, TOO_FAR, TOO_FAR, TOO_FAR, TOO_FAR,
        BACK, SAME, NEXT, blocked("請求書提出済"), EARLY,
    ),
    "請求書提出済": (
        TOO_FAR, TOO_FAR, TOO_FAR, TOO_FAR, TOO_FAR,
        TOO_FAR, BACK, SAME, NEXT, EARLY,
    ),
    "事後申請中": (
        TOO_FAR, TOO_FAR, TOO_FAR, TOO_FAR, TOO_FAR,
        TOO_FAR, TOO_FAR, BACK, SAME, FINISH,
    ),
    "案件完了": (
        PAST_END, PAST_END, PAST_END, PAST_END, PAST_END,
        PAST_END, PAST_END, PAST_END, BACK, SAME,
    ),
}

EQUIPMENT_STAGES = ("案件受付", "打合せ", "見積工程", "受注待ち", "作業工程", "請求工程", "請求書提出済", "案件完了")
EQUIPMENT_MOVES = {
    "案件受付": (
        SAME, NEXT, blocked("打合せ"), blocked("打合せ"),
        blocked("打合せ"), blocked("打合せ"), blocked("打合せ"), EARLY,
    ),
    "打合せ": (
        BACK, SAME, NEXT, blocked("見積工程"),
        blocked("見積工程"), blocked("見積工程"), blocked("見積工程"), EARLY,
    ),
    "見積工程": (
        TOO_FAR, BACK, SAME, NEXT,
        blocked("受注待ち"), blocked("受注待ち"), blocked("受注待ち"), EARLY,
    ),
    "受注待ち": (
        TOO_FAR, TOO_FAR, BACK, SAME,
        NEXT, blocked("作業工程"), blocked("作業工程"), EARLY,
    ),
    "作業工程": (
        TOO_FAR, TOO_FAR, TOO_FAR, BACK,
        SAME, NEXT, blocked("請求工程"), EARLY,
    ),
    "請求工程": (
        TOO_FAR, TOO_FAR, TOO_FAR, TOO_FAR,
        BACK, SAME, NEXT, EARLY,
    ),
    "請求書提出済": (
        TOO_FAR, TOO_FAR, TOO_FAR, TOO_FAR,
        TOO_FAR, BACK, SAME, FINISH,
    ),
    "案件完了": (
        PAST_END, PAST_END, PAST_END, PAST_END,
        PAST_END, PAST_END, BACK, SAME,
    ),
}

# (line, kind, stages of the line, table) for every kind of case.
TABLES = [
    (Line.RENTAL, None, RENTAL_STAGES, RENTAL_MOVES),
    (Line.SALES, SalesKind.INSURANCE, SALES_STAGES, INSURED_SALES_MOVES),
    (Line.SALES, SalesKind.SELF_PAY, SALES_STAGES, SELF_PAY_SALES_MOVES),
    (Line.RENOVATION, None, RENOVATION_STAGES, RENOVATION_MOVES),
    (Line.EQUIPMENT, None, EQUIPMENT_STAGES, EQUIPMENT_MOVES),
]


def _cases():
    for line, kind, stages, table in TABLES:
        for current, row in table.items():
            for target, expected in zip(stages, row, strict=True):
                name = f"{line.value}-{kind.value if kind else 'all'}-{current}-{target}"
                yield pytest.param(line, kind, current, target, expected, id=name)


def _actual(check) -> Expected:
    return Expected(
        rejection=check.rejection,
        kind=check.kind if check.allowed else None,
        skipped=check.skipped,
        outcomes=tuple(outcome.label for outcome in check.outcomes),
        blocking=check.blocking_stage,
    )


@pytest.mark.parametrize(("line", "kind", "stages", "table"), TABLES, ids=lambda value: str(value))
def test_table_covers_every_pair(line, kind, stages, table):
    assert tuple(table) == stages
    for row in table.values():
        assert len(row) == len(stages)


@pytest.mark.parametrize(("line", "kind", "current", "target", "expected"), _cases())
def test_check_move(line, kind, current, target, expected):
    check = check_move(line, kind, current, target)

    assert _actual(check) == expected
    assert check.allowed is (expected.rejection is None)
    assert check.current == current
    assert check.target == target
    assert check.needs_outcome is bool(expected.outcomes)
    assert check.needs_confirmation is bool(expected.skipped)


# The manual's own examples of ending a case before its last stage.
def test_equipment_declined_after_site_survey():
    check = check_move(Line.EQUIPMENT, None, "打合せ", "案件完了")

    assert check.kind is MoveKind.END_EARLY
    assert "お断り" in [outcome.label for outcome in check.outcomes]
    assert "成約" not in [outcome.label for outcome in check.outcomes]


def test_renovation_closed_without_progress():
    check = check_move(Line.RENOVATION, None, "案件受付", "案件完了")

    assert check.kind is MoveKind.END_EARLY
    assert "成約" not in [outcome.label for outcome in check.outcomes]


def test_insured_sale_skips_post_application():
    check = check_move(Line.SALES, SalesKind.INSURANCE, "作業工程", "案件完了")

    assert check.allowed
    assert check.kind is MoveKind.SKIP
    assert check.skipped == ("事後申請中",)
    assert tuple(outcome.label for outcome in check.outcomes) == EVERY_OUTCOME


def test_completed_case_reopens_where_it_ended():
    # A renovation closed early from 案件受付 goes back there, not to 事後申請中.
    check = check_move(Line.RENOVATION, None, "案件完了", "案件受付", reopen_to="案件受付")
    assert check.allowed
    assert check.kind is MoveKind.BACK
    assert previous_stage(Line.RENOVATION, None, "案件完了", reopen_to="案件受付") == "案件受付"


def test_completed_case_reopen_other_stage_rejected():
    check = check_move(Line.RENOVATION, None, "案件完了", "打合せ", reopen_to="案件受付")
    assert check.rejection is Rejection.PAST_COMPLETED


def test_reopen_ignored_before_completion():
    check = check_move(Line.RENTAL, None, "作業工程", "案件受付", reopen_to="案件受付")
    assert check.rejection is Rejection.BACK_TOO_FAR


def test_allowed_targets_from_completed_use_reopen():
    targets = [c.target for c in allowed_targets(Line.RENOVATION, None, "案件完了", reopen_to="打合せ")]
    assert targets == ["打合せ"]


@pytest.mark.parametrize(
    ("line", "current", "target"),
    [
        (Line.RENTAL, "見積工程", "打合せ"),
        (Line.RENTAL, "打合せ", "見積工程"),
        (Line.EQUIPMENT, "作業工程", "事後申請中"),
        (Line.RENTAL, "案件受付", "受付"),
        (Line.RENTAL, "", "打合せ"),
    ],
)
def test_stage_outside_line_is_unknown(line, current, target):
    check = check_move(line, None, current, target)

    assert check.rejection is Rejection.UNKNOWN_STAGE
    assert not check.allowed


@pytest.mark.parametrize(("line", "kind", "stages", "table"), TABLES, ids=lambda value: str(value))
def test_allowed_targets_follow_table(line, kind, stages, table):
    for current, row in table.items():
        expected = [target for target, cell in zip(stages, row) if cell.rejection is None]

        checks = allowed_targets(line, kind, current)

        assert [check.target for check in checks] == expected, current
        assert all(check.allowed for check in checks)


def test_allowed_targets_from_rental_reception():
    checks = allowed_targets(Line.RENTAL, None, "案件受付")

    assert [(check.target, check.kind) for check in checks] == [
        ("打合せ", MoveKind.NEXT),
        ("案件完了", MoveKind.END_EARLY),
    ]


# (line, kind, current, next stage, previous stage)
NEIGHBOURS = [
    (Line.RENTAL, None, "案件受付", "打合せ", None),
    (Line.RENTAL, None, "打合せ", "作業工程", "案件受付"),
    (Line.RENTAL, None, "作業工程", "案件完了", "打合せ"),
    (Line.RENTAL, None, "案件完了", None, "作業工程"),
    (Line.SALES, SalesKind.INSURANCE, "案件受付", "打合せ", None),
    (Line.SALES, SalesKind.INSURANCE, "打合せ", "見積工程", "案件受付"),
    (Line.SALES, SalesKind.INSURANCE, "見積工程", "作業工程", "打合せ"),
    (Line.SALES, SalesKind.INSURANCE, "作業工程", "事後申請中", "見積工程"),
    (Line.SALES, SalesKind.INSURANCE, "事後申請中", "案件完了", "作業工程"),
    (Line.SALES, SalesKind.INSURANCE, "案件完了", None, "事後申請中"),
    (Line.SALES, SalesKind.SELF_PAY, "案件受付", "打合せ", None),
    (Line.SALES, SalesKind.SELF_PAY, "打合せ", "見積工程", "案件受付"),
    (Line.SALES, SalesKind.SELF_PAY, "見積工程", "作業工程", "打合せ"),
    (Line.SALES, SalesKind.SELF_PAY, "作業工程", "案件完了", "見積工程"),
    # A case that became 自費 while in 事後申請中 moves on as check_move allows it.
    (Line.SALES, SalesKind.SELF_PAY, "事後申請中", "案件完了", "作業工程"),
    (Line.SALES, SalesKind.SELF_PAY, "案件完了", None, "作業工程"),
    (Line.RENOVATION, None, "案件受付", "打合せ", None),
    (Line.RENOVATION, None, "打合せ", "見積工程", "案件受付"),
    (Line.RENOVATION, None, "見積工程", "受注待ち", "打合せ"),
    (Line.RENOVATION, None, "受注待ち", "事前申請中", "見積工程"),
    (Line.RENOVATION, None, "事前申請中", "作業工程", "受注待ち"),
    (Line.RENOVATION, None, "作業工程", "請求工程", "事前申請中"),
    (Line.RENOVATION, None, "請求工程", "請求書提出済", "作業工程"),
    (Line.RENOVATION, None, "請求書提出済", "事後申請中", "請求工程"),
    (Line.RENOVATION, None, "事後申請中", "案件完了", "請求書提出済"),
    (Line.RENOVATION, None, "案件完了", None, "事後申請中"),
    (Line.EQUIPMENT, None, "案件受付", "打合せ", None),
    (Line.EQUIPMENT, None, "打合せ", "見積工程", "案件受付"),
    (Line.EQUIPMENT, None, "見積工程", "受注待ち", "打合せ"),
    (Line.EQUIPMENT, None, "受注待ち", "作業工程", "見積工程"),
    (Line.EQUIPMENT, None, "作業工程", "請求工程", "受注待ち"),
    (Line.EQUIPMENT, None, "請求工程", "請求書提出済", "作業工程"),
    (Line.EQUIPMENT, None, "請求書提出済", "案件完了", "請求工程"),
    (Line.EQUIPMENT, None, "案件完了", None, "請求書提出済"),
]


@pytest.mark.parametrize(("line", "kind", "current", "after", "before"), NEIGHBOURS)
def test_next_and_previous_stage(line, kind, current, after, before):
    assert next_stage(line, kind, current) == after
    assert previous_stage(line, kind, current) == before


def test_neighbours_of_unknown_stage():
    assert next_stage(Line.RENTAL, None, "見積工程") is None
    assert previous_stage(Line.RENTAL, None, "見積工程") is None
