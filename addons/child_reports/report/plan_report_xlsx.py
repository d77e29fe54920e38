from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.child_protection.engines import decree30

from ..engines import report_workbook


class PlanReportXlsx(models.AbstractModel):
    """The workbook of a plan's periodic report (report_xlsx): the figures its PDF shows (those kept at issue,
    the current ones on a draft); the layout is the engine's."""
    _name = "report.child_reports.plan_report_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, reports):
        report = reports[:1]
        if not report:
            raise UserError(_("Workbook: choose the report to print."))
        report.check_access_rule("read")
        report_workbook.write_workbook(workbook, self._document(report), report._print_figures())

    def _document(self, report):
        """The heading and signature data of the workbook."""
        issuer = report.issuer_id
        place_date = report.place_date_line or decree30.place_date_line(
            issuer.area_id.get_place_name(), fields.Date.context_today(report))
        signature_lines = []
        if report.signer_position:
            signature_lines = decree30.signature_lines(report.signer_position, report.signer_authority,
                                                       report.signer_head_title, report.signer_collective)
        return {
            "unit_parent": (issuer.parent_id.name or "").upper(),
            "unit": (issuer.name or "").upper(),
            "period": "%s%s" % ("Số %s - " % report.number if report.number else "", report.name),
            "place_date": place_date,
            "signature_lines": signature_lines,
            "signer_name": report.signer_name or "",
            "drafter": self.env.user.name,
            "signer_names": {"Người lập biểu": self.env.user.name,
                             "Thủ trưởng đơn vị": report.signer_name or ""},
        }
