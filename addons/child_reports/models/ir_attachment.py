from odoo import _, api, models
from odoo.exceptions import UserError

from .child_document import FILE_ATTACHMENT, is_internal_change


class IrAttachment(models.Model):
    """The attachment that holds an issued document's PDF (res_model child.document, res_field file) is as
    append-only as the document: made once by the issue, never written or deleted through the ORM, by anyone (the
    administrator can otherwise write ir.attachment over RPC), and no other attachment may be made to pose as it:
    nothing else is ever attached to an issued document (a forged PDF beside the issued one would be listed with it)."""
    _inherit = "ir.attachment"

    @staticmethod
    def _poses_as_issued_file(res_model, res_field):
        return res_model == FILE_ATTACHMENT[0]

    @api.model
    def create(self, vals):
        if self._poses_as_issued_file(vals.get("res_model"), vals.get("res_field")) \
                and not is_internal_change(self.env):
            raise UserError(_("Issued document: its file is stored once, when it is issued; no other file can "
                              "be attached in its place."))
        return super(IrAttachment, self).create(vals)

    @api.multi
    def write(self, vals):
        issued = self.sudo().filtered(lambda att: self._poses_as_issued_file(att.res_model, att.res_field))
        moved = ("res_model" in vals or "res_field" in vals) and self.sudo().filtered(
            lambda att: self._poses_as_issued_file(vals.get("res_model", att.res_model),
                                                   vals.get("res_field", att.res_field)))
        if issued or moved:
            raise UserError(_("Issued document: the file of an issued document is never changed."))
        return super(IrAttachment, self).write(vals)

    @api.multi
    def unlink(self):
        if self.sudo().filtered(lambda att: self._poses_as_issued_file(att.res_model, att.res_field)):
            raise UserError(_("Issued document: the file of an issued document is kept for good."))
        return super(IrAttachment, self).unlink()
