from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .allowance_common import AllowanceCase


class TestAllowanceBadInputs(AllowanceCase):
    """Each wrong input is refused with a message naming the field and the rule, and changes nothing."""

    def setUp(self):
        super(TestAllowanceBadInputs, self).setUp()
        self.sheet = self.generate("2030-04-01", self.ward_a).sudo(self.finance)
        self.sheet.action_confirm()
        self.line_an = self.line(self.sheet, self.an)

    def test_negative_amounts(self):
        with self.assertRefused(ValidationError, "Disbursed amount: must not be negative."):
            self.line_an.write({"disbursed_amount": -500000})
        with self.assertRefused(ValidationError, "Monthly amount (đồng): must not be negative."):
            self.policy_fixed.sudo(self.finance).write({"amount": -1})
        with self.assertRefused(ValidationError, "Base wage (đồng): must not be negative."):
            self.env["child.base.wage"].sudo(self.finance).create({"name": "x", "date_start": "2031-01-01",
                                                                   "amount": -2340000})
        self.assertEqual(self.line_an.disbursed_amount, 0)
        self.assertEqual(self.policy_fixed.amount, 500000)
        self.assertFalse(self.env["child.base.wage"].search([("date_start", "=", "2031-01-01")]))

    def test_fraction_of_a_dong_is_not_rounded(self):
        with self.assertRefused(ValidationError, "Disbursed amount: must be a whole number of đồng"):
            self.line_an.write({"disbursed_amount": 500000.4})
        self.assertEqual(self.line_an.disbursed_amount, 0)

    def test_month_outside_the_policy(self):
        with self.assertRefused(UserError, "Month: no allowance policy of Tỉnh Thử Nghiệm is in force in 12/2029"):
            self.generate("2029-12-01")
        self.assertFalse(self.env["child.allowance.sheet"].search([("month", "=", "2029-12-01")]))
        draft = self.env["child.allowance.sheet"].sudo(self.finance).create({"area_id": self.ward_b.id,
                                                                             "month": "2029-11-20"})
        with self.assertRefused(UserError, "Month: no allowance policy", "11/2029"):
            draft.action_generate_lines()
        self.assertFalse(draft.line_ids)

    def test_second_sheet_for_the_same_ward_and_month(self):
        Sheet = self.env["child.allowance.sheet"].sudo(self.finance)
        with self.assertRefused(ValidationError, "Month: Phường A already has its sheet for 04/2030."):
            Sheet.create({"area_id": self.ward_a.id, "month": "2030-04-15"})
        self.assertEqual(Sheet.search_count([("area_id", "=", self.ward_a.id)]), 1)
        # the database holds the rule too
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env.cr.execute("INSERT INTO child_allowance_sheet (area_id, month, state) VALUES (%s, %s, "
                                    "'draft')", [self.ward_a.id, "2030-04-01"])

    def test_overlapping_policies(self):
        with self.assertRefused(ValidationError, "In force from:", "already has a policy in force then"):
            self.env["child.allowance.policy"].sudo(self.finance).create({
                "name": "NQ chồng", "area_id": self.province.id, "date_start": "2030-06-01", "kind": "fixed",
                "amount": 1})
        other = self.env["child.area"].create({"name": "Tỉnh Khác", "level": "province"})
        with self.assertRefused(ValidationError, "Coefficient:", "more than 0"):
            self.env["child.allowance.policy"].sudo(self.finance).create({
                "name": "NQ hệ số", "area_id": other.id, "date_start": "2035-01-01",
                "kind": "coefficient"})
        self.assertEqual(self.env["child.allowance.policy"].search_count([("area_id", "=", self.province.id)]), 2)

    def test_receipt_needs_signature_and_date(self):
        self.line_an.write({"disbursed_amount": 500000})
        self.sheet.action_disburse()
        with self.assertRefused(ValidationError, "Receipt date:", "the date of the signature is needed"):
            self.line_an.write({"receipt_signed": True, "receipted_amount": 500000})
        with self.assertRefused(ValidationError, "Receipted amount:", "has not signed"):
            self.line_an.write({"receipted_amount": 500000})
        self.assertEqual((self.line_an.receipt_signed, self.line_an.receipted_amount), (False, 0))

    def test_collaborator_dates_and_ward(self):
        with self.assertRefused(ValidationError, "Served until:", "before the appointment"):
            self.env["child.collaborator"].sudo(self.finance).create({
                "name": "Sai ngày", "area_id": self.ward_a.id, "date_start": "2030-05-01",
                "date_end": "2030-04-01"})
        with self.assertRefused(ValidationError, "Commune / ward:", "is not a commune or ward"):
            self.env["child.collaborator"].sudo(self.finance).create({
                "name": "Sai nơi", "area_id": self.district.id, "date_start": "2030-05-01"})
        self.assertFalse(self.env["child.collaborator"].search([("name", "in", ("Sai ngày", "Sai nơi"))]))
