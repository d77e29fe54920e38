"""Reconciliation engine of child_protection: each discrepancy kind, and nothing else."""
import pytest

from child_protection_engines.reconciliation import Line, reconcile


def line(line_id, collaborator=1, month="2030-04-01", stage="settled", planned=500000, disbursed=500000,
         receipted=500000, signed=True, settled=500000, ward=10, sheet=100, active_from="2020-01-01",
         active_to=None):
    return Line(line_id, sheet, ward, collaborator, month, stage, planned, disbursed, receipted, signed, settled,
                active_from, active_to)


def kinds(lines):
    return sorted((d.kind, d.line_id, d.expected, d.actual) for d in reconcile(lines).discrepancies)


def test_clean_lines():
    result = reconcile([line(1), line(2, collaborator=2), line(3, collaborator=2, month="2030-05-01")])
    assert result.discrepancies == []
    assert result.totals == {"line_count": 3, "planned": 1500000, "disbursed": 1500000, "receipted": 1500000,
                             "settled": 1500000, "discrepancy_count": 0}


@pytest.mark.parametrize("changed, expected", [
    (dict(disbursed=450000, receipted=450000, settled=450000), [("disbursed_planned", 1, 500000, 450000)]),
    (dict(signed=False, receipted=0, settled=0), [("missing_receipt", 1, 500000, 0)]),
    (dict(receipted=400000, settled=400000), [("receipted_disbursed", 1, 500000, 400000)]),
    (dict(settled=300000), [("settled_receipted", 1, 500000, 300000)]),
    (dict(active_to="2030-03-31"), [("inactive", 1, 0, 500000)]),
    (dict(active_from="2030-05-01"), [("inactive", 1, 0, 500000)]),
])
def test_each_kind_alone(changed, expected):
    assert kinds([line(1, **changed)]) == expected


def test_duplicate_across_sheets():
    lines = [line(1, sheet=100, ward=10), line(2, sheet=200, ward=20), line(3, collaborator=2)]
    result = reconcile(lines)
    assert [(d.kind, d.line_id, d.other_line_id) for d in result.discrepancies] == [("duplicate", 2, 1)]
    assert result.wards[20]["discrepancy_count"] == 1
    assert result.kinds_by_line == {2: ["duplicate"]}


def test_a_line_paying_nothing_is_no_duplicate_nor_inactive():
    assert kinds([line(1), line(2, sheet=200, stage="draft", planned=0, disbursed=0, receipted=0, settled=0)]) == []
    assert kinds([line(1, stage="draft", planned=0, disbursed=0, receipted=0, settled=0,
                       active_to="2020-01-31")]) == []


@pytest.mark.parametrize("stage, expected", [
    ("draft", []),
    ("confirmed", []),
    ("disbursed", [("disbursed_planned", 1, 500000, 0)]),
    ("receipted", [("disbursed_planned", 1, 500000, 0)]),
])
def test_figures_are_compared_once_due(stage, expected):
    # nothing disbursed, signed or settled yet: only what the stage calls for is a discrepancy
    assert kinds([line(1, stage=stage, disbursed=0, receipted=0, signed=False, settled=0)]) == expected


def test_missing_receipt_only_from_receipted():
    assert kinds([line(1, stage="disbursed", signed=False, receipted=0, settled=0)]) == []
    assert kinds([line(1, stage="receipted", signed=False, receipted=0, settled=0)]) == [
        ("missing_receipt", 1, 500000, 0)]


def test_several_kinds_on_one_line():
    assert kinds([line(1, disbursed=450000, receipted=400000, settled=0, active_to="2030-01-31")]) == [
        ("disbursed_planned", 1, 500000, 450000), ("inactive", 1, 0, 450000),
        ("receipted_disbursed", 1, 450000, 400000), ("settled_receipted", 1, 400000, 0)]


def test_totals_by_ward():
    result = reconcile([line(1, ward=10), line(2, collaborator=2, ward=20, signed=False, receipted=0, settled=0)])
    assert result.wards[10]["receipted"] == 500000
    assert result.wards[20]["receipted"] == 0
    assert result.totals["receipted"] == 500000
    assert result.wards[20]["discrepancy_count"] == 1


def test_order_is_required():
    with pytest.raises(ValueError):
        reconcile([line(1, collaborator=2), line(2, collaborator=1)])


def test_streams_without_holding_the_lines():
    """A generator of 100,000 lines goes through; the result holds totals and discrepancies only."""
    def lines():
        for index in range(100000):
            yield line(index, collaborator=index // 12, month="2030-%02d-01" % (index % 12 + 1),
                       ward=index % 100, settled=0 if index % 1000 == 0 else 500000)
    result = reconcile(lines())
    assert result.totals["line_count"] == 100000
    assert len(result.discrepancies) == 100
    assert len(result.wards) == 100
