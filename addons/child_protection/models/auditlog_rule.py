"""OCA's audit log on the suite's models, without their secrets.

``auditlog`` logs the old and new values of every stored field of a model it has a subscribed rule for (the rules
are data: ``data/auditlog_rule_data.xml`` of each addon). A file or a password must not be copied into the log:
on the suite's models, binary fields (a PKCS#12 file, a seal image) and fields named as secrets (password,
passphrase, private key, token) are left out, whether the rule logs fully (what it reads) or fast (what it was
sent). One2many fields are left out too: the lines and the chatter of a record (a sheet's thousands of lines, its
messages) are not values of it, and the models of lines that matter have rules of their own.

The logs themselves are read by administrators only and written by no one but the logging itself, the
administrator included (in Odoo 11 the superuser, whom record rules do not bind): a log or a line is created only
while ``create_logs`` runs (a mark on the database cursor, which no client can set), and never changed or deleted;
auditlog's clean-up (``autovacuum``) is refused.
"""
from contextlib import contextmanager

from odoo import _, api, models
from odoo.exceptions import UserError

SUITE_PREFIX = "child."
SECRET_WORDS = ("password", "passphrase", "secret", "private_key", "pkcs12", "token")


_LOGGING = "_child_auditlog_logging"


def is_secret(field):
    return field.type == "binary" or any(word in field.name for word in SECRET_WORDS)


@contextmanager
def logging(env):
    """While this runs, the audit log may be written (by the logging itself)."""
    depth = getattr(env.cr, _LOGGING, 0)
    setattr(env.cr, _LOGGING, depth + 1)
    try:
        yield
    finally:
        setattr(env.cr, _LOGGING, depth)


def _refuse_unless_logging(records, operation):
    records.check_access_rights(operation)  # who may not at all is told so first
    if not getattr(records.env.cr, _LOGGING, 0):
        raise UserError(_("Audit log: a log is written by the logging alone and kept as it was written; nobody, the "
                          "administrator included, adds, changes or deletes one."))


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
        with logging(self.env):
            return super(AuditlogRule, self).create_logs(uid, res_model, res_ids, method, old_values=old_values,
                                                         new_values=new_values,
                                                         additional_log_values=additional_log_values)


class AuditlogLog(models.Model):
    _inherit = "auditlog.log"

    @api.model
    def create(self, vals):
        _refuse_unless_logging(self, "create")
        return super(AuditlogLog, self).create(vals)

    @api.multi
    def write(self, vals):
        _refuse_unless_logging(self, "write")
        return super(AuditlogLog, self).write(vals)

    @api.multi
    def unlink(self):
        _refuse_unless_logging(self, "unlink")
        return super(AuditlogLog, self).unlink()


class AuditlogLogLine(models.Model):
    _inherit = "auditlog.log.line"

    @api.model
    def create(self, vals):
        _refuse_unless_logging(self, "create")
        return super(AuditlogLogLine, self).create(vals)

    @api.multi
    def write(self, vals):
        _refuse_unless_logging(self, "write")
        return super(AuditlogLogLine, self).write(vals)

    @api.multi
    def unlink(self):
        _refuse_unless_logging(self, "unlink")
        return super(AuditlogLogLine, self).unlink()


class AuditlogAutovacuum(models.TransientModel):
    _inherit = "auditlog.autovacuum"

    @api.model
    def autovacuum(self, days):
        raise UserError(_("Audit log: logs are kept for good; the clean-up of old logs is turned off."))
