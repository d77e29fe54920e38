import base64
import contextlib
import hashlib
import logging
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..engines import document_docx, official_document, register_chain, signing

_logger = logging.getLogger(__name__)

DOCUMENT_STATES = [("valid", "Valid"), ("superseded", "Superseded"), ("revoked", "Revoked")]
VERIFY_PATH = "/child/verify/"
STAMP_SIGNER_COLOR = (0.05, 0.15, 0.55)
STAMP_SEAL_COLOR = (0.8, 0.0, 0.0)
#: What the suite's own methods may change on an issued document (_set_state), and nothing else.
STATE_FIELDS = frozenset(("state", "superseded_by_id"))
#: The attachment that holds an issued document's PDF (the ``file`` field, attachment=True).
FILE_ATTACHMENT = ("child.document", "file")
#: The stored file of a document: as issued, different from its SHA-256, or missing or unreadable.
FILE_INTACT, FILE_DIFFERENT, FILE_MISSING = "intact", "different", "missing"
_CHAIN_COLUMNS = ("id", "chain_seq", "chain_prev", "chain_hash", "number", "type_name", "title", "issuer_id",
                  "issue_date", "signer", "file_name", "sha256", "token", "plan_id", "report_id",
                  "signature_count", "signature_note")
_CURSOR_FLAG = "_child_document_internal"


@contextlib.contextmanager
def internal_change(env):
    """While this runs, the suite's own code may create an issued document (and its file's attachment) and move
    its state. The mark is on the database cursor, for the duration of the call: neither a context key nor any
    value a client sends (XML-RPC, JSON-RPC) can set it."""
    cursor = env.cr
    depth = getattr(cursor, _CURSOR_FLAG, 0)
    setattr(cursor, _CURSOR_FLAG, depth + 1)
    try:
        yield
    finally:
        setattr(cursor, _CURSOR_FLAG, depth)


def is_internal_change(env):
    return getattr(env.cr, _CURSOR_FLAG, 0) > 0


class ChildDocument(models.Model):
    """An issued official document, frozen at issue: the PDF exactly as issued (signed where the issuer has
    certificates), its SHA-256, and the random token of its public verification page (the QR code on page 1).

    Nobody edits a document, the administrator included: it is created by the issue of a plan or a report and only
    its state moves (_set_state), when an amendment supersedes the plan or a leader cancels it (revoked). Its file's
    attachment is guarded too (ir_attachment.py).

    Each issuer's register is a hash chain (engines/register_chain.py): a document's entry (``chain_seq``) holds
    the previous entry's hash (``chain_prev``) and its own (``chain_hash``), over its fields, computed at creation
    while the register is locked. A change made behind the ORM (SQL, the filestore, an old backup restored) is
    found by the verification page and by scripts/audit_documents.py (_audit).
    """
    _name = "child.document"
    _description = "Issued document"
    _inherit = ["mail.thread"]
    _order = "issue_date desc, id desc"
    _rec_name = "number"

    number = fields.Char(required=True, readonly=True, index=True, workflow=True,
                         help="Number and symbol, e.g. 116/KH-UBND.")
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
                             track_visibility="onchange", workflow=True)
    superseded_by_id = fields.Many2one("child.document", string="Superseded by", readonly=True, workflow=True)
    signature_count = fields.Integer(string="Signatures", readonly=True)
    signature_note = fields.Text(string="Signatures at issue", readonly=True)
    chain_seq = fields.Integer(string="Register entry", readonly=True, copy=False,
                               help="The place of the document in its issuer's register chain (1, 2, 3...).")
    chain_prev = fields.Char(string="Previous entry hash", readonly=True, copy=False)
    chain_hash = fields.Char(string="Entry hash", readonly=True, copy=False, index=True,
                             help="SHA-256 over the previous entry's hash and this document's fields.")

    _sql_constraints = [
        ("token_unique", "unique(token)", "Token: every document has its own verification token."),
        ("chain_seq_unique", "unique(issuer_id, chain_seq)",
         "Register entry: every document has its own place in its issuer's register."),
    ]

    @api.model_cr
    def init(self):
        """At install and at every upgrade: documents issued before the register chain existed (an older version
        of the addon) get their chain, in issue order (_chain_pending)."""
        self._chain_pending()

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

    @api.model
    def create(self, vals):
        if not is_internal_change(self.env):
            self.check_access_rights("create")   # who may not create at all is told so first
            raise UserError(_("Issued document: a document is made by issuing its plan or report, never created "
                              "or copied directly."))
        return super(ChildDocument, self).create(vals)

    @api.multi
    def write(self, vals):
        allowed = self._mail_fields() | (STATE_FIELDS if is_internal_change(self.env) else frozenset())
        refused = sorted(set(vals) - allowed)
        if refused:
            self.check_access_rights("write")   # who may not write at all is told so first
            raise UserError(_("Issued document %(number)s: an issued document is never changed (%(fields)s); only "
                              "its state moves, when its plan is amended or cancelled.") % {
                "number": ", ".join(self.sudo().mapped("number")) or "", "fields": ", ".join(refused)})
        return super(ChildDocument, self).write(vals)

    @api.multi
    def unlink(self):
        self.check_access_rights("unlink")
        raise UserError(_("Issued document: an issued document is kept for good; revoke it by cancelling its plan."))

    @api.model
    def _mail_fields(self):
        """The fields of the discussion (followers, messages) that mail.thread writes itself."""
        return frozenset(name for name in self.env["mail.thread"]._fields if name.startswith("message_"))

    # The stored file --------------------------------------------------------------------------------------------

    @api.multi
    def _file_attachments(self):
        self.ensure_one()
        return self.env["ir.attachment"].sudo().search([
            ("res_model", "=", FILE_ATTACHMENT[0]), ("res_field", "=", FILE_ATTACHMENT[1]),
            ("res_id", "=", self.id)], order="id")

    @api.multi
    def _stored_pdf(self):
        """The bytes of the stored file as they are now, read from the filestore (or the database) directly, or
        None when there is no file, or it is missing or unreadable (Odoo's own read would give empty bytes)."""
        self.ensure_one()
        attachment = self._file_attachments()[:1]
        if not attachment:
            return None
        if attachment.store_fname:
            try:
                with open(attachment._full_path(attachment.store_fname), "rb") as stored:
                    data = stored.read()
            except (OSError, ValueError):
                return None
        else:
            try:
                data = base64.b64decode(attachment.db_datas or b"")
            except (TypeError, ValueError):
                return None
        return data or None

    @api.multi
    def _pdf_bytes(self):
        self.ensure_one()
        return self._stored_pdf() or b""

    @api.multi
    def _stored_file_status(self, data=None):
        """FILE_INTACT, FILE_DIFFERENT (does not match the SHA-256 recorded at issue) or FILE_MISSING."""
        self.ensure_one()
        data = self._stored_pdf() if data is None else data
        if not data:
            return FILE_MISSING
        return FILE_INTACT if hashlib.sha256(data).hexdigest() == self.sha256 else FILE_DIFFERENT

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
        return self._stored_file_status() == FILE_INTACT

    @api.multi
    def _verify_signatures(self, data=None, roots=None):
        """The signatures of the issued file, checked against the trusted certificate authorities (no network).
        Raises ValueError when the stored file is not a readable PDF."""
        self.ensure_one()
        if roots is None:
            roots = self.env["child.signing.certificate"].sudo().trust_roots()
        return signing.verify_pdf(self._pdf_bytes() if data is None else data, roots)

    # The register chain -----------------------------------------------------------------------------------------

    @api.model
    def _chain_entries(self, issuer_ids=None):
        """The register entries as stored, read with SQL (what is in the table, whatever the ORM would say):
        ``{issuer_id: [entry, ...]}``, each entry a dict of the engine's fields with ``prev`` and ``hash``."""
        query = "SELECT %s FROM child_document" % ", ".join(_CHAIN_COLUMNS)
        params = []
        if issuer_ids is not None:
            query += " WHERE issuer_id IN %s"
            params.append(tuple(issuer_ids) or (0,))
        self.env.cr.execute(query + " ORDER BY issuer_id, chain_seq, id", params)
        registers = {}
        for row in self.env.cr.fetchall():
            entry = dict(zip(_CHAIN_COLUMNS, row))
            entry.update(seq=entry.pop("chain_seq"), prev=entry.pop("chain_prev"), hash=entry.pop("chain_hash"))
            registers.setdefault(entry["issuer_id"], []).append(entry)
        return registers

    @api.multi
    def _chain_append(self):
        """Append these new documents to their issuers' registers (the caller holds the registers' locks)."""
        for document in self:
            entries = self._chain_entries([document.issuer_id.id]).get(document.issuer_id.id, [])
            entry = next(entry for entry in entries if entry["id"] == document.id)
            values = register_chain.append(register_chain.head(entries), entry)
            self.env.cr.execute("UPDATE child_document SET chain_seq = %s, chain_prev = %s, chain_hash = %s "
                                "WHERE id = %s", [values["seq"], values["prev"], values["hash"], document.id])
        self.invalidate_cache(["chain_seq", "chain_prev", "chain_hash"], self.ids)

    @api.model
    def _chain_pending(self):
        """Chain the documents of the registers that have no chain yet, in issue order (date, then creation):
        the documents issued before the chain existed. A register that has a chain is left alone: a document
        outside it was added behind the register, and the audit reports it."""
        for issuer_id, entries in sorted(self._chain_entries().items()):
            if register_chain.head(entries):
                continue
            entries.sort(key=lambda entry: (entry["issue_date"], entry["id"]))
            for entry, values in zip(entries, register_chain.build(entries)):
                self.env.cr.execute("UPDATE child_document SET chain_seq = %s, chain_prev = %s, chain_hash = %s "
                                    "WHERE id = %s", [values["seq"], values["prev"], values["hash"], entry["id"]])
            _logger.info("Register chain of issuer %s built: %d documents issued before it", issuer_id,
                         len(entries))
        self.invalidate_cache(["chain_seq", "chain_prev", "chain_hash"])

    @api.multi
    def _register_status(self):
        """How this document's register holds: ``"intact"``; ``"altered"`` (this document's own entry was changed,
        is missing or outside the chain); ``"broken"`` (another entry of its issuer's register)."""
        self.ensure_one()
        entries = self._chain_entries([self.issuer_id.id]).get(self.issuer_id.id, [])
        problems = register_chain.verify(entries)
        if not problems:
            return "intact"
        own = next((entry for entry in entries if entry["id"] == self.id), None)
        if own is None or any(problem["seq"] == own["seq"] and problem["number"] == own["number"]
                              and problem["what"] in (register_chain.ALTERED, register_chain.UNCHAINED)
                              for problem in problems):
            return "altered"
        return "broken"

    # The audit ----------------------------------------------------------------------------------------------------

    @api.model
    def _audit(self, anchors=()):
        """Check every issued document as it is stored, whatever was done behind the ORM: its file (present,
        readable, the SHA-256 recorded at issue), its PAdES signatures against the trusted authorities, and every
        issuer's register chain; with ``anchors`` (heads an auditor kept from an earlier run, see ``heads``), that
        no register lost entries since (rows deleted at the end, an old backup restored).

        Returns ``{"documents": n, "issuers": m, "problems": [...], "heads": [...]}``; a problem is
        ``{"number", "issuer", "what", "expected", "found"}``; a head ``{"issuer_id", "issuer", "seq", "hash",
        "number"}``. scripts/audit_documents.py prints it."""
        registers = self._chain_entries()
        roots = self.env["child.signing.certificate"].sudo().trust_roots()
        Agency = self.env["child.agency"].sudo().with_context(active_test=False)
        names = {agency.id: agency.name for agency in Agency.browse(list(registers)).exists()}
        problems = []

        def problem(number, issuer_id, what, expected, found):
            problems.append({"number": number or "?", "issuer": names.get(issuer_id, "#%s" % issuer_id),
                             "what": what, "expected": expected, "found": found})

        chain_words = {
            register_chain.UNCHAINED: "not in the register chain (added behind the register)",
            register_chain.SEQUENCE: "register entry missing before this one (or taken twice)",
            register_chain.LINK: "register chain broken: previous entry hash differs (an entry before it was "
                                 "altered or removed)",
            register_chain.ALTERED: "register entry altered: its fields or its hash were changed after issue",
            register_chain.ANCHOR: "register rolled back or truncated since the anchor was taken",
        }
        for issuer_id, entries in sorted(registers.items()):
            for found in register_chain.verify(entries):
                problem(found["number"], issuer_id, chain_words[found["what"]], found["expected"], found["found"])
            for entry in entries:
                self._audit_file(self.browse(entry["id"]), entry, roots, problem)
        for anchor in anchors or ():
            for found in register_chain.check_anchor(registers.get(anchor["issuer_id"], []), anchor):
                problem(found["number"], anchor["issuer_id"], chain_words[found["what"]], found["expected"],
                        found["found"])
        known = {entry["id"] for entries in registers.values() for entry in entries}
        orphans = self.env["ir.attachment"].sudo().search([
            ("res_model", "=", FILE_ATTACHMENT[0]), ("res_field", "=", FILE_ATTACHMENT[1]),
            ("res_id", "not in", list(known) or [0])])
        for orphan in orphans:
            problem(orphan.name, None, "stored file of a document that is no longer in the register",
                    "no such file", "attachment %d of document id %s" % (orphan.id, orphan.res_id))
        heads = []
        for issuer_id, entries in sorted(registers.items()):
            head = register_chain.head(entries)
            if head:
                heads.append(dict(head, issuer_id=issuer_id, issuer=names.get(issuer_id, "#%s" % issuer_id)))
        return {"documents": len(known), "issuers": len(registers), "problems": problems, "heads": heads}

    @api.model
    def _audit_file(self, document, entry, roots, problem):
        number, issuer_id = entry["number"], entry["issuer_id"]
        attachments = document._file_attachments()
        if len(attachments) > 1:
            problem(number, issuer_id, "more than one stored file claims to be the issued PDF", 1, len(attachments))
        data = document._stored_pdf()
        if not data:
            where = attachments[:1].store_fname if attachments else None
            problem(number, issuer_id, "stored file missing or unreadable", "the issued PDF",
                    "nothing readable at %s" % where if where else "no stored file")
            return
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry["sha256"]:
            problem(number, issuer_id, "stored file does not match the SHA-256 recorded at issue", entry["sha256"],
                    digest)
        try:
            results = document._verify_signatures(data, roots)
        except Exception as error:  # noqa: BLE001 - stored bytes that are not a PDF are a finding
            problem(number, issuer_id, "signatures cannot be checked: the stored file is not a readable PDF",
                    "a readable PDF", str(error))
            return
        if len(results) != (entry["signature_count"] or 0):
            problem(number, issuer_id, "number of signatures differs from the issue", entry["signature_count"] or 0,
                    len(results))
        for result in results:
            if not result["valid"]:
                problem(number, issuer_id, "signature of %s not valid" % (result["signer"] or result["field"]),
                        "valid", result.get("summary"))

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
        values = {
            "number": source.number, "type_name": doc["type_name"], "title": doc["title"],
            "plan_id": source.plan_id.id if source._name != "child.plan" else source.id,
            "issuer_id": source.issuer_id.id, "issue_date": source.issue_date,
            "signer": "%s %s" % (source.signer_position, source.signer_name),
            "file": base64.b64encode(pdf), "file_name": "%s.pdf" % source.number.replace("/", "-"),
            "sha256": hashlib.sha256(pdf).hexdigest(), "token": token,
            "signature_count": len(signatures), "signature_note": note,
        }
        if source._name == "child.plan.report":
            values["report_id"] = source.id
        # the register's order is the chain's: taken again here for a plan frozen after its issue
        source.issuer_id._lock_register()
        with internal_change(self.env):
            document = self.sudo()._workflow().create(values).with_env(self.sudo().env)
            document._chain_append()
        return document

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
        """The one change an issued document knows: its state (and the document that supersedes it)."""
        values = {"state": state}
        if superseded_by:
            values["superseded_by_id"] = superseded_by.id
        with internal_change(self.env):
            self.sudo()._workflow().write(values)
