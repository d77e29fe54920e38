from odoo.exceptions import AccessError, UserError

from .common import ChildProtectionCase


class TestPlanWorkflow(ChildProtectionCase):

    def test_full_path_draft_to_closed(self):
        plan = self.make_plan()
        self.assertEqual(plan.state, "draft")
        plan.action_submit()
        self.assertEqual(plan.state, "to_review")
        plan.sudo(self.leader).action_approve()
        self.assertEqual(plan.state, "approved")
        plan.sudo(self.leader).action_issue()
        self.assertEqual(plan.state, "issued")
        plan.action_start()
        self.assertEqual(plan.state, "in_progress")
        plan.sudo(self.leader).action_close()
        self.assertEqual(plan.state, "closed")

    def test_wrong_starting_state_refused(self):
        plan = self.make_plan()
        for action in ("action_approve", "action_issue", "action_start", "action_close"):
            with self.assertRefused(UserError, "is Draft", "cannot become"):
                getattr(plan.sudo(self.leader), action)()
            self.assertEqual(plan.state, "draft")
        plan.action_submit()
        with self.assertRefused(UserError, "is To review"):
            plan.action_submit()
        with self.assertRefused(UserError, "is To review"):
            plan.sudo(self.leader).action_issue()
        self.assertEqual(plan.state, "to_review")

    def test_submit_needs_sections_and_indicators(self):
        plan = self.make_plan(section_ids=[], indicator_ids=[])
        with self.assertRefused(UserError, "Tasks and solutions:", "Indicators:"):
            plan.action_submit()
        self.assertEqual(plan.state, "draft")

    def test_officer_cannot_approve_or_issue(self):
        plan = self.make_plan()
        plan.action_submit()
        with self.assertRefused(AccessError, "only a Leader"):
            plan.action_approve()
        self.assertEqual(plan.state, "to_review")
        plan.sudo(self.leader).action_approve()
        with self.assertRefused(AccessError, "only a Leader"):
            plan.action_issue()
        self.assertEqual(plan.state, "approved")
        self.assertFalse(plan.number)

    def test_state_cannot_be_written_around_the_buttons(self):
        """A client writing the state directly (XML-RPC) meets the same checks as the buttons."""
        empty = self.make_plan(section_ids=[], indicator_ids=[])
        with self.assertRefused(UserError, "cannot be submitted", "Tasks and solutions:"):
            empty.write({"state": "to_review"})
        self.assertEqual(empty.state, "draft")
        plan = self.make_plan()
        with self.assertRefused(UserError, "cannot become Issued"):
            plan.sudo(self.leader).write({"state": "issued"})
        plan.action_submit()
        with self.assertRefused(AccessError, "only a Leader"):
            plan.write({"state": "approved"})
        self.assertEqual(plan.state, "to_review")
        with self.assertRefused(UserError, "set by the workflow"):
            plan.sudo(self.leader).write({"state": "approved"})
        plan.sudo(self.leader).action_approve()
        with self.assertRefused(UserError, "Issue button"):
            plan.sudo(self.leader).write({"state": "issued"})
        self.assertEqual((plan.state, plan.number), ("approved", False))

    def test_number_cannot_be_typed_in(self):
        plan = self.make_plan()
        with self.assertRefused(UserError, "Number:"):
            plan.sudo(self.leader).write({"number": "01/KH-UBND"})
        self.assertFalse(plan.number)

    def test_send_back_and_cancel(self):
        plan = self.make_plan()
        plan.action_submit()
        plan.action_draft()
        self.assertEqual(plan.state, "draft")
        plan.action_submit()
        plan.sudo(self.leader).action_approve()
        with self.assertRefused(AccessError, "only a Leader"):
            plan.action_cancel()
        plan.sudo(self.leader).action_draft()
        self.assertEqual(plan.state, "draft")
        plan.action_cancel()
        self.assertEqual(plan.state, "cancelled")
        plan.action_draft()
        self.assertEqual(plan.state, "draft")

    def test_issued_plan_cancelled_only_by_leader_and_never_back_to_draft(self):
        plan = self.issue(self.make_plan())
        with self.assertRefused(AccessError, "only a Leader"):
            plan.sudo(self.officer).action_cancel()
        plan.action_cancel()
        self.assertEqual(plan.state, "cancelled")
        with self.assertRefused(UserError, "cannot return to draft"):
            plan.sudo(self.officer).action_draft()
        self.assertEqual(plan.state, "cancelled")
        self.assertTrue(plan.number)

    def test_closed_plan_stays_closed(self):
        plan = self.issue(self.make_plan())
        plan.action_start()
        plan.action_close()
        for action in ("action_cancel", "action_draft", "action_start", "action_amend"):
            with self.assertRefused(UserError):
                getattr(plan, action)()
            self.assertEqual(plan.state, "closed")

    def test_only_drafts_never_issued_can_be_deleted(self):
        draft = self.make_plan()
        issued = self.issue(self.make_plan())
        with self.assertRefused(UserError, "only draft or cancelled"):
            issued.unlink()
        self.assertTrue(issued.exists())
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_state_changes_are_tracked_in_the_chatter(self):
        plan = self.make_plan().with_context(tracking_disable=False)
        plan.action_submit()
        tracked = plan.sudo().message_ids.mapped("tracking_value_ids").filtered(lambda t: t.field == "state")
        self.assertEqual(tracked.mapped("new_value_char"), ["To review"])
