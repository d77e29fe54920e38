"""A tracked change of a model of the suite always reaches its chatter.

``tracking_disable``, ``mail_notrack`` and ``mail_create_nolog`` in the context make ``mail.thread`` skip the
tracking of changed fields and the "created" message. A client sends its own context with every call (XML-RPC,
JSON-RPC), so any user could change a plan, a task or an amount and leave no trace in the chatter. On the suite's
models (``child.*``) these keys are ignored, unless the suite's own code asks for them with ``quiet_context()``:
the marker it adds is a Python object, which no context that came over the network can hold. The tests' fixtures
and the benchmarks use it; no code of the addons does.
"""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import UserError

SUITE_PREFIX = "child."
_TRACKING = "_child_tracking"
TRACKING_KEYS = ("tracking_disable", "mail_notrack", "mail_create_nolog")
QUIET_KEY = "child_quiet"
_QUIET = object()


def quiet_context(**context):
    """The context for the suite's own code (fixtures, benchmarks) to write without tracking, e.g.
    ``env(context=dict(env.context, **quiet_context()))``."""
    return dict(context, tracking_disable=True, **{QUIET_KEY: _QUIET})


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _child_tracked(self):
        """These records with the client's tracking keys dropped, on a model of the suite."""
        context = self._context
        if (self._name.startswith(SUITE_PREFIX) and context.get(QUIET_KEY) is not _QUIET
                and any(context.get(key) for key in TRACKING_KEYS)):
            return self.with_context(**dict.fromkeys(TRACKING_KEYS, False))
        return self

    @api.model
    def create(self, values):
        return super(MailThread, self._child_tracked()).create(values)

    @api.multi
    def write(self, values):
        return super(MailThread, self._child_tracked()).write(values)

    @api.multi
    def message_track(self, tracked_fields, initial_values):
        # the one way a message of the suite carries tracked changes: the ORM's own tracking of a write
        depth = getattr(self.env.cr, _TRACKING, 0)
        setattr(self.env.cr, _TRACKING, depth + 1)
        try:
            return super(MailThread, self).message_track(tracked_fields, initial_values)
        finally:
            setattr(self.env.cr, _TRACKING, depth)

    @api.multi
    def unlink(self):
        # a record that may be deleted takes its chatter along: the one way a message of the suite is deleted
        if self._name.startswith(SUITE_PREFIX):
            return super(MailThread, self._workflow()).unlink()
        return super(MailThread, self).unlink()


#: What a message says and about what: never rewritten on the suite's models (marking it read or starred is not this).
MESSAGE_CONTENT = {"body", "subject", "author_id", "email_from", "date", "model", "res_id", "record_name",
                   "message_type", "subtype_id", "parent_id", "tracking_value_ids", "attachment_ids"}


class MailMessage(models.Model):
    """The chatter of the suite's models is their history: nobody rewrites or deletes a message of it, the
    administrator included; a message goes only with its record, when that record may be deleted."""
    _inherit = "mail.message"

    def _suite_history(self):
        return self.sudo().filtered(lambda message: (message.model or "").startswith(SUITE_PREFIX))

    @api.model
    def create(self, values):
        if (values.get("model") or "").startswith(SUITE_PREFIX) and self.env.uid != SUPERUSER_ID:
            self._check_history_entry(values)
        # mail.message writes a new message's tracking values right after creating it
        return super(MailMessage, self._workflow()).create(values).with_env(self.env)

    @api.model
    def _check_history_entry(self, values):
        """A new entry of a record's history is the user's own, of now: no other author, no other date, and tracked
        changes only from the ORM's tracking of a real write."""
        if values.get("author_id") and values["author_id"] != self.env.user.partner_id.id:
            raise UserError(_("Messages: a message is posted in your own name."))
        if values.get("date"):
            raise UserError(_("Messages: a message is dated when it is posted."))
        if values.get("tracking_value_ids") and not getattr(self.env.cr, _TRACKING, 0):
            raise UserError(_("Messages: tracked changes are written by the changes themselves, not posted."))

    @api.multi
    def write(self, vals):
        if MESSAGE_CONTENT & set(vals) and not self._workflow_granted() and self._suite_history():
            raise UserError(_("Messages: the history of a record of the suite is kept as it was written; post a "
                              "new message instead."))
        return super(MailMessage, self).write(vals)

    @api.multi
    def unlink(self):
        if not self._workflow_granted() and self._suite_history():
            raise UserError(_("Messages: the history of a record of the suite is kept as it was written; a message "
                              "goes only with its record."))
        return super(MailMessage, self).unlink()


class MailMail(models.Model):
    _inherit = "mail.mail"

    @api.multi
    def unlink(self):
        # an e-mail sent by itself (not a chatter notification) is deleted with its own message once sent
        return super(MailMail, self._workflow()).unlink()
