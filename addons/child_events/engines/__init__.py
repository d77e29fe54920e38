# Plain-Python engines of child_events: no import from odoo here, so they can be unit-tested on their own
# (tests/test_engines_*.py at the top of the repository) and reused by child_reports (the settlement workbook).
