"""Circular 13 statistics engines of child_reports: the rules of the figures, the roll-up, the CSV and the workbook
(written with xlsxwriter, read back with xlrd)."""
import csv
import io

import pytest
import xlrd
import xlsxwriter

from child_reports_engines import child_statistics as stats
from child_reports_engines import statistics_workbook as engine


def indicator(id_, appendix, group, code, name, unit="Trẻ em", measure="count", rate_base=100,
              publication="year", by_sex=False, by_age_group=False):
    return {"id": id_, "appendix": appendix, "group": group, "code": code, "name": name, "unit": unit,
            "measure": measure, "rate_base": rate_base, "publication": publication, "by_sex": by_sex,
            "by_age_group": by_age_group}


CATALOGUE = [
    indicator(1, "1", "general", "0101", "Dân số trẻ em", by_sex=True, by_age_group=True),
    indicator(2, "1", "protection", "0302", "Số lượng trẻ em có hoàn cảnh đặc biệt được trợ giúp"),
    indicator(3, "1", "participation", "0605", "Tỷ lệ trẻ em được tiếp cận kiến thức, kỹ năng tham gia môi trường "
                                               "mạng an toàn", unit="%", measure="rate"),
    indicator(4, "2", "abuse", "0101", "Số trẻ em bị xâm hại", publication="half_year", by_sex=True,
              by_age_group=True),
]


def line(indicator_id, total, base=0, **breakdown):
    figures = dict.fromkeys(stats.BREAKDOWN_FIGURES, 0)
    figures.update(breakdown, indicator_id=indicator_id, total=total, base=base)
    return figures


WARD_A = [line(1, 100, male=52, female=48, age_0_5=40, age_6_10=35, age_11_15=25), line(2, 3),
          line(3, 60, 100), line(4, 2, male=0, female=2, age_0_5=0, age_6_10=1, age_11_15=1)]
WARD_B = [line(1, 50, male=20, female=30, age_0_5=10, age_6_10=20, age_11_15=20), line(2, 1),
          line(3, 30, 200), line(4, 1, male=1, female=0, age_0_5=1, age_6_10=0, age_11_15=0)]


def rows():
    return stats.roll_up(CATALOGUE, WARD_A + WARD_B)


# The rules -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["605", "06050", "06a5", "", None, 605, " 0605"])
def test_code_must_be_four_digits(code):
    with pytest.raises(stats.StatisticsError) as caught:
        stats.check_code(code, "participation")
    assert caught.value.code == "format"


def test_code_starts_with_its_group():
    assert stats.check_code("0605", "participation") is None
    assert stats.check_code("0101", "abuse") is None
    with pytest.raises(stats.StatisticsError) as caught:
        stats.check_code("0305", "participation")
    assert caught.value.code == "group"


def test_reference_tells_the_appendices_apart():
    assert stats.reference("1", "0101") == "0101"
    assert stats.reference("2", "0101") == "II-0101"


def test_figures_that_add_up_keep_the_rules():
    assert stats.check_figures(line(1, 100, male=52, female=48, age_0_5=40, age_6_10=35, age_11_15=25),
                               ("sex", "age_group")) == []
    assert stats.check_figures(line(3, 60, 100), rate=True) == []


def test_negative_figures_refused_first():
    problems = stats.check_figures(line(1, -1, male=-1), ("sex",))
    assert [(p.code, p.figures) for p in problems] == [("negative", ("total", "male"))]


def test_breakdown_that_does_not_add_up():
    problems = stats.check_figures(line(1, 10, male=3, female=2, age_0_5=10), ("sex", "age_group"))
    assert [(p.code, p.dimension, p.figures, p.got, p.expected) for p in problems] == [
        ("breakdown", "sex", ("male", "female"), 5, 10)]
    problems = stats.check_figures(line(1, 10, male=5, female=5, age_0_5=4, age_6_10=4), ("sex", "age_group"))
    assert [(p.code, p.dimension, p.got) for p in problems] == [("breakdown", "age_group", 8)]


def test_breakdown_of_a_dimension_the_indicator_has_not():
    problems = stats.check_figures(line(2, 3, male=3), ())
    assert [(p.code, p.dimension, p.figures) for p in problems] == [("not_broken_down", "sex", ("male",))]


def test_rates_need_their_denominator():
    assert [p.code for p in stats.check_figures(line(3, 5), rate=True)] == ["no_base"]
    assert [p.code for p in stats.check_figures(line(3, 5, 4), rate=True)] == ["over_base"]
    assert stats.check_figures(line(3, 105, 100), rate=True, share=False) == []   # boys per 100 girls
    assert [p.code for p in stats.check_figures(line(2, 5, 4))] == ["base_on_count"]
    assert stats.check_figures(line(3, 0, 0), rate=True) == []   # nothing to report


# The roll-up ---------------------------------------------------------------------------------------------------

def test_roll_up_sums_the_wards_in_catalogue_order():
    result = rows()
    assert [(r["reference"], r["reported"]) for r in result] == [("0101", 2), ("0302", 2), ("0605", 2),
                                                                  ("II-0101", 2)]
    population = result[0]
    assert [population[name] for name in ("total", "male", "female", "age_0_5", "age_6_10", "age_11_15")] == [
        150, 72, 78, 50, 55, 45]
    assert population["value"] == 150
    assert result[1]["value"] == 4


def test_roll_up_recomputes_a_rate_from_the_sums():
    online = rows()[2]
    # (60 + 30) / (100 + 200), not the average of 60 % and 15 %
    assert (online["total"], online["base"], online["value"]) == (90, 300, 30.0)
    assert stats.roll_up(CATALOGUE[2:3], [])[0]["value"] is None


def test_roll_up_leaves_out_indicators_it_was_not_given():
    result = stats.roll_up(CATALOGUE[:1], WARD_A)
    assert [r["reference"] for r in result] == ["0101"]


def test_distinct_children():
    assert stats.distinct_children([("Trần Thu Hà", 2010), ("trần  thu hà", 2010), ("Trần Thu Hà", 2011),
                                    ("Lê Gia Bảo", None)]) == 3


def test_ascii_slug():
    assert stats.ascii_slug("Quận Long Biên") == "quan-long-bien"
    assert stats.ascii_slug("Phường Đức Giang") == "phuong-duc-giang"


# The CSV -------------------------------------------------------------------------------------------------------

def test_csv_utf8_with_bom_header_and_order():
    data = stats.csv_bytes(rows(), "001", "Quận Thử", 2030, "year")
    assert data.startswith(b"\xef\xbb\xbf")
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert records[0] == list(stats.CSV_HEADER)
    assert records[1] == ["I", "0101", "Dân số trẻ em", "001", "Quận Thử", "2030", "total", "150"]
    assert [(r[0], r[1], r[6]) for r in records[1:]] == [
        ("I", "0101", "total"), ("I", "0101", "male"), ("I", "0101", "female"), ("I", "0101", "age_0_5"),
        ("I", "0101", "age_6_10"), ("I", "0101", "age_11_15"),
        ("I", "0302", "total"),
        ("I", "0605", "total"), ("I", "0605", "numerator"), ("I", "0605", "denominator"),
        ("II", "0101", "total"), ("II", "0101", "male"), ("II", "0101", "female"), ("II", "0101", "age_0_5"),
        ("II", "0101", "age_6_10"), ("II", "0101", "age_11_15")]
    values = {(r[0], r[1], r[6]): r[7] for r in records[1:]}
    assert values[("I", "0605", "total")] == "30"
    assert values[("II", "0101", "female")] == "2"


def test_csv_half_year_and_rates_with_decimals():
    result = stats.roll_up(CATALOGUE[2:3], [line(3, 1, 3)])
    records = stats.csv_records(result, "", "Phường A", 2030, "half_year")
    assert records[0] == ("I", "0605", CATALOGUE[2]["name"], "", "Phường A", "2030-H1", "total", "33.33")


# The workbook --------------------------------------------------------------------------------------------------

DOC = {"unit_parent": "UBND QUẬN THỬ", "unit": "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
       "title": "SỐ LIỆU THỐNG KÊ VỀ TRẺ EM (THÔNG TƯ 13/2021/TT-BLĐTBXH)", "period": "Năm 2030 - Quận Thử",
       "coverage": "Số liệu của 2/3 xã, phường", "place_date": "Thử, ngày 10 tháng 1 năm 2031",
       "signer_names": {"Người lập biểu": "Đỗ Thị Mai Anh"}}
WARDS = [{"name": "Phường A", "reported": True, "values": {1: 100, 2: 3, 3: 60.0, 4: 2}},
         {"name": "Phường B", "reported": True, "values": {1: 50, 2: 1, 3: 15.0, 4: 1}},
         {"name": "Phường C", "reported": False, "values": {}}]


def write(result=None, wards=WARDS):
    data = io.BytesIO()
    workbook = xlsxwriter.Workbook(data)
    engine.write_workbook(workbook, DOC, rows() if result is None else result, wards)
    workbook.close()
    return xlrd.open_workbook(file_contents=data.getvalue())


def values(sheet):
    return [value for row in range(sheet.nrows) for value in sheet.row_values(row)]


def body(sheet):
    return [sheet.row_values(r) for r in range(8, sheet.nrows)]


def test_two_sheets():
    assert write().sheet_names() == ["Tổng hợp", "Theo xã, phường"]
    assert write([], []).sheet_names() == ["Tổng hợp", "Theo xã, phường"]


def test_summary_headings_codes_in_catalogue_order():
    summary = write().sheet_by_name("Tổng hợp")
    assert summary.row_values(7)[:7] == ["Mã số", "Tên chỉ tiêu", "Đơn vị tính", "Kỳ công bố", "Tổng số / tỷ lệ",
                                         "Tử số", "Mẫu số"]
    assert summary.row_values(7)[7:12] == ["Nam", "Nữ", "Dưới 6 tuổi", "Từ 6 đến dưới 11 tuổi",
                                           "Từ 11 đến dưới 16 tuổi"]
    first = [row[0] for row in body(summary)][:12]
    assert first == ["PHỤ LỤC I. CHỈ TIÊU THỐNG KÊ VỀ TÌNH HÌNH TRẺ EM",
                     "I. Chỉ tiêu chung về trẻ em", "0101",
                     "III. Bảo vệ trẻ em", "0302",
                     "VI. Trẻ em tham gia vào các vấn đề trẻ em", "0605",
                     "PHỤ LỤC II. CHỈ TIÊU THỐNG KÊ VỀ TÌNH HÌNH XÂM HẠI TRẺ EM, XỬ LÝ VI PHẠM HÀNH CHÍNH ĐỐI VỚI "
                     "CÁC HÀNH VI XÂM HẠI TRẺ EM",
                     "I. Tình hình xâm hại trẻ em", "0101", "", ""]


def test_summary_figures_and_breakdowns():
    by_code = {}
    for row in body(write().sheet_by_name("Tổng hợp")):
        if row[0] in ("0101", "0302", "0605"):
            by_code.setdefault(row[0], []).append(row)
    population, abused = by_code["0101"]
    assert population[1:12] == ["Dân số trẻ em", "Trẻ em", "Năm", 150, "", "", 72, 78, 50, 55, 45]
    assert abused[1:12] == ["Số trẻ em bị xâm hại", "Trẻ em", "6 tháng, năm", 3, "", "", 1, 2, 1, 1, 1]
    assert by_code["0302"][0][4:12] == [4, "", "", "", "", "", "", ""]   # no breakdown: blank, not 0
    assert by_code["0605"][0][2:7] == ["%", "Năm", 30, 90, 300]


def test_summary_heading_coverage_and_signatures():
    summary = values(write().sheet_by_name("Tổng hợp"))
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                     "SỐ LIỆU THỐNG KÊ VỀ TRẺ EM (THÔNG TƯ 13/2021/TT-BLĐTBXH)", "Năm 2030 - Quận Thử",
                     "Số liệu của 2/3 xã, phường", "Thử, ngày 10 tháng 1 năm 2031", "Người lập biểu",
                     "Thủ trưởng đơn vị", "Đỗ Thị Mai Anh"):
        assert expected in summary, expected
    assert "Đơn vị tính: đồng" not in summary
    assert "Kế toán trưởng" not in summary


def test_ward_sheet_values_and_wards_not_reported():
    sheet = write().sheet_by_name("Theo xã, phường")
    assert sheet.row_values(7) == ["Mã số", "Tên chỉ tiêu", "Đơn vị tính", "Phường A", "Phường B",
                                   "Phường C (chưa báo cáo)"]
    rows_ = {row[0]: row for row in body(sheet) if row[0] in ("0302", "0605")}
    assert rows_["0302"][3:] == [3, 1, ""]
    assert rows_["0605"][3:] == [60, 15, ""]


def test_empty_catalogue():
    summary = values(write([], []).sheet_by_name("Tổng hợp"))
    assert "Chưa có chỉ tiêu nào trong danh mục." in summary
