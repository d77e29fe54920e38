from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..engines import child_statistics as stats
from .child_stat_indicator import MEASURES
from .child_stat_report import PERIODS


class ChildStatRollup(models.TransientModel):
    """The Circular 13 statistics of an area (a district, a province, or one ward) for a period: its wards'
    figures added up, shown in the catalogue's order and exported as the XLSX workbook and the CSV for upload.
    Computed as the user, who must be able to read the statistics of every ward of the area."""
    _name = "child.stat.rollup"
    _description = "Roll-up of ward statistics (Circular 13)"
    _rec_name = "area_id"

    area_id = fields.Many2one(
        "child.area", string="Area", required=True, domain=[("level", "in", ("province", "district", "commune"))],
        default=lambda self: self.env.user.child_agency_ids.mapped("area_id")[:1],
        help="The district or province whose wards' figures are added up, or a ward.")
    year = fields.Integer(required=True, default=lambda self: fields.Date.from_string(
        fields.Date.context_today(self)).year)
    period = fields.Selection(PERIODS, required=True, default="year")
    line_ids = fields.One2many("child.stat.rollup.line", "rollup_id", string="Indicators", readonly=True)
    ward_count = fields.Integer(string="Wards", readonly=True)
    reported_count = fields.Integer(string="Wards with statistics", readonly=True)
    missing_wards = fields.Text(string="Wards without statistics", readonly=True)
    computed = fields.Boolean(string="Added up", readonly=True)

    @api.onchange("area_id", "year", "period")
    def _onchange_scope(self):
        self.computed = False

    @api.multi
    def action_compute(self):
        """Add up the wards' figures (again)."""
        for rollup in self:
            result = self.env["child.stat.report"]._rollup(rollup.area_id, rollup.year, rollup.period)
            rollup.line_ids.unlink()
            rollup.write({
                "line_ids": [(0, 0, rollup._line_values(sequence, row))
                             for sequence, row in enumerate(result["rows"], 1)],
                "ward_count": result["ward_count"],
                "reported_count": result["reported_count"],
                "missing_wards": ", ".join(result["missing"]) or False,
                "computed": True,
            })
        return True

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        self._check_scope()
        return self.env.ref("child_reports.child_stat_rollup_xlsx").report_action(self)

    @api.multi
    def action_export_csv(self):
        self.ensure_one()
        self._check_scope()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/child/statistics/%d/%d/%s/csv" % (self.area_id.id, self.year, self.period)}

    def _check_scope(self):
        if not (self.area_id and self.year and self.period):
            raise UserError(_("Area: choose the area and the period whose statistics to export."))

    @staticmethod
    def _line_values(sequence, row):
        rate = row["measure"] == "rate"
        values = {name: row[name] for name in stats.FIGURES}
        values.update(sequence=sequence, indicator_id=row["id"], reference=row["reference"], unit=row["unit"],
                      measure=row["measure"], rate=float(row["value"] or 0) if rate else 0.0,
                      reported=row["reported"], broken_down=bool(stats.dimensions_of(row)))
        return values


class ChildStatRollupLine(models.TransientModel):
    """An indicator of a roll-up: the wards' figures added up."""
    _name = "child.stat.rollup.line"
    _description = "Indicator of a roll-up (Circular 13)"
    _order = "rollup_id, sequence"

    rollup_id = fields.Many2one("child.stat.rollup", string="Roll-up", required=True, ondelete="cascade")
    sequence = fields.Integer()
    indicator_id = fields.Many2one("child.stat.indicator", string="Indicator", ondelete="cascade")
    reference = fields.Char(string="Code")
    name = fields.Char(related="indicator_id.name", readonly=True, string="Indicator name")
    unit = fields.Char()
    measure = fields.Selection(MEASURES)
    rate = fields.Float(digits=(16, 2), help="The wards' numerators added up over their denominators added up.")
    total = fields.Integer(help="The count; for a rate, its numerator.")
    base = fields.Integer(string="Denominator")
    male = fields.Integer()
    female = fields.Integer()
    age_0_5 = fields.Integer(string="Under 6")
    age_6_10 = fields.Integer(string="6 to 10")
    age_11_15 = fields.Integer(string="11 to 15")
    broken_down = fields.Boolean(string="Broken down")
    reported = fields.Integer(string="Wards reporting")
