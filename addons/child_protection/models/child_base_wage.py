from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ChildBaseWage(models.Model):
    """The national base wage (lương cơ sở) with the date it took effect, e.g. 2,340,000 đồng from 1 July 2024
    (Decree 73/2024/NĐ-CP). A coefficient policy multiplies the wage in force in the month."""
    _name = "child.base.wage"
    _inherit = "child.allowance.money.mixin"
    _description = "Base wage"
    _order = "date_start desc"
    _money_fields = ("amount",)

    name = fields.Char(string="Legal basis", required=True, help='The decree that set it, e.g. "Nghị định '
                                                                   '73/2024/NĐ-CP".')
    amount = fields.Float(string="Base wage (đồng)", digits=(18, 0), required=True)
    date_start = fields.Date(string="In force from", required=True)

    _sql_constraints = [
        ("date_start_unique", "unique(date_start)", "In force from: a base wage already starts on that day."),
        ("amount_positive", "CHECK(amount > 0)", "Base wage: must be more than 0."),
    ]

    @api.model
    def wage_on(self, day):
        """The base wage (an int of đồng) in force on ``day``; UserError when none is."""
        wage = self.sudo().search([("date_start", "<=", day)], order="date_start desc", limit=1)
        if not wage:
            raise UserError(_("Month: no base wage is recorded in force on %s; add it under Allowances > "
                              "Configuration > Base wages.") % day)
        return int(wage.amount)
