from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.child_protection.engines import decree30, indicators, schedule

from ..engines import official_document

LEADER = "child_protection.group_leader"
#: Decree 30, Appendix III: the type name of each type code the suite issues.
TYPE_NAMES = {"KH": "KẾ HOẠCH", "BC": "BÁO CÁO"}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
COMPARISON_WORDS = {"at_least": "Ít nhất", "exactly": "Đạt", "at_most": "Không quá"}
RECURRENCE_WORDS = {"monthly": "hằng tháng", "quarterly": "hằng quý", "half_yearly": "6 tháng một lần"}
DOCUMENT_LANG = "vi_VN"   # official documents are written in Vietnamese, whoever prints them


def date_vn(value):
    """``2021-02-24`` -> ``24/02/2021``."""
    return "%s/%s/%s" % (value[8:10], value[5:7], value[:4]) if value else ""


def lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ChildPlan(models.Model):
    """The plan as an official document: laid out in the Decree 30 layout (PDF, DOCX), frozen and signed when it
    is issued (child.document), superseded or revoked with the plan."""
    _inherit = "child.plan"

    document_ids = fields.One2many("child.document", "plan_id", string="Issued documents", readonly=True)
    document_id = fields.Many2one("child.document", string="Issued document", compute="_compute_document_id",
                                  help="The plan's own issued document (the latest).")

    @api.depends("document_ids")
    def _compute_document_id(self):
        for plan in self:
            plan.document_id = plan._own_documents()[:1]

    @api.multi
    def write(self, vals):
        revoke = self.filtered(lambda p: p.number) if vals.get("state") == "cancelled" else self.browse()
        result = super(ChildPlan, self).write(vals)
        revoke._own_documents().filtered(lambda d: d.state == "valid")._set_state("revoked")
        return result

    def _own_documents(self):
        """The plans' own issued documents, not those of the reports on them (which stay as issued)."""
        return self.mapped("document_ids").filtered(lambda d: not d.report_id)

    def _check_signer(self):
        super(ChildPlan, self)._check_signer()
        self.env["child.document"]._check_can_sign(self)

    def _issue(self, issue_date=None):
        super(ChildPlan, self)._issue(issue_date=issue_date)
        document = self._freeze_document()
        replaced = self.replaced_plan_id._own_documents().filtered(lambda d: d.state == "valid")
        replaced._set_state("superseded", superseded_by=document)

    @api.multi
    def action_freeze_document(self):
        """Freeze the document of an issued plan that has none (issued before this addon was installed)."""
        if not self.env.user.has_group(LEADER):
            raise AccessError(_("Issued document: only a leader freezes and signs a plan's document."))
        for plan in self:
            if plan.state not in ("issued", "in_progress", "closed") or plan.document_id:
                raise UserError(_("Plan %s: only an issued plan without its document can be frozen.")
                                % plan.display_name)
            # the signer signs: the same checks as at issue (their own certificate, the issuer's seal)
            plan._check_signer()
            plan._freeze_document()
        return True

    def _freeze_document_as(self, user_id):
        """action_freeze_document by ``user_id`` (the signer), for data files only (not callable over RPC)."""
        return self.sudo(user_id).action_freeze_document()

    @api.multi
    def action_download_pdf(self):
        """The issued PDF (as signed); a draft for review before that."""
        self.ensure_one()
        if self.document_id:
            return self.document_id.action_download()
        return self.env.ref("child_reports.child_plan_draft_pdf").report_action(self)

    @api.multi
    def action_download_docx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self", "url": "/child/plan/%d/docx" % self.id}

    # The document ---------------------------------------------------------------------------------------------

    def _freeze_document(self):
        """Render the issued plan once, sign it and store it (child.document)."""
        self.ensure_one()
        return self.env["child.document"]._freeze(self, lambda qr_url: self._document(qr_url=qr_url))

    def _document(self, qr_url=None, draft=False):
        """The plan as the document engines' plain dict (see engines/official_document.py), in Vietnamese."""
        self.ensure_one()
        plan = self.with_context(lang=self._document_lang())
        issuer = plan.issuer_id
        lines_above = decree30.signature_lines(plan.signer_position, plan.signer_authority,
                                               plan.signer_head_title, plan.signer_collective)
        doc = {
            "issuer_lines": official_document.issuer_lines(issuer.name, issuer.parent_id.name),
            "number": plan.number or "",
            "number_suffix": "%s-%s" % (plan._document_type, issuer.code),
            "place_date": plan.place_date_line or "",
            "type_name": TYPE_NAMES[plan._document_type],
            "title": plan.name,
            "blocks": plan._document_blocks(),
            "recipients": plan.recipient_ids.mapped("name"),
            "signature_lines": lines_above,
            "signer_name": plan.signer_name,
        }
        if qr_url:
            doc["qr_url"] = qr_url
        if draft or not plan.number:
            doc["draft_mark"] = "DỰ THẢO"
            doc["place_date"] = doc["place_date"] or "%s, ngày     tháng     năm %s" % (
                issuer.area_id.get_place_name(), plan.year)
        return doc

    def _document_lang(self):
        installed = self.env["res.lang"].search_count([("code", "=", DOCUMENT_LANG)])
        return DOCUMENT_LANG if installed else self.env.context.get("lang")

    def _document_blocks(self):
        """The body: legal bases and opening, purposes, indicators, sections, the agencies' tasks, reporting."""
        blocks = [{"kind": "paragraph", "text": basis if basis.startswith("Căn cứ") else "Căn cứ %s;" % basis}
                  for basis in self.legal_basis_ids.mapped("name")]
        blocks += [{"kind": "paragraph", "text": text} for text in lines(self.summary)]
        parts = []
        if self.purpose:
            parts.append(("MỤC ĐÍCH, YÊU CẦU", [{"kind": "paragraph", "text": "- %s" % text.lstrip("- ")}
                                                 for text in lines(self.purpose)]))
        if self.indicator_ids:
            parts.append(("CHỈ TIÊU", [{"kind": "table", "columns": ["TT", "Chỉ tiêu", "Mục tiêu"],
                                        "widths": [8, 67, 25], "rows": [
                [str(number), indicator.name, self._target_words(indicator)]
                for number, indicator in enumerate(self.indicator_ids, 1)]}]))
        if self.section_ids:
            section_blocks = []
            for section in self.section_ids:
                section_blocks.append({"kind": "subheading", "text": "%d. %s" % (section.number, section.name)})
                section_blocks += [{"kind": "paragraph", "text": text} for text in lines(section.body)]
            parts.append(("NHIỆM VỤ VÀ GIẢI PHÁP", section_blocks))
        tasks = self.env["child.plan.task"].search([("plan_id", "=", self.id), ("series_id", "=", False),
                                                    ("state", "!=", "cancelled")])
        if tasks:
            parts.append(("TỔ CHỨC THỰC HIỆN", self._task_blocks(tasks)))
        reporting = self._reporting_blocks()
        if reporting:
            parts.append(("CHẾ ĐỘ THÔNG TIN, BÁO CÁO", reporting))
        for number, (heading, part) in enumerate(parts):
            blocks.append({"kind": "heading", "text": "%s. %s" % (ROMAN[number], heading)})
            blocks += part
        blocks.append({"kind": "paragraph", "text": (
            "Trên đây là %s %s; đề nghị các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ được giao tổ chức thực "
            "hiện./." % (TYPE_NAMES[self._document_type].lower(), self.name[:1].lower() + self.name[1:]))})
        return blocks

    @staticmethod
    def _target_words(indicator):
        figure = indicators.display(indicator.unit, indicator.target, indicator.target_total)
        return "%s %s" % (COMPARISON_WORDS.get(indicator.comparison, ""), figure)

    def _task_blocks(self, tasks):
        blocks = []
        agencies = tasks.mapped("agency_id").sorted(lambda a: (a.sequence, a.name))
        for number, agency in enumerate(agencies, 1):
            blocks.append({"kind": "subheading", "text": "%d. %s" % (number, agency.name)})
            for task in tasks.filtered(lambda t: t.agency_id == agency):
                when = []
                if task.recurrence:
                    when.append(RECURRENCE_WORDS[task.recurrence])
                if task.deadline:
                    when.append("thời hạn %s" % date_vn(task.deadline))
                partners = task.coordinating_agency_ids.mapped("name")
                text = "- %s%s%s." % (task.name, " (%s)" % ", ".join(when) if when else "",
                                      "; phối hợp: %s" % ", ".join(partners) if partners else "")
                blocks.append({"kind": "paragraph", "text": text})
        return blocks

    def _reporting_blocks(self):
        blocks = []
        for line in self.report_calendar_id.line_ids:
            due = schedule.day_of_year(self.year, line.due_month, line.due_day)
            blocks.append({"kind": "paragraph", "text": "- %s: trước ngày %s." % (
                line.name, due.strftime("%d/%m/%Y"))})
        if self.incident_rule:
            blocks.append({"kind": "paragraph", "text": "- %s" % self.incident_rule})
        return blocks

    def _docx(self):
        """The plan as DOCX, for offices that edit in Word: the issued text, or the draft."""
        return self.env["child.document"]._docx_of(self)

    def _draft_html(self):
        """The body of the draft for review, for the QWeb report (Odoo's wkhtmltopdf)."""
        self.ensure_one()
        return official_document.body_html(self._document(draft=True))
