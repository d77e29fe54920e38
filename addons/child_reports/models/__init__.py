from . import child_document
from . import child_signing_certificate
from . import child_plan
from . import child_plan_report
