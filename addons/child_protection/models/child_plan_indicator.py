from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engines import indicators
from .child_plan import RESULT_STATES

UNITS = [("percent", "Percent"), ("count", "Count"), ("ratio", "x of N")]
COMPARISONS = [("at_least", "At least"), ("exactly", "Exactly"), ("at_most", "At most")]
# Where an indicator's result for the plan's own area comes from: typed in, or counted from other records.
SOURCES = [("manual", "Entered"), ("child_friendly_wards", "Child-friendly wards (assessments)")]


def figure_rule(error):
    """The rule a FigureError of the indicators engine names, in the user's language."""
    return {
        "negative": _("must not be negative"),
        "over_100": _("is a percentage and cannot be over 100"),
        "no_total": _("needs a total (N in x of N) of more than 0"),
        "over_total": _("cannot be more than its total (N)"),
    }.get(error.code, str(error))


class ChildPlanIndicator(models.Model):
    """A target of the plan: "at least 85 % of children take part", "14/14 wards child-friendly"."""
    _name = "child.plan.indicator"
    _inherit = "child.plan.content.mixin"
    _description = "Indicator"
    _order = "plan_id, sequence, id"
    _unfrozen_fields = {"result_ids"}

    name = fields.Char(string="Indicator", required=True)
    unit = fields.Selection(UNITS, required=True, default="percent")
    comparison = fields.Selection(COMPARISONS, required=True, default="at_least")
    target = fields.Float(required=True, digits=(16, 2), help="Percent: 0 to 100. x of N: the x.")
    target_total = fields.Float(string="Target total (N)", digits=(16, 2), help="x of N only: the N.")
    target_display = fields.Char(string="Target", compute="_compute_target_display")
    source = fields.Selection(
        SOURCES, string="Result from", required=True, default="manual",
        help="Entered: results are typed in. Child-friendly wards: the result for the plan's area is counted from "
             "the communes and wards within it whose assessment for the plan's year is assessed and meets the "
             "standard (Decision 06/2019/QĐ-TTg), each time an assessment is assessed or sent back.")
    result_ids = fields.One2many("child.plan.indicator.result", "indicator_id", string="Results")
    main_result_id = fields.Many2one(
        "child.plan.indicator.result", compute="_compute_main_result", string="Result",
        help="The result for the plan's own area (the district, the commune ...).")
    achievement = fields.Float(related="main_result_id.achievement", string="Achievement (%)")
    is_met = fields.Boolean(related="main_result_id.is_met", string="Met")
    result_display = fields.Char(related="main_result_id.value_display", string="Result")

    @api.depends("unit", "comparison", "target", "target_total")
    def _compute_target_display(self):
        labels = dict(self._fields["comparison"]._description_selection(self.env))
        for indicator in self:
            indicator.target_display = "%s %s" % (
                labels.get(indicator.comparison, ""),
                indicators.display(indicator.unit or "count", indicator.target, indicator.target_total))

    @api.depends("result_ids.area_id", "plan_id.area_id")
    def _compute_main_result(self):
        for indicator in self:
            indicator.main_result_id = indicator.result_ids.filtered(
                lambda r: r.area_id == indicator.plan_id.area_id)[:1]

    @api.constrains("unit", "target", "target_total")
    def _check_target(self):
        for indicator in self:
            try:
                indicators.check_figures(indicator.unit, indicator.target, indicator.target_total, "the target")
            except indicators.FigureError as error:
                raise ValidationError(_("Target of %(name)s: the target %(rule)s.") % {
                    "name": indicator.name, "rule": figure_rule(error)})

    @api.multi
    def action_refresh_result(self):
        """Recount the result for the plan's area now (indicators counted from other records only)."""
        for indicator in self:
            if indicator.source == "manual":
                raise UserError(_("Result from: the results of %s are entered, not counted.") % indicator.name)
            indicator.plan_id._check_results_open()
        self._refresh_result_from_source()
        return True

    def _refresh_result_from_source(self):
        """Write the result for the plan's area of the indicators counted from other records, on the plans that
        take results (issued or in progress); the others are left as they are."""
        Result = self.env["child.plan.indicator.result"].sudo()
        for indicator in self.sudo().filtered(lambda i: i.source == "child_friendly_wards"):
            plan = indicator.plan_id
            if plan.state not in RESULT_STATES or not plan.area_id:
                continue
            Assessment = self.env["child.ward.assessment"]
            recognised, total = Assessment.recognised_count(plan.area_id, plan.year)
            if not total:
                continue
            value = {"ratio": recognised, "percent": round(100.0 * recognised / total, 2)}.get(
                indicator.unit, recognised)
            last = Assessment.sudo().search([("state", "=", "assessed"), ("year", "=", plan.year),
                                             ("ward_id", "child_of", plan.area_id.id)],
                                            order="assessed_date desc", limit=1)
            vals = {"value": value, "total": total if indicator.unit == "ratio" else 0.0,
                    "date": last.assessed_date or fields.Date.context_today(self)}
            result = indicator.result_ids.filtered(lambda r: r.area_id == plan.area_id)
            if result:
                result.write(vals)
            else:
                Result.create(dict(vals, indicator_id=indicator.id, area_id=plan.area_id.id))


class ChildPlanIndicatorResult(models.Model):
    """The result of an indicator in one area, with its achievement against the target."""
    _name = "child.plan.indicator.result"
    _description = "Indicator result"
    _order = "indicator_id, area_id"

    indicator_id = fields.Many2one("child.plan.indicator", required=True, index=True, ondelete="cascade")
    plan_id = fields.Many2one(related="indicator_id.plan_id", store=True, readonly=True, string="Plan")
    unit = fields.Selection(related="indicator_id.unit", readonly=True)
    area_id = fields.Many2one("child.area", string="Area", required=True, ondelete="restrict")
    date = fields.Date(string="As of", required=True, default=fields.Date.context_today)
    value = fields.Float(string="Result", required=True, digits=(16, 2), help="Percent: 0 to 100. x of N: the x.")
    total = fields.Float(string="Total (N)", digits=(16, 2), help="x of N only: the N counted in this area.")
    value_display = fields.Char(string="Result", compute="_compute_achievement", store=True)
    achievement = fields.Float(string="Achievement (%)", compute="_compute_achievement", store=True,
                               digits=(16, 2), group_operator="avg")
    is_met = fields.Boolean(string="Met", compute="_compute_achievement", store=True)
    note = fields.Text()

    _sql_constraints = [
        ("indicator_area_unique", "unique(indicator_id, area_id)",
         "Area: this indicator already has a result for that area; update it instead."),
    ]

    @api.depends("value", "total", "indicator_id.unit", "indicator_id.comparison", "indicator_id.target",
                 "indicator_id.target_total")
    def _compute_achievement(self):
        for result in self:
            indicator = result.indicator_id
            try:
                achievement = indicators.evaluate(indicator.unit, indicator.comparison, indicator.target,
                                                  result.value, indicator.target_total, result.total)
            except indicators.FigureError:
                # wrong figures are refused by _check_figures; nothing to show meanwhile
                result.achievement, result.is_met, result.value_display = 0.0, False, False
                continue
            result.achievement = achievement.rate or 0.0
            result.is_met = achievement.met
            result.value_display = indicators.display(indicator.unit, result.value, result.total)

    @api.constrains("value", "total", "indicator_id")
    def _check_figures(self):
        for result in self:
            try:
                indicators.check_figures(result.indicator_id.unit, result.value, result.total, "the result")
            except indicators.FigureError as error:
                raise ValidationError(_("Result of %(name)s in %(area)s: the result %(rule)s.") % {
                    "name": result.indicator_id.name, "area": result.area_id.name, "rule": figure_rule(error)})

    @api.constrains("area_id", "indicator_id")
    def _check_area(self):
        for result in self:
            plan_area = result.indicator_id.plan_id.area_id
            if plan_area and not self.env["child.area"].search_count(
                    [("id", "=", result.area_id.id), ("id", "child_of", plan_area.id)]):
                raise ValidationError(_("Area: %(area)s is not within %(plan_area)s, the area of the plan.") % {
                    "area": result.area_id.name, "plan_area": plan_area.name})

    @api.model
    def create(self, vals):
        self.env["child.plan.indicator"].browse(vals.get("indicator_id")).mapped("plan_id")._check_results_open()
        return super(ChildPlanIndicatorResult, self).create(vals)

    @api.multi
    def write(self, vals):
        self.mapped("plan_id")._check_results_open()
        return super(ChildPlanIndicatorResult, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped("plan_id")._check_results_open()
        return super(ChildPlanIndicatorResult, self).unlink()

