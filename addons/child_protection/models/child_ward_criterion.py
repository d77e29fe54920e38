from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChildWardCriterion(models.Model):
    """One of the 13 criteria of a child-friendly commune or ward (Decision 06/2019/QĐ-TTg), with the most points it
    can score; the maxima of the 13 add up to 1000."""
    _name = "child.ward.criterion"
    _description = "Child-friendly ward criterion"
    _order = "sequence, code"

    code = fields.Integer(string="No.", required=True, help="The criterion's number in the Decision, 1 to 13.")
    name = fields.Char(string="Criterion", required=True, translate=True)
    max_score = fields.Integer(string="Maximum points", required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "No.: another criterion already has this number."),
    ]

    @api.constrains("max_score")
    def _check_max_score(self):
        for criterion in self:
            if criterion.max_score <= 0:
                raise ValidationError(_("Maximum points: criterion %(code)s (%(name)s) must be worth more than 0 "
                                        "points.") % {"code": criterion.code, "name": criterion.name})

    @api.multi
    def name_get(self):
        return [(criterion.id, "%s. %s" % (criterion.code, criterion.name)) for criterion in self]
