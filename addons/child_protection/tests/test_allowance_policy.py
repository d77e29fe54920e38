from .allowance_common import AllowanceCase


class TestAllowancePolicy(AllowanceCase):
    """The policy maths as the sheets apply it."""

    def planned(self, month, collaborator):
        sheet = self.sheet(collaborator.area_id, month) or self.generate(month, collaborator.area_id)
        return self.line(sheet, collaborator).planned_amount

    def test_fixed_amount(self):
        self.assertEqual(self.planned("2030-02-01", self.an), 500000)

    def test_fixed_pays_the_full_month_of_start(self):
        # Bình started on 16 March; the first-half policy pays a full month
        self.assertEqual(self.planned("2030-03-01", self.binh), 500000)
        self.assertFalse(self.line(self.sheet(self.ward_a, "2030-02-01") or self.generate("2030-02-01",
                                                                                          self.ward_a),
                                   self.binh))

    def test_coefficient_times_base_wage(self):
        # 0.2 × 2,340,000
        self.assertEqual(self.planned("2030-07-01", self.an), 468000)
        # the base wage changes in October: 0.2 × 2,500,000
        self.assertEqual(self.planned("2030-10-01", self.an), 500000)

    def test_pro_rata_with_rounding(self):
        # Bình left on 10 August: 468,000 × 10 / 31 = 150,967.7 -> rounded to 151,000
        line = self.line(self.generate("2030-08-01", self.ward_a), self.binh)
        self.assertEqual((line.planned_amount, line.days), (151000, 10))
        self.assertEqual(self.line(self.sheet(self.ward_a, "2030-08-01"), self.an).planned_amount, 468000)

    def test_policy_change_mid_year(self):
        june = self.generate("2030-06-01", self.ward_a)
        july = self.generate("2030-07-01", self.ward_a)
        self.assertEqual(june.policy_id, self.policy_fixed)
        self.assertEqual(july.policy_id, self.policy_coefficient)
        self.assertEqual(june.planned_total, 1000000)
        self.assertEqual(july.planned_total, 936000)

    def test_rounding_down_by_hundreds(self):
        self.policy_coefficient.write({"rounding": 100, "rounding_method": "down"})
        line = self.line(self.generate("2030-08-01", self.ward_a), self.binh)
        self.assertEqual(line.planned_amount, 150900)
