"""Money of the events: whole đồng, exact. Plain Python, no odoo import.

Amounts are kept as whole numbers of đồng. The database stores them in numeric columns without decimals and Python
holds them as int (or as a float with no fraction, which is exact up to 2**53, about 9 million billion đồng). A
value with a fraction of a đồng or below zero is refused, never rounded.
"""
import numbers

#: The largest amount accepted: 16 digits, what numeric(16, 0) holds and a float represents exactly.
MAX_DONG = 10 ** 16 - 1


class MoneyError(ValueError):
    """An amount breaks a rule. ``code`` names the rule (``not_a_number``, ``fraction``, ``negative``,
    ``too_large``), so a caller can say it in the user's language."""

    def __init__(self, code, value):
        super(MoneyError, self).__init__("%s: %r" % (code, value))
        self.code = code
        self.value = value


def to_dong(value):
    """``value`` as an int of đồng; raise MoneyError when it is not a whole, non-negative number of đồng.

    ``None`` and ``False`` (an empty field) are 0.
    """
    if value is None or value is False:
        return 0
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        raise MoneyError("not_a_number", value)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise MoneyError("not_a_number", value)
    if int(value) != value:
        raise MoneyError("fraction", value)
    value = int(value)
    if value < 0:
        raise MoneyError("negative", value)
    if value > MAX_DONG:
        raise MoneyError("too_large", value)
    return value


def format_dong(value):
    """``1500000`` -> ``"1.500.000"``: the Vietnamese grouping, dots between thousands."""
    sign = "-" if value < 0 else ""
    return sign + "{:,}".format(abs(int(value))).replace(",", ".")
