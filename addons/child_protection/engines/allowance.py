"""A collaborator's monthly allowance under a province's policy.

Plain Python, no odoo import. A policy (set by the province's council resolution, DOMAIN.md) is either a fixed
monthly amount or a coefficient times the base wage in force; the amount is rounded to the policy's step (1, 100,
1,000 đồng ...) by its method; in the month a collaborator starts or leaves, the policy pays either the full month
or pro rata by days. All arithmetic is Decimal: nothing is lost to binary floats.
"""
import calendar
import datetime
from collections import namedtuple
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

KINDS = ("fixed", "coefficient")
PRORATIONS = ("full", "days")
ROUNDING_METHODS = {"half_up": ROUND_HALF_UP, "up": ROUND_UP, "down": ROUND_DOWN}

Policy = namedtuple("Policy", "kind amount coefficient rounding rounding_method proration")
Policy.__new__.__defaults__ = (0, None, 1, "half_up", "full")
Allowance = namedtuple("Allowance", "amount days days_in_month")


class PolicyError(ValueError):
    """A policy or a month that cannot give an amount. ``code``: ``kind``, ``amount``, ``coefficient``,
    ``base_wage``, ``rounding``, ``method``, ``proration``, ``dates``."""

    def __init__(self, code, message):
        super(PolicyError, self).__init__(message)
        self.code = code


def _date(value):
    if value is None or value is False:
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(value[:10], "%Y-%m-%d").date()


def month_bounds(month):
    """The first and last day of the month holding ``month`` (a date or "YYYY-MM-DD")."""
    day = _date(month)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def days_active(month, date_start, date_end=None):
    """How many days of ``month`` fall between ``date_start`` and ``date_end`` (inclusive; None: still serving),
    and the number of days of the month."""
    first, last = month_bounds(month)
    start, end = _date(date_start), _date(date_end)
    if start is None:
        raise PolicyError("dates", "the appointment date is missing")
    if end is not None and end < start:
        raise PolicyError("dates", "the end date %s is before the appointment date %s" % (end, start))
    begin = max(first, start)
    finish = min(last, end) if end else last
    days = (finish - begin).days + 1 if finish >= begin else 0
    return days, last.day


def check_policy(policy, base_wage=None):
    """Raise PolicyError with the rule ``policy`` breaks (with ``base_wage`` for a coefficient policy)."""
    if policy.kind not in KINDS:
        raise PolicyError("kind", "unknown kind %r" % (policy.kind,))
    if policy.kind == "fixed" and (policy.amount is None or policy.amount <= 0):
        raise PolicyError("amount", "a fixed policy needs an amount of more than 0")
    if policy.kind == "coefficient":
        if policy.coefficient is None or Decimal(str(policy.coefficient)) <= 0:
            raise PolicyError("coefficient", "a coefficient policy needs a coefficient of more than 0")
        if base_wage is not None and base_wage <= 0:
            raise PolicyError("base_wage", "the base wage must be more than 0")
    if not isinstance(policy.rounding, int) or policy.rounding < 1:
        raise PolicyError("rounding", "the rounding step must be a whole number of đồng from 1 up")
    if policy.rounding_method not in ROUNDING_METHODS:
        raise PolicyError("method", "unknown rounding method %r" % (policy.rounding_method,))
    if policy.proration not in PRORATIONS:
        raise PolicyError("proration", "unknown rule for a partial month %r" % (policy.proration,))


def round_dong(value, step=1, method="half_up"):
    """``value`` (Decimal) rounded to a multiple of ``step`` đồng by ``method``; an ``int``."""
    step = Decimal(step)
    return int((Decimal(value) / step).quantize(Decimal(1), rounding=ROUNDING_METHODS[method]) * step)


def full_month_amount(policy, base_wage=None):
    """The amount of a whole month before rounding, a Decimal."""
    if policy.kind == "fixed":
        return Decimal(policy.amount)
    if base_wage is None:
        raise PolicyError("base_wage", "a coefficient policy needs the base wage in force")
    return Decimal(str(policy.coefficient)) * Decimal(base_wage)


def monthly_allowance(policy, month, date_start, date_end=None, base_wage=None):
    """The allowance of one collaborator for ``month``: ``Allowance(amount, days, days_in_month)``.

    ``amount`` is 0 when the collaborator served no day of the month. In a partial month a ``full`` policy pays the
    whole amount, a ``days`` policy pays amount × days / days in the month. Rounding comes last, once.
    """
    check_policy(policy, base_wage)
    days, days_in_month = days_active(month, date_start, date_end)
    if not days:
        return Allowance(0, 0, days_in_month)
    value = full_month_amount(policy, base_wage)
    if policy.proration == "days" and days < days_in_month:
        value = value * days / days_in_month
    return Allowance(round_dong(value, policy.rounding, policy.rounding_method), days, days_in_month)
