from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

STATUSES = [("on_track", "On track"), ("at_risk", "At risk"), ("off_track", "Off track")]


class ChildPlanTaskUpdate(models.Model):
    """A progress report on a task by a focal point: it moves the task's progress."""
    _name = "child.plan.task.update"
    _description = "Task update"
    _order = "date desc, id desc"

    task_id = fields.Many2one("child.plan.task", string="Task", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="task_id.agency_id", store=True, readonly=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    progress = fields.Float(string="Progress (%)", digits=(16, 0), required=True)
    status = fields.Selection(STATUSES, required=True, default="on_track")
    note = fields.Text(required=True)
    attachment_ids = fields.Many2many("ir.attachment", "child_plan_task_update_attachment_rel", "update_id",
                                      "attachment_id", string="Evidence")
    author_id = fields.Many2one("res.users", string="Author", required=True, readonly=True,
                                default=lambda self: self.env.user)

    @api.constrains("progress")
    def _check_progress(self):
        for update in self:
            if not 0 <= update.progress <= 100:
                raise ValidationError(_("Progress: %s %% is out of bounds; progress lies between 0 and 100 %%.")
                                      % update.progress)

    @api.model
    def create(self, vals):
        if self.env.uid != SUPERUSER_ID or not vals.get("author_id"):  # data loading may name the author
            vals = dict(vals, author_id=self.env.uid)
        task = self.env["child.plan.task"].browse(vals.get("task_id"))
        if task:
            # Two updates of one task at once both write the task (progress, state). Take its row first, so that
            # the second one fails here, before anything is pending in the ORM, and Odoo's retry of the call runs
            # clean; failing later, in the ORM's recomputation, Odoo 11's retry ends in "Unable to use a closed
            # cursor" (seen under load: scripts/load_test.py).
            self.env.cr.execute("UPDATE child_plan_task SET write_date = write_date WHERE id = %s", [task.id])
        if task.state not in ("todo", "in_progress"):
            raise UserError(_("Task %(task)s is %(state)s: it takes no more updates%(hint)s.") % {
                "task": task.name, "state": dict(task._fields["state"]._description_selection(self.env))[task.state],
                "hint": _("; a plan officer can reopen it") if task.state == "done" else ""})
        if task.plan_id.state not in ("issued", "in_progress"):
            raise UserError(_("Task %(task)s: updates are reported on an issued plan or one in progress; plan "
                              "%(plan)s is %(state)s.") % {"task": task.name, "plan": task.plan_id.display_name,
                                                           "state": task.plan_id._state_label()})
        update = super(ChildPlanTaskUpdate, self).create(vals)
        task._apply_update(update)
        return update

    @api.multi
    def write(self, vals):
        raise UserError(_("Updates: a progress update is a record of what was reported; add a new one instead."))
