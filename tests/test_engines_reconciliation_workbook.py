"""Reconciliation workbook engine of child_reports: written with xlsxwriter, read back with xlrd."""
import io

import xlrd
import xlsxwriter

from child_reports_engines import reconciliation_workbook as engine

DOC = {"unit_parent": "UBND QUẬN THỬ", "unit": "PHÒNG TÀI CHÍNH", "title": "BẢNG ĐỐI CHIẾU",
       "period": "Quý 2 năm 2030", "area_line": "Địa bàn: Quận Thử", "run_line": "Đối chiếu lúc 10:00",
       "place_date": "Thử, ngày 05 tháng 7 năm 2030", "signer_names": {"Người lập biểu": "Bùi Thị Mai"}}
WARDS = [{"name": "Phường A", "line_count": 2, "planned": 1000000, "disbursed": 950000, "receipted": 950000,
          "settled": 950000, "discrepancy_count": 1},
         {"name": "Phường B: [cũ]", "line_count": 1, "planned": 500000, "disbursed": 500000, "receipted": 0,
          "settled": 0, "discrepancy_count": 1}]
TOTALS = {"line_count": 3, "planned": 1500000, "disbursed": 1450000, "receipted": 950000, "settled": 950000,
          "discrepancy_count": 2}


def lines():
    base = {"group": "Tổ 1", "month": "04/2030", "receipt_date": "", "settled": 0}
    yield dict(base, ward_id=1, ward="Phường A", code="A1", name="An", planned=500000, disbursed=450000,
               receipted=450000, receipt_date="05/05/2030", settled=450000, status="Đã quyết toán; Cấp phát ≠ kế hoạch")
    yield dict(base, ward_id=1, ward="Phường A", code="A2", name="Bình", planned=500000, disbursed=500000,
               receipted=500000, settled=500000, status="Đã quyết toán")
    yield dict(base, ward_id=2, ward="Phường B: [cũ]", code="B1", name="Cường", planned=500000, disbursed=500000,
               receipted=None, status="Đã ký nhận; Thiếu chứng từ ký nhận")


def write(options=None):
    data = io.BytesIO()
    workbook = xlsxwriter.Workbook(data, options or {})
    count = engine.write_workbook(workbook, DOC, WARDS, TOTALS, lines(), [
        {"ward": "Phường A", "code": "A1", "name": "An", "month": "04/2030", "kind": "Cấp phát ≠ kế hoạch",
         "expected": 500000, "actual": 450000}])
    workbook.close()
    return count, xlrd.open_workbook(file_contents=data.getvalue())


def cells(sheet):
    return [value for row in range(sheet.nrows) for value in sheet.row_values(row) if value != ""]


def test_sheets_summary_wards_discrepancies():
    count, book = write()
    assert count == 3
    assert book.sheet_names() == ["Tổng hợp", "Phường A", "Phường B- -cũ-", "Chênh lệch"]


def test_summary_has_totals_words_and_signatures():
    _count, book = write({"constant_memory": True})
    summary = cells(book.sheet_by_index(0))
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BẢNG ĐỐI CHIẾU", "Quý 2 năm 2030", "Đơn vị tính: đồng",
                 "Tổng cộng", "Người lập biểu", "Kế toán trưởng", "Thủ trưởng đơn vị", "Bùi Thị Mai",
                 "Thử, ngày 05 tháng 7 năm 2030",
                 "Tổng số tiền đã cấp phát (viết bằng chữ): Một triệu bốn trăm năm mươi nghìn đồng chẵn."):
        assert text in summary, text
    assert 1450000 in summary and 1500000 in summary


def test_ward_sheet_lines_status_and_sum():
    _count, book = write({"constant_memory": True})
    ward = book.sheet_by_index(1)
    values = cells(ward)
    assert "Đã quyết toán; Cấp phát ≠ kế hoạch" in values
    last = ward.row_values(ward.nrows - 1)
    assert last[0] == "Cộng" and last[5] == 1000000 and last[6] == 950000
    b_rows = [book.sheet_by_index(2).row_values(row) for row in range(book.sheet_by_index(2).nrows)]
    assert any(row[1] == "B1" and row[7] == "" for row in b_rows)  # no signature: no receipted amount


def test_discrepancy_sheet():
    _count, book = write()
    sheet = book.sheet_by_name("Chênh lệch")
    assert ["A1", "Cấp phát ≠ kế hoạch", 500000, 450000, -50000] == [
        sheet.row_values(8)[i] for i in (2, 5, 6, 7, 8)]


def test_sheet_names_are_unique_and_valid():
    used = set()
    names = [engine.sheet_name("Phường Long Biên rất dài tên quá mức cho phép", used) for _ in range(3)]
    assert len(set(names)) == 3 and all(len(name) <= 31 for name in names)
    assert engine.sheet_name("A/B?C", set()) == "A-B-C"
