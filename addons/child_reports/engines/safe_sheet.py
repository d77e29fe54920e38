"""Worksheets whose texts a spreadsheet shows as text and never runs.

Plain Python, no odoo import. A name, a note or a code typed as "=HYPERLINK(...)", "+1+1" or "@SUM(...)" would run
as a formula when the workbook is opened or a cell edited (CSV/formula injection). Every worksheet the suite's
workbooks write comes from :func:`add_sheet`: texts are written as texts (xlsxwriter's ``write`` and
``merge_range`` would otherwise turn a text starting with "=" into a formula) and a text starting with =, +, -, @,
a tab or a carriage return gets an apostrophe in front (:func:`neutralise_cell`, the same rule as
``child_protection/engines/text_input.py``, which the CSV exports and Odoo's list export of the suite's models use).
Numbers are written as numbers: a negative amount stays a number.
"""
import re

from xlsxwriter.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_RE = re.compile(r"^[+-]?(\d[\d.,\s]*)?\d(%)?$")


def neutralise_cell(value):
    """``value`` with an apostrophe in front when it is a text a spreadsheet would run as a formula; numbers, and
    texts that are only a number ("-5", "+84"), as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if NUMBER_RE.match(value) or value in ("-", "+"):
        return value
    return "'" + value


class SafeWorksheet(Worksheet):
    """A worksheet that writes every text as a neutralised text (see the module's docstring)."""

    def _initialize(self, init_data):
        super(SafeWorksheet, self)._initialize(init_data)
        self.strings_to_formulas = False

    def _write_token_as_string(self, token, row, col, *args):
        if token.startswith("{=") and token.endswith("}"):  # an array formula, whatever strings_to_formulas says
            return self._write_string(row, col, *args)
        return super(SafeWorksheet, self)._write_token_as_string(token, row, col, *args)

    def _write_string(self, row, col, string, cell_format=None):
        return super(SafeWorksheet, self)._write_string(row, col, neutralise_cell(string), cell_format)


def add_sheet(workbook, name):
    """A new :class:`SafeWorksheet` of ``workbook`` named ``name``."""
    return workbook.add_worksheet(name, worksheet_class=SafeWorksheet)
