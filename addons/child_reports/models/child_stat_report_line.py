from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engines import child_statistics as stats

SOURCES = [("entered", "Entered by the ward"), ("suite", "Filled from the suite")]


class ChildStatReportLine(models.Model):
    """A ward's figures of one indicator for the period: the count (or a rate's numerator and denominator) and the
    breakdowns the indicator asks for, each adding up to the count."""
    _name = "child.stat.report.line"
    _description = "Ward figures of an indicator (Circular 13)"
    _order = "report_id, appendix, indicator_sequence, code, id"

    report_id = fields.Many2one("child.stat.report", string="Ward statistics", required=True, index=True,
                                ondelete="cascade")
    indicator_id = fields.Many2one("child.stat.indicator", string="Indicator", required=True, index=True,
                                   ondelete="restrict")
    area_id = fields.Many2one(related="report_id.area_id", store=True, readonly=True, string="Ward", index=True)
    year = fields.Integer(related="report_id.year", store=True, readonly=True)
    period = fields.Selection(related="report_id.period", store=True, readonly=True)
    appendix = fields.Selection(related="indicator_id.appendix", store=True, readonly=True)
    indicator_sequence = fields.Integer(related="indicator_id.sequence", store=True, readonly=True)
    code = fields.Char(related="indicator_id.code", store=True, readonly=True)
    reference = fields.Char(related="indicator_id.reference", readonly=True, string="Code")
    name = fields.Char(related="indicator_id.name", readonly=True, string="Indicator name")
    unit = fields.Char(related="indicator_id.unit", readonly=True)
    measure = fields.Selection(related="indicator_id.measure", readonly=True)
    by_sex = fields.Boolean(related="indicator_id.by_sex", readonly=True)
    by_age_group = fields.Boolean(related="indicator_id.by_age_group", readonly=True)
    total = fields.Integer(help="The count; for a rate, its numerator.")
    base = fields.Integer(string="Denominator", help="The denominator of a rate; none for a count.")
    male = fields.Integer()
    female = fields.Integer()
    age_0_5 = fields.Integer(string="Under 6")
    age_6_10 = fields.Integer(string="6 to 10")
    age_11_15 = fields.Integer(string="11 to 15")
    rate = fields.Float(compute="_compute_rate", digits=(16, 2), help="A rate's numerator over its denominator.")
    source = fields.Selection(SOURCES, default="entered", required=True, readonly=True, copy=False, workflow=True)

    _sql_constraints = [
        ("report_indicator_unique", "unique(report_id, indicator_id)",
         "Indicator: the ward's statistics already have this indicator."),
    ]

    @api.depends("total", "base", "indicator_id.measure", "indicator_id.rate_base")
    def _compute_rate(self):
        for line in self:
            if line.measure == "rate":
                line.rate = stats.rate_of(line.total, line.base, int(line.indicator_id.rate_base or 100)) or 0.0

    @api.constrains("total", "base", "male", "female", "age_0_5", "age_6_10", "age_11_15", "indicator_id")
    def _check_figures(self):
        for line in self.sudo():   # the record rules are checked after the constraints, with their own message
            indicator = line.indicator_id
            problems = stats.check_figures({name: line[name] for name in stats.FIGURES}, indicator._dimensions(),
                                           rate=indicator.measure == "rate", share=indicator.share)
            if problems:
                raise ValidationError(line._problem_message(problems[0]))

    @api.constrains("indicator_id", "report_id")
    def _check_period(self):
        for line in self.sudo():
            if line.report_id.period not in stats.PUBLICATION_PERIODS[line.indicator_id.publication]:
                raise ValidationError(_("Indicator: %(code)s is published yearly; the statistics of the first six "
                                        "months of %(ward)s do not carry it.") % {
                    "code": line.indicator_id.reference, "ward": line.area_id.name})

    def _labels(self, names):
        return ", ".join(self._fields[name]._description_string(self.env) for name in names)

    def _problem_message(self, problem):
        """The rule ``problem`` (see the engine) says, in the user's language, with the fields, the indicator's
        code and the ward."""
        values = {"fields": self._labels(problem.figures), "code": self.indicator_id.reference,
                  "ward": self.area_id.name, "got": problem.got, "expected": problem.expected}
        dimensions = {"sex": _("sex"), "age_group": _("age group")}
        if problem.dimension:
            values["dimension"] = dimensions[problem.dimension]
        if problem.code == "negative":
            return _("%(fields)s: the figures of indicator %(code)s in %(ward)s cannot be negative.") % values
        if problem.code == "breakdown":
            return _("%(fields)s: the breakdown by %(dimension)s of indicator %(code)s in %(ward)s adds up to "
                     "%(got)s, not to its total %(expected)s.") % values
        if problem.code == "not_broken_down":
            return _("%(fields)s: indicator %(code)s is not broken down by %(dimension)s; leave these at 0.") % values
        if problem.code == "base_on_count":
            return _("%(fields)s: indicator %(code)s is a count; it has no denominator.") % values
        if problem.code == "no_base":
            return _("%(fields)s: indicator %(code)s is a rate; give the denominator of its numerator %(got)s in "
                     "%(ward)s.") % values
        return _("%(fields)s: the numerator %(got)s of indicator %(code)s in %(ward)s is more than its denominator "
                 "%(expected)s.") % values

    @api.multi
    def write(self, vals):
        # access first: who may not write is told so
        self.check_access_rights("write")
        self.check_access_rule("write")
        if {"report_id", "indicator_id"} & set(vals):
            raise UserError(_("Indicator: a line stays with its ward's statistics and its indicator."))
        result = super(ChildStatReportLine, self).write(vals)
        if set(stats.FIGURES) & set(vals) and not self._workflow_granted():  # typed in: no longer the suite's
            super(ChildStatReportLine, self._workflow()).write({"source": "entered"})
        return result
