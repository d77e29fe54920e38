"""How much one call may ask of a model of the suite, so that one call cannot exhaust a worker.

A client that reads 200,000 records in one ``read``, a ``search_read`` without a limit over a province's years of
allowance lines, an export or an import of a million rows: each took a worker to its memory or time limit. Here
``read``, ``search_read``, ``export_data`` and ``load`` (Odoo's import) of a model of the suite (``child.*``)
refuse, before any record is fetched, a call over its limit, naming the limit. The web client pages its lists
(80 rows) and its one2many fields (40), and the suite's own code reads through fields, ``search`` and SQL
(the reconciliation streams its lines with a server-side cursor), so none of them meets these limits.

The suite's own import wizard (disbursements and receipts) has its own limits, stated on its form:
``engines/allowance_import.py``.
"""
from odoo import _, api, models
from odoo.exceptions import UserError

from ..engines import text_input

SUITE_PREFIX = "child."
#: records in one read or search_read
READ_LIMIT = 10000
#: records in one export (Odoo's list export): a province's year of allowance lines is about 60,000
EXPORT_LIMIT = 100000
#: rows in one import through Odoo's import (base_import) or ``load``
IMPORT_LIMIT = 10000


def _number(value):
    return "{:,}".format(value)


class Base(models.AbstractModel):
    _inherit = "base"

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        if self._name.startswith(SUITE_PREFIX) and len(self._ids) > READ_LIMIT:
            raise UserError(_("Read: at most %(limit)s records in one call (%(count)s were asked for); ask for "
                              "fewer.") % {"limit": _number(READ_LIMIT), "count": _number(len(self._ids))})
        return super(Base, self).read(fields=fields, load=load)

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None):
        if self._name.startswith(SUITE_PREFIX) and (not limit or limit > READ_LIMIT):
            found = self.search(domain or [], offset=offset or 0, limit=READ_LIMIT + 1, order=order)
            if len(found) > READ_LIMIT:
                raise UserError(_("Read: at most %s records in one call; this search finds more. Narrow the search "
                                  "or ask for a page (limit and offset).") % _number(READ_LIMIT))
        return super(Base, self).search_read(domain=domain, fields=fields, offset=offset, limit=limit, order=order)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        if not self._name.startswith(SUITE_PREFIX):
            return super(Base, self).export_data(fields_to_export, raw_data=raw_data)
        if len(self) > EXPORT_LIMIT:
            raise UserError(_("Export: at most %(limit)s records in one file (%(count)s were selected); export "
                              "fewer, e.g. a year or a ward at a time.") % {
                                  "limit": _number(EXPORT_LIMIT), "count": _number(len(self))})
        result = super(Base, self).export_data(fields_to_export, raw_data=raw_data)
        # A spreadsheet would run a text starting with =, +, -, @ as a formula: it is shown as text.
        result["datas"] = [[text_input.neutralise_cell(value) for value in row] for row in result.get("datas", [])]
        return result

    @api.model
    def load(self, fields, data):
        if self._name.startswith(SUITE_PREFIX) and len(data) > IMPORT_LIMIT:
            raise UserError(_("Import: at most %(limit)s rows in one file (this one has %(count)s); split the "
                              "file.") % {"limit": _number(IMPORT_LIMIT), "count": _number(len(data))})
        return super(Base, self).load(fields, data)
