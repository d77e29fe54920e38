from odoo import fields
from odoo.exceptions import UserError

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

    def test_register_number_already_used_is_refused(self):
        self.issue(self.make_plan(register_number=7))
        again = self.make_plan(register_number=7, issue_date="2030-05-05")
        again.action_submit()
        again.sudo(self.leader).action_approve()
        with self.assertRefused(UserError, "Register number:", "already used", "07/KH-UBND"):
            again.sudo(self.leader).action_issue()
        self.assertEqual(again.state, "approved")
        self.assertFalse(again.number)

    def test_issue_date_defaults_to_today(self):
        plan = self.make_plan()
        plan.action_submit()
        plan.sudo(self.leader).action_approve()
        plan.sudo(self.leader).action_issue()
        self.assertEqual(plan.issue_date, fields.Date.context_today(plan))
        self.assertEqual(plan.number_year, int(plan.issue_date[:4]))

    def test_district_cannot_issue_after_it_stopped(self):
        self.district.date_end = "2025-06-30"
        plan = self.make_plan(year=2025)
        plan.write({"issue_date": "2025-07-01"})
        plan.action_submit()
        plan.sudo(self.leader).action_approve()
        with self.assertRefused(UserError, "Issue date:", "operated until 2025-06-30"):
            plan.sudo(self.leader).action_issue()
        self.assertEqual(plan.state, "approved")
        plan.write({"issue_date": "2025-06-30"})
        plan.sudo(self.leader).action_issue()
        self.assertEqual(plan.number, "01/KH-UBND")
