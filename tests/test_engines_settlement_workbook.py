"""Settlement workbook engine of child_reports, fed by child_events' settlement engine: written with xlsxwriter,
read back with xlrd."""
import io

import xlrd
import xlsxwriter

from child_events_engines import settlement
from child_reports_engines import settlement_workbook as engine

DOC = {"unit_parent": "UBND QUẬN THỬ", "unit": "PHÒNG VĂN HÓA - XÃ HỘI", "title": "BẢNG QUYẾT TOÁN KINH PHÍ",
       "period": "Từ 01/06/2030 đến 30/06/2030", "place_date": "Thử, ngày 05 tháng 7 năm 2030",
       "signer_names": {"Người lập biểu": "Đỗ Thị Mai Anh"}}
BUDGET = [{"source": "state", "source_label": "Ngân sách cấp xã", "planned": 3000000, "approved": 3000000,
           "committed": 2500000, "spent": 2000000},
          {"source": "sponsor", "source_label": "Tài trợ", "planned": 1000000, "approved": 1200000,
           "committed": 1200000, "spent": 1200000}]
GIFTS = [{"name": "Học bổng", "kind": "cash", "group_label": "Mồ côi cả cha và mẹ", "source": "state",
          "source_label": "Ngân sách cấp xã", "cash": 500000, "goods": 0, "planned_qty": 4,
          "actual_qty": 3}]
RECIPIENTS = [{"ward": "Phường A", "child": "Trẻ Một", "birth_year": 2016, "group_label": "Mồ côi cả cha và mẹ",
               "guardian": "Bà Nội", "gift": "Học bổng", "value": 500000, "received": True,
               "date_signed": "2030-06-01"},
              {"ward": "Phường B", "child": "Trẻ Hai", "birth_year": None, "group_label": "Khuyết tật",
               "guardian": "", "gift": "Học bổng", "value": 500000, "received": False, "date_signed": None}]


def write(recipients=RECIPIENTS):
    data = io.BytesIO()
    workbook = xlsxwriter.Workbook(data)
    engine.write_workbook(workbook, DOC, settlement.settle(BUDGET, GIFTS, recipients))
    workbook.close()
    return xlrd.open_workbook(file_contents=data.getvalue())


def values(sheet):
    return [value for row in range(sheet.nrows) for value in sheet.row_values(row)]


def test_sheets_follow_the_wards_of_the_recipients():
    assert write().sheet_names() == ["Tổng hợp", "Quà tặng", "Phường A", "Phường B"]
    assert write(recipients=[]).sheet_names() == ["Tổng hợp", "Quà tặng"]


def test_summary_by_source_with_totals_in_words_and_signatures():
    summary = values(write().sheet_by_name("Tổng hợp"))
    for expected in ("Ngân sách cấp xã", "Tài trợ", "Tổng cộng", 4000000, 4200000, 3200000, -1000000,
                     "Tổng kinh phí được duyệt (viết bằng chữ): Bốn triệu hai trăm nghìn đồng chẵn.",
                     "Tổng kinh phí đã chi (viết bằng chữ): Ba triệu hai trăm nghìn đồng chẵn.",
                     "Người lập biểu", "Kế toán trưởng", "Thủ trưởng đơn vị", "Đỗ Thị Mai Anh",
                     "Thử, ngày 05 tháng 7 năm 2030", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        assert expected in summary, expected


def test_gift_lines_planned_against_actual():
    gifts = write().sheet_by_name("Quà tặng")
    row = [gifts.row_values(r) for r in range(gifts.nrows) if gifts.row_values(r)[1] == "Học bổng"][0]
    assert row[4:10] == [500000, 4, 3, 2000000, 1500000, -500000]


def test_recipient_list_has_a_signature_column_and_the_received_total():
    ward = write().sheet_by_name("Phường A")
    header = ward.row_values(7)
    assert header[-1] == "Ký nhận" and header[1] == "Họ và tên trẻ em"
    child = ward.row_values(8)
    assert child[:3] == [1, "Trẻ Một", 2016] and child[7] == "01/06/2030" and child[8] == ""
    assert "Số tiền đã nhận (viết bằng chữ): Năm trăm nghìn đồng chẵn." in values(ward)
    unsigned = write().sheet_by_name("Phường B")
    assert "Cộng: 1 trẻ em, đã nhận 0" in values(unsigned)
    assert "Số tiền đã nhận (viết bằng chữ): Không đồng." in values(unsigned)
