"""Periodic report workbook engine of child_reports: written with xlsxwriter, read back with xlrd."""
import io

import xlrd
import xlsxwriter

from child_reports_engines import report_workbook as engine

DOC = {"unit_parent": "", "unit": "UBND HUYỆN THỬ",
       "period": "Số 02/BC-UBND - Kết quả thực hiện Kế hoạch số 01/KH-UBND 6 tháng đầu năm 2030",
       "place_date": "Thử, ngày 05 tháng 7 năm 2030",
       "signature_lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
       "signer_name": "Nguyễn Văn Thử", "drafter": "Đỗ Thị Mai Anh",
       "signer_names": {"Người lập biểu": "Đỗ Thị Mai Anh", "Thủ trưởng đơn vị": "Nguyễn Văn Thử"}}


def item(name, agency, state, progress, overdue=False, days_late=0, note="", note_date=False):
    return {"name": name, "agency": agency, "deadline": "2030-03-31", "state": state, "progress": progress,
            "overdue": overdue, "days_late": days_late, "note": note, "note_date": note_date}


FIGURES = {
    "as_of": "2030-06-30",
    "tasks": {"count": 3, "done": 1, "in_progress": 1, "todo": 1, "overdue": 1, "progress": 140 / 3.0,
              "agencies": [
                  {"name": "Phòng Tư pháp", "count": 2, "done": 1, "in_progress": 1, "todo": 0, "overdue": 1,
                   "progress": 70.0},
                  {"name": "Phòng Y tế", "count": 1, "done": 0, "in_progress": 0, "todo": 1, "overdue": 0,
                   "progress": 0.0}],
              "items": [
                  item("Rà soát trẻ em", "Phòng Tư pháp", "done", 100),
                  item("Tuyên truyền", "Phòng Tư pháp", "in_progress", 40, True, 91, "Đã tổ chức 3 buổi.",
                       "2030-04-01"),
                  item("Khám sức khỏe", "Phòng Y tế", "todo", 0)]},
    "indicators": [
        {"name": "Trẻ em tham gia", "target": "Ít nhất 85 %", "value": "90 %", "date": "2030-05-31",
         "achievement": 105.88, "met": True},
        {"name": "Xã phù hợp với trẻ em", "target": "Đạt 14/14", "value": "", "date": False,
         "achievement": None, "met": False}],
    "events": {"items": [{"name": "Tháng hành động", "date_start": "2030-06-01", "date_end": "2030-06-30",
                          "participation_rate": 86.25, "planned": 10000000, "spent": 3000000}],
               "planned": 10000000, "spent": 3000000},
    "allowances": {"wards": 2, "planned": 1500000, "disbursed": 1000000, "settled": 1000000},
}


def write(figures=FIGURES):
    data = io.BytesIO()
    workbook = xlsxwriter.Workbook(data)
    engine.write_workbook(workbook, DOC, figures)
    workbook.close()
    return xlrd.open_workbook(file_contents=data.getvalue())


def rows(sheet):
    return [sheet.row_values(row) for row in range(8, sheet.nrows)]


def values(sheet):
    return [value for row in range(sheet.nrows) for value in sheet.row_values(row)]


def test_four_sheets_in_order():
    assert write().sheet_names() == ["Nhiệm vụ", "Chỉ tiêu", "Sự kiện", "Phụ cấp"]


def test_tasks_by_agency_total_and_details():
    sheet = write().sheet_by_name("Nhiệm vụ")
    table = rows(sheet)
    assert table[0][:8] == [1, "Phòng Tư pháp", 2, 1, 1, 0, 1, 70]
    assert table[2][0] == "Tổng cộng" and table[2][2:7] == [3, 1, 1, 1, 1]
    late = [row for row in table if row[1] == "Tuyên truyền"][0]
    assert late[2:8] == ["31/03/2030", "Đang thực hiện", 40, 91, "01/04/2030", "Đã tổ chức 3 buổi."]
    cells = values(sheet)
    assert "Số liệu tính đến ngày 30/06/2030" in cells
    assert "2. Phòng Y tế" in cells
    assert {"KT. CHỦ TỊCH", "Nguyễn Văn Thử", "Người lập biểu", "Đỗ Thị Mai Anh"} <= set(cells)


def test_indicator_without_result_says_so():
    table = rows(write().sheet_by_name("Chỉ tiêu"))
    assert table[0][6] == "Đạt"
    assert table[1][3:7] == ["", "", "", "Chưa có số liệu"]
    assert "Số chỉ tiêu đạt: 1/2." in values(write().sheet_by_name("Chỉ tiêu"))


def test_events_total_in_words():
    sheet = write().sheet_by_name("Sự kiện")
    assert rows(sheet)[1][5:7] == [10000000, 3000000]
    assert "Tổng kinh phí đã chi (viết bằng chữ): Ba triệu đồng chẵn." in values(sheet)


def test_allowances_in_figures_and_words_or_none():
    sheet = write().sheet_by_name("Phụ cấp")
    assert [row[1:4] for row in rows(sheet)[:3]] == [
        ["Kinh phí phụ cấp theo kế hoạch", 1500000, "Một triệu năm trăm nghìn đồng chẵn"],
        ["Đã cấp phát", 1000000, "Một triệu đồng chẵn"], ["Đã quyết toán", 1000000, "Một triệu đồng chẵn"]]
    empty = write(dict(FIGURES, allowances=None)).sheet_by_name("Phụ cấp")
    assert rows(empty)[0][0] == "Không có bảng phụ cấp trong kỳ."


def test_percent_rounds_half_up_to_one_decimal():
    assert [engine.percent(v) for v in (86.25, 140 / 3.0, 70.0, None)] == ["86.3", "46.7", "70", "-"]
