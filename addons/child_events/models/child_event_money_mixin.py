from odoo import _, api, models
from odoo.exceptions import ValidationError

from ..engines import money


class ChildEventMoneyMixin(models.AbstractModel):
    """Amounts in whole đồng (``_money_fields``): a value with a fraction of a đồng or below zero is refused before
    the ORM would round it to the column's 0 decimals."""
    _name = "child.event.money.mixin"
    _description = "Amounts in whole đồng"
    _money_fields = ()

    @api.model
    def _check_money(self, vals):
        for name in self._money_fields:
            if name not in vals:
                continue
            try:
                money.to_dong(vals[name])
            except money.MoneyError as error:
                label = self._fields[name]._description_string(self.env)
                rule = {
                    "fraction": _("%(value)s is not a whole number of đồng; amounts are kept exact to the đồng and "
                                  "never rounded."),
                    "negative": _("%(value)s is below zero; an amount is 0 or more."),
                    "too_large": _("%(value)s has more than 16 digits."),
                }.get(error.code, _("%(value)r is not an amount in đồng."))
                raise ValidationError("%s: %s" % (label, rule % {"value": error.value}))

    @api.model
    def create(self, vals):
        self._check_money(vals)
        return super(ChildEventMoneyMixin, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_money(vals)
        return super(ChildEventMoneyMixin, self).write(vals)
