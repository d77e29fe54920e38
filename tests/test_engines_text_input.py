"""Text as people and programs send it (child_protection/engines/text_input.py), the worksheets that show formula-like
texts as text (child_reports/engines/safe_sheet.py) and the import's limits (allowance_import.read_table)."""
import csv
import io

import pytest
import xlrd
import xlsxwriter

from child_protection_engines import allowance_import
from child_protection_engines import text_input
from child_reports_engines import child_statistics as stats
from child_reports_engines import safe_sheet


@pytest.mark.parametrize("text, code, name", [
    ("001 234 567", "001234567", "001 234 567"),
    ("001\u200b234\u00a0567\ufeff", "001234567", "001234 567"),
    ("  Phòng\u3000 Tư\t pháp\u2060 ", "PhòngTưpháp", "Phòng Tư pháp"),
    ("Phu\u031bo\u031b\u0300ng", "Phường", "Phường"),  # decomposed letters composed (NFC)
])
def test_normalise(text, code, name):
    assert text_input.normalise_code(text) == code
    assert text_input.normalise_name(text) == name


@pytest.mark.parametrize("text, blank", [
    ("", True), ("   ", True), ("\u200b\u200c\u200d\u2060\ufeff", True), ("\u00a0\u3000\t\r\n", True),
    ("\u3164\u115f\u2800\u00ad", True), ("a\u200b", False), ("Đ", False),
])
def test_is_blank(text, blank):
    assert text_input.is_blank(text) is blank


def test_text_fault():
    assert text_input.text_fault("a\x00b") == "nul"
    assert text_input.text_fault("a\ud800b") == "surrogate"
    assert text_input.text_fault("Phường 😀") is None


@pytest.mark.parametrize("module", [text_input, safe_sheet])
@pytest.mark.parametrize("value, shown", [
    ("=1+1", "'=1+1"), ("+SUM(A1:A2)", "'+SUM(A1:A2)"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-500", "-500"), ("+84912345678", "+84912345678"), ("-12,5%", "-12,5%"),
    ("-", "-"), ("Phường A", "Phường A"), (-500, -500), (1.5, 1.5), (None, None), ("", ""),
])
def test_neutralise_cell(module, value, shown):
    assert module.neutralise_cell(value) == shown


def test_safe_sheet_writes_texts_as_text_and_numbers_as_numbers():
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = safe_sheet.add_sheet(book, "Tổng hợp")
    sheet.write(0, 0, "=HYPERLINK(\"http://example.org\")")
    sheet.write_string(1, 0, "@SUM(A1)")
    sheet.merge_range(2, 0, 2, 2, "+1+1")
    sheet.write(3, 0, "{=A1:A2}")
    sheet.write(4, 0, -500)
    sheet.write_row(5, 0, ["-1+1", "Bồ Đề"])
    book.close()
    read = xlrd.open_workbook(file_contents=buffer.getvalue()).sheet_by_index(0)
    assert [read.cell_value(row, 0) for row in range(6)] == [
        "'=HYPERLINK(\"http://example.org\")", "'@SUM(A1)", "'+1+1", "{=A1:A2}", -500, "'-1+1"]
    assert read.cell_value(5, 1) == "Bồ Đề"
    assert read.cell_type(4, 0) == xlrd.XL_CELL_NUMBER


def test_circular_13_csv_neutralises_formula_like_names():
    rows = [{"appendix": "1", "code": "0302", "name": "=cmd|' /C calc'!A0", "value": 3, "measure": "count"}]
    data = stats.csv_bytes(rows, "-001", "@Phường", 2030, "year")
    record = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1]
    assert record[2] == "'=cmd|' /C calc'!A0"
    assert record[3] == "-001"  # a code of digits: a number, not a formula
    assert record[4] == "'@Phường"
    assert record[7] == "3"


# The import's limits ---------------------------------------------------------------------------------------------

HEADER = "collaborator_code,month,disbursed_amount\n"


def test_csv_over_the_row_limit_stops_at_the_row_after_it():
    # what follows the limit is not UTF-8: it is never decoded
    content = (HEADER + "CTV-1,04/2030,500000\n" * 6).encode("utf-8") + b"\xff\xfe\n" * 100000
    with pytest.raises(allowance_import.TableError) as refused:
        allowance_import.read_table("kho-bac.csv", content, max_rows=5)
    assert refused.value.code == "too_many_rows"
    assert str(refused.value) == "at most 5 rows in one file, below the header; split it"


def test_csv_at_the_row_limit_is_read():
    content = (HEADER + "CTV-1,04/2030,500000\n" * 5).encode("utf-8")
    assert len(allowance_import.read_table("kho-bac.csv", content, max_rows=5)) == 6


def test_csv_quoted_line_ends_and_semicolons():
    content = "\ufeffcollaborator_code;month\n\"CTV\n1\";04/2030\n".encode("utf-8")
    assert allowance_import.read_table("kho-bac.csv", content) == [["collaborator_code", "month"],
                                                                   ["CTV\n1", "04/2030"]]


def _xlsx(rows):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for number in range(rows):
        sheet.write_row(number, 0, ["CTV-1", "04/2030", 500000])
    book.close()
    return buffer.getvalue()


def test_xlsx_over_the_row_limit_is_refused_before_xlrd_loads_it():
    with pytest.raises(allowance_import.TableError) as refused:
        allowance_import.read_table("kho-bac.xlsx", _xlsx(7), max_rows=5)
    assert refused.value.code == "too_many_rows"
    assert len(allowance_import.read_table("kho-bac.xlsx", _xlsx(6), max_rows=5)) == 6


def test_size_is_checked_on_the_base64_text():
    allowance_import.check_size("A" * 1000, max_bytes=750)
    with pytest.raises(allowance_import.TableError) as refused:
        allowance_import.check_size("A" * 1004, max_bytes=750)
    assert refused.value.code == "too_large"
