"""The public verification page of issued documents (the address in their QR code), the public register of
issued documents by issuer and year, and the DOCX download.

The page needs no login. It shows what is printed on the document anyway (number, issuer, date, title, signer),
its state and SHA-256, whether its signatures are valid, and lets a visitor upload a PDF to check that it is the
issued file byte for byte. Nothing else of the plan, and nothing personal, is read for it. It also says whether
the stored file is still the issued one (present, readable, same SHA-256) and whether the issuer's register chain
holds (a change made behind the application, e.g. in SQL or in the filestore).

Every public route answers 4xx to what it cannot take (an odd token, a malformed year or issuer, a wrong method,
a missing CSRF token, an upload too large), never a server error.
"""
import logging
import re

import werkzeug

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)

#: Uploads larger than this are refused before they are read (an issued plan is far smaller).
MAX_UPLOAD = 20 * 1024 * 1024
PAGE_LANGS = ("vi_VN", "en_US")
#: The register shows at most this many documents of one issuer and year (a committee issues far fewer).
REGISTER_LIMIT = 1000
#: What a verification token can look like (child.document._new_token gives 32 of these characters).
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
#: The years the register can be asked for, and the largest record id (PostgreSQL's integer).
YEARS = (1900, 9999)
MAX_ID = 2 ** 31 - 1


def _page_lang(lang):
    """``lang`` if the public pages speak it and it is installed, else the first installed of PAGE_LANGS."""
    Lang = request.env["res.lang"].sudo()
    if lang in PAGE_LANGS and Lang.search_count([("code", "=", lang)]):
        return lang
    return next((code for code in PAGE_LANGS if Lang.search_count([("code", "=", code)])), "en_US")


def _html(template, values, lang):
    html = request.env["ir.ui.view"].with_context(lang=lang).render_template(template, values)
    return request.make_response(html, headers=[("Content-Type", "text/html; charset=utf-8"),
                                                ("X-Robots-Tag", "noindex"), ("Cache-Control", "no-store")])


def _query_int(value, low, high):
    """A whole number from the query string within [low, high]; None when not given; 400 when malformed."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not re.match(r"^[0-9]{1,10}$", value.strip()):
        raise werkzeug.exceptions.BadRequest()
    number = int(value)
    if not low <= number <= high:
        raise werkzeug.exceptions.BadRequest()
    return number


def _record(model, record_id):
    """The record ``record_id`` of ``model`` if it exists (404 otherwise, an id beyond the column's range too)."""
    if not 0 < record_id <= MAX_ID:
        raise werkzeug.exceptions.NotFound()
    record = request.env[model].browse(record_id).exists()
    if not record:
        raise werkzeug.exceptions.NotFound()
    return record


class DocumentVerification(http.Controller):

    def _document(self, token):
        if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
            raise werkzeug.exceptions.NotFound()
        document = request.env["child.document"].sudo().search([("token", "=", token)], limit=1)
        if not document:
            raise werkzeug.exceptions.NotFound()
        return document

    @staticmethod
    def _checks(document):
        """What the page says of the stored file, its signatures and the register: the file's status
        (intact, different, missing), the signatures (None when they cannot be checked) and the register's
        status (intact, altered, broken). Whatever is stored, this answers: a damaged file is a finding."""
        data = document._stored_pdf()
        status = document._stored_file_status(data)
        signatures, unreadable = None, False
        if data:
            try:
                signatures = document._verify_signatures(data)
            except Exception:  # noqa: BLE001 - stored bytes that are not a readable PDF are a finding, not an error
                _logger.warning("Document %s: the stored file's signatures cannot be read", document.number,
                                exc_info=True)
                unreadable = True
        return {"file_status": status, "stored_intact": status == "intact", "signatures": signatures or [],
                "signatures_checked": signatures is not None, "signatures_unreadable": unreadable,
                "register_status": document._register_status()}

    def _render(self, document, lang, check=None):
        lang = _page_lang(lang)
        document = document.with_context(lang=lang)   # still as superuser: the page reads nothing else
        values = dict(self._checks(document), **{
            "document": document,
            "state_label": dict(document._fields["state"]._description_selection(document.env))[document.state],
            "check": check,
            "lang": lang,
            "csrf_token": request.csrf_token(),
            "max_upload_mb": MAX_UPLOAD // (1024 * 1024),
        })
        return _html("child_reports.document_verification_page", values, lang)

    @http.route("/child/verify/<string:token>", type="http", auth="public", methods=["GET"])
    def verify(self, token, lang="vi_VN", **kwargs):
        return self._render(self._document(token), lang)

    @http.route("/child/verify/<string:token>", type="http", auth="public", methods=["POST"])
    def verify_upload(self, token, lang="vi_VN", upload=None, **kwargs):
        document = self._document(token)
        if request.httprequest.content_length and request.httprequest.content_length > MAX_UPLOAD:
            return self._render(document, lang, {"result": "too_large"})
        if upload is None or not getattr(upload, "filename", None) or not hasattr(upload, "read"):
            return self._render(document, lang, {"result": "no_file"})
        data = upload.read(MAX_UPLOAD + 1)
        if not data:
            return self._render(document, lang, {"result": "no_file"})
        if len(data) > MAX_UPLOAD:
            return self._render(document, lang, {"result": "too_large"})
        match = document._check_file(data)
        if match == "same":
            check = {"result": "same"}
        elif match:
            check = {"result": "other", "other": match}
        else:
            check = {"result": "different"}
        check["name"] = str(upload.filename)[:200]
        return self._render(document, lang, check)

    @http.route("/child/register", type="http", auth="public", methods=["GET"])
    def register(self, issuer=None, year=None, lang="vi_VN", **kwargs):
        """What each body issued in a year: number, date, title and state of each document, with the link to its
        verification page. Only documents (issued plans and reports) are read, as the superuser, and only the
        facts printed on them."""
        issuer_id = _query_int(issuer, 1, MAX_ID)
        year = _query_int(year, *YEARS)
        lang = _page_lang(lang)
        Document = request.env["child.document"].sudo().with_context(lang=lang)
        request.env.cr.execute("SELECT DISTINCT issuer_id FROM child_document")
        issuers = request.env["child.agency"].sudo().with_context(lang=lang).browse(
            [row[0] for row in request.env.cr.fetchall()]).sorted(lambda body: body.name or "")
        chosen = issuers.filtered(lambda body: body.id == issuer_id)[:1]
        if issuer_id and not chosen:
            raise werkzeug.exceptions.NotFound()
        chosen = chosen or issuers[:1]
        years = []
        if chosen:
            request.env.cr.execute("SELECT DISTINCT EXTRACT(YEAR FROM issue_date)::int FROM child_document "
                                   "WHERE issuer_id = %s ORDER BY 1 DESC", [chosen.id])
            years = [row[0] for row in request.env.cr.fetchall()]
        chosen_year = year or (years[0] if years else None)
        if chosen_year and chosen_year not in years:
            years = sorted(years + [chosen_year], reverse=True)
        documents = Document.browse()
        if chosen and chosen_year:
            documents = Document.search([
                ("issuer_id", "=", chosen.id), ("issue_date", ">=", "%d-01-01" % chosen_year),
                ("issue_date", "<=", "%d-12-31" % chosen_year)], order="issue_date desc, id desc",
                limit=REGISTER_LIMIT)
        values = {
            "issuers": issuers, "issuer": chosen, "years": years, "year": chosen_year, "documents": documents,
            "states": dict(Document._fields["state"]._description_selection(Document.env)), "lang": lang,
        }
        return _html("child_reports.document_register_page", values, lang)

    @http.route("/child/plan/<int:plan_id>/docx", type="http", auth="user", methods=["GET"])
    def plan_docx(self, plan_id, **kwargs):
        plan = _record("child.plan", plan_id)
        plan.check_access_rights("read")
        plan.check_access_rule("read")
        data = plan._docx()
        name = "%s.docx" % (plan.number or "du-thao-ke-hoach-%d" % plan.id).replace("/", "-")
        return request.make_response(data, headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("Content-Disposition", http.content_disposition(name))])

    def _report(self, report_id):
        """The periodic report ``report_id`` if the user may read it (the record rules: viewers read issued
        reports only)."""
        report = _record("child.plan.report", report_id)
        report.check_access_rights("read")
        report.check_access_rule("read")
        return report

    @staticmethod
    def _report_file_name(report, extension):
        return "%s.%s" % ((report.number or "du-thao-bao-cao-%d" % report.id).replace("/", "-"), extension)

    @http.route("/child/report/<int:report_id>/pdf", type="http", auth="user", methods=["GET"])
    def report_pdf(self, report_id, **kwargs):
        """The issued PDF as frozen and signed; before issue, the draft for review (marked DỰ THẢO)."""
        report = self._report(report_id)
        data = report.document_id._pdf_bytes() if report.document_id else report._draft_pdf()
        return request.make_response(data, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Disposition", http.content_disposition(self._report_file_name(report, "pdf")))])

    @http.route("/child/report/<int:report_id>/docx", type="http", auth="user", methods=["GET"])
    def report_docx(self, report_id, **kwargs):
        report = self._report(report_id)
        return request.make_response(report._docx(), headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("Content-Disposition", http.content_disposition(self._report_file_name(report, "docx")))])
