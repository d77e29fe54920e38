"""Import engine of child_protection: reading CSV and XLSX, checking every row."""
import datetime
import io

import pytest
import xlsxwriter

from child_protection_engines import allowance_import as engine


def test_csv_with_semicolons_and_bom():
    content = "\ufeffcollaborator_code;month;disbursed_amount\nA1;04/2030;500.000\n".encode("utf-8")
    table = engine.read_table("kho-bac.csv", content)
    rows, errors = engine.parse_rows(table)
    assert errors == []
    assert rows == [engine.Row(2, {"collaborator_code": "A1", "month": datetime.date(2030, 4, 1),
                                   "disbursed_amount": 500000})]


def test_xlsx_with_dates_and_numbers():
    data = io.BytesIO()
    workbook = xlsxwriter.Workbook(data)
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["Mã CTV", "Tháng", "Số tiền ký nhận", "Đã ký", "Ngày ký nhận"])
    sheet.write_row(1, 0, [1001, "2030-04", 500000, "có"])
    sheet.write_datetime(1, 4, datetime.datetime(2030, 5, 5), date_format)
    workbook.close()
    rows, errors = engine.parse_rows(engine.read_table("phuong.xlsx", data.getvalue()))
    assert errors == []
    assert rows[0].values == {"collaborator_code": "1001", "month": datetime.date(2030, 4, 1),
                              "receipted_amount": 500000, "receipt_signed": True,
                              "receipt_date": datetime.date(2030, 5, 5)}


def test_every_row_error_is_listed():
    table = [
        ["collaborator_code", "month", "disbursed_amount", "receipt_signed", "receipt_date"],
        ["A1", "04/2030", "500000", "1", "05/05/2030"],
        ["A2", "04/2030", "-1", "0", ""],
        ["", "4/2030x", "1.5", "maybe", "32/01/2030"],
        ["A1", "2030-04-01", "1", "", ""],
        ["", "", "", "", ""],
        ["A3", "04/2030", "abc", "", ""],
    ]
    rows, errors = engine.parse_rows(table)
    assert [row.number for row in rows] == [2]
    assert [(e.row, e.column, e.code) for e in errors] == [
        (3, "disbursed_amount", "negative"),
        (4, "collaborator_code", "required"),
        (4, "month", "month"),
        (4, "disbursed_amount", "fraction"),
        (4, "receipt_signed", "yes_no"),
        (4, "receipt_date", "date"),
        (5, "collaborator_code", "duplicate_row"),
        (7, "disbursed_amount", "not_a_number"),
    ]


@pytest.mark.parametrize("table, code", [
    ([], "empty"),
    ([["month", "disbursed_amount"]], "missing_column"),
    ([["collaborator_code", "month", "note"]], "missing_column"),
])
def test_unusable_tables(table, code):
    with pytest.raises(engine.TableError) as error:
        engine.parse_rows(table)
    assert error.value.code == code


def test_unknown_formats():
    with pytest.raises(engine.TableError):
        engine.read_table("a.pdf", b"%PDF")
    with pytest.raises(engine.TableError):
        engine.read_table("a.xlsx", b"not a zip")
    with pytest.raises(engine.TableError):
        engine.read_table("a.csv", "tháng".encode("utf-16"))
