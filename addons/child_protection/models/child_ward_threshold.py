from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .child_area import COMMUNE_KINDS


class ChildWardThreshold(models.Model):
    """The total score a child-friendly commune or ward needs, by kind of commune (Decision 06/2019/QĐ-TTg: 900 for
    the wards of centrally-run cities, 800 for mountain, island and very poor communes, 850 for the others)."""
    _name = "child.ward.threshold"
    _description = "Child-friendly ward threshold"
    _order = "threshold desc"
    _rec_name = "commune_kind"

    commune_kind = fields.Selection(COMMUNE_KINDS, string="Kind of commune", required=True)
    threshold = fields.Integer(string="Points needed", required=True,
                               help="The least total score, out of 1000, for the commune or ward to be recognised.")

    _sql_constraints = [
        ("commune_kind_unique", "unique(commune_kind)", "Kind of commune: this kind already has its threshold."),
    ]

    @api.constrains("threshold")
    def _check_threshold(self):
        for record in self:
            if not 0 < record.threshold <= 1000:
                raise ValidationError(_("Points needed: %s is not between 1 and 1000.") % record.threshold)

    @api.model
    def create(self, vals):
        record = super(ChildWardThreshold, self).create(vals)
        record._recompute_assessments([record.commune_kind])
        return record

    @api.multi
    def write(self, vals):
        kinds = self.mapped("commune_kind")
        result = super(ChildWardThreshold, self).write(vals)
        self._recompute_assessments(kinds + self.mapped("commune_kind"))
        return result

    @api.multi
    def unlink(self):
        kinds = self.mapped("commune_kind")
        result = super(ChildWardThreshold, self).unlink()
        self._recompute_assessments(kinds)
        return result

    def _recompute_assessments(self, kinds):
        """Hold the assessments of communes of these kinds to the new threshold."""
        assessments = self.env["child.ward.assessment"].sudo().search([("ward_id.commune_kind", "in", kinds)])
        if assessments:
            assessments._recompute_verdict()

    @api.model
    def threshold_for(self, commune_kind):
        """The points a commune of ``commune_kind`` needs; 0 when none is set."""
        return self.sudo().search([("commune_kind", "=", commune_kind)], limit=1).threshold
