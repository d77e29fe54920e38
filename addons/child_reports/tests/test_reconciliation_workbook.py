import io

import xlrd

from odoo.exceptions import UserError

from odoo.addons.child_protection.tests.allowance_common import AllowanceCase


class TestReconciliationWorkbook(AllowanceCase):
    """The workbook of a run, rendered by report_xlsx as the finance officer who downloads it."""

    def setUp(self):
        super(TestReconciliationWorkbook, self).setUp()
        for sheet in self.generate("2030-04-01"):
            self.pay(sheet, disbursed={self.an: 450000}, receipted={self.an: 450000, self.cuong: None})
        self.run_record = self.env["child.allowance.reconciliation"].sudo(self.finance).create({
            "area_id": self.district.id, "period_type": "month", "year": 2030, "period_number": 4})
        self.run_record.action_run()

    def render(self, run):
        report = self.env.ref("child_reports.child_allowance_reconciliation_xlsx").sudo(self.finance)
        content, kind = report.render_xlsx(run.ids, {})
        self.assertEqual(kind, "xlsx")
        return xlrd.open_workbook(file_contents=content)

    def test_sheets_totals_words_and_status(self):
        book = self.render(self.run_record)
        self.assertEqual(book.sheet_names(), ["Tổng hợp", "Phường A", "Phường B", "Chênh lệch"])
        summary = [v for r in range(book.sheet_by_index(0).nrows) for v in book.sheet_by_index(0).row_values(r)]
        self.assertIn("Tổng số tiền đã cấp phát (viết bằng chữ): Một triệu bốn trăm năm mươi nghìn đồng chẵn.",
                      summary)
        self.assertIn("Kế toán trưởng", summary)
        self.assertIn(1500000, summary)
        ward_a = book.sheet_by_name("Phường A")
        rows = [ward_a.row_values(r) for r in range(ward_a.nrows)]
        an = [row for row in rows if row[1] == "T-AN"][0]
        self.assertEqual((an[5], an[6], an[7]), (500000, 450000, 450000))
        self.assertIn("Disbursed ≠ planned", an[10])
        discrepancies = book.sheet_by_name("Chênh lệch")
        kinds = sorted(discrepancies.row_values(r)[5] for r in range(8, discrepancies.nrows))
        self.assertEqual(kinds, ["Disbursed ≠ planned", "Missing receipt"])

    def test_not_run_refused(self):
        draft = self.env["child.allowance.reconciliation"].sudo(self.finance).create({
            "area_id": self.district.id, "period_type": "month", "year": 2030, "period_number": 5})
        with self.assertRefused(UserError, "Workbook: run the reconciliation first."):
            self.render(draft)
