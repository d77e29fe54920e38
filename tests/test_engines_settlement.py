"""Settlement engine of child_events: settle() and its row builders, exact to the đồng."""
import pytest

from child_events_engines import settlement
from child_events_engines.money import MoneyError

BUDGET = [
    {"label": "Ngân sách quận", "source": "state", "source_label": "Ngân sách nhà nước", "planned": 60000000,
     "approved": 64500000, "committed": 64500000, "spent": 62350000},
    {"label": "Nhà tài trợ", "source": "sponsor", "source_label": "Nhà tài trợ", "planned": 15000000,
     "committed": 15000000, "spent": 14700001},
    {"label": "Quỹ thành phố", "source": "fund", "source_label": "Quỹ Bảo trợ trẻ em", "planned": 25000000,
     "committed": 21000000, "spent": 21000000},
    {"label": "Ngân sách phường", "source": "state", "source_label": "Ngân sách nhà nước", "planned": 1,
     "spent": 1},
]
GIFTS = [
    {"name": "Tiền mặt", "kind": "cash", "source": "state", "source_label": "Ngân sách nhà nước", "cash": 500000,
     "goods": 0, "planned_qty": 4, "actual_qty": 3},
    {"name": "Tiền và quà", "kind": "both", "source": "fund", "source_label": "Quỹ Bảo trợ trẻ em",
     "cash": 500000, "goods": 200000, "planned_qty": 3, "actual_qty": 3},
    {"name": "Sữa", "kind": "goods", "source": "sponsor", "source_label": "Nhà tài trợ", "cash": 0,
     "goods": 333333, "planned_qty": 3, "actual_qty": 2},
]
RECIPIENTS = [
    {"ward": "Phường Bồ Đề", "child": "Nguyễn Minh An", "birth_year": 2012, "group_label": "Hộ nghèo",
     "guardian": "Nguyễn Văn Hùng", "gift": "Tiền mặt", "value": 500000, "received": True,
     "date_signed": "2021-06-01"},
    {"ward": "Phường Đức Giang", "child": "Vũ Khánh Linh", "birth_year": None, "group_label": "c)",
     "guardian": "Vũ Thị Hoa", "gift": "Sữa", "value": 333333, "received": False, "date_signed": None},
    {"ward": "Phường Bồ Đề", "child": "Trần Thu Hà", "birth_year": 2010, "group_label": "a)",
     "guardian": "Trần Thị Lan", "gift": "Tiền và quà", "value": 700000, "received": True,
     "date_signed": "2021-06-01"},
]


@pytest.fixture
def result():
    return settlement.settle(BUDGET, GIFTS, RECIPIENTS)


def test_sources_in_their_order_with_their_totals(result):
    assert [row["source"] for row in result["sources"]] == ["state", "fund", "sponsor"]
    state = result["sources"][0]
    assert (state["planned"], state["approved"], state["committed"], state["spent"]) == \
        (60000001, 64500001, 64500000, 62350001)
    assert state["variance"] == 62350001 - 64500001
    assert (state["gift_planned"], state["gift_actual"], state["gift_variance"]) == (2000000, 1500000, -500000)
    sponsor = result["sources"][2]
    assert (sponsor["variance"], sponsor["gift_planned"], sponsor["gift_actual"]) == (-299999, 999999, 666666)


def test_budget_lines_keep_their_revision(result):
    first = result["budget_lines"][0]
    assert (first["planned"], first["revised"], first["approved"], first["remaining"], first["variance"]) == \
        (60000000, 4500000, 64500000, 2150000, -2150000)
    # no "approved": the plan is the planned amount
    assert result["budget_lines"][1]["approved"] == 15000000


def test_gift_rows(result):
    both = result["gifts"][1]
    assert (both["unit_value"], both["planned_amount"], both["actual_amount"], both["variance"]) == \
        (700000, 2100000, 2100000, 0)
    assert (both["planned_cash"], both["planned_goods"]) == (1500000, 600000)
    milk = result["gifts"][2]
    assert (milk["qty_variance"], milk["variance"], milk["actual_amount"]) == (-1, -333333, 666666)


def test_totals_exact_to_the_dong(result):
    totals = result["totals"]
    assert totals["planned"] == 60000000 + 15000000 + 25000000 + 1
    assert totals["spent"] == 62350000 + 14700001 + 21000000 + 1
    assert totals["variance"] == totals["spent"] - totals["approved"]
    assert (totals["gift_planned"], totals["gift_actual"]) == (2000000 + 2100000 + 999999, 1500000 + 2100000 + 666666)
    assert (totals["gift_planned_qty"], totals["gift_actual_qty"]) == (10, 8)
    assert (totals["recipients"], totals["received"], totals["received_value"]) == (3, 2, 1200000)
    assert all(isinstance(value, int) for value in totals.values())


def test_large_sums_stay_exact():
    lines = [{"source": "state", "planned": 10 ** 15 + 1, "spent": 10 ** 15}] * 9
    totals = settlement.settle(lines, [])["totals"]
    assert totals["planned"] == 9 * (10 ** 15 + 1)
    assert totals["variance"] == -9


def test_recipients_per_ward_numbered_from_one(result):
    wards = result["wards"]
    assert [(w["ward"], w["count"], w["received_count"], w["received_value"]) for w in wards] == \
        [("Phường Bồ Đề", 2, 2, 1200000), ("Phường Đức Giang", 1, 0, 0)]
    assert [(row["no"], row["child"]) for row in wards[0]["rows"]] == [(1, "Nguyễn Minh An"), (2, "Trần Thu Hà")]
    assert wards[1]["rows"][0]["date_signed"] is None


def test_floats_without_fraction_are_whole_dong():
    rows = settlement.budget_rows([{"source": "state", "planned": 1500000.0, "spent": 0.0}])
    assert rows[0]["planned"] == 1500000 and isinstance(rows[0]["planned"], int)


@pytest.mark.parametrize("amount, code", [(1500.5, "fraction"), (-1, "negative"), ("100", "not_a_number"),
                                          (float("nan"), "not_a_number"), (10 ** 16, "too_large")])
def test_bad_amounts_refused_never_rounded(amount, code):
    with pytest.raises(MoneyError) as caught:
        settlement.settle([{"source": "state", "planned": amount}], [])
    assert caught.value.code == code


def test_bad_quantity_refused():
    with pytest.raises(ValueError):
        settlement.gift_rows([{"name": "x", "cash": 1, "planned_qty": -1}])


def test_empty_event():
    result = settlement.settle([], [], [])
    assert result["sources"] == [] and result["wards"] == []
    assert result["totals"]["planned"] == 0
