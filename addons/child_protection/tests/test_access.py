from odoo.exceptions import AccessError

from .common import ChildProtectionCase


class TestAccess(ChildProtectionCase):
    """Who may read, write and move plans: enforced by access rights and record rules, not by menus."""

    def setUp(self):
        super(TestAccess, self).setUp()
        self.draft = self.make_plan(name="Bản thảo")
        self.issued = self.issue(self.make_plan(name="Đã ban hành"))
        self.Plan = self.env["child.plan"]

    def visible_to(self, user):
        return self.Plan.sudo(user).search([("id", "in", (self.draft | self.issued).ids)]).mapped("name")

    def test_plan_office_sees_drafts(self):
        self.assertCountEqual(self.visible_to(self.officer), ["Bản thảo", "Đã ban hành"])
        self.assertCountEqual(self.visible_to(self.leader), ["Bản thảo", "Đã ban hành"])

    def test_other_roles_see_issued_plans_only(self):
        for user in (self.focal, self.ward_officer, self.finance, self.viewer):
            self.assertEqual(self.visible_to(user), ["Đã ban hành"], user.login)
            with self.assertRefused(AccessError):
                self.draft.sudo(user).read(["name"])
            self.assertEqual(self.issued.sudo(user).number, "01/KH-UBND")
            # the lines of a draft are as hidden as the draft
            self.assertFalse(self.env["child.plan.section"].sudo(user).search([("plan_id", "=", self.draft.id)]))

    def test_viewer_and_focal_point_cannot_write(self):
        for user in (self.viewer, self.focal):
            with self.assertRefused(AccessError):
                self.issued.sudo(user).write({"name": "X"})
            with self.assertRefused(AccessError):
                self.make_plan(user=user)
            with self.assertRefused(AccessError):
                self.env["child.plan.indicator.result"].sudo(user).create({
                    "indicator_id": self.issued.indicator_ids.id, "area_id": self.district.id, "value": 80})
        self.assertEqual(self.issued.name, "Đã ban hành")

    def test_focal_point_cannot_approve_or_issue(self):
        self.draft.action_submit()
        with self.assertRefused(AccessError):
            self.draft.sudo(self.focal).action_approve()
        self.draft.sudo(self.leader).action_approve()
        with self.assertRefused(AccessError):
            self.draft.sudo(self.focal).action_issue()
        self.assertEqual(self.draft.state, "approved")

    def test_configuration_kept_by_the_plan_office(self):
        self.env["child.area"].sudo(self.officer).create({"name": "Phường C", "parent_id": self.district.id})
        for user in (self.viewer, self.focal, self.finance):
            self.assertTrue(self.env["child.agency"].sudo(user).search([("id", "=", self.justice.id)]))
            with self.assertRefused(AccessError):
                self.justice.sudo(user).write({"name": "X"})
            with self.assertRefused(AccessError):
                self.env["child.area"].sudo(user).create({"name": "Phường D", "parent_id": self.district.id})
        self.assertEqual(self.justice.name, "Phòng Tư pháp")

    def test_menus_follow_the_role(self):
        config = self.env.ref("child_protection.child_protection_menu_config")
        root = self.env.ref("child_protection.child_protection_menu_root")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(config, Menu.sudo(self.officer).search([("id", "=", config.id)]))
        self.assertFalse(Menu.sudo(self.viewer).search([("id", "=", config.id)]))
        self.assertIn(root, Menu.sudo(self.viewer).search([("id", "=", root.id)]))
