"""The values every model of the suite receives, checked before the ORM stores them.

Odoo 11 passes a careless client's values to PostgreSQL nearly as they come: a day-first date ("05/03/2030") is
stored as 3 May, a text for a number or an unknown selection value ends in an internal error, an unknown id ends in
"a mandatory field is not correctly set" without the field. Here each value of ``create`` and ``write`` on a model
of the suite (``child.*``) is checked against its field's type first, and a wrong one is refused with the field's
label and the rule; the transaction is rolled back, so the database is left as it was.

Beyond the field's type: a boolean is true or false (not "0" or "false"), a number is finite and fits its column
(PostgreSQL's 32-bit integer; a numeric column's digits), a date lies within 1900-2100, a text holds no NUL
character nor lone surrogate, a required text made only of spaces and invisible characters is empty, and the codes
and names that must be unique (:data:`NORMALISED_FIELDS`) are normalised before they are stored and compared.
"""
import math
import re
from datetime import date, datetime

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..engines import text_input

SUITE_PREFIX = "child."
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d+)?)?$")
NUMERIC = ("integer", "float", "monetary", "boolean")
TEXT = ("char", "text", "html")
#: The lines one call may create or change in one field (a plan's sections, a sheet's lines...): a bigger call holds a
#: worker for minutes; the suite's own bulk work (generation, reconciliation) goes through SQL.
MAX_LINES = 1000
INT4_MIN, INT4_MAX = -2 ** 31, 2 ** 31 - 1  # PostgreSQL's integer column, what fields.Integer stores
YEAR_MIN, YEAR_MAX = 1900, 2100

#: (model, field) -> how its text is normalised before it is stored, so that values that look the same are the same
#: and a uniqueness check (a unique constraint, a search by code) sees them as one:
#: - "code": every space and invisible character removed. Symbols and codes never hold a space: an agency's symbol
#:   goes into document numbers (116/KH-UBND), a collaborator's code is matched with the treasury's files, an
#:   identity number is 12 digits printed in groups ("001 234 567 890"), a GSO code is digits. (A Circular 13
#:   indicator's code is not here: its own check refuses anything but four digits, so " 0605" cannot pass as 0605.)
#: - "name": spaces collapsed to one and trimmed, invisible characters removed: names are unique in their area or
#:   parent, and "Phòng  Tư pháp" with two spaces or a zero-width space is the same office.
NORMALISED_FIELDS = {
    ("child.agency", "code"): "code",
    ("child.agency", "name"): "name",
    ("child.area", "code"): "code",
    ("child.area", "name"): "name",
    ("child.collaborator", "code"): "code",
    ("child.collaborator", "identity_number"): "code",
}


def _empty(value):
    return value is None or value is False


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def create(self, vals):
        if self._name.startswith(SUITE_PREFIX):
            vals = self._normalise_input(vals)
            self._check_input(vals, creating=True)
        return super(Base, self).create(vals)

    @api.multi
    def write(self, vals):
        if self._name.startswith(SUITE_PREFIX):
            vals = self._normalise_input(vals)
            self._check_input(vals)
        return super(Base, self).write(vals)

    @api.model
    def _normalise_input(self, vals):
        """``vals`` with the texts of :data:`NORMALISED_FIELDS` normalised (a copy when one changed)."""
        if not isinstance(vals, dict):
            return vals
        changed = {}
        for name, value in vals.items():
            rule = NORMALISED_FIELDS.get((self._name, name))
            if rule and isinstance(value, str) and not text_input.text_fault(value):
                normal = (text_input.normalise_code if rule == "code" else text_input.normalise_name)(value)
                if not normal and self._fields[name].required:
                    continue  # left as it came, for _check_input to say it is blank
                if normal != value:
                    changed[name] = normal or False
        return dict(vals, **changed) if changed else vals

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
            if not rule and not creating and field.required and self._blank(field, value):
                rule = _("a value is required; only spaces or invisible characters were given.") if value \
                    else _("a value is required.")
            if rule:
                raise ValidationError("%s: %s" % (field._description_string(self.env), rule))
        if creating:
            self._check_required(vals)

    @staticmethod
    def _blank(field, value):
        """True when ``value`` leaves the required ``field`` empty (a text of spaces and invisible characters
        is empty); a number or a boolean always has a value."""
        if (not field.store or field.compute or field.related or field.inherited or field.type in NUMERIC
                or field.type in ("one2many", "many2many")):
            return False
        if isinstance(value, str):
            return text_input.is_blank(value)
        return _empty(value)

    def _input_rule(self, field, value):
        """What is wrong with ``value`` for ``field``, or None."""
        kind = field.type
        if kind == "boolean":
            if not (value is None or isinstance(value, bool) or (type(value) is int and value in (0, 1))):
                return _("a boolean expects true or false, not %r.") % (value,)
        elif kind == "integer":
            if not _empty(value) and not (isinstance(value, int) and not isinstance(value, bool)):
                return _("a whole number is expected, not %r.") % (value,)
            if not _empty(value) and not INT4_MIN <= value <= INT4_MAX:
                return _("%(value)s is beyond the whole numbers this field holds (%(min)s to %(max)s).") % {
                    "value": value, "min": INT4_MIN, "max": INT4_MAX}
        elif kind in ("float", "monetary"):
            if not _empty(value) and not _is_number(value):
                return _("a number is expected, not %r.") % (value,)
            if not _empty(value):
                return self._number_rule(field, value)
        elif kind in ("date", "datetime"):
            return self._date_rule(field, value)
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
        elif kind in ("one2many", "many2many"):
            if isinstance(value, (list, tuple)) and len(value) > MAX_LINES:
                return _("at most %(limit)s lines in one call (%(count)s were sent); send them in parts.") % {
                    "limit": "{:,}".format(MAX_LINES), "count": "{:,}".format(len(value))}
        elif kind == "binary":
            if isinstance(value, str):
                try:
                    value.encode("ascii")
                except UnicodeEncodeError:
                    return _("a file is expected, base64-encoded; this is plain text.")
        elif kind in TEXT:
            if not _empty(value) and not isinstance(value, str):
                return _("a text is expected, not %r.") % (value,)
            fault = text_input.text_fault(value) if isinstance(value, str) else None
            if fault == "nul":
                return _("a text cannot hold a NUL character (\\x00).")
            if fault == "surrogate":
                return _("a text cannot hold a lone surrogate (U+D800 to U+DFFF): it is not valid Unicode.")
        return None

    @staticmethod
    def _number_rule(field, value):
        """What is wrong with the number ``value`` for the float ``field``: not finite, or more digits than its
        numeric column holds (``digits=(18, 0)``: below 10**18)."""
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an int too large for a float
            finite = False
        if not finite:
            return _("%r is not a finite number.") % (value,)
        digits = getattr(field, "digits", None)
        if digits and digits[0] and digits[1] is not None:
            precision, scale = digits
            if abs(round(value, scale)) >= 10 ** (precision - scale):
                return _("%(value)s does not fit this field's %(digits)s digits (%(scale)s after the point).") % {
                    "value": value, "digits": precision, "scale": scale}
        return None

    @staticmethod
    def _date_rule(field, value):
        """What is wrong with ``value`` for the date or datetime ``field``: its form, the calendar, the years."""
        if _empty(value):
            return None
        if isinstance(value, (date, datetime)):
            year = value.year
        elif field.type == "date":
            if not isinstance(value, str) or not (DATE_RE.match(value) or DATETIME_RE.match(value)):
                return _("a date is expected as YYYY-MM-DD, not %r.") % (value,)
            try:
                year = fields.Date.from_string(value).year
            except ValueError:
                return _("%s is not a date of the calendar.") % value
        else:
            if not isinstance(value, str) or not DATETIME_RE.match(value):
                return _("a date and time is expected as YYYY-MM-DD HH:MM:SS, not %r.") % (value,)
            try:
                year = fields.Datetime.from_string(value).year
            except ValueError:
                return _("%s is not a time of the calendar.") % value
        if not YEAR_MIN <= year <= YEAR_MAX:
            return _("%(value)s is outside the years %(min)s to %(max)s.") % {
                "value": value, "min": YEAR_MIN, "max": YEAR_MAX}
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
            if isinstance(value, str) and text_input.is_blank(value):
                raise ValidationError(_("%s: a value is required; only spaces or invisible characters were given.")
                                      % field._description_string(self.env))
