"""Participation, default dates and money engines of child_events."""
import datetime

import pytest

from child_events_engines import event_dates, money, participation


def test_rate():
    assert participation.rate(1600, 1380) == 86.25
    assert participation.rate(3, 1) == 33.33
    assert participation.rate(0, 0) == 0.0


def test_aggregate_by_area_weighted_by_children():
    rows = participation.aggregate([("A", 1000, 900), ("B", 600, 480), ("A", 1000, 700)])
    assert rows == [participation.Participation("A", 2000, 1600, 80.0),
                    participation.Participation("B", 600, 480, 80.0)]
    assert participation.total([("A", 1000, 900), ("B", 600, 480)]) == \
        participation.Participation(None, 1600, 1380, 86.25)
    assert participation.total([]) == participation.Participation(None, 0, 0, 0.0)


@pytest.mark.parametrize("children, participants, code", [(10, 11, "over_children"), (-1, 0, "negative"),
                                                          (5, -1, "negative")])
def test_counts_refused(children, participants, code):
    with pytest.raises(participation.ParticipationError) as caught:
        participation.check_counts(children, participants)
    assert caught.value.code == code


def test_indicator_figures_by_unit():
    assert participation.indicator_figures("percent", 1600, 1380) == (86.25, 0.0)
    assert participation.indicator_figures("ratio", 1600, 1380) == (1380.0, 1600.0)
    assert participation.indicator_figures("count", 1600, 1380) == (1380.0, 0.0)
    with pytest.raises(participation.ParticipationError):
        participation.indicator_figures("bogus", 1, 1)


def test_default_dates():
    assert event_dates.default_dates("action_month", 2021) == (datetime.date(2021, 6, 1), datetime.date(2021, 6, 30))
    assert event_dates.default_dates("childrens_day", 2030) == (datetime.date(2030, 6, 1), datetime.date(2030, 6, 1))
    assert event_dates.default_dates("mid_autumn", 2021) == (None, None)
    assert event_dates.default_dates("action_month", 0) == (None, None)


def test_money():
    assert money.to_dong(None) == 0 and money.to_dong(False) == 0
    assert money.to_dong(2500000.0) == 2500000
    assert money.format_dong(1234567) == "1.234.567"
    assert money.format_dong(-1499999) == "-1.499.999"
    with pytest.raises(money.MoneyError):
        money.to_dong(True)
