"""The task progress workbook of a plan: how far each agency has got with the tasks the plan gives it.

Plain Python and xlsxwriter, no odoo import; the report of child_reports calls :func:`write_workbook` with the
tasks the reader may see. Sheets: "Tổng hợp" (one row per agency: the tasks it leads by state, the overdue ones,
their average progress and the tasks it coordinates, a total row, signature lines) and "Chi tiết" (every task
under its agency, the tasks it leads and those it coordinates, overdue rows highlighted).
"""
from .reconciliation_workbook import SIGNERS, Styles, _finish, _header_row, _heading, _signatures, sheet_name
from .safe_sheet import add_sheet

LEAD, COORDINATING = "Chủ trì", "Phối hợp"
STATE_KEYS = ("done", "in_progress", "todo")
FONT = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}  # as the shared Styles
OVERDUE_FILL, OVERDUE_FONT = "#FCE4D6", "#C00000"
UNIT_ROW = 5  # _heading's "Đơn vị tính" line, which says here when the figures were taken
SUMMARY_COLUMNS = (("STT", 6), ("Cơ quan, đơn vị", 30), ("Nhiệm vụ chủ trì", 11), ("Hoàn thành", 11),
                   ("Đang thực hiện", 11), ("Chưa thực hiện", 11), ("Quá hạn", 9), ("Tiến độ bình quân (%)", 12),
                   ("Nhiệm vụ phối hợp", 11))
DETAIL_COLUMNS = (("STT", 6), ("Nhiệm vụ", 40), ("Mục", 24), ("Vai trò", 10), ("Thời hạn", 11),
                  ("Trạng thái", 15), ("Tiến độ (%)", 9), ("Số ngày quá hạn", 9), ("Kết quả thực hiện", 36))
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


class TaskStyles(Styles):
    """The shared formats, and those of the task rows: percentages, agency sub-headings, overdue rows."""

    def __init__(self, workbook):
        super(TaskStyles, self).__init__(workbook)

        def fmt(**extra):
            return workbook.add_format(dict(FONT, border=1, **extra))
        self.percent = fmt(align="center", num_format="0")
        self.total_count = fmt(bold=True, align="center")
        self.total_percent = fmt(bold=True, align="center", num_format="0")
        self.agency = fmt(bold=True, bg_color="#EDEDED")
        late = {"bg_color": OVERDUE_FILL, "font_color": OVERDUE_FONT}
        self.late_text = fmt(**late)
        self.late_wrap = fmt(text_wrap=True, **late)
        self.late_center = fmt(align="center", **late)
        self.late_percent = fmt(align="center", num_format="0", **late)


def roman(number):
    """``number`` in Roman numerals, as the groups of an official table are numbered (I, II, ...)."""
    text = ""
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        text += letters * count
    return text


def summarise(agencies):
    """``(rows, totals)``: per agency, in order, and for all, the tasks it leads (``tasks``) by state (``done``,
    ``in_progress``, ``todo``), the overdue ones, their average progress (``None`` without any) and the tasks it
    coordinates (``coordinating``). The totals count each task once, under its lead agency."""
    def empty():
        return dict.fromkeys(("tasks", "overdue", "coordinating", "progress_sum") + STATE_KEYS, 0)

    rows, totals = [], empty()
    for agency in agencies:
        row = dict(empty(), name=agency["name"])
        for task in agency["tasks"]:
            if task["role"] != LEAD:
                row["coordinating"] += 1
                continue
            row["tasks"] += 1
            row["overdue"] += 1 if task["overdue"] else 0
            row["progress_sum"] += task["progress"]
            if task["state_key"] in STATE_KEYS:
                row[task["state_key"]] += 1
        for key in totals:
            totals[key] += row[key]
        rows.append(row)
    for row in rows + [totals]:
        row["progress"] = float(row.pop("progress_sum")) / row["tasks"] if row["tasks"] else None
    return rows, totals


def _heading_as_of(sheet, styles, doc, title, width):
    row = _heading(sheet, styles, doc, title, width)
    sheet.write_string(UNIT_ROW, 0, doc.get("as_of", ""), styles.note)
    return row


def write_summary(sheet, styles, doc, agencies):
    width = len(SUMMARY_COLUMNS)
    row = _heading_as_of(sheet, styles, doc, doc.get("title", "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ"), width)
    _header_row(sheet, styles, row, SUMMARY_COLUMNS)
    header, row = row, row + 1
    rows, totals = summarise(agencies)
    for number, agency in enumerate(rows, 1):
        sheet.write_number(row, 0, number, styles.center)
        sheet.write_string(row, 1, agency["name"], styles.wrap)
        _write_figures(sheet, row, agency, styles.center, styles.percent)
        row += 1
    sheet.merge_range(row, 0, row, 1, "Tổng cộng", styles.total_label)
    _write_figures(sheet, row, totals, styles.total_count, styles.total_percent)
    _signatures(sheet, styles, row + 2, doc, width, (SIGNERS[0], None, SIGNERS[2]))   # no accountant
    _finish(sheet, header)


def _write_figures(sheet, row, figures, count_style, percent_style):
    for col, key in enumerate(("tasks", "done", "in_progress", "todo", "overdue"), 2):
        sheet.write_number(row, col, figures[key], count_style)
    if figures["progress"] is None:
        sheet.write_blank(row, 7, None, percent_style)
    else:
        sheet.write_number(row, 7, figures["progress"], percent_style)
    sheet.write_number(row, 8, figures["coordinating"], count_style)


def write_details(sheet, styles, doc, agencies):
    width = len(DETAIL_COLUMNS)
    row = _heading_as_of(sheet, styles, doc, "CHI TIẾT TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", width)
    _header_row(sheet, styles, row, DETAIL_COLUMNS)
    header, row = row, row + 1
    for index, agency in enumerate(agencies, 1):
        sheet.merge_range(row, 0, row, width - 1, "%s. %s" % (roman(index), agency["name"]), styles.agency)
        row += 1
        for number, task in enumerate(agency["tasks"], 1):
            _write_task(sheet, styles, row, number, task)
            row += 1
    if not agencies:
        sheet.merge_range(row, 0, row, width - 1, "Không có nhiệm vụ.", styles.text)
    _finish(sheet, header)


def _write_task(sheet, styles, row, number, task):
    if task["overdue"]:
        text, wrap, center, percent = styles.late_text, styles.late_wrap, styles.late_center, styles.late_percent
    else:
        text, wrap, center, percent = styles.text, styles.wrap, styles.center, styles.percent
    sheet.write_number(row, 0, number, center)
    sheet.write_string(row, 1, task["name"] or "", wrap)
    sheet.write_string(row, 2, task["section"] or "", wrap)
    sheet.write_string(row, 3, task["role"], center)
    sheet.write_string(row, 4, task["deadline"] or "", center)
    sheet.write_string(row, 5, task["state"], text)
    sheet.write_number(row, 6, task["progress"], percent)
    if task["overdue"]:
        sheet.write_number(row, 7, task["days_late"], center)
    else:
        sheet.write_blank(row, 7, None, center)
    sheet.write_string(row, 8, task["result_note"] or "", wrap)


def write_workbook(workbook, doc, agencies):
    """Write the task progress of one plan into ``workbook`` (an xlsxwriter Workbook).

    ``doc``: the heading and signing texts (unit_parent, unit, title, period, as_of, place_date, signer_names);
    ``agencies``: in order, dicts with name and tasks, each task a dict with name, section ("3. ..." or ""), role
    (:data:`LEAD` or :data:`COORDINATING`), deadline ("dd/mm/yyyy" or ""), state (its label), state_key (todo,
    in_progress, done), progress (0-100), overdue, days_late and result_note. The caller passes the tasks the
    reader may see, each under its lead agency and under every agency that coordinates it.
    """
    styles, used = TaskStyles(workbook), set()
    write_summary(add_sheet(workbook, sheet_name("Tổng hợp", used)), styles, doc, agencies)
    write_details(add_sheet(workbook, sheet_name("Chi tiết", used)), styles, doc, agencies)
