"""Child statistics of Circular 13/2021/TT-BLĐTBXH: the groups of its two lists of indicators, the breakdowns a
ward enters, the rules its figures keep, the roll-up of the wards into their district or province, and the CSV for
upload.

Plain Python, no odoo import: the models of child_reports feed it plain values (dicts), and the top-level tests run
it alone (tests/test_engines_statistics_workbook.py).

The circular has two lists, each coded "group (2 digits) + item (2 digits)": Appendix I, the situation of children
(groups 01 General ... 06 Participation; their contents in Appendix III) and Appendix II, abuse of children and the
administrative sanctions for it (groups 01 and 02; their contents in Appendix IV). The same code stands in both lists
(0101 is "Dân số trẻ em" in Appendix I and "Số trẻ em bị xâm hại" in Appendix II): a code is unique within its
appendix, and :func:`reference` writes those of Appendix II as "II-0101".

The figures of one indicator, one ward and one period:
  - ``total``: the count; for a rate, its numerator. A rate is never added up across wards: the roll-up adds the
    numerators and the denominators and divides again;
  - ``base``: the denominator of a rate (0 for a count);
  - the breakdowns of the count (``male``, ``female``; ``age_0_5``, ``age_6_10``, ``age_11_15``): each dimension
    the indicator is broken down by adds up to ``total``; a dimension it is not broken down by stays at 0.
"""
import csv
import io
import re
import unicodedata
from collections import OrderedDict, namedtuple

from .safe_sheet import neutralise_cell

CODE_RE = re.compile(r"^[0-9]{4}$")

#: (key, Roman numeral, title) of the two lists, in the circular's order.
APPENDICES = (
    ("1", "I", "CHỈ TIÊU THỐNG KÊ VỀ TÌNH HÌNH TRẺ EM"),
    ("2", "II", "CHỈ TIÊU THỐNG KÊ VỀ TÌNH HÌNH XÂM HẠI TRẺ EM, XỬ LÝ VI PHẠM HÀNH CHÍNH ĐỐI VỚI CÁC HÀNH VI "
                "XÂM HẠI TRẺ EM"),
)
APPENDIX_NUMERALS = {key: numeral for key, numeral, _title in APPENDICES}
APPENDIX_TITLES = {key: title for key, _numeral, title in APPENDICES}

#: (key, appendix, group number = the first two digits of its codes, title as the circular names the group).
GROUPS = (
    ("general", "1", "01", "Chỉ tiêu chung về trẻ em"),
    ("health", "1", "02", "Sức khỏe, dinh dưỡng trẻ em"),
    ("protection", "1", "03", "Bảo vệ trẻ em"),
    ("education", "1", "04", "Giáo dục trẻ em"),
    ("culture", "1", "05", "Văn hóa, vui chơi, giải trí cho trẻ em"),
    ("participation", "1", "06", "Trẻ em tham gia vào các vấn đề trẻ em"),
    ("abuse", "2", "01", "Tình hình xâm hại trẻ em"),
    ("sanction", "2", "02", "Xử lý vi phạm hành chính đối với các hành vi xâm hại trẻ em"),
)
GROUP_APPENDIX = {key: appendix for key, appendix, _number, _title in GROUPS}
GROUP_NUMBER = {key: number for key, _appendix, number, _title in GROUPS}
GROUP_TITLE = {key: title for key, _appendix, _number, title in GROUPS}

#: (dimension, its title, its categories as (figure, label)), in the order of the columns. The age is the age
#: reached in the year of the period: under 6 (pre-school), 6 to 10 (primary school age), 11 to 15.
DIMENSIONS = (
    ("sex", "Giới tính", (("male", "Nam"), ("female", "Nữ"))),
    ("age_group", "Nhóm tuổi", (("age_0_5", "Dưới 6 tuổi"), ("age_6_10", "Từ 6 đến dưới 11 tuổi"),
                                ("age_11_15", "Từ 11 đến dưới 16 tuổi"))),
)
DIMENSION_FIGURES = OrderedDict((key, tuple(figure for figure, _label in items)) for key, _title, items in DIMENSIONS)
BREAKDOWN_FIGURES = tuple(figure for figures in DIMENSION_FIGURES.values() for figure in figures)
BREAKDOWN_LABELS = OrderedDict((figure, label) for _key, _title, items in DIMENSIONS for figure, label in items)
FIGURES = ("total", "base") + BREAKDOWN_FIGURES
#: The periods a ward reports for, and the periods each publication period is reported in.
PERIODS = ("half_year", "year")
PUBLICATION_PERIODS = {"half_year": ("half_year", "year"), "year": ("year",)}
PERIOD_WORDS = {"half_year": "6 tháng đầu năm %d", "year": "Năm %d"}
PUBLICATION_WORDS = {"half_year": "6 tháng, năm", "year": "Năm"}
RATE_BASES = (100, 1000)

Problem = namedtuple("Problem", "code figures dimension got expected")
Problem.__doc__ = """A rule a ward's figures break. ``code``: ``negative`` (``figures``: the negative ones),
``breakdown`` (the ``dimension`` adds up to ``got``, not to the total ``expected``), ``not_broken_down`` (figures of a
dimension the indicator is not broken down by), ``base_on_count`` (a denominator on a count), ``no_base`` (a rate's
numerator without its denominator) or ``over_base`` (a share's numerator ``got`` over its denominator
``expected``)."""


class StatisticsError(ValueError):
    """A rule of the catalogue broken; ``code`` names it so that a caller can say it in the user's language."""

    def __init__(self, code, message):
        super(StatisticsError, self).__init__(message)
        self.code = code


def check_code(code, group):
    """Raise StatisticsError when ``code`` is not four digits (``format``) or does not start with the number of
    ``group`` (``group``); return None."""
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise StatisticsError("format", "the code %r is not four digits (group and item, e.g. 0605)" % (code,))
    if group not in GROUP_NUMBER:
        raise StatisticsError("unknown_group", "unknown group %r" % (group,))
    if code[:2] != GROUP_NUMBER[group]:
        raise StatisticsError("group", "the code %s does not start with %s, the number of its group"
                              % (code, GROUP_NUMBER[group]))


def reference(appendix, code):
    """How the suite writes an indicator: its code in Appendix I, "II-" and its code in Appendix II."""
    return code if appendix == "1" else "%s-%s" % (APPENDIX_NUMERALS.get(appendix, appendix), code)


def dimensions_of(indicator):
    """The dimensions ``indicator`` (a dict with by_sex and by_age_group) is broken down by, in column order."""
    return tuple(key for key in DIMENSION_FIGURES if indicator.get("by_%s" % key))


def check_figures(figures, dimensions=(), rate=False, share=True):
    """The rules ``figures`` (a dict, see the module) break, as a list of Problem; empty when they keep them all.

    ``dimensions``: those the indicator is broken down by; ``rate``: whether it is a rate (numerator ``total`` over
    denominator ``base``); ``share``: whether the numerator is a part of the denominator (children reached of all
    children), which it cannot exceed; a ratio (boys per 100 girls) is not.
    """
    values = {name: figures.get(name) or 0 for name in FIGURES}
    negative = tuple(name for name in FIGURES if values[name] < 0)
    if negative:
        return [Problem("negative", negative, None, None, None)]
    problems = []
    total = values["total"]
    for dimension, names in DIMENSION_FIGURES.items():
        got = sum(values[name] for name in names)
        if dimension in dimensions:
            if got != total:
                problems.append(Problem("breakdown", names, dimension, got, total))
        elif got:
            problems.append(Problem("not_broken_down", tuple(name for name in names if values[name]), dimension,
                                    got, 0))
    if not rate:
        if values["base"]:
            problems.append(Problem("base_on_count", ("base",), None, values["base"], 0))
    elif total and not values["base"]:
        problems.append(Problem("no_base", ("base",), None, total, None))
    elif share and total > values["base"]:
        problems.append(Problem("over_base", ("total", "base"), None, total, values["base"]))
    return problems


def rate_of(total, base, per):
    """``total`` per ``per`` (100: a percentage, 1000: per mille) of ``base``, to two decimals; None without a base."""
    if not base:
        return None
    return round(total * float(per) / base, 2)


def value_of(indicator, figures):
    """The figure a table shows for ``indicator``: the count, or the rate (None without a denominator)."""
    if indicator.get("measure") == "rate":
        return rate_of(figures.get("total") or 0, figures.get("base") or 0, indicator.get("rate_base") or 100)
    return figures.get("total") or 0


def roll_up(indicators, lines):
    """Add up the wards' figures, indicator by indicator.

    ``indicators``: dicts (id, appendix, group, code, name, unit, measure, rate_base, publication, by_sex,
    by_age_group) in the catalogue's order; ``lines``: dicts with indicator_id and the figures of one ward each.
    Returns one row per indicator, in the same order: the indicator's keys, each figure summed, ``value`` (the count
    or the rate recomputed from the sums), ``reported`` (how many ward lines were added) and ``reference``. Lines of
    an indicator that is not in ``indicators`` are left out.
    """
    sums = OrderedDict((indicator["id"], dict.fromkeys(FIGURES, 0)) for indicator in indicators)
    counts = dict.fromkeys(sums, 0)
    for line in lines:
        figures = sums.get(line["indicator_id"])
        if figures is None:
            continue
        for name in FIGURES:
            figures[name] += line.get(name) or 0
        counts[line["indicator_id"]] += 1
    rows = []
    for indicator in indicators:
        figures = sums[indicator["id"]]
        row = dict(indicator, **figures)
        row.update(value=value_of(indicator, figures), reported=counts[indicator["id"]],
                   reference=reference(indicator["appendix"], indicator["code"]))
        rows.append(row)
    return rows


def sections(rows):
    """``rows`` (in the catalogue's order) under their appendix and group: a list of
    ``(appendix, [(group, [rows])])`` in the order they first appear."""
    result = OrderedDict()
    for row in rows:
        result.setdefault(row["appendix"], OrderedDict()).setdefault(row["group"], []).append(row)
    return [(appendix, list(groups.items())) for appendix, groups in result.items()]


def period_label(year, period):
    """The period as the tables say it: "Năm 2021", "6 tháng đầu năm 2021"."""
    return PERIOD_WORDS[period] % year


def period_key(year, period):
    """The period as the CSV writes it: "2021" for the year, "2021-H1" for its first six months."""
    return "%d" % year if period == "year" else "%d-H1" % year


# CSV for upload ----------------------------------------------------------------------------------------------------

CSV_HEADER = ("appendix", "code", "indicator", "area_code", "area_name", "period", "breakdown", "value")


def _number(value):
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return "%.2f" % value
    return "%d" % value


def csv_records(rows, area_code, area_name, year, period):
    """The CSV's records (without the header): per indicator in the catalogue's order, ``total`` (the count, or the
    rate), for a rate its ``numerator`` and ``denominator``, then each breakdown of the indicator's dimensions in
    column order. Numbers are written with a dot and no thousands separator; a rate without denominator is empty."""
    records = []
    key = period_key(year, period)
    for row in rows:
        head = (APPENDIX_NUMERALS.get(row["appendix"], row["appendix"]), row["code"], row["name"], area_code or "",
                area_name, key)
        records.append(head + ("total", _number(row["value"])))
        if row.get("measure") == "rate":
            records.append(head + ("numerator", _number(row["total"])))
            records.append(head + ("denominator", _number(row["base"])))
        for dimension in dimensions_of(row):
            for name in DIMENSION_FIGURES[dimension]:
                records.append(head + (name, _number(row[name])))
    return records


def csv_bytes(rows, area_code, area_name, year, period):
    """The CSV for upload, UTF-8 with a byte order mark (so that Excel shows the Vietnamese as it is), comma-separated,
    CRLF line ends, one header line (:data:`CSV_HEADER`). A text a spreadsheet would run as a formula gets an
    apostrophe in front (:func:`safe_sheet.neutralise_cell`); numbers stay numbers."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows([neutralise_cell(value) for value in record]
                     for record in csv_records(rows, area_code, area_name, year, period))
    return text.getvalue().encode("utf-8-sig")


def ascii_slug(text):
    """``text`` in lower-case ASCII words joined by hyphens, for a file name: "Quận Long Biên" -> "quan-long-bien"."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# Children the suite knows -------------------------------------------------------------------------------------------

def child_key(name, birth_year):
    """Who a child is, as far as a gift list tells: the name (case, spacing and Unicode form aside) and birth year."""
    name = unicodedata.normalize("NFC", " ".join((name or "").split())).casefold()
    return name, birth_year or 0


def distinct_children(children):
    """How many different children ``children`` (pairs of name and birth year) counts: a child given two gifts in
    the period is one child helped."""
    return len({child_key(name, birth_year) for name, birth_year in children})
