from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_date

from ..engines import schedule

TASK_STATES = [("todo", "To do"), ("in_progress", "In progress"), ("done", "Done"), ("cancelled", "Cancelled")]
RECURRENCES = [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("half_yearly", "Half-yearly")]
OPEN_STATES = ("todo", "in_progress")
CLOSED_PLAN_STATES = ("closed", "cancelled", "superseded")
ESCALATION_DAYS = 3  # escalated once more than this many days overdue
DEADLINE_FLAGS = ("is_overdue", "is_due_soon", "days_late")


class ChildPlanTask(models.Model):
    """Work a plan gives an agency (section III of the plan): the lead agency's focal points report progress and
    tick it off; coordinating agencies see it and report too."""
    _name = "child.plan.task"
    _description = "Plan task"
    _inherit = ["child.agency.work.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "deadline, plan_id, sequence, id"
    _focal_point_fields = {"result_note", "update_ids"}  # updates guard themselves (created, never changed)

    name = fields.Char(string="Task", required=True, track_visibility="onchange")
    description = fields.Text()
    sequence = fields.Integer(default=10)
    plan_id = fields.Many2one("child.plan", string="Plan", required=True, index=True, ondelete="cascade",
                              fixed=True)
    plan_year = fields.Integer(related="plan_id.year", store=True, readonly=True, string="Plan year")
    section_id = fields.Many2one("child.plan.section", string="Section", ondelete="set null",
                                 domain="[('plan_id', '=', plan_id)]")
    agency_id = fields.Many2one("child.agency", string="Lead agency", required=True, index=True,
                                track_visibility="onchange", ondelete="restrict")
    coordinating_agency_ids = fields.Many2many(
        "child.agency", "child_plan_task_coordinating_rel", "task_id", "agency_id", string="Coordinating agencies")
    deadline = fields.Date(index=True, track_visibility="onchange")
    recurrence = fields.Selection(
        RECURRENCES, help="Recurring work: the occurrences of the plan year are created from the first deadline, "
                          "each a task of its own.")
    series_id = fields.Many2one("child.plan.task", string="Recurring task", index=True, ondelete="cascade",
                                readonly=True)
    occurrence_ids = fields.One2many("child.plan.task", "series_id", string="Occurrences")
    state = fields.Selection(TASK_STATES, default="todo", required=True, readonly=True, copy=False, index=True,
                             track_visibility="onchange", group_expand="_read_group_states", workflow=True)
    progress = fields.Float(digits=(16, 0), default=0.0, readonly=True, copy=False, group_operator="avg",
                            workflow=True, help="Percent, moved by the progress updates.")
    result_note = fields.Text(copy=False, help="What was done: needed to tick the task off.")
    update_ids = fields.One2many("child.plan.task.update", "task_id", string="Updates")
    last_status = fields.Selection(related="update_ids.status", string="Status", readonly=True)
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_deadline_flags", store=True, index=True)
    is_due_soon = fields.Boolean(string="Due within 7 days", compute="_compute_deadline_flags", store=True)
    days_late = fields.Integer(compute="_compute_deadline_flags", store=True)
    # what the daily reminders did for the current deadline; cleared when the deadline moves
    reminded_due_soon = fields.Boolean(readonly=True, copy=False, workflow=True)
    reminded_overdue = fields.Boolean(readonly=True, copy=False, workflow=True)
    escalated = fields.Boolean(readonly=True, copy=False, workflow=True)
    can_close = fields.Boolean(compute="_compute_can_close")
    color = fields.Integer(compute="_compute_color")

    @api.model
    def _read_group_states(self, states, domain, order):
        """Kanban columns in the order of work, empty ones included."""
        return [key for key, _label in TASK_STATES]

    @api.depends("deadline", "state", "recurrence")
    def _compute_deadline_flags(self):
        today = fields.Date.context_today(self)
        for task in self:
            # a recurring task is the frame of its occurrences: they carry the deadlines
            task.is_overdue, task.is_due_soon, task.days_late = schedule.deadline_flags(
                task.deadline, today, task.state in OPEN_STATES and not task.recurrence)

    @api.depends("agency_id.user_ids")
    def _compute_can_close(self):
        for task in self:
            task.can_close = task._is_plan_office() or self.env.user in task.agency_id.user_ids

    @api.depends("is_overdue", "is_due_soon", "state")
    def _compute_color(self):
        for task in self:
            task.color = 1 if task.is_overdue else 3 if task.is_due_soon else 10 if task.state == "done" else 0

    @api.constrains("deadline", "plan_id")
    def _check_deadline(self):
        for task in self:
            if task.deadline and schedule.to_date(task.deadline).year != task.plan_id.year:
                raise ValidationError(_("Deadline: %(date)s is outside the plan year %(year)s.") % {
                    "date": task.deadline, "year": task.plan_id.year})

    @api.constrains("progress")
    def _check_progress(self):
        for task in self:
            if not 0 <= task.progress <= 100:
                raise ValidationError(_("Progress: %s %% is out of bounds; progress lies between 0 and 100 %%.")
                                      % task.progress)

    @api.constrains("section_id", "plan_id")
    def _check_section(self):
        for task in self:
            if task.section_id and task.section_id.plan_id != task.plan_id:
                raise ValidationError(_("Section: %s belongs to another plan.") % task.section_id.name)

    @api.constrains("recurrence", "deadline")
    def _check_recurrence(self):
        for task in self:
            if task.recurrence and not task.deadline:
                raise ValidationError(_("Deadline: a recurring task needs its first deadline."))

    @api.model
    def create(self, vals):
        plan = self.env["child.plan"].browse(vals.get("plan_id"))
        if plan.state in CLOSED_PLAN_STATES:
            raise UserError(_("Plan: tasks cannot be added to plan %(plan)s, which is %(state)s.") % {
                "plan": plan.display_name, "state": plan._state_label()})
        task = super(ChildPlanTask, self).create(vals)
        if task.recurrence:
            task._create_occurrences()
        return task

    @api.multi
    def write(self, vals):
        result = super(ChildPlanTask, self).write(vals)
        if "deadline" in vals:  # the reminders start again for the new deadline
            self._write_workflow({"reminded_due_soon": False, "reminded_overdue": False, "escalated": False})
        return result

    def _focal_point_hint(self):
        return _("A focal point reports progress with an update and writes the result note.")

    def _create_occurrences(self):
        """Each deadline of the plan year becomes a task of its own; the series keeps the definition."""
        self.ensure_one()
        for number, deadline in enumerate(schedule.occurrences(self.deadline, self.recurrence, self.plan_id.year), 1):
            self.copy({
                "name": "%s (%d)" % (self.name, number),
                "series_id": self.id,
                "recurrence": False,
                "deadline": fields.Date.to_string(deadline),
                "coordinating_agency_ids": [(6, 0, self.coordinating_agency_ids.ids)],
            })

    @api.multi
    def action_start(self):
        for task in self:
            task._check_state(("todo",), _("started"))
        self._write_workflow({"state": "in_progress"})
        return True

    @api.multi
    def action_done(self):
        for task in self:
            task._check_state(OPEN_STATES, _("ticked off"))
            if not task.can_close:
                raise AccessError(_("Task %(task)s: only a focal point of the lead agency, %(agency)s, or a plan "
                                    "officer can tick it off.") % {"task": task.name, "agency": task.agency_id.name})
            if not (task.result_note or "").strip():
                raise UserError(_("Result note: say what was done before ticking off task %s.") % task.name)
        self._write_workflow({"state": "done", "progress": 100})
        return True

    @api.multi
    def action_reopen(self):
        self._check_officer(_("reopen"))
        for task in self:
            task._check_state(("done", "cancelled"), _("reopened"))
        self._write_workflow({"state": "in_progress"})
        return True

    @api.multi
    def action_cancel(self):
        self._check_officer(_("cancel"))
        for task in self:
            task._check_state(OPEN_STATES, _("cancelled"))
        self._write_workflow({"state": "cancelled"})
        return True

    def _check_state(self, allowed, verb):
        if self.state not in allowed:
            raise UserError(_("Task %(task)s is %(state)s: it cannot be %(verb)s.") % {
                "task": self.name, "state": dict(self._fields["state"]._description_selection(self.env))[self.state],
                "verb": verb})

    def _check_officer(self, verb):
        if not self._is_plan_office():
            raise AccessError(_("Only a plan officer or a leader can %s a task.") % verb)

    def _apply_update(self, update):
        """A new progress update moves the task's progress, and starts a task still to do."""
        vals = {"progress": update.progress}
        if self.state == "todo":
            vals["state"] = "in_progress"
        self._write_workflow(vals)

    # Reminders --------------------------------------------------------------------------------------------------

    @api.model
    def _cron_deadline_reminders(self):
        """Daily: recompute the deadline flags, then remind the lead agency's focal points 7 days before a
        deadline and when it falls overdue, and the plan's officer after 3 days overdue. Each reminder is given
        once per deadline, however often this runs."""
        tasks = self.search([("state", "in", OPEN_STATES), ("deadline", "!=", False), ("recurrence", "=", False)])
        tasks._recompute_today()
        for task in tasks:
            if task.is_due_soon and not task.reminded_due_soon:
                task._remind(task._focal_points(), "due_soon")
                task._write_workflow({"reminded_due_soon": True})
            if task.is_overdue and not task.reminded_overdue:
                task._remind(task._focal_points(), "overdue")
                task._write_workflow({"reminded_overdue": True})
            if task.days_late > ESCALATION_DAYS and not task.escalated:
                task._remind(task.plan_id.user_id or task.plan_id.create_uid, "escalation")
                task._write_workflow({"escalated": True})
        return True

    def _recompute_today(self):
        """Store the deadline flags again: they depend on today, which no field change announces."""
        self.invalidate_cache(fnames=list(DEADLINE_FLAGS), ids=self.ids)
        for name in DEADLINE_FLAGS:
            self.env.add_todo(self._fields[name], self)
        self.recompute()

    def _focal_points(self):
        return self.agency_id.user_ids or self.plan_id.user_id or self.plan_id.create_uid

    def _remind(self, users, kind):
        """Put a reminder of ``kind`` (due_soon, overdue, escalation) on the task for each of ``users``, worded in
        the user's language."""
        activity_type = self.env.ref("child_protection.mail_activity_task_%s" % kind)
        model = self.env["ir.model"]._get(self._name)
        for user in users:
            self.env["mail.activity"].create({
                "res_model_id": model.id,
                "res_id": self.id,
                "activity_type_id": activity_type.id,
                "summary": self.with_context(lang=user.lang)._reminder_summary(kind),
                "user_id": user.id,
                "date_deadline": fields.Date.context_today(self),
            })

    def _reminder_summary(self, kind):
        deadline = format_date(self.env, self.deadline)
        if kind == "due_soon":
            return _("Deadline %(date)s, in %(days)s days") % {
                "date": deadline, "days": (schedule.to_date(self.deadline)
                                           - schedule.to_date(fields.Date.context_today(self))).days}
        if kind == "overdue":
            return _("Overdue since %s") % deadline
        return _("%(agency)s: %(days)s days overdue (deadline %(date)s)") % {
            "agency": self.agency_id.name, "days": self.days_late, "date": deadline}
