from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ChildEventCase


class TestEventBudget(ChildEventCase):
    """Budget lines by funding source: exact totals, no spending beyond a line's plan without a leader's revision."""

    def test_totals_exact_to_the_dong(self):
        event = self.make_event()
        self.add_line(event, 1234567891, "state")
        self.add_line(event, 987654321, "fund", level="province")
        self.add_line(event, 1, "sponsor")
        self.add_line(event, 3000000000001, "international")
        self.assertEqual(event.budget_planned, 3002222222214)
        self.assertEqual(int(event.budget_planned), 1234567891 + 987654321 + 1 + 3000000000001)
        lines = self.env["child.event.budget.line"].read_group(
            [("event_id", "=", event.id)], ["planned_amount", "source"], ["source"])
        self.assertEqual({row["source"]: row["planned_amount"] for row in lines},
                         {"state": 1234567891, "fund": 987654321, "sponsor": 1, "international": 3000000000001})

    def test_a_fraction_of_a_dong_is_refused_not_rounded(self):
        event = self.make_event()
        with self.assertRefused(ValidationError, "Planned (đ):", "1500.5", "not a whole number of đồng"):
            self.add_line(event, 1500.5)
        with self.assertRefused(ValidationError, "Planned (đ):", "below zero"):
            self.add_line(event, -100)
        self.assertFalse(event.budget_line_ids)

    def test_source_needs_its_level_or_partner(self):
        event = self.make_event()
        with self.assertRefused(ValidationError, "Level:"):
            self.add_line(event, 100, "fund", level=False)
        with self.assertRefused(ValidationError, "Partner:"):
            self.add_line(event, 100, "sponsor", partner_id=False)
        self.assertFalse(event.budget_line_ids)

    def test_spending_beyond_the_plan_is_refused(self):
        event, line, _gift = self.running_event(planned=10000000)
        line.write({"committed_amount": 10000000, "spent_amount": 9999999})
        with self.assertRefused(ValidationError, "Spent (đ):", "10.000.001 đ is more than the 10.000.000 đ",
                                "revision approved by a leader"):
            line.write({"spent_amount": 10000001})
        with self.assertRefused(ValidationError, "Committed (đ):"):
            line.write({"committed_amount": 12000000})
        self.assertEqual((line.committed_amount, line.spent_amount), (10000000, 9999999))

    def test_the_plan_of_a_line_is_frozen_once_approved(self):
        event, line, _gift = self.running_event()
        with self.assertRefused(UserError, "Planned (đ):", "only through a revision"):
            line.write({"planned_amount": 20000000})
        with self.assertRefused(UserError, "Planned (đ):", "starts at 0"):
            self.add_line(event, 5000000, "fund")
        self.assertEqual(line.planned_amount, 10000000)
        self.assertEqual(len(event.budget_line_ids), 1)

    def test_no_spending_before_approval(self):
        event = self.make_event()
        line = self.add_line(event, 1000000)
        with self.assertRefused(UserError, "Spent (đ):", "once a leader approved"):
            line.sudo(self.organiser).write({"spent_amount": 100})
        self.assertEqual(line.spent_amount, 0)

    def test_revision_approved_by_a_leader(self):
        event, line, _gift = self.running_event(planned=10000000)
        Revision = self.env["child.event.budget.revision"]
        revision = Revision.sudo(self.organiser).create(
            {"line_id": line.id, "amount": 2500000, "reason": "Thêm 5 suất quà cho trẻ em mới rà soát."})
        self.assertEqual((revision.state, revision.requested_by_id), ("to_approve", self.organiser))
        # asked for is not approved: still refused
        with self.assertRefused(ValidationError, "Spent (đ):"):
            line.write({"spent_amount": 12000000})
        with self.assertRefused(AccessError):
            revision.sudo(self.organiser).action_approve()
        with self.assertRefused(AccessError):
            revision.sudo(self.organiser).write({"amount": 9000000})
        revision.sudo(self.leader).action_approve()
        self.assertEqual((revision.state, revision.decided_by_id), ("approved", self.leader))
        self.assertTrue(revision.decided_on)
        self.assertEqual(line.approved_amount, 12500000)
        self.assertEqual(line.planned_amount, 10000000)
        line.write({"committed_amount": 12500000, "spent_amount": 12500000})
        self.assertEqual(event.budget_spent, 12500000)
        self.assertEqual(event.budget_approved, 12500000)
        with self.assertRefused(ValidationError, "Spent (đ):"):
            line.write({"spent_amount": 12500001})
        # a decided revision is kept as it was
        with self.assertRefused(UserError, "Budget revision:", "kept as it was"):
            revision.sudo(self.leader).write({"reason": "Khác"})
        self.assertIn("Thêm 5 suất quà", revision.reason)

    def test_refused_revision_raises_nothing(self):
        _event, line, _gift = self.running_event(planned=10000000)
        revision = self.env["child.event.budget.revision"].sudo(self.organiser).create(
            {"line_id": line.id, "amount": 1000000, "reason": "Dự phòng."})
        revision.sudo(self.leader).action_refuse()
        self.assertEqual((revision.state, line.approved_amount), ("refused", 10000000))

    def test_revision_only_while_approved_or_running(self):
        event = self.make_event()
        line = self.add_line(event, 1000000)
        with self.assertRefused(UserError, "Budget revision:", "is Draft"):
            self.env["child.event.budget.revision"].sudo(self.organiser).create(
                {"line_id": line.id, "amount": 1000, "reason": "X"})
        self.assertFalse(line.revision_ids)

    def test_settling_waits_for_pending_revisions(self):
        event, line, _gift = self.running_event()
        self.env["child.event.budget.revision"].sudo(self.organiser).create(
            {"line_id": line.id, "amount": 1000, "reason": "X"})
        with self.assertRefused(UserError, "Revisions:", "wait for a leader"):
            event.action_settle()
        self.assertEqual(event.state, "running")
