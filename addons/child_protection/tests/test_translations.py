import io
import os

from odoo.modules.module import get_module_path
from odoo.tests.common import TransactionCase
from odoo.tools.translate import PoFile, trans_generate


def untranslated_terms(cr, module, lang="vi"):
    """The terms of ``module`` (views, fields, menus, selections, messages in the code) that its
    ``i18n/<lang>.po`` leaves untranslated."""
    path = os.path.join(get_module_path(module), "i18n", "%s.po" % lang)
    with io.open(path, "rb") as po_file:
        translated = {source for _type, _name, _res_id, source, value, _comments in PoFile(po_file) if value}
    terms = {row[4] for row in trans_generate(None, [module], cr) if row[0] == module}
    return sorted(terms - translated)


class TestTranslations(TransactionCase):

    def test_every_term_has_its_vietnamese(self):
        missing = untranslated_terms(self.env.cr, "child_protection")
        self.assertFalse(missing, "i18n/vi.po lacks %d terms:\n%s" % (len(missing), "\n".join(missing)))
