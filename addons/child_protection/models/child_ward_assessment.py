from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from .child_plan import YEAR_MAX, YEAR_MIN

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("assessed", "Assessed"),
]
COMMUNE = "child_protection.group_commune_officer"
OFFICER = "child_protection.group_plan_officer"
# (from, to): the group that may move an assessment along that edge; enforced in write(), so XML-RPC callers meet
# the same rules as the buttons. The ward scores itself and submits (its own commune officer only, see
# _check_transition); the district assesses, or sends it back to be corrected.
TRANSITIONS = {
    ("draft", "submitted"): COMMUNE,
    ("submitted", "assessed"): OFFICER,
    ("submitted", "draft"): OFFICER,
    ("assessed", "draft"): OFFICER,
}
# What changes only while the assessment is a draft (the lines guard themselves too).
DRAFT_FIELDS = ("ward_id", "year", "line_ids")
# Counted or stamped by the assessment itself, never written by hand; the stamps come with a change of state.
COUNTED_FIELDS = ("total_score", "threshold", "is_recognised")
PRECISION = 2


class ChildWardAssessment(models.Model):
    """A commune's or ward's assessment against the 13 criteria of a child-friendly commune (Decision 06/2019/QĐ-TTg)
    for one year: the ward scores itself and submits, the district assesses.

    It meets the standard when every criterion is met, none scores 0 and the total reaches the points its kind of
    commune needs (child.ward.threshold)."""
    _name = "child.ward.assessment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Child-friendly ward assessment"
    _order = "year desc, ward_id"

    name = fields.Char(compute="_compute_name", store=True)
    ward_id = fields.Many2one("child.area", string="Commune / ward", required=True, index=True, ondelete="restrict",
                              domain=[("level", "=", "commune")], track_visibility="onchange")
    district_id = fields.Many2one(related="ward_id.parent_id", store=True, readonly=True, string="Within")
    commune_kind = fields.Selection(related="ward_id.commune_kind", readonly=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.from_string(fields.Date.today()).year,
                          track_visibility="onchange")
    line_ids = fields.One2many("child.ward.assessment.line", "assessment_id", string="Criteria",
                               default=lambda self: self._default_line_ids())
    total_score = fields.Float(string="Total points", compute="_compute_total_score", store=True,
                               digits=(16, PRECISION))
    threshold = fields.Integer(string="Points needed", compute="_compute_threshold", store=True,
                               help="The least total its kind of commune needs (Configuration > Child-friendly "
                                    "thresholds).")
    is_recognised = fields.Boolean(
        string="Meets the standard", compute="_compute_is_recognised", store=True,
        help="Every criterion met, none at 0 points and the total at the threshold or more. It counts as a "
             "child-friendly commune or ward once the district has assessed it.")
    shortfalls = fields.Text(string="Why not recognised", compute="_compute_shortfalls")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, copy=False, index=True,
                             track_visibility="onchange", workflow=True)
    submitted_date = fields.Date(string="Submitted on", readonly=True, copy=False, workflow=True)
    submitted_by_id = fields.Many2one("res.users", string="Submitted by", readonly=True, copy=False, workflow=True)
    assessed_date = fields.Date(string="Assessed on", readonly=True, copy=False, workflow=True)
    assessed_by_id = fields.Many2one("res.users", string="Assessed by", readonly=True, copy=False, workflow=True)
    note = fields.Text(string="Remarks")

    _sql_constraints = [
        ("ward_year_unique", "unique(ward_id, year)",
         "Commune / ward and year: this commune or ward already has an assessment for that year; open it instead."),
    ]

    def _default_line_ids(self):
        return [(0, 0, {"criterion_id": criterion.id})
                for criterion in self.env["child.ward.criterion"].search([])]

    @api.depends("ward_id.name", "year")
    def _compute_name(self):
        for assessment in self:
            assessment.name = "%s - %s" % (assessment.ward_id.name or "", assessment.year or "")

    @api.depends("line_ids.score")
    def _compute_total_score(self):
        for assessment in self:
            assessment.total_score = sum(assessment.line_ids.mapped("score"))

    @api.depends("ward_id.commune_kind")
    def _compute_threshold(self):
        Threshold = self.env["child.ward.threshold"]
        for assessment in self:
            assessment.threshold = Threshold.threshold_for(assessment.ward_id.commune_kind)

    @api.depends("line_ids.score", "line_ids.met", "line_ids.criterion_id", "total_score", "threshold")
    def _compute_is_recognised(self):
        for assessment in self:
            assessment.is_recognised = bool(assessment.ward_id) and not assessment._shortfalls()

    @api.depends("line_ids.score", "line_ids.met", "line_ids.criterion_id", "total_score", "threshold")
    def _compute_shortfalls(self):
        for assessment in self:
            assessment.shortfalls = "\n".join(assessment._shortfalls())

    @api.constrains("ward_id")
    def _check_ward(self):
        for assessment in self:
            if assessment.ward_id.level != "commune":
                raise ValidationError(_("Commune / ward: %s is not a commune or ward.") % assessment.ward_id.name)

    @api.constrains("year")
    def _check_year(self):
        for assessment in self:
            if not YEAR_MIN <= assessment.year <= YEAR_MAX:
                raise ValidationError(_("Year: %(year)s is not between %(min)s and %(max)s.") % {
                    "year": assessment.year, "min": YEAR_MIN, "max": YEAR_MAX})

    @api.model
    def create(self, vals):
        self._check_not_counted(vals)
        assessment = super(ChildWardAssessment, self).create(vals)
        assessment._add_missing_lines()
        return assessment

    @api.multi
    def write(self, vals):
        # access first: a reader who may not write is told so, not that the assessment is submitted
        self.check_access_rights("write")
        self.check_access_rule("write")
        if "state" in vals:
            self._check_transition(vals["state"])
        self._check_not_counted(vals)
        locked = [name for name in DRAFT_FIELDS if name in vals]
        if locked:
            self._check_draft([self._fields[name]._description_string(self.env) for name in locked])
        result = super(ChildWardAssessment, self).write(vals)
        if "state" in vals:
            self._refresh_plan_indicators()
        return result

    @api.multi
    def unlink(self):
        self.check_access_rights("unlink")
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(_("Assessment %s: only a draft assessment can be deleted.") % assessment.name)
        return super(ChildWardAssessment, self).unlink()

    # Actions --------------------------------------------------------------------------------------------------

    @api.multi
    def action_submit(self):
        """The ward sends its self-assessment to the district."""
        self._workflow().write({"state": "submitted", "submitted_date": fields.Date.context_today(self),
                    "submitted_by_id": self.env.uid})
        return True

    @api.multi
    def action_assess(self):
        """The district confirms the scores; a recognised assessment now counts in the plans' indicators."""
        self._workflow().write({"state": "assessed", "assessed_date": fields.Date.context_today(self),
                    "assessed_by_id": self.env.uid})
        return True

    @api.multi
    def action_draft(self):
        """Send back to the ward to be corrected."""
        self._workflow().write({"state": "draft", "assessed_date": False, "assessed_by_id": False})
        return True

    # Business methods -----------------------------------------------------------------------------------------

    def _add_missing_lines(self):
        """A line for every criterion the assessment has none for."""
        criteria = self.env["child.ward.criterion"].search([])
        for assessment in self:
            missing = criteria - assessment.line_ids.mapped("criterion_id")
            if missing:
                assessment.write({"line_ids": [(0, 0, {"criterion_id": criterion.id}) for criterion in missing]})

    def _recompute_verdict(self):
        """Recompute the threshold and the verdict (after the thresholds changed), and the plans' counts."""
        for name in ("threshold", "is_recognised"):
            self.env.add_todo(self._fields[name], self)
        self.recompute()
        self.filtered(lambda a: a.state == "assessed")._refresh_plan_indicators()

    def _shortfalls(self):
        """Why the assessment does not meet the standard, one sentence each, in the user's language; none when it
        does."""
        self.ensure_one()
        lines = {line.criterion_id: line for line in self.line_ids}
        reasons = []
        for criterion in self.env["child.ward.criterion"].sudo().search([]):
            line = lines.get(criterion)
            labels = {"code": criterion.code, "name": criterion.name}
            if not line:
                reasons.append(_("Criterion %(code)s (%(name)s) is not scored.") % labels)
                continue
            zero = float_is_zero(line.score, precision_digits=PRECISION)
            if not line.met and zero:
                reasons.append(_("Criterion %(code)s (%(name)s) is not met and scores 0.") % labels)
            elif not line.met:
                reasons.append(_("Criterion %(code)s (%(name)s) is not met.") % labels)
            elif zero:
                reasons.append(_("Criterion %(code)s (%(name)s) scores 0.") % labels)
        kind = dict(self.env["child.area"]._fields["commune_kind"]._description_selection(self.env)).get(
            self.ward_id.commune_kind, "")
        if not self.threshold:
            reasons.append(_("Total: no threshold is set for the kind %s (Configuration > Child-friendly "
                             "thresholds).") % kind)
        elif float_compare(self.total_score, self.threshold, precision_digits=PRECISION) < 0:
            reasons.append(_("Total: %(total)s points, under the %(threshold)s points needed (%(kind)s).") % {
                "total": "%g" % self.total_score, "threshold": self.threshold, "kind": kind})
        return reasons

    def _check_transition(self, new_state):
        states = dict(self._fields["state"]._description_selection(self.env))
        if new_state not in states:
            raise UserError(_("State: unknown state %r.") % new_state)
        user = self.env.user
        for assessment in self:
            group = TRANSITIONS.get((assessment.state, new_state))
            if not group:
                raise UserError(_("Assessment %(name)s is %(from)s: it cannot become %(to)s.") % {
                    "name": assessment.name, "from": states[assessment.state], "to": states[new_state]})
            if self.env.uid == SUPERUSER_ID:
                continue
            if group == COMMUNE:
                if not (user.has_group(COMMUNE) and assessment.ward_id in user.child_agency_ids.mapped("area_id")):
                    raise AccessError(_("Assessment %(name)s: only the commune officer of %(ward)s submits its "
                                        "self-assessment.") % {"name": assessment.name,
                                                               "ward": assessment.ward_id.name})
            elif not user.has_group(group):
                raise AccessError(_("Assessment %(name)s: only a %(group)s can make a %(from)s assessment "
                                    "%(to)s.") % {"name": assessment.name, "group": self.env.ref(group).name,
                                                  "from": states[assessment.state], "to": states[new_state]})

    def _check_not_counted(self, vals):
        """Refuse values for the fields the assessment counts itself (the stamps are workflow fields)."""
        counted = [name for name in COUNTED_FIELDS if name in vals]
        if counted:
            raise UserError(_("%s: counted from the criteria and the workflow; it cannot be written.") % ", ".join(
                self._fields[name]._description_string(self.env) for name in counted))

    def _check_draft(self, what):
        """Refuse a change of ``what`` (the names of what would change) on assessments that are not drafts."""
        states = dict(self._fields["state"]._description_selection(self.env))
        for assessment in self.filtered(lambda a: a.state != "draft"):
            raise UserError(_("%(what)s: the assessment %(name)s is %(state)s; it changes only as a draft (send it "
                              "back to draft first).") % {"what": ", ".join(what), "name": assessment.name,
                                                          "state": states[assessment.state]})

    @api.model
    def recognised_count(self, area, year):
        """(the communes and wards within ``area`` whose assessment for ``year`` is assessed and meets the standard,
        all the communes and wards within ``area``): counted over every ward, whoever asks."""
        wards = self.env["child.area"].sudo().search([("id", "child_of", area.id), ("level", "=", "commune")])
        recognised = self.sudo().search_count([("ward_id", "in", wards.ids), ("year", "=", year),
                                               ("state", "=", "assessed"), ("is_recognised", "=", True)])
        return recognised, len(wards)

    def _refresh_plan_indicators(self):
        """Recount the indicators fed by the assessments (source "child_friendly_wards") of the plans of these
        years over these wards."""
        indicators = self.env["child.plan.indicator"].sudo().search([
            ("source", "=", "child_friendly_wards"), ("plan_id.year", "in", list(set(self.mapped("year"))))])
        wards = self.mapped("ward_id")
        Area = self.env["child.area"].sudo()
        concerned = indicators.filtered(lambda indicator: indicator.plan_id.area_id and Area.search_count(
            [("id", "in", wards.ids), ("id", "child_of", indicator.plan_id.area_id.id)]))
        concerned._refresh_result_from_source()
