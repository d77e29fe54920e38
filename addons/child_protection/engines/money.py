"""Amounts of money in Vietnamese đồng: whole numbers, since the đồng has no smaller unit in use.

Plain Python, no odoo import. The models store amounts in numeric columns (exact) and hand them to the engines as
``int``; :func:`to_dong` is the one gate every amount passes, so that nothing is rounded without a word.
"""
from decimal import Decimal, InvalidOperation

#: The largest amount a line or a policy may hold: far above any allowance, well inside the 2**53 where a Python
#: float (what Odoo gives for a numeric column) still holds every whole number exactly.
MAX_DONG = 10 ** 12


class MoneyError(ValueError):
    """An amount breaks a rule. ``code`` names the rule: ``not_a_number``, ``fraction``, ``negative``,
    ``too_large``."""

    def __init__(self, code, message):
        super(MoneyError, self).__init__(message)
        self.code = code


def to_dong(value, allow_negative=False):
    """``value`` (int, float, Decimal or text such as "1.250.000" or "1,250,000") as an ``int`` of đồng.

    Refuses rather than rounds: a fraction of a đồng, a negative amount (unless ``allow_negative``), text that is no
    number, an amount over :data:`MAX_DONG`. ``None``, ``False`` and "" are 0.
    """
    if value is None or value is False or value == "":
        return 0
    if isinstance(value, bool):
        raise MoneyError("not_a_number", "%r is not an amount" % (value,))
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        for suffix in ("đồng", "đ", "VND", "vnd", "₫"):
            if text.endswith(suffix):
                text = text[:-len(suffix)]
        # Thousands are grouped with "." in Vietnam and "," in many spreadsheets: a group mark is followed by three
        # digits; anything else is a decimal mark, i.e. a fraction.
        groups = text.replace(",", ".").split(".")
        if len(groups) > 1 and all(len(group) == 3 and group.isdigit() for group in groups[1:]) \
                and groups[0].lstrip("-").isdigit():
            text = "".join(groups)
        else:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise MoneyError("not_a_number", "%r is not an amount" % (value,))
    else:
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except (InvalidOperation, TypeError, ValueError):
            raise MoneyError("not_a_number", "%r is not an amount" % (value,))
    if not number.is_finite():
        raise MoneyError("not_a_number", "%r is not an amount" % (value,))
    if number != number.to_integral_value():
        raise MoneyError("fraction", "%s is not a whole number of đồng" % (value,))
    if number < 0 and not allow_negative:
        raise MoneyError("negative", "%s is negative" % (value,))
    if number.copy_abs() > MAX_DONG:  # copy_abs(), unlike abs(), does not round: no Overflow on 10**6 digits
        raise MoneyError("too_large", "%s is over %d" % (value, MAX_DONG))
    return int(number)


def format_dong(amount):
    """``1250000`` -> ``"1.250.000"``: the Vietnamese grouping of thousands."""
    return "{:,}".format(int(amount)).replace(",", ".")
