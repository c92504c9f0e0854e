"""Snapshot tests of the board with the case detail pane open, drawn from the fixture database with a frozen clock."""

from datetime import timedelta

import pytest

from anken_tui.clock import FrozenClock
from anken_tui.db.models import Customer
from anken_tui.services.activities import log_activity
from anken_tui.services.customers import create_care_manager, create_care_office, set_customer_care_manager
from anken_tui.services.notes import add_note
from tests.ui.conftest import BOARD_NOW


@pytest.fixture
def detailed_case(board_data, board_clock) -> int:
    """The [至急] 手すり case with a customer record, a care manager, two notes and a 確認 activity."""
    case_id = board_data.id("urgent")
    customer = Customer.get(Customer.name == "山田 花子")
    Customer.update(phone="0745-82-1234", city="宇陀市").where(Customer.id == customer.id).execute()
    office = create_care_office("榛原ケアプランセンター", "0745-82-0000")
    manager = create_care_manager("森 美香", "モリ ミカ", office.id)
    set_customer_care_manager(customer.id, manager.id, user=board_data.user, clock=board_clock)

    yesterday = FrozenClock(BOARD_NOW - timedelta(days=1))
    add_note(case_id, "ケアマネから電話。玄関に手すりがほしい、とのこと。", board_data.other, yesterday)
    add_note(case_id, "12/8 14時に訪問して打合せ。[至急] の対応。", board_data.user, board_clock)
    log_activity(case_id, "check", "12/4", None, "ケアマネに打合せ日を確認", "12/8", user=board_data.user, clock=board_clock)
    return case_id


async def open_second_card(pilot) -> None:
    """Go down to the second card of 案件受付 ([至急] 手すり) and open its detail."""
    await pilot.pause()
    await pilot.press("down", "enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_board_with_detail_at_120x36(detailed_case, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=open_second_card)


def test_board_with_detail_at_80x24(detailed_case, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_second_card)
