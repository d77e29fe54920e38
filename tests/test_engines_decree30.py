"""Decree 30/2020/NĐ-CP conventions of child_protection's engine: number-symbol, place-date line, signature lines."""
import datetime

import pytest

from child_protection_engines import decree30


# Number and symbol ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sequence, type_code, issuer, expected", [
    (116, "KH", "UBND", "116/KH-UBND"),
    (5, "KH", "UBND", "05/KH-UBND"),
    (1, "KH", "UBND", "01/KH-UBND"),
    (9, "KH", "UBND", "09/KH-UBND"),
    (10, "KH", "UBND", "10/KH-UBND"),
    (1234, "KH", "UBND", "1234/KH-UBND"),
    (7, "QĐ", "UBND", "07/QĐ-UBND"),
    (23, "BC", "LĐTBXH", "23/BC-LĐTBXH"),
])
def test_document_number(sequence, type_code, issuer, expected):
    assert decree30.document_number(sequence, type_code, issuer) == expected


@pytest.mark.parametrize("sequence", [0, -1, -116, 2.5, 5.0, "5", None])
def test_document_number_refuses_a_register_number_that_is_not_a_whole_number_from_1(sequence):
    with pytest.raises(ValueError, match="register number"):
        decree30.document_number(sequence, "KH", "UBND")


@pytest.mark.parametrize("type_code, issuer", [("", "UBND"), (None, "UBND"), ("KH", ""), ("KH", None)])
def test_document_number_needs_a_type_code_and_an_issuer_symbol(type_code, issuer):
    with pytest.raises(ValueError, match="type code and an issuer symbol"):
        decree30.document_number(5, type_code, issuer)


# Place-date line -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("place, date, expected", [
    # a zero before days under 10 and before months 1 and 2 only
    ("Long Biên", datetime.date(2021, 2, 24), "Long Biên, ngày 24 tháng 02 năm 2021"),
    ("Long Biên", datetime.date(2025, 3, 5), "Long Biên, ngày 05 tháng 3 năm 2025"),
    ("Long Biên", datetime.date(2025, 12, 1), "Long Biên, ngày 01 tháng 12 năm 2025"),
    ("Hà Nội", datetime.date(2026, 1, 9), "Hà Nội, ngày 09 tháng 01 năm 2026"),
    ("Hà Nội", datetime.date(2026, 1, 31), "Hà Nội, ngày 31 tháng 01 năm 2026"),
    ("Bồ Đề", datetime.date(2025, 9, 30), "Bồ Đề, ngày 30 tháng 9 năm 2025"),
    ("Bồ Đề", datetime.date(2025, 10, 10), "Bồ Đề, ngày 10 tháng 10 năm 2025"),
    ("Bồ Đề", datetime.date(2025, 11, 2), "Bồ Đề, ngày 02 tháng 11 năm 2025"),
    # dates as Odoo 11 stores them: 'YYYY-MM-DD' strings
    ("Long Biên", "2021-02-24", "Long Biên, ngày 24 tháng 02 năm 2021"),
    ("Long Biên", "2025-03-05", "Long Biên, ngày 05 tháng 3 năm 2025"),
    ("Long Biên", "2025-12-01", "Long Biên, ngày 01 tháng 12 năm 2025"),
])
def test_place_date_line(place, date, expected):
    assert decree30.place_date_line(place, date) == expected


@pytest.mark.parametrize("place", ["", None])
def test_place_date_line_needs_a_place(place):
    with pytest.raises(ValueError, match="place"):
        decree30.place_date_line(place, datetime.date(2021, 2, 24))


@pytest.mark.parametrize("date", ["24/02/2021", "2021-13-01", "2021-02-30"])
def test_place_date_line_refuses_a_string_that_is_not_a_date(date):
    with pytest.raises(ValueError):
        decree30.place_date_line("Long Biên", date)


# Signature lines -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    # a deputy chair signs for the chair on behalf of the committee
    (("Phó Chủ tịch", "kt", "Chủ tịch", "Ủy ban nhân dân"),
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    # the chair signs on behalf of the committee
    (("Chủ tịch", None, None, "Ủy ban nhân dân"), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    # a head signs in their own right
    (("Chủ tịch",), ["CHỦ TỊCH"]),
    (("Giám đốc", None, None, None), ["GIÁM ĐỐC"]),
    (("Giám đốc", "", "", ""), ["GIÁM ĐỐC"]),
    # a deputy signs for the head of a body without a collective
    (("Phó Giám đốc", "kt", "Giám đốc"), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    # an acting head: "Q." and the head's title, no position line
    (("Phó Chủ tịch", "q", "Chủ tịch", "Ủy ban nhân dân"), ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]),
    (("Phó Giám đốc", "q", "Giám đốc"), ["Q. GIÁM ĐỐC"]),
    # by order of the head, by authorisation of the head
    (("Chánh Văn phòng", "tl", "Chủ tịch"), ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    (("Trưởng phòng Văn hóa - Xã hội", "tuq", "Chủ tịch"), ["TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG VĂN HÓA - XÃ HỘI"]),
])
def test_signature_lines(args, expected):
    assert decree30.signature_lines(*args) == expected


def test_signature_lines_by_keyword():
    assert decree30.signature_lines(position="Phó Chủ tịch", authority="kt", head_title="Chủ tịch",
                                    collective="Ủy ban nhân dân") == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


@pytest.mark.parametrize("authority", ["tm", "TM.", "thay mặt", "x"])
def test_signature_lines_refuses_an_unknown_authority_form(authority):
    with pytest.raises(ValueError, match="unknown authority form"):
        decree30.signature_lines("Phó Chủ tịch", authority, "Chủ tịch", "Ủy ban nhân dân")


@pytest.mark.parametrize("authority, prefix", [("kt", "KT."), ("q", "Q."), ("tl", "TL."), ("tuq", "TUQ.")])
@pytest.mark.parametrize("head_title", [None, ""])
def test_signature_lines_refuses_an_authority_form_without_the_heads_title(authority, prefix, head_title):
    with pytest.raises(ValueError, match="the authority form %s needs the head's title" % prefix.replace(".", r"\.")):
        decree30.signature_lines("Phó Chủ tịch", authority, head_title, "Ủy ban nhân dân")


def test_authority_forms_match_their_prefixes():
    assert set(decree30.AUTHORITY_FORMS) == set(decree30.AUTHORITY_PREFIX)
