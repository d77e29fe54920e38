from odoo import _, api, models
from odoo.exceptions import ValidationError

from ..engines import money


def money_rule(error):
    """The rule a MoneyError of the money engine names, in the user's language."""
    return {
        "not_a_number": _("must be an amount of money"),
        "fraction": _("must be a whole number of đồng (the đồng has no smaller unit)"),
        "negative": _("must not be negative"),
        "too_large": _("must not be over 1,000,000,000,000 đồng"),
    }.get(error.code, str(error))


class ChildAllowanceMoneyMixin(models.AbstractModel):
    """Amounts of đồng kept exactly: ``fields.Float(digits=(18, 0))`` is a numeric column, and every value
    written passes the money engine first, which refuses a fraction of a đồng or a negative amount instead of
    letting the ORM round it. ``_money_fields``: the names of the amounts."""
    _name = "child.allowance.money.mixin"
    _description = "Amounts in đồng"
    _money_fields = ()

    @api.model
    def _check_money(self, vals):
        for name in self._money_fields:
            if name in vals:
                try:
                    vals[name] = money.to_dong(vals[name])
                except money.MoneyError as error:
                    raise ValidationError(_("%(field)s: %(rule)s.") % {
                        "field": self._fields[name]._description_string(self.env), "rule": money_rule(error)})
        return vals

    @api.model
    def create(self, vals):
        return super(ChildAllowanceMoneyMixin, self).create(self._check_money(dict(vals)))

    @api.multi
    def write(self, vals):
        return super(ChildAllowanceMoneyMixin, self).write(self._check_money(dict(vals)))
