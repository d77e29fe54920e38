from . import child_event_money_mixin
from . import child_event
from . import child_event_ward
from . import child_event_budget_line
from . import child_event_budget_revision
from . import child_event_gift
from . import child_event_recipient
