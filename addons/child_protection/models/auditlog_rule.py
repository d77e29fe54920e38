"""OCA's audit log on the suite's models, without their secrets.

``auditlog`` logs the old and new values of every stored field of a model it has a subscribed rule for (the rules
are data: ``data/auditlog_rule_data.xml`` of each addon). A file or a password must not be copied into the log:
on the suite's models, binary fields (a PKCS#12 file, a seal image) and fields named as secrets (password,
passphrase, private key, token) are left out, whether the rule logs fully (what it reads) or fast (what it was
sent). One2many fields are left out too: the lines and the chatter of a record (a sheet's thousands of lines, its
messages) are not values of it, and the models of lines that matter have rules of their own. The logs themselves are read by administrators only and written by no one but the logging itself
(``security/auditlog_security.xml``).
"""
from odoo import api, models

SUITE_PREFIX = "child."
SECRET_WORDS = ("password", "passphrase", "secret", "private_key", "pkcs12", "token")


def is_secret(field):
    return field.type == "binary" or any(word in field.name for word in SECRET_WORDS)


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    @api.model
    def get_auditlog_fields(self, model):
        names = super(AuditlogRule, self).get_auditlog_fields(model)
        if not model._name.startswith(SUITE_PREFIX):
            return names
        return [name for name in names
                if not is_secret(model._fields[name]) and model._fields[name].type != "one2many"]

    def create_logs(self, uid, res_model, res_ids, method, old_values=None, new_values=None,
                    additional_log_values=None):
        if res_model.startswith(SUITE_PREFIX):
            fields = self.env[res_model]._fields
            old_values, new_values = (
                {res_id: {name: value for name, value in record_values.items()
                          if not (name in fields and is_secret(fields[name]))}
                 for res_id, record_values in values.items()} if values else values
                for values in (old_values, new_values))
        return super(AuditlogRule, self).create_logs(uid, res_model, res_ids, method, old_values=old_values,
                                                     new_values=new_values,
                                                     additional_log_values=additional_log_values)
