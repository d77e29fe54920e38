"""Reconciliation of collaborators' allowances: planned, disbursed, receipted (signed for) and settled.

Plain Python, no odoo import. The caller streams the lines of a period, ordered by collaborator then month (one SQL
query with a server-side cursor); the engine keeps only the lines of one collaborator-month at a time, the totals
by ward and the discrepancies, so its memory does not grow with the number of lines.

A figure is compared once the sheet has reached the stage where it is due:

- ``disbursed_planned``: the sheet is disbursed (or later) and the line's disbursed amount is not the planned one;
- ``missing_receipt``: the sheet is receipted (or later), money was disbursed and the collaborator has not signed;
- ``receipted_disbursed``: the collaborator signed for an amount other than the one disbursed;
- ``settled_receipted``: the sheet is settled and the settled amount is not the receipted one (0 without receipt);
- ``inactive``: a payment to a collaborator who served no day of that month;
- ``duplicate``: the same collaborator paid for the same month on more than one line (across sheets); each line
  after the first is reported, with the first as ``other_line_id``.

A line "pays" its disbursed amount once its sheet is disbursed, its planned amount before.
"""
import datetime
from collections import OrderedDict, namedtuple
from functools import lru_cache
from itertools import groupby

STAGES = ("draft", "confirmed", "disbursed", "receipted", "settled")
STAGE_RANK = {stage: rank for rank, stage in enumerate(STAGES)}
KINDS = ("disbursed_planned", "missing_receipt", "receipted_disbursed", "settled_receipted", "inactive",
         "duplicate")

#: One line of a sheet. ``month``: the first day of the month (date or "YYYY-MM-DD"); ``active_from`` /
#: ``active_to``: the collaborator's appointment and end dates (``active_to`` None while serving).
Line = namedtuple("Line", "line_id sheet_id ward_id collaborator_id month stage planned disbursed receipted "
                          "signed settled active_from active_to")
Discrepancy = namedtuple("Discrepancy", "kind line_id sheet_id ward_id collaborator_id month expected actual "
                                        "other_line_id")
WARD_TOTAL_FIELDS = ("line_count", "planned", "disbursed", "receipted", "settled", "discrepancy_count")


class Result(object):
    """What :func:`reconcile` returns: ``wards`` (an OrderedDict ward id -> dict of ``WARD_TOTAL_FIELDS``, in the
    order the wards first appeared), ``totals`` (the same figures for the whole area), ``discrepancies`` (a list of
    Discrepancy) and ``kinds_by_line`` (line id -> list of kinds)."""

    def __init__(self):
        self.wards = OrderedDict()
        self.totals = dict.fromkeys(WARD_TOTAL_FIELDS, 0)
        self.discrepancies = []
        self.kinds_by_line = {}

    def add_line(self, line):
        ward = self.wards.get(line.ward_id)
        if ward is None:
            ward = self.wards[line.ward_id] = dict.fromkeys(WARD_TOTAL_FIELDS, 0)
        for totals in (ward, self.totals):
            totals["line_count"] += 1
            totals["planned"] += line.planned
            totals["disbursed"] += line.disbursed
            totals["receipted"] += line.receipted if line.signed else 0
            totals["settled"] += line.settled

    def add(self, kind, line, expected, actual, other_line_id=None):
        self.discrepancies.append(Discrepancy(kind, line.line_id, line.sheet_id, line.ward_id, line.collaborator_id,
                                              line.month, expected, actual, other_line_id))
        self.kinds_by_line.setdefault(line.line_id, []).append(kind)
        self.wards[line.ward_id]["discrepancy_count"] += 1
        self.totals["discrepancy_count"] += 1


def _iso(value):
    """A date (or "YYYY-MM-DD..." text, as Odoo's cursors give them) as "YYYY-MM-DD"; None when empty. ISO dates
    compare as text, which spares a parse per line."""
    if not value:
        return None
    return value[:10] if isinstance(value, str) else value.isoformat()


@lru_cache(maxsize=1024)
def _month_bounds(month):
    first = datetime.date(int(month[:4]), int(month[5:7]), 1)
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return first.isoformat(), (following - datetime.timedelta(days=1)).isoformat()


def paid_amount(line):
    """What the line pays: its disbursed amount once the sheet is disbursed, its planned amount before."""
    return line.disbursed if STAGE_RANK[line.stage] >= STAGE_RANK["disbursed"] else line.planned


def served_in_month(line):
    """Whether the collaborator served at least one day of the line's month."""
    first, last = _month_bounds(_iso(line.month)[:7])
    start, end = _iso(line.active_from), _iso(line.active_to)
    if start is not None and start > last:
        return False
    return end is None or end >= first


def check_line(line, result):
    """Add to ``result`` the discrepancies of ``line`` on its own (all kinds but ``duplicate``)."""
    rank = STAGE_RANK[line.stage]
    if rank >= STAGE_RANK["disbursed"] and line.disbursed != line.planned:
        result.add("disbursed_planned", line, line.planned, line.disbursed)
    if rank >= STAGE_RANK["receipted"]:
        if not line.signed:
            if line.disbursed:
                result.add("missing_receipt", line, line.disbursed, 0)
        elif line.receipted != line.disbursed:
            result.add("receipted_disbursed", line, line.disbursed, line.receipted)
    if rank >= STAGE_RANK["settled"]:
        receipted = line.receipted if line.signed else 0
        if line.settled != receipted:
            result.add("settled_receipted", line, receipted, line.settled)
    paid = paid_amount(line)
    if paid and not served_in_month(line):
        result.add("inactive", line, 0, paid)


def reconcile(lines):
    """Compare every line of ``lines`` (an iterable of :class:`Line`, ordered by collaborator id then month) and
    return a :class:`Result`. Raises ValueError when the order is broken, since duplicates would then be missed."""
    result = Result()
    previous = None
    for key, group in groupby(lines, key=lambda line: (line.collaborator_id, _iso(line.month))):
        if previous is not None and key < previous:
            raise ValueError("lines must come ordered by collaborator then month (%r after %r)" % (key, previous))
        previous = key
        first_paying = None
        for line in group:
            result.add_line(line)
            check_line(line, result)
            if paid_amount(line):
                if first_paying is None:
                    first_paying = line
                else:
                    result.add("duplicate", line, 0, paid_amount(line), first_paying.line_id)
    return result
