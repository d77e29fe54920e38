from odoo.exceptions import AccessError

from .common import ChildEventCase


class TestEventAccess(ChildEventCase):
    """Recipients are personal data: the organisers read them, a ward's officer reads their ward's, no one else."""

    def setUp(self):
        super(TestEventAccess, self).setUp()
        self.event, _line, gift = self.running_event()
        self.child_a = self.add_recipient(gift, self.ward_a, "Trẻ Phường A")
        self.child_b = self.add_recipient(gift, self.ward_b, "Trẻ Phường B")
        self.Recipient = self.env["child.event.recipient"]

    def names(self, user):
        return self.Recipient.sudo(user).search([("event_id", "=", self.event.id)]).mapped("child_name")

    def test_organiser_reads_every_ward(self):
        self.assertCountEqual(self.names(self.organiser), ["Trẻ Phường A", "Trẻ Phường B"])

    def test_ward_officer_reads_their_ward_only(self):
        self.assertEqual(self.names(self.ward_officer), ["Trẻ Phường A"])
        self.assertEqual(self.names(self.ward_b_officer), ["Trẻ Phường B"])
        with self.assertRefused(AccessError):
            self.child_b.sudo(self.ward_officer).read(["child_name"])
        with self.assertRefused(AccessError):
            self.child_a.sudo(self.ward_officer).write({"received": True, "date_signed": "2030-06-01"})
        data = self.event.sudo(self.ward_officer).get_settlement_data()
        self.assertEqual([ward["ward"] for ward in data["wards"]], ["Phường A"])

    def test_focal_point_viewer_leader_cannot_read_recipients(self):
        for user in (self.focal, self.viewer, self.finance, self.officer, self.leader):
            with self.assertRefused(AccessError):
                self.Recipient.sudo(user).search([])
            with self.assertRefused(AccessError):
                self.child_a.sudo(user).read(["child_name"])
            # the event itself is readable, its recipient list is not even a field for them
            event = self.event.sudo(user)
            self.assertEqual(event.participant_count, 1380)
            self.assertNotIn("recipient_ids", event.fields_get())
            self.assertEqual(event.get_settlement_data()["wards"], [])
            self.assertNotIn("Trẻ Phường", event.settlement_html)

    def test_only_organisers_write_budgets_and_gifts(self):
        line = self.event.budget_line_ids
        for user in (self.viewer, self.focal, self.finance, self.leader):
            with self.assertRefused(AccessError):
                line.sudo(user).write({"spent_amount": 1})
            with self.assertRefused(AccessError):
                self.event.gift_ids.sudo(user).write({"name": "X"})
        self.assertEqual(line.spent_amount, 0)
