"""Reading disbursement and receipt data sent by a treasury or a ward, as CSV or XLSX.

Plain Python, no odoo import (xlrd reads XLSX). :func:`read_table` turns a file into rows of cells;
:func:`parse_rows` checks every row and returns the parsed rows and the list of every error, each with its row
number (as a spreadsheet shows it: the header is row 1), its column and the rule broken. The caller imports nothing
when there is any error.
"""
import base64
import binascii
import csv
import datetime
import io
import itertools
from collections import namedtuple

from .money import MoneyError, to_dong

#: column key -> the headers accepted for it (compared lower-case, trimmed).
COLUMNS = {
    "collaborator_code": ("collaborator_code", "collaborator code", "code", "mã cộng tác viên", "mã ctv"),
    "month": ("month", "tháng"),
    "disbursed_amount": ("disbursed_amount", "disbursed amount", "disbursed", "số tiền cấp phát", "cấp phát"),
    "receipted_amount": ("receipted_amount", "receipted amount", "receipted", "số tiền ký nhận", "ký nhận"),
    "receipt_signed": ("receipt_signed", "signed", "đã ký"),
    "receipt_date": ("receipt_date", "receipt date", "ngày ký nhận", "ngày ký"),
}
REQUIRED = ("collaborator_code", "month")
AMOUNT_COLUMNS = ("disbursed_amount", "receipted_amount")
YES = ("1", "x", "yes", "y", "true", "có", "co", "đã ký", "da ky")
NO = ("", "0", "no", "n", "false", "không", "khong", "chưa ký", "chua ky")

Row = namedtuple("Row", "number values")
RowError = namedtuple("RowError", "row column code detail")


class TableError(ValueError):
    """The file as a whole cannot be read. ``code``: ``format``, ``empty``, ``header``, ``missing_column``,
    ``too_large``, ``too_many_rows``."""

    def __init__(self, code, message):
        super(TableError, self).__init__(message)
        self.code = code


def _xlsx_cell(cell, datemode):
    import xlrd
    if cell.ctype == xlrd.XL_CELL_DATE:
        return datetime.datetime(*xlrd.xldate_as_tuple(cell.value, datemode)).date()
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    return cell.value


def decode_base64(data):
    """The bytes of a file sent base64-encoded (what Odoo's binary fields hold); TableError when it is not."""
    try:
        return base64.b64decode(data or b"")
    except (binascii.Error, ValueError):
        raise TableError("format", "the file sent is not base64-encoded")


#: The most rows (below the header) one file may hold, and its largest size: a month of a province (5,000
#: collaborators) is 5,000 rows, about 200 kB as CSV. A bigger file is refused before it is read through.
MAX_ROWS = 20000
MAX_BYTES = 10 * 1024 * 1024
XLSX_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def check_size(data, max_bytes=MAX_BYTES):
    """Refuse (TableError ``too_large``) a file whose base64 text ``data`` holds more than ``max_bytes`` bytes,
    before it is decoded."""
    size = len(data or b"") * 3 // 4
    if size > max_bytes:
        raise TableError("too_large", "at most %s MB in one file (this one has %.1f MB); split it" % (
            max_bytes // (1024 * 1024), size / (1024 * 1024)))


def _too_many_rows(max_rows):
    return TableError("too_many_rows", "at most {:,} rows in one file, below the header; split it".format(max_rows))


def _count_xlsx_rows(content, max_rows):
    """Count the rows of the first worksheet of the XLSX ``content`` as its XML streams by, and stop (TableError
    ``too_many_rows``) at the row after ``max_rows`` + the header, before xlrd loads the sheet whole."""
    import zipfile
    from xml.etree.ElementTree import iterparse
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = sorted(name for name in archive.namelist()
                       if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"))
    except (zipfile.BadZipfile, ValueError):
        return  # not a zip: xlrd says what is wrong with it
    if not names:
        return
    name = "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in names else names[0]
    rows = 0
    try:
        with archive.open(name) as stream:
            for _event, element in iterparse(stream):
                if element.tag == XLSX_NS + "row":
                    rows += 1
                    if rows > max_rows + 1:
                        raise _too_many_rows(max_rows)
                    element.clear()
    except TableError:
        raise
    except Exception:  # a damaged sheet: xlrd says what is wrong with it
        return


def _decoded_lines(content):
    """The lines of the UTF-8 ``content``, each decoded when it is reached (UnicodeDecodeError then)."""
    for number, line in enumerate(io.BytesIO(content)):
        yield line.decode("utf-8-sig" if number == 0 else "utf-8")


def read_table(filename, content, max_rows=MAX_ROWS):
    """The rows of the first sheet of an XLSX file, or of a CSV file (UTF-8, "," or ";"), as lists of cells.
    A file of more than ``max_rows`` rows below its header is refused (TableError ``too_many_rows``) as soon as the
    row after the limit is met: a CSV file is decoded and split row by row, an XLSX file's rows are counted as
    its XML streams by, before the sheet is loaded."""
    name = (filename or "").lower()
    if name.endswith((".xlsx", ".xls")):
        import xlrd
        _count_xlsx_rows(content, max_rows)
        try:
            book = xlrd.open_workbook(file_contents=content)
        except Exception as error:  # xlrd raises many kinds for a damaged file
            raise TableError("format", "not a readable spreadsheet: %s" % error)
        sheet = book.sheet_by_index(0)
        if sheet.nrows > max_rows + 1:
            raise _too_many_rows(max_rows)
        return [[_xlsx_cell(cell, book.datemode) for cell in sheet.row(index)] for index in range(sheet.nrows)]
    if name.endswith(".csv") or not name:
        lines = _decoded_lines(content)
        table = []
        try:
            first = next(lines, "")
            dialect = csv.excel
            try:
                dialect = csv.Sniffer().sniff(first.split("\n", 1)[0], delimiters=",;\t")
            except csv.Error:
                pass
            for row in csv.reader(itertools.chain([first], lines), dialect):
                table.append(row)
                if len(table) > max_rows + 1:
                    raise _too_many_rows(max_rows)
        except UnicodeDecodeError:
            raise TableError("format", "a CSV file must be in UTF-8")
        except csv.Error as error:
            raise TableError("format", "not a readable CSV file: %s" % error)
        return table
    raise TableError("format", "only .csv and .xlsx files are read")


def map_header(header):
    """Column key -> index in the row, from the header row. Unknown headers are left aside."""
    wanted = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    found = {}
    for index, title in enumerate(header):
        key = wanted.get(str(title).strip().lower())
        if key and key not in found:
            found[key] = index
    missing = [key for key in REQUIRED if key not in found]
    if missing:
        raise TableError("missing_column", "missing column(s): %s" % ", ".join(missing))
    if not any(key in found for key in AMOUNT_COLUMNS + ("receipt_signed",)):
        raise TableError("missing_column", "no column with figures (disbursed_amount, receipted_amount, "
                                           "receipt_signed)")
    return found


def parse_month(value):
    """A month as "MM/YYYY", "YYYY-MM", "YYYY-MM-DD" or a date cell -> the first day of the month."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    text = str(value).strip()
    for pattern in ("%m/%Y", "%Y-%m", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date().replace(day=1)
        except ValueError:
            continue
    raise ValueError(text)


def parse_date(value):
    """A date as "DD/MM/YYYY", "YYYY-MM-DD" or a date cell."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_yes_no(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = "%g" % value
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(text)


def _code(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_rows(table):
    """Check every row of ``table`` (header first). Returns ``(rows, errors)``: ``rows`` a list of Row (number,
    dict of parsed values of the columns present and filled), ``errors`` a list of RowError (row, column key, rule
    code, detail). Rule codes: ``required``, ``month``, ``date``, ``yes_no``, ``duplicate_row``, and those of
    :class:`money.MoneyError` (``not_a_number``, ``fraction``, ``negative``, ``too_large``)."""
    if not table or not any(str(cell).strip() for cell in table[0]):
        raise TableError("empty", "the file has no header row")
    columns = map_header(table[0])
    rows, errors, seen = [], [], {}
    for offset, cells in enumerate(table[1:]):
        number = offset + 2
        if not any(str(cell).strip() for cell in cells):
            continue
        raw = {key: (cells[index] if index < len(cells) else "") for key, index in columns.items()}
        values, row_errors = {}, []
        for key in REQUIRED:
            if str(raw[key]).strip() == "":
                row_errors.append(RowError(number, key, "required", ""))
        if str(raw["collaborator_code"]).strip():
            values["collaborator_code"] = _code(raw["collaborator_code"])
        if str(raw["month"]).strip():
            try:
                values["month"] = parse_month(raw["month"])
            except ValueError:
                row_errors.append(RowError(number, "month", "month", str(raw["month"])))
        for key in AMOUNT_COLUMNS:
            if key in raw and str(raw[key]).strip() != "":
                try:
                    values[key] = to_dong(raw[key])
                except MoneyError as error:
                    row_errors.append(RowError(number, key, error.code, str(raw[key])))
        if "receipt_signed" in raw:
            try:
                values["receipt_signed"] = parse_yes_no(raw["receipt_signed"])
            except ValueError:
                row_errors.append(RowError(number, "receipt_signed", "yes_no", str(raw["receipt_signed"])))
        if "receipt_date" in raw and str(raw["receipt_date"]).strip():
            try:
                values["receipt_date"] = parse_date(raw["receipt_date"])
            except ValueError:
                row_errors.append(RowError(number, "receipt_date", "date", str(raw["receipt_date"])))
        key = (values.get("collaborator_code"), values.get("month"))
        if not row_errors:
            if key in seen:
                row_errors.append(RowError(number, "collaborator_code", "duplicate_row", str(seen[key])))
            else:
                seen[key] = number
        errors.extend(row_errors)
        if not row_errors:
            rows.append(Row(number, values))
    return rows, errors
