import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engines import signing

KINDS = [
    ("signer", "Signer (personal certificate)"),
    ("organisation", "Organisation (seal)"),
    ("authority", "Trusted certificate authority"),
]


class ChildSigningCertificate(models.Model):
    """A certificate the suite signs issued documents with, or trusts when it checks them.

    Decree 30 makes an electronic document valid with two digital signatures: the signer's (a personal
    certificate, used when that user issues) and the organisation's (the issuing body's, with its seal). Trusted
    authorities are the roots the verification page checks signatures against. Only leaders and administrators
    read this model: it holds private keys and their passwords.
    """
    _name = "child.signing.certificate"
    _description = "Signing certificate"
    _order = "kind, name"

    name = fields.Char(required=True)
    kind = fields.Selection(KINDS, required=True, default="signer")
    user_id = fields.Many2one("res.users", string="Signer", ondelete="cascade",
                              help="The user who signs with this certificate when they issue a document.")
    agency_id = fields.Many2one("child.agency", string="Organisation", ondelete="cascade",
                                help="The issuing body whose documents this certificate signs with its seal.")
    data = fields.Binary(string="File", attachment=False, required=True,
                         help="Signer and organisation: the PKCS#12 file (.p12, .pfx) with the private key. "
                              "Authority: its certificate (PEM or DER).")
    file_name = fields.Char()
    password = fields.Char(help="The password of the PKCS#12 file.")
    seal_image = fields.Binary(string="Seal image", attachment=False,
                               help="Organisation: the red seal, a transparent PNG, drawn over the left third of "
                                    "the signature.")
    holder = fields.Char(readonly=True, help="The certificate's subject (common name).")
    authority_name = fields.Char(string="Issued by", readonly=True)
    date_start = fields.Datetime(string="Valid from", readonly=True)
    date_end = fields.Datetime(string="Valid until", readonly=True)
    active = fields.Boolean(default=True)

    @api.constrains("kind", "user_id", "agency_id", "active")
    def _check_owner(self):
        for certificate in self.filtered("active"):
            if certificate.kind == "signer":
                owner, field = certificate.user_id, "user_id"
            elif certificate.kind == "organisation":
                owner, field = certificate.agency_id, "agency_id"
            else:
                continue
            label = self._fields[field]._description_string(self.env)
            if not owner:
                raise ValidationError(_("%s: a certificate of this kind needs one.") % label)
            if self.search_count([("kind", "=", certificate.kind), (field, "=", owner.id),
                                  ("id", "!=", certificate.id)]) > 0:
                raise ValidationError(_("%(field)s: %(owner)s already has an active certificate of this kind; "
                                        "archive it first.") % {"field": label, "owner": owner.display_name})

    @api.model
    def create(self, vals):
        vals.update(self._read_file(vals.get("kind") or "signer", vals.get("data"), vals.get("password")))
        return super(ChildSigningCertificate, self).create(vals)

    @api.multi
    def write(self, vals):
        if {"data", "password", "kind"} & set(vals):
            for certificate in self:
                kind = vals.get("kind", certificate.kind)
                data = vals.get("data", certificate.data)
                password = vals.get("password", certificate.password)
                super(ChildSigningCertificate, certificate).write(
                    dict(vals, **self._read_file(kind, data, password)))
            return True
        return super(ChildSigningCertificate, self).write(vals)

    @api.model
    def _read_file(self, kind, data, password):
        """The holder, issuer and dates read from the file; a file that cannot be read is refused."""
        if not data:
            raise ValidationError(_("File: upload the certificate file."))
        raw = base64.b64decode(data)
        try:
            info = (signing.load_certificate(raw) if kind == "authority"
                    else signing.load_pkcs12(raw, password or ""))
        except ValueError as error:
            raise ValidationError(_("File: %s.") % error)
        return {"holder": info["subject"], "authority_name": info["issuer"],
                "date_start": fields.Datetime.to_string(info["not_before"]),
                "date_end": fields.Datetime.to_string(info["not_after"])}

    @api.model
    def trust_roots(self):
        """The trusted authorities' certificates, as bytes."""
        return [base64.b64decode(cert.data) for cert in self.search([("kind", "=", "authority")])]

    @api.model
    def _for_signing(self, kind, owner_field, owner):
        """The active certificate of ``kind`` held by ``owner``, if any; refused when it is not valid now."""
        certificate = self.search([("kind", "=", kind), (owner_field, "=", owner.id)], limit=1)
        if certificate:
            now = fields.Datetime.now()
            if not certificate.date_start <= now <= certificate.date_end:
                raise UserError(_("Signing certificate %(name)s: it is valid from %(start)s to %(end)s, not now; "
                                  "renew it before issuing.") % {"name": certificate.name,
                                                                 "start": certificate.date_start,
                                                                 "end": certificate.date_end})
        return certificate

    def _signature(self, field, box, stamp_lines, reason, location, color):
        """The signing engine's description of a signature with this certificate."""
        self.ensure_one()
        return {"p12": base64.b64decode(self.data), "password": self.password or "", "field": field,
                "holder": self.holder,
                "page": box["page"], "box": box["box"], "stamp_lines": stamp_lines, "reason": reason,
                "location": location, "color": color,
                "seal_png": base64.b64decode(self.seal_image) if self.seal_image else None}
