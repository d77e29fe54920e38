"""The settlement workbook of a child event, as a finance office files it.

Plain Python and xlsxwriter, no odoo import; the report of child_reports calls :func:`write_workbook` with the
rows of child_events' ``engines/settlement.py`` (``settle()``). Sheets: "Tổng hợp" (actual against plan by funding
source, the amounts in words, signature lines), "Quà tặng" (the gift lines), and one recipient list per ward with
a signature column ("Danh sách ký nhận").
"""
from .amount_words import amount_in_words
from .reconciliation_workbook import Styles, _finish, _header_row, _heading, _signatures, sheet_name
from .safe_sheet import add_sheet

SOURCE_COLUMNS = (("STT", 6), ("Nguồn kinh phí", 34), ("Kế hoạch", 15), ("Kế hoạch được duyệt", 16),
                  ("Đã cam kết", 15), ("Đã chi", 15), ("Chênh lệch", 15))
GIFT_COLUMNS = (("STT", 6), ("Quà tặng", 30), ("Nhóm trẻ em", 26), ("Nguồn kinh phí", 22), ("Đơn giá", 13),
                ("SL kế hoạch", 10), ("SL thực tế", 10), ("Kế hoạch", 14), ("Thực tế", 14), ("Chênh lệch", 14))
RECIPIENT_COLUMNS = (("STT", 6), ("Họ và tên trẻ em", 26), ("Năm sinh", 9), ("Nhóm trẻ em", 26),
                     ("Cha mẹ/người chăm sóc", 24), ("Quà tặng", 24), ("Giá trị", 13), ("Ngày nhận", 11),
                     ("Ký nhận", 16))


def write_summary(sheet, styles, doc, data):
    width = len(SOURCE_COLUMNS)
    row = _heading(sheet, styles, doc, doc.get("title", "BẢNG QUYẾT TOÁN KINH PHÍ"), width)
    _header_row(sheet, styles, row, SOURCE_COLUMNS)
    header, row = row, row + 1
    for number, source in enumerate(data["sources"], 1):
        sheet.write_number(row, 0, number, styles.center)
        sheet.write_string(row, 1, source["label"] or "", styles.text)
        for col, key in enumerate(("planned", "approved", "committed", "spent", "variance"), 2):
            sheet.write_number(row, col, source[key], styles.money)
        row += 1
    totals = data["totals"]
    sheet.merge_range(row, 0, row, 1, "Tổng cộng", styles.total_label)
    for col, key in enumerate(("planned", "approved", "committed", "spent", "variance"), 2):
        sheet.write_number(row, col, totals[key], styles.total_money)
    row += 2
    sheet.write_string(row, 0, "Tổng kinh phí được duyệt (viết bằng chữ): %s." % amount_in_words(
        totals["approved"]), styles.words)
    sheet.write_string(row + 1, 0, "Tổng kinh phí đã chi (viết bằng chữ): %s." % amount_in_words(
        totals["spent"]), styles.words)
    sheet.write_string(row + 2, 0, "Quà đã trao: %d/%d suất, trị giá %s đồng." % (
        totals["gift_actual_qty"], totals["gift_planned_qty"], "{:,}".format(totals["gift_actual"]).replace(
            ",", ".")), styles.words)
    _signatures(sheet, styles, row + 4, doc, width)
    _finish(sheet, header)


def write_gifts(sheet, styles, doc, data):
    row = _heading(sheet, styles, doc, "QUYẾT TOÁN QUÀ TẶNG", len(GIFT_COLUMNS))
    _header_row(sheet, styles, row, GIFT_COLUMNS)
    header, row = row, row + 1
    for number, gift in enumerate(data["gifts"], 1):
        sheet.write_number(row, 0, number, styles.center)
        sheet.write_string(row, 1, gift["name"] or "", styles.wrap)
        sheet.write_string(row, 2, gift["group_label"] or "", styles.wrap)
        sheet.write_string(row, 3, gift["source_label"] or "", styles.wrap)
        sheet.write_number(row, 4, gift["unit_value"], styles.money)
        sheet.write_number(row, 5, gift["planned_qty"], styles.center)
        sheet.write_number(row, 6, gift["actual_qty"], styles.center)
        for col, key in ((7, "planned_amount"), (8, "actual_amount"), (9, "variance")):
            sheet.write_number(row, col, gift[key], styles.money)
        row += 1
    totals = data["totals"]
    sheet.merge_range(row, 0, row, 4, "Tổng cộng", styles.total_label)
    sheet.write_number(row, 5, totals["gift_planned_qty"], styles.total_money)
    sheet.write_number(row, 6, totals["gift_actual_qty"], styles.total_money)
    for col, key in ((7, "gift_planned"), (8, "gift_actual"), (9, "gift_variance")):
        sheet.write_number(row, col, totals[key], styles.total_money)
    _finish(sheet, header)


def write_ward(sheet, styles, doc, ward):
    width = len(RECIPIENT_COLUMNS)
    row = _heading(sheet, styles, doc, "DANH SÁCH KÝ NHẬN QUÀ - %s" % ward["ward"].upper(), width)
    _header_row(sheet, styles, row, RECIPIENT_COLUMNS)
    header, row = row, row + 1
    for person in ward["rows"]:
        sheet.set_row(row, 24)  # room for a signature
        sheet.write_number(row, 0, person["no"], styles.center)
        sheet.write_string(row, 1, person["child"] or "", styles.text)
        if person["birth_year"]:
            sheet.write_number(row, 2, person["birth_year"], styles.center)
        else:
            sheet.write_blank(row, 2, None, styles.center)
        sheet.write_string(row, 3, person["group_label"] or "", styles.wrap)
        sheet.write_string(row, 4, person["guardian"] or "", styles.text)
        sheet.write_string(row, 5, person["gift"] or "", styles.wrap)
        sheet.write_number(row, 6, person["value"], styles.money)
        date = person["date_signed"] or ""
        sheet.write_string(row, 7, "%s/%s/%s" % (date[8:10], date[5:7], date[:4]) if date else "", styles.center)
        sheet.write_blank(row, 8, None, styles.text)
        row += 1
    sheet.merge_range(row, 0, row, 5, "Cộng: %d trẻ em, đã nhận %d" % (ward["count"], ward["received_count"]),
                      styles.total_label)
    sheet.write_number(row, 6, ward["received_value"], styles.total_money)
    sheet.write_blank(row, 7, None, styles.total_label)
    sheet.write_blank(row, 8, None, styles.total_label)
    sheet.write_string(row + 2, 0, "Số tiền đã nhận (viết bằng chữ): %s." % amount_in_words(
        ward["received_value"]), styles.words)
    _signatures(sheet, styles, row + 4, doc, width)
    _finish(sheet, header)


def write_workbook(workbook, doc, data):
    """Write the settlement of one event into ``workbook`` (an xlsxwriter Workbook).

    ``doc``: the heading and signing texts (unit_parent, unit, title, period, place_date, signer_names);
    ``data``: ``settle()``'s rows. Recipient sheets come only from ``data["wards"]``: the caller passes the
    recipients the reader may see.
    """
    styles, used = Styles(workbook), set()
    write_summary(add_sheet(workbook, sheet_name("Tổng hợp", used)), styles, doc, data)
    write_gifts(add_sheet(workbook, sheet_name("Quà tặng", used)), styles, doc, data)
    for ward in data["wards"]:
        write_ward(add_sheet(workbook, sheet_name(ward["ward"], used)), styles, doc, ward)
