from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .child_ward_assessment import PRECISION


class ChildWardAssessmentLine(models.Model):
    """The score of one criterion in an assessment, and whether its conditions are met (ticked by the assessor)."""
    _name = "child.ward.assessment.line"
    _description = "Child-friendly ward assessment line"
    _order = "assessment_id, sequence, code, id"

    assessment_id = fields.Many2one("child.ward.assessment", string="Assessment", required=True, index=True,
                                    ondelete="cascade")
    ward_id = fields.Many2one(related="assessment_id.ward_id", store=True, readonly=True, string="Commune / ward")
    criterion_id = fields.Many2one("child.ward.criterion", string="Criterion", required=True, ondelete="restrict")
    code = fields.Integer(related="criterion_id.code", store=True, readonly=True, string="No.")
    sequence = fields.Integer(related="criterion_id.sequence", store=True, readonly=True)
    max_score = fields.Integer(related="criterion_id.max_score", readonly=True, string="Maximum points")
    score = fields.Float(string="Score", digits=(16, PRECISION), default=0.0,
                         help="From 0 to the criterion's maximum points.")
    met = fields.Boolean(string="Met", help="Tick when the criterion's conditions are satisfied.")
    note = fields.Char(string="Evidence", help="What the score rests on: figures, records, minutes.")

    _sql_constraints = [
        ("assessment_criterion_unique", "unique(assessment_id, criterion_id)",
         "Criterion: the assessment already has a line for this criterion."),
    ]

    @api.constrains("score", "criterion_id")
    def _check_score(self):
        for line in self:
            labels = {"field": self._fields["score"]._description_string(self.env), "code": line.code,
                      "name": line.criterion_id.name, "score": "%g" % line.score, "max": line.max_score}
            if line.score < 0:
                raise ValidationError(_("%(field)s: criterion %(code)s (%(name)s) cannot score below 0 points "
                                        "(%(score)s).") % labels)
            if line.score > line.max_score:
                raise ValidationError(_("%(field)s: criterion %(code)s (%(name)s) scores %(score)s, over its "
                                        "maximum of %(max)s points.") % labels)

    @api.model
    def create(self, vals):
        self.env["child.ward.assessment"].browse(vals.get("assessment_id"))._check_draft(
            [self._description_label()])
        return super(ChildWardAssessmentLine, self).create(vals)

    @api.multi
    def write(self, vals):
        self.mapped("assessment_id")._check_draft(
            [self._fields[name]._description_string(self.env) for name in vals if name in self._fields])
        if "assessment_id" in vals:
            self.env["child.ward.assessment"].browse(vals["assessment_id"])._check_draft(
                [self._description_label()])
        return super(ChildWardAssessmentLine, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped("assessment_id").exists()._check_draft([self._description_label()])
        return super(ChildWardAssessmentLine, self).unlink()

    def _description_label(self):
        """This kind of record, in the user's language."""
        return self.env["ir.model"]._get(self._name).name
