"""The public verification page of issued documents (the address in their QR code), and the DOCX download.

The page needs no login. It shows what is printed on the document anyway (number, issuer, date, title, signer),
its state and SHA-256, whether its signatures are valid, and lets a visitor upload a PDF to check that it is the
issued file byte for byte. Nothing else of the plan, and nothing personal, is read for it.
"""
import werkzeug

from odoo import http
from odoo.http import request

#: Uploads larger than this are refused before they are read (an issued plan is far smaller).
MAX_UPLOAD = 20 * 1024 * 1024
PAGE_LANGS = ("vi_VN", "en_US")


class DocumentVerification(http.Controller):

    def _document(self, token):
        document = request.env["child.document"].sudo().search([("token", "=", token)], limit=1)
        if not token or not document:
            raise werkzeug.exceptions.NotFound()
        return document

    def _render(self, document, lang, check=None):
        Lang = request.env["res.lang"].sudo()
        if lang not in PAGE_LANGS or not Lang.search_count([("code", "=", lang)]):
            lang = next((code for code in PAGE_LANGS if Lang.search_count([("code", "=", code)])), "en_US")
        document = document.with_context(lang=lang)   # still as superuser: the page reads nothing else
        values = {
            "document": document,
            "state_label": dict(document._fields["state"]._description_selection(document.env))[document.state],
            "stored_intact": document._stored_file_intact(),
            "signatures": document._verify_signatures(),
            "check": check,
            "lang": lang,
            "csrf_token": request.csrf_token(),
            "max_upload_mb": MAX_UPLOAD // (1024 * 1024),
        }
        html = request.env["ir.ui.view"].with_context(lang=lang).render_template(
            "child_reports.document_verification_page", values)
        return request.make_response(html, headers=[("Content-Type", "text/html; charset=utf-8"),
                                                    ("X-Robots-Tag", "noindex"),
                                                    ("Cache-Control", "no-store")])

    @http.route("/child/verify/<string:token>", type="http", auth="public", methods=["GET"])
    def verify(self, token, lang="vi_VN", **kwargs):
        return self._render(self._document(token), lang)

    @http.route("/child/verify/<string:token>", type="http", auth="public", methods=["POST"])
    def verify_upload(self, token, lang="vi_VN", upload=None, **kwargs):
        document = self._document(token)
        if request.httprequest.content_length and request.httprequest.content_length > MAX_UPLOAD:
            return self._render(document, lang, {"result": "too_large"})
        if upload is None or not getattr(upload, "filename", None):
            return self._render(document, lang, {"result": "no_file"})
        data = upload.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            return self._render(document, lang, {"result": "too_large"})
        match = document._check_file(data)
        if match == "same":
            check = {"result": "same"}
        elif match:
            check = {"result": "other", "other": match}
        else:
            check = {"result": "different"}
        check["name"] = upload.filename
        return self._render(document, lang, check)

    @http.route("/child/plan/<int:plan_id>/docx", type="http", auth="user", methods=["GET"])
    def plan_docx(self, plan_id, **kwargs):
        plan = request.env["child.plan"].browse(plan_id).exists()
        if not plan:
            raise werkzeug.exceptions.NotFound()
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
        report = request.env["child.plan.report"].browse(report_id).exists()
        if not report:
            raise werkzeug.exceptions.NotFound()
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
