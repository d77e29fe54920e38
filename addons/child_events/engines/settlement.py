"""Settlement of an event: actual against plan, by funding source, by budget line, by gift line, and the recipient
lists per ward. Plain Python, no odoo import.

The model gathers plain values (dicts, money in whole đồng) and calls :func:`settle`; it returns plain rows (dicts
and lists) holding everything the settlement file needs, so a workbook writer (child_reports) can lay them out
without going back to the database. Every amount is an int of đồng: sums are exact, nothing is rounded.

A variance is actual minus plan: below zero the event spent or gave less than planned, above zero more.
"""
from collections import OrderedDict

from .money import to_dong

#: Funding sources in the order a settlement lists them.
SOURCES = ("state", "fund", "sponsor", "international", "other")


def _source_rank(key):
    return SOURCES.index(key) if key in SOURCES else len(SOURCES)


def budget_rows(lines):
    """One row per budget line. ``lines``: dicts with ``label``, ``source``, ``source_label``, ``planned``,
    ``approved`` (the plan after the approved revisions; ``planned`` when absent), ``committed``, ``spent``."""
    rows = []
    for line in lines:
        planned = to_dong(line.get("planned"))
        approved = to_dong(line.get("approved", planned))
        committed, spent = to_dong(line.get("committed")), to_dong(line.get("spent"))
        rows.append({
            "label": line.get("label") or line.get("source_label") or line.get("source"),
            "source": line.get("source"),
            "source_label": line.get("source_label") or line.get("source"),
            "planned": planned,
            "revised": approved - planned,
            "approved": approved,
            "committed": committed,
            "spent": spent,
            "remaining": approved - spent,
            "variance": spent - approved,
        })
    return rows


def gift_rows(gifts):
    """One row per gift line. ``gifts``: dicts with ``name``, ``kind``, ``group_label``, ``source``,
    ``source_label``, ``cash`` and ``goods`` (the value of one gift in cash and in goods), ``planned_qty`` and
    ``actual_qty`` (gifts handed out)."""
    rows = []
    for gift in gifts:
        cash, goods = to_dong(gift.get("cash")), to_dong(gift.get("goods"))
        planned_qty, actual_qty = _count(gift.get("planned_qty")), _count(gift.get("actual_qty"))
        unit = cash + goods
        rows.append({
            "name": gift.get("name"),
            "kind": gift.get("kind"),
            "group_label": gift.get("group_label"),
            "source": gift.get("source"),
            "source_label": gift.get("source_label") or gift.get("source"),
            "unit_cash": cash,
            "unit_goods": goods,
            "unit_value": unit,
            "planned_qty": planned_qty,
            "actual_qty": actual_qty,
            "qty_variance": actual_qty - planned_qty,
            "planned_cash": cash * planned_qty,
            "planned_goods": goods * planned_qty,
            "planned_amount": unit * planned_qty,
            "actual_cash": cash * actual_qty,
            "actual_goods": goods * actual_qty,
            "actual_amount": unit * actual_qty,
            "variance": unit * (actual_qty - planned_qty),
        })
    return rows


def source_rows(budget, gifts):
    """Budget rows and gift rows added up by funding source, in the order of SOURCES."""
    sums = OrderedDict()
    keys = ("planned", "approved", "committed", "spent", "gift_planned", "gift_actual")
    for row in budget:
        got = sums.setdefault(row["source"], dict.fromkeys(keys, 0))
        got.setdefault("label", row["source_label"])
        for key in ("planned", "approved", "committed", "spent"):
            got[key] += row[key]
    for row in gifts:
        got = sums.setdefault(row["source"], dict.fromkeys(keys, 0))
        got.setdefault("label", row["source_label"])
        got["gift_planned"] += row["planned_amount"]
        got["gift_actual"] += row["actual_amount"]
    rows = []
    for source in sorted(sums, key=_source_rank):
        got = sums[source]
        rows.append(dict(got, source=source, label=got.get("label") or source,
                         variance=got["spent"] - got["approved"],
                         gift_variance=got["gift_actual"] - got["gift_planned"]))
    return rows


def ward_lists(recipients):
    """Recipients grouped by ward (wards in the order given), numbered from 1 within each ward.

    ``recipients``: dicts with ``ward``, ``child``, ``birth_year``, ``group_label``, ``guardian``, ``gift``,
    ``value`` (of the gift), ``received``, ``date_signed``. Each ward: ``ward``, ``rows``, ``count``,
    ``received_count``, ``received_value``.
    """
    wards = OrderedDict()
    for recipient in recipients:
        wards.setdefault(recipient.get("ward"), []).append(recipient)
    result = []
    for ward, people in wards.items():
        rows = []
        for number, person in enumerate(people, 1):
            value = to_dong(person.get("value"))
            rows.append({
                "no": number,
                "child": person.get("child"),
                "birth_year": person.get("birth_year") or None,
                "group_label": person.get("group_label"),
                "guardian": person.get("guardian"),
                "gift": person.get("gift"),
                "value": value,
                "received": bool(person.get("received")),
                "date_signed": person.get("date_signed") or None,
            })
        received = [row for row in rows if row["received"]]
        result.append({"ward": ward, "rows": rows, "count": len(rows), "received_count": len(received),
                       "received_value": sum(row["value"] for row in received)})
    return result


def settle(budget_lines, gifts, recipients=()):
    """The whole settlement: ``{"sources", "budget_lines", "gifts", "wards", "totals"}`` (see the row builders)."""
    budget = budget_rows(budget_lines)
    gift_list = gift_rows(gifts)
    wards = ward_lists(recipients)
    totals = {key: sum(row[key] for row in budget)
              for key in ("planned", "approved", "committed", "spent")}
    totals["variance"] = totals["spent"] - totals["approved"]
    totals["gift_planned"] = sum(row["planned_amount"] for row in gift_list)
    totals["gift_actual"] = sum(row["actual_amount"] for row in gift_list)
    totals["gift_variance"] = totals["gift_actual"] - totals["gift_planned"]
    totals["gift_planned_qty"] = sum(row["planned_qty"] for row in gift_list)
    totals["gift_actual_qty"] = sum(row["actual_qty"] for row in gift_list)
    totals["recipients"] = sum(ward["count"] for ward in wards)
    totals["received"] = sum(ward["received_count"] for ward in wards)
    totals["received_value"] = sum(ward["received_value"] for ward in wards)
    return {
        "sources": source_rows(budget, gift_list),
        "budget_lines": budget,
        "gifts": gift_list,
        "wards": wards,
        "totals": totals,
    }


def _count(value):
    if value is None or value is False:
        return 0
    if isinstance(value, bool) or int(value) != value or value < 0:
        raise ValueError("a quantity is a whole number from 0 up: %r" % (value,))
    return int(value)
