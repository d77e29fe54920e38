"""Allowance policy engine and money engine of child_protection."""
import datetime

import pytest

from child_protection_engines import allowance, money
from child_protection_engines.allowance import Allowance, Policy

FIXED = Policy("fixed", 500000)
COEFFICIENT = Policy("coefficient", 0, "0.2", 1000, "half_up", "days")


@pytest.mark.parametrize("policy, month, start, end, wage, expected", [
    (FIXED, "2030-04-01", "2020-01-01", None, None, Allowance(500000, 30, 30)),
    (FIXED, "2030-04-01", "2030-04-16", None, None, Allowance(500000, 15, 30)),  # full month on start
    (FIXED, "2030-04-01", "2020-01-01", "2030-04-01", None, Allowance(500000, 1, 30)),
    (FIXED, "2030-04-01", "2030-05-01", None, None, Allowance(0, 0, 30)),  # not yet appointed
    (FIXED, "2030-04-01", "2020-01-01", "2030-03-31", None, Allowance(0, 0, 30)),  # left before
    (FIXED._replace(proration="days"), "2030-04-01", "2030-04-16", None, None, Allowance(250000, 15, 30)),
    (COEFFICIENT, "2030-07-01", "2020-01-01", None, 2340000, Allowance(468000, 31, 31)),
    (COEFFICIENT, "2030-08-01", "2020-01-01", "2030-08-10", 2340000, Allowance(151000, 10, 31)),
    (COEFFICIENT._replace(rounding=1), "2030-08-01", "2020-01-01", "2030-08-10", 2340000,
     Allowance(150968, 10, 31)),
    (COEFFICIENT._replace(rounding=100, rounding_method="down"), "2030-08-01", "2020-01-01", "2030-08-10",
     2340000, Allowance(150900, 10, 31)),
    (COEFFICIENT._replace(rounding=1000, rounding_method="up"), "2030-08-01", "2020-01-01", "2030-08-10",
     2340000, Allowance(151000, 10, 31)),
    (Policy("coefficient", 0, "0.1", 1, "half_up", "full"), "2012-09-01", "2010-01-01", None, 1050000,
     Allowance(105000, 30, 30)),  # Nghệ An 43/2012: 0.1 × the wage
    (COEFFICIENT, "2032-02-01", "2032-02-15", None, 2340000, Allowance(242000, 15, 29)),  # leap year: 468,000 × 15 / 29
])
def test_monthly_allowance(policy, month, start, end, wage, expected):
    assert allowance.monthly_allowance(policy, month, start, end, wage) == expected


def test_dates_as_date_objects():
    assert allowance.monthly_allowance(FIXED, datetime.date(2030, 4, 9), datetime.date(2030, 1, 1)).amount == 500000


def test_half_up_rounding_exact_in_decimal():
    # 0.15 × 2,340,000 × 1/2 = 175,500 exactly: half up gives 176,000 (a binary float would not be exact here)
    policy = Policy("coefficient", 0, "0.15", 1000, "half_up", "days")
    assert allowance.monthly_allowance(policy, "2030-04-01", "2030-04-16", None, 2340000).amount == 176000


@pytest.mark.parametrize("policy, wage, code", [
    (Policy("monthly", 1), None, "kind"),
    (Policy("fixed", 0), None, "amount"),
    (Policy("coefficient", 0, "0"), 1, "coefficient"),
    (Policy("coefficient", 0, "0.1"), 0, "base_wage"),
    (Policy("fixed", 1, None, 0), None, "rounding"),
    (Policy("fixed", 1, None, 1, "bankers"), None, "method"),
    (Policy("fixed", 1, None, 1, "half_up", "weeks"), None, "proration"),
])
def test_policy_errors(policy, wage, code):
    with pytest.raises(allowance.PolicyError) as error:
        allowance.monthly_allowance(policy, "2030-04-01", "2020-01-01", None, wage)
    assert error.value.code == code


def test_coefficient_needs_the_base_wage_and_dates_in_order():
    with pytest.raises(allowance.PolicyError):
        allowance.monthly_allowance(COEFFICIENT, "2030-04-01", "2020-01-01")
    with pytest.raises(allowance.PolicyError) as error:
        allowance.monthly_allowance(FIXED, "2030-04-01", "2030-04-10", "2030-04-01")
    assert error.value.code == "dates"


@pytest.mark.parametrize("value, expected", [
    (500000, 500000), (500000.0, 500000), ("500000", 500000), ("500.000", 500000), ("1,250,015", 1250015),
    ("1.250.015 đ", 1250015), ("500000 VND", 500000), (None, 0), ("", 0), (False, 0),
])
def test_to_dong(value, expected):
    assert money.to_dong(value) == expected


@pytest.mark.parametrize("value, code", [
    (0.5, "fraction"), ("500000,5", "fraction"), ("1.5", "fraction"), (-1, "negative"), ("abc", "not_a_number"),
    (True, "not_a_number"), (10 ** 13, "too_large"), (float("nan"), "not_a_number"),
])
def test_to_dong_refuses(value, code):
    with pytest.raises(money.MoneyError) as error:
        money.to_dong(value)
    assert error.value.code == code


def test_format_dong():
    assert money.format_dong(1250015) == "1.250.015"
