from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from ..engines import event_dates, money, participation, settlement

KINDS = [
    ("action_month", "Action Month for Children"),
    ("forum", "Children's Forum"),
    ("childrens_day", "Children's Day (1 June)"),
    ("mid_autumn", "Mid-Autumn Festival"),
    ("lunar_new_year", "Lunar New Year"),
    ("summer", "Summer activities"),
    ("other", "Other"),
]
STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("running", "Running"),
    ("settled", "Settled"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("draft", "approved", "running")
ORGANISER = "child_events.group_event_organiser"
LEADER = "child_protection.group_leader"
PLAN_RUNNING_STATES = ("issued", "in_progress")

# (from, to): the group that may move an event along that edge. Enforced in write(), so a call over XML-RPC is held
# to the same rules as the buttons.
TRANSITIONS = {
    ("draft", "approved"): LEADER,
    ("approved", "draft"): LEADER,
    ("approved", "running"): ORGANISER,
    ("running", "settled"): ORGANISER,
    ("draft", "cancelled"): ORGANISER,
    ("approved", "cancelled"): LEADER,
    ("running", "cancelled"): LEADER,
    ("cancelled", "draft"): ORGANISER,
}
# What may still change on a settled or cancelled event: the workflow, the chatter, when it fed its indicator.
UNFROZEN_FIELDS = {"state", "indicator_pushed_on"}


class ChildEvent(models.Model):
    """An event of a plan (Action Month, the Children's Forum, Mid-Autumn ...) with its wards and participation,
    its budget by funding source, its gifts and their recipients, and its settlement."""
    _name = "child.event"
    _description = "Child event"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Event", required=True, track_visibility="onchange")
    kind = fields.Selection(KINDS, required=True, default="action_month", track_visibility="onchange")
    plan_id = fields.Many2one("child.plan", string="Plan", required=True, index=True, ondelete="restrict",
                              track_visibility="onchange", help="The plan this event carries out.")
    year = fields.Integer(required=True, help="The plan's year when empty.")
    theme = fields.Char(help="The theme of the year, e.g. the theme of Action Month.")
    date_start = fields.Date(string="Start", required=True, track_visibility="onchange",
                             help="Action Month: 1 June of the year when empty.")
    date_end = fields.Date(string="End", required=True, track_visibility="onchange",
                           help="Action Month: 30 June of the year when empty.")
    agency_id = fields.Many2one("child.agency", string="Organising agency", required=True, ondelete="restrict",
                                track_visibility="onchange")
    area_id = fields.Many2one(related="plan_id.area_id", store=True, readonly=True, string="Area")
    user_id = fields.Many2one("res.users", string="Organiser", default=lambda self: self.env.user,
                              track_visibility="onchange")
    description = fields.Text()
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, copy=False, index=True,
                             track_visibility="onchange", group_expand="_read_group_states", workflow=True)
    color = fields.Integer(compute="_compute_color")

    # participation
    ward_ids = fields.One2many("child.event.ward", "event_id", string="Wards", copy=True)
    children_count = fields.Integer(string="Children living there", compute="_compute_participation", store=True)
    participant_count = fields.Integer(string="Children taking part", compute="_compute_participation",
                                       store=True)
    participation_rate = fields.Float(string="Participation (%)", compute="_compute_participation", store=True,
                                      digits=(16, 2), group_operator="avg")
    participation_target = fields.Float(
        string="Target (%)", digits=(16, 2),
        help="The share of children expected to take part; the indicator's target when empty.")
    participation_met = fields.Boolean(string="Target met", compute="_compute_participation", store=True)
    indicator_id = fields.Many2one(
        "child.plan.indicator", string="Indicator fed", ondelete="restrict", domain="[('plan_id', '=', plan_id)]",
        track_visibility="onchange",
        help="The plan's participation indicator: when the event is settled (or with the button), its result in "
             "each ward and in the plan's area is recomputed from the events that feed it.")
    indicator_pushed_on = fields.Datetime(string="Indicator updated on", readonly=True, copy=False, workflow=True)

    # budget and gifts
    budget_line_ids = fields.One2many("child.event.budget.line", "event_id", string="Budget", copy=True)
    revision_ids = fields.One2many("child.event.budget.revision", "event_id", string="Revisions", readonly=True)
    gift_ids = fields.One2many("child.event.gift", "event_id", string="Gifts")
    recipient_ids = fields.One2many(
        "child.event.recipient", "event_id", string="Recipients",
        groups="child_events.group_event_organiser,child_protection.group_commune_officer")
    budget_planned = fields.Float(string="Planned (đ)", digits=(16, 0), compute="_compute_totals", store=True)
    budget_approved = fields.Float(string="Approved plan (đ)", digits=(16, 0), compute="_compute_totals",
                                   store=True)
    budget_committed = fields.Float(string="Committed (đ)", digits=(16, 0), compute="_compute_totals",
                                    store=True)
    budget_spent = fields.Float(string="Spent (đ)", digits=(16, 0), compute="_compute_totals", store=True)
    gift_planned_amount = fields.Float(string="Gifts planned (đ)", digits=(16, 0), compute="_compute_totals",
                                       store=True)
    gift_actual_amount = fields.Float(string="Gifts handed out (đ)", digits=(16, 0), compute="_compute_totals",
                                      store=True)
    settlement_html = fields.Html(string="Settlement", compute="_compute_settlement_html", sanitize=False)

    @api.model
    def _read_group_states(self, states, domain, order):
        """Kanban columns in the order of the workflow, empty ones included."""
        return [key for key, _label in STATES]

    @api.depends("state", "participation_met")
    def _compute_color(self):
        colors = {"draft": 0, "approved": 4, "running": 3, "settled": 10, "cancelled": 1}
        for event in self:
            event.color = colors.get(event.state, 0)

    @api.depends("ward_ids.children_count", "ward_ids.participant_count", "participation_target",
                 "indicator_id.target", "indicator_id.unit")
    def _compute_participation(self):
        for event in self:
            lines = [(ward.area_id.id, ward.children_count, ward.participant_count) for ward in event.ward_ids]
            try:
                got = participation.total(lines)
            except participation.ParticipationError:
                got = participation.Participation(None, 0, 0, 0.0)  # refused by the ward line's constraint
            event.children_count, event.participant_count = got.children, got.participants
            event.participation_rate = got.rate
            target = event._participation_target()
            event.participation_met = bool(got.children) and got.rate >= target

    @api.depends("budget_line_ids.planned_amount", "budget_line_ids.approved_amount",
                 "budget_line_ids.committed_amount", "budget_line_ids.spent_amount",
                 "gift_ids.planned_amount", "gift_ids.actual_amount")
    def _compute_totals(self):
        for event in self:
            result = settlement.settle(event._settlement_budget_lines(), event._settlement_gifts())
            totals = result["totals"]
            event.budget_planned = totals["planned"]
            event.budget_approved = totals["approved"]
            event.budget_committed = totals["committed"]
            event.budget_spent = totals["spent"]
            event.gift_planned_amount = totals["gift_planned"]
            event.gift_actual_amount = totals["gift_actual"]

    def _compute_settlement_html(self):
        for event in self:
            event.settlement_html = event._render_settlement(
                settlement.settle(event._settlement_budget_lines(), event._settlement_gifts()))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for event in self:
            if event.date_start and event.date_end and event.date_end < event.date_start:
                raise ValidationError(_("End: %(end)s is before the start, %(start)s; an event ends on or after "
                                        "the day it starts.") % {"end": event.date_end, "start": event.date_start})

    @api.constrains("year", "plan_id", "date_start", "date_end")
    def _check_year(self):
        for event in self:
            if not 2000 <= event.year <= 2100:
                raise ValidationError(_("Year: %s is out of range; an event's year lies between 2000 and 2100.")
                                      % event.year)
            if event.plan_id and event.year != event.plan_id.year:
                raise ValidationError(_("Year: %(year)s is not the year of plan %(plan)s (%(plan_year)s); an event "
                                        "carries out its plan's year.") % {
                    "year": event.year, "plan": event.plan_id.display_name, "plan_year": event.plan_id.year})
            # an event belongs to the year it starts in (Tet gifts may end in the next one)
            if event.date_start and fields.Date.from_string(event.date_start).year != event.year:
                raise ValidationError(_("Start: %(date)s is outside the event's year, %(year)s.") % {
                    "date": event.date_start, "year": event.year})

    @api.constrains("indicator_id", "plan_id")
    def _check_indicator(self):
        for event in self:
            if event.indicator_id and event.indicator_id.plan_id != event.plan_id:
                raise ValidationError(_("Indicator fed: %(indicator)s is an indicator of another plan, not of "
                                        "%(plan)s.") % {"indicator": event.indicator_id.name,
                                                       "plan": event.plan_id.display_name})

    @api.constrains("participation_target")
    def _check_target(self):
        for event in self:
            if not 0 <= event.participation_target <= 100:
                raise ValidationError(_("Target (%%): %s is not a percentage between 0 and 100.")
                                      % event.participation_target)

    @api.onchange("kind", "plan_id", "year")
    def _onchange_kind_dates(self):
        if self.plan_id and not self.year:
            self.year = self.plan_id.year
        start, end = event_dates.default_dates(self.kind, self.year or self.plan_id.year)
        if start:
            self.date_start, self.date_end = fields.Date.to_string(start), fields.Date.to_string(end)

    @api.onchange("plan_id")
    def _onchange_plan(self):
        if self.plan_id:
            self.year = self.plan_id.year
            if self.indicator_id.plan_id != self.plan_id:
                self.indicator_id = False

    @api.onchange("indicator_id")
    def _onchange_indicator(self):
        if self.indicator_id.unit == "percent" and not self.participation_target:
            self.participation_target = self.indicator_id.target

    @api.model
    def create(self, vals):
        vals = dict(vals)
        self._check_input(vals)  # the year and kind are read below, before the ORM's own checks
        plan = self.env["child.plan"].browse(vals.get("plan_id"))
        if not vals.get("year") and plan:
            vals["year"] = plan.year
        start, end = event_dates.default_dates(vals.get("kind", "action_month"), vals.get("year"))
        if start:
            vals.setdefault("date_start", fields.Date.to_string(start))
            vals.setdefault("date_end", fields.Date.to_string(end))
        if not vals.get("participation_target") and vals.get("indicator_id"):
            indicator = self.env["child.plan.indicator"].browse(vals["indicator_id"])
            if indicator.unit == "percent":
                vals["participation_target"] = indicator.target
        return super(ChildEvent, self).create(vals)

    @api.multi
    def write(self, vals):
        # access first: a reader who may not write is told so, not that the event is settled
        self.check_access_rights("write")
        self.check_access_rule("write")
        if "state" in vals:
            self._check_transition(vals["state"])
        changed = [name for name in vals
                   if name not in UNFROZEN_FIELDS and self._fields[name].type != "one2many"
                   and not name.startswith(("message_", "activity_"))]
        if changed:
            self._check_open([self._fields[name]._description_string(self.env) for name in changed])
        return super(ChildEvent, self).write(vals)

    @api.multi
    def unlink(self):
        for event in self:
            if event.state not in ("draft", "cancelled"):
                raise UserError(_("Event %s: only a draft or cancelled event can be deleted.") % event.name)
            if any(event.gift_ids.mapped("distributed_qty")):
                raise UserError(_("Event %s: gifts were handed out and signed for; the event is kept.")
                                % event.name)
        return super(ChildEvent, self).unlink()

    # workflow ------------------------------------------------------------------------------------------------

    @api.multi
    def action_approve(self):
        for event in self:
            missing = event._approve_requirements()
            if missing:
                raise UserError(_("Event %s cannot be approved yet:\n") % event.name + "\n".join(missing))
        self._workflow().write({"state": "approved"})
        return True

    @api.multi
    def action_start(self):
        self._workflow().write({"state": "running"})
        return True

    @api.multi
    def action_settle(self):
        for event in self:
            event._check_transition("settled")
            pending = event.revision_ids.filtered(lambda r: r.state == "to_approve")
            if pending:
                raise UserError(_("Revisions: %(count)s revision(s) of event %(event)s wait for a leader; approve "
                                  "or refuse them before settling.") % {"count": len(pending),
                                                                         "event": event.name})
            event._workflow().write({"state": "settled"})
            if event.indicator_id:
                event._push_participation()
        return True

    @api.multi
    def action_cancel(self):
        self._workflow().write({"state": "cancelled"})
        return True

    @api.multi
    def action_draft(self):
        self._workflow().write({"state": "draft"})
        return True

    @api.multi
    def action_push_participation(self):
        """Recompute the indicator results this event feeds, before it is settled (settling does it too)."""
        for event in self:
            if not event.indicator_id:
                raise UserError(_("Indicator fed: event %s names no indicator of its plan to update.") % event.name)
            if event.state not in ("running", "settled"):
                raise UserError(_("Indicator fed: event %(event)s is %(state)s; participation feeds the plan once "
                                  "the event runs.") % {"event": event.name, "state": event._state_label()})
            event._push_participation()
        return True

    def _check_transition(self, new_state):
        if new_state not in dict(STATES):
            raise UserError(_("State: unknown state %r.") % new_state)
        for event in self:
            group = TRANSITIONS.get((event.state, new_state))
            states = dict(self._fields["state"]._description_selection(self.env))
            if not group:
                raise UserError(_("Event %(event)s is %(from)s: it cannot become %(to)s.") % {
                    "event": event.name, "from": states[event.state], "to": states[new_state]})
            if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(group):
                raise AccessError(_("Event %(event)s: only the %(group)s role can make a %(from)s event %(to)s.") % {
                    "event": event.name, "group": self.env.ref(group).name,
                    "from": states[event.state], "to": states[new_state]})

    def _check_open(self, what):
        """Refuse a change (``what``: the names of what would change) once the event is settled or cancelled."""
        for event in self:
            if event.state not in OPEN_STATES:
                raise UserError(_("%(what)s: event %(event)s is %(state)s; it no longer changes.") % {
                    "what": ", ".join(what), "event": event.name, "state": event._state_label()})

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _approve_requirements(self):
        self.ensure_one()
        missing = []
        if self.plan_id.state not in PLAN_RUNNING_STATES:
            missing.append(_("Plan: %(plan)s is %(state)s; an event carries out an issued plan.") % {
                "plan": self.plan_id.display_name, "state": self.plan_id._state_label()})
        if not self.ward_ids:
            missing.append(_("Wards: add the wards the event covers."))
        if not self.budget_line_ids:
            missing.append(_("Budget: add at least one funding source with its planned amount."))
        return missing

    def _participation_target(self):
        self.ensure_one()
        if self.participation_target:
            return self.participation_target
        if self.indicator_id.unit == "percent":
            return self.indicator_id.target
        return 0.0

    # participation into the plan's indicator -------------------------------------------------------------------

    def _push_participation(self):
        """Write the results of the event's indicator, through the ORM: one per ward covered and one for the plan's
        area, from the ward lines of every event that feeds the indicator and was settled or pushed."""
        self.ensure_one()
        self._workflow().write({"indicator_pushed_on": fields.Datetime.now()})
        indicator = self.indicator_id.sudo()
        events = self.sudo().search([("indicator_id", "=", indicator.id), ("state", "!=", "cancelled"),
                                     ("indicator_pushed_on", "!=", False)], order="date_start, id")
        lines = [(ward.area_id.id, ward.children_count, ward.participant_count)
                 for event in events for ward in event.ward_ids]
        rows = {row.area: row for row in participation.aggregate(lines)}
        plan_area = indicator.plan_id.area_id
        if plan_area:
            rows[plan_area.id] = participation.total(lines)._replace(area=plan_area.id)
        as_of = max(events.mapped("date_end"))
        # stored text: in the context's language, else the acting user's (an XML-RPC call, the demo data)
        note = self.with_context(lang=self.env.context.get("lang") or self.env.user.lang)._results_note(events)
        Result = self.env["child.plan.indicator.result"].sudo()
        for area_id, row in rows.items():
            value, total = participation.indicator_figures(indicator.unit, row.children, row.participants)
            vals = {"value": value, "total": total, "date": as_of, "note": note}
            result = Result.search([("indicator_id", "=", indicator.id), ("area_id", "=", area_id)])
            if result:
                result.write(vals)
            else:
                Result.create(dict(vals, indicator_id=indicator.id, area_id=area_id))
        self.message_post(body=_("Participation sent to the indicator %(indicator)s: %(rate)s %% in %(area)s.") % {
            "indicator": indicator.name, "rate": rows[plan_area.id].rate if plan_area else self.participation_rate,
            "area": plan_area.name or ""})

    def _results_note(self, events):
        return _("From the events: %s") % ", ".join(events.mapped("name"))

    # settlement ------------------------------------------------------------------------------------------------

    def _settlement_budget_lines(self):
        self.ensure_one()
        sources = dict(self.env["child.event.budget.line"]._fields["source"]._description_selection(self.env))
        return [{"label": line.display_name, "source": line.source, "source_label": sources.get(line.source),
                 "planned": line.planned_amount, "approved": line.approved_amount,
                 "committed": line.committed_amount, "spent": line.spent_amount}
                for line in self.budget_line_ids]

    def _settlement_gifts(self):
        self.ensure_one()
        Gift = self.env["child.event.gift"]
        sources = dict(self.env["child.event.budget.line"]._fields["source"]._description_selection(self.env))
        groups = dict(Gift._fields["beneficiary_group"]._description_selection(self.env))
        return [{"name": gift.name, "kind": gift.kind, "group_label": groups.get(gift.beneficiary_group),
                 "source": gift.budget_line_id.source, "source_label": sources.get(gift.budget_line_id.source),
                 "cash": gift.cash_amount, "goods": gift.goods_value, "planned_qty": gift.planned_qty,
                 "actual_qty": gift.distributed_qty}
                for gift in self.gift_ids]

    def _settlement_recipients(self):
        """The recipients the user may read (organisers: all; a ward's officer: their ward), ward by ward."""
        self.ensure_one()
        Recipient = self.env["child.event.recipient"]
        if not Recipient.check_access_rights("read", raise_exception=False):
            return []
        groups = dict(Recipient._fields["beneficiary_group"]._description_selection(self.env))
        wards = {ward.area_id.id: ward.sequence for ward in self.ward_ids}
        people = Recipient.search([("event_id", "=", self.id)])
        people = people.sorted(lambda r: (wards.get(r.area_id.id, 0), r.area_id.name, r.sequence, r.id))
        return [{"ward": person.area_id.name, "child": person.child_name, "birth_year": person.birth_year,
                 "group_label": groups.get(person.beneficiary_group), "guardian": person.guardian_name,
                 "gift": person.gift_id.name, "value": person.gift_id.unit_value, "received": person.received,
                 "date_signed": person.date_signed}
                for person in people]

    @api.multi
    def get_settlement_data(self):
        """The settlement as plain rows (engines/settlement.py): by source, budget lines, gift lines and, for
        those who may read them, the recipient lists per ward. Fit for XML-RPC: None is False, and sums beyond
        XML-RPC's 32-bit integers are sent as (exact) floats."""
        self.ensure_one()
        data = settlement.settle(self._settlement_budget_lines(), self._settlement_gifts(),
                                 self._settlement_recipients())
        data["event"] = {"name": self.name, "kind": self.kind, "year": self.year, "theme": self.theme or False,
                         "date_start": self.date_start, "date_end": self.date_end,
                         "agency": self.agency_id.name, "plan": self.plan_id.display_name,
                         "state": self.state}
        return _rpc_safe(data)

    def _render_settlement(self, data):
        """Actual against plan by funding source and by gift line, as an HTML table for the form. Holds no
        recipient: every reader of the event sees it."""
        fmt = money.format_dong
        head = lambda cells: "<tr>%s</tr>" % "".join('<th class="text-right">%s</th>' % html_escape(c) if i
                                                   else "<th>%s</th>" % html_escape(c) for i, c in enumerate(cells))
        row = lambda cells: "<tr>%s</tr>" % "".join('<td class="text-right">%s</td>' % html_escape(str(c)) if i
                                                  else "<td>%s</td>" % html_escape(str(c)) for i, c in enumerate(cells))
        parts = ['<table class="table table-condensed o_child_event_settlement">',
                 head([_("Funding source"), _("Planned (đ)"), _("Approved plan (đ)"), _("Committed (đ)"),
                       _("Spent (đ)"), _("Variance (đ)")])]
        for source in data["sources"]:
            parts.append(row([source["label"], fmt(source["planned"]), fmt(source["approved"]),
                              fmt(source["committed"]), fmt(source["spent"]), fmt(source["variance"])]))
        totals = data["totals"]
        parts.append(row([_("Total"), fmt(totals["planned"]), fmt(totals["approved"]), fmt(totals["committed"]),
                          fmt(totals["spent"]), fmt(totals["variance"])]))
        parts.append("</table>")
        parts.append('<table class="table table-condensed o_child_event_settlement">')
        parts.append(head([_("Gift"), _("Unit value (đ)"), _("Planned quantity"), _("Handed out"),
                           _("Planned (đ)"), _("Actual (đ)"), _("Variance (đ)")]))
        for gift in data["gifts"]:
            parts.append(row([gift["name"], fmt(gift["unit_value"]), gift["planned_qty"], gift["actual_qty"],
                              fmt(gift["planned_amount"]), fmt(gift["actual_amount"]), fmt(gift["variance"])]))
        parts.append(row([_("Total"), "", totals["gift_planned_qty"], totals["gift_actual_qty"],
                          fmt(totals["gift_planned"]), fmt(totals["gift_actual"]), fmt(totals["gift_variance"])]))
        parts.append("</table>")
        return "".join(parts)


def _rpc_safe(value):
    if value is None:
        return False
    if isinstance(value, dict):
        return {key: _rpc_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rpc_safe(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and not -2 ** 31 <= value < 2 ** 31:
        return float(value)
    return value
