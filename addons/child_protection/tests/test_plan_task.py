from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ChildProtectionCase


class TestPlanTask(ChildProtectionCase):

    def setUp(self):
        super(TestPlanTask, self).setUp()
        self.plan = self.issue(self.make_plan())
        self.task = self.make_task(self.plan, self.justice, coordinating_agency_ids=[(6, 0, self.health.ids)])
        self.as_justice = self.task.sudo(self.focal)

    def test_update_moves_progress_and_state(self):
        self.assertEqual((self.task.state, self.task.progress), ("todo", 0))
        update = self.add_update(self.task, self.focal, 40, "at_risk")
        self.assertEqual((self.task.state, self.task.progress, self.task.last_status),
                         ("in_progress", 40, "at_risk"))
        self.assertEqual(update.author_id, self.focal)
        self.add_update(self.task, self.health_focal, 70)  # a coordinating agency reports too
        self.assertEqual(self.task.progress, 70)

    def test_tick_off_needs_a_result_note(self):
        self.add_update(self.task, self.focal, 100)
        with self.assertRefused(UserError, "Result note:"):
            self.as_justice.action_done()
        self.assertEqual(self.task.state, "in_progress")
        self.as_justice.write({"result_note": "Đã tổ chức 3 buổi tư vấn pháp luật."})
        self.as_justice.action_done()
        self.assertEqual((self.task.state, self.task.progress), ("done", 100))

    def test_only_the_lead_agency_ticks_off(self):
        self.as_justice.write({"result_note": "Xong."})
        with self.assertRefused(AccessError, "only a focal point of the lead agency, Phòng Tư pháp"):
            self.task.sudo(self.health_focal).action_done()
        self.assertEqual(self.task.state, "todo")
        self.task.sudo(self.officer).action_done()
        self.assertEqual(self.task.state, "done")

    def test_reopen_by_plan_office_only(self):
        self.as_justice.write({"result_note": "Xong."})
        self.as_justice.action_done()
        with self.assertRefused(AccessError, "Only a plan officer or a leader can reopen"):
            self.as_justice.action_reopen()
        with self.assertRefused(UserError, "takes no more updates", "can reopen"):
            self.add_update(self.task, self.focal, 50)
        self.task.sudo(self.leader).action_reopen()
        self.assertEqual(self.task.state, "in_progress")
        self.add_update(self.task, self.focal, 90)
        self.assertEqual(self.task.progress, 90)

    def test_focal_point_saves_an_update_from_the_task_form(self):
        """The task form saves its new progress update inline (the web client's one2many command): the focal point's
        update is kept and moves the task, as the update form's own button would; the updates stay as written."""
        self.as_justice.write({"update_ids": [(0, 0, {"date": "2030-04-01", "progress": 40, "status": "on_track",
                                                      "note": "Đã tổ chức 2 buổi tuyên truyền."})]})
        update = self.task.update_ids
        self.assertEqual((len(update), update.author_id, self.task.progress, self.task.state),
                         (1, self.focal, 40, "in_progress"))
        with self.assertRefused(UserError, "add a new one"):
            self.as_justice.write({"update_ids": [(1, update.id, {"progress": 90})]})
        with self.assertRefused(AccessError):
            self.as_justice.write({"update_ids": [(2, update.id)]})
        self.assertEqual((update.exists().progress, self.task.progress), (40, 40))

    def test_focal_point_writes_only_the_result_note(self):
        with self.assertRefused(AccessError, "Deadline", "only a plan officer"):
            self.as_justice.write({"deadline": "2030-12-31"})
        with self.assertRefused(AccessError, "Progress"):
            self.as_justice.write({"progress": 100})
        with self.assertRefused(AccessError):
            self.as_justice.write({"state": "done"})
        self.assertEqual((self.task.deadline, self.task.progress, self.task.state), ("2030-06-30", 0, "todo"))

    def test_updates_are_not_rewritten(self):
        update = self.add_update(self.task, self.focal, 40)
        with self.assertRefused(UserError, "add a new one"):
            update.sudo(self.focal).write({"progress": 90})
        self.assertEqual(update.progress, 40)

    def test_progress_bounds(self):
        for progress in (120, -5):
            with self.assertRefused(ValidationError, "Progress:", "between 0 and 100"):
                self.add_update(self.task, self.focal, progress)
        self.assertFalse(self.task.update_ids)
        self.assertEqual(self.task.progress, 0)

    def test_update_on_cancelled_task(self):
        self.task.sudo(self.officer).action_cancel()
        with self.assertRefused(UserError, "Cancelled", "takes no more updates"):
            self.add_update(self.task, self.focal, 10)
        self.assertFalse(self.task.update_ids)

    def test_deadline_outside_plan_year(self):
        with self.assertRefused(ValidationError, "Deadline:", "2031-01-15", "outside the plan year 2030"):
            self.make_task(self.plan, self.justice, deadline="2031-01-15")
        with self.assertRefused(ValidationError, "Deadline:"):
            self.task.sudo(self.officer).write({"deadline": "2029-12-31"})
        self.assertEqual(self.task.deadline, "2030-06-30")

    def test_tasks_only_on_open_plans(self):
        draft = self.make_plan()
        task = self.make_task(draft, self.justice)  # a draft plan gets its tasks while it is prepared
        with self.assertRefused(AccessError):  # the agency sees it once the plan is issued
            task.sudo(self.focal).read(["name"])
        with self.assertRefused(UserError, "updates are reported on an issued plan"):
            self.add_update(task, self.officer, 10)
        self.plan.action_start()
        self.plan.action_close()
        with self.assertRefused(UserError, "Plan:", "tasks cannot be added", "Closed"):
            self.make_task(self.plan, self.health)
        self.assertEqual(len(self.plan.task_ids), 1)

    def test_recurrence_creates_the_occurrences_of_the_plan_year(self):
        quarterly = self.make_task(self.plan, self.health, deadline="2030-01-31", recurrence="quarterly",
                                   name="Báo cáo số liệu")
        self.assertEqual(quarterly.occurrence_ids.mapped("deadline"),
                         ["2030-01-31", "2030-04-30", "2030-07-31", "2030-10-31"])
        self.assertEqual(quarterly.occurrence_ids.mapped("name")[:2], ["Báo cáo số liệu (1)", "Báo cáo số liệu (2)"])
        self.assertEqual(set(quarterly.occurrence_ids.mapped("agency_id")), {self.health})
        monthly = self.make_task(self.plan, self.health, deadline="2030-11-30", recurrence="monthly")
        self.assertEqual(monthly.occurrence_ids.mapped("deadline"), ["2030-11-30", "2030-12-30"])
        half = self.make_task(self.plan, self.health, deadline="2030-06-10", recurrence="half_yearly")
        self.assertEqual(half.occurrence_ids.mapped("deadline"), ["2030-06-10", "2030-12-10"])
        # the plan lists the occurrences, not the frame of the series
        self.assertNotIn(quarterly, self.plan.task_ids)
        self.assertEqual(len(self.plan.task_ids), 1 + 4 + 2 + 2)

    def test_plan_shows_task_progress(self):
        other = self.make_task(self.plan, self.health)
        self.add_update(self.task, self.focal, 50)
        self.add_update(other, self.health_focal, 100)
        self.assertEqual((self.plan.task_count, self.plan.task_progress), (2, 75))
