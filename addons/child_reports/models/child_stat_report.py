from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.child_events.models.child_event_gift import BENEFICIARY_GROUPS

from ..engines import child_statistics as stats

PERIODS = [("half_year", "First six months"), ("year", "Whole year")]
PERIOD_END = {"half_year": "06-30", "year": "12-31"}
#: The 14 groups of children in special circumstances (Law on Children 2016, article 10) among the gift groups.
SPECIAL_CIRCUMSTANCES = tuple(key for key, _label in BENEFICIARY_GROUPS if key not in ("poor", "other"))
#: What sets which figures a ward's statistics hold: fixed at creation.
FIXED_FIELDS = {"area_id", "year", "period"}
FIRST_YEAR, LAST_YEAR = 2000, 2100


class ChildStatReport(models.Model):
    """A ward's Circular 13 statistics for a period (the first six months, or the year): one line per indicator of
    the catalogue published for that period, created with it, in the catalogue's order.

    The commune officer enters their ward's figures (the record rules give them their own ward only); the suite
    fills in those it already holds (the children in special circumstances given gifts at events) when the
    statistics are created and with the button. A district or province adds up its wards' statistics with
    child.stat.rollup, which exports them (XLSX, CSV).
    """
    _name = "child.stat.report"
    _description = "Ward statistics (Circular 13)"
    _order = "year desc, period desc, area_id"

    name = fields.Char(compute="_compute_name", store=True)
    area_id = fields.Many2one(
        "child.area", string="Ward", required=True, index=True, ondelete="restrict",
        domain=[("level", "=", "commune")], default=lambda self: self._default_area(),
        help="The commune or ward whose figures these are.")
    year = fields.Integer(required=True, default=lambda self: self._default_year())
    period = fields.Selection(PERIODS, required=True, default="year",
                              help="The first six months carry the indicators published every six months only.")
    date_from = fields.Date(string="From", compute="_compute_dates", store=True)
    date_to = fields.Date(string="To", compute="_compute_dates", store=True)
    line_ids = fields.One2many("child.stat.report.line", "report_id", string="Indicators")
    filled_on = fields.Datetime(string="Filled from the suite on", readonly=True, copy=False)
    note = fields.Text(help="Where the figures come from, what is estimated.")

    _sql_constraints = [
        ("area_period_unique", "unique(area_id, year, period)",
         "Period: this ward already has its statistics for that period."),
    ]

    def _default_area(self):
        return self.env.user.child_agency_ids.mapped("area_id").filtered(lambda area: area.level == "commune")[:1]

    def _default_year(self):
        return fields.Date.from_string(fields.Date.context_today(self)).year

    @api.depends("area_id.name", "year", "period")
    def _compute_name(self):
        for report in self:
            if report.area_id and report.year and report.period:
                report.name = "%s - %s" % (report.area_id.name, stats.period_label(report.year, report.period))

    @api.depends("year", "period")
    def _compute_dates(self):
        for report in self:
            if report.year and report.period and FIRST_YEAR <= report.year <= LAST_YEAR:
                report.date_from = "%04d-01-01" % report.year
                report.date_to = "%04d-%s" % (report.year, PERIOD_END[report.period])

    @api.constrains("area_id")
    def _check_area(self):
        for report in self.sudo():   # the record rules are checked after the constraints, with their own message
            if report.area_id.level != "commune":
                raise ValidationError(_("Ward: statistics are entered by a commune or ward; %(area)s is a "
                                        "%(level)s, whose figures are its wards' added up (Roll-up and export).") % {
                    "area": report.area_id.name, "level": report.area_id._level_label()})

    @api.constrains("year")
    def _check_year(self):
        for report in self.sudo():
            if not FIRST_YEAR <= report.year <= LAST_YEAR:
                raise ValidationError(_("Year: %s is not a year of the statistics.") % report.year)

    @api.model
    def create(self, vals):
        report = super(ChildStatReport, self).create(vals)
        report._add_missing_lines()
        report._fill_from_suite()
        return report

    @api.multi
    def write(self, vals):
        # access first: who may not write is told so
        self.check_access_rights("write")
        self.check_access_rule("write")
        changed = [name for name in FIXED_FIELDS & set(vals)
                   if any((report[name].id if name == "area_id" else report[name]) != vals[name] for report in self)]
        if changed:
            raise UserError(_("%s: the ward and the period of statistics are set when they are created; create "
                              "the statistics of another ward or period instead.") % ", ".join(
                self._fields[name]._description_string(self.env) for name in sorted(changed)))
        return super(ChildStatReport, self).write(vals)

    @api.multi
    def action_fill_from_suite(self):
        """Fill in again the figures the suite holds (they replace what was entered for those indicators)."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        self._add_missing_lines()
        self._fill_from_suite()
        return True

    def _add_missing_lines(self):
        """A line for every indicator of the catalogue published for the period that the statistics lack (the
        catalogue may have grown since they were created)."""
        Line = self.env["child.stat.report.line"]
        for report in self:
            present = report.line_ids.mapped("indicator_id")
            for indicator in self.env["child.stat.indicator"]._published_in(report.period) - present:
                Line.create({"report_id": report.id, "indicator_id": indicator.id})

    def _fill_from_suite(self):
        for report in self:
            lines = report.line_ids.filtered(lambda line: line.indicator_id.suite_source)
            for line in lines:
                figures = report._suite_figures(line.indicator_id)
                line._workflow().write(dict(figures, source="suite"))
            if lines:
                super(ChildStatReport, report).write({"filled_on": fields.Datetime.now()})

    def _suite_figures(self, indicator):
        """The figures of ``indicator`` in this ward and period that the suite computes from its records."""
        self.ensure_one()
        if indicator.suite_source == "event_recipients":
            return {"total": self._children_helped()}
        return {}

    def _children_helped(self):
        """The children in special circumstances (the 14 groups) of the ward given a gift at an event, signed for in
        the period; a child given two gifts counts once. Read as the system: only the number leaves, and a plan
        officer may not read the children's names."""
        self.ensure_one()
        recipients = self.env["child.event.recipient"].sudo().search([
            ("area_id", "child_of", self.area_id.id),   # the ward and its residential groups
            ("received", "=", True),
            ("beneficiary_group", "in", SPECIAL_CIRCUMSTANCES),
            ("date_signed", ">=", self.date_from),
            ("date_signed", "<=", self.date_to),
            ("event_id.state", "!=", "cancelled"),
        ])
        return stats.distinct_children((recipient.child_name, recipient.birth_year) for recipient in recipients)

    # Roll-up --------------------------------------------------------------------------------------------------

    @api.model
    def _rollup(self, area, year, period):
        """The statistics of ``area`` for the period: its wards' figures added up, indicator by indicator, in the
        catalogue's order, read as the current user, who must be able to read every ward's statistics.

        Returns a dict: ``rows`` (the engine's roll-up), ``wards`` (name, reported, values by indicator id; in the
        areas' order), ``ward_count``, ``reported_count`` and ``missing`` (the names of the wards without
        statistics)."""
        if period not in dict(PERIODS):
            raise UserError(_("Period: %r is not a period of the statistics.") % (period,))
        self.check_access_rights("read")
        wards = self.env["child.area"].search([("id", "child_of", area.id), ("level", "=", "commune")])
        domain = [("area_id", "in", wards.ids), ("year", "=", year), ("period", "=", period)]
        reports = self.search(domain)
        if self.sudo().search_count(domain) != len(reports):
            raise AccessError(_("Statistics: you may read the statistics of only some wards of %s; its figures are "
                                "added up by those who read them all.") % area.name)
        indicators = [indicator._engine_values()
                      for indicator in self.env["child.stat.indicator"]._published_in(period)]
        by_indicator = {indicator["id"]: indicator for indicator in indicators}
        by_ward, lines = {}, []
        for line in reports.mapped("line_ids"):
            figures = dict({name: line[name] for name in stats.FIGURES}, indicator_id=line.indicator_id.id)
            lines.append(figures)
            if figures["indicator_id"] in by_indicator:
                by_ward.setdefault(line.area_id.id, {})[figures["indicator_id"]] = stats.value_of(
                    by_indicator[figures["indicator_id"]], figures)
        reported = reports.mapped("area_id")
        return {
            "rows": stats.roll_up(indicators, lines),
            "wards": [{"name": ward.name, "reported": ward in reported, "values": by_ward.get(ward.id, {})}
                      for ward in wards],
            "ward_count": len(wards),
            "reported_count": len(reported),
            "missing": [ward.name for ward in wards if ward not in reported],
        }

    @api.model
    def _rollup_csv(self, area, year, period):
        """``(file name, bytes)``: the CSV for upload of ``area``'s statistics for the period (see the engine)."""
        result = self._rollup(area, year, period)
        data = stats.csv_bytes(result["rows"], area.code, area.name, year, period)
        name = "thong-ke-tre-em-%s-%s.csv" % (stats.ascii_slug(area.name) or area.id,
                                               stats.period_key(year, period))
        return name, data
