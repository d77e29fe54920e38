"""Indicator achievement engine of child_protection: evaluate(), check_figures(), display()."""
import pytest

from child_protection_engines import indicators
from child_protection_engines.indicators import Achievement


# evaluate ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit, comparison, target, value, target_total, total, expected", [
    # percent
    ("percent", "at_least", 85, 88.5, None, None, Achievement(104.12, True)),
    ("percent", "at_least", 85, 85, None, None, Achievement(100.0, True)),
    ("percent", "at_least", 85, 79, None, None, Achievement(92.94, False)),
    ("percent", "at_least", 100, 100, None, None, Achievement(100.0, True)),
    ("percent", "at_least", 100, 99.99, None, None, Achievement(99.99, False)),
    ("percent", "exactly", 100, 100, None, None, Achievement(100.0, True)),
    ("percent", "exactly", 100, 99, None, None, Achievement(99.0, False)),
    ("percent", "exactly", 0.3, 0.1 + 0.2, None, None, Achievement(100.0, True)),  # float noise is not a miss
    ("percent", "at_most", 5, 3, None, None, Achievement(None, True)),
    ("percent", "at_most", 5, 5, None, None, Achievement(None, True)),
    ("percent", "at_most", 5, 6, None, None, Achievement(None, False)),
    # count
    ("count", "at_least", 200, 250, None, None, Achievement(125.0, True)),
    ("count", "at_least", 200, 150, None, None, Achievement(75.0, False)),
    ("count", "at_least", 0, 5, None, None, Achievement(None, True)),  # no rate against a target of 0
    ("count", "exactly", 3, 3, None, None, Achievement(100.0, True)),
    ("count", "exactly", 3, 4, None, None, Achievement(133.33, False)),
    ("count", "at_most", 0, 0, None, None, Achievement(None, True)),
    ("count", "at_most", 0, 1, None, None, Achievement(None, False)),
    # ratio "x of N": compared as fractions
    ("ratio", "at_least", 14, 14, 14, 14, Achievement(100.0, True)),
    ("ratio", "at_least", 14, 12, 14, 12, Achievement(100.0, True)),  # 12 of 12 wards after a merger meets 14/14
    ("ratio", "at_least", 14, 13, 14, 14, Achievement(92.86, False)),
    ("ratio", "at_least", 7, 6, 14, 12, Achievement(100.0, True)),
    ("ratio", "at_least", 7, 5, 14, 12, Achievement(83.33, False)),
    ("ratio", "exactly", 14, 12, 14, 12, Achievement(100.0, True)),
    ("ratio", "exactly", 14, 13, 14, 14, Achievement(92.86, False)),
    ("ratio", "at_most", 2, 1, 14, 12, Achievement(None, True)),
    ("ratio", "at_most", 2, 2, 14, 12, Achievement(None, False)),
    ("ratio", "at_most", 0, 0, 14, 12, Achievement(None, True)),
])
def test_evaluate(unit, comparison, target, value, target_total, total, expected):
    assert indicators.evaluate(unit, comparison, target, value, target_total, total) == expected


def test_evaluate_by_keyword():
    achievement = indicators.evaluate("ratio", "at_least", target=14, value=12, target_total=14, total=12)
    assert achievement.rate == 100.0
    assert achievement.met is True


@pytest.mark.parametrize("comparison", ["more_than", "at least", "", None])
def test_evaluate_refuses_an_unknown_comparison(comparison):
    with pytest.raises(ValueError, match="unknown comparison"):
        indicators.evaluate("percent", comparison, 85, 90)


@pytest.mark.parametrize("unit", ["permille", "Percent", "", None])
def test_evaluate_refuses_an_unknown_unit(unit):
    with pytest.raises(ValueError, match="unknown unit"):
        indicators.evaluate(unit, "at_least", 85, 90)


@pytest.mark.parametrize("unit, target, value, target_total, total, message", [
    # a percentage cannot be over 100
    ("percent", 101, 90, None, None, "the target is a percentage and cannot be over 100"),
    ("percent", 85, 100.5, None, None, "the result is a percentage and cannot be over 100"),
    # nothing is negative
    ("percent", -1, 90, None, None, "the target must not be negative"),
    ("percent", 85, -0.5, None, None, "the result must not be negative"),
    ("count", -3, 2, None, None, "the target must not be negative"),
    ("count", 3, -2, None, None, "the result must not be negative"),
    ("ratio", -1, 2, 14, 12, "the target must not be negative"),
    ("ratio", 14, -2, 14, 12, "the result must not be negative"),
    ("count", None, 2, None, None, "the target must not be negative"),
    ("count", 3, None, None, None, "the result must not be negative"),
    # x of N: x cannot be over N, and N is more than 0
    ("ratio", 15, 12, 14, 12, r"the target cannot be more than its total \(15 of 14\)"),
    ("ratio", 14, 13, 14, 12, r"the result cannot be more than its total \(13 of 12\)"),
    ("ratio", 14, 12, 0, 12, r"the total \(N in x of N\) must be more than 0"),
    ("ratio", 14, 12, None, 12, r"the total \(N in x of N\) must be more than 0"),
    ("ratio", 14, 0, 14, 0, r"the total \(N in x of N\) must be more than 0"),
    ("ratio", 14, 0, 14, -12, r"the total \(N in x of N\) must be more than 0"),
])
def test_evaluate_refuses_wrong_figures(unit, target, value, target_total, total, message):
    with pytest.raises(ValueError, match="^%s$" % message):
        indicators.evaluate(unit, "at_least", target, value, target_total, total)


# check_figures -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit, value, total", [
    ("percent", 0, None), ("percent", 100, None), ("percent", 85.5, None),
    ("count", 0, None), ("count", 1250, None),
    ("ratio", 0, 14), ("ratio", 14, 14), ("ratio", 0.5, 1),
])
def test_check_figures_accepts(unit, value, total):
    assert indicators.check_figures(unit, value, total) is None


def test_check_figures_names_the_field():
    with pytest.raises(ValueError, match="^the target is a percentage and cannot be over 100$"):
        indicators.check_figures("percent", 120, field="the target")


# display -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit, value, total, expected", [
    ("percent", 85, None, "85 %"),
    ("percent", 85.0, None, "85 %"),
    ("percent", 88.5, None, "88.5 %"),
    ("percent", 100, None, "100 %"),
    ("percent", 0, None, "0 %"),
    ("count", 0, None, "0"),
    ("count", 7, None, "7"),
    ("count", 1250, None, "1,250"),
    ("count", 1250.0, None, "1,250"),
    ("count", 1234567, None, "1,234,567"),
    ("count", 2.5, None, "2.5"),
    ("ratio", 14, 14, "14/14"),
    ("ratio", 12.0, 14.0, "12/14"),
    ("ratio", 6.5, 14, "6.5/14"),
])
def test_display(unit, value, total, expected):
    assert indicators.display(unit, value, total) == expected
