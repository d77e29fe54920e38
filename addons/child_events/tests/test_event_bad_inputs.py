from odoo.exceptions import ValidationError

from .common import ChildEventCase


class TestEventBadInputs(ChildEventCase):
    """Each wrong input is refused with a message naming the field and the rule, and changes nothing."""

    def test_end_before_start(self):
        with self.assertRefused(ValidationError, "End:", "2030-06-01 is before the start, 2030-06-30"):
            self.make_event(date_start="2030-06-30", date_end="2030-06-01")
        self.assertFalse(self.env["child.event"].search([("plan_id", "=", self.plan.id)]))
        event = self.make_event()
        with self.assertRefused(ValidationError, "End:"):
            event.write({"date_end": "2030-05-31"})
        self.assertEqual(event.date_end, "2030-06-30")

    def test_negative_quantity(self):
        event = self.make_event()
        line = self.add_line(event, 1000000)
        with self.assertRefused(ValidationError, "Planned quantity:", "-3", "1 gift or more"):
            self.add_gift(event, line, qty=-3)
        self.assertFalse(event.gift_ids)

    def test_gift_with_neither_cash_nor_goods(self):
        event = self.make_event()
        line = self.add_line(event, 1000000)
        for kind in ("cash", "goods", "both"):
            with self.assertRefused(ValidationError, "Value:", "neither cash nor goods"):
                self.add_gift(event, line, kind=kind, cash_amount=0, goods_value=0)
        with self.assertRefused(ValidationError, "Goods value (đ):", "gives goods"):
            self.add_gift(event, line, kind="both", cash_amount=100000, goods_value=0)
        with self.assertRefused(ValidationError, "Goods value (đ):", "cash only"):
            self.add_gift(event, line, kind="cash", cash_amount=100000, goods_value=5000)
        with self.assertRefused(ValidationError, "Cash (đ):", "0.5"):
            self.add_gift(event, line, kind="cash", cash_amount=0.5)
        self.assertFalse(event.gift_ids)

    def test_more_children_taking_part_than_living_there(self):
        with self.assertRefused(ValidationError, "Children taking part:", "1200 in Phường A", "1000 children"):
            self.make_event(ward_ids=[(0, 0, {"area_id": self.ward_a.id, "children_count": 1000,
                                              "participant_count": 1200})])
        with self.assertRefused(ValidationError, "Children taking part:", "must not be negative"):
            self.make_event(ward_ids=[(0, 0, {"area_id": self.ward_a.id, "children_count": -1})])
        self.assertFalse(self.env["child.event"].search([("plan_id", "=", self.plan.id)]))

    def test_ward_outside_the_plan_area(self):
        with self.assertRefused(ValidationError, "Ward:", "Xã Ngoài", "not within Huyện Thử"):
            self.make_event(ward_ids=[(0, 0, {"area_id": self.elsewhere.id, "children_count": 10})])

    def test_indicator_of_another_plan(self):
        other = self.issue(self.make_plan(name="Kế hoạch khác"))
        with self.assertRefused(ValidationError, "Indicator fed:", "another plan"):
            self.make_event(indicator_id=other.indicator_ids.id)

    def test_target_over_100(self):
        with self.assertRefused(ValidationError, "Target (%):", "120"):
            self.make_event(participation_target=120)
