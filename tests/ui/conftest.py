"""Fixtures of the board UI tests: a frozen clock, a database of cases made through the services, an app factory."""

import gc
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest

from anken_tui.app import AnkenApp
from anken_tui.clock import JST, FrozenClock
from anken_tui.domain.lines import COMPLETED, RECEIVED, Line, SalesKind
from anken_tui.domain.moves import next_stage
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.domain.outcomes import Outcome
from anken_tui.services.cases import create_case, move_case
from anken_tui.services.staff import register_staff
from anken_tui.services.summaries import CaseSummary, StaffRef

# Friday 4 December 2026, 10:00 in the office.
BOARD_NOW = datetime(2026, 12, 4, 10, 0, tzinfo=JST)

USER_NAME = "山口"


@dataclass
class BoardData:
    """The staff and cases of the board fixture, by a short name each test can refer to."""

    user: StaffRef
    other: StaffRef
    cases: dict[str, CaseSummary] = field(default_factory=dict)

    def id(self, name: str) -> int:
        return self.cases[name].id


class CaseMaker:
    """Registers a case some days ago and walks it to its stage with the services, one day per stage."""

    def __init__(self, user: StaffRef, owner: StaffRef) -> None:
        self.user = user
        self.owner = owner

    def make(
        self,
        line: Line,
        title: str,
        customer: tuple[str, str],
        stage: str = RECEIVED,
        *,
        days_ago: int = 0,
        kind: SalesKind | None = None,
        outcome: Outcome = Outcome.WON,
    ) -> CaseSummary:
        """Return the case, which entered `stage` `days_ago` days before BOARD_NOW."""
        name, furigana = customer
        form = NewCaseInput(
            line=line, title=title, sales_kind=kind, customer_name=name, customer_furigana=furigana,
            owner_id=self.owner.id,
        )
        steps = _steps_to(line, kind, stage)
        clock = FrozenClock(BOARD_NOW - timedelta(days=days_ago + len(steps)))
        case = create_case(form, self.user, clock)
        for target in steps:
            clock.advance(timedelta(days=1))
            ending = target == COMPLETED
            case = move_case(
                case.id, target, expected_version=case.version, user=self.user, clock=clock,
                outcome=outcome if ending else None, reason="" if outcome is Outcome.WON else "テスト用の理由",
            ).case
        return case


def _steps_to(line: Line, kind: SalesKind | None, stage: str) -> list[str]:
    steps = []
    current = RECEIVED
    while current != stage:
        current = next_stage(line, kind, current)
        steps.append(current)
    return steps


@pytest.fixture(autouse=True)
def thawed_heap():
    """Undo the board's gc.freeze() after each test, so one test's app can be collected in the next."""
    yield
    gc.unfreeze()


@pytest.fixture
def board_clock() -> FrozenClock:
    return FrozenClock(BOARD_NOW)


@pytest.fixture
def board_data(db) -> BoardData:
    """A few cases on every board, with varied stages and days in stage."""
    user = register_staff(USER_NAME, "sales", FrozenClock(BOARD_NOW - timedelta(days=400)))
    other = register_staff("佐藤 健一", "sales", FrozenClock(BOARD_NOW - timedelta(days=400)))
    data = BoardData(user=user, other=other)
    mine, theirs = CaseMaker(user, user), CaseMaker(user, other)

    rental = Line.RENTAL
    data.cases["urgent"] = mine.make(rental, "[至急] 手すり", ("山田 花子", "ヤマダ ハナコ"), days_ago=3)
    data.cases["rental_new"] = theirs.make(rental, "車いすレンタル追加", ("鈴木 一郎", "スズキ イチロウ"), days_ago=12)
    data.cases["rental_meeting"] = mine.make(rental, "介護ベッド入替", ("高橋 美智子", "タカハシ ミチコ"), "打合せ", days_ago=5)
    data.cases["rental_work"] = theirs.make(rental, "サイドレール交換", ("田中 正", "タナカ タダシ"), "作業工程", days_ago=9)
    data.cases["rental_done"] = mine.make(rental, "歩行器レンタル", ("伊藤 和子", "イトウ カズコ"), COMPLETED, days_ago=2)
    data.cases["rental_old_done"] = mine.make(rental, "スロープ", ("渡辺 清", "ワタナベ キヨシ"), COMPLETED, days_ago=90)

    sales = Line.SALES
    data.cases["self_pay_meeting"] = mine.make(
        sales, "シャワーチェア購入", ("小林 恵子", "コバヤシ ケイコ"), "打合せ", days_ago=4, kind=SalesKind.SELF_PAY
    )
    data.cases["insured_work"] = theirs.make(
        sales, "ポータブルトイレ購入", ("加藤 茂", "カトウ シゲル"), "作業工程", days_ago=6, kind=SalesKind.INSURANCE
    )
    data.cases["insured_new"] = mine.make(
        sales, "入浴用いす", ("吉田 幸子", "ヨシダ サチコ"), days_ago=1, kind=SalesKind.INSURANCE
    )

    renovation = Line.RENOVATION
    data.cases["long_names"] = theirs.make(
        renovation, "浴室の段差解消と手すり設置工事(二階の廊下を含む)", ("長谷川 久美子左衛門", "ハセガワ クミコ"), days_ago=15
    )
    data.cases["pre_application"] = mine.make(
        renovation, "玄関スロープ工事", ("山本 勇", "ヤマモト イサム"), "事前申請中", days_ago=8
    )
    data.cases["renovation_invoice"] = theirs.make(
        renovation, "トイレ手すり", ("中村 節子", "ナカムラ セツコ"), "請求書提出済", days_ago=21
    )
    data.cases["renovation_declined"] = mine.make(
        renovation, "洋式便器への取替", ("松本 清", "マツモト キヨシ"), COMPLETED, days_ago=3, outcome=Outcome.DECLINED
    )

    equipment = Line.EQUIPMENT
    data.cases["equipment_meeting"] = theirs.make(
        equipment, "階段昇降機の設置", ("井上 和夫", "イノウエ カズオ"), "打合せ", days_ago=7
    )
    data.cases["equipment_quote"] = mine.make(
        equipment, "浴室暖房の設置", ("木村 春子", "キムラ ハルコ"), "見積工程", days_ago=2
    )
    return data


@pytest.fixture
def case_maker(board_data) -> CaseMaker:
    """Makes more cases owned by 佐藤 健一 and registered by the user."""
    return CaseMaker(board_data.user, board_data.other)


@pytest.fixture
def make_app(board_clock):
    """Build the app on the fixture database, as the CLI would after opening it.

    The app does not poll for changes made elsewhere unless a test turns it on:
    a poll that lands mid-test reloads the board and the pane at a moment the test
    cannot predict. The tests of live changes turn it on.
    """

    def factory(**options) -> AnkenApp:
        options.setdefault("clock", board_clock)
        options.setdefault("user_name", USER_NAME)
        options.setdefault("change_poll_seconds", None)
        return AnkenApp(**options)

    return factory
