from . import child_allowance_generate
from . import child_allowance_import
