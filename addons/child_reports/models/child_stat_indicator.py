from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..engines import child_statistics as stats

APPENDICES = [
    ("1", "Appendix I: situation of children"),
    ("2", "Appendix II: abuse of children, administrative sanctions"),
]
# The groups of both lists; a group's number (the first two digits of its codes) is the engine's.
GROUPS = [
    ("general", "I. General"),
    ("health", "II. Health and nutrition"),
    ("protection", "III. Protection"),
    ("education", "IV. Education"),
    ("culture", "V. Culture, play and recreation"),
    ("participation", "VI. Participation in matters of children"),
    ("abuse", "I. Abuse of children"),
    ("sanction", "II. Administrative sanctions for abuse"),
]
MEASURES = [("count", "Count"), ("rate", "Rate")]
PUBLICATIONS = [("half_year", "Every six months"), ("year", "Yearly")]
RATE_BASES = [("100", "Per 100 (%)"), ("1000", "Per 1,000 (‰)")]
#: Where the suite already holds an indicator's figures (child.stat.report fills them in).
SUITE_SOURCES = [("event_recipients", "Children in special circumstances given gifts at events")]
#: What changes the meaning of the figures already entered: they are checked again.
FIGURE_RULE_FIELDS = {"measure", "rate_base", "share", "by_sex", "by_age_group"}


class ChildStatIndicator(models.Model):
    """An indicator of Circular 13/2021/TT-BLĐTBXH: its four-digit code (group and item) within its appendix, its
    name as the circular writes it, its unit, how often it is published, and the breakdowns a ward gives with it.
    The catalogue is data (data/child_stat_indicator_data.xml); the plan office keeps it."""
    _name = "child.stat.indicator"
    _description = "Statistical indicator (Circular 13)"
    _order = "appendix, sequence, code, id"

    code = fields.Char(
        required=True, index=True,
        help="Four digits: the group (01-06 in Appendix I, 01-02 in Appendix II) and the item, e.g. 0605. Unique "
             "within its appendix.")
    reference = fields.Char(
        compute="_compute_reference", store=True,
        help='The code, preceded by "II-" for the indicators of Appendix II (whose codes repeat those of Appendix '
             'I).')
    appendix = fields.Selection(APPENDICES, required=True, default="1")
    group = fields.Selection(GROUPS, required=True)
    name = fields.Char(string="Indicator", required=True, help="As the circular names it.")
    sequence = fields.Integer(default=10, help="The order of the catalogue within its appendix.")
    unit = fields.Char(required=True, help='The unit written in the tables, e.g. "Trẻ em", "%", "‰".')
    measure = fields.Selection(
        MEASURES, required=True, default="count",
        help="Count: the ward gives a number, added up across wards. Rate: the ward gives a numerator and a "
             "denominator; an area's rate is its wards' numerators over their denominators.")
    rate_base = fields.Selection(RATE_BASES, string="Rate per", default="100")
    numerator_label = fields.Char(string="Numerator", help='What the ward counts, e.g. "Số trẻ em được lấy ý kiến".')
    denominator_label = fields.Char(string="Denominator", help='What it is counted out of, e.g. "Tổng số trẻ em".')
    share = fields.Boolean(
        string="Numerator within denominator", default=True,
        help="The numerator is a part of the denominator and cannot exceed it (children reached of all children); "
             "not so for a ratio such as boys per 100 girls born.")
    publication = fields.Selection(
        PUBLICATIONS, string="Published", required=True, default="year",
        help="Yearly indicators are reported for the whole year; six-monthly ones for the first six months and "
             "for the year.")
    by_sex = fields.Boolean(string="By sex", help="The ward breaks the count down by sex (male, female).")
    by_age_group = fields.Boolean(
        string="By age group", help="The ward breaks the count down by age group (under 6, 6 to 10, 11 to 15).")
    suite_source = fields.Selection(
        SUITE_SOURCES, string="Filled from",
        help="The suite computes the ward's figure from its own records when the ward's statistics are created "
             "and with the button Fill from the suite.")
    note = fields.Text(help="Where the code and the name come from, and anything assumed.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(appendix, code)", "Code: this code is already used in that appendix."),
    ]

    @api.depends("appendix", "code")
    def _compute_reference(self):
        for indicator in self:
            indicator.reference = stats.reference(indicator.appendix, indicator.code) if indicator.code else False

    @api.constrains("code", "group", "appendix")
    def _check_code(self):
        groups = dict(self._fields["group"]._description_selection(self.env))
        appendices = dict(self._fields["appendix"]._description_selection(self.env))
        for indicator in self:
            try:
                stats.check_code(indicator.code, indicator.group)
            except stats.StatisticsError as error:
                if error.code == "format":
                    raise ValidationError(_("Code: %r is not four digits (the group's two and the item's two, e.g. "
                                            "0605).") % (indicator.code,))
                raise ValidationError(_("Code: %(code)s does not start with %(number)s, the number of group "
                                        "%(group)s.") % {"code": indicator.code,
                                                         "number": stats.GROUP_NUMBER[indicator.group],
                                                         "group": groups[indicator.group]})
            if stats.GROUP_APPENDIX[indicator.group] != indicator.appendix:
                raise ValidationError(_("Group: %(group)s is not a group of %(appendix)s.") % {
                    "group": groups[indicator.group], "appendix": appendices[indicator.appendix]})

    @api.constrains("measure", "rate_base")
    def _check_rate_base(self):
        for indicator in self:
            if indicator.measure == "rate" and not indicator.rate_base:
                raise ValidationError(_("Rate per: indicator %s is a rate; say whether per 100 or per 1,000.")
                                      % indicator.reference)

    @api.constrains("suite_source", "measure", "by_sex", "by_age_group")
    def _check_suite_source(self):
        for indicator in self:
            if indicator.suite_source and (indicator.measure != "count" or indicator.by_sex
                                           or indicator.by_age_group):
                raise ValidationError(_("Filled from: the suite counts the children of indicator %s, without "
                                        "breakdowns; it must be a count with no breakdown.") % indicator.reference)

    @api.multi
    def write(self, vals):
        res = super(ChildStatIndicator, self).write(vals)
        if FIGURE_RULE_FIELDS & set(vals):
            # the figures the wards gave keep the new rules, or the change is refused
            self.env["child.stat.report.line"].sudo().search([("indicator_id", "in", self.ids)])._check_figures()
        return res

    @api.multi
    def name_get(self):
        return [(indicator.id, "[%s] %s" % (indicator.reference, indicator.name)) for indicator in self]

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        args = list(args or [])
        if name and operator in ("ilike", "like", "=", "=ilike"):
            indicators = self.search(["|", ("reference", "=ilike", name + "%"), ("name", operator, name)] + args,
                                     limit=limit)
            return indicators.name_get()
        return super(ChildStatIndicator, self).name_search(name, args, operator, limit)

    def _engine_values(self):
        """The indicator as the engine takes it."""
        self.ensure_one()
        return {"id": self.id, "appendix": self.appendix, "group": self.group, "code": self.code,
                "name": self.name, "unit": self.unit or "", "measure": self.measure,
                "rate_base": int(self.rate_base or 100), "publication": self.publication, "by_sex": self.by_sex,
                "by_age_group": self.by_age_group}

    def _dimensions(self):
        self.ensure_one()
        return stats.dimensions_of(self._engine_values())

    @api.model
    def _published_in(self, period):
        """The active indicators reported for ``period``, in the catalogue's order."""
        publications = [key for key, periods in stats.PUBLICATION_PERIODS.items() if period in periods]
        return self.search([("publication", "in", publications)])
