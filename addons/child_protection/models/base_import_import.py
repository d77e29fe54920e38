"""Odoo's own import (Favourites > Import) into a model of the suite: a file over 10 MB or over
:data:`child_call_limits.IMPORT_LIMIT` rows is refused as soon as either is seen, before the rows are converted and
loaded (``load`` refuses a bigger list as well, for the calls that skip this wizard)."""
from odoo import _, api, models

from .child_call_limits import IMPORT_LIMIT, SUITE_PREFIX, _number

MAX_BYTES = 10 * 1024 * 1024


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    @api.multi
    def _read_file(self, options):
        if not (self.res_model or "").startswith(SUITE_PREFIX):
            return super(BaseImportImport, self)._read_file(options)
        if len(self.file or b"") > MAX_BYTES:
            raise ValueError(_("Import: at most %(mb)s MB in one file (this one has %(size).1f MB); split the "
                               "file.") % {"mb": MAX_BYTES // (1024 * 1024),
                                           "size": len(self.file) / (1024.0 * 1024)})
        return self._limit_rows(super(BaseImportImport, self)._read_file(options), IMPORT_LIMIT + 1)

    @staticmethod
    def _limit_rows(rows, most):
        """The rows of ``rows`` (header included), stopping with a ValueError at the row after ``most``."""
        for count, row in enumerate(rows, 1):
            if count > most:
                raise ValueError(_("Import: at most %s rows in one file; split the file.") % _number(IMPORT_LIMIT))
            yield row
