from odoo.exceptions import AccessError

from .allowance_common import AllowanceCase


class TestAllowanceAccess(AllowanceCase):
    """Who sees the money: enforced by access rights and record rules."""

    def setUp(self):
        super(TestAllowanceAccess, self).setUp()
        self.sheets = self.generate("2030-04-01")
        run = self.env["child.allowance.reconciliation"].sudo(self.finance).create({
            "area_id": self.province.id, "period_type": "month", "year": 2030, "period_number": 4})
        run.action_run()
        self.run_record = run

    def test_ward_officer_sees_only_their_ward(self):
        Sheet = self.env["child.allowance.sheet"].sudo(self.ward_a_officer)
        self.assertEqual(Sheet.search([]).mapped("area_id"), self.ward_a)
        other = self.sheets.filtered(lambda s: s.area_id == self.ward_b)
        with self.assertRefused(AccessError):
            other.sudo(self.ward_a_officer).read(["name"])
        lines = self.env["child.allowance.line"].sudo(self.ward_a_officer).search([])
        self.assertEqual(lines.mapped("collaborator_id"), self.an | self.binh)
        collaborators = self.env["child.collaborator"].sudo(self.ward_a_officer).search([])
        self.assertEqual(collaborators, self.an | self.binh)
        with self.assertRefused(AccessError):
            self.env["child.allowance.reconciliation"].sudo(self.ward_a_officer).search([])

    def test_finance_sees_every_ward(self):
        self.assertEqual(self.env["child.allowance.sheet"].sudo(self.finance).search(
            [("id", "in", self.sheets.ids)]), self.sheets)

    def test_focal_point_plan_officer_and_viewer_see_no_money(self):
        for user in (self.focal, self.viewer, self.officer):
            for model in ("child.allowance.sheet", "child.allowance.line", "child.allowance.reconciliation",
                          "child.allowance.discrepancy", "child.allowance.policy", "child.base.wage",
                          "child.collaborator"):
                with self.assertRefused(AccessError):
                    self.env[model].sudo(user).search([])
            with self.assertRefused(AccessError):
                self.sheets[0].sudo(user).read(["planned_total"])

    def test_leader_reads_but_does_not_change(self):
        sheet = self.sheets[0].sudo(self.leader)
        self.assertEqual(sheet.planned_total, sheet.sudo().planned_total)
        self.assertEqual(self.run_record.sudo(self.leader).line_count, 3)
        with self.assertRefused(AccessError):
            sheet.line_ids[0].write({"note": "x"})
        with self.assertRefused(AccessError):
            sheet.action_confirm()
        self.assertEqual(sheet.state, "draft")

    def test_identity_number_for_finance_and_commune_officers_only(self):
        self.assertEqual(self.an.sudo(self.finance).identity_number, "001200000001")
        self.assertEqual(self.an.sudo(self.ward_a_officer).identity_number, "001200000001")
        with self.assertRefused(AccessError):
            self.an.sudo(self.leader).read(["identity_number"])
        self.assertNotIn("identity_number", self.env["child.collaborator"].sudo(self.leader).fields_get())

    def test_allowance_menu_follows_the_role(self):
        menu = self.env.ref("child_protection.child_allowance_menu_main")
        Menu = self.env["ir.ui.menu"]
        for user in (self.finance, self.ward_a_officer, self.leader):
            self.assertIn(menu, Menu.sudo(user).search([("id", "=", menu.id)]), user.login)
        for user in (self.focal, self.viewer, self.officer):
            self.assertFalse(Menu.sudo(user).search([("id", "=", menu.id)]), user.login)
