from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    child_agency_ids = fields.Many2many(
        "child.agency", "child_agency_user_rel", "user_id", "agency_id", string="Agencies (child protection)",
        help="The agencies this user is a focal point of.")

    @api.multi
    def write(self, vals):
        res = super(ResUsers, self).write(vals)
        if "child_agency_ids" in vals:
            self.env["ir.rule"].clear_caches()  # the record rules read a user's agencies
        return res
