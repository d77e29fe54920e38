import calendar

from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engines import reconciliation
from .child_allowance_sheet import month_label

PERIOD_TYPES = [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")]
KINDS = [
    ("disbursed_planned", "Disbursed ≠ planned"),
    ("missing_receipt", "Missing receipt"),
    ("receipted_disbursed", "Receipted ≠ disbursed"),
    ("settled_receipted", "Settled ≠ receipted"),
    ("inactive", "Paid while not serving"),
    ("duplicate", "Paid twice in the month"),
]
YEAR_MIN, YEAR_MAX = 2000, 2100

# The lines of the period in the area and every area within it, ordered as the engine reads them. One query,
# whatever the number of lines; a server-side cursor brings them in pages.
LINES_QUERY = """
    WITH RECURSIVE area_tree(id) AS (
        SELECT id FROM child_area WHERE id = %(area)s
        UNION ALL
        SELECT child.id FROM child_area child JOIN area_tree parent ON child.parent_id = parent.id
    )
    SELECT line.id, line.sheet_id, sheet.area_id, line.collaborator_id, sheet.month, sheet.state,
           line.planned_amount, line.disbursed_amount, line.receipted_amount, line.receipt_signed,
           line.settled_amount, collaborator.date_start, collaborator.date_end
      FROM child_allowance_line line
      JOIN child_allowance_sheet sheet ON sheet.id = line.sheet_id
      JOIN child_collaborator collaborator ON collaborator.id = line.collaborator_id
     WHERE sheet.area_id IN (SELECT id FROM area_tree)
       AND sheet.month BETWEEN %(date_from)s AND %(date_to)s
     ORDER BY line.collaborator_id, sheet.month, line.id
"""
CURSOR_PAGE = 5000


def period_bounds(period_type, year, number):
    """The first and last day ("YYYY-MM-DD") of a month, quarter or year."""
    if period_type == "year":
        first_month, last_month = 1, 12
    elif period_type == "quarter":
        first_month, last_month = 3 * number - 2, 3 * number
    else:
        first_month = last_month = number
    last_day = calendar.monthrange(year, last_month)[1]
    return "%04d-%02d-01" % (year, first_month), "%04d-%02d-%02d" % (year, last_month, last_day)


def stream(cursor, page=CURSOR_PAGE):
    """The rows of an executed cursor, page by page."""
    while True:
        rows = cursor.fetchmany(page)
        if not rows:
            return
        for row in rows:
            yield row


class ChildAllowanceReconciliation(models.Model):
    """One run of the reconciliation for a period and an area: who ran it, when, the totals by ward and every
    discrepancy found. Running it again makes a new run; the old one stays as it was."""
    _name = "child.allowance.reconciliation"
    _inherit = ["mail.thread"]
    _description = "Allowance reconciliation"
    _order = "run_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    area_id = fields.Many2one("child.area", string="Area", required=True, ondelete="restrict", readonly=True,
                              states={"draft": [("readonly", False)]},
                              help="A ward, or a province (or district) with every ward within it.")
    period_type = fields.Selection(PERIOD_TYPES, string="Period", required=True, default="month", readonly=True,
                                   states={"draft": [("readonly", False)]})
    year = fields.Integer(required=True, readonly=True, states={"draft": [("readonly", False)]},
                          default=lambda self: fields.Date.from_string(fields.Date.context_today(self)).year)
    period_number = fields.Integer(string="Month or quarter", default=1, readonly=True,
                                   states={"draft": [("readonly", False)]},
                                   help="1-12 for a month, 1-4 for a quarter; not used for a year.")
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection([("draft", "Not run"), ("done", "Run")], default="draft", required=True,
                             readonly=True, copy=False, workflow=True)
    user_id = fields.Many2one("res.users", string="Run by", readonly=True, copy=False, workflow=True)
    run_date = fields.Datetime(string="Run on", readonly=True, copy=False, workflow=True)
    line_count = fields.Integer(string="Lines", readonly=True, copy=False, workflow=True)
    planned_total = fields.Float(string="Planned", digits=(18, 0), readonly=True, copy=False, workflow=True)
    disbursed_total = fields.Float(string="Disbursed", digits=(18, 0), readonly=True, copy=False, workflow=True)
    receipted_total = fields.Float(string="Receipted", digits=(18, 0), readonly=True, copy=False, workflow=True)
    settled_total = fields.Float(string="Settled", digits=(18, 0), readonly=True, copy=False, workflow=True)
    discrepancy_count = fields.Integer(string="Discrepancies", readonly=True, copy=False, workflow=True)
    ward_ids = fields.One2many("child.allowance.reconciliation.ward", "reconciliation_id", string="Wards",
                               readonly=True, copy=False)
    discrepancy_ids = fields.One2many("child.allowance.discrepancy", "reconciliation_id",
                                      string="Discrepancy lines", readonly=True, copy=False)

    @api.depends("area_id.name", "date_from", "period_type", "year", "period_number")
    def _compute_name(self):
        for run in self:
            if run.period_type == "year":
                period = str(run.year)
            elif run.period_type == "quarter":
                period = _("Q%(quarter)s/%(year)s") % {"quarter": run.period_number, "year": run.year}
            else:
                period = "%02d/%s" % (run.period_number or 0, run.year)
            run.name = "%s - %s" % (period, run.area_id.name or "")

    @api.depends("period_type", "year", "period_number")
    def _compute_dates(self):
        for run in self:
            try:
                run._check_period_values()
            except ValidationError:
                run.date_from = run.date_to = False
                continue
            run.date_from, run.date_to = period_bounds(run.period_type, run.year, run.period_number)

    def _check_period_values(self):
        if not YEAR_MIN <= self.year <= YEAR_MAX:
            raise ValidationError(_("Year: %(year)s is out of range; between %(min)s and %(max)s.") % {
                "year": self.year, "min": YEAR_MIN, "max": YEAR_MAX})
        top = {"month": 12, "quarter": 4}.get(self.period_type)
        if top and not 1 <= self.period_number <= top:
            raise ValidationError(_("Month or quarter: %(number)s is not between 1 and %(top)s.") % {
                "number": self.period_number, "top": top})

    @api.constrains("period_type", "year", "period_number")
    def _check_period(self):
        for run in self:
            run._check_period_values()

    @api.model
    def create(self, vals):
        return super(ChildAllowanceReconciliation, self).create(vals)

    @api.multi
    def unlink(self):
        if any(run.state == "done" for run in self):
            raise UserError(_("Reconciliation: a run is kept as the record of what was found; it cannot be "
                              "deleted."))
        return super(ChildAllowanceReconciliation, self).unlink()

    # Actions --------------------------------------------------------------------------------------------------

    @api.multi
    def action_run(self):
        for run in self:
            if run.state != "draft":
                raise UserError(_("Reconciliation %s was run already; use Run again for a new run.") % run.name)
            run._run()
        return True

    @api.multi
    def action_run_again(self):
        self.ensure_one()
        new = self.copy()
        new.action_run()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": new.id, "view_mode": "form",
                "target": "current"}

    @api.multi
    def action_settle_period(self):
        """Settle every sheet of the period in the area: each must be receipted (or settled already), and at least
        one must be waiting, so that a second click, or a second clerk at the same moment, is told the period is
        settled instead of settling it again. Two settlements at once: the second fails on the sheets' rows with a
        serialization error, Odoo runs it again, and it finds them settled."""
        self.ensure_one()
        sheets = self._sheets()
        if not sheets:
            raise UserError(_("Settle: there is no sheet for %s.") % self.name)
        states = dict(sheets._fields["state"]._description_selection(self.env))
        waiting = sheets.filtered(lambda sheet: sheet.state not in ("receipted", "settled"))
        if waiting:
            raise UserError(_("Settle: every sheet of the period must be receipted first; %s are not:\n")
                            % len(waiting) + "\n".join("%s (%s)" % (sheet.name, states[sheet.state])
                                                      for sheet in waiting[:20]))
        receipted = sheets.filtered(lambda sheet: sheet.state == "receipted")
        if not receipted:
            raise UserError(_("Settle: the period %s is settled already; nothing was changed.") % self.name)
        receipted.action_settle()
        self.message_post(body=_("Period settled: %s sheets.") % len(sheets))
        return True

    @api.multi
    def action_view_sheets(self):
        self.ensure_one()
        action = self.env.ref("child_protection.child_allowance_sheet_action").read()[0]
        action["domain"] = [("id", "in", self._sheets().ids)]
        return action

    # Running --------------------------------------------------------------------------------------------------

    def _sheets(self):
        return self.env["child.allowance.sheet"].search([
            ("area_id", "child_of", self.area_id.id), ("month", ">=", self.date_from),
            ("month", "<=", self.date_to)])

    def _engine_lines(self, server_cursor):
        for row in stream(server_cursor):
            yield reconciliation.Line(
                row[0], row[1], row[2], row[3], row[4], row[5], int(row[6] or 0), int(row[7] or 0),
                int(row[8] or 0), bool(row[9]), int(row[10] or 0), row[11], row[12])

    def _run(self):
        """Fetch the lines (one query), compare them (the engine), store the totals and discrepancies."""
        self.ensure_one()
        self.check_access_rights("write")
        self.check_access_rule("write")
        self.env["child.allowance.line"].check_access_rights("read")
        # a server-side cursor in the same transaction, so that a province's year streams in pages
        cursor = self.env.cr._cnx.cursor("child_allowance_reconciliation_%d" % self.id)
        try:
            cursor.itersize = CURSOR_PAGE
            # a cursor's plan favours the first rows by default; the whole result is read here
            self.env.cr.execute("SET LOCAL cursor_tuple_fraction = 1.0")
            cursor.execute(LINES_QUERY, {"area": self.area_id.id, "date_from": self.date_from,
                                         "date_to": self.date_to})
            result = reconciliation.reconcile(self._engine_lines(cursor))
        finally:
            cursor.close()
        self._store(result)

    def _store(self, result):
        totals = result.totals
        self._workflow().write({
            "state": "done", "user_id": self.env.uid, "run_date": fields.Datetime.now(),
            "line_count": totals["line_count"], "planned_total": totals["planned"],
            "disbursed_total": totals["disbursed"], "receipted_total": totals["receipted"],
            "settled_total": totals["settled"], "discrepancy_count": totals["discrepancy_count"],
            "ward_ids": [(0, 0, {
                "area_id": ward_id, "line_count": ward["line_count"], "planned_total": ward["planned"],
                "disbursed_total": ward["disbursed"], "receipted_total": ward["receipted"],
                "settled_total": ward["settled"], "discrepancy_count": ward["discrepancy_count"]})
                for ward_id, ward in result.wards.items()],
        })
        # Discrepancies in one INSERT: a province's year may hold thousands.
        rows = [(self.id, d.kind, d.line_id, d.sheet_id, d.ward_id, d.collaborator_id, d.month, d.expected,
                 d.actual, d.actual - d.expected, d.other_line_id, self.env.uid, self.env.uid)
                for d in result.discrepancies]
        if rows:
            execute_values(
                self.env.cr._obj,
                "INSERT INTO child_allowance_discrepancy (reconciliation_id, kind, line_id, sheet_id, area_id, "
                "collaborator_id, month, expected_amount, actual_amount, difference, other_line_id, create_uid, "
                "write_uid, create_date, write_date) VALUES %s", rows,
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, (now() at time zone 'UTC'), "
                         "(now() at time zone 'UTC'))", page_size=1000)
            self.invalidate_cache(["discrepancy_ids"], self.ids)


class ChildAllowanceReconciliationWard(models.Model):
    """The totals of one ward in a reconciliation run."""
    _name = "child.allowance.reconciliation.ward"
    _description = "Reconciliation totals of a ward"
    _order = "reconciliation_id, area_id"

    reconciliation_id = fields.Many2one("child.allowance.reconciliation", required=True, index=True,
                                        ondelete="cascade")
    area_id = fields.Many2one("child.area", string="Commune / ward", required=True, ondelete="restrict")
    line_count = fields.Integer(string="Lines")
    planned_total = fields.Float(string="Planned", digits=(18, 0))
    disbursed_total = fields.Float(string="Disbursed", digits=(18, 0))
    receipted_total = fields.Float(string="Receipted", digits=(18, 0))
    settled_total = fields.Float(string="Settled", digits=(18, 0))
    discrepancy_count = fields.Integer(string="Discrepancies")


class ChildAllowanceDiscrepancy(models.Model):
    """A discrepancy found by a reconciliation run, on one line."""
    _name = "child.allowance.discrepancy"
    _description = "Allowance discrepancy"
    _order = "reconciliation_id, area_id, month, collaborator_id, id"

    reconciliation_id = fields.Many2one("child.allowance.reconciliation", required=True, index=True,
                                        ondelete="cascade")
    kind = fields.Selection(KINDS, required=True)
    line_id = fields.Many2one("child.allowance.line", string="Line", ondelete="set null")
    other_line_id = fields.Many2one("child.allowance.line", string="First line paid", ondelete="set null",
                                    help="For a payment made twice: the line paid first.")
    sheet_id = fields.Many2one("child.allowance.sheet", string="Sheet", ondelete="set null")
    area_id = fields.Many2one("child.area", string="Commune / ward", ondelete="restrict")
    collaborator_id = fields.Many2one("child.collaborator", string="Collaborator", ondelete="restrict")
    month = fields.Date()
    month_label = fields.Char(string="Month", compute="_compute_month_label")
    expected_amount = fields.Float(string="Expected", digits=(18, 0))
    actual_amount = fields.Float(string="Actual", digits=(18, 0))
    difference = fields.Float(digits=(18, 0))

    @api.depends("month")
    def _compute_month_label(self):
        for item in self:
            item.month_label = month_label(item.month)
