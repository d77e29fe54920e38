"""Decree 30/2020/NĐ-CP document conventions: number-symbol, place-date line, signature block.

Plain Python, no odoo import: models pass plain values in and store what comes back.
"""
import datetime

#: Authority forms of Decree 30 (Appendix I, section II.8) that stand before the head's title.
AUTHORITY_FORMS = ("kt", "q", "tl", "tuq")
AUTHORITY_PREFIX = {"kt": "KT.", "q": "Q.", "tl": "TL.", "tuq": "TUQ."}


def document_number(sequence, type_code, issuer_symbol):
    """``116/KH-UBND``: the register number (two digits at least), the type code, the issuer's symbol."""
    if not isinstance(sequence, int) or sequence < 1:
        raise ValueError("the register number must be a whole number from 1 up, not %r" % (sequence,))
    if not type_code or not issuer_symbol:
        raise ValueError("a document number needs a type code and an issuer symbol")
    return "%02d/%s-%s" % (sequence, type_code, issuer_symbol)


def place_date_line(place, date):
    """``Long Biên, ngày 24 tháng 02 năm 2021``.

    Decree 30: a zero is written before days under 10 and before months 1 and 2 (so "tháng 02", but "tháng 3").
    """
    if isinstance(date, str):
        date = datetime.datetime.strptime(date[:10], "%Y-%m-%d").date()
    if not place:
        raise ValueError("the place-date line needs a place name")
    month = "%02d" % date.month if date.month <= 2 else "%d" % date.month
    return "%s, ngày %02d tháng %s năm %d" % (place, date.day, month, date.year)


def signature_lines(position, authority=None, head_title=None, collective=None):
    """The lines above the signer's name, in capitals, e.g. for a deputy chair signing for the committee::

        signature_lines("Phó Chủ tịch", "kt", "Chủ tịch", "Ủy ban nhân dân")
        == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]

    ``collective``: the collective body the head signs for (TM.), if any. ``authority``: None when the signer signs
    in their own right, else one of AUTHORITY_FORMS, which needs ``head_title`` (the title of the head the signer
    stands for). An acting head (Q.) has no second line.
    """
    if authority and authority not in AUTHORITY_FORMS:
        raise ValueError("unknown authority form %r (allowed: %s)" % (authority, ", ".join(AUTHORITY_FORMS)))
    lines = []
    if collective:
        lines.append("TM. %s" % collective.upper())
    if authority:
        if not head_title:
            raise ValueError("the authority form %s needs the head's title" % AUTHORITY_PREFIX[authority])
        lines.append("%s %s" % (AUTHORITY_PREFIX[authority], head_title.upper()))
        if authority != "q":
            lines.append(position.upper())
    else:
        lines.append(position.upper())
    return lines
