from odoo.exceptions import AccessError, UserError

from .common import ChildEventCase


class TestEventWorkflow(ChildEventCase):
    """Draft -> approved -> running -> settled, or cancelled: each step by the role that takes it."""

    def test_action_month_defaults_to_june_of_the_plan_year(self):
        event = self.make_event()
        self.assertEqual((event.year, event.date_start, event.date_end), (2030, "2030-06-01", "2030-06-30"))
        self.assertEqual(event.participation_target, 85)
        other = self.make_event(kind="mid_autumn", name="Trung thu", date_start="2030-09-10",
                                date_end="2030-09-12")
        self.assertEqual((other.date_start, other.date_end), ("2030-09-10", "2030-09-12"))

    def test_onchange_sets_the_dates_as_the_client_would(self):
        event = self.env["child.event"].sudo(self.organiser).new({"kind": "action_month", "plan_id": self.plan.id})
        event._onchange_plan()
        event._onchange_kind_dates()
        self.assertEqual((event.year, event.date_start, event.date_end), (2030, "2030-06-01", "2030-06-30"))

    def test_full_path(self):
        event = self.make_event()
        self.add_line(event, 5000000)
        with self.assertRefused(AccessError, "only the Leader role"):
            event.sudo(self.organiser).action_approve()
        event.sudo(self.leader).action_approve()
        self.assertEqual(event.state, "approved")
        with self.assertRefused(AccessError, "only the Event organiser role"):
            event.sudo(self.leader).action_start()
        event.sudo(self.organiser).action_start()
        event.sudo(self.organiser).action_settle()
        self.assertEqual(event.state, "settled")
        with self.assertRefused(UserError, "Theme:", "is Settled", "no longer changes"):
            event.sudo(self.organiser).write({"theme": "Khác"})
        self.assertFalse(event.theme)

    def test_approval_needs_budget_wards_and_an_issued_plan(self):
        closed_plan = self.issue(self.make_plan(name="Kế hoạch đã kết thúc"))
        closed_plan.sudo(self.officer).action_start()
        closed_plan.sudo(self.leader).action_close()
        event = self.make_event(plan_id=closed_plan.id, indicator_id=False, ward_ids=[])
        with self.assertRefused(UserError, "cannot be approved yet", "Plan:", "Wards:", "Budget:"):
            event.sudo(self.leader).action_approve()
        self.assertEqual(event.state, "draft")

    def test_no_skipping_states(self):
        event = self.make_event()
        with self.assertRefused(UserError, "is Draft: it cannot become Settled"):
            event.sudo(self.organiser).action_settle()
        with self.assertRefused(UserError, "is Draft: it cannot become Running"):
            event.sudo(self.organiser).write({"state": "running"})
        self.assertEqual(event.state, "draft")

    def test_cancel_and_back_to_draft(self):
        event = self.make_event()
        self.add_line(event, 1000000)
        event.sudo(self.leader).action_approve()
        with self.assertRefused(AccessError, "only the Leader role"):
            event.sudo(self.organiser).action_cancel()
        event.sudo(self.leader).action_cancel()
        event.sudo(self.organiser).action_draft()
        self.assertEqual(event.state, "draft")

    def test_viewer_and_focal_point_cannot_change_events(self):
        event = self.make_event()
        for user in (self.viewer, self.focal, self.finance):
            self.assertEqual(event.sudo(user).name, "Tháng hành động vì trẻ em 2030")
            with self.assertRefused(AccessError):
                event.sudo(user).write({"theme": "X"})
            with self.assertRefused(AccessError):
                self.env["child.event"].sudo(user).create({
                    "name": "X", "plan_id": self.plan.id, "agency_id": self.committee.id})
        self.assertFalse(event.theme)

    def test_duplicate_is_a_fresh_draft(self):
        event, line, _gift = self.running_event()
        line.write({"spent_amount": 1000})
        copy = event.copy({"name": "Tháng hành động 2030 (bản sao)"})
        self.assertEqual(copy.state, "draft")
        self.assertEqual(copy.ward_ids.mapped("area_id"), self.ward_a | self.ward_b)
        self.assertEqual((copy.budget_planned, copy.budget_spent), (10000000, 0))
        self.assertFalse(copy.gift_ids)

    def test_delete_only_drafts_and_cancelled_without_gifts_handed_out(self):
        event, _line, gift = self.running_event()
        self.add_recipient(gift, self.ward_a, received=True, date_signed="2030-06-01")
        with self.assertRefused(UserError, "only a draft or cancelled event"):
            event.unlink()
        event.sudo(self.leader).action_cancel()
        with self.assertRefused(UserError, "gifts were handed out and signed for"):
            event.unlink()
        self.assertTrue(event.exists())
        draft = self.make_event(name="Nháp")
        draft_gift = self.add_gift(draft, self.add_line(draft, 1000000))
        self.add_recipient(draft_gift, self.ward_b)
        draft.unlink()
        self.assertFalse(draft.exists())
