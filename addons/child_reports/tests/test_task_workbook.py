import xlrd
from freezegun import freeze_time

from odoo.exceptions import AccessError

from odoo.addons.child_protection.tests.common import ChildProtectionCase


class TestTaskWorkbook(ChildProtectionCase):
    """The task progress workbook of a plan, rendered by report_xlsx as the people who download it: a viewer gets
    every task, a focal point their agency's."""

    def setUp(self):
        super(TestTaskWorkbook, self).setUp()
        self.plan = self.issue(self.make_plan())
        section = self.plan.section_ids
        late = self.make_task(self.plan, self.justice, name="Tuyên truyền Luật Trẻ em", deadline="2030-03-31",
                              section_id=section.id)
        self.add_update(late, self.focal, 40)
        done = self.make_task(self.plan, self.justice, name="Rà soát trẻ em", deadline="2030-03-20")
        done.sudo(self.focal).write({"result_note": "Đã rà soát 120 trẻ em."})
        done.sudo(self.focal).action_done()
        self.make_task(self.plan, self.health, name="Khám sức khỏe", deadline="2030-09-30",
                       coordinating_agency_ids=[(6, 0, self.justice.ids)])
        self.make_task(self.plan, self.health, name="Tiêm chủng", deadline="2030-12-31")
        # the frame of a recurring task stays out; its occurrences, 31/03 and 30/09, are tasks of their own
        self.make_task(self.plan, self.health, name="Báo cáo định kỳ", deadline="2030-03-31",
                       recurrence="half_yearly")
        self.make_task(self.plan, self.justice, name="Hội thảo đã hủy").sudo(self.officer).action_cancel()

    def render(self, user, plan=None):
        report = self.env.ref("child_reports.child_plan_task_xlsx").sudo(user)
        with freeze_time("2030-04-10"):
            content, kind = report.render_xlsx((plan or self.plan).ids, {})
        self.assertEqual(kind, "xlsx")
        return xlrd.open_workbook(file_contents=content)

    @staticmethod
    def rows(sheet):
        return [sheet.row_values(row) for row in range(8, sheet.nrows)]

    def summary(self, book):
        """The rows of "Tổng hợp" by agency name, and the total row."""
        rows = self.rows(book.sheet_by_name("Tổng hợp"))
        return {row[1]: row for row in rows if row[1]}, [row for row in rows if row[0] == "Tổng cộng"][0]

    def details(self, book):
        """The task names of "Chi tiết" under their agency: {agency: [(name, role, overdue days), ...]}."""
        tasks, agency = {}, None
        for row in self.rows(book.sheet_by_name("Chi tiết")):
            if isinstance(row[0], str):
                agency = row[0].split(". ", 1)[1]
                tasks[agency] = []
            else:
                tasks[agency].append((row[1], row[3], row[7]))
        return tasks

    def test_agencies_counts_and_overdue_for_a_viewer(self):
        book = self.render(self.viewer)
        self.assertEqual(book.sheet_names(), ["Tổng hợp", "Chi tiết"])
        agencies, total = self.summary(book)
        self.assertEqual(list(agencies), ["Phòng Tư pháp", "Phòng Y tế"])
        # tasks led, done, in progress, to do, overdue, average progress, tasks coordinated
        self.assertEqual(agencies["Phòng Tư pháp"][2:9], [2, 1, 1, 0, 1, 70, 1])
        self.assertEqual(agencies["Phòng Y tế"][2:9], [4, 0, 0, 4, 1, 0, 0])
        self.assertEqual(total[2:7] + total[8:9], [6, 1, 1, 4, 2, 1])
        self.assertAlmostEqual(total[7], 140 / 6.0)
        details = self.details(book)
        self.assertEqual(details["Phòng Tư pháp"], [
            ("Tuyên truyền Luật Trẻ em", "Chủ trì", 10), ("Rà soát trẻ em", "Chủ trì", ""),
            ("Khám sức khỏe", "Phối hợp", "")])
        self.assertEqual(details["Phòng Y tế"], [
            ("Báo cáo định kỳ (1)", "Chủ trì", 10), ("Khám sức khỏe", "Chủ trì", ""),
            ("Báo cáo định kỳ (2)", "Chủ trì", ""), ("Tiêm chủng", "Chủ trì", "")])
        late = [row for row in self.rows(book.sheet_by_name("Chi tiết")) if row[1] == "Tuyên truyền Luật Trẻ em"][0]
        self.assertEqual(late[2:7], ["1. Tuyên truyền", "Chủ trì", "31/03/2030", "In progress", 40])
        cells = [value for row in range(book.sheet_by_name("Tổng hợp").nrows)
                 for value in book.sheet_by_name("Tổng hợp").row_values(row)]
        self.assertIn("Số liệu tính đến ngày 10/04/2030", cells)
        self.assertIn("Kế hoạch số %s ngày 05/03/2030: Thực hiện công tác trẻ em năm 2030" % self.plan.number,
                      cells)
        self.assertIn("Test viewer", cells)

    def test_cancelled_tasks_and_recurring_frames_left_out(self):
        book = self.render(self.officer)
        names = [name for tasks in self.details(book).values() for name, _role, _days in tasks]
        self.assertNotIn("Hội thảo đã hủy", names)
        self.assertNotIn("Báo cáo định kỳ", names)
        self.assertEqual(len(names), 7)

    def test_focal_point_gets_only_their_agency_tasks(self):
        book = self.render(self.focal)
        details = self.details(book)
        self.assertEqual(details["Phòng Tư pháp"], [
            ("Tuyên truyền Luật Trẻ em", "Chủ trì", 10), ("Rà soát trẻ em", "Chủ trì", ""),
            ("Khám sức khỏe", "Phối hợp", "")])
        # the Health task Justice coordinates, under its lead agency; none of Health's own
        self.assertEqual(details["Phòng Y tế"], [("Khám sức khỏe", "Chủ trì", "")])
        agencies, total = self.summary(book)
        self.assertEqual(agencies["Phòng Y tế"][2:9], [1, 0, 0, 1, 0, 0, 0])
        self.assertEqual(total[2], 3)

    def test_focal_point_without_tasks_gets_an_empty_workbook(self):
        book = self.render(self.ward_officer)
        self.assertEqual([row[0] for row in self.rows(book.sheet_by_name("Chi tiết"))], ["Không có nhiệm vụ."])
        _agencies, total = self.summary(book)
        self.assertEqual(total[2], 0)

    def test_draft_plan_refused_to_a_viewer(self):
        draft = self.make_plan()
        self.make_task(draft, self.justice, deadline="2030-03-31")
        with self.assertRaises(AccessError):
            self.render(self.viewer, draft)
        self.assertEqual(self.details(self.render(self.officer, draft)), {"Phòng Tư pháp": [
            ("Nhiệm vụ của Phòng Tư pháp", "Chủ trì", 10)]})

    def test_offered_to_viewers_and_focal_points(self):
        report = self.env.ref("child_reports.child_plan_task_xlsx")
        for user in (self.viewer, self.focal, self.ward_officer, self.finance, self.officer, self.leader):
            bindings = self.env["ir.actions.actions"].sudo(user).get_bindings("child.plan")
            self.assertIn(report.id, [action["id"] for action in bindings["report"]], user.login)
