"""The CSV for upload of an area's Circular 13 statistics (the roll-up's "CSV" button).

UTF-8 with a byte order mark, comma-separated, CRLF line ends: Excel, which the offices open it with, then shows the
Vietnamese as it is, and upload tools read it as UTF-8 (the mark is the standard "utf-8-sig"). Columns and order:
see child_reports/engines/child_statistics.py (CSV_HEADER, csv_records). Logged-in users only; the figures are added
up as the user, who must be able to read the statistics of every ward of the area (else 403).
"""
import werkzeug

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from ..models.child_stat_report import PERIODS


class ChildStatistics(http.Controller):

    @http.route("/child/statistics/<int:area_id>/<int:year>/<string:period>/csv", type="http", auth="user",
                methods=["GET"])
    def statistics_csv(self, area_id, year, period, **kwargs):
        # ids and years beyond what the database holds are unknown, not errors
        if not (0 < area_id <= 2 ** 31 - 1 and 1900 <= year <= 9999):
            raise werkzeug.exceptions.NotFound()
        area = request.env["child.area"].browse(area_id).exists()
        if not area or period not in dict(PERIODS):
            raise werkzeug.exceptions.NotFound()
        try:
            name, data = request.env["child.stat.report"]._rollup_csv(area, year, period)
        except AccessError:
            raise werkzeug.exceptions.Forbidden()
        return request.make_response(data, headers=[
            ("Content-Type", "text/csv; charset=utf-8"),
            ("Content-Disposition", http.content_disposition(name)),
            ("Cache-Control", "no-store")])
