"""Task progress workbook engine of child_reports: written with xlsxwriter, read back with xlrd."""
import io

import xlrd
import xlsxwriter

from child_reports_engines import task_workbook as engine

DOC = {"unit_parent": "UBND HUYỆN THỬ", "unit": "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
       "title": "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", "period": "Kế hoạch số 7/KH-UBND ngày 05/03/2030",
       "as_of": "Số liệu tính đến ngày 10/04/2030", "place_date": "Thử, ngày 10 tháng 4 năm 2030",
       "signer_names": {"Người lập biểu": "Đỗ Thị Mai Anh"}}


def task(name, state_key, progress, role=engine.LEAD, overdue=False, days_late=0, **values):
    labels = {"todo": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Hoàn thành"}
    row = {"name": name, "section": "1. Tuyên truyền", "role": role, "deadline": "31/03/2030",
           "state": labels[state_key], "state_key": state_key, "progress": progress, "overdue": overdue,
           "days_late": days_late, "result_note": ""}
    row.update(values)
    return row


AGENCIES = [
    {"name": "Phòng Tư pháp", "tasks": [
        task("Tuyên truyền Luật Trẻ em", "in_progress", 40, overdue=True, days_late=10),
        task("Rà soát trẻ em", "done", 100, result_note="Đã rà soát 120 trẻ em."),
        task("Khám sức khỏe", "todo", 0, role=engine.COORDINATING, deadline="30/09/2030", section="")]},
    {"name": "Phòng Y tế", "tasks": [
        task("Khám sức khỏe", "todo", 0, deadline="30/09/2030", section=""),
        task("Tiêm chủng", "in_progress", 50, deadline="31/12/2030")]},
    {"name": "UBND phường A", "tasks": [
        task("Rà soát trẻ em", "done", 100, role=engine.COORDINATING)]},
]


def write(agencies=AGENCIES):
    data = io.BytesIO()
    workbook = xlsxwriter.Workbook(data)
    engine.write_workbook(workbook, DOC, agencies)
    workbook.close()
    return xlrd.open_workbook(file_contents=data.getvalue())


def values(sheet):
    return [value for row in range(sheet.nrows) for value in sheet.row_values(row)]


def rows_by_name(sheet):
    """The rows under the header by their name: an agency's (column B), or "Tổng cộng" (merged from column A)."""
    rows = [sheet.row_values(r) for r in range(8, sheet.nrows)]
    return {row[1] or row[0]: row for row in rows}


def test_two_sheets():
    assert write().sheet_names() == ["Tổng hợp", "Chi tiết"]
    assert write([]).sheet_names() == ["Tổng hợp", "Chi tiết"]


def test_summary_counts_lead_tasks_by_state_and_coordinated_ones():
    summary = write().sheet_by_name("Tổng hợp")
    assert summary.row_values(7)[:3] == ["STT", "Cơ quan, đơn vị", "Nhiệm vụ chủ trì"]
    rows = rows_by_name(summary)
    # tasks, done, in progress, to do, overdue, average progress, coordinated
    assert rows["Phòng Tư pháp"][:9] == [1, "Phòng Tư pháp", 2, 1, 1, 0, 1, 70, 1]
    assert rows["Phòng Y tế"][:9] == [2, "Phòng Y tế", 2, 0, 1, 1, 0, 25, 0]
    assert rows["UBND phường A"][:9] == [3, "UBND phường A", 0, 0, 0, 0, 0, "", 1]
    # each task once, under its lead agency: (40 + 100 + 0 + 50) / 4
    assert rows["Tổng cộng"][2:9] == [4, 1, 2, 1, 1, 47.5, 2]


def test_summary_heading_as_of_and_signatures():
    summary = values(write().sheet_by_name("Tổng hợp"))
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                     "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", "Kế hoạch số 7/KH-UBND ngày 05/03/2030",
                     "Số liệu tính đến ngày 10/04/2030", "Thử, ngày 10 tháng 4 năm 2030", "Người lập biểu",
                     "Thủ trưởng đơn vị", "Đỗ Thị Mai Anh"):
        assert expected in summary, expected
    assert "Đơn vị tính: đồng" not in summary
    assert "Kế toán trưởng" not in summary   # no money here: the chief accountant does not sign


def test_details_grouped_by_agency_with_roles_and_overdue_days():
    details = write().sheet_by_name("Chi tiết")
    header = details.row_values(7)
    assert header[:4] == ["STT", "Nhiệm vụ", "Mục", "Vai trò"] and header[-1] == "Kết quả thực hiện"
    rows = [details.row_values(r) for r in range(8, details.nrows)]
    assert [row[0] for row in rows if row[0] and isinstance(row[0], str)] == [
        "I. Phòng Tư pháp", "II. Phòng Y tế", "III. UBND phường A"]
    late, done, coordinated = rows[1:4]
    assert late[:9] == [1, "Tuyên truyền Luật Trẻ em", "1. Tuyên truyền", "Chủ trì", "31/03/2030",
                        "Đang thực hiện", 40, 10, ""]
    assert done[1] == "Rà soát trẻ em" and done[7] == "" and done[8] == "Đã rà soát 120 trẻ em."
    assert coordinated[:4] == [3, "Khám sức khỏe", "", "Phối hợp"]
    assert rows[-1][:4] == [1, "Rà soát trẻ em", "1. Tuyên truyền", "Phối hợp"]


def test_overdue_rows_highlighted():
    data = io.BytesIO()
    workbook = xlsxwriter.Workbook(data)
    engine.write_workbook(workbook, DOC, AGENCIES)
    workbook.close()
    # xlrd reads no formats from .xlsx: look at the cell formats xlsxwriter wrote (a solid fill is kept as the
    # pattern's foreground colour once the workbook is closed)
    details = workbook.get_worksheet_by_name("Chi tiết")
    late, on_time = [[(cell.format.fg_color, cell.format.font_color) for cell in details.table[row].values()]
                     for row in (9, 10)]
    assert len(late) == 9 and set(late) == {(engine.OVERDUE_FILL, engine.OVERDUE_FONT)}
    assert set(on_time) == {(0, 0)}


def test_no_tasks():
    book = write([])
    assert "Không có nhiệm vụ." in values(book.sheet_by_name("Chi tiết"))
    total = rows_by_name(book.sheet_by_name("Tổng hợp"))["Tổng cộng"]
    assert total[2:9] == [0, 0, 0, 0, 0, "", 0]


def test_roman_numerals():
    assert [engine.roman(n) for n in (1, 4, 9, 14, 40, 90, 2030)] == ["I", "IV", "IX", "XIV", "XL", "XC",
                                                                        "MMXXX"]
