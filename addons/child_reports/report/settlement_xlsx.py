from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.child_events.engines import settlement
from odoo.addons.child_protection.engines.decree30 import place_date_line

from ..engines import settlement_workbook


def _date_vn(value):
    return "%s/%s/%s" % (value[8:10], value[5:7], value[:4]) if value else ""


class SettlementXlsx(models.AbstractModel):
    """The settlement workbook of an event (report_xlsx); the layout is the engine's. Recipient lists hold only the
    recipients the reader may see (organisers: all wards; a ward's officer: their ward)."""
    _name = "report.child_reports.settlement_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, events):
        event = events[:1]
        if not event:
            raise UserError(_("Workbook: choose the event to settle."))
        if event.state not in ("running", "settled"):
            raise UserError(_("Workbook: event %s has not started; there is nothing to settle yet.") % event.name)
        event.check_access_rule("read")
        rows = settlement.settle(event._settlement_budget_lines(), event._settlement_gifts(),
                                 event._settlement_recipients())
        settlement_workbook.write_workbook(workbook, self._document(event), rows)

    def _document(self, event):
        """The heading and signature data of the workbook."""
        user = self.env.user
        agency = event.agency_id
        area = agency.area_id or event.plan_id.area_id
        return {
            "unit_parent": (agency.parent_id.name or "").upper(),
            "unit": (agency.name or "").upper(),
            "title": "BẢNG QUYẾT TOÁN KINH PHÍ - %s" % event.name.upper(),
            "period": "Từ %s đến %s - Kế hoạch %s" % (_date_vn(event.date_start), _date_vn(event.date_end),
                                                      event.plan_id.display_name),
            "place_date": place_date_line(area.get_place_name(), fields.Date.context_today(event)),
            "signer_names": {"Người lập biểu": user.name},
        }
