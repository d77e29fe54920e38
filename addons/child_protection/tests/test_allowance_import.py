import base64
import io

import xlsxwriter

from odoo.exceptions import UserError

from .allowance_common import AllowanceCase


def csv_file(*rows):
    return base64.b64encode("\n".join(rows).encode("utf-8"))


def xlsx_file(rows):
    data = io.BytesIO()
    workbook = xlsxwriter.Workbook(data)
    sheet = workbook.add_worksheet()
    for number, row in enumerate(rows):
        for col, value in enumerate(row):
            sheet.write(number, col, value)
    workbook.close()
    return base64.b64encode(data.getvalue())


class TestAllowanceImport(AllowanceCase):

    def setUp(self):
        super(TestAllowanceImport, self).setUp()
        self.april = self.generate("2030-04-01")
        self.april.sudo(self.finance).action_confirm()
        self.april_a = self.april.filtered(lambda s: s.area_id == self.ward_a)

    def run_import(self, content, filename="kho-bac.csv", user=None, sheet=None):
        wizard = self.env["child.allowance.import"].sudo(user or self.finance).create({
            "file": content, "filename": filename, "sheet_id": sheet.id if sheet else False})
        wizard.action_import()
        return wizard

    def amounts(self):
        return sorted((line.collaborator_id.code, line.disbursed_amount, line.receipted_amount)
                      for line in self.april.mapped("line_ids"))

    def test_disbursements_from_csv(self):
        wizard = self.run_import(csv_file(
            "collaborator_code,month,disbursed_amount",
            "T-AN,04/2030,500000",
            "T-BINH,2030-04,\"500.000\"",
            "T-CUONG,04/2030,450000"))
        self.assertEqual(wizard.imported_count, 3)
        self.assertEqual(self.amounts(), [("T-AN", 500000, 0), ("T-BINH", 500000, 0), ("T-CUONG", 450000, 0)])

    def test_receipts_from_xlsx_with_vietnamese_headers(self):
        self.run_import(csv_file("collaborator_code;month;disbursed_amount", "T-AN;04/2030;500000",
                                 "T-BINH;04/2030;500000"))
        self.april_a.sudo(self.finance).action_disburse()
        self.run_import(xlsx_file([
            ["Mã CTV", "Tháng", "Số tiền ký nhận", "Đã ký", "Ngày ký nhận"],
            ["T-AN", "04/2030", 500000, "x", "05/05/2030"],
            ["T-BINH", "04/2030", 490000, 1, "2030-05-06"],
        ]), "phuong-a.xlsx", user=self.ward_a_officer, sheet=self.april_a)
        an, binh = self.line(self.april_a, self.an), self.line(self.april_a, self.binh)
        self.assertEqual((an.receipt_signed, an.receipted_amount, an.receipt_date), (True, 500000, "2030-05-05"))
        self.assertEqual((binh.receipted_amount, binh.receipt_date), (490000, "2030-05-06"))

    def test_all_or_nothing_with_row_errors(self):
        content = csv_file(
            "collaborator_code,month,disbursed_amount",
            "T-AN,04/2030,500000",
            "T-BINH,04/2030,-5",
            "T-CUONG,13/2030,450000",
            "T-KHONG,04/2030,1000",
            "T-AN,04/2030,500000",
            "T-CUONG,04/2030,450000.5",
            ",04/2030,1")
        with self.assertRefused(UserError, "Nothing was imported: 6 error(s)",
                                "Row 3, Disbursed amount: must not be negative.",
                                "Row 4, Month: '13/2030' is not a month",
                                "Row 5, Collaborator code: no collaborator has the code 'T-KHONG'.",
                                "Row 6, Collaborator code: the same collaborator and month as row 2.",
                                "Row 7, Disbursed amount: must be a whole number of đồng",
                                "Row 8, Collaborator code: must be filled in."):
            self.run_import(content)
        self.assertEqual(self.amounts(), [("T-AN", 0, 0), ("T-BINH", 0, 0), ("T-CUONG", 0, 0)])

    def test_rows_the_state_refuses(self):
        content = csv_file("collaborator_code,month,receipted_amount,receipt_signed,receipt_date",
                           "T-AN,04/2030,500000,1,05/05/2030",
                           "T-CUONG,05/2030,500000,1,05/05/2030")
        with self.assertRefused(UserError, "Row 2: Receipted amount", "is Confirmed",
                                "Row 3, Month: Lê Văn Cường has no line for that month"):
            self.run_import(content)
        self.assertEqual(self.amounts(), [("T-AN", 0, 0), ("T-BINH", 0, 0), ("T-CUONG", 0, 0)])

    def test_ward_officer_cannot_import_another_ward(self):
        self.april.sudo(self.finance).action_disburse()
        content = csv_file("collaborator_code,month,receipted_amount,receipt_signed,receipt_date",
                           "T-CUONG,04/2030,500000,1,05/05/2030")
        # the ward officer does not see ward B's collaborators at all
        with self.assertRefused(UserError, "Row 2, Collaborator code: no collaborator has the code 'T-CUONG'"):
            self.run_import(content, user=self.ward_a_officer)
        self.assertFalse(self.line(self.april.filtered(lambda s: s.area_id == self.ward_b), self.cuong)
                         .receipt_signed)

    def test_unreadable_file(self):
        with self.assertRefused(UserError, "File:", "missing column(s): month"):
            self.run_import(csv_file("collaborator_code,disbursed_amount", "T-AN,1"))
        with self.assertRefused(UserError, "File:", "only .csv and .xlsx"):
            self.run_import(csv_file("x"), filename="data.pdf")
