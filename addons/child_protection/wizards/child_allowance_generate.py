from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.child_allowance_sheet import first_of_month, month_label


class ChildAllowanceGenerate(models.TransientModel):
    """Make the month's sheets of every ward in an area that has collaborators serving and no sheet yet."""
    _name = "child.allowance.generate"
    _description = "Generate allowance sheets"

    area_id = fields.Many2one("child.area", string="Area", required=True,
                              help="A ward, or a province (or district): a sheet for each ward within it.")
    month = fields.Date(required=True, default=fields.Date.context_today, help="Any day of the month.")

    @api.multi
    def action_generate(self):
        self.ensure_one()
        sheets = self.generate(self.area_id, self.month)
        action = self.env.ref("child_protection.child_allowance_sheet_action").read()[0]
        action["domain"] = [("id", "in", sheets.ids)]
        return action

    @api.model
    def generate(self, area, month):
        """Create and fill the sheets of ``month`` for the wards in ``area``; returns them."""
        Sheet = self.env["child.allowance.sheet"]
        month = first_of_month(month)
        wards = self.env["child.area"].search([("id", "child_of", area.id), ("level", "=", "commune")])
        done = Sheet.search([("area_id", "in", wards.ids), ("month", "=", month)]).mapped("area_id")
        todo = wards - done
        if not todo:
            raise UserError(_("Month: every ward of %(area)s already has its sheet for %(month)s.") % {
                "area": area.name, "month": month_label(month)})
        policies = {}  # by the ward's parent: its wards share the province and so the policy
        sheets = Sheet.browse()
        for ward in todo:
            if ward.parent_id not in policies:
                policies[ward.parent_id] = self.env["child.allowance.policy"].policy_for(ward, month)
            sheet = Sheet.create({"area_id": ward.id, "month": month})
            if sheet._generate_lines(policies[ward.parent_id]):
                sheets |= sheet
            else:
                sheet.unlink()  # no collaborator served there that month
        if not sheets:
            raise UserError(_("Month: no collaborator of %(area)s served in %(month)s.") % {
                "area": area.name, "month": month_label(month)})
        return sheets
