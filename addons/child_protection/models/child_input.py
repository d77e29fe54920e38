"""The values every model of the suite receives, checked before the ORM stores them.

Odoo 11 passes a careless client's values to PostgreSQL nearly as they come: a day-first date ("05/03/2030") is
stored as 3 May, a text for a number or an unknown selection value ends in an internal error, an unknown id ends in
"a mandatory field is not correctly set" without the field. Here each value of ``create`` and ``write`` on a model
of the suite (``child.*``) is checked against its field's type first, and a wrong one is refused with the field's
label and the rule; the transaction is rolled back, so the database is left as it was.
"""
import re
from datetime import date, datetime

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SUITE_PREFIX = "child."
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d+)?)?$")
NUMERIC = ("integer", "float", "monetary", "boolean")


def _empty(value):
    return value is None or value is False


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def create(self, vals):
        if self._name.startswith(SUITE_PREFIX):
            self._check_input(vals, creating=True)
        return super(Base, self).create(vals)

    @api.multi
    def write(self, vals):
        if self._name.startswith(SUITE_PREFIX):
            self._check_input(vals)
        return super(Base, self).write(vals)

    @api.model
    def _check_input(self, vals, creating=False):
        """Refuse a value of ``vals`` that its field cannot hold (and, on ``creating``, a required field left
        empty), naming the field and the rule. Models that read ``vals`` before ``super().create`` call it first."""
        if not isinstance(vals, dict):
            raise ValidationError(_("Values: a mapping of field names to values is expected."))
        for name, value in vals.items():
            if name.startswith("__"):
                continue
            field = self._fields.get(name)
            if field is None:
                raise ValidationError(_("%(name)s: %(model)s has no such field.") % {
                    "name": name, "model": self._description})
            rule = self._input_rule(field, value)
            if rule:
                raise ValidationError("%s: %s" % (field._description_string(self.env), rule))
        if creating:
            self._check_required(vals)

    def _input_rule(self, field, value):
        """What is wrong with ``value`` for ``field``, or None."""
        kind = field.type
        if kind == "integer":
            if not _empty(value) and not (isinstance(value, int) and not isinstance(value, bool)):
                return _("a whole number is expected, not %r.") % (value,)
        elif kind in ("float", "monetary"):
            if not _empty(value) and not _is_number(value):
                return _("a number is expected, not %r.") % (value,)
        elif kind == "date":
            if isinstance(value, date) or _empty(value):
                return None
            if not isinstance(value, str) or not (DATE_RE.match(value) or DATETIME_RE.match(value)):
                return _("a date is expected as YYYY-MM-DD, not %r.") % (value,)
            try:
                fields.Date.from_string(value)
            except ValueError:
                return _("%s is not a date of the calendar.") % value
        elif kind == "datetime":
            if isinstance(value, datetime) or _empty(value):
                return None
            if not isinstance(value, str) or not DATETIME_RE.match(value):
                return _("a date and time is expected as YYYY-MM-DD HH:MM:SS, not %r.") % (value,)
            try:
                fields.Datetime.from_string(value)
            except ValueError:
                return _("%s is not a time of the calendar.") % value
        elif kind == "selection":
            if not _empty(value):
                allowed = field.get_values(self.env)
                if value not in allowed:
                    return _("%(value)r is not one of %(allowed)s.") % {
                        "value": value, "allowed": ", ".join(str(key) for key in allowed)}
        elif kind == "many2one":
            if _empty(value) or isinstance(value, models.BaseModel):
                return None
            if not isinstance(value, int) or isinstance(value, bool):
                return _("the id of a record is expected, not %r.") % (value,)
            if not self.env[field.comodel_name].browse(value).exists():
                return _("there is no record %(id)s of %(model)s.") % {
                    "id": value, "model": self.env[field.comodel_name]._description}
        elif kind == "binary":
            if isinstance(value, str):
                try:
                    value.encode("ascii")
                except UnicodeEncodeError:
                    return _("a file is expected, base64-encoded; this is plain text.")
        elif kind in ("char", "text", "html"):
            if not _empty(value) and not isinstance(value, str):
                return _("a text is expected, not %r.") % (value,)
        return None

    def _check_required(self, vals):
        defaults = self.default_get([name for name in self._fields if name not in vals])
        for name, field in self._fields.items():
            if (not field.required or not field.store or field.compute or field.related or field.inherited
                    or field.type in NUMERIC):  # False is 0 to a number, and not to a boolean: always a value
                continue
            value = vals[name] if name in vals else defaults.get(name)
            if _empty(value) or value == "":
                raise ValidationError(_("%s: a value is required.") % field._description_string(self.env))
