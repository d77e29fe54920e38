import datetime

from psycopg2.extras import execute_values

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("disbursed", "Disbursed"),
    ("receipted", "Receipted"),
    ("settled", "Settled"),
]
FINANCE = "child_protection.group_finance_officer"
COMMUNE = "child_protection.group_commune_officer"
# (from, to): the groups that may move a sheet along that edge; enforced in write(), so XML-RPC callers meet the
# same rules as the buttons. The ward's officer reports the receipts its collaborators signed.
TRANSITIONS = {
    ("draft", "confirmed"): (FINANCE,),
    ("confirmed", "draft"): (FINANCE,),
    ("confirmed", "disbursed"): (FINANCE,),
    ("disbursed", "receipted"): (FINANCE, COMMUNE),
    ("receipted", "disbursed"): (FINANCE,),
    ("receipted", "settled"): (FINANCE,),
}
# What may change on a line while its sheet is in each state. Nothing once settled: the period is locked.
EDITABLE = {
    "draft": {"collaborator_id", "planned_amount", "days", "note"},
    "confirmed": {"disbursed_amount", "note"},
    "disbursed": {"disbursed_amount", "receipted_amount", "receipt_signed", "receipt_date", "note"},
    "receipted": {"receipted_amount", "receipt_signed", "receipt_date", "settled_amount", "note"},
    "settled": set(),
}
LINE_TABLE_COLUMNS = ("sheet_id", "collaborator_id", "area_id", "month", "planned_amount", "days",
                      "disbursed_amount", "receipted_amount", "settled_amount", "receipt_signed")


def month_label(month):
    """"2030-03-01" -> "03/2030"."""
    return "%s/%s" % (month[5:7], month[:4]) if month else ""


def first_of_month(value):
    day = fields.Date.from_string(value)
    return fields.Date.to_string(day.replace(day=1))


def last_of_month(month):
    day = fields.Date.from_string(month)
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return fields.Date.to_string(following - datetime.timedelta(days=1))


class ChildAllowanceSheet(models.Model):
    """The allowances of one ward for one month: a line per collaborator serving that month, with what was
    planned, disbursed, signed for and settled."""
    _name = "child.allowance.sheet"
    _inherit = ["mail.thread"]
    _description = "Allowance sheet"
    _order = "month desc, area_id"

    name = fields.Char(compute="_compute_name", store=True)
    area_id = fields.Many2one("child.area", string="Commune / ward", required=True, index=True,
                              ondelete="restrict", domain=[("level", "=", "commune")], readonly=True,
                              states={"draft": [("readonly", False)]})
    month = fields.Date(required=True, index=True, readonly=True, states={"draft": [("readonly", False)]},
                        help="Any day of the month: the sheet keeps the first.")
    month_label = fields.Char(string="Month", compute="_compute_name", store=True)
    policy_id = fields.Many2one("child.allowance.policy", string="Policy", readonly=True, ondelete="restrict",
                                help="The policy in force when the lines were generated.")
    state = fields.Selection(STATES, required=True, default="draft", readonly=True, copy=False, index=True,
                             track_visibility="onchange", workflow=True)
    line_ids = fields.One2many("child.allowance.line", "sheet_id", string="Lines", copy=False)
    line_count = fields.Integer(compute="_compute_totals", string="Collaborators")
    planned_total = fields.Float(compute="_compute_totals", digits=(18, 0), string="Planned")
    disbursed_total = fields.Float(compute="_compute_totals", digits=(18, 0), string="Disbursed")
    receipted_total = fields.Float(compute="_compute_totals", digits=(18, 0), string="Receipted")
    settled_total = fields.Float(compute="_compute_totals", digits=(18, 0), string="Settled")
    note = fields.Text()

    _sql_constraints = [
        ("area_month_unique", "unique(area_id, month)", "Month: this ward already has a sheet for that month."),
    ]

    @api.depends("area_id.name", "month")
    def _compute_name(self):
        for sheet in self:
            sheet.month_label = month_label(sheet.month)
            sheet.name = "%s - %s" % (sheet.month_label, sheet.area_id.name or "")

    @api.depends("line_ids.planned_amount", "line_ids.disbursed_amount", "line_ids.receipted_amount",
                 "line_ids.settled_amount", "line_ids.receipt_signed")
    def _compute_totals(self):
        for sheet in self:
            lines = sheet.line_ids
            sheet.line_count = len(lines)
            sheet.planned_total = sum(lines.mapped("planned_amount"))
            sheet.disbursed_total = sum(lines.mapped("disbursed_amount"))
            sheet.receipted_total = sum(lines.filtered("receipt_signed").mapped("receipted_amount"))
            sheet.settled_total = sum(lines.mapped("settled_amount"))

    @api.constrains("area_id", "month")
    def _check_area_month(self):
        for sheet in self:
            if sheet.area_id.level != "commune":
                raise ValidationError(_("Commune / ward: %s is not a commune or ward; a sheet is kept per ward.")
                                      % sheet.area_id.name)
            sheet._check_unique_month(sheet.area_id, sheet.month, sheet.id)

    @api.model
    def _check_unique_month(self, area, month, sheet_id=None):
        """Refuse a second sheet of ``area`` for ``month`` (before the database's unique index would)."""
        other = self.sudo().search([("id", "!=", sheet_id), ("area_id", "=", area.id), ("month", "=", month)],
                                   limit=1)
        if other:
            raise ValidationError(_("Month: %(ward)s already has its sheet for %(month)s.") % {
                "ward": area.name, "month": month_label(month)})

    @api.model
    def create(self, vals):
        self._check_input(vals)  # the month is read below, before the ORM's own checks
        if vals.get("month"):
            vals = dict(vals, month=first_of_month(vals["month"]))
        if vals.get("area_id") and vals.get("month"):
            self._check_unique_month(self.env["child.area"].browse(vals["area_id"]), vals["month"])
        return super(ChildAllowanceSheet, self).create(vals)

    @api.multi
    def write(self, vals):
        self.check_access_rights("write")
        self.check_access_rule("write")
        if vals.get("month"):
            vals = dict(vals, month=first_of_month(vals["month"]))
        if "state" in vals:
            self._check_transition(vals["state"])
        content = [name for name in vals if name not in ("state", "note", "line_ids")
                   and not name.startswith(("message_", "activity_"))]
        for sheet in self:
            if sheet.state == "settled" and (content or "line_ids" in vals):
                raise UserError(_("%(what)s: the allowances of %(ward)s for %(month)s are settled; the period "
                                  "is locked.") % {"what": ", ".join(self._fields[name]._description_string(
                                      self.env) for name in content or ["line_ids"]),
                                                  "ward": sheet.area_id.name, "month": sheet.month_label})
            if content and sheet.state != "draft":
                raise UserError(_("%(what)s: only a draft sheet can change its ward, month or policy.") % {
                    "what": ", ".join(self._fields[name]._description_string(self.env) for name in content)})
        return super(ChildAllowanceSheet, self).write(vals)

    @api.multi
    def unlink(self):
        for sheet in self:
            if sheet.state != "draft":
                raise UserError(_("Sheet %s: only a draft sheet can be deleted.") % sheet.name)
        return super(ChildAllowanceSheet, self).unlink()

    def _check_transition(self, new_state):
        states = dict(self._fields["state"]._description_selection(self.env))
        if new_state not in states:
            raise UserError(_("State: unknown state %r.") % new_state)
        for sheet in self:
            if sheet.state == "settled":
                raise UserError(_("State: the allowances of %(ward)s for %(month)s are settled; the period is "
                                  "locked.") % {"ward": sheet.area_id.name, "month": sheet.month_label})
            groups = TRANSITIONS.get((sheet.state, new_state))
            if not groups:
                raise UserError(_("Sheet %(sheet)s is %(from)s: it cannot become %(to)s.") % {
                    "sheet": sheet.name, "from": states[sheet.state], "to": states[new_state]})
            if self.env.uid != SUPERUSER_ID and not any(self.env.user.has_group(group) for group in groups):
                raise AccessError(_("Sheet %(sheet)s: only a %(group)s can make a %(from)s sheet %(to)s.") % {
                    "sheet": sheet.name, "group": self.env.ref(groups[0]).name, "from": states[sheet.state],
                    "to": states[new_state]})
            if new_state == "confirmed" and not sheet.line_ids:
                raise UserError(_("Lines: sheet %s has no line; generate them first.") % sheet.name)

    def _check_lines_open(self, names, creating=False):
        """Refuse a change of the line fields ``names`` (``creating``: adding or removing a line) on sheets whose
        state does not allow it."""
        Line = self.env["child.allowance.line"]
        states = dict(self._fields["state"]._description_selection(self.env))
        for sheet in self:
            if sheet.state == "settled":
                raise UserError(_("%(what)s: the allowances of %(ward)s for %(month)s are settled; the period is "
                                  "locked.") % {"what": ", ".join(Line._label(name) for name in names),
                                                "ward": sheet.area_id.name, "month": sheet.month_label})
            if creating and sheet.state != "draft":
                raise UserError(_("Lines: sheet %(sheet)s is %(state)s; lines are added or removed only on a "
                                  "draft.") % {"sheet": sheet.name, "state": states[sheet.state]})
            closed = [name for name in names if name not in EDITABLE[sheet.state]
                      and name in Line._fields and not creating]
            if closed:
                allowed = [label for state, label in states.items() if closed[0] in EDITABLE[state]]
                raise UserError(_("%(what)s: sheet %(sheet)s is %(state)s; this changes only while the sheet is "
                                  "%(allowed)s.") % {"what": ", ".join(Line._label(name) for name in closed),
                                                     "sheet": sheet.name, "state": states[sheet.state],
                                                     "allowed": " / ".join(allowed) or "-"})

    # Actions --------------------------------------------------------------------------------------------------

    @api.multi
    def action_generate_lines(self):
        """(Re)write the lines of draft sheets from the collaborators serving that month and the policy."""
        for sheet in self:
            if sheet.state != "draft":
                raise UserError(_("Lines: sheet %s is no longer a draft; its lines are not generated again.")
                                % sheet.name)
        self.check_access_rights("write")
        self.check_access_rule("write")
        self.env["child.allowance.line"].check_access_rights("create")
        policies = {}
        for sheet in self:
            key = (sheet.area_id.id, sheet.month)
            if key not in policies:
                policies[key] = self.env["child.allowance.policy"].policy_for(sheet.area_id, sheet.month)
            sheet._generate_lines(policies[key])
        return True

    @api.multi
    def action_confirm(self):
        self._workflow().write({"state": "confirmed"})
        return True

    @api.multi
    def action_draft(self):
        self._workflow().write({"state": "draft"})
        return True

    @api.multi
    def action_disburse(self):
        self._workflow().write({"state": "disbursed"})
        return True

    @api.multi
    def action_receipt(self):
        """Receipts are in: the settled amounts are proposed as the amounts signed for (editable until settled)."""
        self._workflow().write({"state": "receipted"})
        self.env.cr.execute("UPDATE child_allowance_line SET settled_amount = CASE WHEN receipt_signed "
                            "THEN receipted_amount ELSE 0 END WHERE sheet_id IN %s", [tuple(self.ids)])
        self.env["child.allowance.line"].invalidate_cache(["settled_amount"])
        return True

    @api.multi
    def action_settle(self):
        self._workflow().write({"state": "settled"})
        return True

    @api.multi
    def action_reopen_receipts(self):
        self._workflow().write({"state": "disbursed"})
        return True

    @api.multi
    def action_import(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "child.allowance.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_sheet_id": self.id},
        }

    # Generation -----------------------------------------------------------------------------------------------

    def _serving_collaborators(self):
        """The collaborators of the ward who served at least one day of the month (archived ones too when their
        last day falls in or after it)."""
        self.ensure_one()
        return self.env["child.collaborator"].with_context(active_test=False).sudo().search([
            ("area_id", "=", self.area_id.id), ("date_start", "<=", last_of_month(self.month)),
            "|", ("date_end", "=", False), ("date_end", ">=", self.month),
            "|", ("active", "=", True), ("date_end", "!=", False)], order="name, id")

    def _generate_lines(self, policy):
        """Replace the lines by one per serving collaborator, in one INSERT: a province's month is thousands of
        lines, and each is computed here, so the ORM's row-by-row create adds nothing but time."""
        self.ensure_one()
        self.line_ids.unlink()
        rows = []
        for collaborator in self._serving_collaborators():
            allowance = policy.monthly_allowance(self.month, collaborator.date_start, collaborator.date_end)
            if allowance.amount:
                rows.append((self.id, collaborator.id, self.area_id.id, self.month, allowance.amount,
                             allowance.days, 0, 0, 0, False, self.env.uid, self.env.uid))
        if rows:
            execute_values(
                self.env.cr._obj,
                "INSERT INTO child_allowance_line (%s, create_uid, write_uid, create_date, write_date) VALUES %%s"
                % ", ".join(LINE_TABLE_COLUMNS), rows,
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, (now() at time zone 'UTC'), "
                         "(now() at time zone 'UTC'))", page_size=1000)
        super(ChildAllowanceSheet, self._workflow()).write({"policy_id": policy.id})
        self.invalidate_cache(["line_ids"], self.ids)
        return len(rows)
