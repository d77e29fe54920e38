from . import test_plan_workflow
from . import test_plan_numbering
from . import test_plan_freeze
from . import test_indicators
from . import test_access
from . import test_bad_inputs
from . import test_translations
