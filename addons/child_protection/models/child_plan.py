from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engines import decree30

STATES = [
    ("draft", "Draft"),
    ("to_review", "To review"),
    ("approved", "Approved"),
    ("issued", "Issued"),
    ("in_progress", "In progress"),
    ("closed", "Closed"),
    ("superseded", "Superseded"),
    ("cancelled", "Cancelled"),
]
YEAR_MIN, YEAR_MAX = 2000, 2100
OFFICER = "child_protection.group_plan_officer"
LEADER = "child_protection.group_leader"

# (from, to): the group that may move a plan along that edge. Enforced in write(), so a call over XML-RPC is held
# to the same rules as the buttons.
TRANSITIONS = {
    ("draft", "to_review"): OFFICER,
    ("to_review", "draft"): OFFICER,
    ("to_review", "approved"): LEADER,
    ("approved", "draft"): LEADER,
    ("approved", "issued"): LEADER,
    ("issued", "in_progress"): OFFICER,
    ("in_progress", "closed"): LEADER,
    ("issued", "superseded"): LEADER,
    ("in_progress", "superseded"): LEADER,
    ("draft", "cancelled"): OFFICER,
    ("to_review", "cancelled"): OFFICER,
    ("approved", "cancelled"): LEADER,
    ("issued", "cancelled"): LEADER,
    ("in_progress", "cancelled"): LEADER,
    ("cancelled", "draft"): OFFICER,
}
# Fields that may change after issue: the workflow and the chatter. One2many lines guard themselves
# (child.plan.content.mixin): indicator results are recorded after issue, sections are not.
UNFROZEN_FIELDS = {"state", "superseded_by_id", "user_id", "report_calendar_id", "incident_rule"}
RESULT_STATES = ("issued", "in_progress")
#: Submitted and approved: the content is the leader's to review, unchanged until issued or sent back.
REVIEWED_STATES = ("to_review", "approved")
#: Vietnam time: the date of issue is the day the signer signs there, whatever the user's or the client's zone.
VN_TZ = "Asia/Ho_Chi_Minh"


class ChildPlan(models.Model):
    _name = "child.plan"
    _description = "Child protection plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, issue_date desc, id desc"

    #: Decree 30 type code of the document (Appendix III): KH, a plan.
    _document_type = "KH"

    name = fields.Char(
        string="Title", required=True, track_visibility="onchange",
        help='The summary line under "KẾ HOẠCH", e.g. "Thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2021".')
    year = fields.Integer(required=True, default=lambda self: fields.Date.from_string(fields.Date.today()).year,
                          track_visibility="onchange")
    issuer_id = fields.Many2one(
        "child.agency", string="Issuing body", required=True, track_visibility="onchange", ondelete="restrict",
        help="The committee (or agency) in whose name the plan is issued; its symbol goes into the number.")
    area_id = fields.Many2one(related="issuer_id.area_id", store=True, readonly=True, string="Area")
    summary = fields.Text(help="The opening paragraph: what the plan implements.")
    legal_basis_ids = fields.One2many("child.plan.legal.basis", "plan_id", string="Legal bases", copy=True)
    purpose = fields.Text(string="Purposes and requirements", help="One paragraph a line.")
    section_ids = fields.One2many("child.plan.section", "plan_id", string="Tasks and solutions", copy=True)
    indicator_ids = fields.One2many("child.plan.indicator", "plan_id", string="Indicators", copy=True)
    recipient_ids = fields.One2many("child.plan.recipient", "plan_id", string="Recipients", copy=True)
    # The signature block (Decree 30, Appendix I): TM. <collective> / KT. <head> / <position> / <name>.
    signer_collective = fields.Char(
        string="On behalf of (TM.)", help='The collective body the head signs for, e.g. "Ủy ban nhân dân".')
    signer_authority = fields.Selection(
        [("kt", "KT. (signs for the head)"), ("q", "Q. (acting head)"), ("tl", "TL. (by order of the head)"),
         ("tuq", "TUQ. (by authorisation of the head)")],
        string="Authority form", help="Empty when the signer signs in their own right.")
    signer_head_title = fields.Char(string="Head's title", help='e.g. "Chủ tịch": needed with an authority form.')
    signer_position = fields.Char(string="Signer's position", help='e.g. "Phó Chủ tịch".')
    signer_user_id = fields.Many2one(
        "res.users", string="Signer", track_visibility="onchange", ondelete="restrict",
        domain=lambda self: [("groups_id", "in", self.env.ref(LEADER).id)],
        help="The leader who signs the plan: only they can issue it, with their own personal certificate and the "
             "issuing body's seal. The name printed under the signature is theirs.")
    signer_name = fields.Char(string="Signer's name", readonly=True, track_visibility="onchange",
                              help="The name printed under the signature: the signer's, as it was at issue.")
    signature_block = fields.Text(compute="_compute_signature_block")
    register_number = fields.Integer(
        copy=False, help="The number the office register gives this plan. Empty: the next free number of the "
                         "issuer for the year of issue.")
    issue_date = fields.Date(copy=False, readonly=True, track_visibility="onchange", workflow=True,
                             help="The day the signer issues the plan, in Vietnam time; not typed in.")
    number = fields.Char(readonly=True, copy=False, index=True, track_visibility="onchange", workflow=True,
                         help="Number and symbol, given at issue, e.g. 116/KH-UBND.")
    number_seq = fields.Integer(string="Register sequence", readonly=True, copy=False, workflow=True)
    number_year = fields.Integer(string="Register year", readonly=True, copy=False, workflow=True)
    place_date_line = fields.Char(compute="_compute_place_date_line")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, copy=False,
                             track_visibility="onchange", index=True, workflow=True)
    replaced_plan_id = fields.Many2one("child.plan", string="Amends", readonly=True, copy=False, workflow=True,
                                       ondelete="restrict", help="The issued plan this one replaces when issued.")
    amendment_ids = fields.One2many("child.plan", "replaced_plan_id", string="Amendments", readonly=True)
    superseded_by_id = fields.Many2one("child.plan", string="Superseded by", readonly=True, copy=False,
                                       workflow=True)
    user_id = fields.Many2one("res.users", string="Responsible officer", default=lambda self: self.env.user,
                              track_visibility="onchange",
                              help="The plan officer who follows the plan: overdue tasks are escalated to them.")
    task_ids = fields.One2many("child.plan.task", "plan_id", string="Tasks",
                               domain=[("recurrence", "=", False)])
    task_count = fields.Integer(compute="_compute_task_progress", string="Tasks")
    task_progress = fields.Float(compute="_compute_task_progress", string="Task progress (%)")
    task_overdue_count = fields.Integer(compute="_compute_task_progress", string="Overdue tasks")
    indicator_met_count = fields.Integer(compute="_compute_indicator_counts", string="Indicators met")
    indicator_count = fields.Integer(compute="_compute_indicator_counts")

    _sql_constraints = [
        ("number_unique", "unique(issuer_id, number_year, number_seq)",
         "Number: this register number is already used by the issuer in that year."),
    ]

    @api.depends("signer_collective", "signer_authority", "signer_head_title", "signer_position", "signer_name")
    def _compute_signature_block(self):
        for plan in self:
            if not plan.signer_position or not plan.signer_name:
                plan.signature_block = False
                continue
            try:
                lines = decree30.signature_lines(plan.signer_position, plan.signer_authority,
                                                 plan.signer_head_title, plan.signer_collective)
            except ValueError:
                plan.signature_block = False
                continue
            plan.signature_block = "\n".join(lines + ["", plan.signer_name])

    @api.depends("issuer_id.area_id.place_name", "issuer_id.area_id.name", "issue_date")
    def _compute_place_date_line(self):
        for plan in self:
            area = plan.issuer_id.area_id
            plan.place_date_line = (
                decree30.place_date_line(area.get_place_name(), plan.issue_date)
                if area and plan.issue_date else False)

    @api.depends("indicator_ids.is_met")
    def _compute_indicator_counts(self):
        for plan in self:
            plan.indicator_count = len(plan.indicator_ids)
            plan.indicator_met_count = len(plan.indicator_ids.filtered("is_met"))

    @api.depends("task_ids.progress", "task_ids.state", "task_ids.is_overdue")
    def _compute_task_progress(self):
        for plan in self:
            tasks = plan.task_ids.filtered(lambda t: t.state != "cancelled")
            plan.task_count = len(tasks)
            plan.task_progress = sum(tasks.mapped("progress")) / len(tasks) if tasks else 0.0
            plan.task_overdue_count = len(tasks.filtered("is_overdue"))

    @api.onchange("signer_user_id")
    def _onchange_signer_user_id(self):
        self.signer_name = self.signer_user_id.name

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not YEAR_MIN <= plan.year <= YEAR_MAX:
                raise ValidationError(_("Year: %(year)s is out of range; a plan's year lies between %(min)s and "
                                        "%(max)s.") % {"year": plan.year, "min": YEAR_MIN, "max": YEAR_MAX})

    @api.constrains("signer_authority", "signer_head_title")
    def _check_signer_authority(self):
        for plan in self:
            if plan.signer_authority and not plan.signer_head_title:
                raise ValidationError(_("Head's title: the authority form needs the title of the head the signer "
                                        "stands for (e.g. Chủ tịch)."))

    @api.constrains("register_number")
    def _check_register_number(self):
        for plan in self:
            if plan.register_number and plan.register_number < 0:
                raise ValidationError(_("Register number: must be a whole number from 1 up."))

    @api.model
    def _check_authority_value(self, vals):
        """The ORM would refuse an unknown selection value with a bare ValueError: say which rule it breaks."""
        allowed = [key for key, _label in self._fields["signer_authority"].selection]
        if vals.get("signer_authority") and vals["signer_authority"] not in allowed:
            raise ValidationError(
                _("Authority form: %(value)r is not a form of Decree 30; use one of %(allowed)s (KT., Q., TL., "
                  "TUQ.; empty when the signer signs in their own right or on behalf of the collective, TM.).") % {
                    "value": vals["signer_authority"], "allowed": ", ".join(allowed)})

    @api.model
    def create(self, vals):
        self._check_authority_value(vals)
        vals = self._with_signer_name(vals)
        return super(ChildPlan, self).create(vals)

    @api.multi
    def write(self, vals):
        # access first: a reader who may not write is told so, not that the plan is frozen
        self.check_access_rights("write")
        self.check_access_rule("write")
        self._check_authority_value(vals)
        if "state" in vals:
            self._check_transition(vals["state"], vals)
        if vals.get("state") != "issued":
            vals = self._with_signer_name(vals)
        frozen = [name for name in vals
                  if name not in UNFROZEN_FIELDS and self._fields[name].type != "one2many"
                  and not name.startswith(("message_", "activity_"))]
        if frozen and not self._workflow_granted():  # the issue itself writes the number, date and signer
            self._check_content_editable([self._fields[name]._description_string(self.env) for name in frozen])
        return super(ChildPlan, self).write(vals)

    @api.model
    def _with_signer_name(self, vals):
        """``vals`` with the name printed under the signature taken from the signer chosen; a name typed in
        without the signer is refused (the printed name is always the signing user's)."""
        if "signer_user_id" in vals:
            user = self.env["res.users"].browse(vals["signer_user_id"] or [])
            return dict(vals, signer_name=user.sudo().name or False)
        if "signer_name" in vals:
            raise UserError(_("Signer's name: choose the signer among the users (field Signer); the name printed "
                              "is theirs."))
        return vals

    @api.multi
    def unlink(self):
        for plan in self:
            if plan.state not in ("draft", "cancelled") or plan.number:
                raise UserError(_("Plan %s: only draft or cancelled plans that were never issued can be deleted; "
                                  "cancel an issued plan instead.") % plan.display_name)
        return super(ChildPlan, self).unlink()

    @api.multi
    def name_get(self):
        return [(plan.id, "%s %s" % (plan.number, plan.name) if plan.number else plan.name) for plan in self]

    @api.multi
    def action_submit(self):
        self._workflow().write({"state": "to_review"})
        return True

    @api.multi
    def action_approve(self):
        self._workflow().write({"state": "approved"})
        return True

    @api.multi
    def action_issue(self):
        for plan in self:
            plan._issue()
        return True

    @api.multi
    def action_start(self):
        self._workflow().write({"state": "in_progress"})
        return True

    @api.multi
    def action_close(self):
        self._workflow().write({"state": "closed"})
        return True

    @api.multi
    def action_cancel(self):
        self._workflow().write({"state": "cancelled"})
        return True

    @api.multi
    def action_draft(self):
        for plan in self.filtered(lambda p: p.state == "cancelled" and p.number):
            raise UserError(_("Plan %s was issued: it cannot return to draft; amend it instead.") % plan.number)
        self._workflow().write({"state": "draft"})
        return True

    @api.multi
    def action_amend(self):
        """Copy an issued plan into a new draft that replaces it once issued; returns the new draft's form."""
        self.ensure_one()
        if self.state not in ("issued", "in_progress"):
            raise UserError(_("Plan %s: only an issued plan or one in progress can be amended.") % self.display_name)
        pending = self.amendment_ids.filtered(lambda p: p.state not in ("cancelled",) and not p.number)
        if pending:
            raise UserError(_("Plan %(plan)s: an amendment is already being prepared (%(draft)s); finish or cancel "
                              "it first.") % {"plan": self.number, "draft": pending[0].name})
        amendment = self._workflow().copy({"replaced_plan_id": self.id}).with_env(self.env)
        self.message_post(body=_("Amendment started: %s") % amendment.name)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": amendment.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_transition(self, new_state, vals=None):
        """Refuse a move to ``new_state`` from a state that has no such edge, by a user without the edge's group,
        or without what the new state needs (``vals``: the values written along)."""
        if new_state not in dict(STATES):
            raise UserError(_("State: unknown state %r.") % new_state)
        for plan in self:
            group = TRANSITIONS.get((plan.state, new_state))
            states = dict(self._fields["state"]._description_selection(self.env))
            if not group:
                raise UserError(_("Plan %(plan)s is %(from)s: it cannot become %(to)s.") % {
                    "plan": plan.display_name, "from": states[plan.state], "to": states[new_state]})
            if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(group):
                raise AccessError(_("Plan %(plan)s: only a %(group)s can make a %(from)s plan %(to)s.") % {
                    "plan": plan.display_name, "group": self.env.ref(group).name,
                    "from": states[plan.state], "to": states[new_state]})
            if new_state == "to_review":
                missing = plan._submit_requirements()
                if missing:
                    raise UserError(_("Plan %s cannot be submitted yet:\n") % plan.name + "\n".join(missing))
            if new_state == "issued" and vals is not None and not vals.get("number"):
                raise UserError(_("State: plan %s is issued with the Issue button, which gives it its number.")
                                % plan.name)

    def _check_content_editable(self, what):
        """Refuse a change of content (``what``: the names of what would change) once the plan is submitted: what
        the leader reviews and approves is what is issued (send it back to draft to change it), and an issued plan
        is changed by an amendment."""
        for plan in self.filtered("number"):
            raise UserError(_("%(what)s: plan %(number)s is issued and its content is frozen; use Amend to prepare "
                              "a new version.") % {"what": ", ".join(what), "number": plan.number})
        for plan in self.filtered(lambda p: p.state in REVIEWED_STATES):
            raise UserError(_("%(what)s: plan %(plan)s is %(state)s; what the leader reviews and approves is what is "
                              "issued, so its content changes only as a draft (send it back to draft first).") % {
                "what": ", ".join(what), "plan": plan.name, "state": plan._state_label()})

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_results_open(self):
        for plan in self:
            if plan.state not in RESULT_STATES:
                raise UserError(_("Results: results are recorded on an issued plan or one in progress; plan "
                                  "%(plan)s is %(state)s.") % {"plan": plan.display_name,
                                                              "state": plan._state_label()})

    def _submit_requirements(self):
        self.ensure_one()
        missing = []
        if not self.section_ids:
            missing.append(_("Tasks and solutions: add at least one numbered section."))
        if not self.indicator_ids:
            missing.append(_("Indicators: add at least one indicator with its target."))
        return missing

    def _issue_requirements(self):
        self.ensure_one()
        missing = self._submit_requirements()
        if not (self.signer_position and self.signer_user_id):
            missing.insert(0, _("Signer: the signer (a user) and their position are needed."))
        if not self.recipient_ids:
            missing.append(_('Recipients: the "Nơi nhận" list needs at least one entry.'))
        return missing

    def _issue(self, issue_date=None):
        """Number the plan in its issuer's register on the day its signer issues it, and mark it issued.

        ``issue_date`` is for loading a register's past (the demo data, through a server-side call); no client
        reaches it: action_issue passes nothing, and a method whose name starts with "_" is not callable over RPC.
        """
        self.ensure_one()
        self._check_transition("issued")
        missing = self._issue_requirements()
        if missing:
            raise UserError(_("Plan %s cannot be issued yet:\n") % self.name + "\n".join(missing))
        self._check_signer()
        entry = self.issuer_id._register_entry(issue_date or self._signing_date(), self._document_type,
                                               self._take_register_number)
        entry["signer_name"] = self.signer_user_id.sudo().name
        self._workflow().write(dict(entry, state="issued"))
        if self.replaced_plan_id:
            self.replaced_plan_id._workflow().write({"state": "superseded", "superseded_by_id": self.id})
            self.replaced_plan_id.message_post(body=_("Superseded by %s.") % entry["number"])

    def _issue_as_of(self, user_id, issue_date):
        """Load a register's past (the demo data, a migration from paper): the plan issued by ``user_id``, its
        signer, on ``issue_date``, through the same checks as the Issue button. For data files only: a method
        whose name starts with "_" is not callable over RPC."""
        self.sudo(user_id)._issue(issue_date=issue_date)
        return True

    def _check_signer(self):
        """Only the plan's signer issues it: a document is signed by the person its signature block names.
        child_reports adds the signer's certificate and the issuer's seal."""
        self.ensure_one()
        if self.env.user != self.signer_user_id:
            raise AccessError(_("Plan %(plan)s is signed by %(signer)s: only they can issue it.") % {
                "plan": self.display_name, "signer": self.signer_user_id.sudo().name})

    @api.model
    def _signing_date(self):
        """Today in Vietnam (the day the signer signs), whatever the time zone of the user or the client."""
        return fields.Date.context_today(self.with_context(tz=VN_TZ))

    def _take_register_number(self, year):
        """The register number of this plan for its issuer in ``year``: the one asked for, or the next one.

        A number asked for must come after the last one the suite gave the issuer that year (it may skip numbers
        the office's paper register used): the register's numbers follow their dates. Locks the issuer's
        register, so two documents issued at once by the same body cannot take one number.
        """
        self.issuer_id._lock_register()
        last = self._register_last(self.issuer_id, year)
        if self.register_number:
            if self.register_number <= last:
                raise UserError(_("Register number: %(seq)s is not above %(last)s, the last number %(issuer)s was "
                                  "given in %(year)s; the register's numbers follow their dates.") % {
                    "seq": self.register_number, "last": last, "issuer": self.issuer_id.name, "year": year})
            return self.register_number
        return last + 1

    @api.model
    def _register_holder(self, issuer, year, seq):
        """The number of the document that holds register number ``seq`` of ``issuer`` in ``year``, if any.
        The register is the issuer's, for every type of document it issues: other addons extend it."""
        taken = self.sudo().search([("issuer_id", "=", issuer.id), ("number_year", "=", year),
                                    ("number_seq", "=", seq)], limit=1)
        return taken.number

    @api.model
    def _register_last(self, issuer, year):
        """The last register number ``issuer`` gave in ``year`` (0 when none)."""
        self.env.cr.execute("SELECT COALESCE(MAX(number_seq), 0) FROM child_plan "
                            "WHERE issuer_id = %s AND number_year = %s", [issuer.id, year])
        return self.env.cr.fetchone()[0]
