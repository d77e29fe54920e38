from odoo.exceptions import UserError

from .allowance_common import AllowanceCase


class TestAllowanceReconciliation(AllowanceCase):

    def reconcile(self, area=None, period_type="quarter", number=2, year=2030):
        run = self.env["child.allowance.reconciliation"].sudo(self.finance).create({
            "area_id": (area or self.province).id, "period_type": period_type, "year": year,
            "period_number": number})
        run.action_run()
        return run

    def found(self, run):
        return sorted((d.kind, d.collaborator_id.code, d.month, d.expected_amount, d.actual_amount)
                      for d in run.discrepancy_ids)

    def test_clean_period_has_no_discrepancy(self):
        for month in ("2030-04-01", "2030-05-01"):
            for sheet in self.generate(month):
                self.pay(sheet, settle=True)
        run = self.reconcile()
        self.assertEqual(run.discrepancy_ids.mapped("kind"), [])
        self.assertEqual((run.line_count, run.planned_total, run.settled_total), (6, 3000000, 3000000))
        self.assertEqual(run.user_id, self.finance)
        self.assertTrue(run.run_date)
        self.assertEqual(sorted(run.ward_ids.mapped("area_id.name")), ["Phường A", "Phường B"])
        self.assertEqual(run.ward_ids.filtered(lambda w: w.area_id == self.ward_a).planned_total, 2000000)

    def test_each_kind_found_and_nothing_else(self):
        april = self.generate("2030-04-01")
        april_a = april.filtered(lambda s: s.area_id == self.ward_a)
        april_b = april.filtered(lambda s: s.area_id == self.ward_b)
        # ward A: An disbursed less than planned and signed for it; Bình never signed
        self.pay(april_a, disbursed={self.an: 450000}, receipted={self.an: 450000, self.binh: None})
        # ward B: Cường signed for less than was disbursed, and the settlement differs from the receipt
        self.pay(april_b, receipted={self.cuong: 400000})
        self.line(april_b, self.cuong).write({"settled_amount": 300000})
        april_b.action_settle()
        # May: An paid on ward A's sheet and again on ward B's (added by hand, as for a move between wards);
        # June: Bình left in August, but a June line for a leaver is fine; a line for Cường after he left is not
        may_a = self.generate("2030-05-01", self.ward_a)
        may_b = self.generate("2030-05-01", self.ward_b)
        self.an.sudo().write({"area_id": self.ward_b.id})
        self.env["child.allowance.line"].sudo(self.finance).create({
            "sheet_id": may_b.id, "collaborator_id": self.an.id, "planned_amount": 500000})
        self.an.sudo().write({"area_id": self.ward_a.id})
        self.cuong.sudo().write({"date_end": "2030-05-31"})
        june_b = self.env["child.allowance.sheet"].sudo(self.finance).create({"area_id": self.ward_b.id,
                                                                              "month": "2030-06-01"})
        self.env["child.allowance.line"].sudo(self.finance).create({
            "sheet_id": june_b.id, "collaborator_id": self.cuong.id, "planned_amount": 500000})
        run = self.reconcile()
        duplicate = run.discrepancy_ids.filtered(lambda d: d.kind == "duplicate")
        self.assertEqual(self.found(run), sorted([
            ("disbursed_planned", "T-AN", "2030-04-01", 500000, 450000),
            ("missing_receipt", "T-BINH", "2030-04-01", 500000, 0),
            ("receipted_disbursed", "T-CUONG", "2030-04-01", 500000, 400000),
            ("settled_receipted", "T-CUONG", "2030-04-01", 400000, 300000),
            ("duplicate", "T-AN", "2030-05-01", 0, 500000),
            ("inactive", "T-CUONG", "2030-06-01", 0, 500000),
        ]))
        self.assertEqual(duplicate.other_line_id.sheet_id | duplicate.sheet_id, may_a | may_b)
        self.assertEqual(run.discrepancy_count, 6)
        self.assertEqual(sum(run.ward_ids.mapped("discrepancy_count")), 6)

    def test_area_and_period_limit_the_lines(self):
        for sheet in self.generate("2030-04-01") | self.generate("2030-07-01"):
            self.pay(sheet)
        self.assertEqual(self.reconcile(self.ward_a, "month", 4).line_count, 2)
        self.assertEqual(self.reconcile(self.ward_b, "year", 0).line_count, 2)
        self.assertEqual(self.reconcile(self.district, "quarter", 3).line_count, 3)
        self.assertEqual(self.reconcile(self.elsewhere, "year", 0).line_count, 0)

    def test_queries_do_not_grow_with_the_lines(self):
        self.generate("2030-04-01")
        self.reconcile()  # warm the caches
        # the lines come through one server-side cursor; what the ORM runs besides must not depend on them either
        counts = []
        for month in ("2030-05-01", "2030-06-01"):
            if month == "2030-06-01":
                for index in range(40):
                    self.env["child.collaborator"].create({"name": "CTV %d" % index, "area_id": self.ward_a.id,
                                                           "date_start": "2029-01-01"})
            self.generate(month)
            run = self.env["child.allowance.reconciliation"].sudo(self.finance).create({
                "area_id": self.province.id, "period_type": "month", "year": 2030,
                "period_number": int(month[5:7])})
            run.invalidate_cache()
            before = self.cr.sql_log_count
            run.action_run()
            counts.append((self.cr.sql_log_count - before, run.line_count))
        (small_queries, small_lines), (large_queries, large_lines) = counts
        self.assertEqual((small_lines, large_lines), (3, 43))
        self.assertEqual(small_queries, large_queries)

    def test_a_run_is_kept(self):
        run = self.reconcile()
        with self.assertRefused(UserError, "was run already"):
            run.action_run()
        with self.assertRefused(UserError, "cannot be deleted"):
            run.unlink()
        again = self.env["child.allowance.reconciliation"].browse(run.action_run_again()["res_id"])
        self.assertNotEqual(again, run)
        self.assertEqual((again.state, again.area_id), ("done", self.province))
