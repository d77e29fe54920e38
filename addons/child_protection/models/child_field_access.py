"""Restricted fields of the suite stay restricted whatever the way in.

A field of a model of the suite (``child.*``) is restricted by its ``groups`` (a collaborator's identity number is
for finance and commune officers), and a model by its access rights (the gift recipients, the allowances). Odoo 11
applies ``groups`` to ``read`` and ``fields_get`` only: a domain on the field (``search``, ``search_count``,
``name_search``'s ``args``, a path such as ``collaborator_id.identity_number`` from another model), ``read_group``
(group by it, or sum it), ``order=`` on it and a related field elsewhere that copies it (related fields are read as
the superuser) all answered for a user who may not read it: the search is an oracle, the groups pair the value with
the records.

Here one rule applies to every way in: a user may use a field of the suite only where they may read it. A field is
denied when its ``groups`` are not the user's, or, for a related field, when a field or a model along its path is
denied (a related field is restricted like its source, whether or not it repeats the source's groups). Domains are
checked hop by hop along their paths (also from a model outside the suite into the suite), as are the fields of
``read_group``, ``order`` and ``export_data``; a denied field is refused with ``AccessError`` naming the field, the
way it was used, and nothing is queried. The superuser (``sudo()``: the suite's own computations, the record
rules) is not checked.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

SUITE_PREFIX = "child."
DOMAIN_OPERATORS = ("&", "|", "!")


def _field_names(specs):
    """The field names of ``read_group``'s ``fields``, ``groupby`` or ``orderby`` items: ``amount:sum``,
    ``month:quarter``, ``name desc``."""
    if not specs:
        return []
    if isinstance(specs, str):
        specs = specs.split(",")
    names = []
    for spec in specs:
        if not isinstance(spec, str):
            continue
        name = spec.strip().split(" ")[0].split(":")[0].strip().strip('"')
        if name:
            names.append(name)
    return names


class Base(models.AbstractModel):
    _inherit = "base"

    # What a user may not use -----------------------------------------------------------------------------------

    def _child_checks_fields(self):
        return self._uid != SUPERUSER_ID

    def _child_field_denied(self, field, seen=None):
        """Whether the current user may not read ``field`` of this model: its groups are not theirs, or it is
        related to a field (or through a model) they may not read. Only fields of the suite's models are judged."""
        if not self._name.startswith(SUITE_PREFIX) or not self._child_checks_fields():
            return False
        if field.groups and not self.user_has_groups(field.groups):
            return True
        if not field.related:
            return False
        seen = set() if seen is None else seen
        if field in seen:
            return False
        seen.add(field)
        path = field.related.split(".") if isinstance(field.related, str) else field.related
        model = self
        for name in path:
            hop = model._fields.get(name)
            if hop is None:
                return False
            if model._child_field_denied(hop, seen):
                return True
            if not hop.relational:
                break
            model = self.env[hop.comodel_name]
            if model._name.startswith(SUITE_PREFIX) and not model.check_access_rights("read", raise_exception=False):
                return True
        return False

    def _child_refuse(self, field, usage):
        """Refuse ``field`` used in ``usage``: search, sort, group, total, export or read."""
        messages = {
            "search": _("%(field)s (%(model)s) is restricted: you may not search on it."),
            "sort": _("%(field)s (%(model)s) is restricted: you may not sort by it."),
            "group": _("%(field)s (%(model)s) is restricted: you may not group by it."),
            "total": _("%(field)s (%(model)s) is restricted: you may not total it."),
            "export": _("%(field)s (%(model)s) is restricted: you may not export it."),
            "read": _("%(field)s (%(model)s) is restricted: you may not read it."),
        }
        raise AccessError(messages[usage] % {
            "field": field._description_string(self.env), "model": self._description})

    def _child_check_path(self, path, usage, separator="."):
        """Refuse ``path`` (``collaborator_id.identity_number``) when a field along it is denied, or a model of the
        suite it goes through may not be read."""
        model = self
        for name in path.split(separator):
            if name in ("id", ".id", ""):
                break
            field = model._fields.get(name)
            if field is None:
                break  # Odoo says it has no such field
            if model._child_field_denied(field):
                model._child_refuse(field, usage)
            if not field.relational:
                break
            model = self.env[field.comodel_name]
            if model._name.startswith(SUITE_PREFIX):
                model.check_access_rights("read")

    def _child_check_domain(self, domain):
        for leaf in domain or []:
            if leaf in DOMAIN_OPERATORS or not isinstance(leaf, (list, tuple)) or not leaf:
                continue
            if isinstance(leaf[0], str):
                self._child_check_path(leaf[0], "search")
                if self._name.startswith(SUITE_PREFIX) and len(leaf) == 3:
                    self._child_check_search_value(leaf[0], leaf[2])

    def _child_check_search_value(self, path, value):
        """A value PostgreSQL cannot compare (a NUL character, a whole number beyond 64 bits, a date that is none)
        is refused naming the field, not answered with the database's own error."""
        field = self._fields.get(path.split(".")[0])
        label = field._description_string(self.env) if field is not None else path
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, str) and "\x00" in item:
                raise ValidationError(_("Search on %s: a text cannot hold a NUL character (\\x00).") % label)
            if isinstance(item, int) and not isinstance(item, bool) and not -2 ** 63 <= item < 2 ** 63:
                raise ValidationError(_("Search on %(field)s: %(value)s is beyond the whole numbers a search "
                                        "compares.") % {"field": label, "value": item})
            if field is not None and "." not in path and field.type in ("date", "datetime") \
                    and isinstance(item, str) and item:
                try:
                    (fields.Date if field.type == "date" else fields.Datetime).from_string(item)
                except ValueError:
                    raise ValidationError(_("Search on %(field)s: %(value)r is not a date (YYYY-MM-DD).") % {
                        "field": label, "value": item})

    # The ways in ---------------------------------------------------------------------------------------------------

    def _where_calc(self, domain, active_test=True):
        """Every domain: search, search_count, name_search, read_group, and a path's hop to the next model."""
        if self._child_checks_fields():
            self._child_check_domain(domain)
        return super(Base, self)._where_calc(domain, active_test=active_test)

    @api.model
    def _generate_order_by(self, order_spec, query):
        if order_spec and order_spec != self._order and self._child_checks_fields():
            for name in _field_names(order_spec):
                field = self._fields.get(name)
                if field is not None and self._child_field_denied(field):
                    self._child_refuse(field, "sort")
        return super(Base, self)._generate_order_by(order_spec, query)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if self._name.startswith(SUITE_PREFIX) and self._child_checks_fields():
            if not fields:  # Odoo sums every stored field then: only those the user may read
                fields = [name for name, field in self._fields.items()
                          if field.store and not self._child_field_denied(field)]
            for names, usage in ((_field_names(groupby), "group"), (_field_names(fields), "total"),
                                 (_field_names(orderby), "sort")):
                for name in names:
                    field = self._fields.get(name)
                    if field is not None and self._child_field_denied(field):
                        self._child_refuse(field, usage)
        return super(Base, self).read_group(domain, fields, groupby, offset=offset, limit=limit, orderby=orderby,
                                            lazy=lazy)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        if self._child_checks_fields():
            for path in fields_to_export or []:
                if isinstance(path, str):
                    self._child_check_path(path.replace(":id", "/id"), "export", separator="/")
        return super(Base, self).export_data(fields_to_export, raw_data=raw_data)

    def check_field_access_rights(self, operation, fields):
        """``read`` and the rest: a related field is restricted like what it copies."""
        explicit = bool(fields)
        fields = super(Base, self).check_field_access_rights(operation, fields)
        if operation != "read" or not self._name.startswith(SUITE_PREFIX) or not self._child_checks_fields():
            return fields
        denied = [name for name in fields
                  if name in self._fields and self._fields[name].related
                  and self._child_field_denied(self._fields[name])]
        if denied and explicit:
            self._child_refuse(self._fields[denied[0]], "read")
        return [name for name in fields if name not in denied]

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        result = super(Base, self).fields_get(allfields=allfields, attributes=attributes)
        if self._name.startswith(SUITE_PREFIX) and self._child_checks_fields():
            for name in list(result):
                field = self._fields.get(name)
                if field is not None and field.related and self._child_field_denied(field):
                    del result[name]
        return result
