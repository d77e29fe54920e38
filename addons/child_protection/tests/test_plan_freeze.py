from odoo.exceptions import UserError

from .common import ChildProtectionCase


class TestPlanFreeze(ChildProtectionCase):

    def setUp(self):
        super(TestPlanFreeze, self).setUp()
        self.plan = self.issue(self.make_plan()).sudo(self.officer)

    def test_content_frozen_after_issue(self):
        with self.assertRefused(UserError, "Title", "01/KH-UBND", "frozen"):
            self.plan.write({"name": "Tên khác"})
        with self.assertRefused(UserError, "Signer"):
            self.plan.sudo(self.leader).write({"signer_name": "Người khác"})
        with self.assertRefused(UserError, "Issue Date", "01/KH-UBND", "frozen"):
            self.plan.sudo(self.leader).write({"issue_date": "2030-04-01"})
        self.assertEqual(self.plan.name, "Thực hiện công tác trẻ em năm 2030")
        self.assertEqual(self.plan.signer_name, "Nguyễn Văn Thử")

    def test_lines_frozen_after_issue(self):
        section = self.plan.section_ids
        with self.assertRefused(UserError, "Plan section (Heading)", "frozen"):
            section.write({"name": "Khác"})
        with self.assertRefused(UserError, "Plan section", "frozen"):
            self.plan.write({"section_ids": [(0, 0, {"name": "Mục mới"})]})
        with self.assertRefused(UserError, "Recipient", "frozen"):
            self.plan.recipient_ids[:1].unlink()
        with self.assertRefused(UserError, "Indicator (Target)", "frozen"):
            self.plan.indicator_ids.write({"target": 50})
        self.assertEqual(len(self.plan.section_ids), 1)
        self.assertEqual(len(self.plan.recipient_ids), 2)
        self.assertEqual(self.plan.indicator_ids.target, 85)

    def test_results_still_recorded_after_issue(self):
        self.plan.write({"indicator_ids": [(1, self.plan.indicator_ids.id, {"result_ids": [
            (0, 0, {"area_id": self.district.id, "value": 90})]})]})
        self.assertEqual(self.plan.indicator_ids.result_display, "90 %")
        self.assertTrue(self.plan.indicator_ids.is_met)

    def test_amendment_path(self):
        amendment_action = self.plan.action_amend()
        amendment = self.env["child.plan"].browse(amendment_action["res_id"]).sudo(self.officer)
        self.assertEqual(amendment.state, "draft")
        self.assertEqual(amendment.replaced_plan_id, self.plan)
        self.assertFalse(amendment.number)
        self.assertEqual(amendment.section_ids.mapped("name"), ["Tuyên truyền"])
        self.assertEqual(len(amendment.recipient_ids), 2)
        # the draft is editable, the issued plan is not
        amendment.write({"name": "Sửa đổi kế hoạch năm 2030",
                         "indicator_ids": [(1, amendment.indicator_ids.id, {"target": 90})]})
        with self.assertRefused(UserError, "an amendment is already being prepared"):
            self.plan.action_amend()
        self.issue(amendment, "2030-06-01")
        self.assertEqual(amendment.number, "02/KH-UBND")
        self.assertEqual(self.plan.state, "superseded")
        self.assertEqual(self.plan.superseded_by_id, amendment)
        self.assertEqual(self.plan.indicator_ids.target, 85)
        self.assertEqual(amendment.indicator_ids.target, 90)

    def test_draft_cannot_be_amended(self):
        draft = self.make_plan()
        with self.assertRefused(UserError, "only an issued plan"):
            draft.action_amend()
        self.assertFalse(draft.amendment_ids)
