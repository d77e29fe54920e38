"""Indicator achievement: is a result at the target, and how far along is it.

Plain Python, no odoo import. Units:
  - ``percent``: the value is a percentage (0-100);
  - ``count``: the value is a number of children, events, ...;
  - ``ratio``: "x of N", e.g. 14/14 wards; the target and the result each have a total and are compared as
    fractions, so a result counted over 12 wards (after a merger) is still judged fairly against 14/14.
Comparisons: ``at_least``, ``exactly``, ``at_most``.
"""
from collections import namedtuple

UNITS = ("percent", "count", "ratio")
COMPARISONS = ("at_least", "exactly", "at_most")
EPSILON = 1e-9

Achievement = namedtuple("Achievement", "rate met")


class FigureError(ValueError):
    """A figure breaks a rule. ``code`` names the rule, so that a caller can say it in the user's language."""

    def __init__(self, code, message):
        super(FigureError, self).__init__(message)
        self.code = code


def check_figures(unit, value, total=None, field="value"):
    """Raise FigureError with the rule broken by a target or a result, or return None.

    Rules (``FigureError.code``): ``unit``, ``negative``, ``over_100``, ``no_total``, ``over_total``.
    """
    if unit not in UNITS:
        raise FigureError("unit", "unknown unit %r" % (unit,))
    if value is None or value < 0:
        raise FigureError("negative", "%s must not be negative" % field)
    if unit == "percent" and value > 100:
        raise FigureError("over_100", "%s is a percentage and cannot be over 100" % field)
    if unit == "ratio":
        if not total or total <= 0:
            raise FigureError("no_total", "the total (N in x of N) must be more than 0")
        if value > total:
            raise FigureError("over_total", "%s cannot be more than its total (%g of %g)" % (field, value, total))


def _fraction(unit, value, total):
    return value / total if unit == "ratio" else value


def evaluate(unit, comparison, target, value, target_total=None, total=None):
    """Return ``Achievement(rate, met)``.

    ``rate``: the result as a percentage of the target (None when the target is 0 or the comparison is at_most,
    where a rate says nothing useful); ``met``: whether the result satisfies the comparison.
    """
    if comparison not in COMPARISONS:
        raise FigureError("comparison", "unknown comparison %r" % (comparison,))
    check_figures(unit, target, target_total, "the target")
    check_figures(unit, value, total, "the result")
    want = _fraction(unit, target, target_total)
    got = _fraction(unit, value, total)
    if comparison == "at_least":
        met = got >= want - EPSILON
    elif comparison == "at_most":
        met = got <= want + EPSILON
    else:
        met = abs(got - want) <= EPSILON
    rate = None
    if comparison != "at_most" and want > 0:
        rate = round(got / want * 100.0, 2)
    return Achievement(rate, met)


def display(unit, value, total=None):
    """How a figure reads in a list or a document: ``85 %``, ``1,250``, ``14/14``."""
    def num(x):
        return ("%d" % x) if float(x).is_integer() else ("%g" % x)
    if unit == "percent":
        return "%s %%" % num(value)
    if unit == "ratio":
        return "%s/%s" % (num(value), num(total or 0))
    return "{:,}".format(int(value)) if float(value).is_integer() else "%g" % value
