"""Stale cases for the stale-view tests, added to the board fixture's cases (none of which is stale)."""

from datetime import date, datetime

from anken_tui.db.models import Note
from anken_tui.domain.lines import AWAITING_ORDER, POST_APPLICATION, QUOTING, RECEIVED, WORK, Line, SalesKind
from tests.ui.conftest import BoardData, CaseMaker

# The date of the one note, the last activity shown for the oldest rental.
NOTE_DAY = date(2026, 11, 20)


def add_stale_cases(data: BoardData) -> None:
    """Add six stale cases to `data.cases`, by name; the comments give the business days on Fri 2026/12/04.

    Business days skip the weekends and the holidays 文化の日 (11/3) and 勤労感謝の日 (11/23).
    """
    mine, theirs = CaseMaker(data.user, data.user), CaseMaker(data.user, data.other)
    # 設備 受注待ち since Sun 10/25: 28 business days, threshold 15, 13 over.
    data.cases["stale_equipment"] = mine.make(
        Line.EQUIPMENT, "エアコン交換", ("森 一郎", "モリ イチロウ"), AWAITING_ORDER, days_ago=40
    )
    # レンタル 案件受付 since Wed 11/4: 21 business days, threshold 10, 11 over.
    data.cases["stale_rental"] = mine.make(Line.RENTAL, "[至急] 車いす", ("石田 芳子", "イシダ ヨシコ"), days_ago=30)
    # レンタル 作業工程 since Mon 11/9: 18 business days, threshold 10, 8 over.
    data.cases["stale_rental_work"] = theirs.make(
        Line.RENTAL, "特殊寝台の納品", ("西村 正夫", "ニシムラ マサオ"), WORK, days_ago=25
    )
    # 住宅改修 見積工程 since Sat 11/14: 14 business days, threshold 7, 7 over.
    data.cases["stale_quote"] = theirs.make(
        Line.RENOVATION, "浴室手すり工事", ("岡田 俊子", "オカダ トシコ"), QUOTING, days_ago=20
    )
    # 福祉用具販売 事後申請中 since Fri 11/27: 5 business days, threshold 2, 3 over.
    data.cases["stale_post"] = mine.make(
        Line.SALES, "入浴台の購入", ("前田 茂", "マエダ シゲル"), POST_APPLICATION, days_ago=7, kind=SalesKind.INSURANCE
    )
    # 住宅改修 案件受付 since Wed 11/18: 11 business days, threshold 10, 1 over.
    data.cases["stale_renovation"] = mine.make(
        Line.RENOVATION, "玄関の段差解消", ("藤田 実", "フジタ ミノル"), RECEIVED, days_ago=16
    )
    Note.create(
        case=data.id("stale_rental"), written_on=NOTE_DAY, author=data.user.id, text="ケアマネに電話",
        created_at=datetime(2026, 11, 20, 1, 0),
    )


# Most overdue first.
STALE_ORDER = ["stale_equipment", "stale_rental", "stale_rental_work", "stale_quote", "stale_post", "stale_renovation"]
