import tempfile

import xlsxwriter

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.child_protection.engines.decree30 import place_date_line
from odoo.addons.child_protection.models.child_allowance_sheet import month_label

from ..engines import reconciliation_workbook

# Every line of the run's period and area with what the workbook shows, ordered by ward. One query; a server-side
# cursor streams it, so the workbook (constant_memory) is written without holding the lines.
LINES_QUERY = """
    WITH RECURSIVE area_tree(id) AS (
        SELECT id FROM child_area WHERE id = %(area)s
        UNION ALL
        SELECT child.id FROM child_area child JOIN area_tree parent ON child.parent_id = parent.id
    )
    SELECT line.id, sheet.area_id, ward.name, collaborator.code, collaborator.name,
           COALESCE(grp.name, collaborator.group_name), sheet.month, sheet.state, line.planned_amount,
           line.disbursed_amount, line.receipted_amount, line.receipt_signed, line.receipt_date, line.settled_amount
      FROM child_allowance_line line
      JOIN child_allowance_sheet sheet ON sheet.id = line.sheet_id
      JOIN child_area ward ON ward.id = sheet.area_id
      JOIN child_collaborator collaborator ON collaborator.id = line.collaborator_id
      LEFT JOIN child_area grp ON grp.id = collaborator.group_area_id
     WHERE sheet.area_id IN (SELECT id FROM area_tree)
       AND sheet.month BETWEEN %(date_from)s AND %(date_to)s
     ORDER BY ward.name, sheet.area_id, collaborator.name, collaborator.id, sheet.month
"""
PAGE = 5000


def _date_vn(value):
    return "%s/%s/%s" % (value[8:10], value[5:7], value[:4]) if value else ""


class ReconciliationXlsx(models.AbstractModel):
    """The reconciliation workbook of a run (report_xlsx); the layout is the engine's."""
    _name = "report.child_reports.reconciliation_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def get_workbook_options(self):
        return {"constant_memory": True}

    def create_xlsx_report(self, docids, data):
        """As report_xlsx's, but the workbook is zipped into a temporary file rather than a BytesIO that is then
        copied: the bytes of the answer are the only copy of the workbook held in memory."""
        runs = self._get_objs_for_report(docids, data)
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as output:
            workbook = xlsxwriter.Workbook(output.name, self.get_workbook_options())
            self.generate_xlsx_report(workbook, data, runs)
            workbook.close()
            output.seek(0)
            return output.read(), "xlsx"

    def generate_xlsx_report(self, workbook, data, runs):
        run = runs[:1]
        if not run or run.state != "done":
            raise UserError(_("Workbook: run the reconciliation first."))
        run.check_access_rule("read")
        doc = self._document(run)
        wards = [{"name": ward.area_id.name, "line_count": ward.line_count, "planned": int(ward.planned_total),
                  "disbursed": int(ward.disbursed_total), "receipted": int(ward.receipted_total),
                  "settled": int(ward.settled_total), "discrepancy_count": ward.discrepancy_count}
                 for ward in run.ward_ids.sorted(lambda ward: ward.area_id.name)]
        totals = {"line_count": run.line_count, "planned": int(run.planned_total),
                  "disbursed": int(run.disbursed_total), "receipted": int(run.receipted_total),
                  "settled": int(run.settled_total), "discrepancy_count": run.discrepancy_count}
        kinds = dict(self.env["child.allowance.discrepancy"]._fields["kind"]._description_selection(self.env))
        states = dict(self.env["child.allowance.sheet"]._fields["state"]._description_selection(self.env))
        self.env.cr.execute("SELECT line_id, kind FROM child_allowance_discrepancy WHERE reconciliation_id = %s "
                            "AND line_id IS NOT NULL", [run.id])
        kinds_by_line = {}
        for line_id, kind in self.env.cr.fetchall():
            kinds_by_line.setdefault(line_id, []).append(kinds[kind])
        discrepancies = [{
            "ward": item.area_id.name or "", "code": item.collaborator_id.code, "name": item.collaborator_id.name,
            "month": item.month_label, "kind": kinds[item.kind], "expected": int(item.expected_amount),
            "actual": int(item.actual_amount)} for item in run.discrepancy_ids]
        cursor = self.env.cr._cnx.cursor("child_reconciliation_workbook_%d" % run.id)
        try:
            cursor.itersize = PAGE
            # a cursor's plan favours the first rows by default; the whole result is read here
            self.env.cr.execute("SET LOCAL cursor_tuple_fraction = 1.0")
            cursor.execute(LINES_QUERY, {"area": run.area_id.id, "date_from": run.date_from,
                                         "date_to": run.date_to})
            lines = self._lines(cursor, states, kinds_by_line)
            reconciliation_workbook.write_workbook(workbook, doc, wards, totals, lines, discrepancies)
        finally:
            cursor.close()

    def _lines(self, server_cursor, states, kinds_by_line):
        # dates come as "YYYY-MM-DD" text: Odoo 11 registers that typecaster for its cursors' connection
        for row in server_cursor:
            (line_id, ward_id, ward, code, name, group, month, state, planned, disbursed, receipted, signed,
             receipt_date, settled) = row
            status = [states[state]] + kinds_by_line.get(line_id, [])
            yield {"ward_id": ward_id, "ward": ward, "code": code, "name": name, "group": group,
                   "month": month_label(str(month)), "planned": int(planned or 0),
                   "disbursed": int(disbursed or 0), "receipted": int(receipted or 0) if signed else None,
                   "receipt_date": _date_vn(str(receipt_date)) if receipt_date else "",
                   "settled": int(settled or 0), "status": "; ".join(status)}

    def _document(self, run):
        """The heading and signature data of the workbook."""
        user = self.env.user
        agency = user.child_agency_ids[:1]
        area = agency.area_id or run.area_id
        if run.period_type == "year":
            period = "Năm %s" % run.year
        elif run.period_type == "quarter":
            period = "Quý %s năm %s" % (run.period_number, run.year)
        else:
            period = "Tháng %s" % month_label(run.date_from)
        return {
            "unit_parent": (agency.parent_id.name or "").upper(),
            "unit": (agency.name or run.area_id.name or "").upper(),
            "title": "BẢNG ĐỐI CHIẾU PHỤ CẤP CỘNG TÁC VIÊN BẢO VỆ TRẺ EM",
            "period": "%s - %s (từ %s đến %s)" % (period, run.area_id.name, _date_vn(run.date_from),
                                                  _date_vn(run.date_to)),
            "area_line": "Địa bàn: %s" % run.area_id.name,
            "run_line": "Đối chiếu lúc %s, người thực hiện: %s." % (
                fields.Datetime.context_timestamp(run, fields.Datetime.from_string(run.run_date)).strftime(
                    "%H:%M %d/%m/%Y"), run.user_id.name),
            "place_date": place_date_line(area.get_place_name(), fields.Date.context_today(run)),
            "signer_names": {"Người lập biểu": user.name},
        }
