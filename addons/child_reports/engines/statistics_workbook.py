"""The Circular 13/2021/TT-BLĐTBXH statistics workbook of an area: its wards' figures added up, indicator by
indicator, in the order of the catalogue.

Plain Python and xlsxwriter, no odoo import; the report of child_reports calls :func:`write_workbook` with the rows
of :func:`child_statistics.roll_up`. Sheets: "Tổng hợp" (under each appendix and group heading, one row per
indicator: code, name, unit, publication period, "Tổng số / tỷ lệ" (the count, or the rate recomputed from the
summed numerators and denominators), the numerator and denominator of a rate, and the breakdowns by sex and age group;
signature lines) and "Theo xã, phường" (the value of each indicator in each ward, and the wards that have not
reported).
"""
from .child_statistics import (APPENDIX_NUMERALS, APPENDIX_TITLES, BREAKDOWN_FIGURES, BREAKDOWN_LABELS,
                               DIMENSION_FIGURES, GROUP_NUMBER, GROUP_TITLE, PUBLICATION_WORDS, dimensions_of,
                               sections)
from .reconciliation_workbook import SIGNERS, Styles, _finish, _header_row, _heading, _signatures, sheet_name
from .safe_sheet import add_sheet
from .task_workbook import FONT, roman

UNIT_ROW = 5  # _heading's "Đơn vị tính" line: here, how many wards the figures come from
SUMMARY_COLUMNS = ((("Mã số", 8), ("Tên chỉ tiêu", 46), ("Đơn vị tính", 12), ("Kỳ công bố", 10),
                    ("Tổng số / tỷ lệ", 11), ("Tử số", 10), ("Mẫu số", 10))
                   + tuple((label, 10) for label in BREAKDOWN_LABELS.values()))
FIRST_BREAKDOWN_COLUMN = 7
WARD_COLUMNS = (("Mã số", 8), ("Tên chỉ tiêu", 40), ("Đơn vị tính", 12))
COUNT_FORMAT, RATE_FORMAT = "#,##0", "0.00"


class StatisticsStyles(Styles):
    """The shared formats, and those of the statistics: headings of appendices and groups, counts and rates."""

    def __init__(self, workbook):
        super(StatisticsStyles, self).__init__(workbook)

        def fmt(**extra):
            return workbook.add_format(dict(FONT, border=1, **extra))
        self.appendix = fmt(bold=True, bg_color="#D9E1F2", text_wrap=True)
        self.group = fmt(bold=True, bg_color="#EDEDED")
        self.count = fmt(num_format=COUNT_FORMAT)
        self.rate = fmt(num_format=RATE_FORMAT)
        self.blank = fmt()


def _heading_with_coverage(sheet, styles, doc, title, width):
    row = _heading(sheet, styles, doc, title, width)
    sheet.write_string(UNIT_ROW, 0, doc.get("coverage", ""), styles.note)
    return row


def _write_value(sheet, row, col, value, rate, styles):
    if value is None:
        sheet.write_blank(row, col, None, styles.blank)
    else:
        sheet.write_number(row, col, value, styles.rate if rate else styles.count)


def _section_rows(sheet, styles, row, width, appendix, groups, write_row):
    sheet.merge_range(row, 0, row, width - 1, "PHỤ LỤC %s. %s" % (
        APPENDIX_NUMERALS.get(appendix, appendix), APPENDIX_TITLES.get(appendix, "")), styles.appendix)
    sheet.set_row(row, 32)
    row += 1
    for group, rows in groups:
        sheet.merge_range(row, 0, row, width - 1, "%s. %s" % (roman(int(GROUP_NUMBER[group])), GROUP_TITLE[group]),
                          styles.group)
        row += 1
        for item in rows:
            write_row(row, item)
            row += 1
    return row


def write_summary(sheet, styles, doc, rows):
    width = len(SUMMARY_COLUMNS)
    row = _heading_with_coverage(sheet, styles, doc, doc.get("title", "SỐ LIỆU THỐNG KÊ VỀ TRẺ EM"), width)
    _header_row(sheet, styles, row, SUMMARY_COLUMNS)
    header, row = row, row + 1

    def write_row(at, item):
        rate = item.get("measure") == "rate"
        sheet.write_string(at, 0, item["code"], styles.center)
        sheet.write_string(at, 1, item["name"], styles.wrap)
        sheet.write_string(at, 2, item.get("unit") or "", styles.center)
        sheet.write_string(at, 3, PUBLICATION_WORDS.get(item.get("publication"), ""), styles.center)
        _write_value(sheet, at, 4, item["value"], rate, styles)
        _write_value(sheet, at, 5, item["total"] if rate else None, False, styles)
        _write_value(sheet, at, 6, item["base"] if rate else None, False, styles)
        broken_down = {name for dimension in dimensions_of(item) for name in DIMENSION_FIGURES[dimension]}
        for col, name in enumerate(BREAKDOWN_FIGURES, FIRST_BREAKDOWN_COLUMN):
            _write_value(sheet, at, col, item[name] if name in broken_down else None, False, styles)

    for appendix, groups in sections(rows):
        row = _section_rows(sheet, styles, row, width, appendix, groups, write_row)
    if not rows:
        sheet.merge_range(row, 0, row, width - 1, "Chưa có chỉ tiêu nào trong danh mục.", styles.text)
        row += 1
    _signatures(sheet, styles, row + 1, doc, width, (SIGNERS[0], None, SIGNERS[2]))   # no accountant
    _finish(sheet, header)


def write_wards(sheet, styles, doc, rows, wards):
    """``wards``: dicts with name, reported (whether the ward has its figures for the period) and values (indicator
    id -> the value it shows: the count, the rate, or None)."""
    columns = WARD_COLUMNS + tuple((ward["name"] if ward["reported"] else "%s (chưa báo cáo)" % ward["name"], 12)
                                   for ward in wards)
    width = len(columns)
    row = _heading_with_coverage(sheet, styles, doc, "SỐ LIỆU THEO XÃ, PHƯỜNG", max(width, 6))
    _header_row(sheet, styles, row, columns)
    header, row = row, row + 1

    def write_row(at, item):
        rate = item.get("measure") == "rate"
        sheet.write_string(at, 0, item["code"], styles.center)
        sheet.write_string(at, 1, item["name"], styles.wrap)
        sheet.write_string(at, 2, item.get("unit") or "", styles.center)
        for col, ward in enumerate(wards, len(WARD_COLUMNS)):
            _write_value(sheet, at, col, ward["values"].get(item["id"]) if ward["reported"] else None, rate,
                         styles)

    for appendix, groups in sections(rows):
        row = _section_rows(sheet, styles, row, width, appendix, groups, write_row)
    _finish(sheet, header)


def write_workbook(workbook, doc, rows, wards=()):
    """Write the statistics of one area and period into ``workbook`` (an xlsxwriter Workbook).

    ``doc``: the heading and signing texts (unit_parent, unit, title, period, coverage, place_date, signer_names);
    ``rows``: :func:`child_statistics.roll_up`'s rows, in the catalogue's order; ``wards``: see :func:`write_wards`.
    """
    styles, used = StatisticsStyles(workbook), set()
    write_summary(add_sheet(workbook, sheet_name("Tổng hợp", used)), styles, doc, rows)
    write_wards(add_sheet(workbook, sheet_name("Theo xã, phường", used)), styles, doc, rows, list(wards))
