"""Workflow fields: what only a model's workflow methods set, for every model of the suite.

A field declared ``fixed=True`` (the event of a budget line, a gift or a ward row, the plan of a task) is set at
creation and never changed: moving a line into another record would carry its money or figures past that record's
own workflow (into a settled event, or out of an approved one and back).

A field declared with ``workflow=True`` (a state, a number and its place in the register, a date of issue, an
approval or settlement mark, a link to an issued document) moves only through the model's ``action_*`` methods,
which check who acts and from which state, then write through ``_workflow()``. Anything else is refused, for
every role, the administrator and ``sudo()`` included:

- ``create`` with a value other than the field's own default, or a context key ``default_<field>`` other than it;
- ``write`` of the field;
- ``copy`` (its ``default`` goes to ``create``; workflow fields are ``copy=False``).

The grant is a context value of a private class: a client's context arrives as JSON (XML-RPC, JSON-RPC) and can
hold the same text, never that class, so it cannot be forged from outside the server.
"""
from odoo import _, api, models
from odoo.exceptions import UserError

WORKFLOW_KEY = "child_workflow"
SUITE_PREFIX = "child."


class _WorkflowGrant(str):
    """The context value that lets the workflow write its fields; only code in the server can make one.

    It equals only itself: Odoo reuses an environment whose context compares equal, and a client's context holding
    the same text must not be taken for it. It stays a text, so a context that is written out as JSON still is.
    """

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    __hash__ = str.__hash__


GRANT = _WorkflowGrant("granted")


def _same(value, default):
    value, default = (item.id if isinstance(item, models.BaseModel) else item for item in (value, default))
    if value in (None, False, "") and default in (None, False, ""):
        return True
    return value == default


class Base(models.AbstractModel):
    _inherit = "base"

    def _workflow(self):
        """These records, allowed to set their workflow fields: for the workflow methods, after their checks."""
        return self.with_context(**{WORKFLOW_KEY: GRANT})

    def _workflow_granted(self):
        return isinstance(self.env.context.get(WORKFLOW_KEY), _WorkflowGrant)

    @api.model
    def _workflow_field_names(self):
        return [name for name, field in self._fields.items() if getattr(field, "workflow", False)]

    @api.model
    def _workflow_refusal(self, name):
        return UserError(_("%(field)s: set by the workflow of %(model)s (its buttons), never typed in or sent; "
                           "it cannot be given when a record is created or copied, nor written.") % {
            "field": self._fields[name]._description_string(self.env), "model": self._description})

    @api.model
    def _check_workflow_values(self, vals, creating=False):
        """Refuse workflow fields in ``vals`` (and, on ``creating``, in the context's defaults) unless granted.
        Models that set workflow fields of their own in ``create`` call it first, then create with the grant."""
        if self._workflow_granted() or not isinstance(vals, dict):
            return
        context = self.env.context
        if not creating:
            for name in vals:
                field = self._fields.get(name)
                new = vals[name].id if isinstance(vals[name], models.BaseModel) else vals[name]
                if getattr(field, "fixed", False) and any(record[name].id != (new or False) for record in self):
                    raise UserError(_("%(field)s: a %(model)s stays with the record it was made for; make a new one "
                                      "there instead.") % {"field": field._description_string(self.env),
                                                           "model": self._description})
        for name in self._workflow_field_names():
            if not creating:
                if name in vals:
                    raise self._workflow_refusal(name)
                continue
            field = self._fields[name]
            default = field.default(self) if field.default else False
            given = [vals[name]] if name in vals else []
            if "default_%s" % name in context:
                given.append(context["default_%s" % name])
            if any(not _same(value, default) for value in given):
                raise self._workflow_refusal(name)

    @api.model
    def default_get(self, fields_list):
        """A workflow field starts from its own default only: neither a ``default_<field>`` context key (a client's
        context also reaches the workflow's own creates, e.g. an amendment) nor a user's personal default
        (``ir.default``) reaches it."""
        result = super(Base, self).default_get(fields_list)
        if self._name.startswith(SUITE_PREFIX):
            for name in self._workflow_field_names():
                if name not in fields_list:
                    continue
                field = self._fields[name]
                if field.default:
                    default = field.default(self)
                    result[name] = default.id if isinstance(default, models.BaseModel) else default
                else:
                    result.pop(name, None)
        return result

    @api.model
    def create(self, vals):
        if self._name.startswith(SUITE_PREFIX) and isinstance(vals, dict):
            self._check_workflow_values(vals, creating=True)
        return super(Base, self).create(vals)

    @api.multi
    def write(self, vals):
        if self._name.startswith(SUITE_PREFIX):
            self._check_workflow_values(vals)
        return super(Base, self).write(vals)


class IrDefault(models.Model):
    _inherit = "ir.default"

    @api.model
    def set(self, model_name, field_name, value, user_id=False, company_id=False, condition=False):
        """A personal or company default cannot reach a workflow field either (see Base.create)."""
        if model_name.startswith(SUITE_PREFIX) and model_name in self.env:
            model = self.env[model_name]
            if field_name in model._workflow_field_names():
                raise model._workflow_refusal(field_name)
        return super(IrDefault, self).set(model_name, field_name, value, user_id=user_id, company_id=company_id,
                                          condition=condition)

    @api.model
    def create(self, vals):
        field = self.env["ir.model.fields"].sudo().browse(vals.get("field_id")).exists()
        if field and field.model.startswith(SUITE_PREFIX) and field.model in self.env:
            model = self.env[field.model]
            if field.name in model._workflow_field_names():
                raise model._workflow_refusal(field.name)
        return super(IrDefault, self).create(vals)
