"""Workflow fields (state, number, approval and settlement marks) move only through the workflow methods: refused
in create, write, copy and context defaults, for every role, the administrator and sudo() included
(child_protection/models/child_workflow.py). Each case is what a hostile client sent over RPC."""
from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.child_events.tests.common import ChildEventCase
from odoo.addons.child_protection.tests.allowance_common import AllowanceCase

RULE = "set by the workflow"


class TestWorkflowFields(ChildEventCase, AllowanceCase):

    def setUp(self):
        super(TestWorkflowFields, self).setUp()
        # the administrator (in Odoo 11 the superuser, uid 1): past every access right, not past the workflow
        self.admin = self.env.ref("base.user_root")

    def as_admin(self, records):
        return records.sudo(self.admin)

    def test_every_suite_model_declares_its_workflow_fields(self):
        """A stored, non-computed state, number or approval field of any model of the suite is a workflow field:
        a new model cannot forget it."""
        names = {"state", "number", "number_seq", "number_year", "superseded_by_id", "decided_by_id",
                 "decided_on", "submitted_date", "assessed_date", "run_date"}
        missing = []
        for model_name, model in self.env.registry.items():
            if not model_name.startswith("child.") or model._abstract:
                continue
            for name, field in model._fields.items():
                if name in names and field.store and not field.compute and not field.related \
                        and not getattr(field, "workflow", False):
                    missing.append("%s.%s" % (model_name, name))
        self.assertEqual(missing, [])

    # Plans -----------------------------------------------------------------------------------------------------

    def test_plan_created_issued_through_vals_or_context_defaults(self):
        Plan = self.env["child.plan"]
        plan_count = Plan.search_count([])
        for context in ({"default_state": "issued"}, {"default_number": "99/KH-UBND"},
                        {"default_number_seq": 99}):
            with self.assertRefused(UserError, RULE):
                Plan.sudo(self.officer).with_context(**context).create(
                    {"name": "Kế hoạch giả", "year": 2030, "issuer_id": self.committee.id})
        for vals in ({"state": "issued"}, {"number": "99/KH-UBND"}, {"number_year": 2030}):
            with self.assertRefused(UserError, RULE):
                Plan.sudo(self.leader).create(dict(vals, name="Kế hoạch giả", year=2030,
                                                   issuer_id=self.committee.id))
        # the administrator too, and sudo() (the superuser)
        with self.assertRefused(UserError, "State", RULE):
            self.as_admin(Plan).with_context(default_state="issued").create(
                {"name": "Kế hoạch giả", "year": 2030, "issuer_id": self.committee.id})
        with self.assertRefused(UserError, RULE):
            Plan.sudo().create({"name": "Kế hoạch giả", "year": 2030, "issuer_id": self.committee.id,
                                "state": "in_progress"})
        self.assertEqual(Plan.search_count([]), plan_count)
        # a draft given as a draft is what the form sends: accepted
        draft = Plan.sudo(self.officer).with_context(default_state="draft").create(
            {"name": "Kế hoạch thật", "year": 2030, "issuer_id": self.committee.id, "state": "draft"})
        self.assertEqual(draft.state, "draft")

    def test_plan_state_and_number_not_written_by_anyone(self):
        plan = self.make_plan()
        plan.action_submit()
        plan.sudo(self.leader).action_approve()
        for user in (self.leader, self.admin):
            for vals in ({"state": "issued", "number": "99/KH-UBND"}, {"state": "draft"},
                         {"number": "99/KH-UBND"}, {"number_seq": 99, "number_year": 2030},
                         {"superseded_by_id": self.plan.id}, {"replaced_plan_id": self.plan.id}):
                # an approved plan's content is frozen too: refused either way, never written
                with self.assertRefused(UserError):
                    plan.sudo(user).write(vals)
        with self.assertRefused(UserError):
            plan.sudo().write({"state": "issued", "number": "99/KH-UBND", "number_seq": 99, "number_year": 2030})
        self.assertEqual((plan.state, plan.number), ("approved", False))
        self.assertFalse(plan.document_ids)
        # the buttons still move it
        plan.sudo(self.leader).action_issue()
        self.assertEqual(plan.state, "issued")
        self.assertTrue(plan.number and plan.document_ids)

    def test_plan_copied_as_issued(self):
        with self.assertRefused(UserError, RULE):
            self.plan.sudo(self.officer).copy({"state": "issued"})
        with self.assertRefused(UserError, RULE):
            self.plan.sudo(self.leader).copy({"number": self.plan.number, "number_seq": self.plan.number_seq,
                                              "number_year": self.plan.number_year})
        with self.assertRefused(UserError, RULE):
            self.plan.sudo(self.officer).copy({"replaced_plan_id": self.plan.id})
        copy = self.plan.sudo(self.officer).copy()
        self.assertEqual((copy.state, copy.number), ("draft", False))
        # amending is the workflow's own copy
        amendment = self.env["child.plan"].browse(self.plan.sudo(self.officer).action_amend()["res_id"])
        self.assertEqual((amendment.state, amendment.replaced_plan_id), ("draft", self.plan))

    # Tasks -----------------------------------------------------------------------------------------------------

    def test_task_ticked_off_around_the_buttons(self):
        task = self.make_task(self.plan, self.justice)
        for vals in ({"state": "done"}, {"progress": 100}, {"reminded_overdue": True}, {"escalated": True}):
            with self.assertRefused(AccessError, "only a plan officer or a leader changes this"):
                task.sudo(self.focal).write(vals)
            for user in (self.officer, self.admin):
                with self.assertRefused(UserError, RULE):
                    task.sudo(user).with_context(child_workflow="granted").write(vals)
        with self.assertRefused(UserError, RULE):
            self.make_task(self.plan, self.justice, state="done", progress=100)
        with self.assertRefused(UserError, RULE):
            self.env["child.plan.task"].sudo(self.officer).with_context(default_state="done").create(
                {"plan_id": self.plan.id, "name": "Giả", "agency_id": self.justice.id})
        self.assertEqual((task.state, task.progress), ("todo", 0))
        # the update and the button move them
        self.add_update(task, self.focal, 40)
        self.assertEqual((task.state, task.progress), ("in_progress", 40))
        task.sudo(self.focal).write({"result_note": "Đã xong."})
        task.sudo(self.focal).action_done()
        self.assertEqual((task.state, task.progress), ("done", 100))

    def test_moving_a_deadline_restarts_its_reminders(self):
        task = self.make_task(self.plan, self.justice)
        task._workflow().write({"reminded_due_soon": True, "reminded_overdue": True, "escalated": True})
        task.sudo(self.officer).write({"deadline": "2030-09-30"})
        self.assertEqual((task.reminded_due_soon, task.reminded_overdue, task.escalated), (False, False, False))

    # Money -----------------------------------------------------------------------------------------------------

    def test_allowance_sheet_settled_around_the_buttons(self):
        sheet = self.generate("2030-03-01")
        sheet = self.sheet(self.ward_a, "2030-03-01")
        with self.assertRefused(UserError, "cannot become Settled"):
            sheet.sudo(self.finance).write({"state": "settled"})
        # the next state, by one who may take it: still only through the button
        with self.assertRefused(UserError, RULE):
            sheet.sudo(self.finance).write({"state": "confirmed"})
        with self.assertRefused(UserError, RULE):
            self.as_admin(sheet).write({"state": "confirmed"})
        with self.assertRefused(UserError, RULE):
            self.env["child.allowance.sheet"].sudo(self.finance).with_context(default_state="settled").create(
                {"area_id": self.ward_b.id, "month": "2030-05-01"})
        self.assertEqual(sheet.state, "draft")
        sheet.sudo(self.finance).action_confirm()
        self.assertEqual(sheet.state, "confirmed")

    def test_reconciliation_figures_not_typed_in(self):
        Reconciliation = self.env["child.allowance.reconciliation"].sudo(self.finance)
        for vals in ({"state": "done"}, {"line_count": 2, "settled_total": 1000000}, {"discrepancy_count": 1},
                     {"run_date": "2030-04-01 00:00:00"}, {"user_id": self.finance.id}):
            with self.assertRefused(UserError, RULE):
                Reconciliation.create(dict(vals, area_id=self.district.id, period_type="month", year=2030,
                                           period_number=3))
        run = Reconciliation.create({"area_id": self.district.id, "period_type": "month", "year": 2030,
                                     "period_number": 3})
        with self.assertRefused(UserError, RULE):
            run.write({"state": "done", "discrepancy_count": 1})
        run.action_run()
        self.assertEqual((run.state, run.user_id), ("done", self.finance))
        with self.assertRefused(UserError, RULE):
            self.as_admin(run).write({"discrepancy_count": 0, "settled_total": 0})

    def test_event_and_budget_revision_decided_around_the_buttons(self):
        event = self.make_event()
        line = self.add_line(event, 10000000)
        with self.assertRefused(AccessError, "only the Leader role"):
            event.sudo(self.organiser).write({"state": "approved"})
        for vals in ({"state": "approved"}, {"indicator_pushed_on": "2030-07-01 00:00:00"}):
            with self.assertRefused(UserError, RULE):
                event.sudo(self.leader).write(vals)
            with self.assertRefused(UserError, RULE):
                self.as_admin(event).write(vals)
        with self.assertRefused(UserError, RULE):
            self.make_event(state="approved")
        event.sudo(self.leader).action_approve()
        Revision = self.env["child.event.budget.revision"].sudo(self.organiser)
        for vals in ({"state": "approved"}, {"decided_by_id": self.leader.id}, {"requested_by_id": self.leader.id},
                     {"decided_on": "2030-06-01 00:00:00"}):
            with self.assertRefused(UserError, RULE):
                Revision.create(dict(vals, line_id=line.id, amount=1000000, reason="Thêm quà."))
        revision = Revision.create({"line_id": line.id, "amount": 1000000, "reason": "Thêm quà."})
        self.assertEqual((revision.state, revision.requested_by_id), ("to_approve", self.organiser))
        for user in (self.leader, self.admin):
            with self.assertRefused(UserError, RULE):
                revision.sudo(user).write({"state": "approved", "decided_by_id": self.leader.id})
        revision.sudo(self.leader).action_approve()
        self.assertEqual((revision.state, revision.decided_by_id), ("approved", self.leader))

    # Reports and statistics ------------------------------------------------------------------------------------

    def test_periodic_report_issued_around_the_buttons(self):
        Report = self.env["child.plan.report"].sudo(self.officer)
        for vals in ({"state": "issued"}, {"number": "05/BC-UBND"}, {"figures": "{}"}):
            with self.assertRefused(UserError, RULE):
                Report.create(dict(vals, plan_id=self.plan.id, period="half_year"))
        with self.assertRefused(UserError, RULE):
            Report.with_context(default_state="issued").create({"plan_id": self.plan.id, "period": "half_year"})
        report = Report.create({"plan_id": self.plan.id, "period": "half_year"})
        for user in (self.leader, self.admin):
            with self.assertRefused(UserError, RULE):
                report.sudo(user).write({"state": "issued", "number": "05/BC-UBND", "number_seq": 5,
                                         "number_year": 2030})
        self.assertEqual((report.state, report.number), ("draft", False))

    def test_a_forged_grant_is_no_grant(self):
        """The grant cannot come from a client's context: the same text is refused, even right after the workflow
        made its own grant in the same context (Odoo reuses environments whose contexts compare equal)."""
        plan = self.make_plan().sudo(self.officer)
        plan.action_submit()  # the workflow's own grant, for the officer, in this context
        with self.assertRefused(UserError, RULE):
            plan.with_context(child_workflow="granted").write({"state": "draft"})
        with self.assertRefused(UserError, RULE):
            plan.sudo(SUPERUSER_ID).with_context(child_workflow="granted").write({"state": "draft"})
        self.assertEqual(plan.state, "to_review")

    def test_personal_defaults_never_reach_a_workflow_field(self):
        """A user's own default (ir.default, which Odoo 11 lets every user set for themself) cannot make a record
        start issued, numbered or decided; neither can a context default reaching the workflow's own creates."""
        Default = self.env["ir.default"]
        for model, field, value in (("child.plan", "state", "issued"), ("child.plan", "number", "118/KH-UBND"),
                                    ("child.plan", "number_seq", 99999),
                                    ("child.event.budget.revision", "state", "approved"),
                                    ("child.event.budget.revision", "decided_by_id", self.leader.id)):
            with self.assertRefused(UserError, RULE):
                Default.sudo(self.officer).set(model, field, value, user_id=True)
        for field, value in (("state", '"issued"'), ("number_seq", "99999")):
            with self.assertRefused(UserError, RULE):
                Default.sudo(self.officer).create({
                    "field_id": self.env["ir.model.fields"]._get("child.plan", field).id, "json_value": value,
                    "user_id": self.officer.id})
            # and one already in the table (written behind the application) is ignored
            self.env.cr.execute("INSERT INTO ir_default (field_id, json_value, user_id) VALUES (%s, %s, %s)",
                                [self.env["ir.model.fields"]._get("child.plan", field).id, value, self.officer.id])
        Default.clear_caches()
        plan = self.make_plan()
        self.assertEqual((plan.state, plan.number_seq), ("draft", 0))
        # the amendment, the workflow's own copy, with a client's context default
        amendment = self.env["child.plan"].browse(self.plan.sudo(self.officer).with_context(
            default_state="issued", default_number="02/KH-UBND").action_amend()["res_id"])
        self.assertEqual((amendment.state, amendment.number), ("draft", False))

    def test_what_the_leader_approves_is_what_is_issued(self):
        plan = self.make_plan()
        plan.action_submit()
        for user in (self.officer, self.leader):
            with self.assertRefused(UserError, "Title", "To review", "only as a draft"):
                plan.sudo(user).write({"name": "Đổi sau khi trình"})
        plan.sudo(self.leader).action_approve()
        other_leader = self._user("other_leader", "group_leader")
        for vals in ({"signer_user_id": other_leader.id}, {"signer_position": "Chủ tịch"},
                     {"section_ids": [(0, 0, {"name": "Mục thêm sau khi duyệt"})]}):
            with self.assertRefused(UserError, "Approved", "only as a draft"):
                plan.sudo(self.officer).write(vals)
        with self.assertRefused(UserError, "Approved", "only as a draft"):
            plan.section_ids.sudo(self.officer).write({"body": "Nội dung khác"})
        self.assertEqual((plan.signer_user_id, len(plan.section_ids)), (self.leader, 1))
        # sent back, it changes again
        plan.sudo(self.leader).action_draft()
        plan.sudo(self.officer).write({"name": "Đổi sau khi trả lại"})
        self.assertEqual(plan.name, "Đổi sau khi trả lại")

    def test_one_call_creates_at_most_a_thousand_lines(self):
        with self.assertRefused(ValidationError, "Tasks and solutions", "at most 1,000 lines in one call"):
            self.make_plan(section_ids=[(0, 0, {"name": "Mục %d" % n}) for n in range(1001)])

    def test_a_line_stays_with_its_event_and_a_task_with_its_plan(self):
        """Moving a budget line, a gift or a ward row into another event would carry its money or figures past that
        event's workflow (into a settled event, or out of an approved one and back)."""
        event = self.make_event()
        line = self.add_line(event, 10000000)
        gift = self.add_gift(event, line)
        other = self.make_event(name="Sự kiện khác", ward_ids=[])
        for record in (line, gift, event.ward_ids[:1]):
            with self.assertRefused(UserError, "Event:", "stays with the record it was made for"):
                record.sudo(self.organiser).write({"event_id": other.id})
            self.assertEqual(record.event_id, event)
        recipient = self.add_recipient(gift, self.ward_a)
        other_gift = self.add_gift(other, self.add_line(other, 1000000))
        with self.assertRefused(UserError, "Gift:", "stays with the record it was made for"):
            recipient.sudo(self.organiser).write({"gift_id": other_gift.id})
        task = self.make_task(self.plan, self.justice)
        with self.assertRefused(UserError, "Plan:", "stays with the record it was made for"):
            task.sudo(self.officer).write({"plan_id": self.make_plan().id})
        # writing the same value back is no move
        line.sudo(self.organiser).write({"event_id": event.id, "planned_amount": 12000000})
        self.assertEqual(line.planned_amount, 12000000)
