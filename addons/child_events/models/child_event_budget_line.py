from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engines import money

SOURCES = [
    ("state", "State budget"),
    ("fund", "Children's Protection Fund"),
    ("sponsor", "Sponsor"),
    ("international", "International partner"),
    ("other", "Other"),
]
LEVELS = [("province", "Province"), ("district", "District"), ("commune", "Commune / ward")]
LEVELLED_SOURCES = ("state", "fund")
PARTNER_SOURCES = ("sponsor", "international")
SPENDING_FIELDS = ("committed_amount", "spent_amount")
SPENDING_STATES = ("approved", "running")


class ChildEventBudgetLine(models.Model):
    """What one funding source gives an event: planned, committed and spent, in whole đồng. Once the event is
    approved the plan of a line changes only through a revision a leader approves; spending beyond it is refused."""
    _name = "child.event.budget.line"
    _inherit = "child.event.money.mixin"
    _description = "Budget line of an event"
    _order = "event_id, sequence, id"
    _money_fields = ("planned_amount", "committed_amount", "spent_amount")

    event_id = fields.Many2one("child.event", string="Event", required=True, index=True, ondelete="cascade",
                               fixed=True)
    sequence = fields.Integer(default=10)
    source = fields.Selection(SOURCES, string="Funding source", required=True, default="state")
    level = fields.Selection(LEVELS, help="State budget and Children's Protection Fund: the level that gives.")
    partner_id = fields.Many2one("res.partner", string="Partner", ondelete="restrict",
                                 help="Sponsor or international partner: who gives.")
    name = fields.Char(string="Description")
    planned_amount = fields.Float(string="Planned (đ)", digits=(16, 0))
    revision_ids = fields.One2many("child.event.budget.revision", "line_id", string="Revisions")
    approved_amount = fields.Float(string="Approved plan (đ)", digits=(16, 0), compute="_compute_amounts",
                                   store=True, help="The plan with the revisions a leader approved.")
    committed_amount = fields.Float(string="Committed (đ)", digits=(16, 0), copy=False)
    spent_amount = fields.Float(string="Spent (đ)", digits=(16, 0), copy=False)
    remaining_amount = fields.Float(string="Remaining (đ)", digits=(16, 0), compute="_compute_amounts",
                                    store=True)
    kind = fields.Selection(related="event_id.kind", store=True, readonly=True)
    year = fields.Integer(related="event_id.year", store=True, readonly=True)
    state = fields.Selection(related="event_id.state", store=True, readonly=True)

    @api.depends("planned_amount", "spent_amount", "revision_ids.state", "revision_ids.amount")
    def _compute_amounts(self):
        for line in self:
            approved = money.to_dong(line.planned_amount) + sum(
                money.to_dong(revision.amount) for revision in line.revision_ids if revision.state == "approved")
            line.approved_amount = approved
            line.remaining_amount = approved - money.to_dong(line.spent_amount)

    @api.multi
    def name_get(self):
        sources = dict(self._fields["source"]._description_selection(self.env))
        levels = dict(self._fields["level"]._description_selection(self.env))
        names = []
        for line in self:
            name = sources.get(line.source, "")
            if line.source in LEVELLED_SOURCES and line.level:
                name = "%s (%s)" % (name, levels[line.level])
            elif line.partner_id:
                name = "%s: %s" % (name, line.partner_id.name)
            if line.name:
                name = "%s - %s" % (name, line.name)
            names.append((line.id, name))
        return names

    @api.constrains("source", "level", "partner_id")
    def _check_source(self):
        for line in self:
            if line.source in LEVELLED_SOURCES and not line.level:
                raise ValidationError(_("Level: the state budget and the Children's Protection Fund come from a "
                                        "level (province, district or commune)."))
            if line.source in PARTNER_SOURCES and not line.partner_id:
                raise ValidationError(_("Partner: a sponsor or an international partner is named."))

    @api.constrains("committed_amount", "spent_amount", "approved_amount")
    def _check_within_plan(self):
        for line in self:
            for name in SPENDING_FIELDS:
                if money.to_dong(line[name]) > money.to_dong(line.approved_amount):
                    raise ValidationError(_(
                        "%(field)s: %(amount)s đ is more than the %(plan)s đ planned for %(line)s; spending beyond "
                        "a line's plan needs a revision approved by a leader.") % {
                        "field": self._fields[name]._description_string(self.env),
                        "amount": money.format_dong(line[name]), "plan": money.format_dong(line.approved_amount),
                        "line": line.display_name})

    @api.model
    def create(self, vals):
        self.check_access_rights("create")  # access first: who may not is told so
        event = self.env["child.event"].browse(vals.get("event_id"))
        event._check_open([self._description_label()])
        if event.state != "draft" and vals.get("planned_amount"):
            raise UserError(_("Planned (đ): event %s is approved; a new line starts at 0 and gets its plan through "
                              "a revision approved by a leader.") % event.name)
        if event.state not in SPENDING_STATES and any(vals.get(name) for name in SPENDING_FIELDS):
            raise UserError(_("Spent (đ): spending is recorded once a leader approved event %s.") % event.name)
        return super(ChildEventBudgetLine, self).create(vals)

    @api.multi
    def write(self, vals):
        self.check_access_rights("write")
        self.check_access_rule("write")
        events = self.mapped("event_id")
        events._check_open([self._description_label()])
        if "planned_amount" in vals:
            for event in events.filtered(lambda e: e.state != "draft"):
                raise UserError(_("Planned (đ): event %(event)s is %(state)s; the plan of a line changes only "
                                  "through a revision approved by a leader.") % {
                    "event": event.name, "state": event._state_label()})
        spending = [name for name in SPENDING_FIELDS if name in vals]
        if spending:
            for event in events.filtered(lambda e: e.state not in SPENDING_STATES):
                raise UserError(_("%(field)s: spending is recorded once a leader approved event %(event)s; it is "
                                  "%(state)s.") % {
                    "field": self._fields[spending[0]]._description_string(self.env), "event": event.name,
                    "state": event._state_label()})
        return super(ChildEventBudgetLine, self).write(vals)

    @api.multi
    def unlink(self):
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        for event in self.mapped("event_id").filtered(lambda e: e.state != "draft"):
            raise UserError(_("Budget: event %(event)s is %(state)s; its budget lines are kept.") % {
                "event": event.name, "state": event._state_label()})
        return super(ChildEventBudgetLine, self).unlink()

    def _description_label(self):
        return self.env["ir.model"]._get(self._name).name
