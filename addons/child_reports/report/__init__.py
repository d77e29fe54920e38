from . import reconciliation_xlsx
from . import settlement_xlsx
