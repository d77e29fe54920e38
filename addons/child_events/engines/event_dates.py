"""The dates an event of a kind takes by default. Plain Python, no odoo import.

Action Month for Children runs from 1 to 30 June (Law on Children, article 11); Children's Day is 1 June. The
other kinds (Mid-Autumn and Lunar New Year follow the lunar calendar) have no default.
"""
import datetime

FIXED = {
    "action_month": ((6, 1), (6, 30)),
    "childrens_day": ((6, 1), (6, 1)),
}


def default_dates(kind, year):
    """``(start, end)`` as dates for ``kind`` in ``year``, or ``(None, None)`` when the kind has no fixed dates."""
    if kind not in FIXED or not year:
        return None, None
    (m1, d1), (m2, d2) = FIXED[kind]
    return datetime.date(year, m1, d1), datetime.date(year, m2, d2)
