from . import reconciliation_xlsx
