from . import reconciliation_xlsx
from . import settlement_xlsx
from . import task_xlsx
from . import plan_report_xlsx
from . import plan_draft
from . import stat_rollup_xlsx
