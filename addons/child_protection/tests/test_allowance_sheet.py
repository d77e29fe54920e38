from odoo.exceptions import AccessError, UserError

from .allowance_common import AllowanceCase


class TestAllowanceSheet(AllowanceCase):

    def test_generation_one_sheet_per_ward_with_serving_collaborators(self):
        sheets = self.generate("2030-04-01")
        self.assertEqual(sorted(sheets.mapped("area_id.name")), ["Phường A", "Phường B"])
        ward_a = sheets.filtered(lambda sheet: sheet.area_id == self.ward_a)
        self.assertEqual(ward_a.line_ids.mapped("collaborator_id"), self.binh | self.an)
        self.assertEqual(ward_a.name, "04/2030 - Phường A")
        self.assertEqual((ward_a.state, ward_a.line_count, ward_a.planned_total), ("draft", 2, 1000000))
        # the month is kept as its first day whatever day was given
        self.assertEqual(ward_a.month, "2030-04-01")

    def test_generation_skips_wards_with_a_sheet_and_leavers(self):
        self.generate("2030-09-01", self.ward_a)
        sheets = self.generate("2030-09-15")
        self.assertEqual(sheets.mapped("area_id"), self.ward_b)
        self.assertNotIn(self.binh, self.sheet(self.ward_a, "2030-09-01").line_ids.mapped("collaborator_id"))
        with self.assertRefused(UserError, "Month:", "already has its sheet for 09/2030"):
            self.generate("2030-09-01")

    def test_workflow_to_settled(self):
        sheet = self.generate("2030-04-01", self.ward_a)
        self.pay(sheet)
        self.assertEqual(sheet.state, "receipted")
        self.assertEqual(sheet.settled_total, 1000000)  # proposed as the amounts signed for
        sheet.action_settle()
        self.assertEqual(sheet.state, "settled")

    def test_wrong_transitions_refused(self):
        sheet = self.generate("2030-04-01", self.ward_a).sudo(self.finance)
        with self.assertRefused(UserError, "is Draft", "cannot become Disbursed"):
            sheet.action_disburse()
        with self.assertRefused(UserError, "is Draft", "cannot become Settled"):
            sheet.write({"state": "settled"})
        self.assertEqual(sheet.state, "draft")

    def test_ward_officer_records_receipts_only(self):
        sheet = self.generate("2030-04-01", self.ward_a).sudo(self.finance)
        sheet.action_confirm()
        for line in sheet.line_ids:
            line.write({"disbursed_amount": line.planned_amount})
        sheet.action_disburse()
        as_ward = sheet.sudo(self.ward_a_officer)
        line = self.line(as_ward, self.an)
        line.write({"receipt_signed": True, "receipted_amount": 500000, "receipt_date": "2030-05-02"})
        with self.assertRefused(AccessError, "Disbursed amount", "only a Finance officer"):
            line.write({"disbursed_amount": 1})
        as_ward.action_receipt()
        with self.assertRefused(AccessError, "only a Finance officer"):
            as_ward.action_settle()
        self.assertEqual((sheet.state, line.disbursed_amount), ("receipted", 500000))

    def test_lines_change_only_in_their_state(self):
        sheet = self.generate("2030-04-01", self.ward_a).sudo(self.finance)
        line = self.line(sheet, self.an)
        with self.assertRefused(UserError, "Disbursed amount", "is Draft", "Confirmed / Disbursed"):
            line.write({"disbursed_amount": 500000})
        sheet.action_confirm()
        with self.assertRefused(UserError, "Planned amount", "is Confirmed"):
            line.write({"planned_amount": 1})
        with self.assertRefused(UserError, "Lines:", "only on a draft"):
            line.unlink()
        self.assertEqual((line.planned_amount, line.disbursed_amount), (500000, 0))


class TestPeriodLock(AllowanceCase):

    def setUp(self):
        super(TestPeriodLock, self).setUp()
        self.settled = self.pay(self.generate("2030-04-01", self.ward_a), settle=True)
        self.line_an = self.line(self.settled, self.an)

    def test_settled_lines_cannot_change(self):
        for vals in ({"settled_amount": 1}, {"receipted_amount": 1}, {"note": "sửa"},
                     {"disbursed_amount": 499000}):
            with self.assertRefused(UserError, "the allowances of Phường A for 04/2030 are settled",
                                    "the period is locked"):
                self.line_an.write(vals)
        with self.assertRefused(UserError, "period is locked"):
            self.line_an.unlink()
        with self.assertRefused(UserError, "period is locked"):
            self.env["child.allowance.line"].sudo(self.finance).create({
                "sheet_id": self.settled.id, "collaborator_id": self.binh.id, "planned_amount": 1})
        self.assertEqual((self.line_an.settled_amount, self.line_an.note), (500000, False))

    def test_settled_sheet_cannot_move_or_be_deleted(self):
        for action in ("action_draft", "action_reopen_receipts", "action_receipt"):
            with self.assertRefused(UserError, "period is locked"):
                getattr(self.settled, action)()
        with self.assertRefused(UserError, "only a draft sheet"):
            self.settled.unlink()
        with self.assertRefused(UserError, "period is locked"):
            self.settled.write({"line_ids": [(1, self.line_an.id, {"settled_amount": 0})]})
        self.assertEqual(self.settled.state, "settled")
        self.assertEqual(self.line_an.settled_amount, 500000)

    def test_period_settled_from_the_reconciliation(self):
        may = self.pay(self.generate("2030-05-01", self.ward_a))
        run = self.env["child.allowance.reconciliation"].sudo(self.finance).create({
            "area_id": self.ward_a.id, "period_type": "quarter", "year": 2030, "period_number": 2})
        run.action_run()
        june = self.generate("2030-06-01", self.ward_a)
        with self.assertRefused(UserError, "Settle:", "must be receipted first", "06/2030 - Phường A (Draft)"):
            run.action_settle_period()
        self.assertEqual(may.state, "receipted")
        self.pay(june)
        run.action_settle_period()
        self.assertEqual((may.state, june.state), ("settled", "settled"))
        messages = len(run.message_ids)
        with self.assertRefused(UserError, "Settle:", "is settled already"):
            run.action_settle_period()
        self.assertEqual(len(run.message_ids), messages)
        with self.assertRefused(UserError, "period is locked"):
            self.line(may, self.an).write({"settled_amount": 0})
