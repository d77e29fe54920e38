from odoo.exceptions import AccessError

from .common import ChildProtectionCase


class TestTaskAccess(ChildProtectionCase):
    """Each agency sees the tasks it leads or coordinates; record rules, not menus, hold it."""

    def setUp(self):
        super(TestTaskAccess, self).setUp()
        self.plan = self.issue(self.make_plan())
        self.justice_task = self.make_task(self.plan, self.justice, name="Khai sinh")
        self.health_task = self.make_task(self.plan, self.health, name="Khám bệnh")
        self.ward_task = self.make_task(self.plan, self.ward_a_committee, name="Rà soát phường A",
                                        coordinating_agency_ids=[(6, 0, self.justice.ids)])
        self.Task = self.env["child.plan.task"]

    def names(self, user):
        return sorted(self.Task.sudo(user).search([("plan_id", "=", self.plan.id)]).mapped("name"))

    def test_focal_points_see_their_agencies_tasks(self):
        self.assertEqual(self.names(self.focal), ["Khai sinh", "Rà soát phường A"])
        self.assertEqual(self.names(self.health_focal), ["Khám bệnh"])
        self.assertEqual(self.names(self.ward_officer), ["Rà soát phường A"])

    def test_justice_cannot_read_health_task(self):
        self.assertFalse(self.Task.sudo(self.focal).search([("id", "=", self.health_task.id)]))
        with self.assertRefused(AccessError):
            self.health_task.sudo(self.focal).read(["name"])
        with self.assertRefused(AccessError):
            self.health_task.sudo(self.focal).write({"result_note": "X"})
        with self.assertRefused(AccessError):
            self.add_update(self.health_task, self.focal, 50)
        self.assertFalse(self.health_task.update_ids)
        # nor its updates
        self.add_update(self.health_task, self.health_focal, 30)
        self.assertFalse(self.env["child.plan.task.update"].sudo(self.focal).search(
            [("task_id", "=", self.health_task.id)]))

    def test_plan_office_and_viewer_see_all(self):
        everything = ["Khai sinh", "Khám bệnh", "Rà soát phường A"]
        self.assertEqual(self.names(self.officer), everything)
        self.assertEqual(self.names(self.leader), everything)
        self.assertEqual(self.names(self.viewer), everything)

    def test_viewer_and_focal_points_create_no_task(self):
        for user in (self.viewer, self.focal):
            with self.assertRefused(AccessError):
                self.make_task(self.plan, self.justice, user=user)
        with self.assertRefused(AccessError):
            self.add_update(self.justice_task, self.viewer, 10)
        self.assertEqual(len(self.plan.task_ids), 3)

    def test_agency_change_takes_effect_at_once(self):
        self.assertEqual(self.names(self.health_focal), ["Khám bệnh"])
        self.health_focal.write({"child_agency_ids": [(4, self.justice.id)]})
        self.assertEqual(self.names(self.health_focal), ["Khai sinh", "Khám bệnh", "Rà soát phường A"])

    def test_viewer_who_is_also_a_focal_point_writes_only_their_agency_work(self):
        """A finance officer (a viewer) who is the finance office's focal point reads every task of the plan but
        writes only their own agency's."""
        finance_office = self.env["child.agency"].create({"name": "Phòng Tài chính", "code": "TC",
                                                          "area_id": self.district.id})
        self.finance.write({"groups_id": [(4, self.env.ref("child_protection.group_focal_point").id)],
                            "child_agency_ids": [(6, 0, finance_office.ids)]})
        own = self.make_task(self.plan, finance_office, name="Kinh phí")
        self.assertEqual(len(self.Task.sudo(self.finance).search([("plan_id", "=", self.plan.id)])), 4)
        own.sudo(self.finance).write({"result_note": "Đã bố trí kinh phí."})
        with self.assertRefused(AccessError):
            self.health_task.sudo(self.finance).write({"result_note": "X"})
        with self.assertRefused(AccessError):
            self.add_update(self.health_task, self.finance, 50)
        self.assertFalse(self.health_task.result_note)
