import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ChildProtectionCase


class TestReportObligation(ChildProtectionCase):

    def setUp(self):
        super(TestReportObligation, self).setUp()
        self.calendar = self.env["child.report.calendar"].create({
            "name": "Lịch báo cáo",
            "incident_rule": "Báo cáo ngay bằng điện thoại, bằng văn bản trong 01 ngày.",
            "line_ids": [
                (0, 0, {"kind": "six_month", "name": "Báo cáo 6 tháng", "due_month": 5, "due_day": 10,
                        "scope": "communes"}),
                (0, 0, {"kind": "annual", "name": "Báo cáo năm", "due_month": 11, "due_day": 10,
                        "scope": "standing"}),
                (0, 0, {"kind": "other", "name": "Báo cáo tư pháp", "due_month": 2, "due_day": 29,
                        "scope": "agency", "agency_id": self.justice.id}),
            ]})
        self.ward_b_committee = self.env["child.agency"].create({
            "name": "UBND phường B", "code": "UBND", "kind": "committee", "area_id": self.ward_b.id})
        self.plan = self.issue(self.make_plan(report_calendar_id=self.calendar.id))

    def generate(self):
        self.plan.sudo(self.officer).action_generate_reports()
        return self.plan.report_obligation_ids

    def test_generated_from_the_template(self):
        obligations = self.generate()
        self.assertEqual(sorted((o.name, o.agency_id.name, o.due_date) for o in obligations), [
            ("Báo cáo 6 tháng", "UBND phường A", "2030-05-10"),
            ("Báo cáo 6 tháng", "UBND phường B", "2030-05-10"),
            ("Báo cáo năm", "UBND huyện Thử", "2030-11-10"),  # no standing agency here: the issuer
            ("Báo cáo tư pháp", "Phòng Tư pháp", "2030-02-28"),  # 29/2 in a common year
        ])
        self.assertEqual(self.plan.incident_rule, "Báo cáo ngay bằng điện thoại, bằng văn bản trong 01 ngày.")
        self.assertEqual(len(self.generate()), 4, "generating again adds nothing")

    def test_lateness(self):
        with freeze_time("2030-05-10"):
            obligations = self.generate()
            self.env["child.report.obligation"]._cron_mark_late()
            self.assertEqual(set(obligations.mapped("state")), {"pending", "late"})
            self.assertEqual(obligations.filtered(lambda o: o.state == "late").mapped("name"), ["Báo cáo tư pháp"])
        ward_a_report = obligations.filtered(lambda o: o.agency_id == self.ward_a_committee)
        as_ward = ward_a_report.sudo(self.ward_officer)
        with freeze_time("2030-05-12"):
            self.env["child.report.obligation"]._cron_mark_late()
            self.assertEqual(ward_a_report.state, "late")
            with self.assertRefused(UserError, "Report file:"):
                as_ward.action_submit()
            as_ward.write({"report_file": base64.b64encode(b"%PDF-1.4 report"), "report_filename": "bc.pdf"})
            as_ward.action_submit()
        self.assertEqual((ward_a_report.state, ward_a_report.submitted_date, ward_a_report.submitted_late),
                         ("submitted", "2030-05-12", True))

    def test_reporting_agency_only(self):
        obligations = self.generate()
        ward_b_report = obligations.filtered(lambda o: o.agency_id == self.ward_b_committee)
        visible = self.env["child.report.obligation"].sudo(self.ward_officer).search([("plan_id", "=", self.plan.id)])
        self.assertEqual(visible.mapped("agency_id"), self.ward_a_committee)
        with self.assertRefused(AccessError):
            ward_b_report.sudo(self.ward_officer).write({"report_file": base64.b64encode(b"x")})
        with self.assertRefused(AccessError, "Due Date", "only a plan officer"):
            visible.sudo(self.ward_officer).write({"due_date": "2030-12-31"})
        self.assertEqual(visible.due_date, "2030-05-10")

    def test_template_day_must_exist(self):
        with self.assertRefused(ValidationError, "Due day:", "31/4"):
            self.calendar.write({"line_ids": [(0, 0, {"name": "X", "due_month": 4, "due_day": 31})]})
        self.assertEqual(len(self.calendar.line_ids), 3)
