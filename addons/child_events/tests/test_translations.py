from odoo.addons.child_protection.tests.test_translations import untranslated_terms
from odoo.tests.common import TransactionCase


class TestTranslations(TransactionCase):

    def test_every_term_has_its_vietnamese(self):
        missing = untranslated_terms(self.env.cr, "child_events")
        self.assertFalse(missing, "i18n/vi.po lacks %d terms:\n%s" % (len(missing), "\n".join(missing)))
