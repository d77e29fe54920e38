from . import child_area
from . import child_agency
from . import res_users
from . import child_plan
from . import child_plan_content
from . import child_plan_indicator
