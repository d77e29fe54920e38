"""The allowance reconciliation workbook, as a finance office prints it.

Plain Python and xlsxwriter, no odoo import: the report_xlsx report of child_reports and
scripts/bench_reconciliation.py both call :func:`write_workbook`. Sheets: "Tổng hợp" (totals by ward, the amount in
words, signature lines), one sheet per ward with every line and its status, and "Chênh lệch" (the discrepancies).
Lines are written as they come (the caller streams them, ordered by ward), so a workbook opened with
``{"constant_memory": True}`` keeps its memory flat whatever the number of lines.
"""
import re

from .amount_words import amount_in_words
from .safe_sheet import add_sheet

MONEY = "#,##0"
SIGNERS = (("Người lập biểu", "(Ký, ghi rõ họ tên)"),
           ("Kế toán trưởng", "(Ký, ghi rõ họ tên)"),
           ("Thủ trưởng đơn vị", "(Ký, họ tên, đóng dấu)"))
SUMMARY_COLUMNS = (("STT", 6), ("Phường/xã", 28), ("Số dòng", 9), ("Kế hoạch", 15), ("Đã cấp phát", 15),
                   ("Đã ký nhận", 15), ("Quyết toán", 15), ("Chênh lệch", 11))
LINE_COLUMNS = (("STT", 6), ("Mã CTV", 12), ("Họ và tên", 26), ("Tổ dân phố", 16), ("Tháng", 9),
                ("Kế hoạch", 13), ("Đã cấp phát", 13), ("Đã ký nhận", 13), ("Ngày ký", 11), ("Quyết toán", 13),
                ("Tình trạng", 40))
DISCREPANCY_COLUMNS = (("STT", 6), ("Phường/xã", 22), ("Mã CTV", 12), ("Họ và tên", 24), ("Tháng", 9),
                       ("Loại chênh lệch", 34), ("Phải là", 13), ("Thực tế", 13), ("Chênh lệch", 13))
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class Styles(object):
    """The cell formats of the workbook, made once."""

    def __init__(self, workbook):
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}

        def fmt(**extra):
            return workbook.add_format(dict(base, **extra))
        self.unit = fmt(bold=True)
        self.motto = fmt(bold=True, align="center")
        self.title = fmt(bold=True, font_size=14, align="center")
        self.subtitle = fmt(italic=True, align="center")
        self.note = fmt(italic=True, align="right")
        self.head = fmt(bold=True, border=1, align="center", text_wrap=True, bg_color="#D9E1F2")
        self.text = fmt(border=1)
        self.wrap = fmt(border=1, text_wrap=True)
        self.center = fmt(border=1, align="center")
        self.money = fmt(border=1, num_format=MONEY)
        self.total_label = fmt(border=1, bold=True)
        self.total_money = fmt(border=1, bold=True, num_format=MONEY)
        self.words = fmt(italic=True)
        self.sign_title = fmt(bold=True, align="center")
        self.sign_note = fmt(italic=True, align="center")
        self.place_date = fmt(italic=True, align="center")


def sheet_name(name, used):
    """A worksheet name Excel accepts (31 characters, no []:*?/\\), unique among ``used`` (a set it adds to)."""
    base = SHEET_NAME_FORBIDDEN.sub("-", name).strip("'") or "Sheet"
    candidate, counter = base[:31], 1
    while candidate.lower() in used:
        counter += 1
        suffix = " (%d)" % counter
        candidate = base[:31 - len(suffix)] + suffix
    used.add(candidate.lower())
    return candidate


def _heading(sheet, styles, doc, title, width):
    last = width - 1
    # row by row: in constant_memory mode a row cannot be written once a later one is
    sheet.merge_range(0, 0, 0, 2, doc.get("unit_parent", ""), styles.unit)
    sheet.merge_range(0, 3, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles.motto)
    sheet.merge_range(1, 0, 1, 2, doc.get("unit", ""), styles.unit)
    sheet.merge_range(1, 3, 1, last, "Độc lập - Tự do - Hạnh phúc", styles.motto)
    sheet.merge_range(3, 0, 3, last, title, styles.title)
    sheet.merge_range(4, 0, 4, last, doc.get("period", ""), styles.subtitle)
    sheet.merge_range(5, 0, 5, last, "Đơn vị tính: đồng", styles.note)
    return 7


def _header_row(sheet, styles, row, columns):
    sheet.set_row(row, 32)
    for col, (label, width) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write_string(row, col, label, styles.head)


def _finish(sheet, header_row):
    """A sheet printed landscape on A4, one page wide, its header row repeated on every page."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)


def _signatures(sheet, styles, row, doc, width, signers=SIGNERS):
    """The place-date line and the three signature blocks (title, note, and the name five rows below), from
    ``row``, written row by row. ``signers``: (title, note) left to right; None leaves that place empty."""
    signers = [signer or ("", "") for signer in signers]
    spans = [(0, 1), (2, max(2, width // 2)), (max(3, width // 2 + 1), width - 1)]
    if doc.get("place_date"):
        sheet.merge_range(row, spans[2][0], row, spans[2][1], doc["place_date"], styles.place_date)
    names = doc.get("signer_names") or {}
    rows = [(row + 1, [title for title, _note in signers], styles.sign_title),
            (row + 2, [note for _title, note in signers], styles.sign_note),
            (row + 6, [names.get(title, "") for title, _note in signers], styles.sign_title)]
    for at, texts, style in rows:
        for (first, last), text in zip(spans, texts):
            if not text:
                continue
            if first == last:
                sheet.write_string(at, first, text, style)
            else:
                sheet.merge_range(at, first, at, last, text, style)
    return row + 7


def write_summary(sheet, styles, doc, wards, totals):
    width = len(SUMMARY_COLUMNS)
    row = _heading(sheet, styles, doc, doc.get("title", "BẢNG ĐỐI CHIẾU PHỤ CẤP CỘNG TÁC VIÊN"), width)
    sheet.write_string(row - 1, 0, doc.get("area_line", ""))
    _header_row(sheet, styles, row, SUMMARY_COLUMNS)
    row += 1
    for number, ward in enumerate(wards, 1):
        sheet.write_number(row, 0, number, styles.center)
        sheet.write_string(row, 1, ward["name"], styles.text)
        sheet.write_number(row, 2, ward["line_count"], styles.center)
        for col, key in enumerate(("planned", "disbursed", "receipted", "settled"), 3):
            sheet.write_number(row, col, ward[key], styles.money)
        sheet.write_number(row, 7, ward["discrepancy_count"], styles.center)
        row += 1
    sheet.merge_range(row, 0, row, 1, "Tổng cộng", styles.total_label)
    sheet.write_number(row, 2, totals["line_count"], styles.total_money)
    for col, key in enumerate(("planned", "disbursed", "receipted", "settled"), 3):
        sheet.write_number(row, col, totals[key], styles.total_money)
    sheet.write_number(row, 7, totals["discrepancy_count"], styles.total_money)
    row += 2
    sheet.write_string(row, 0, "Tổng số tiền đã cấp phát (viết bằng chữ): %s." % amount_in_words(
        totals["disbursed"]), styles.words)
    sheet.write_string(row + 1, 0, "Tổng số tiền quyết toán (viết bằng chữ): %s." % amount_in_words(
        totals["settled"]), styles.words)
    if doc.get("run_line"):
        sheet.write_string(row + 2, 0, doc["run_line"], styles.words)
    _signatures(sheet, styles, row + 4, doc, width)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(7)


def _ward_sheet(workbook, styles, doc, ward_name, used):
    sheet = add_sheet(workbook, sheet_name(ward_name, used))
    row = _heading(sheet, styles, doc, "DANH SÁCH CHI TRẢ PHỤ CẤP CỘNG TÁC VIÊN - %s" % ward_name.upper(),
                   len(LINE_COLUMNS))
    _header_row(sheet, styles, row, LINE_COLUMNS)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(row)
    return sheet, row + 1


def _close_ward(sheet, styles, row, sums):
    sheet.merge_range(row, 0, row, 4, "Cộng", styles.total_label)
    for col, key in ((5, "planned"), (6, "disbursed"), (7, "receipted"), (9, "settled")):
        sheet.write_number(row, col, sums[key], styles.total_money)
    sheet.write_blank(row, 8, None, styles.total_label)
    sheet.write_blank(row, 10, None, styles.total_label)


def write_ward_sheets(workbook, styles, doc, lines, used):
    """One sheet per ward from ``lines``: dicts with ward_id, ward, code, name, group, month, planned, disbursed,
    receipted (None when not signed), receipt_date, settled, status; ordered by ward. Returns the number of lines."""
    sheet, row, ward_id, number, count = None, 0, object(), 0, 0
    sums = None
    for line in lines:
        if line["ward_id"] != ward_id:
            if sheet is not None:
                _close_ward(sheet, styles, row, sums)
            ward_id = line["ward_id"]
            sheet, row = _ward_sheet(workbook, styles, doc, line["ward"], used)
            number, sums = 0, dict.fromkeys(("planned", "disbursed", "receipted", "settled"), 0)
        number += 1
        count += 1
        sheet.write_number(row, 0, number, styles.center)
        sheet.write_string(row, 1, line["code"] or "", styles.text)
        sheet.write_string(row, 2, line["name"] or "", styles.text)
        sheet.write_string(row, 3, line["group"] or "", styles.text)
        sheet.write_string(row, 4, line["month"], styles.center)
        sheet.write_number(row, 5, line["planned"], styles.money)
        sheet.write_number(row, 6, line["disbursed"], styles.money)
        if line["receipted"] is None:
            sheet.write_blank(row, 7, None, styles.money)
        else:
            sheet.write_number(row, 7, line["receipted"], styles.money)
            sums["receipted"] += line["receipted"]
        sheet.write_string(row, 8, line["receipt_date"] or "", styles.center)
        sheet.write_number(row, 9, line["settled"], styles.money)
        sheet.write_string(row, 10, line["status"], styles.wrap)
        sums["planned"] += line["planned"]
        sums["disbursed"] += line["disbursed"]
        sums["settled"] += line["settled"]
        row += 1
    if sheet is not None:
        _close_ward(sheet, styles, row, sums)
    return count


def write_discrepancies(sheet, styles, doc, discrepancies):
    """``discrepancies``: dicts with ward, code, name, month, kind (its label), expected, actual."""
    row = _heading(sheet, styles, doc, "DANH SÁCH CHÊNH LỆCH", len(DISCREPANCY_COLUMNS))
    _header_row(sheet, styles, row, DISCREPANCY_COLUMNS)
    row += 1
    for number, item in enumerate(discrepancies, 1):
        sheet.write_number(row, 0, number, styles.center)
        sheet.write_string(row, 1, item["ward"], styles.text)
        sheet.write_string(row, 2, item["code"] or "", styles.text)
        sheet.write_string(row, 3, item["name"] or "", styles.text)
        sheet.write_string(row, 4, item["month"], styles.center)
        sheet.write_string(row, 5, item["kind"], styles.wrap)
        sheet.write_number(row, 6, item["expected"], styles.money)
        sheet.write_number(row, 7, item["actual"], styles.money)
        sheet.write_number(row, 8, item["actual"] - item["expected"], styles.money)
        row += 1
    if row == 8:
        sheet.merge_range(row, 0, row, len(DISCREPANCY_COLUMNS) - 1, "Không có chênh lệch.", styles.text)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)


def write_workbook(workbook, doc, wards, totals, lines, discrepancies):
    """Write the whole reconciliation into ``workbook`` (an xlsxwriter Workbook).

    ``doc``: unit_parent, unit, title, period, area_line, run_line, place_date, signer_names (title -> name);
    ``wards``: dicts with name, line_count, planned, disbursed, receipted, settled, discrepancy_count;
    ``totals``: the same figures for the whole area; ``lines``: see :func:`write_ward_sheets`; ``discrepancies``:
    see :func:`write_discrepancies`. Returns the number of lines written.
    """
    styles = Styles(workbook)
    used = set()
    summary = add_sheet(workbook, sheet_name("Tổng hợp", used))
    write_summary(summary, styles, doc, wards, totals)
    count = write_ward_sheets(workbook, styles, doc, lines, used)
    write_discrepancies(add_sheet(workbook, sheet_name("Chênh lệch", used)), styles, doc, discrepancies)
    return count
