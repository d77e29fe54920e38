import json

from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    """Odd requests are answered as such, not with a server error or a traceback (issue 12):

    - a path with a NUL byte (``/child/verify/%00``) that no route takes: Odoo looks for an attachment with that
      URL before answering 404, and PostgreSQL refuses a NUL in a query (HTTP 500). No URL holds one: 404.
    - a JSON-RPC error answered to a visitor who is not logged in carries no traceback (server paths, code).
    """
    _inherit = "ir.http"

    @classmethod
    def _serve_attachment(cls):
        if "\x00" in request.httprequest.path:
            return False
        return super(IrHttp, cls)._serve_attachment()

    @classmethod
    def _handle_exception(cls, exception):
        response = super(IrHttp, cls)._handle_exception(exception)
        try:
            anonymous = getattr(request, "_request_type", None) == "json" and not request.session.uid
        except Exception:  # noqa: BLE001 - no request or session: nothing to hide
            anonymous = False
        if anonymous and getattr(response, "mimetype", None) == "application/json":
            body = json.loads(response.get_data(as_text=True))
            data = (body.get("error") or {}).get("data")
            if isinstance(data, dict) and data.get("debug"):
                data["debug"] = ""
                response.set_data(json.dumps(body))
        return response
