from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    child_agency_ids = fields.Many2many(
        "child.agency", "child_agency_user_rel", "user_id", "agency_id", string="Agencies (child protection)",
        help="The agencies this user is a focal point of.")
