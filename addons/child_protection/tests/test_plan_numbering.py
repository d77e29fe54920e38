from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from .common import ChildProtectionCase


class TestPlanNumbering(ChildProtectionCase):

    def test_number_symbol_and_place_date_line(self):
        plan = self.issue(self.make_plan(), issue_date="2030-02-04")
        self.assertEqual(plan.number, "01/KH-UBND")
        self.assertEqual(plan.place_date_line, "Thử, ngày 04 tháng 02 năm 2030")
        self.assertEqual(plan.signature_block,
                         "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Thử")

    def test_numbers_follow_each_other_and_restart_each_year(self):
        first = self.issue(self.make_plan(), "2030-03-01")
        second = self.issue(self.make_plan(), "2030-12-31")
        next_year = self.issue(self.make_plan(year=2031), "2031-01-02")
        self.assertEqual([first.number, second.number, next_year.number],
                         ["01/KH-UBND", "02/KH-UBND", "01/KH-UBND"])
        self.assertEqual(next_year.place_date_line, "Thử, ngày 02 tháng 01 năm 2031")

    def test_numbers_are_per_issuer(self):
        ward_committee = self.ward_a_committee
        district_plan = self.issue(self.make_plan())
        ward_plan = self.issue(self.make_plan(issuer_id=ward_committee.id))
        self.assertEqual(district_plan.number, "01/KH-UBND")
        self.assertEqual(ward_plan.number, "01/KH-UBND")
        self.assertTrue(ward_plan.place_date_line.startswith("Phường A, ngày 05 tháng 3 năm 2030"))

    def test_register_number_from_the_office_and_the_next_free_one(self):
        plan = self.issue(self.make_plan(register_number=116), "2030-02-24")
        self.assertEqual(plan.number, "116/KH-UBND")
        following = self.issue(self.make_plan())
        self.assertEqual(following.number, "117/KH-UBND")

    def test_register_number_at_or_below_the_last_is_refused(self):
        self.issue(self.make_plan(register_number=7))
        for asked in (7, 5):
            again = self.make_plan(register_number=asked)
            again.action_submit()
            again.sudo(self.leader).action_approve()
            with self.assertRefused(UserError, "Register number:", "%d is not above 7" % asked, "UBND huyện Thử"):
                with freeze_time("2030-05-05 03:00:00"):
                    again.sudo(self.leader).action_issue()
            self.assertEqual(again.state, "approved")
            self.assertFalse(again.number)
        # numbers the paper register used may be skipped
        self.assertEqual(self.issue(self.make_plan(register_number=9), "2030-05-05").number, "09/KH-UBND")

    def test_issue_date_is_today_in_vietnam_and_cannot_be_chosen(self):
        with self.assertRefused(UserError, "Issue Date:", "set by the workflow", "never typed in"):
            self.make_plan(issue_date="2030-01-01")
        plan = self.make_plan()
        with self.assertRefused(UserError, "Issue Date:", "set by the workflow", "never typed in"):
            plan.write({"issue_date": "2030-01-01"})
        plan.action_submit()
        plan.sudo(self.leader).action_approve()
        self.leader.tz = False   # a user without a time zone counts in Vietnam time
        with freeze_time("2026-03-01 18:30:00"):   # 01:30 on 2 March in Hà Nội
            plan.sudo(self.leader).with_context(tz="America/New_York").action_issue()
        self.assertEqual(plan.issue_date, "2026-03-02")
        self.assertEqual(plan.number_year, 2026)

    def test_only_the_signer_issues(self):
        other = self.env["res.users"].create({
            "name": "Trần Thị Khác", "login": "test_other_leader", "email": "other@example.org",
            "groups_id": [(6, 0, [self.env.ref("child_protection.group_leader").id])]})
        plan = self.make_plan()
        plan.action_submit()
        plan.sudo(other).action_approve()
        with self.assertRefused(AccessError, "signed by Nguyễn Văn Thử", "only they can issue it"):
            plan.sudo(other).action_issue()
        self.assertEqual(plan.state, "approved")
        self.assertFalse(plan.number)
        # the name printed is the signer's: not typed in
        with self.assertRefused(UserError, "Signer's name:"):
            plan.write({"signer_name": "Người khác"})
        self.assertEqual(plan.signer_name, "Nguyễn Văn Thử")

    def test_district_cannot_issue_after_it_stopped(self):
        self.district.date_end = "2025-06-30"
        plan = self.make_plan(year=2025)
        plan.action_submit()
        plan.sudo(self.leader).action_approve()
        with self.assertRefused(UserError, "Issue date:", "operated until 2025-06-30"):
            with freeze_time("2025-07-01 03:00:00"):
                plan.sudo(self.leader).action_issue()
        self.assertEqual(plan.state, "approved")
        with freeze_time("2025-06-30 03:00:00"):
            plan.sudo(self.leader).action_issue()
        self.assertEqual(plan.number, "01/KH-UBND")
