import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engines import schedule

REPORT_KINDS = [
    ("plan", "Commune plan"),
    ("six_month", "6-month report"),
    ("nine_month", "9-month report"),
    ("annual", "Annual report"),
    ("action_month", "Action Month report"),
    ("summer", "Summer activities report"),
    ("child_friendly", "Child-friendly commune results"),
    ("other", "Other"),
]
SCOPES = [
    ("standing", "The standing agency"),
    ("communes", "Each commune / ward committee"),
    ("agency", "One agency"),
]
OBLIGATION_STATES = [("pending", "Pending"), ("submitted", "Submitted"), ("late", "Late")]


class ChildReportCalendar(models.Model):
    """A template of the reports a plan asks for each year (the seed plan's 10/5, 10/8, 10/11, 5/7 ...)."""
    _name = "child.report.calendar"
    _description = "Reporting calendar template"

    name = fields.Char(required=True, translate=True)
    line_ids = fields.One2many("child.report.calendar.line", "calendar_id", string="Reports", copy=True)
    incident_rule = fields.Text(
        translate=True,
        help="How incidents are reported (violence, abuse, injury of a child): shown on the plan and in the "
             "reporting calendar.")
    active = fields.Boolean(default=True)


class ChildReportCalendarLine(models.Model):
    _name = "child.report.calendar.line"
    _description = "Reporting calendar template line"
    _order = "due_month, due_day, id"

    calendar_id = fields.Many2one("child.report.calendar", required=True, ondelete="cascade", index=True)
    kind = fields.Selection(REPORT_KINDS, required=True, default="other")
    name = fields.Char(string="Report", required=True, translate=True)
    due_month = fields.Integer(string="Due month", required=True)
    due_day = fields.Integer(string="Due day", required=True)
    scope = fields.Selection(SCOPES, string="Who reports", required=True, default="standing")
    agency_id = fields.Many2one("child.agency", string="Agency", help="With the scope One agency.")

    @api.constrains("due_month", "due_day")
    def _check_due(self):
        for line in self:
            try:
                datetime.date(2024, line.due_month, line.due_day)  # a leap year: 29/2 is a day that exists
            except ValueError:
                raise ValidationError(_("Due day: %(day)s/%(month)s is not a day of the year.") % {
                    "day": line.due_day, "month": line.due_month})

    @api.constrains("scope", "agency_id")
    def _check_agency(self):
        for line in self:
            if line.scope == "agency" and not line.agency_id:
                raise ValidationError(_("Agency: the report %s is due from one agency; say which.") % line.name)


class ChildReportObligation(models.Model):
    """A report an agency or a ward owes for a plan year, with its due date, and the file it sent."""
    _name = "child.report.obligation"
    _description = "Report obligation"
    _inherit = ["child.agency.work.mixin", "mail.thread"]
    _order = "due_date, agency_id"
    _focal_point_fields = {"report_file", "report_filename"}

    name = fields.Char(string="Report", required=True)
    kind = fields.Selection(REPORT_KINDS, required=True, default="other")
    plan_id = fields.Many2one("child.plan", string="Plan", required=True, index=True, ondelete="cascade")
    year = fields.Integer(related="plan_id.year", store=True, readonly=True)
    agency_id = fields.Many2one("child.agency", string="Reporting agency", required=True, index=True,
                                ondelete="restrict")
    due_date = fields.Date(required=True, index=True, track_visibility="onchange")
    submitted_date = fields.Date(readonly=True, copy=False, workflow=True)
    report_file = fields.Binary(string="Report file", attachment=True, copy=False)
    report_filename = fields.Char(copy=False)
    incident_rule = fields.Text(related="plan_id.incident_rule", readonly=True, string="Incident reporting")
    state = fields.Selection(OBLIGATION_STATES, compute="_compute_state", store=True, index=True,
                             track_visibility="onchange")
    submitted_late = fields.Boolean(compute="_compute_state", store=True)

    @api.depends("due_date", "submitted_date")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for obligation in self:
            if obligation.submitted_date:
                obligation.state = "submitted"
                obligation.submitted_late = obligation.submitted_date > obligation.due_date
            else:
                obligation.state = "late" if obligation.due_date and obligation.due_date < today else "pending"
                obligation.submitted_late = False

    def _focal_point_hint(self):
        return _("The reporting agency attaches its file and submits it.")

    @api.multi
    def action_submit(self):
        for obligation in self:
            if obligation.submitted_date:
                raise UserError(_("Report %s was already submitted.") % obligation.name)
            if not obligation.report_file:
                raise UserError(_("Report file: attach the report before submitting %s.") % obligation.name)
            if not (obligation._is_plan_office() or self.env.user in obligation.agency_id.user_ids):
                raise AccessError(_("Report %(report)s: only a focal point of %(agency)s or a plan officer can "
                                    "submit it.") % {"report": obligation.name, "agency": obligation.agency_id.name})
        self._write_workflow({"submitted_date": fields.Date.context_today(self)})
        return True

    @api.model
    def _cron_mark_late(self):
        """Daily: a pending report past its due date becomes late."""
        pending = self.search([("state", "=", "pending"), ("due_date", "<", fields.Date.context_today(self))])
        pending.invalidate_cache(fnames=["state", "submitted_late"], ids=pending.ids)
        self.env.add_todo(self._fields["state"], pending)
        pending.recompute()
        return True


class ChildPlan(models.Model):
    _inherit = "child.plan"

    report_calendar_id = fields.Many2one("child.report.calendar", string="Reporting calendar",
                                         help="The template the plan's report obligations are made from.")
    incident_rule = fields.Text(
        string="Incident reporting",
        help="How incidents are reported (violence, abuse, injury of a child), e.g. by phone at once and in "
             "writing within one day.")
    report_obligation_ids = fields.One2many("child.report.obligation", "plan_id", string="Reports due")
    report_late_count = fields.Integer(compute="_compute_report_late_count", string="Late reports")

    @api.depends("report_obligation_ids.state")
    def _compute_report_late_count(self):
        for plan in self:
            plan.report_late_count = len(plan.report_obligation_ids.filtered(lambda o: o.state == "late"))

    @api.onchange("report_calendar_id")
    def _onchange_report_calendar_id(self):
        if self.report_calendar_id.incident_rule and not self.incident_rule:
            self.incident_rule = self.report_calendar_id.incident_rule

    @api.multi
    def action_generate_reports(self):
        """Create the plan year's report obligations from its calendar template; those already there are kept."""
        Obligation = self.env["child.report.obligation"]
        for plan in self:
            if not plan.report_calendar_id:
                raise UserError(_("Reporting calendar: choose the template of plan %s first.") % plan.display_name)
            if plan.state in ("closed", "cancelled", "superseded"):
                raise UserError(_("Plan %(plan)s is %(state)s: no reports are due any more.") % {
                    "plan": plan.display_name, "state": plan._state_label()})
            existing = {(o.kind, o.name, o.agency_id.id) for o in plan.report_obligation_ids}
            for line in plan.report_calendar_id.line_ids:
                due = schedule.day_of_year(plan.year, line.due_month, line.due_day)
                for agency in plan._reporting_agencies(line):
                    if (line.kind, line.name, agency.id) in existing:
                        continue
                    Obligation.create({"plan_id": plan.id, "kind": line.kind, "name": line.name,
                                       "agency_id": agency.id, "due_date": fields.Date.to_string(due)})
            if not plan.incident_rule and plan.report_calendar_id.incident_rule:
                plan.incident_rule = plan.report_calendar_id.incident_rule
        return True

    def _reporting_agencies(self, line):
        Agency = self.env["child.agency"]
        if line.scope == "agency":
            return line.agency_id
        if line.scope == "communes":
            return Agency.search([("kind", "=", "committee"), ("area_id.level", "=", "commune"),
                                  ("area_id", "child_of", self.area_id.id)])
        standing = Agency.search([("kind", "=", "standing"), ("area_id", "=", self.area_id.id)], limit=1)
        return standing or self.issuer_id
