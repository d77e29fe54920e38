from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import ChildProtectionCase


class TestIndicators(ChildProtectionCase):

    def setUp(self):
        super(TestIndicators, self).setUp()
        self.plan = self.issue(self.make_plan(indicator_ids=[
            (0, 0, {"name": "Trẻ em tham gia", "unit": "percent", "comparison": "at_least", "target": 85}),
            (0, 0, {"name": "Phường phù hợp", "unit": "ratio", "comparison": "at_least", "target": 14,
                    "target_total": 14}),
            (0, 0, {"name": "Trẻ em bị xâm hại", "unit": "count", "comparison": "at_most", "target": 3}),
            (0, 0, {"name": "Trẻ em được khai sinh", "unit": "percent", "comparison": "exactly", "target": 100}),
        ]))
        self.percent, self.ratio, self.count, self.exact = self.plan.indicator_ids
        self.Result = self.env["child.plan.indicator.result"].sudo(self.officer)

    def result(self, indicator, value, area=None, total=0.0):
        return self.Result.create({"indicator_id": indicator.id, "area_id": (area or self.district).id,
                                   "value": value, "total": total})

    def test_percent_at_least(self):
        below = self.result(self.percent, 79, self.ward_a)
        above = self.result(self.percent, 88.5)
        self.assertEqual((below.achievement, below.is_met), (92.94, False))
        self.assertEqual((above.achievement, above.is_met), (104.12, True))
        self.assertEqual(self.percent.result_display, "88.5 %")
        self.assertTrue(self.percent.is_met)

    def test_ratio_compared_as_fractions(self):
        short = self.result(self.ratio, 13, total=14)
        self.assertEqual((short.value_display, short.is_met), ("13/14", False))
        short.write({"value": 12, "total": 12})  # after two wards merged, all twelve are child-friendly
        self.assertEqual((short.value_display, short.achievement, short.is_met), ("12/12", 100.0, True))

    def test_count_at_most(self):
        result = self.result(self.count, 2)
        self.assertTrue(result.is_met)
        result.write({"value": 4})
        self.assertFalse(result.is_met)
        self.assertEqual(result.achievement, 0.0)

    def test_exactly(self):
        self.assertTrue(self.result(self.exact, 100).is_met)
        self.assertFalse(self.result(self.exact, 99.5, self.ward_a).is_met)

    def test_plan_counts_indicators_met(self):
        self.result(self.percent, 90)
        self.result(self.ratio, 13, total=14)
        self.result(self.count, 1)
        self.assertEqual((self.plan.indicator_met_count, self.plan.indicator_count), (2, 4))

    def test_one_result_per_area(self):
        self.result(self.percent, 90, self.ward_a)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.result(self.percent, 80, self.ward_a)
        self.assertEqual(self.percent.result_ids.mapped("value"), [90])

    def test_result_area_within_plan_area(self):
        with self.assertRefused(ValidationError, "Area:", "Xã Ngoài", "not within Huyện Thử"):
            self.result(self.percent, 90, self.elsewhere)
        self.assertFalse(self.percent.result_ids)

    def test_result_figures_checked(self):
        with self.assertRefused(ValidationError, "Result of Trẻ em tham gia", "cannot be over 100"):
            self.result(self.percent, 101)
        with self.assertRefused(ValidationError, "Result of Phường phù hợp", "more than its total"):
            self.result(self.ratio, 15, total=14)
        with self.assertRefused(ValidationError, "must not be negative"):
            self.result(self.count, -1)
        self.assertFalse(self.plan.mapped("indicator_ids.result_ids"))

    def test_results_only_on_issued_plans(self):
        draft = self.make_plan()
        with self.assertRefused(UserError, "Results:", "is Draft"):
            self.result(draft.indicator_ids, 50)
        self.plan.action_start()
        self.plan.sudo(self.leader).action_close()
        with self.assertRefused(UserError, "Results:", "is Closed"):
            self.result(self.percent, 50)
