import base64
import hashlib
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..engines import document_docx, official_document, signing

DOCUMENT_STATES = [("valid", "Valid"), ("superseded", "Superseded"), ("revoked", "Revoked")]
VERIFY_PATH = "/child/verify/"
STAMP_SIGNER_COLOR = (0.05, 0.15, 0.55)
STAMP_SEAL_COLOR = (0.8, 0.0, 0.0)


class ChildDocument(models.Model):
    """An issued official document, frozen at issue: the PDF exactly as issued (signed where the issuer has
    certificates), its SHA-256, and the random token of its public verification page (the QR code on page 1).

    Nobody edits a document: it is created by the issue of a plan and only its state moves, when an amendment
    supersedes the plan or a leader cancels it (revoked).
    """
    _name = "child.document"
    _description = "Issued document"
    _inherit = ["mail.thread"]
    _order = "issue_date desc, id desc"
    _rec_name = "number"

    number = fields.Char(required=True, readonly=True, index=True, help="Number and symbol, e.g. 116/KH-UBND.")
    type_name = fields.Char(string="Type", required=True, readonly=True, help='e.g. "KẾ HOẠCH".')
    title = fields.Char(required=True, readonly=True)
    plan_id = fields.Many2one("child.plan", string="Plan", required=True, readonly=True, index=True,
                              ondelete="restrict")
    issuer_id = fields.Many2one("child.agency", string="Issuing body", required=True, readonly=True,
                                ondelete="restrict")
    issue_date = fields.Date(required=True, readonly=True)
    signer = fields.Char(readonly=True, help="The signer's position and name, as the signature block shows them.")
    file = fields.Binary(string="PDF", attachment=True, readonly=True)
    file_name = fields.Char(readonly=True)
    sha256 = fields.Char(string="SHA-256", required=True, readonly=True, index=True)
    token = fields.Char(required=True, readonly=True, copy=False, index=True,
                        help="The random part of the verification address; it says nothing of the document.")
    verify_url = fields.Char(string="Verification page", compute="_compute_verify_url")
    state = fields.Selection(DOCUMENT_STATES, default="valid", required=True, readonly=True, index=True,
                             track_visibility="onchange")
    superseded_by_id = fields.Many2one("child.document", string="Superseded by", readonly=True)
    signature_count = fields.Integer(string="Signatures", readonly=True)
    signature_note = fields.Text(string="Signatures at issue", readonly=True)

    _sql_constraints = [
        ("token_unique", "unique(token)", "Token: every document has its own verification token."),
    ]

    @api.depends("token")
    def _compute_verify_url(self):
        for document in self:
            document.verify_url = self._verification_url(document.token)

    @api.model
    def _new_token(self):
        """A random token of 32 URL-safe characters (192 bits): a verification address cannot be guessed."""
        return secrets.token_urlsafe(24)

    @api.model
    def _verification_url(self, token):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/")
        return "%s%s%s" % (base, VERIFY_PATH, token)

    @api.multi
    def unlink(self):
        self.check_access_rights("unlink")
        raise UserError(_("Issued document: an issued document is kept for good; revoke it by cancelling its plan."))

    @api.multi
    def _pdf_bytes(self):
        self.ensure_one()
        return base64.b64decode(self.sudo().file or b"")

    @api.multi
    def _check_file(self, data):
        """How ``data`` (the bytes of a PDF) compares with the issued file: ``"same"``, or the document whose
        issued file it is, or ``False``."""
        self.ensure_one()
        digest = hashlib.sha256(data).hexdigest()
        if digest == self.sha256:
            return "same"
        return self.sudo().search([("sha256", "=", digest)], limit=1) or False

    @api.multi
    def _stored_file_intact(self):
        """The file in storage still has the SHA-256 recorded at issue."""
        self.ensure_one()
        return hashlib.sha256(self._pdf_bytes()).hexdigest() == self.sha256

    @api.multi
    def _verify_signatures(self):
        """The signatures of the issued file, checked against the trusted certificate authorities (no network)."""
        self.ensure_one()
        roots = self.env["child.signing.certificate"].sudo().trust_roots()
        return signing.verify_pdf(self._pdf_bytes(), roots)

    @api.multi
    def action_download(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/web/content/child.document/%d/file/%s?download=true" % (self.id, self.file_name)}

    @api.multi
    def action_open_verification(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "new", "url": self.verify_url}

    @api.model
    def _freeze(self, source, build):
        """Issue the document of ``source`` (a plan or a report that has just got its number): render it once
        with the QR code of its verification address, sign it with the issuing user's and the issuer's
        certificates where they are configured, and store it with its SHA-256. ``build(qr_url)`` returns the
        document engines' dict."""
        token = self._new_token()
        doc = build(self._verification_url(token))
        pdf, box = official_document.render_pdf(doc)
        signatures = self._signatures(source, box)
        if signatures:
            pdf = signing.sign_pdf(pdf, signatures)
        # who signed; whether the signatures still hold is checked when asked (the verification page)
        note = "\n".join("%s: %s" % (signature["holder"], signature["reason"]) for signature in signatures)
        return self.sudo().create({
            "number": source.number, "type_name": doc["type_name"], "title": doc["title"],
            "plan_id": source.plan_id.id if source._name != "child.plan" else source.id,
            "issuer_id": source.issuer_id.id, "issue_date": source.issue_date,
            "signer": "%s %s" % (source.signer_position, source.signer_name),
            "file": base64.b64encode(pdf), "file_name": "%s.pdf" % source.number.replace("/", "-"),
            "sha256": hashlib.sha256(pdf).hexdigest(), "token": token,
            "signature_count": len(signatures), "signature_note": note,
        })

    @api.model
    def _docx_of(self, source):
        """``source`` (a plan or a report) as DOCX: the text and QR code of its issued document, or its draft."""
        source.ensure_one()
        document = source.document_id
        return document_docx.render_docx(source._document(qr_url=document.verify_url if document else None))

    @api.model
    def _check_can_sign(self, source):
        """Refuse, before anything is numbered, the issue of ``source`` (a plan or a report) by the current user
        unless they are its signer, hold a valid personal certificate in their own name and its issuer has its
        seal (a valid organisation certificate): Decree 30's two signatures, both required."""
        self._signing_certificates(source)

    @api.model
    def _signing_certificates(self, source):
        """(the signer's certificate, the issuer's) for the current user issuing ``source``; refused with what is
        missing or wrong."""
        user = self.env.user
        if source.signer_user_id != user:
            raise AccessError(_("%(source)s is signed by %(signer)s: only they can issue it.") % {
                "source": source.display_name, "signer": source.signer_user_id.sudo().name})
        Certificate = self.env["child.signing.certificate"].sudo()
        signer = Certificate._for_signing("signer", "user_id", user)
        organisation = Certificate._for_signing("organisation", "agency_id", source.issuer_id)
        missing = []
        if not signer:
            missing.append(_("the personal signing certificate of %s") % user.name)
        if not organisation:
            missing.append(_("the seal (organisation certificate) of %s") % source.issuer_id.name)
        if missing:
            raise UserError(_("Signing: %(source)s cannot be issued without %(missing)s; an administrator adds "
                              "them under Configuration > Signing certificates.") % {
                "source": source.display_name, "missing": _(" and ").join(missing)})
        if not signing.names_person(signer.holder, user.name):
            raise UserError(_("Signer: your signing certificate is %(holder)s's, but you are %(name)s; the "
                              "signer signs with their own certificate.") % {"holder": signer.holder,
                                                                             "name": user.name})
        return signer, organisation

    @api.model
    def _signatures(self, source, box):
        """The signing engine's descriptions of the signer's signature (the issuing user's certificate) and the
        organisation's (the issuer's, with its seal), in that order; both are required."""
        signer, organisation = self._signing_certificates(source)
        now = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(fields.Datetime.now()))
        when = "Ngày ký: %s" % now.strftime("%d/%m/%Y %H:%M")
        place = source.issuer_id.area_id.get_place_name()
        result = []
        if signer:
            result.append(signer._signature(
                "ChuKyNguoiKy", box, ["Ký bởi: %s" % signer.holder, when], "Ký ban hành %s" % source.number,
                place, STAMP_SIGNER_COLOR))
        if organisation:
            result.append(organisation._signature(
                "ChuKyCoQuan", self._seal_box(box), [organisation.holder, when],
                "Đóng dấu ban hành %s" % source.number, place, STAMP_SEAL_COLOR))
        return result

    @staticmethod
    def _seal_box(box):
        """The organisation's stamp: left of the signer's, covering the left third of it (Decree 30)."""
        x1, y1, x2, y2 = box["box"]
        width = (x2 - x1) / 2
        return {"page": box["page"], "box": (x1 - width * 2 / 3, y1, x1 + width / 3, y2)}

    def _set_state(self, state, superseded_by=None):
        values = {"state": state}
        if superseded_by:
            values["superseded_by_id"] = superseded_by.id
        self.sudo().write(values)
