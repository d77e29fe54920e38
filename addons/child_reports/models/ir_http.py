import json

import werkzeug.exceptions

from odoo import models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError, except_orm
from odoo.http import request


class IrHttp(models.AbstractModel):
    """Odd requests are answered as such, not with a server error or a traceback (issue 12):

    - a path with a NUL byte (``/child/verify/%00``) that no route takes: Odoo looks for an attachment with that
      URL before answering 404, and PostgreSQL refuses a NUL in a query (HTTP 500). No URL holds one: 404.
    - a JSON-RPC error answered to a visitor who is not logged in carries no traceback (server paths, code).
    - a page or download (an HTTP route, e.g. a workbook's /report/xlsx/...) refused by the access rights answers 403,
      a record that is gone 404, a refusal of the suite 400, not a server error (500).
    """
    _inherit = "ir.http"

    @classmethod
    def _serve_attachment(cls):
        if "\x00" in request.httprequest.path:
            return False
        return super(IrHttp, cls)._serve_attachment()

    @classmethod
    def _handle_exception(cls, exception):
        if getattr(request, "_request_type", None) == "http":
            if isinstance(exception, MissingError):
                exception = werkzeug.exceptions.NotFound(exception.name)
            elif isinstance(exception, AccessError):
                exception = werkzeug.exceptions.Forbidden(exception.name)
            elif isinstance(exception, (UserError, ValidationError, except_orm)):
                exception = werkzeug.exceptions.BadRequest(exception.name)
        return super(IrHttp, cls)._handle_exception(exception)

    @classmethod
    def _dispatch(cls):
        # JSON-RPC errors are answered by the request itself (JsonRequest._handle_exception): cleaned here
        return cls._without_traceback(super(IrHttp, cls)._dispatch())

    @staticmethod
    def _without_traceback(response):
        """``response`` without the traceback of a JSON-RPC error when the visitor is not logged in."""
        try:
            anonymous = getattr(request, "_request_type", None) == "json" and not request.session.uid
            if not anonymous or getattr(response, "mimetype", None) != "application/json":
                return response
            body = json.loads(response.get_data(as_text=True))
        except Exception:  # noqa: BLE001 - no request, a streamed or non-JSON answer: left as it is
            return response
        data = (body.get("error") or {}).get("data") if isinstance(body, dict) else None
        if isinstance(data, dict) and data.get("debug"):
            data["debug"] = ""
            response.set_data(json.dumps(body))
        return response
