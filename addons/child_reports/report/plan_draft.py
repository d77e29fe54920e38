from odoo import api, models

from ..engines import official_document


class PlanDraftReport(models.AbstractModel):
    """Odoo's qweb-pdf print of a plan (wkhtmltopdf), for review before issue: the engine's layout, marked as a
    draft and unnumbered."""
    _name = "report.child_reports.child_plan_draft"

    @api.model
    def get_report_values(self, docids, data=None):
        plans = self.env["child.plan"].browse(docids)
        return {"doc_ids": docids, "doc_model": "child.plan", "docs": plans,
                "style": official_document.css(paged=False),
                "bodies": {plan.id: plan._draft_html() for plan in plans}}
