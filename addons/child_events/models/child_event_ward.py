from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..engines import participation


class ChildEventWard(models.Model):
    """A ward (or commune) the event covers: the children living there and those who took part."""
    _name = "child.event.ward"
    _description = "Ward of an event"
    _order = "event_id, sequence, id"

    event_id = fields.Many2one("child.event", string="Event", required=True, index=True, ondelete="cascade",
                               fixed=True)
    sequence = fields.Integer(default=10)
    area_id = fields.Many2one("child.area", string="Ward", required=True, ondelete="restrict",
                              domain="[('level', 'in', ('commune', 'group'))]")
    children_count = fields.Integer(string="Children living there")
    participant_count = fields.Integer(string="Children taking part")
    participation_rate = fields.Float(string="Participation (%)", compute="_compute_rate", store=True,
                                      digits=(16, 2), group_operator="avg")
    kind = fields.Selection(related="event_id.kind", store=True, readonly=True)
    year = fields.Integer(related="event_id.year", store=True, readonly=True)
    plan_id = fields.Many2one(related="event_id.plan_id", store=True, readonly=True)
    state = fields.Selection(related="event_id.state", store=True, readonly=True)

    _sql_constraints = [
        ("event_area_unique", "unique(event_id, area_id)", "Ward: the event already covers this ward."),
    ]

    @api.depends("children_count", "participant_count")
    def _compute_rate(self):
        for ward in self:
            ward.participation_rate = participation.rate(ward.children_count, ward.participant_count)

    @api.constrains("children_count", "participant_count")
    def _check_counts(self):
        for ward in self:
            try:
                participation.check_counts(ward.children_count, ward.participant_count)
            except participation.ParticipationError as error:
                if error.code == "negative":
                    raise ValidationError(_("Children taking part: the counts of %s must not be negative.")
                                          % ward.area_id.name)
                raise ValidationError(_("Children taking part: %(part)s in %(ward)s is more than the %(children)s "
                                        "children living there.") % {
                    "part": ward.participant_count, "ward": ward.area_id.name, "children": ward.children_count})

    @api.constrains("area_id", "event_id")
    def _check_area(self):
        for ward in self:
            plan_area = ward.event_id.plan_id.area_id
            if plan_area and not self.env["child.area"].search_count(
                    [("id", "=", ward.area_id.id), ("id", "child_of", plan_area.id)]):
                raise ValidationError(_("Ward: %(ward)s is not within %(area)s, the area of the plan.") % {
                    "ward": ward.area_id.name, "area": plan_area.name})

    @api.model
    def create(self, vals):
        self.check_access_rights("create")  # access first: who may not is told so
        self.env["child.event"].browse(vals.get("event_id"))._check_open([self._description_label()])
        return super(ChildEventWard, self).create(vals)

    @api.multi
    def write(self, vals):
        self.check_access_rights("write")
        self.check_access_rule("write")
        self.mapped("event_id")._check_open([self._description_label()])
        return super(ChildEventWard, self).write(vals)

    @api.multi
    def unlink(self):
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        self.mapped("event_id")._check_open([self._description_label()])
        return super(ChildEventWard, self).unlink()

    def _description_label(self):
        return self.env["ir.model"]._get(self._name).name
