"""Participation of children in an event, ward by ward, and what it gives a plan's indicator.

Plain Python, no odoo import. A ward line counts the children living in the ward and those who took part. Several
events may feed one indicator (Action Month, the Children's Forum, Mid-Autumn): their lines are added up area by
area, so the rate is the share of all children counted who took part, each event weighted by its children.
"""
from collections import OrderedDict, namedtuple

Participation = namedtuple("Participation", "area children participants rate")


class ParticipationError(ValueError):
    """A count breaks a rule; ``code``: ``negative`` or ``over_children``."""

    def __init__(self, code, message):
        super(ParticipationError, self).__init__(message)
        self.code = code


def check_counts(children, participants):
    """Raise ParticipationError when a ward's counts break a rule, or return None."""
    if children < 0 or participants < 0:
        raise ParticipationError("negative", "counts must not be negative")
    if participants > children:
        raise ParticipationError("over_children", "%d children taking part is more than the %d living there"
                                 % (participants, children))


def rate(children, participants):
    """The percentage of ``children`` who took part, to two decimals; 0 when no child is counted."""
    if not children:
        return 0.0
    return round(participants * 100.0 / children, 2)


def aggregate(lines):
    """Add up ``lines`` of ``(area, children, participants)`` by area, in the order areas first appear.

    Returns a list of Participation rows.
    """
    sums = OrderedDict()
    for area, children, participants in lines:
        check_counts(children, participants)
        got = sums.setdefault(area, [0, 0])
        got[0] += children
        got[1] += participants
    return [Participation(area, children, participants, rate(children, participants))
            for area, (children, participants) in sums.items()]


def total(lines):
    """One Participation row (area None) for all ``lines``."""
    rows = aggregate((None, children, participants) for _area, children, participants in lines)
    return rows[0] if rows else Participation(None, 0, 0, 0.0)


def indicator_figures(unit, children, participants):
    """The ``(value, total)`` an indicator result gets from the counts, by the indicator's unit:
    ``percent`` the rate; ``ratio`` x of N, the children taking part of those living there; ``count`` the children
    taking part."""
    if unit == "percent":
        return rate(children, participants), 0.0
    if unit == "ratio":
        return float(participants), float(children)
    if unit == "count":
        return float(participants), 0.0
    raise ParticipationError("unit", "unknown unit %r" % (unit,))
