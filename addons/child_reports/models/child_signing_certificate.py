import base64
import os

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engines import secret_box, signing

KINDS = [
    ("signer", "Signer (personal certificate)"),
    ("organisation", "Organisation (seal)"),
    ("authority", "Trusted certificate authority"),
]
ADMIN = "base.group_system"
#: The odoo.conf option naming the file of the key that encrypts the signing keys; by default under the data_dir.
KEY_FILE_OPTION = "child_secret_key_file"
#: The column of the encrypted PKCS#12 file and password: made in init(), not a field, so that nothing of the ORM
#: (read, search, read_group, export, /web/content) can serve it. Only _secret() reads it, with SQL.
SECRET_COLUMN = "secret_sealed"


def secret_key_path():
    """Where the key file lives: the ``child_secret_key_file`` option, or ``<data_dir>/secrets/child_signing.key``."""
    return tools.config.get(KEY_FILE_OPTION) or os.path.join(tools.config["data_dir"], "secrets",
                                                             "child_signing.key")


def date_vn(moment):
    """A datetime string of Odoo (``2026-03-01 18:30:00``) as ``01/03/2026``."""
    return fields.Datetime.from_string(moment).strftime("%d/%m/%Y") if moment else ""


class ChildSigningCertificate(models.Model):
    """A certificate the suite signs issued documents with, or trusts when it checks them.

    Decree 30 makes an electronic document valid with two digital signatures: the signer's (a personal
    certificate, used when that user issues) and the organisation's (the issuing body's, with its seal). Trusted
    authorities are the roots the verification page checks signatures against.

    Only the administrators add and change certificates. The private key (the PKCS#12 file) and its password are
    write-only: they are encrypted with a key kept outside the database (see secret_key_path) into a column that is
    no field, and every read of the upload fields gives nothing back. The public certificate is kept in clear.
    """
    _name = "child.signing.certificate"
    _description = "Signing certificate"
    _order = "kind, name"

    name = fields.Char(required=True)
    kind = fields.Selection(KINDS, required=True, default="signer")
    user_id = fields.Many2one("res.users", string="Signer", ondelete="cascade",
                              help="The user who signs with this certificate when they issue a document; the "
                                   "certificate's subject must name them.")
    agency_id = fields.Many2one("child.agency", string="Organisation", ondelete="cascade",
                                help="The issuing body whose documents this certificate signs with its seal.")
    # Upload only: read back empty, whoever asks (see _compute_upload and create/write).
    data = fields.Binary(string="File", compute="_compute_upload", inverse="_inverse_upload", search="_search_upload",
                         help="Signer and organisation: the PKCS#12 file (.p12, .pfx) with the private key. "
                              "Authority: its certificate (PEM or DER). Kept encrypted; never shown again.")
    file_name = fields.Char()
    password = fields.Char(compute="_compute_upload", inverse="_inverse_upload", search="_search_upload",
                           help="The password of the PKCS#12 file. Kept encrypted; never shown again.")
    certificate = fields.Binary(string="Public certificate", attachment=False, readonly=True,
                                help="The certificate (PEM) without its key: what signatures are checked against.")
    seal_image = fields.Binary(string="Seal image", attachment=False,
                               help="Organisation: the red seal, a transparent PNG, drawn over the left third of "
                                    "the signature.")
    holder = fields.Char(readonly=True, help="The certificate's subject (common name).")
    authority_name = fields.Char(string="Issued by", readonly=True)
    date_start = fields.Datetime(string="Valid from", readonly=True)
    date_end = fields.Datetime(string="Valid until", readonly=True)
    active = fields.Boolean(default=True)

    @api.model_cr
    def init(self):
        cr = self.env.cr
        cr.execute("ALTER TABLE child_signing_certificate ADD COLUMN IF NOT EXISTS %s bytea" % SECRET_COLUMN)
        # a database of an earlier version kept the file and the password in clear columns: encrypt, then drop them
        cr.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'child_signing_certificate' "
                   "AND column_name IN ('data', 'password')")
        if cr.fetchone()[0] == 2:
            cr.execute("SELECT id, kind, data, password FROM child_signing_certificate")
            for certificate_id, kind, data, password in cr.fetchall():
                raw = base64.b64decode(bytes(data)) if data else b""
                if kind == "authority":
                    cr.execute("UPDATE child_signing_certificate SET certificate = %s WHERE id = %s",
                               [data, certificate_id])
                elif raw:
                    cr.execute("UPDATE child_signing_certificate SET %s = %%s WHERE id = %%s" % SECRET_COLUMN,
                               [secret_box.seal(self._secret_key(), raw, password or ""), certificate_id])
                    try:
                        cert_pem = signing.load_pkcs12(raw, password or "")["cert_pem"]
                    except ValueError:
                        continue
                    cr.execute("UPDATE child_signing_certificate SET certificate = %s WHERE id = %s",
                               [base64.b64encode(cert_pem), certificate_id])
            cr.execute("ALTER TABLE child_signing_certificate DROP COLUMN data, DROP COLUMN password")

    def _compute_upload(self):
        for certificate in self:
            certificate.data = False
            certificate.password = False

    def _inverse_upload(self):
        """Nothing: create() and write() take the upload out of the values and keep it encrypted."""

    def _search_upload(self, operator, value):
        raise UserError(_("File, Password: a certificate's key and password cannot be searched."))

    @api.constrains("kind", "user_id", "agency_id", "active", "holder")
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
            if certificate.kind == "signer" and not signing.names_person(certificate.holder, owner.name):
                raise ValidationError(_("Signer: the certificate is %(holder)s's, not %(user)s's; a personal "
                                        "certificate is added for the user its subject names.") % {
                    "holder": certificate.holder, "user": owner.name})

    @api.model
    def create(self, vals):
        self._check_admin()
        vals = dict(vals)
        data, password = vals.pop("data", None), vals.pop("password", None)
        kind = vals.get("kind") or "signer"
        raw = self._decode_upload(data)
        vals.update(self._read_file(kind, raw, password))
        certificate = super(ChildSigningCertificate, self).create(vals)
        certificate._store_secret(kind, raw, password)
        return certificate

    @api.multi
    def write(self, vals):
        self._check_admin()
        vals = dict(vals)
        upload = {name: vals.pop(name) for name in ("data", "password") if name in vals}
        if not (upload or "kind" in vals):
            return super(ChildSigningCertificate, self).write(vals)
        for certificate in self:
            kind = vals.get("kind", certificate.kind)
            # what is not uploaded again is kept: the file, or the password
            if upload.get("data") and ("password" in upload or kind == "authority"):
                raw, password = self._decode_upload(upload["data"]), upload.get("password") or ""
            else:
                if certificate.kind == "authority":
                    raw, password = base64.b64decode(certificate.certificate or b""), ""
                else:
                    raw, password = certificate._secret()
                if upload.get("data"):
                    raw = self._decode_upload(upload["data"])
                password = upload.get("password", password) or ""
            super(ChildSigningCertificate, certificate).write(dict(vals, **self._read_file(kind, raw, password)))
            certificate._store_secret(kind, raw, password)
        return True

    @api.multi
    def copy(self, default=None):
        raise UserError(_("Signing certificate: a certificate cannot be duplicated; upload the file of the new "
                          "one."))

    def _check_admin(self):
        if not self.env.user.has_group(ADMIN):
            raise AccessError(_("Signing certificate: only an administrator adds or changes certificates and "
                                "trusted authorities."))

    @api.model
    def _decode_upload(self, data):
        if not data:
            raise ValidationError(_("File: upload the certificate file."))
        try:
            return base64.b64decode(data)
        except (TypeError, ValueError):
            raise ValidationError(_("File: the upload is not a file (base64 expected)."))

    @api.model
    def _read_file(self, kind, raw, password):
        """The holder, issuer, dates and public certificate read from the file; a file that cannot be read is
        refused."""
        try:
            info = (signing.load_certificate(raw) if kind == "authority"
                    else signing.load_pkcs12(raw, password or ""))
        except ValueError as error:
            raise ValidationError(_("File: %s.") % error)
        return {"holder": info["subject"], "authority_name": info["issuer"],
                "certificate": base64.b64encode(info["cert_pem"]),
                "date_start": fields.Datetime.to_string(info["not_before"]),
                "date_end": fields.Datetime.to_string(info["not_after"])}

    # The secret -------------------------------------------------------------------------------------------------

    @api.model
    def _secret_key(self):
        try:
            return secret_box.load_or_create_key(secret_key_path())
        except (OSError, ValueError) as error:
            raise UserError(_("Signing keys: the key file that protects them cannot be used (%s); see the "
                              "README, Backups.") % error)

    def _store_secret(self, kind, raw, password):
        """Keep the PKCS#12 file and its password encrypted (an authority's certificate has no secret)."""
        self.ensure_one()
        sealed = None if kind == "authority" else secret_box.seal(self._secret_key(), raw, password or "")
        self.env.cr.execute("UPDATE child_signing_certificate SET %s = %%s WHERE id = %%s" % SECRET_COLUMN,
                            [sealed and bytes(sealed), self.id])

    def _secret(self):
        """``(PKCS#12 bytes, password)`` of this certificate, decrypted: for signing only, never for display."""
        self.ensure_one()
        self.env.cr.execute("SELECT %s FROM child_signing_certificate WHERE id = %%s" % SECRET_COLUMN, [self.id])
        row = self.env.cr.fetchone()
        if not row or row[0] is None:
            raise UserError(_("Signing certificate %s: no key is stored; upload its file again.") % self.name)
        try:
            return secret_box.unseal(self._secret_key(), row[0])
        except ValueError as error:
            raise UserError(_("Signing certificate %(name)s: %(error)s; upload its file again.") % {
                "name": self.name, "error": error})

    # Use --------------------------------------------------------------------------------------------------------

    @api.model
    def trust_roots(self):
        """The trusted authorities' certificates, as bytes (public: no key needed, so documents verify even
        when the key file is lost)."""
        return [base64.b64decode(cert.certificate) for cert in self.search([("kind", "=", "authority")])
                if cert.certificate]

    @api.model
    def _for_signing(self, kind, owner_field, owner):
        """The active certificate of ``kind`` held by ``owner``, if any; refused when it is not valid now."""
        certificate = self.search([("kind", "=", kind), (owner_field, "=", owner.id)], limit=1)
        if certificate:
            now = fields.Datetime.now()
            if not certificate.date_start <= now <= certificate.date_end:
                raise UserError(_("Signing certificate %(name)s: it is valid from %(start)s to %(end)s, not today; "
                                  "renew it before issuing.") % {"name": certificate.name,
                                                                 "start": date_vn(certificate.date_start),
                                                                 "end": date_vn(certificate.date_end)})
        return certificate

    def _signature(self, field, box, stamp_lines, reason, location, color):
        """The signing engine's description of a signature with this certificate."""
        self.ensure_one()
        p12, password = self._secret()
        return {"p12": p12, "password": password, "field": field,
                "holder": self.holder,
                "page": box["page"], "box": box["box"], "stamp_lines": stamp_lines, "reason": reason,
                "location": location, "color": color,
                "seal_png": base64.b64decode(self.seal_image) if self.seal_image else None}
