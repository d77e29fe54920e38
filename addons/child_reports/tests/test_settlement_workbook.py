import xlrd

from odoo.exceptions import UserError

from odoo.addons.child_events.tests.common import ChildEventCase


class TestSettlementWorkbook(ChildEventCase):
    """The settlement workbook of an event, rendered by report_xlsx as the people who download it."""

    def setUp(self):
        super(TestSettlementWorkbook, self).setUp()
        self.event = self.make_event()
        state = self.add_line(self.event, 30000000, "state")
        gift = self.add_gift(self.event, state, qty=3, name="Tiền mặt", cash_amount=500000)
        self.approve_and_start(self.event)
        state.sudo(self.organiser).write({"committed_amount": 29000000, "spent_amount": 28500001})
        self.add_recipient(gift, self.ward_a, "Trẻ Một", received=True, date_signed="2030-06-01")
        self.add_recipient(gift, self.ward_b, "Trẻ Hai", received=True, date_signed="2030-06-02")
        self.event.sudo(self.organiser).action_settle()

    def render(self, user):
        report = self.env.ref("child_reports.child_event_settlement_xlsx").sudo(user)
        content, kind = report.render_xlsx(self.event.ids, {})
        self.assertEqual(kind, "xlsx")
        return xlrd.open_workbook(file_contents=content)

    @staticmethod
    def values(sheet):
        return [value for row in range(sheet.nrows) for value in sheet.row_values(row)]

    def test_summary_gifts_and_signed_lists(self):
        book = self.render(self.organiser)
        self.assertEqual(book.sheet_names(), ["Tổng hợp", "Quà tặng", "Phường A", "Phường B"])
        summary = self.values(book.sheet_by_name("Tổng hợp"))
        self.assertIn(28500001, summary)
        self.assertIn("Tổng kinh phí đã chi (viết bằng chữ): Hai mươi tám triệu năm trăm nghìn không trăm linh "
                      "một đồng.", summary)
        self.assertIn("Kế toán trưởng", summary)
        gifts = self.values(book.sheet_by_name("Quà tặng"))
        self.assertIn(1500000, gifts)  # planned: 3 × 500,000
        self.assertIn(1000000, gifts)  # handed out: 2
        ward_a = book.sheet_by_name("Phường A")
        self.assertIn("Ký nhận", ward_a.row_values(7))
        self.assertIn("Trẻ Một", self.values(ward_a))
        self.assertNotIn("Trẻ Hai", self.values(ward_a))
        self.assertIn("Số tiền đã nhận (viết bằng chữ): Năm trăm nghìn đồng chẵn.", self.values(ward_a))

    def test_ward_officer_gets_only_their_ward(self):
        book = self.render(self.ward_b_officer)
        self.assertEqual(book.sheet_names(), ["Tổng hợp", "Quà tặng", "Phường B"])
        self.assertNotIn("Trẻ Một", [v for s in book.sheets() for v in self.values(s)])

    def test_not_started_refused(self):
        self.event = self.make_event()
        with self.assertRefused(UserError, "Workbook:", "has not started"):
            self.render(self.organiser)
