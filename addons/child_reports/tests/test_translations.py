from odoo.tests.common import TransactionCase

from odoo.addons.child_protection.tests.test_translations import untranslated_terms


class TestTranslations(TransactionCase):

    def test_every_term_has_its_vietnamese(self):
        missing = untranslated_terms(self.env.cr, "child_reports")
        self.assertFalse(missing, "i18n/vi.po lacks %d terms:\n%s" % (len(missing), "\n".join(missing)))
