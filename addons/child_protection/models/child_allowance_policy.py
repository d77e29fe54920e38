from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engines import allowance

KINDS = [("fixed", "Fixed monthly amount"), ("coefficient", "Coefficient × base wage")]
ROUNDING_METHODS = [("half_up", "To the nearest (half up)"), ("up", "Up"), ("down", "Down")]
PRORATIONS = [("full", "Full month"), ("days", "Pro rata by days")]


def policy_rule(error):
    """The rule a PolicyError of the allowance engine names, in the user's language."""
    return {
        "amount": _("Amount: a fixed policy needs an amount of more than 0."),
        "coefficient": _("Coefficient: a coefficient policy needs a coefficient of more than 0."),
        "base_wage": _("Base wage: must be more than 0."),
        "rounding": _("Round to: a whole number of đồng from 1 up."),
        "dates": _("End date: cannot be before the appointment date."),
    }.get(error.code, str(error))


class ChildAllowancePolicy(models.Model):
    """The collaborators' allowance a province pays, as its council resolution sets it (DOMAIN.md): a fixed
    monthly amount (An Giang, NQ 11/2021: 100,000 đồng) or a coefficient of the base wage (Nghệ An, NQ 43/2012:
    0.1 × the wage), from a date, with its rounding and its rule for a partial month."""
    _name = "child.allowance.policy"
    _inherit = ["child.allowance.money.mixin", "mail.thread"]
    _description = "Allowance policy"
    _order = "area_id, date_start desc"
    _money_fields = ("amount",)

    name = fields.Char(string="Resolution", required=True, track_visibility="onchange",
                       help='The act that sets the allowance, e.g. "Nghị quyết 11/2021/NQ-HĐND".')
    area_id = fields.Many2one("child.area", string="Province", required=True, ondelete="restrict",
                              domain=[("level", "=", "province")], track_visibility="onchange")
    date_start = fields.Date(string="In force from", required=True, track_visibility="onchange")
    date_end = fields.Date(string="In force until", track_visibility="onchange",
                           help="Empty while the policy is in force.")
    kind = fields.Selection(KINDS, string="Amount set as", required=True, default="fixed",
                            track_visibility="onchange")
    amount = fields.Float(string="Monthly amount (đồng)", digits=(18, 0), track_visibility="onchange")
    coefficient = fields.Float(digits=(12, 4), track_visibility="onchange",
                               help="Times the base wage in force in the month, e.g. 0.1.")
    rounding = fields.Integer(string="Round to (đồng)", required=True, default=1,
                              help="The amount is rounded to a multiple of this: 1, 100, 1000 ...")
    rounding_method = fields.Selection(ROUNDING_METHODS, string="Rounding", required=True, default="half_up")
    proration = fields.Selection(
        PRORATIONS, string="Month of start or leave", required=True, default="full",
        help="Full month: a collaborator who served any day of the month gets the whole amount. Pro rata: the "
             "amount × days served / days in the month.")
    note = fields.Text()
    active = fields.Boolean(default=True)

    @api.constrains("kind", "amount", "coefficient", "rounding", "rounding_method", "proration")
    def _check_rule(self):
        for policy in self:
            try:
                allowance.check_policy(policy._engine_policy())
            except allowance.PolicyError as error:
                raise ValidationError(policy_rule(error))

    @api.constrains("area_id", "date_start", "date_end", "active")
    def _check_dates(self):
        for policy in self:
            if policy.date_end and policy.date_end < policy.date_start:
                raise ValidationError(_("In force until: cannot be before the day it comes in force."))
            domain = [("id", "!=", policy.id), ("area_id", "=", policy.area_id.id),
                      "|", ("date_end", "=", False), ("date_end", ">=", policy.date_start)]
            if policy.date_end:
                domain.append(("date_start", "<=", policy.date_end))
            overlap = self.search(domain, limit=1)
            if overlap:
                raise ValidationError(_("In force from: %(area)s already has a policy in force then (%(other)s); "
                                        "close it with its last day first.") % {
                    "area": policy.area_id.name, "other": overlap.name})

    def _engine_policy(self):
        self.ensure_one()
        return allowance.Policy(self.kind, int(self.amount or 0), repr(self.coefficient or 0.0), self.rounding,
                                self.rounding_method, self.proration)

    @api.model
    def policy_for(self, area, month):
        """The policy in force on the first day of ``month`` ("YYYY-MM-01") in the province holding ``area``."""
        province = area
        while province and province.level != "province":
            province = province.parent_id
        if not province:
            raise UserError(_("Ward: %s lies in no province, so no allowance policy applies to it.") % area.name)
        policy = self.sudo().search([("area_id", "=", province.id), ("date_start", "<=", month),
                                     "|", ("date_end", "=", False), ("date_end", ">=", month)], limit=1)
        if not policy:
            raise UserError(_("Month: no allowance policy of %(province)s is in force in %(month)s.") % {
                "province": province.name, "month": "%s/%s" % (month[5:7], month[:4])})
        return policy

    def monthly_allowance(self, month, date_start, date_end=False):
        """``allowance.Allowance(amount, days, days_in_month)`` of a collaborator serving from ``date_start`` to
        ``date_end`` for ``month`` under this policy."""
        self.ensure_one()
        wage = self.env["child.base.wage"].wage_on(month) if self.kind == "coefficient" else None
        return allowance.monthly_allowance(self._engine_policy(), month, date_start, date_end or None, wage)
