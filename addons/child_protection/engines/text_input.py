"""Text as people and programs send it: invisible characters, codes typed with spaces, cells a spreadsheet would run.

Plain Python, no odoo import. ``child_input.py`` uses it on every value sent to a model of the suite; the suite's
exports use :func:`neutralise_cell` (``child_reports/engines/safe_sheet.py`` keeps the same rule for workbooks).
"""
import re
import unicodedata

#: Characters that show nothing and are not in Unicode's format category (Cf): Hangul fillers, the braille blank.
INVISIBLE_EXTRA = frozenset("\u115f\u1160\u3164\uffa0\u2800")
SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: What a spreadsheet takes for the start of a formula (or, for tab and carriage return, of a new cell).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_RE = re.compile(r"^[+-]?(\d[\d.,\s]*)?\d(%)?$")


def is_invisible(char):
    """True for a character that shows nothing: format characters (zero-width space and joiners, the byte order
    mark, bidirectional marks, soft hyphen), control characters, the fillers of :data:`INVISIBLE_EXTRA`."""
    return unicodedata.category(char) in ("Cf", "Cc") or char in INVISIBLE_EXTRA


def is_blank(text):
    """True when ``text`` is only spaces (of any kind) and invisible characters: no name at all."""
    return all(char.isspace() or is_invisible(char) for char in text)


def text_fault(text):
    """``"nul"`` when ``text`` holds a NUL character (PostgreSQL cannot store it), ``"surrogate"`` when it holds a
    lone surrogate (not valid Unicode: it cannot be encoded in UTF-8), else None."""
    if "\x00" in text:
        return "nul"
    if SURROGATE_RE.search(text):
        return "surrogate"
    return None


def _visible(text):
    text = unicodedata.normalize("NFC", text)
    return "".join(" " if char.isspace() else char for char in text
                   if char.isspace() or not is_invisible(char))


def normalise_name(text):
    """A name as it is compared: composed (NFC: "ệ" typed as e + two marks is "ệ"), invisible characters removed,
    any run of spaces (no-break, ideographic, tabs, line ends) one space, none at either end."""
    return " ".join(_visible(text).split())


def normalise_code(text):
    """A code as it is compared: composed, invisible characters and every space removed ("001 234 567" is
    "001234567")."""
    return "".join(_visible(text).split())


def neutralise_cell(value):
    """``value`` for a cell of a CSV or XLSX file: a text that a spreadsheet would run as a formula (it starts with
    =, +, -, @, a tab or a carriage return) gets an apostrophe in front, so it shows as the text it is. Numbers,
    and texts that are only a number ("-5", "+84", "12,5%"), are left as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if NUMBER_RE.match(value) or value in ("-", "+"):
        return value
    return "'" + value
