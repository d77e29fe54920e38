"""Dates of recurring work and deadline flags. Plain Python, no odoo import."""
import calendar
import datetime

#: months between two occurrences of a recurring task
RECURRENCE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6}
DUE_SOON_DAYS = 7


def to_date(value):
    if isinstance(value, str):
        return datetime.datetime.strptime(value[:10], "%Y-%m-%d").date()
    return value


def add_months(date, months, day=None):
    """``date`` moved by ``months``, on ``day`` of the month (``date``'s day by default), clipped to the month's
    last day: 31 January + 1 month is 28 or 29 February."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day or date.day, last))


def day_of_year(year, month, day):
    """The date ``day``/``month`` in ``year``; 29 February falls on the 28th in a common year."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def occurrences(first, recurrence, year):
    """The deadlines of a recurring task from ``first`` on, every 1, 3 or 6 months, within ``year``.

    The day of ``first`` is kept where the month has it (31 -> 30 April -> 31 May).
    """
    first = to_date(first)
    if recurrence not in RECURRENCE_MONTHS:
        raise ValueError("unknown recurrence %r" % (recurrence,))
    if first.year != year:
        raise ValueError("the first deadline %s is not in %d" % (first, year))
    step, dates, n = RECURRENCE_MONTHS[recurrence], [], 0
    while True:
        date = add_months(first, n * step, day=first.day)
        if date.year != year:
            return dates
        dates.append(date)
        n += 1


def deadline_flags(deadline, today, open_=True):
    """``(overdue, due_soon, days_late)`` of an open task: overdue the day after its deadline; due soon from 7 days
    before the deadline up to the deadline itself. A closed task is neither."""
    if not deadline or not open_:
        return False, False, 0
    days_left = (to_date(deadline) - to_date(today)).days
    return days_left < 0, 0 <= days_left <= DUE_SOON_DAYS, max(0, -days_left)
