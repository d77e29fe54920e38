from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .child_allowance_sheet import FINANCE

# What a ward's officer (not finance) may change: the receipts its collaborators signed.
RECEIPT_FIELDS = {"receipted_amount", "receipt_signed", "receipt_date", "note"}


class ChildAllowanceLine(models.Model):
    """One collaborator's allowance for the month of a sheet."""
    _name = "child.allowance.line"
    _inherit = "child.allowance.money.mixin"
    _description = "Allowance line"
    _order = "sheet_id, collaborator_id"
    _money_fields = ("planned_amount", "disbursed_amount", "receipted_amount", "settled_amount")

    sheet_id = fields.Many2one("child.allowance.sheet", string="Sheet", required=True, index=True,
                               ondelete="cascade")
    state = fields.Selection(related="sheet_id.state", readonly=True, string="Sheet state")
    area_id = fields.Many2one("child.area", string="Commune / ward", related="sheet_id.area_id", store=True,
                              readonly=True, index=True)
    month = fields.Date(related="sheet_id.month", store=True, readonly=True, index=True)
    collaborator_id = fields.Many2one("child.collaborator", string="Collaborator", required=True, index=True,
                                      ondelete="restrict")
    collaborator_code = fields.Char(related="collaborator_id.code", readonly=True, string="Code")
    days = fields.Integer(string="Days served", help="Days of the month the collaborator served.")
    planned_amount = fields.Float(string="Planned amount", digits=(18, 0))
    disbursed_amount = fields.Float(string="Disbursed amount", digits=(18, 0))
    receipted_amount = fields.Float(string="Receipted amount", digits=(18, 0),
                                    help="The amount the collaborator signed for.")
    receipt_signed = fields.Boolean(string="Signed")
    receipt_date = fields.Date(string="Receipt date")
    settled_amount = fields.Float(string="Settled amount", digits=(18, 0))
    note = fields.Char()

    _sql_constraints = [
        ("sheet_collaborator_unique", "unique(sheet_id, collaborator_id)",
         "Collaborator: already has a line on this sheet."),
    ]

    @api.constrains("receipt_signed", "receipt_date", "receipted_amount")
    def _check_receipt(self):
        for line in self:
            if line.receipt_signed and not line.receipt_date:
                raise ValidationError(_("Receipt date: %s signed for the allowance; the date of the signature is "
                                        "needed.") % line.collaborator_id.name)
            if line.receipted_amount and not line.receipt_signed:
                raise ValidationError(_("Receipted amount: %s has not signed; an amount is receipted only with "
                                        "the signature (Signed).") % line.collaborator_id.name)

    @api.constrains("collaborator_id", "sheet_id")
    def _check_ward(self):
        for line in self:
            if line.collaborator_id.area_id != line.sheet_id.area_id:
                raise ValidationError(_("Collaborator: %(name)s serves in %(area)s, not in %(ward)s.") % {
                    "name": line.collaborator_id.name, "area": line.collaborator_id.area_id.name,
                    "ward": line.sheet_id.area_id.name})

    @api.model
    def create(self, vals):
        sheet = self.env["child.allowance.sheet"].browse(vals.get("sheet_id"))
        if sheet.exists():
            sheet._check_lines_open(list(vals) + ["collaborator_id"], creating=True)
        return super(ChildAllowanceLine, self).create(vals)

    @api.multi
    def write(self, vals):
        self.check_access_rights("write")
        self.check_access_rule("write")
        changed = [name for name in vals if name != "sheet_id"]
        if "sheet_id" in vals:
            raise UserError(_("Sheet: a line stays on its sheet; delete it and add it to the other sheet."))
        self._check_editable(changed)
        return super(ChildAllowanceLine, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped("sheet_id")._check_lines_open(["collaborator_id"], creating=True)
        return super(ChildAllowanceLine, self).unlink()

    def _label(self, name):
        return self._fields[name]._description_string(self.env)

    def _check_editable(self, names):
        """Refuse a change of ``names`` the sheet's state or the user's role does not allow."""
        if not names:
            return
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(FINANCE):
            beyond = [name for name in names if name not in RECEIPT_FIELDS]
            if beyond:
                raise AccessError(_("%s: only a Finance officer can change it; a ward records the receipts.")
                                  % ", ".join(self._label(name) for name in beyond))
        self.mapped("sheet_id")._check_lines_open(names)

