# Plain-Python engines of child_reports: no import from odoo here, so they can be unit-tested on their own
# (tests/test_engines_*.py at the top of the repository) and shared by the reports and the scripts.
