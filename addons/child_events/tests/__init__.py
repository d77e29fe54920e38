from . import test_event_workflow
from . import test_event_budget
from . import test_event_gifts
from . import test_event_participation
from . import test_event_settlement
from . import test_event_access
from . import test_event_bad_inputs
from . import test_translations
