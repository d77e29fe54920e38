import base64
import io

import docx
import xlrd
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.child_events.tests.common import ChildEventCase
from odoo.addons.child_protection.tests.allowance_common import AllowanceCase

from .test_plan_document import DocumentCase, pdf_text, qr_codes


def words(text):
    """The text with every run of spaces and line breaks as one space (pdftotext lays table cells out apart)."""
    return " ".join(text.split())


class PlanReportCase(DocumentCase, ChildEventCase, AllowanceCase):
    """An issued plan of 2030 (01/KH-UBND, signed) with, in the first six months: a task done and one overdue
    (Justice), one open (Health), an indicator result of the district, the Action Month with its budget, and the
    allowances of March (ward A paid and settled, ward B only planned). Outside the period: a task done in
    December, the allowances of July, a cancelled task."""

    def setUp(self):
        super(PlanReportCase, self).setUp()
        plan = self.plan
        done = self.make_task(plan, self.justice, name="Rà soát trẻ em", deadline="2030-03-20")
        done.sudo(self.focal).write({"result_note": "Đã rà soát 120 trẻ em."})
        done.sudo(self.focal).action_done()
        self.late = self.make_task(plan, self.justice, name="Tuyên truyền Luật Trẻ em", deadline="2030-03-31")
        self.add_update(self.late, self.focal, 40, note="Đã tổ chức 3 buổi tuyên truyền.")
        self.make_task(plan, self.health, name="Khám sức khỏe", deadline="2030-09-30")
        december = self.make_task(plan, self.health, name="Tổng kết năm", deadline="2030-12-15")
        december.sudo(self.officer).write({"result_note": "Đã tổng kết."})
        december.sudo(self.officer).action_done()
        self.make_task(plan, self.justice, name="Hội thảo đã hủy").sudo(self.officer).action_cancel()
        self.env["child.plan.indicator.result"].sudo(self.officer).create({
            "indicator_id": self.indicator.id, "area_id": self.district.id, "value": 90, "date": "2030-05-31"})
        event, line, _gift = self.running_event(planned=10000000)
        line.write({"committed_amount": 3000000, "spent_amount": 3000000})
        self.generate("2030-03-01")
        self.pay(self.sheet(self.ward_a, "2030-03-01"), settle=True)
        self.generate("2030-07-01")

    def make_report(self, user=None, **values):
        vals = {"plan_id": self.plan.id, "period": "half_year",
                "assessment": "Các cơ quan đã triển khai kịp thời các nhiệm vụ của kế hoạch.",
                "difficulties": "Kinh phí cho hoạt động truyền thông còn hạn chế.",
                "recipients": "Sở Y tế;\nLưu: VT."}
        vals.update(values)
        return self.env["child.plan.report"].sudo(user or self.officer).create(vals)

    def issue_report(self, report, issue_date="2030-07-05"):
        as_leader = report.sudo(self.leader)
        with freeze_time("%s 03:00:00" % issue_date):
            as_leader.action_issue()
        return as_leader


class TestPlanReportFigures(PlanReportCase):

    def test_figures_of_the_first_six_months(self):
        report = self.make_report()
        self.assertEqual(report.name, "Kết quả thực hiện Kế hoạch số 01/KH-UBND 6 tháng đầu năm 2030")
        self.assertEqual((report.date_from, report.date_to), ("2030-01-01", "2030-06-30"))
        self.assertEqual((report.signer_position, report.signer_name), ("Phó Chủ tịch", "Nguyễn Văn Thử"))
        with freeze_time("2030-07-10"):
            figures = report._figures()
        self.assertEqual(figures["as_of"], "2030-06-30")
        tasks = figures["tasks"]
        # done in March, overdue since March, open until September; not the December task nor the cancelled one
        self.assertEqual([tasks[key] for key in ("count", "done", "in_progress", "todo", "overdue")], [3, 1, 1, 1, 1])
        self.assertAlmostEqual(tasks["progress"], 140 / 3.0)
        self.assertEqual([(a["name"], a["count"], a["done"], a["overdue"], a["progress"]) for a in tasks["agencies"]],
                         [("Phòng Tư pháp", 2, 1, 1, 70.0), ("Phòng Y tế", 1, 0, 0, 0.0)])
        late = [item for item in tasks["items"] if item["name"] == "Tuyên truyền Luật Trẻ em"][0]
        self.assertEqual((late["days_late"], late["note"], late["note_date"]),
                         (91, "Đã tổ chức 3 buổi tuyên truyền.", "2030-04-01"))
        self.assertEqual([(i["name"], i["target"], i["value"], i["met"]) for i in figures["indicators"]],
                         [("Trẻ em tham gia", "Ít nhất 85 %", "90 %", True)])
        self.assertEqual([(e["name"], e["participation_rate"], e["planned"], e["spent"])
                          for e in figures["events"]["items"]],
                         [("Tháng hành động vì trẻ em 2030", 86.25, 10000000, 3000000)])
        # March only: ward A paid and settled (2 collaborators), ward B planned (1); July is the second half
        self.assertEqual(figures["allowances"],
                         {"wards": 2, "planned": 1500000, "disbursed": 1000000, "settled": 1000000})

    def test_whole_year_counts_the_december_task(self):
        report = self.make_report(period="year")
        self.assertEqual(report.name, "Kết quả thực hiện Kế hoạch số 01/KH-UBND năm 2030")
        with freeze_time("2031-01-10"):
            tasks = report._figures()["tasks"]
        self.assertEqual([tasks[key] for key in ("count", "done", "overdue")], [4, 2, 2])

    def test_report_on_a_draft_plan_refused(self):
        draft = self.make_plan()
        with self.assertRefused(ValidationError, "Plan:", "issued"):
            self.make_report(plan_id=draft.id)

    def test_one_report_per_period(self):
        self.make_report()
        with self.assertRefused(ValidationError, "Period:", "already has its report"):
            self.make_report()


class TestPlanReportIssue(PlanReportCase):

    def test_issue_numbers_in_the_issuers_register_after_the_plan(self):
        report = self.issue_report(self.make_report())
        self.assertEqual(self.plan.number, "01/KH-UBND")
        self.assertEqual((report.state, report.number), ("issued", "02/BC-UBND"))
        document = report.document_id
        self.assertEqual((document.number, document.type_name, document.plan_id), ("02/BC-UBND", "BÁO CÁO",
                                                                                   self.plan))
        self.assertEqual(document.report_id, report)
        self.assertEqual(self.plan.document_id.number, "01/KH-UBND")
        later = self.issue(self.make_plan(name="Kế hoạch bổ sung năm 2030"), issue_date="2030-08-01")
        self.assertEqual(later.number, "03/KH-UBND")

    def test_issued_pdf_holds_the_report_and_its_signatures(self):
        report = self.issue_report(self.make_report())
        document = report.document_id
        data = base64.b64decode(document.sudo(self.viewer).file)
        text = words(pdf_text(data))
        for expected in ("HUYỆN THỬ", "Số: 02/BC-UBND", "Thử, ngày 05 tháng 7 năm 2030", "BÁO CÁO",
                         "Kết quả thực hiện Kế hoạch số 01/KH-UBND 6 tháng đầu năm 2030",
                         "I. KẾT QUẢ THỰC HIỆN", "1. Thực hiện nhiệm vụ",
                         "Tổng số 3 nhiệm vụ: hoàn thành 1, đang thực hiện 1, chưa thực hiện 1; quá hạn 1",
                         "1 Phòng Tư pháp 2 1 1 70", "2 Phòng Y tế 1 0 0 0", "Tổng cộng 3 1 1 46.7",
                         "1 Trẻ em tham gia Ít nhất 85 % 90 % 105.9 Đạt",
                         "1 Tháng hành 01/06/2030 - 86.3 10.000.000 3.000.000",
                         "Tổng cộng 10.000.000 3.000.000",
                         "Đã cấp phát: 1.000.000 đồng. Bằng chữ: Một triệu đồng chẵn.",
                         "Kế hoạch: 1.500.000 đồng. Bằng chữ: Một triệu năm trăm nghìn đồng chẵn.",
                         "II. ĐÁNH GIÁ CHUNG", "Các cơ quan đã triển khai kịp thời",
                         "III. KHÓ KHĂN, VƯỚNG MẮC", "- Sở Y tế;", "- Lưu: VT.", "KT. CHỦ TỊCH", "Nguyễn Văn Thử"):
            self.assertIn(expected, text)
        # no proposals written: no part IV
        self.assertNotIn("IV.", text)
        self.assertNotIn("DỰ THẢO", text)
        self.assertEqual(qr_codes(data), ["http://verify.example.org/child/verify/%s" % document.token])
        self.assertEqual([(r["signer"], r["valid"]) for r in document._verify_signatures()],
                         [("Nguyễn Văn Thử", True), ("UBND huyện Thử", True)])

    def test_draft_print_is_marked_and_unnumbered(self):
        report = self.make_report().sudo(self.officer)
        text = words(pdf_text(report._draft_pdf()))
        self.assertIn("DỰ THẢO", text)
        self.assertIn("/BC-UBND", text)
        self.assertNotIn("02/BC-UBND", text)
        document = docx.Document(io.BytesIO(report._docx()))
        self.assertIn("BÁO CÁO", [p.text for p in document.paragraphs])

    def test_only_a_leader_issues_and_cancels(self):
        report = self.make_report()
        with self.assertRefused(AccessError, "only a Leader"):
            report.sudo(self.officer).action_issue()
        self.assertFalse(report.number)
        self.issue_report(report)
        with self.assertRefused(AccessError, "only a Leader"):
            report.sudo(self.officer).action_cancel()
        report.sudo(self.leader).action_cancel()
        self.assertEqual(report.state, "cancelled")
        self.assertEqual(report.document_id.state, "revoked")

    def test_issued_report_cannot_be_edited_or_deleted(self):
        report = self.issue_report(self.make_report())
        with self.assertRefused(UserError, "Overall assessment", "02/BC-UBND is issued"):
            report.sudo(self.officer).write({"assessment": "Viết lại sau khi ban hành."})
        with self.assertRefused(UserError, "Signer", "is issued"):
            report.sudo(self.leader).write({"signer_user_id": self.officer.id})
        with self.assertRefused(UserError, "Number:"):
            report.sudo(self.leader).write({"number": "99/BC-UBND"})
        with self.assertRefused(UserError, "only a draft report can be deleted"):
            report.sudo(self.officer).unlink()
        self.assertEqual(report.assessment, "Các cơ quan đã triển khai kịp thời các nhiệm vụ của kế hoạch.")


class TestPlanReportAccess(PlanReportCase):

    def test_viewer_reads_only_issued_reports(self):
        report = self.make_report()
        Report = self.env["child.plan.report"]
        self.assertFalse(Report.sudo(self.viewer).search([]))
        with self.assertRaises(AccessError):
            report.sudo(self.viewer).read(["name"])
        with self.assertRaises(AccessError):
            report.sudo(self.finance).read(["name"])
        self.issue_report(report)
        self.assertEqual(Report.sudo(self.viewer).search([]), report)
        self.assertEqual(self.plan.sudo(self.viewer).report_count, 1)
        with self.assertRaises(AccessError):
            report.sudo(self.viewer).write({"proposals": "Đề xuất."})

    def test_focal_point_cannot_create_a_report(self):
        with self.assertRaises(AccessError):
            self.make_report(user=self.focal)

    def test_officer_deletes_a_draft(self):
        report = self.make_report()
        report.sudo(self.officer).unlink()
        self.assertFalse(report.exists())


class TestPlanReportWorkbook(PlanReportCase):

    def render(self, user, report):
        action = self.env.ref("child_reports.child_plan_report_xlsx").sudo(user)
        content, kind = action.render_xlsx(report.ids, {})
        self.assertEqual(kind, "xlsx")
        return xlrd.open_workbook(file_contents=content)

    @staticmethod
    def rows(sheet):
        return [sheet.row_values(row) for row in range(8, sheet.nrows)]

    def test_sheets_show_the_issued_figures(self):
        report = self.issue_report(self.make_report())
        # the overdue task is ticked off after the issue: the issued report keeps the figures it was issued with
        self.late.sudo(self.focal).write({"result_note": "Đã xong."})
        self.late.sudo(self.focal).action_done()
        book = self.render(self.viewer, report)
        self.assertEqual(book.sheet_names(), ["Nhiệm vụ", "Chỉ tiêu", "Sự kiện", "Phụ cấp"])
        tasks = self.rows(book.sheet_by_name("Nhiệm vụ"))
        # tasks, done, in progress, to do, overdue, average progress
        self.assertEqual(tasks[0][:8], [1, "Phòng Tư pháp", 2, 1, 1, 0, 1, 70])
        self.assertEqual(tasks[1][:8], [2, "Phòng Y tế", 1, 0, 0, 1, 0, 0])
        self.assertEqual(tasks[2][1:7], ["", 3, 1, 1, 1, 1])   # "Tổng cộng" is merged over the first two cells
        self.assertEqual(tasks[2][0], "Tổng cộng")
        late = [row for row in tasks if row[1] == "Tuyên truyền Luật Trẻ em"][0]
        self.assertEqual(late[2:8], ["31/03/2030", "Đang thực hiện", 40, 91, "01/04/2030",
                                     "Đã tổ chức 3 buổi tuyên truyền."])
        indicators = self.rows(book.sheet_by_name("Chỉ tiêu"))
        self.assertEqual(indicators[0][1:7], ["Trẻ em tham gia", "Ít nhất 85 %", "90 %", "31/05/2030",
                                              indicators[0][5], "Đạt"])
        events = self.rows(book.sheet_by_name("Sự kiện"))
        self.assertEqual(events[0][1:7], ["Tháng hành động vì trẻ em 2030", "01/06/2030", "30/06/2030", 86.25,
                                          10000000, 3000000])
        allowances = self.rows(book.sheet_by_name("Phụ cấp"))
        self.assertEqual([row[1:4] for row in allowances[:3]], [
            ["Kinh phí phụ cấp theo kế hoạch", 1500000, "Một triệu năm trăm nghìn đồng chẵn"],
            ["Đã cấp phát", 1000000, "Một triệu đồng chẵn"],
            ["Đã quyết toán", 1000000, "Một triệu đồng chẵn"]])
        cells = [value for row in allowances for value in row]
        self.assertNotIn("Nguyễn Văn An", cells)   # sums only, no collaborator named

    def test_draft_workbook_for_the_officer_only(self):
        report = self.make_report()
        with self.assertRaises(AccessError):
            self.render(self.viewer, report)
        tasks = self.rows(self.render(self.officer, report).sheet_by_name("Nhiệm vụ"))
        self.assertEqual(tasks[0][:3], [1, "Phòng Tư pháp", 2])
