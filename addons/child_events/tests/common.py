from odoo.addons.child_protection.tests.common import ChildProtectionCase


class ChildEventCase(ChildProtectionCase):
    """The fixtures of child_protection (a district with wards A and B, its committee and agencies, one user per
    role) plus an event organiser, a second ward officer and an issued plan of 2030 with its participation
    indicator (at least 85 %)."""

    @classmethod
    def setUpClass(cls):
        super(ChildEventCase, cls).setUpClass()
        cls.organiser = cls.env["res.users"].create({
            "name": "Test organiser", "login": "test_organiser", "lang": "en_US",
            "email": "organiser@example.org",
            "groups_id": [(6, 0, [cls.env.ref("child_events.group_event_organiser").id])],
        })
        cls.ward_b_committee = cls.env["child.agency"].create(
            {"name": "UBND phường B", "code": "UBND", "kind": "committee", "area_id": cls.ward_b.id})
        cls.ward_b_officer = cls._user("ward_b", "group_commune_officer", cls.ward_b_committee)
        cls.sponsor = cls.env["res.partner"].create({"name": "Công ty Tài Trợ", "is_company": True})

    def setUp(self):
        super(ChildEventCase, self).setUp()
        self.plan = self.issue(self.make_plan())
        self.indicator = self.plan.indicator_ids

    def make_event(self, **values):
        """A draft Action Month 2030 of the plan over wards A and B, made by the organiser."""
        vals = {
            "name": "Tháng hành động vì trẻ em 2030",
            "kind": "action_month",
            "plan_id": self.plan.id,
            "agency_id": self.committee.id,
            "indicator_id": self.indicator.id,
            "ward_ids": [(0, 0, {"area_id": self.ward_a.id, "children_count": 1000, "participant_count": 900}),
                         (0, 0, {"area_id": self.ward_b.id, "children_count": 600, "participant_count": 480})],
        }
        vals.update(values)
        return self.env["child.event"].sudo(self.organiser).create(vals)

    def add_line(self, event, planned, source="state", **values):
        vals = {"event_id": event.id, "source": source, "planned_amount": planned}
        if source in ("state", "fund"):
            vals["level"] = "district"
        if source in ("sponsor", "international"):
            vals["partner_id"] = self.sponsor.id
        vals.update(values)
        return self.env["child.event.budget.line"].sudo(self.organiser).create(vals)

    def add_gift(self, event, line, qty=2, **values):
        vals = {"event_id": event.id, "name": "Quà 1/6", "kind": "cash", "cash_amount": 500000,
                "planned_qty": qty, "budget_line_id": line.id, "beneficiary_group": "poor"}
        vals.update(values)
        return self.env["child.event.gift"].sudo(self.organiser).create(vals)

    def add_recipient(self, gift, area, name="Nguyễn Thử An", **values):
        vals = {"gift_id": gift.id, "area_id": area.id, "child_name": name, "birth_year": 2020,
                "guardian_name": "Nguyễn Văn Thử"}
        vals.update(values)
        return self.env["child.event.recipient"].sudo(self.organiser).create(vals)

    def approve_and_start(self, event):
        event.sudo(self.leader).action_approve()
        event.sudo(self.organiser).action_start()
        return event.sudo(self.organiser)

    def running_event(self, planned=10000000):
        """A running event with one state-budget line of ``planned`` đồng and a cash gift of 2 from it."""
        event = self.make_event()
        line = self.add_line(event, planned)
        gift = self.add_gift(event, line)
        self.approve_and_start(event)
        return event.sudo(self.organiser), line.sudo(self.organiser), gift.sudo(self.organiser)
