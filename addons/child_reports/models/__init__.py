from . import child_document
from . import child_signing_certificate
from . import child_plan
from . import child_plan_report
from . import child_stat_indicator
from . import child_stat_report
from . import child_stat_report_line
from . import child_stat_rollup
