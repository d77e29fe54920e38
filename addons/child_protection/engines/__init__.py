# Plain-Python engines of child_protection: no import from odoo here, so they can be unit-tested on their own
# (tests/test_engines_*.py at the top of the repository) and reused by the other addons.
