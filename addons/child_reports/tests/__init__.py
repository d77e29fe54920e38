from . import test_reconciliation_workbook
from . import test_translations
from . import test_settlement_workbook
from . import test_task_workbook
from . import test_plan_document
from . import test_plan_report
from . import test_access_matrix
from . import test_statistics
