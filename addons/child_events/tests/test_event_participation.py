from odoo.exceptions import UserError

from .common import ChildEventCase


class TestEventParticipation(ChildEventCase):
    """The participation rate of an event and the indicator result it writes: per ward and for the plan's area."""

    def results(self):
        return {r.area_id: (r.value, r.total) for r in self.indicator.result_ids}

    def test_rate_and_target(self):
        event = self.make_event()
        self.assertEqual((event.children_count, event.participant_count), (1600, 1380))
        self.assertEqual(event.participation_rate, 86.25)
        self.assertTrue(event.participation_met)
        self.assertEqual(event.ward_ids.mapped("participation_rate"), [90.0, 80.0])
        event.write({"participation_target": 90})
        self.assertFalse(event.participation_met)

    def test_settling_feeds_the_indicator(self):
        event, _line, _gift = self.running_event()
        self.assertFalse(self.indicator.result_ids)
        event.action_settle()
        self.assertEqual(self.results(), {self.ward_a: (90.0, 0.0), self.ward_b: (80.0, 0.0),
                                          self.district: (86.25, 0.0)})
        self.assertEqual(self.indicator.main_result_id.value, 86.25)
        self.assertTrue(self.indicator.is_met)
        self.assertEqual(self.indicator.main_result_id.date, "2030-06-30")
        self.assertIn(event.name, self.indicator.main_result_id.note)

    def test_two_events_add_up_and_results_are_updated(self):
        first, _line, _gift = self.running_event()
        first.action_settle()
        second = self.make_event(name="Trung thu 2030", kind="mid_autumn", date_start="2030-09-10",
                                 date_end="2030-09-12",
                                 ward_ids=[(0, 0, {"area_id": self.ward_a.id, "children_count": 1000,
                                                   "participant_count": 700})])
        self.add_line(second, 1000)
        self.approve_and_start(second)
        second.sudo(self.organiser).action_push_participation()
        # ward A: (900 + 700) of (1000 + 1000); the district: 2080 of 2600
        self.assertEqual(self.results(), {self.ward_a: (80.0, 0.0), self.ward_b: (80.0, 0.0),
                                          self.district: (80.0, 0.0)})
        self.assertEqual(len(self.indicator.result_ids), 3)
        self.assertFalse(self.indicator.is_met)
        self.assertEqual(self.indicator.main_result_id.date, "2030-09-12")

    def test_ratio_indicator_gets_x_of_n(self):
        ratio = self.env["child.plan.indicator"].sudo().create({
            "plan_id": self.make_plan(name="Tỷ lệ").id, "name": "Trẻ em tham gia", "unit": "ratio",
            "target": 80, "target_total": 100})
        plan = self.issue(ratio.plan_id)
        event = self.make_event(plan_id=plan.id, indicator_id=ratio.id)
        self.add_line(event, 1000)
        self.approve_and_start(event).action_settle()
        got = {r.area_id: (r.value, r.total) for r in ratio.result_ids}
        self.assertEqual(got[self.district], (1380.0, 1600.0))
        self.assertEqual(got[self.ward_b], (480.0, 600.0))

    def test_push_needs_an_indicator_and_a_running_event(self):
        event = self.make_event(indicator_id=False)
        with self.assertRefused(UserError, "Indicator fed:", "names no indicator"):
            event.action_push_participation()
        event = self.make_event(name="Khác")
        with self.assertRefused(UserError, "Indicator fed:", "is Draft"):
            event.action_push_participation()
        self.assertFalse(self.indicator.result_ids)

    def test_a_closed_plan_takes_no_more_results(self):
        event, _line, _gift = self.running_event()
        self.plan.sudo(self.officer).action_start()
        self.plan.sudo(self.leader).action_close()
        with self.assertRefused(UserError, "Results:", "is Closed"):
            event.action_settle()
        self.assertEqual(event.state, "running")
        self.assertFalse(self.indicator.result_ids)
