from contextlib import contextmanager

from odoo.tests.common import SavepointCase

from odoo.addons.child_protection.models.mail_thread import quiet_context


class ChildProtectionCase(SavepointCase):
    """Fixtures of their own (no demo data): a province, a district and two wards, the district committee and two
    agencies, and one user per role."""

    @classmethod
    def setUpClass(cls):
        super(ChildProtectionCase, cls).setUpClass()
        cls.env = cls.env(context=quiet_context(**dict(cls.env.context, lang="en_US", no_reset_password=True)))
        # messages are asserted in the source language; a database created in Vietnamese has English off
        cls.env.ref("base.lang_en").active = True
        Area = cls.env["child.area"]
        cls.province = Area.create({"name": "Tỉnh Thử Nghiệm", "level": "province"})
        cls.district = Area.create({"name": "Huyện Thử", "place_name": "Thử", "level": "district",
                                    "parent_id": cls.province.id})
        cls.ward_a = Area.create({"name": "Phường A", "level": "commune", "parent_id": cls.district.id})
        cls.ward_b = Area.create({"name": "Phường B", "level": "commune", "parent_id": cls.district.id})
        cls.elsewhere = Area.create({"name": "Xã Ngoài", "level": "commune", "parent_id": cls.province.id})
        Agency = cls.env["child.agency"]
        cls.committee = Agency.create({"name": "UBND huyện Thử", "code": "UBND", "kind": "committee",
                                       "area_id": cls.district.id})
        cls.justice = Agency.create({"name": "Phòng Tư pháp", "code": "TP", "area_id": cls.district.id,
                                     "parent_id": cls.committee.id})
        cls.health = Agency.create({"name": "Phòng Y tế", "code": "YT", "area_id": cls.district.id,
                                    "parent_id": cls.committee.id})
        cls.ward_a_committee = Agency.create({"name": "UBND phường A", "code": "UBND", "kind": "committee",
                                              "area_id": cls.ward_a.id})
        cls.officer = cls._user("officer", "group_plan_officer")
        cls.leader = cls._user("leader", "group_leader")
        cls.focal = cls._user("focal", "group_focal_point", cls.justice)
        cls.health_focal = cls._user("health", "group_focal_point", cls.health)
        cls.ward_officer = cls._user("ward", "group_commune_officer", cls.ward_a_committee)
        cls.finance = cls._user("finance", "group_finance_officer")
        cls.viewer = cls._user("viewer", "group_viewer")

    @classmethod
    def _user(cls, login, group, agency=None):
        return cls.env["res.users"].create({
            "name": "Test %s" % login,
            "login": "test_%s" % login,
            "lang": "en_US",
            "email": "%s@example.org" % login,
            "groups_id": [(6, 0, [cls.env.ref("child_protection.%s" % group).id])],
            "child_agency_ids": [(6, 0, agency.ids)] if agency else [],
        })

    def make_plan(self, user=None, **values):
        """A complete draft plan, created by ``user`` (the plan officer by default)."""
        vals = {
            "name": "Thực hiện công tác trẻ em năm 2030",
            "year": 2030,
            "issuer_id": self.committee.id,
            "signer_collective": "Ủy ban nhân dân",
            "signer_authority": "kt",
            "signer_head_title": "Chủ tịch",
            "signer_position": "Phó Chủ tịch",
            "signer_name": "Nguyễn Văn Thử",
            "section_ids": [(0, 0, {"name": "Tuyên truyền", "body": "Đưa tin, bài."})],
            "indicator_ids": [(0, 0, {"name": "Trẻ em tham gia", "unit": "percent", "target": 85})],
            "recipient_ids": [(0, 0, {"name": "Như trên;"}), (0, 0, {"name": "Lưu: VT."})],
        }
        vals.update(values)
        return self.env["child.plan"].sudo(user or self.officer).create(vals)

    def make_task(self, plan, agency, user=None, **values):
        vals = {"plan_id": plan.id, "name": "Nhiệm vụ của %s" % agency.name, "agency_id": agency.id,
                "deadline": "2030-06-30"}
        vals.update(values)
        return self.env["child.plan.task"].sudo(user or self.officer).create(vals)

    def add_update(self, task, user, progress, status="on_track", note="Đã làm một phần."):
        return self.env["child.plan.task.update"].sudo(user).create(
            {"task_id": task.id, "progress": progress, "status": status, "note": note, "date": "2030-04-01"})

    def issue(self, plan, issue_date="2030-03-05"):
        """Submit (officer), approve and issue (leader) ``plan``; returns it as the leader sees it."""
        plan.sudo(self.officer).write({"issue_date": issue_date})
        plan.sudo(self.officer).action_submit()
        as_leader = plan.sudo(self.leader)
        as_leader.action_approve()
        as_leader.action_issue()
        return as_leader

    @contextmanager
    def assertRefused(self, exception, *fragments):
        """The block raises ``exception`` whose message has every fragment (the field and the rule), and leaves
        the database as it was."""
        with self.assertRaises(exception) as caught:
            with self.env.cr.savepoint():
                yield caught
        message = caught.exception.name if hasattr(caught.exception, "name") else str(caught.exception)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.env.clear()
