"""Circular 13/2021/TT-BLĐTBXH statistics: the catalogue, a ward's figures and their rules, what the suite fills in,
the roll-up of a district and its exports (XLSX, CSV), and who may do what."""
import csv
import io
from unittest.mock import patch

import werkzeug
import xlrd

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.child_events.tests.common import ChildEventCase
from odoo.addons.child_protection.tests.common import ChildProtectionCase
from odoo.addons.child_reports.controllers import statistics as statistics_controller

from .test_access_matrix import no_document_rendering

BREAKDOWN = ("male", "female", "age_0_5", "age_6_10", "age_11_15")


class StatisticsCase(ChildProtectionCase):
    """The catalogue loaded with the addon (data, not demo), and helpers to enter a ward's figures."""

    @classmethod
    def setUpClass(cls):
        super(StatisticsCase, cls).setUpClass()
        cls.Indicator = cls.env["child.stat.indicator"]
        cls.population = cls.env.ref("child_reports.child_stat_indicator_0101")
        cls.helped = cls.env.ref("child_reports.child_stat_indicator_0302")
        cls.injured = cls.env.ref("child_reports.child_stat_indicator_0303")
        cls.online = cls.env.ref("child_reports.child_stat_indicator_0605")
        cls.abused = cls.env.ref("child_reports.child_stat_indicator_ii_0101")
        cls.cases = cls.env.ref("child_reports.child_stat_indicator_ii_0102")

    def make_report(self, ward=None, user=None, period="year", year=2030):
        return self.env["child.stat.report"].sudo(user or self.officer).create(
            {"area_id": (ward or self.ward_a).id, "year": year, "period": period})

    @staticmethod
    def line(report, indicator):
        return report.line_ids.filtered(lambda line: line.indicator_id == indicator)

    def enter(self, report, indicator, **figures):
        line = self.line(report, indicator)
        line.write(figures)
        return line


class TestCatalogue(StatisticsCase):

    def test_catalogue_loaded_with_four_digit_codes_unique_per_appendix(self):
        indicators = self.Indicator.search([])
        self.assertGreaterEqual(len(indicators), 20)
        self.assertEqual(set(indicators.mapped("group")), {"general", "health", "protection", "education", "culture",
                                                           "participation", "abuse", "sanction"})
        for indicator in indicators:
            self.assertRegex(indicator.code, r"^[0-9]{4}$")
        pairs = [(indicator.appendix, indicator.code) for indicator in indicators]
        self.assertEqual(len(pairs), len(set(pairs)))
        # the same code in both appendices, told apart by the reference
        self.assertEqual((self.population.code, self.population.reference), ("0101", "0101"))
        self.assertEqual((self.abused.code, self.abused.reference, self.abused.name),
                         ("0101", "II-0101", "Số trẻ em bị xâm hại"))
        self.assertTrue(self.abused.by_sex and self.abused.by_age_group)
        self.assertEqual(self.helped.suite_source, "event_recipients")
        self.assertEqual(self.online.name,
                         "Tỷ lệ trẻ em được tiếp cận kiến thức, kỹ năng tham gia môi trường mạng an toàn")

    def test_catalogue_order(self):
        references = self.Indicator.search([]).mapped("reference")
        self.assertLess(references.index("0101"), references.index("0302"))
        self.assertLess(references.index("0302"), references.index("0605"))
        self.assertLess(references.index("0605"), references.index("II-0101"))

    def new(self, **values):
        vals = {"appendix": "1", "group": "participation", "code": "0699", "name": "Chỉ tiêu thử", "unit": "%",
                "measure": "rate", "rate_base": "100"}
        vals.update(values)
        return self.Indicator.sudo(self.officer).create(vals)

    def test_code_must_be_four_digits(self):
        for code in ("605", "06050", "06a5", " 0605"):
            with self.assertRefused(ValidationError, "Code:", "four digits"):
                self.new(code=code)
        self.assertEqual(self.Indicator.search_count([("name", "=", "Chỉ tiêu thử")]), 0)

    def test_code_starts_with_its_group(self):
        with self.assertRefused(ValidationError, "Code:", "0705", "06"):
            self.new(code="0705")
        with self.assertRefused(ValidationError, "Group:"):
            self.new(code="0199", group="abuse")   # a group of Appendix II in Appendix I

    def test_code_unique_within_its_appendix(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.new(code="0605")
        self.assertEqual(dict((name, message) for name, _sql, message in self.Indicator._sql_constraints)[
            "code_unique"], "Code: this code is already used in that appendix.")
        # 0199 of Appendix II may stand beside 0101 of Appendix I
        self.new(code="0199", appendix="2", group="abuse", measure="count", unit="Vụ")

    def test_catalogue_kept_by_the_plan_office(self):
        for user in (self.viewer, self.ward_officer, self.focal):
            self.assertEqual(self.online.sudo(user).name[:6], "Tỷ lệ ")
            with self.assertRefused(AccessError):
                self.online.sudo(user).write({"unit": "‰"})
        self.online.sudo(self.officer).write({"sequence": 606})

    def test_catalogue_change_that_breaks_entered_figures_refused(self):
        report = self.make_report()
        self.enter(report, self.cases, total=3)
        with self.assertRefused(ValidationError, "Male, Female", "II-0102", "sex", "adds up to 0", "total 3"):
            self.cases.sudo(self.officer).write({"by_sex": True})
        self.assertFalse(self.cases.by_sex)


class TestWardFigures(StatisticsCase):

    def test_lines_of_the_catalogue_published_for_the_period_in_its_order(self):
        year = self.make_report()
        self.assertEqual(year.line_ids.mapped("indicator_id"), self.Indicator.search([]))
        self.assertEqual(year.name, "Phường A - Năm 2030")
        half = self.make_report(period="half_year")
        self.assertEqual(half.line_ids.mapped("indicator_id"),
                         self.Indicator.search([("publication", "=", "half_year")]))
        self.assertIn(self.abused, half.line_ids.mapped("indicator_id"))
        self.assertNotIn(self.population, half.line_ids.mapped("indicator_id"))
        self.assertEqual((half.date_from, half.date_to), ("2030-01-01", "2030-06-30"))

    def test_consistent_figures_kept(self):
        report = self.make_report(user=self.ward_officer)
        line = self.enter(report, self.abused, total=5, male=2, female=3, age_0_5=1, age_6_10=1, age_11_15=3)
        self.assertEqual((line.total, line.female, line.source), (5, 3, "entered"))
        online = self.enter(report, self.online, total=30, base=120)
        self.assertAlmostEqual(online.rate, 25.0)

    def test_sex_breakdown_that_does_not_add_up_refused_naming_the_fields(self):
        report = self.make_report(user=self.ward_officer)
        line = self.line(report, self.abused)
        with self.assertRefused(ValidationError, "Male, Female:", "breakdown by sex", "indicator II-0101",
                                "Phường A", "adds up to 4", "total 5"):
            line.write({"total": 5, "male": 2, "female": 2, "age_0_5": 5})
        self.assertEqual([line[name] for name in ("total",) + BREAKDOWN], [0] * 6)   # unchanged

    def test_age_breakdown_that_does_not_add_up_refused(self):
        report = self.make_report(user=self.ward_officer)
        line = self.line(report, self.abused)
        with self.assertRefused(ValidationError, "Under 6, 6 to 10, 11 to 15:", "breakdown by age group",
                                "II-0101", "adds up to 4", "total 5"):
            line.write({"total": 5, "male": 2, "female": 3, "age_0_5": 1, "age_6_10": 1, "age_11_15": 2})
        self.assertEqual(line.total, 0)

    def test_negative_refused(self):
        report = self.make_report(user=self.ward_officer)
        line = self.line(report, self.cases)
        with self.assertRefused(ValidationError, "Total:", "indicator II-0102", "cannot be negative"):
            line.write({"total": -1})
        with self.assertRefused(ValidationError, "Female:", "II-0101", "cannot be negative"):
            self.line(report, self.abused).write({"total": 1, "male": 2, "female": -1, "age_0_5": 1})
        self.assertEqual(line.total, 0)

    def test_breakdown_the_indicator_has_not_refused(self):
        report = self.make_report()
        with self.assertRefused(ValidationError, "Male:", "0302", "not broken down by sex"):
            self.line(report, self.helped).write({"total": 2, "male": 2})

    def test_rate_needs_its_denominator(self):
        report = self.make_report()
        line = self.line(report, self.online)
        with self.assertRefused(ValidationError, "Denominator:", "0605", "is a rate"):
            line.write({"total": 30})
        with self.assertRefused(ValidationError, "Total, Denominator:", "numerator 30", "0605",
                                "more than its denominator 20"):
            line.write({"total": 30, "base": 20})
        with self.assertRefused(ValidationError, "Denominator:", "II-0102", "is a count"):
            self.line(report, self.cases).write({"total": 1, "base": 4})

    def test_ward_and_period_fixed(self):
        report = self.make_report()
        with self.assertRefused(UserError, "Ward:", "set when they are created"):
            report.write({"area_id": self.ward_b.id})
        with self.assertRefused(UserError, "Period:"):
            report.write({"period": "half_year"})
        report.write({"note": "Số liệu ước tính."})

    def test_statistics_of_a_ward_only(self):
        with self.assertRefused(ValidationError, "Ward:", "Huyện Thử"):
            self.make_report(ward=self.district)
        with self.assertRefused(ValidationError, "Year:"):
            self.make_report(year=30)


class TestAccess(StatisticsCase):

    def test_commune_officer_keeps_their_own_ward_only(self):
        officer = self.ward_officer
        own = self.make_report(user=officer)          # their ward by default
        self.assertEqual(own.area_id, self.ward_a)
        self.enter(own, self.cases, total=2)
        other = self.make_report(ward=self.ward_b)    # by the plan office
        Report = self.env["child.stat.report"].sudo(officer)
        self.assertEqual(Report.search([("id", "in", (own | other).ids)]), own)
        with self.assertRefused(AccessError):
            other.sudo(officer).read(["year"])
        with self.assertRefused(AccessError):
            self.line(other, self.cases).sudo(officer).write({"total": 3})
        with self.assertRefused(AccessError):
            Report.create({"area_id": self.ward_b.id, "year": 2031, "period": "year"})
        with self.assertRefused(AccessError):
            own.sudo(officer).unlink()

    def test_viewer_reads_every_ward_and_changes_nothing(self):
        reports = self.make_report() | self.make_report(ward=self.ward_b)
        self.enter(reports[0], self.cases, total=2)
        as_viewer = self.env["child.stat.report"].sudo(self.viewer)
        self.assertEqual(as_viewer.search([("id", "in", reports.ids)]), reports)
        self.assertEqual(self.line(reports[0], self.cases).sudo(self.viewer).total, 2)
        with self.assertRefused(AccessError):
            self.line(reports[0], self.cases).sudo(self.viewer).write({"total": 3})
        with self.assertRefused(AccessError):
            as_viewer.create({"area_id": self.ward_a.id, "year": 2031, "period": "year"})
        with self.assertRefused(AccessError):
            reports[0].sudo(self.viewer).action_fill_from_suite()

    def test_focal_point_reads_no_ward_statistics(self):
        report = self.make_report()
        with self.assertRefused(AccessError):
            report.sudo(self.focal).read(["year"])


class RollupCase(StatisticsCase):
    """Ward A and ward B of the district have their 2030 figures; the ward outside the district has none."""

    def setUp(self):
        super(RollupCase, self).setUp()
        self.report_a = self.make_report(user=self.ward_officer)
        self.report_b = self.make_report(ward=self.ward_b)
        for report, figures in ((self.report_a, {
                "population": dict(total=100, male=52, female=48, age_0_5=40, age_6_10=35, age_11_15=25),
                "online": dict(total=60, base=100), "abused": dict(total=2, female=2, age_6_10=1, age_11_15=1),
                "cases": dict(total=1)}),
                                (self.report_b, {
                "population": dict(total=50, male=20, female=30, age_0_5=10, age_6_10=20, age_11_15=20),
                "online": dict(total=30, base=200), "abused": dict(total=1, male=1, age_0_5=1),
                "cases": dict(total=1)})):
            for key, values in figures.items():
                self.enter(report.sudo(self.officer), getattr(self, key), **values)

    def rollup(self, user=None, area=None, period="year"):
        return self.env["child.stat.rollup"].sudo(user or self.viewer).create(
            {"area_id": (area or self.district).id, "year": 2030, "period": period})


class TestRollup(RollupCase):

    def test_district_adds_up_its_wards_per_indicator_and_breakdown(self):
        result = self.env["child.stat.report"].sudo(self.viewer)._rollup(self.district, 2030, "year")
        rows = {row["reference"]: row for row in result["rows"]}
        self.assertEqual([rows["0101"][name] for name in ("total",) + BREAKDOWN], [150, 72, 78, 50, 55, 45])
        self.assertEqual([rows["II-0101"][name] for name in ("total",) + BREAKDOWN], [3, 1, 2, 1, 1, 1])
        self.assertEqual(rows["II-0102"]["value"], 2)
        # a rate is its wards' numerators over their denominators: 90 / 300, not the mean of 60 % and 15 %
        self.assertEqual((rows["0605"]["total"], rows["0605"]["base"], rows["0605"]["value"]), (90, 300, 30.0))
        self.assertEqual([row["reference"] for row in result["rows"]], self.Indicator.search([]).mapped("reference"))
        self.assertEqual((result["ward_count"], result["reported_count"], result["missing"]), (2, 2, []))
        self.assertEqual([(ward["name"], ward["values"][self.online.id]) for ward in result["wards"]],
                         [("Phường A", 60.0), ("Phường B", 15.0)])

    def test_province_counts_its_wards_without_statistics(self):
        result = self.env["child.stat.report"].sudo(self.officer)._rollup(self.province, 2030, "year")
        self.assertEqual((result["ward_count"], result["reported_count"], result["missing"]), (3, 2, ["Xã Ngoài"]))
        self.assertEqual({row["reference"]: row["total"] for row in result["rows"]}["0101"], 150)

    def test_half_year_carries_the_six_monthly_indicators(self):
        half = self.make_report(user=self.ward_officer, period="half_year")
        self.enter(half, self.cases, total=4)
        result = self.env["child.stat.report"].sudo(self.viewer)._rollup(self.district, 2030, "half_year")
        self.assertEqual([row["reference"] for row in result["rows"]],
                         self.Indicator.search([("publication", "=", "half_year")]).mapped("reference"))
        self.assertEqual({row["reference"]: row["total"] for row in result["rows"]}["II-0102"], 4)
        self.assertEqual(result["missing"], ["Phường B"])

    def test_wizard_lists_the_sums(self):
        rollup = self.rollup()
        rollup.action_compute()
        lines = {line.reference: line for line in rollup.line_ids}
        self.assertEqual(len(rollup.line_ids), self.Indicator.search_count([]))
        self.assertEqual((lines["0101"].total, lines["0101"].male, lines["0101"].age_11_15), (150, 72, 45))
        self.assertEqual((lines["0605"].rate, lines["0605"].total, lines["0605"].base), (30.0, 90, 300))
        self.assertEqual((rollup.ward_count, rollup.reported_count, rollup.missing_wards), (2, 2, False))
        self.assertEqual(rollup.action_export_csv()["url"], "/child/statistics/%d/2030/year/csv" % self.district.id)

    def test_commune_officer_adds_up_their_ward_not_the_district(self):
        with self.assertRefused(AccessError, "only some wards", "Huyện Thử"):
            self.env["child.stat.report"].sudo(self.ward_officer)._rollup(self.district, 2030, "year")
        own = self.env["child.stat.report"].sudo(self.ward_officer)._rollup(self.ward_a, 2030, "year")
        self.assertEqual({row["reference"]: row["total"] for row in own["rows"]}["0101"], 100)

    def test_focal_point_may_not_add_up(self):
        with self.assertRefused(AccessError):
            self.env["child.stat.report"].sudo(self.focal)._rollup(self.district, 2030, "year")


class TestExports(RollupCase):

    def render(self, user=None):
        rollup = self.rollup(user)
        content, kind = self.env.ref("child_reports.child_stat_rollup_xlsx").sudo(user or self.viewer).render_xlsx(
            rollup.ids, {})
        self.assertEqual(kind, "xlsx")
        return xlrd.open_workbook(file_contents=content)

    def test_xlsx_in_catalogue_order_with_codes_and_group_headings(self):
        book = self.render()
        self.assertEqual(book.sheet_names(), ["Tổng hợp", "Theo xã, phường"])
        sheet = book.sheet_by_name("Tổng hợp")
        self.assertEqual(sheet.row_values(7)[:5], ["Mã số", "Tên chỉ tiêu", "Đơn vị tính", "Kỳ công bố",
                                                "Tổng số / tỷ lệ"])
        rows = [sheet.row_values(r) for r in range(8, sheet.nrows)]
        table = [row for row in rows if row[0] and row[1]]   # indicator rows: code and name
        catalogue = self.Indicator.search([])
        self.assertEqual([(row[0], row[1]) for row in table], [(i.code, i.name) for i in catalogue])
        headings = [row[0] for row in rows if row[0] and not row[1]]
        self.assertEqual(headings[:2], ["PHỤ LỤC I. CHỈ TIÊU THỐNG KÊ VỀ TÌNH HÌNH TRẺ EM",
                                        "I. Chỉ tiêu chung về trẻ em"])
        self.assertIn("III. Bảo vệ trẻ em", headings)
        self.assertIn("I. Tình hình xâm hại trẻ em", headings)
        population = table[0]
        self.assertEqual(population[2:12], ["Người", "Năm", 150, "", "", 72, 78, 50, 55, 45])
        abused = [row for row in table if row[1] == "Số trẻ em bị xâm hại"][0]
        self.assertEqual(abused[0], "0101")
        self.assertEqual(abused[4:12], [3, "", "", 1, 2, 1, 1, 1])
        online = [row for row in table if row[0] == "0605"][0]
        self.assertEqual(online[4:7], [30, 90, 300])
        texts = [value for row in rows for value in row if isinstance(value, str)]
        self.assertIn("Số liệu của 2/2 xã, phường", [sheet.cell_value(5, 0)])
        self.assertIn("Người lập biểu", texts)
        wards = book.sheet_by_name("Theo xã, phường")
        self.assertEqual(wards.row_values(7)[:6], ["Mã số", "Tên chỉ tiêu", "Đơn vị tính", "Phường A", "Phường B",
                                                   ""])

    def test_xlsx_refused_to_who_reads_some_wards_only(self):
        with self.assertRaises(AccessError):
            self.render(self.ward_officer)

    def csv_records(self, data):
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))   # UTF-8 with a byte order mark
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))

    def test_csv_content_and_order(self):
        name, data = self.env["child.stat.report"].sudo(self.viewer)._rollup_csv(self.district, 2030, "year")
        self.assertEqual(name, "thong-ke-tre-em-huyen-thu-2030.csv")
        records = self.csv_records(data)
        self.assertEqual(records[0], ["appendix", "code", "indicator", "area_code", "area_name", "period",
                                      "breakdown", "value"])
        codes = []
        for record in records[1:]:
            if (record[0], record[1]) not in codes:
                codes.append((record[0], record[1]))
        self.assertEqual(codes, [("I" if i.appendix == "1" else "II", i.code) for i in self.Indicator.search([])])
        self.assertEqual(records[1], ["I", "0101", "Dân số trẻ em", "", "Huyện Thử", "2030", "total", "150"])
        values = {(r[0], r[1], r[6]): r[7] for r in records[1:]}
        self.assertEqual([values[("I", "0101", key)] for key in BREAKDOWN], ["72", "78", "50", "55", "45"])
        self.assertEqual([values[("II", "0101", key)] for key in ("total",) + BREAKDOWN],
                         ["3", "1", "2", "1", "1", "1"])
        self.assertEqual([values[("I", "0605", key)] for key in ("total", "numerator", "denominator")],
                         ["30", "90", "300"])
        self.assertNotIn(("I", "0302", "male"), values)   # only the breakdowns an indicator has

    def call_route(self, user, area, period="year"):
        """The route's function as the server calls it for ``user`` (the request faked: its env and responses)."""
        class FakeRequest(object):
            env = self.env(user=user.id)

            @staticmethod
            def make_response(data, headers=None):
                return werkzeug.wrappers.Response(data, headers=headers)

        route = statistics_controller.ChildStatistics.statistics_csv
        self.assertEqual(route.routing["auth"], "user")
        with patch.object(statistics_controller, "request", FakeRequest()):
            return route.original_func(statistics_controller.ChildStatistics(), area.id, 2030, period)

    def test_csv_route(self):
        response = self.call_route(self.viewer, self.district)
        self.assertEqual(response.headers["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("thong-ke-tre-em-huyen-thu-2030.csv", response.headers["Content-Disposition"])
        self.assertEqual(self.csv_records(response.get_data())[1][:2], ["I", "0101"])
        # a commune officer downloads their ward's, not the district's
        self.assertEqual(self.csv_records(self.call_route(self.ward_officer, self.ward_a).get_data())[1][7], "100")
        with self.assertRaises(werkzeug.exceptions.Forbidden):
            self.call_route(self.ward_officer, self.district)
        with self.assertRaises(werkzeug.exceptions.Forbidden):
            self.call_route(self.focal, self.district)
        with self.assertRaises(werkzeug.exceptions.NotFound):
            self.call_route(self.viewer, self.district, period="quarter")


class TestFilledFromEvents(ChildEventCase):
    """The children in special circumstances of a ward given a gift at a running event (plan issued without
    rendering its PDF)."""

    def setUp(self):
        with no_document_rendering(self.env):
            super(TestFilledFromEvents, self).setUp()
        self.helped = self.env.ref("child_reports.child_stat_indicator_0302")
        event = self.make_event()
        line = self.add_line(event, 10000000)
        cash = self.add_gift(event, line, qty=5)
        books = self.add_gift(event, line, qty=5, name="Sách vở")
        self.event = self.approve_and_start(event)
        self.cash, self.books = cash.sudo(self.organiser), books.sudo(self.organiser)
        signed = {"received": True, "date_signed": "2030-06-01"}
        self.add_recipient(cash, self.ward_a, "Trần Thu Hà", beneficiary_group="orphan", **signed)
        self.add_recipient(books, self.ward_a, "Trần  Thu Hà", beneficiary_group="orphan", **signed)  # twice: once
        self.add_recipient(cash, self.ward_a, "Lê Gia Bảo", beneficiary_group="disabled", **signed)
        self.add_recipient(cash, self.ward_a, "Nguyễn Minh An", beneficiary_group="poor", **signed)  # not a group
        self.add_recipient(books, self.ward_a, "Vũ Khánh Linh", beneficiary_group="no_carer")      # not received
        self.add_recipient(books, self.ward_b, "Bùi Phương Thảo", beneficiary_group="abandoned", **signed)

    def report(self, user, period="half_year", year=2030):
        return self.env["child.stat.report"].sudo(user).create({"year": year, "period": period})

    def helped_line(self, report):
        return report.line_ids.filtered(lambda line: line.indicator_id == self.helped)

    def test_filled_when_created(self):
        report = self.report(self.ward_officer)
        self.assertEqual(report.area_id, self.ward_a)
        line = self.helped_line(report)
        self.assertEqual((line.total, line.source), (2, "suite"))
        self.assertTrue(report.filled_on)
        self.assertEqual(self.helped_line(self.report(self.ward_b_officer)).total, 1)
        self.assertEqual(self.helped_line(self.report(self.ward_officer, year=2031)).total, 0)

    def test_filled_again_with_the_button(self):
        report = self.report(self.ward_officer)
        line = self.helped_line(report)
        line.write({"total": 7})   # children helped by other programmes, counted by hand
        self.assertEqual(line.source, "entered")
        self.add_recipient(self.books, self.ward_a, "Hoàng Đức Minh", beneficiary_group="ill_poor", received=True,
                           date_signed="2030-06-02")
        report.action_fill_from_suite()
        self.assertEqual((line.total, line.source), (3, "suite"))

    def test_filled_for_a_plan_officer_who_may_not_read_the_children(self):
        report = self.env["child.stat.report"].sudo(self.officer).create(
            {"area_id": self.ward_a.id, "year": 2030, "period": "year"})
        self.assertEqual(self.helped_line(report).total, 2)
        with self.assertRefused(AccessError):
            self.env["child.event.recipient"].sudo(self.officer).search([])
