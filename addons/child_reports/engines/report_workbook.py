"""The workbook of a plan's periodic report (6 months, whole year): the figures of the report, sheet by sheet.

Plain Python and xlsxwriter, no odoo import; the report_xlsx report of child_reports calls :func:`write_workbook`
with the report's figures, the same plain values the PDF is built from (``child.plan.report._figures``). Sheets:
"Nhiệm vụ" (the tasks by lead agency with a total row, then every task with its latest update of the period),
"Chỉ tiêu" (each indicator's result against its target), "Sự kiện" (the events of the period, participation and
budget) and "Phụ cấp" (the collaborators' allowances of the period: totals only, in figures and in words).
"""
from decimal import ROUND_HALF_UP, Decimal

from .amount_words import amount_in_words
from .reconciliation_workbook import Styles, _finish, _header_row, _heading, _signatures, sheet_name
from .safe_sheet import add_sheet

#: The tasks' states as a report names them.
STATE_WORDS = {"todo": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Hoàn thành"}
UNIT_ROW = 5  # _heading's "Đơn vị tính" line, which says on the non-money sheets when the figures were taken
AGENCY_COLUMNS = (("STT", 6), ("Cơ quan chủ trì", 36), ("Số nhiệm vụ", 12), ("Hoàn thành", 12),
                  ("Đang thực hiện", 12), ("Chưa thực hiện", 12), ("Quá hạn", 12), ("Tiến độ bình quân (%)", 48))
# Under the agencies' table, on the same columns (so the widths above suit both)
TASK_COLUMNS = ("STT", "Nhiệm vụ", "Thời hạn", "Trạng thái", "Tiến độ (%)", "Số ngày quá hạn", "Ngày cập nhật",
                "Cập nhật gần nhất trong kỳ")
INDICATOR_COLUMNS = (("STT", 6), ("Chỉ tiêu", 44), ("Mục tiêu", 18), ("Kết quả", 14), ("Số liệu ngày", 13),
                     ("Tỷ lệ đạt (%)", 12), ("Đánh giá", 16))
EVENT_COLUMNS = (("STT", 6), ("Sự kiện, hoạt động", 40), ("Từ ngày", 12), ("Đến ngày", 12),
                 ("Tỷ lệ tham gia (%)", 12), ("Kinh phí kế hoạch", 16), ("Đã chi", 16))
# "Bằng chữ" is merged over the last three columns: the heading and the signatures need six
ALLOWANCE_COLUMNS = (("STT", 6), ("Nội dung", 34), ("Số tiền", 18), ("Bằng chữ", 22), ("", 22), ("", 22))
ALLOWANCE_ROWS = (("planned", "Kinh phí phụ cấp theo kế hoạch"), ("disbursed", "Đã cấp phát"),
                  ("settled", "Đã quyết toán"))
MET_WORDS = {True: "Đạt", False: "Chưa đạt", None: "Chưa có số liệu"}


def date_vn(value):
    """``2030-06-30`` -> ``30/06/2030``; empty for no date."""
    return "%s/%s/%s" % (value[8:10], value[5:7], value[:4]) if value else ""


def percent(value):
    """A percentage as a report writes it, to one decimal rounded half up: ``85``, ``86.3``; ``-`` when there is
    none."""
    if value is None:
        return "-"
    value = Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return "%d" % value if value == value.to_integral_value() else str(value)


def met_words(indicator):
    return MET_WORDS[indicator["met"] if indicator["value"] else None]


class ReportStyles(Styles):
    """The shared formats, and the report's own: percentages, agency sub-headings, overdue rows."""

    def __init__(self, workbook):
        super(ReportStyles, self).__init__(workbook)
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter", "border": 1}

        def fmt(**extra):
            return workbook.add_format(dict(base, **extra))
        self.percent = fmt(align="center", num_format="0.0")
        self.total_count = fmt(bold=True, align="center")
        self.total_percent = fmt(bold=True, align="center", num_format="0.0")
        self.agency = fmt(bold=True, bg_color="#EDEDED")
        self.late_center = fmt(align="center", bg_color="#FCE4D6", font_color="#C00000")
        self.plain_head = fmt(bold=True, align="center", text_wrap=True, bg_color="#D9E1F2")
        self.section = workbook.add_format({"font_name": "Times New Roman", "font_size": 12, "bold": True})


def _as_of(sheet, styles, doc, title, width):
    row = _heading(sheet, styles, doc, title, width)
    sheet.write_string(UNIT_ROW, 0, "Số liệu tính đến ngày %s" % date_vn(doc.get("as_of")), styles.note)
    return row


def _number_or_blank(sheet, row, col, value, style):
    if value is None:
        sheet.write_blank(row, col, None, style)
    else:
        sheet.write_number(row, col, value, style)


def write_tasks(sheet, styles, doc, tasks):
    """The tasks by lead agency (and a total row), then each task under its agency with the latest update of
    the period, and the signatures of the report."""
    width = len(AGENCY_COLUMNS)
    row = _as_of(sheet, styles, doc, "KẾT QUẢ THỰC HIỆN NHIỆM VỤ", width)
    _header_row(sheet, styles, row, AGENCY_COLUMNS)
    header, row = row, row + 1
    for number, agency in enumerate(tasks["agencies"], 1):
        sheet.write_number(row, 0, number, styles.center)
        sheet.write_string(row, 1, agency["name"], styles.wrap)
        _agency_figures(sheet, row, agency, styles.center, styles.percent)
        row += 1
    sheet.merge_range(row, 0, row, 1, "Tổng cộng", styles.total_label)
    _agency_figures(sheet, row, tasks, styles.total_count, styles.total_percent)
    row += 2
    sheet.write_string(row, 0, "Chi tiết nhiệm vụ", styles.section)
    row += 1
    sheet.set_row(row, 32)
    for col, label in enumerate(TASK_COLUMNS):
        sheet.write_string(row, col, label, styles.plain_head)
    row += 1
    agencies = []
    for item in tasks["items"]:
        if item["agency"] not in agencies:
            agencies.append(item["agency"])
    for index, agency in enumerate(agencies, 1):
        sheet.merge_range(row, 0, row, width - 1, "%d. %s" % (index, agency), styles.agency)
        row += 1
        for number, item in enumerate([i for i in tasks["items"] if i["agency"] == agency], 1):
            sheet.write_number(row, 0, number, styles.center)
            sheet.write_string(row, 1, item["name"], styles.wrap)
            sheet.write_string(row, 2, date_vn(item["deadline"]), styles.center)
            sheet.write_string(row, 3, STATE_WORDS[item["state"]], styles.text)
            sheet.write_number(row, 4, item["progress"], styles.percent)
            if item["overdue"]:
                sheet.write_number(row, 5, item["days_late"], styles.late_center)
            else:
                sheet.write_blank(row, 5, None, styles.center)
            sheet.write_string(row, 6, date_vn(item["note_date"]), styles.center)
            sheet.write_string(row, 7, item["note"] or "", styles.wrap)
            row += 1
    if not agencies:
        sheet.merge_range(row, 0, row, width - 1, "Không có nhiệm vụ trong kỳ.", styles.text)
        row += 1
    _report_signature(sheet, styles, row + 1, doc, width)
    _finish(sheet, header)


def _agency_figures(sheet, row, figures, count_style, percent_style):
    for col, key in enumerate(("count", "done", "in_progress", "todo", "overdue"), 2):
        sheet.write_number(row, col, figures[key], count_style)
    _number_or_blank(sheet, row, 7, figures["progress"], percent_style)


def _report_signature(sheet, styles, row, doc, width):
    """The place-date line, the drafter on the left and the report's signer (the lines of the signature
    block and the name five rows below) on the right."""
    right = (max(3, width // 2), width - 1)
    if doc.get("place_date"):
        sheet.merge_range(row, right[0], row, right[1], doc["place_date"], styles.place_date)
    lines = doc.get("signature_lines") or []
    sheet.merge_range(row + 1, 0, row + 1, 1, "Người lập biểu", styles.sign_title)
    for offset, line in enumerate(lines, 1):
        sheet.merge_range(row + offset, right[0], row + offset, right[1], line, styles.sign_title)
    names_row = row + max(len(lines), 1) + 5
    sheet.merge_range(names_row, 0, names_row, 1, doc.get("drafter", ""), styles.sign_title)
    sheet.merge_range(names_row, right[0], names_row, right[1], doc.get("signer_name", ""), styles.sign_title)


def write_indicators(sheet, styles, doc, indicators):
    width = len(INDICATOR_COLUMNS)
    row = _as_of(sheet, styles, doc, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", width)
    _header_row(sheet, styles, row, INDICATOR_COLUMNS)
    header, row = row, row + 1
    for number, indicator in enumerate(indicators, 1):
        sheet.write_number(row, 0, number, styles.center)
        sheet.write_string(row, 1, indicator["name"], styles.wrap)
        sheet.write_string(row, 2, indicator["target"], styles.center)
        sheet.write_string(row, 3, indicator["value"] or "", styles.center)
        sheet.write_string(row, 4, date_vn(indicator["date"]), styles.center)
        _number_or_blank(sheet, row, 5, indicator["achievement"] if indicator["value"] else None, styles.percent)
        sheet.write_string(row, 6, met_words(indicator), styles.center)
        row += 1
    if not indicators:
        sheet.merge_range(row, 0, row, width - 1, "Kế hoạch không có chỉ tiêu.", styles.text)
        row += 1
    met = len([i for i in indicators if i["value"] and i["met"]])
    sheet.write_string(row + 1, 0, "Số chỉ tiêu đạt: %d/%d." % (met, len(indicators)), styles.words)
    _finish(sheet, header)


def write_events(sheet, styles, doc, events):
    width = len(EVENT_COLUMNS)
    row = _heading(sheet, styles, doc, "CÁC SỰ KIỆN, HOẠT ĐỘNG TRONG KỲ", width)
    _header_row(sheet, styles, row, EVENT_COLUMNS)
    header, row = row, row + 1
    for number, event in enumerate(events["items"], 1):
        sheet.write_number(row, 0, number, styles.center)
        sheet.write_string(row, 1, event["name"], styles.wrap)
        sheet.write_string(row, 2, date_vn(event["date_start"]), styles.center)
        sheet.write_string(row, 3, date_vn(event["date_end"]), styles.center)
        _number_or_blank(sheet, row, 4, event["participation_rate"], styles.percent)
        sheet.write_number(row, 5, event["planned"], styles.money)
        sheet.write_number(row, 6, event["spent"], styles.money)
        row += 1
    sheet.merge_range(row, 0, row, 4, "Tổng cộng", styles.total_label)
    sheet.write_number(row, 5, events["planned"], styles.total_money)
    sheet.write_number(row, 6, events["spent"], styles.total_money)
    sheet.write_string(row + 2, 0, "Tổng kinh phí đã chi (viết bằng chữ): %s." % amount_in_words(events["spent"]),
                       styles.words)
    _finish(sheet, header)


def write_allowances(sheet, styles, doc, allowances):
    """The allowances of the period: the totals of the area and its wards (no collaborator named)."""
    width = len(ALLOWANCE_COLUMNS)
    row = _heading(sheet, styles, doc, "KINH PHÍ PHỤ CẤP CỘNG TÁC VIÊN BẢO VỆ TRẺ EM", width)
    _header_row(sheet, styles, row, ALLOWANCE_COLUMNS)
    sheet.merge_range(row, 3, row, width - 1, "Bằng chữ", styles.head)
    header, row = row, row + 1
    if allowances:
        for number, (key, label) in enumerate(ALLOWANCE_ROWS, 1):
            sheet.write_number(row, 0, number, styles.center)
            sheet.write_string(row, 1, label, styles.text)
            sheet.write_number(row, 2, allowances[key], styles.money)
            sheet.merge_range(row, 3, row, width - 1, amount_in_words(allowances[key]), styles.wrap)
            row += 1
        sheet.write_string(row + 1, 0, "Số xã, phường có bảng phụ cấp trong kỳ: %d." % allowances["wards"],
                           styles.words)
    else:
        sheet.merge_range(row, 0, row, width - 1, "Không có bảng phụ cấp trong kỳ.", styles.text)
    _signatures(sheet, styles, row + 3, doc, width)
    _finish(sheet, header)


def write_workbook(workbook, doc, figures):
    """Write the figures of one periodic report into ``workbook`` (an xlsxwriter Workbook).

    ``doc``: the heading and signing texts (unit_parent, unit, period, as_of, place_date, signature_lines,
    signer_name, drafter, signer_names for the allowance sheet); ``figures``: as ``child.plan.report._figures``
    returns them (tasks, indicators, events, allowances).
    """
    styles, used = ReportStyles(workbook), set()
    doc = dict(doc, as_of=doc.get("as_of") or figures.get("as_of"))
    write_tasks(add_sheet(workbook, sheet_name("Nhiệm vụ", used)), styles, doc, figures["tasks"])
    write_indicators(add_sheet(workbook, sheet_name("Chỉ tiêu", used)), styles, doc, figures["indicators"])
    write_events(add_sheet(workbook, sheet_name("Sự kiện", used)), styles, doc, figures["events"])
    write_allowances(add_sheet(workbook, sheet_name("Phụ cấp", used)), styles, doc, figures["allowances"])
