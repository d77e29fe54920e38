from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engines import money

REVISION_STATES = [("to_approve", "To approve"), ("approved", "Approved"), ("refused", "Refused")]
LEADER = "child_protection.group_leader"
DECISION_FIELDS = {"state", "decided_by_id", "decided_on", "decision_note"}


class ChildEventBudgetRevision(models.Model):
    """A raise of a budget line's plan: an organiser asks (how much, why), a leader approves or refuses. Who asked
    and decided, when and why are kept; a decided revision does not change any more."""
    _name = "child.event.budget.revision"
    _inherit = "child.event.money.mixin"
    _description = "Budget revision"
    _order = "requested_on desc, id desc"
    _money_fields = ("amount",)

    line_id = fields.Many2one("child.event.budget.line", string="Budget line", required=True, index=True,
                              ondelete="cascade")
    event_id = fields.Many2one(related="line_id.event_id", store=True, readonly=True, string="Event")
    amount = fields.Float(string="Raise (đ)", digits=(16, 0), required=True,
                          help="How much the line's plan grows, in whole đồng.")
    reason = fields.Text(string="Why", required=True)
    state = fields.Selection(REVISION_STATES, default="to_approve", required=True, readonly=True, copy=False,
                             workflow=True)
    requested_by_id = fields.Many2one("res.users", string="Asked by", readonly=True,
                                      default=lambda self: self.env.user, workflow=True)
    requested_on = fields.Datetime(string="Asked on", readonly=True, default=fields.Datetime.now, workflow=True)
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True, copy=False, workflow=True)
    decided_on = fields.Datetime(string="Decided on", readonly=True, copy=False, workflow=True)
    decision_note = fields.Text(string="Leader's note")

    @api.constrains("amount")
    def _check_amount(self):
        for revision in self:
            if money.to_dong(revision.amount) <= 0:
                raise ValidationError(_("Raise (đ): a revision raises the plan by 1 đồng or more."))

    @api.model
    def create(self, vals):
        self.check_access_rights("create")  # access first: who may not is told so
        event = self.env["child.event.budget.line"].browse(vals.get("line_id")).event_id
        if event.state not in ("approved", "running"):
            raise UserError(_("Budget revision: event %(event)s is %(state)s; revisions are asked for once a leader "
                              "approved the event and until it is settled.") % {
                "event": event.name, "state": event._state_label()})
        # who asked and when are the defaults (the user, now): workflow fields, a client cannot give them
        return super(ChildEventBudgetRevision, self).create(vals)

    @api.multi
    def write(self, vals):
        self.check_access_rights("write")
        self.check_access_rule("write")
        for revision in self:
            if revision.state != "to_approve":
                raise UserError(_("Budget revision: the revision of %(line)s was decided on %(date)s; it is kept as "
                                  "it was.") % {"line": revision.line_id.display_name, "date": revision.decided_on})
        return super(ChildEventBudgetRevision, self).write(vals)

    @api.multi
    def unlink(self):
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        for revision in self.filtered(lambda r: r.state != "to_approve"):
            raise UserError(_("Budget revision: the revision of %s was decided; it is kept as it was.")
                            % revision.line_id.display_name)
        return super(ChildEventBudgetRevision, self).unlink()

    @api.multi
    def action_approve(self):
        return self._decide("approved")

    @api.multi
    def action_refuse(self):
        return self._decide("refused")

    def _decide(self, state):
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(LEADER):
            raise AccessError(_("Budget revision: only a %s approves or refuses a revision.")
                              % self.env.ref(LEADER).name)
        for revision in self:
            if revision.line_id.event_id.state not in ("approved", "running"):
                raise UserError(_("Budget revision: event %(event)s is %(state)s; its budget no longer changes.") % {
                    "event": revision.event_id.name, "state": revision.event_id._state_label()})
        self._workflow().write(
            {"state": state, "decided_by_id": self.env.uid, "decided_on": fields.Datetime.now()})
        for revision in self:
            states = dict(self._fields["state"]._description_selection(self.env))
            revision.event_id.message_post(body=_("Revision of %(line)s: +%(amount)s đ, %(state)s. Why: %(reason)s")
                                           % {"line": revision.line_id.display_name,
                                              "amount": money.format_dong(revision.amount),
                                              "state": states[state], "reason": revision.reason})
        return True
