from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.child_protection.engines.decree30 import place_date_line

from ..engines import child_statistics as stats
from ..engines import statistics_workbook


class StatRollupXlsx(models.AbstractModel):
    """The Circular 13 statistics workbook of an area and period (report_xlsx); the layout is the engine's. The
    figures are added up as the reader, who must be able to read the statistics of every ward of the area."""
    _name = "report.child_reports.stat_rollup_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, rollups):
        rollup = rollups[:1]
        if not rollup:
            raise UserError(_("Workbook: choose the area and the period whose statistics to export."))
        result = self.env["child.stat.report"]._rollup(rollup.area_id, rollup.year, rollup.period)
        statistics_workbook.write_workbook(workbook, self._document(rollup, result), result["rows"], result["wards"])

    def _document(self, rollup, result):
        """The heading and signature data of the workbook."""
        user, area = self.env.user, rollup.area_id
        agency = user.child_agency_ids[:1]
        today = fields.Date.context_today(rollup)
        return {
            "unit_parent": (agency.parent_id.name or (area.parent_id.name if not agency else "") or "").upper(),
            "unit": (agency.name or area.name or "").upper(),
            "title": "SỐ LIỆU THỐNG KÊ VỀ TRẺ EM",
            "period": "%s - %s (Thông tư số 13/2021/TT-BLĐTBXH)" % (
                stats.period_label(rollup.year, rollup.period), area.name),
            "coverage": "Số liệu của %d/%d xã, phường" % (result["reported_count"], result["ward_count"]),
            "place_date": place_date_line((agency.area_id or area).get_place_name(), today),
            "signer_names": {"Người lập biểu": user.name},
        }
