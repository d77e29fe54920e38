from odoo.exceptions import UserError, ValidationError

from .common import ChildProtectionCase


class TestBadInputs(ChildProtectionCase):
    """Each wrong input is refused with a message naming the field and the rule, and changes nothing."""

    def test_year_out_of_range(self):
        Plan = self.env["child.plan"]
        for year in (1999, 2101, 0):
            with self.assertRefused(ValidationError, "Year:", str(year), "between 2000 and 2100"):
                self.make_plan(year=year)
        self.assertFalse(Plan.search([("issuer_id", "=", self.committee.id)]))
        plan = self.make_plan()
        with self.assertRefused(ValidationError, "Year:"):
            plan.write({"year": 3000})
        self.assertEqual(plan.year, 2030)

    def test_negative_target(self):
        with self.assertRefused(ValidationError, "Target of Âm", "must not be negative"):
            self.make_plan(indicator_ids=[(0, 0, {"name": "Âm", "unit": "count", "target": -5})])
        self.assertFalse(self.env["child.plan.indicator"].search([("name", "=", "Âm")]))

    def test_percent_over_100(self):
        plan = self.make_plan()
        with self.assertRefused(ValidationError, "Target of Trẻ em tham gia", "cannot be over 100"):
            plan.indicator_ids.write({"target": 120})
        self.assertEqual(plan.indicator_ids.target, 85)

    def test_ratio_needs_a_total(self):
        with self.assertRefused(ValidationError, "Target of Phường", "total (N in x of N)"):
            self.make_plan(indicator_ids=[(0, 0, {"name": "Phường", "unit": "ratio", "target": 14})])
        with self.assertRefused(ValidationError, "Target of Phường", "more than its total"):
            self.make_plan(indicator_ids=[(0, 0, {"name": "Phường", "unit": "ratio", "target": 15,
                                                  "target_total": 14})])

    def test_unknown_authority_form(self):
        with self.assertRefused(ValidationError, "Authority form:", "'XYZ'", "KT., Q., TL., TUQ."):
            self.make_plan(signer_authority="XYZ")
        plan = self.make_plan()
        with self.assertRefused(ValidationError, "Authority form:"):
            plan.write({"signer_authority": "tm"})
        self.assertEqual(plan.signer_authority, "kt")

    def test_authority_form_needs_head_title(self):
        with self.assertRefused(ValidationError, "Head's title:"):
            self.make_plan(signer_authority="tl", signer_head_title=False)

    def test_issuing_without_signer(self):
        plan = self.make_plan(signer_user_id=False, recipient_ids=[])
        plan.action_submit()
        plan.sudo(self.leader).action_approve()
        with self.assertRefused(UserError, "Signer:", "the signer (a user) and their position", "Recipients:"):
            plan.sudo(self.leader).action_issue()
        self.assertEqual(plan.state, "approved")
        self.assertFalse(plan.number)

    def test_area_parent_must_be_higher(self):
        with self.assertRefused(ValidationError, "Parent area:", "higher level"):
            self.env["child.area"].sudo(self.officer).create(
                {"name": "Tỉnh trong phường", "level": "province", "parent_id": self.ward_a.id})
        with self.assertRefused(ValidationError, "Parent area:"):
            self.district.sudo(self.officer).write({"parent_id": self.ward_a.id})
        self.assertEqual(self.district.parent_id, self.province)
