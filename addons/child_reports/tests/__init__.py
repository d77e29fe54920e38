from . import test_reconciliation_workbook
from . import test_translations
