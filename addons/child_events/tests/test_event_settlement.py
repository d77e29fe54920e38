from .common import ChildEventCase


class TestEventSettlement(ChildEventCase):
    """Actual against plan by funding source and gift line, as the settlement engine gives it."""

    def test_settlement_totals(self):
        event = self.make_event()
        state = self.add_line(event, 30000000, "state")
        sponsor = self.add_line(event, 12345678, "sponsor")
        cash = self.add_gift(event, state, qty=3, name="Tiền mặt", cash_amount=500000)
        both = self.add_gift(event, sponsor, qty=2, name="Quà", kind="both", cash_amount=300000,
                             goods_value=123457)
        self.approve_and_start(event)
        state.sudo(self.organiser).write({"committed_amount": 29000000, "spent_amount": 28500001})
        sponsor.sudo(self.organiser).write({"spent_amount": 12345678})
        self.add_recipient(cash, self.ward_a, "Trẻ Một", received=True, date_signed="2030-06-01")
        self.add_recipient(cash, self.ward_b, "Trẻ Hai", received=True, date_signed="2030-06-02")
        self.add_recipient(both, self.ward_b, "Trẻ Ba", received=True, date_signed="2030-06-02",
                           beneficiary_group="orphan")
        self.add_recipient(both, self.ward_a, "Trẻ Bốn")
        event.sudo(self.organiser).action_settle()

        data = event.sudo(self.organiser).get_settlement_data()
        by_source = {row["source"]: row for row in data["sources"]}
        self.assertEqual([row["source"] for row in data["sources"]], ["state", "sponsor"])
        self.assertEqual((by_source["state"]["approved"], by_source["state"]["spent"],
                          by_source["state"]["variance"]), (30000000, 28500001, -1499999))
        self.assertEqual(by_source["sponsor"]["variance"], 0)
        self.assertEqual((by_source["state"]["gift_planned"], by_source["state"]["gift_actual"]),
                         (1500000, 1000000))
        self.assertEqual((by_source["sponsor"]["gift_planned"], by_source["sponsor"]["gift_actual"]),
                         (846914, 423457))
        gifts = {row["name"]: row for row in data["gifts"]}
        self.assertEqual((gifts["Quà"]["planned_qty"], gifts["Quà"]["actual_qty"], gifts["Quà"]["variance"]),
                         (2, 1, -423457))
        totals = data["totals"]
        self.assertEqual((totals["planned"], totals["spent"], totals["variance"]),
                         (42345678, 40845679, -1499999))
        self.assertEqual((totals["gift_planned"], totals["gift_actual"], totals["received_value"]),
                         (2346914, 1423457, 1423457))
        self.assertEqual([(w["ward"], w["count"], w["received_count"]) for w in data["wards"]],
                         [("Phường A", 2, 1), ("Phường B", 2, 2)])
        self.assertEqual(data["wards"][1]["rows"][1]["child"], "Trẻ Ba")
        self.assertEqual(event.budget_spent, 40845679)
        self.assertIn("28.500.001", event.settlement_html)
        self.assertNotIn("Trẻ Ba", event.settlement_html)  # every reader of the event sees the table
