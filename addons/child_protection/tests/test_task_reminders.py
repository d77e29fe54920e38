from freezegun import freeze_time

from .common import ChildProtectionCase


class TestTaskReminders(ChildProtectionCase):

    def setUp(self):
        super(TestTaskReminders, self).setUp()
        self.plan = self.issue(self.make_plan())
        self.plan.user_id = self.officer
        self.task = self.make_task(self.plan, self.justice, deadline="2030-06-30")
        self.Task = self.env["child.plan.task"]

    def run_cron(self, day):
        with freeze_time(day):
            self.Task._cron_deadline_reminders()

    def activities(self, xmlid):
        return self.task.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("child_protection.%s" % xmlid))

    def test_flags_with_fixed_dates(self):
        expected = {"2030-06-22": (False, False, 0), "2030-06-23": (False, True, 0),
                    "2030-06-30": (False, True, 0), "2030-07-01": (True, False, 1), "2030-07-05": (True, False, 5)}
        for day, flags in sorted(expected.items()):
            self.run_cron(day)
            self.assertEqual((self.task.is_overdue, self.task.is_due_soon, self.task.days_late), flags, day)
        with freeze_time("2030-07-05"):
            self.assertEqual(self.Task.search([("is_overdue", "=", True), ("plan_id", "=", self.plan.id)]),
                             self.task)

    def test_done_task_is_not_overdue(self):
        self.run_cron("2030-07-02")
        self.assertTrue(self.task.is_overdue)
        self.task.write({"result_note": "Xong muộn."})
        with freeze_time("2030-07-02"):
            self.task.sudo(self.focal).action_done()
        self.assertFalse(self.task.is_overdue)

    def test_reminder_seven_days_before_once(self):
        self.run_cron("2030-06-22")
        self.assertFalse(self.task.activity_ids)
        self.run_cron("2030-06-23")
        self.run_cron("2030-06-23")
        self.run_cron("2030-06-25")
        reminder = self.activities("mail_activity_task_due_soon")
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.user_id, self.focal)
        self.assertEqual(reminder.summary, "Deadline 06/30/2030, in 7 days")

    def test_overdue_then_escalation_once_each(self):
        self.run_cron("2030-07-01")
        self.run_cron("2030-07-01")
        self.assertEqual(len(self.activities("mail_activity_task_overdue")), 1)
        self.assertFalse(self.activities("mail_activity_task_escalation"))
        self.run_cron("2030-07-03")
        self.assertFalse(self.activities("mail_activity_task_escalation"))
        self.run_cron("2030-07-04")
        self.run_cron("2030-07-04")
        self.run_cron("2030-07-10")
        escalation = self.activities("mail_activity_task_escalation")
        self.assertEqual(len(escalation), 1)
        self.assertEqual(escalation.user_id, self.officer)
        self.assertEqual(len(self.activities("mail_activity_task_overdue")), 1)

    def test_new_deadline_reminds_again(self):
        self.run_cron("2030-06-25")
        self.task.sudo(self.officer).write({"deadline": "2030-09-30"})
        self.run_cron("2030-09-25")
        self.assertEqual(len(self.activities("mail_activity_task_due_soon")), 2)

    def test_recurring_frame_gets_no_reminder(self):
        series = self.make_task(self.plan, self.health, deadline="2030-01-31", recurrence="half_yearly")
        self.run_cron("2030-02-02")
        self.assertFalse(series.activity_ids)
        self.assertEqual(len(series.occurrence_ids[0].activity_ids), 1)
        self.assertFalse(series.occurrence_ids[1].activity_ids)

    def test_reminder_in_the_recipients_language(self):
        self.env.ref("base.lang_vi_VN").active = True
        self.focal.lang = "vi_VN"
        self.run_cron("2030-07-01")
        self.assertEqual(self.activities("mail_activity_task_overdue").summary, "Quá hạn từ ngày 30/06/2030")
