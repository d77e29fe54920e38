from . import test_reconciliation_workbook
from . import test_translations
from . import test_settlement_workbook
