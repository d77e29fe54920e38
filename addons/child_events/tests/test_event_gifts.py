from odoo.exceptions import UserError, ValidationError

from .common import ChildEventCase


class TestEventGifts(ChildEventCase):
    """Gift lines (cash, goods or both) and their recipients per ward: never more handed out than planned."""

    def test_unit_value_and_amounts(self):
        event = self.make_event()
        line = self.add_line(event, 10000000)
        gift = self.add_gift(event, line, qty=7, kind="both", cash_amount=500000, goods_value=333333)
        self.assertEqual((gift.unit_value, gift.planned_amount), (833333, 5833331))

    def test_handing_out_more_than_planned_is_refused(self):
        event, _line, gift = self.running_event()
        first = self.add_recipient(gift, self.ward_a, "Trẻ Một", received=True, date_signed="2030-06-01")
        second = self.add_recipient(gift, self.ward_b, "Trẻ Hai")
        third = self.add_recipient(gift, self.ward_b, "Trẻ Ba")  # on the list: not handed out yet
        second.write({"received": True, "date_signed": "2030-06-02"})
        self.assertEqual(gift.distributed_qty, 2)
        with self.assertRefused(ValidationError, "Received:", "3 gifts Quà 1/6", "more than the 2 planned"):
            third.write({"received": True, "date_signed": "2030-06-02"})
        with self.assertRefused(ValidationError, "Received:", "more than the 2 planned"):
            self.add_recipient(gift, self.ward_a, "Trẻ Bốn", received=True, date_signed="2030-06-03")
        self.assertFalse(third.received)
        self.assertEqual(gift.distributed_qty, 2)
        self.assertEqual(event.gift_actual_amount, 1000000)
        self.assertTrue(first.received)

    def test_received_while_running_and_signed(self):
        event = self.make_event()
        line = self.add_line(event, 1000000)
        gift = self.add_gift(event, line)
        with self.assertRefused(UserError, "Received:", "while the event runs", "is Draft"):
            self.add_recipient(gift, self.ward_a, received=True, date_signed="2030-06-01")
        self.approve_and_start(event)
        with self.assertRefused(ValidationError, "Date signed:"):
            self.add_recipient(gift, self.ward_a, received=True)
        self.assertFalse(self.env["child.event.recipient"].search([("gift_id", "=", gift.id)]))

    def test_recipient_in_a_ward_of_the_event(self):
        _event, _line, gift = self.running_event()
        with self.assertRefused(ValidationError, "Ward:", "Xã Ngoài", "not among the wards"):
            self.add_recipient(gift, self.elsewhere)
        with self.assertRefused(ValidationError, "Birth year:", "1990"):
            self.add_recipient(gift, self.ward_a, birth_year=1990)

    def test_gift_lines_fixed_once_approved(self):
        _event, _line, gift = self.running_event()
        with self.assertRefused(UserError, "Planned quantity:", "fixed once a leader approved"):
            gift.write({"planned_qty": 50})
        self.assertEqual(gift.planned_qty, 2)

    def test_funding_source_of_the_same_event(self):
        event = self.make_event()
        other = self.make_event(name="Sự kiện khác")
        other_line = self.add_line(other, 1000)
        with self.assertRefused(ValidationError, "Funding source:", "another event"):
            self.add_gift(event, other_line)
