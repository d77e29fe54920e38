import json

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.child_events.engines.money import format_dong
from odoo.addons.child_protection.engines import decree30, schedule
from odoo.addons.child_protection.models.child_plan_task import OPEN_STATES

from ..engines import official_document
from ..engines.amount_words import amount_in_words
from ..engines.report_workbook import STATE_WORDS, met_words, percent
from .child_plan import LEADER, ROMAN, TYPE_NAMES, date_vn, lines

PERIODS = [("half_year", "First six months"), ("year", "Whole year")]
STATES = [("draft", "Draft"), ("issued", "Issued"), ("cancelled", "Cancelled")]
#: (from, to): the group that may move a report along that edge; enforced in write(), as for plans.
TRANSITIONS = {("draft", "issued"): LEADER, ("issued", "cancelled"): LEADER}
PLAN_STATES = ("issued", "in_progress", "closed")
SIGNER_FIELDS = ("signer_collective", "signer_authority", "signer_head_title", "signer_position", "signer_user_id")
#: The period as the title and the body of the report say it.
PERIOD_WORDS = {"half_year": "6 tháng đầu năm %s", "year": "năm %s"}
PERIOD_END = {"half_year": "06-30", "year": "12-31"}


class ChildPlanReport(models.Model):
    """The 6-month or annual report on a plan (Decree 30 type BC, "BÁO CÁO"): the figures of the period (tasks,
    indicators, events, allowances) and the officer's assessment, difficulties and proposals.

    Officers draft it; a leader issues it, which gives it its number from the issuer's register (shared with the
    plans) and freezes its PDF, signed, with a QR verification page (child.document). A leader cancels an issued
    report, which revokes its document.
    """
    _name = "child.plan.report"
    _description = "Periodic report on a plan"
    _inherit = ["mail.thread"]
    _order = "year desc, period desc, id desc"

    #: Decree 30 type code of the document (Appendix III): BC, a report.
    _document_type = "BC"

    name = fields.Char(
        string="Title", required=True, readonly=True, states={"draft": [("readonly", False)]},
        track_visibility="onchange",
        help='The summary line under "BÁO CÁO"; proposed from the plan and the period.')
    plan_id = fields.Many2one(
        "child.plan", string="Plan", required=True, index=True, ondelete="restrict", readonly=True,
        states={"draft": [("readonly", False)]}, domain=[("state", "in", PLAN_STATES)],
        help="The issued plan (or one in progress or closed) whose results are reported.")
    period = fields.Selection(PERIODS, required=True, default="half_year", readonly=True,
                              states={"draft": [("readonly", False)]})
    year = fields.Integer(related="plan_id.year", store=True, readonly=True)
    date_from = fields.Date(string="From", compute="_compute_dates", store=True)
    date_to = fields.Date(string="To", compute="_compute_dates", store=True)
    issuer_id = fields.Many2one(related="plan_id.issuer_id", store=True, readonly=True, string="Issuing body")
    assessment = fields.Text(string="Overall assessment", readonly=True, states={"draft": [("readonly", False)]},
                             help='"Đánh giá chung": one paragraph a line.')
    difficulties = fields.Text(string="Difficulties", readonly=True, states={"draft": [("readonly", False)]},
                               help='"Khó khăn, vướng mắc": one paragraph a line.')
    proposals = fields.Text(string="Proposals", readonly=True, states={"draft": [("readonly", False)]},
                            help='"Đề xuất, kiến nghị": one paragraph a line.')
    recipients = fields.Text(default="Lưu: VT.", readonly=True, states={"draft": [("readonly", False)]},
                             help='"Nơi nhận": one recipient a line, e.g. "Sở Y tế;", the last "Lưu: VT."')
    # The signature block, copied from the plan when the report is created (see child.plan).
    signer_collective = fields.Char(string="On behalf of (TM.)", readonly=True,
                                    states={"draft": [("readonly", False)]})
    signer_authority = fields.Selection(
        [("kt", "KT. (signs for the head)"), ("q", "Q. (acting head)"), ("tl", "TL. (by order of the head)"),
         ("tuq", "TUQ. (by authorisation of the head)")],
        string="Authority form", readonly=True, states={"draft": [("readonly", False)]})
    signer_head_title = fields.Char(string="Head's title", readonly=True, states={"draft": [("readonly", False)]})
    signer_position = fields.Char(string="Signer's position", readonly=True,
                                  states={"draft": [("readonly", False)]})
    signer_user_id = fields.Many2one(
        "res.users", string="Signer", readonly=True, states={"draft": [("readonly", False)]},
        track_visibility="onchange", ondelete="restrict",
        domain=lambda self: [("groups_id", "in", self.env.ref(LEADER).id)],
        help="The leader who signs the report: only they can issue it, with their own personal certificate and "
             "the issuing body's seal. The name printed under the signature is theirs.")
    signer_name = fields.Char(string="Signer's name", readonly=True, track_visibility="onchange",
                              help="The name printed under the signature: the signer's, as it was at issue.")
    issue_date = fields.Date(copy=False, readonly=True, track_visibility="onchange", workflow=True,
                             help="The day the signer issues the report, in Vietnam time; not typed in.")
    number = fields.Char(readonly=True, copy=False, index=True, track_visibility="onchange", workflow=True,
                         help="Number and symbol, given at issue from the issuer's register, e.g. 117/BC-UBND.")
    number_seq = fields.Integer(string="Register sequence", readonly=True, copy=False, workflow=True)
    number_year = fields.Integer(string="Register year", readonly=True, copy=False, workflow=True)
    place_date_line = fields.Char(compute="_compute_place_date_line")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, copy=False, index=True,
                             track_visibility="onchange", workflow=True)
    figures = fields.Text(string="Figures at issue", readonly=True, copy=False,
                          help="The figures of the issued report (JSON), as its PDF shows them.", workflow=True)
    document_ids = fields.One2many("child.document", "report_id", string="Issued documents", readonly=True)
    document_id = fields.Many2one("child.document", string="Issued document", compute="_compute_document_id")

    _sql_constraints = [
        ("number_unique", "unique(issuer_id, number_year, number_seq)",
         "Number: this register number is already used by the issuer in that year."),
    ]

    @api.depends("year", "period")
    def _compute_dates(self):
        for report in self:
            if report.year and report.period:
                report.date_from = "%04d-01-01" % report.year
                report.date_to = "%04d-%s" % (report.year, PERIOD_END[report.period])

    @api.depends("issuer_id.area_id.place_name", "issuer_id.area_id.name", "issue_date")
    def _compute_place_date_line(self):
        for report in self:
            area = report.issuer_id.area_id
            report.place_date_line = (decree30.place_date_line(area.get_place_name(), report.issue_date)
                                      if area and report.issue_date else False)

    @api.depends("document_ids")
    def _compute_document_id(self):
        for report in self:
            report.document_id = report.document_ids[:1]

    @api.constrains("plan_id")
    def _check_plan(self):
        for report in self:
            if report.plan_id.state not in PLAN_STATES:
                raise ValidationError(_("Plan: %(plan)s is %(state)s; results are reported on an issued plan, one "
                                        "in progress or a closed one.") % {
                    "plan": report.plan_id.display_name, "state": report.plan_id._state_label()})

    @api.constrains("plan_id", "period", "state")
    def _check_one_per_period(self):
        for report in self.filtered(lambda r: r.state != "cancelled"):
            other = self.search([("id", "!=", report.id), ("plan_id", "=", report.plan_id.id),
                                 ("period", "=", report.period), ("state", "!=", "cancelled")], limit=1)
            if other:
                raise ValidationError(_("Period: plan %(plan)s already has its report for this period (%(other)s); "
                                        "cancel that one first.") % {
                    "plan": report.plan_id.display_name, "other": other.display_name})

    @api.constrains("signer_authority", "signer_head_title")
    def _check_signer_authority(self):
        for report in self:
            if report.signer_authority and not report.signer_head_title:
                raise ValidationError(_("Head's title: the authority form needs the title of the head the signer "
                                        "stands for (e.g. Chủ tịch)."))

    @api.onchange("plan_id", "period")
    def _onchange_plan_period(self):
        if self.plan_id:
            self.name = self._default_name(self.plan_id, self.period)
            for name in SIGNER_FIELDS:
                self[name] = self.plan_id[name]
            self.signer_name = self.plan_id.signer_user_id.name

    @api.onchange("signer_user_id")
    def _onchange_signer_user_id(self):
        self.signer_name = self.signer_user_id.name

    @api.model
    def _default_name(self, plan, period):
        """``Kết quả thực hiện Kế hoạch số 116/KH-UBND 6 tháng đầu năm 2021``."""
        return "Kết quả thực hiện Kế hoạch số %s %s" % (plan.number or plan.name,
                                                       PERIOD_WORDS[period or "half_year"] % plan.year)

    @api.model
    def create(self, vals):
        self._check_input(vals)  # the plan and the period are read below, before the ORM's own checks
        vals = dict(vals)
        plan = self.env["child.plan"].browse(vals.get("plan_id"))
        if plan:
            if not vals.get("name"):
                vals["name"] = self._default_name(plan, vals.get("period"))
            for name in SIGNER_FIELDS:
                if name not in vals:
                    vals[name] = plan[name].id if name == "signer_user_id" else plan[name]
        vals = self.env["child.plan"]._with_signer_name(vals)
        return super(ChildPlanReport, self).create(vals)

    @api.multi
    def write(self, vals):
        # access first: a reader who may not write is told so, not that the report is issued
        self.check_access_rights("write")
        self.check_access_rule("write")
        if "state" in vals:
            self._check_transition(vals["state"], vals)
        if vals.get("state") != "issued":
            vals = self.env["child.plan"]._with_signer_name(vals)
        changed = [name for name in vals if name != "state" and not name.startswith(("message_", "activity_"))]
        for report in self.filtered(lambda r: r.state != "draft"):
            if changed:
                raise UserError(_("%(what)s: report %(number)s is issued and its content is frozen; a leader can "
                                  "cancel it so that a new report is prepared.") % {
                    "what": ", ".join(self._fields[name]._description_string(self.env) for name in changed),
                    "number": report.number})
        return super(ChildPlanReport, self).write(vals)

    @api.multi
    def unlink(self):
        for report in self:
            if report.state != "draft":
                raise UserError(_("Report %s: only a draft report can be deleted; a leader cancels an issued one.")
                                % report.display_name)
        return super(ChildPlanReport, self).unlink()

    @api.multi
    def name_get(self):
        return [(report.id, "%s %s" % (report.number, report.name) if report.number else report.name)
                for report in self]

    @api.multi
    def action_issue(self):
        for report in self:
            report._issue()
        return True

    @api.multi
    def action_cancel(self):
        self._workflow().write({"state": "cancelled"})
        for report in self:
            report.document_ids.filtered(lambda d: d.state == "valid")._set_state("revoked")
        return True

    @api.multi
    def action_download_pdf(self):
        """The issued PDF (as signed); a draft for review before that."""
        self.ensure_one()
        if self.document_id:
            return self.document_id.action_download()
        return {"type": "ir.actions.act_url", "target": "self", "url": "/child/report/%d/pdf" % self.id}

    @api.multi
    def action_open_document(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "child.document", "res_id": self.document_id.id,
                "view_mode": "form", "target": "current"}

    @api.multi
    def action_download_docx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self", "url": "/child/report/%d/docx" % self.id}

    # Workflow ---------------------------------------------------------------------------------------------------

    def _check_transition(self, new_state, vals=None):
        states = dict(self._fields["state"]._description_selection(self.env))
        if new_state not in states:
            raise UserError(_("State: unknown state %r.") % new_state)
        for report in self:
            group = TRANSITIONS.get((report.state, new_state))
            if not group:
                raise UserError(_("Report %(report)s is %(from)s: it cannot become %(to)s.") % {
                    "report": report.display_name, "from": states[report.state], "to": states[new_state]})
            if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(group):
                raise AccessError(_("Report %(report)s: only a %(group)s can make a %(from)s report %(to)s.") % {
                    "report": report.display_name, "group": self.env.ref(group).name,
                    "from": states[report.state], "to": states[new_state]})
            if new_state == "issued" and vals is not None and not vals.get("number"):
                raise UserError(_("State: report %s is issued with the Issue button, which gives it its number.")
                                % report.name)

    def _issue_requirements(self):
        self.ensure_one()
        missing = []
        if not (self.signer_position and self.signer_user_id):
            missing.append(_("Signer: the signer (a user) and their position are needed."))
        if not lines(self.recipients):
            missing.append(_('Recipients: the "Nơi nhận" list needs at least one entry.'))
        if self.plan_id.state not in PLAN_STATES:
            missing.append(_("Plan: %(plan)s is %(state)s; only the results of an issued plan are reported.") % {
                "plan": self.plan_id.display_name, "state": self.plan_id._state_label()})
        return missing

    def _issue(self, issue_date=None):
        """Give the report its number from the issuer's register on the day its signer issues it, keep its figures
        and freeze its signed document. ``issue_date``: as child.plan._issue's, server-side only."""
        self.ensure_one()
        self._check_transition("issued")
        missing = self._issue_requirements()
        if missing:
            raise UserError(_("Report %s cannot be issued yet:\n") % self.name + "\n".join(missing))
        if self.env.user != self.signer_user_id:
            raise AccessError(_("Report %(report)s is signed by %(signer)s: only they can issue it.") % {
                "report": self.display_name, "signer": self.signer_user_id.sudo().name})
        self.env["child.document"]._check_can_sign(self)
        issue_date = issue_date or self.env["child.plan"]._signing_date()
        if self.plan_id.issue_date and issue_date < self.plan_id.issue_date:
            raise UserError(_("Issue date: %(date)s is before the plan it reports on was issued (%(plan_date)s).")
                            % {"date": issue_date, "plan_date": self.plan_id.issue_date})
        entry = self.issuer_id._register_entry(issue_date, self._document_type, self._take_register_number)
        # the figures as of the issue, kept: the PDF, the DOCX and the workbook of the issued report show them
        entry["signer_name"] = self.signer_user_id.sudo().name
        self._workflow().write(dict(entry, state="issued", figures=json.dumps(self._figures(issue_date))))
        # the document knows its report from its creation (report_id, in its register entry)
        self.env["child.document"]._freeze(self, lambda qr_url: self._document(qr_url=qr_url))

    def _take_register_number(self, year):
        """The next number of the issuer's register in ``year``: the register is shared by the plans and the
        reports (child.plan._register_last). Locks the issuer's row, as a plan's issue does."""
        self.issuer_id._lock_register()
        return self.env["child.plan"]._register_last(self.issuer_id, year) + 1

    # The figures ------------------------------------------------------------------------------------------------

    def _figures(self, reference=None):
        """The figures of the period as plain values (what the PDF and the workbook show), as of the end of the
        period, or of ``reference`` (the issue date; today for a draft without one) when that comes first.

        Tasks: the plan's tasks (not cancelled, not the frame of a recurring task) with their deadline in the
        period, or still open. Their state is today's: a task ticked off after the period counts as done.
        """
        self.ensure_one()
        reference = reference or self.issue_date or fields.Date.context_today(self)
        as_of = min(self.date_to, reference)
        return {"as_of": as_of, "date_from": self.date_from, "date_to": self.date_to,
                "tasks": self._task_figures(as_of), "indicators": self._indicator_figures(),
                "events": self._event_figures(), "allowances": self._allowance_figures()}

    def _print_figures(self):
        """The figures the documents show: those kept at issue, the current ones on a draft."""
        self.ensure_one()
        return json.loads(self.figures) if self.figures else self._figures()

    def _task_figures(self, as_of):
        tasks = self.env["child.plan.task"].search([
            ("plan_id", "=", self.plan_id.id), ("recurrence", "=", False), ("state", "!=", "cancelled"),
            "|", ("state", "in", OPEN_STATES),
            "&", ("deadline", ">=", self.date_from), ("deadline", "<=", self.date_to)])
        updates = self.env["child.plan.task.update"].search([
            ("task_id", "in", tasks.ids), ("date", ">=", self.date_from), ("date", "<=", self.date_to)],
            order="date desc, id desc")
        latest = {}
        for update in updates:
            latest.setdefault(update.task_id.id, update)
        agencies = tasks.mapped("agency_id").sorted(lambda a: (a.sequence, a.name))
        items = []
        for agency in agencies:
            for task in tasks.filtered(lambda t: t.agency_id == agency):
                overdue, _due_soon, days_late = schedule.deadline_flags(task.deadline, as_of,
                                                                        task.state in OPEN_STATES)
                update = latest.get(task.id)
                items.append({"name": task.name, "agency": agency.name, "deadline": task.deadline or False,
                              "state": task.state, "progress": int(round(task.progress)), "overdue": overdue,
                              "days_late": days_late, "note": update.note if update else "",
                              "note_date": update.date if update else False})
        rows = [self._count_tasks([item for item in items if item["agency"] == agency.name], name=agency.name)
                for agency in agencies]
        return dict(self._count_tasks(items), agencies=rows, items=items)

    @staticmethod
    def _count_tasks(items, **extra):
        figures = dict(extra, count=len(items), overdue=len([item for item in items if item["overdue"]]),
                       progress=(float(sum(item["progress"] for item in items)) / len(items)) if items else None)
        for state in STATE_WORDS:
            figures[state] = len([item for item in items if item["state"] == state])
        return figures

    def _indicator_figures(self):
        """Each indicator with the result of the plan's own area, if its date is within the period."""
        Result = self.env["child.plan.indicator.result"]
        figures = []
        for indicator in self.plan_id.indicator_ids:
            result = Result.search([("indicator_id", "=", indicator.id), ("area_id", "=", self.plan_id.area_id.id),
                                    ("date", "<=", self.date_to)], order="date desc, id desc", limit=1)
            figures.append({"name": indicator.name, "target": self.env["child.plan"]._target_words(indicator),
                            "value": result.value_display or "", "date": result.date or False,
                            "achievement": result.achievement if result else None, "met": result.is_met})
        return figures

    def _event_figures(self):
        """The plan's events that start in the period; "planned" is the plan of their budget with the revisions
        a leader approved."""
        events = self.env["child.event"].search([
            ("plan_id", "=", self.plan_id.id), ("state", "!=", "cancelled"),
            ("date_start", ">=", self.date_from), ("date_start", "<=", self.date_to)], order="date_start, id")
        items = [{"name": event.name, "date_start": event.date_start, "date_end": event.date_end,
                  "participation_rate": event.participation_rate if event.children_count else None,
                  "planned": int(event.budget_approved), "spent": int(event.budget_spent)}
                 for event in events]
        return {"items": items, "planned": sum(item["planned"] for item in items),
                "spent": sum(item["spent"] for item in items)}

    def _allowance_figures(self):
        """The collaborators' allowances of the period in the plan's area and the wards below it: sums only, no
        collaborator named. None when there is no sheet."""
        area = self.plan_id.area_id
        if not area:
            return None
        # sudo: the allowance sheets are the finance office's (plan officers and viewers have no access to them);
        # only these sums, by ward, are read for the report
        groups = self.env["child.allowance.line"].sudo().read_group(
            [("area_id", "child_of", area.id), ("month", ">=", self.date_from), ("month", "<=", self.date_to)],
            ["area_id", "planned_amount", "disbursed_amount", "settled_amount"], ["area_id"])
        if not groups:
            return None
        return {"wards": len(groups),
                "planned": int(sum(group["planned_amount"] or 0 for group in groups)),
                "disbursed": int(sum(group["disbursed_amount"] or 0 for group in groups)),
                "settled": int(sum(group["settled_amount"] or 0 for group in groups))}

    # The document -----------------------------------------------------------------------------------------------

    def _document(self, qr_url=None, draft=False):
        """The report as the document engines' plain dict (see engines/official_document.py), in Vietnamese."""
        self.ensure_one()
        if not (self.signer_position and self.signer_name):
            raise UserError(_("Signer: the signer's position and name are needed."))
        issuer = self.issuer_id
        doc = {
            "issuer_lines": official_document.issuer_lines(issuer.name, issuer.parent_id.name),
            "number": self.number or "",
            "number_suffix": "%s-%s" % (self._document_type, issuer.code),
            "place_date": self.place_date_line or "",
            "type_name": TYPE_NAMES[self._document_type],
            "title": self.name,
            "blocks": self._document_blocks(self._print_figures()),
            "recipients": lines(self.recipients),
            "signature_lines": decree30.signature_lines(self.signer_position, self.signer_authority,
                                                        self.signer_head_title, self.signer_collective),
            "signer_name": self.signer_name,
        }
        if qr_url:
            doc["qr_url"] = qr_url
        if draft or not self.number:
            doc["draft_mark"] = "DỰ THẢO"
            doc["place_date"] = doc["place_date"] or "%s, ngày     tháng     năm %s" % (
                issuer.area_id.get_place_name(), (self.issue_date or fields.Date.context_today(self))[:4])
        return doc

    def _period_words(self):
        return PERIOD_WORDS[self.period] % self.year

    def _document_blocks(self, figures):
        """The opening, I. the results (tasks, indicators, events, allowances), II. the overall assessment,
        III. the difficulties, IV. the proposals; parts without content are left out, the others numbered."""
        plan = self.plan_id
        blocks = [{"kind": "paragraph", "text": "Thực hiện Kế hoạch số %s ngày %s của %s về %s, %s báo cáo kết quả "
                                                "thực hiện %s như sau:" % (
            plan.number, date_vn(plan.issue_date), plan.issuer_id.name, plan.name[:1].lower() + plan.name[1:],
            self.issuer_id.name, self._period_words())}]
        parts = []
        results = self._result_blocks(figures)
        if results:
            parts.append(("KẾT QUẢ THỰC HIỆN", results))
        for heading, text in (("ĐÁNH GIÁ CHUNG", self.assessment), ("KHÓ KHĂN, VƯỚNG MẮC", self.difficulties),
                              ("ĐỀ XUẤT, KIẾN NGHỊ", self.proposals)):
            if lines(text):
                parts.append((heading, [{"kind": "paragraph", "text": line} for line in lines(text)]))
        for number, (heading, part) in enumerate(parts):
            blocks.append({"kind": "heading", "text": "%s. %s" % (ROMAN[number], heading)})
            blocks += part
        blocks.append({"kind": "paragraph", "text": "Trên đây là báo cáo %s của %s./." % (
            self.name[:1].lower() + self.name[1:], self.issuer_id.name)})
        return blocks

    def _result_blocks(self, figures):
        subparts = []
        tasks = figures["tasks"]
        if tasks["count"]:
            subparts.append(("Thực hiện nhiệm vụ", self._task_blocks(tasks, figures["as_of"])))
        if figures["indicators"]:
            subparts.append(("Kết quả các chỉ tiêu", self._indicator_blocks(figures["indicators"])))
        if figures["events"]["items"]:
            subparts.append(("Các sự kiện, hoạt động", self._event_blocks(figures["events"])))
        if figures["allowances"]:
            subparts.append(("Phụ cấp cộng tác viên bảo vệ trẻ em", self._allowance_blocks(figures["allowances"])))
        blocks = []
        for number, (heading, part) in enumerate(subparts, 1):
            blocks.append({"kind": "subheading", "text": "%d. %s" % (number, heading)})
            blocks += part
        return blocks

    @staticmethod
    def _task_blocks(tasks, as_of):
        summary = ("Tổng số %d nhiệm vụ: hoàn thành %d, đang thực hiện %d, chưa thực hiện %d; quá hạn %d; tiến độ "
                   "bình quân %s%% (số liệu tính đến ngày %s)." % (
                       tasks["count"], tasks["done"], tasks["in_progress"], tasks["todo"], tasks["overdue"],
                       percent(tasks["progress"]), date_vn(as_of)))
        rows = [[str(number), agency["name"], str(agency["count"]), str(agency["done"]), str(agency["overdue"]),
                 percent(agency["progress"])] for number, agency in enumerate(tasks["agencies"], 1)]
        rows.append(["", "Tổng cộng", str(tasks["count"]), str(tasks["done"]), str(tasks["overdue"]),
                     percent(tasks["progress"])])
        return [{"kind": "paragraph", "text": summary},
                {"kind": "table", "columns": ["TT", "Cơ quan chủ trì", "Số nhiệm vụ", "Hoàn thành", "Quá hạn",
                                              "Tiến độ bình quân (%)"],
                 "widths": [7, 41, 13, 13, 12, 14], "rows": rows}]

    @staticmethod
    def _indicator_blocks(indicators):
        rows = [[str(number), indicator["name"], indicator["target"], indicator["value"] or "-",
                 percent(indicator["achievement"]) if indicator["value"] else "-", met_words(indicator)]
                for number, indicator in enumerate(indicators, 1)]
        return [{"kind": "table", "columns": ["TT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Tỷ lệ đạt (%)", "Đánh giá"],
                 "widths": [7, 37, 16, 13, 12, 15], "rows": rows}]

    @staticmethod
    def _event_blocks(events):
        rows = [[str(number), event["name"], "%s - %s" % (date_vn(event["date_start"]), date_vn(event["date_end"])),
                 percent(event["participation_rate"]), format_dong(event["planned"]), format_dong(event["spent"])]
                for number, event in enumerate(events["items"], 1)]
        rows.append(["", "Tổng cộng", "", "", format_dong(events["planned"]), format_dong(events["spent"])])
        return [{"kind": "table", "columns": ["TT", "Sự kiện, hoạt động", "Thời gian", "Tỷ lệ tham gia (%)",
                                              "Kinh phí kế hoạch (đồng)", "Đã chi (đồng)"],
                 "widths": [7, 31, 18, 12, 16, 16], "rows": rows}]

    @staticmethod
    def _allowance_blocks(allowances):
        blocks = [{"kind": "paragraph", "text": "Kinh phí phụ cấp cộng tác viên bảo vệ trẻ em trong kỳ của %d xã, "
                                                "phường:" % allowances["wards"]}]
        for key, label in (("planned", "Kế hoạch"), ("disbursed", "Đã cấp phát"), ("settled", "Đã quyết toán")):
            blocks.append({"kind": "paragraph", "text": "- %s: %s đồng. Bằng chữ: %s." % (
                label, format_dong(allowances[key]), amount_in_words(allowances[key]))})
        return blocks

    def _docx(self):
        """The report as DOCX, for offices that edit in Word: the issued text, or the draft."""
        return self.env["child.document"]._docx_of(self)

    def _draft_pdf(self):
        """The draft for review as PDF bytes, laid out as the issued document will be (WeasyPrint)."""
        self.ensure_one()
        return official_document.render_pdf(self._document(draft=True))[0]


class ChildDocument(models.Model):
    _inherit = "child.document"

    report_id = fields.Many2one("child.plan.report", string="Report", readonly=True, index=True,
                                ondelete="restrict", help="The periodic report whose document this is.")


class ChildPlan(models.Model):
    """The issuer's register is shared by the plans and the periodic reports: a report takes the next number after
    the plans and reports the issuer already gave that year, and a plan the next after both."""
    _inherit = "child.plan"

    report_ids = fields.One2many("child.plan.report", "plan_id", string="Periodic reports", readonly=True)
    report_count = fields.Integer(compute="_compute_report_count", string="Reports")

    def _compute_report_count(self):
        Report = self.env["child.plan.report"]
        readable = Report.check_access_rights("read", raise_exception=False)
        for plan in self:
            plan.report_count = Report.search_count([("plan_id", "=", plan.id)]) if readable else 0

    @api.model
    def _register_holder(self, issuer, year, seq):
        taken = super(ChildPlan, self)._register_holder(issuer, year, seq)
        if taken:
            return taken
        return self.env["child.plan.report"].sudo().search([
            ("issuer_id", "=", issuer.id), ("number_year", "=", year), ("number_seq", "=", seq)], limit=1).number

    @api.model
    def _register_last(self, issuer, year):
        last = super(ChildPlan, self)._register_last(issuer, year)
        self.env.cr.execute("SELECT COALESCE(MAX(number_seq), 0) FROM child_plan_report "
                            "WHERE issuer_id = %s AND number_year = %s", [issuer.id, year])
        return max(last, self.env.cr.fetchone()[0])

    @api.multi
    def action_view_reports(self):
        self.ensure_one()
        action = self.env.ref("child_reports.child_plan_report_action").read()[0]
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action
