from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engines import money

GIFT_KINDS = [("cash", "Cash"), ("goods", "Goods"), ("both", "Cash and goods")]
# Law on Children 2016, article 10: the 14 groups of children in special circumstances, then the children of poor
# or near-poor households and the others.
BENEFICIARY_GROUPS = [
    ("orphan", "a) Orphaned of both parents"),
    ("abandoned", "b) Abandoned"),
    ("no_carer", "c) Without anyone to rely on"),
    ("disabled", "d) With a disability"),
    ("hiv", "đ) Affected by HIV/AIDS"),
    ("law", "e) In conflict with the law"),
    ("drugs", "g) Addicted to drugs"),
    ("dropout", "h) Left school to earn a living before finishing lower secondary"),
    ("violence", "i) Seriously harmed by violence"),
    ("exploited", "k) Exploited"),
    ("sexual_abuse", "l) Sexually abused"),
    ("trafficked", "m) Trafficked"),
    ("ill_poor", "n) Seriously or long-term ill, of a poor or near-poor household"),
    ("migrant", "o) Migrant or refugee without identified carers"),
    ("poor", "Of a poor or near-poor household"),
    ("other", "Other"),
]
#: What may change on a gift line once the event is approved: nothing of its plan.
PLANNED_FIELDS = ("name", "kind", "cash_amount", "goods_value", "goods_description", "planned_qty",
                  "budget_line_id", "beneficiary_group")


class ChildEventGift(models.Model):
    """A gift an event hands out: cash, goods or both, for a group of children, from a funding source."""
    _name = "child.event.gift"
    _inherit = "child.event.money.mixin"
    _description = "Gift line"
    _order = "event_id, sequence, id"
    _money_fields = ("cash_amount", "goods_value")

    event_id = fields.Many2one("child.event", string="Event", required=True, index=True, ondelete="cascade",
                               fixed=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Gift", required=True)
    kind = fields.Selection(GIFT_KINDS, required=True, default="cash")
    cash_amount = fields.Float(string="Cash (đ)", digits=(16, 0), help="The cash part of one gift.")
    goods_value = fields.Float(string="Goods value (đ)", digits=(16, 0), help="The value of the goods in one gift.")
    goods_description = fields.Char(string="Goods", help='e.g. "Sách vở, cặp sách".')
    unit_value = fields.Float(string="Unit value (đ)", digits=(16, 0), compute="_compute_amounts", store=True)
    beneficiary_group = fields.Selection(BENEFICIARY_GROUPS, string="Beneficiary group", required=True,
                                         default="poor")
    planned_qty = fields.Integer(string="Planned quantity", required=True, default=1)
    budget_line_id = fields.Many2one("child.event.budget.line", string="Funding source", required=True,
                                     ondelete="restrict", domain="[('event_id', '=', event_id)]")
    source = fields.Selection(related="budget_line_id.source", store=True, readonly=True)
    recipient_ids = fields.One2many(
        "child.event.recipient", "gift_id", string="Recipients",
        groups="child_events.group_event_organiser,child_protection.group_commune_officer")
    distributed_qty = fields.Integer(string="Handed out", compute="_compute_distributed", store=True,
                                     compute_sudo=True)
    planned_amount = fields.Float(string="Planned (đ)", digits=(16, 0), compute="_compute_amounts", store=True)
    actual_amount = fields.Float(string="Handed out (đ)", digits=(16, 0), compute="_compute_amounts", store=True)

    @api.depends("recipient_ids.received")
    def _compute_distributed(self):
        for gift in self:
            gift.distributed_qty = len(gift.recipient_ids.filtered("received"))

    @api.depends("cash_amount", "goods_value", "planned_qty", "distributed_qty")
    def _compute_amounts(self):
        for gift in self:
            unit = money.to_dong(gift.cash_amount) + money.to_dong(gift.goods_value)
            gift.unit_value = unit
            gift.planned_amount = unit * max(gift.planned_qty, 0)
            gift.actual_amount = unit * gift.distributed_qty

    @api.constrains("kind", "cash_amount", "goods_value")
    def _check_value(self):
        for gift in self:
            cash, goods = money.to_dong(gift.cash_amount), money.to_dong(gift.goods_value)
            if not cash and not goods:
                raise ValidationError(_("Value: gift %s has neither cash nor goods; give its cash amount, its goods "
                                        "value or both.") % gift.name)
            if gift.kind in ("cash", "both") and not cash:
                raise ValidationError(_("Cash (đ): gift %s gives cash; say how much.") % gift.name)
            if gift.kind in ("goods", "both") and not goods:
                raise ValidationError(_("Goods value (đ): gift %s gives goods; say what they are worth.")
                                      % gift.name)
            if gift.kind == "cash" and goods:
                raise ValidationError(_("Goods value (đ): gift %s is cash only; choose Cash and goods to add goods.")
                                      % gift.name)
            if gift.kind == "goods" and cash:
                raise ValidationError(_("Cash (đ): gift %s is goods only; choose Cash and goods to add cash.")
                                      % gift.name)

    @api.constrains("planned_qty")
    def _check_planned_qty(self):
        for gift in self:
            if gift.planned_qty < 1:
                raise ValidationError(_("Planned quantity: %(qty)s for gift %(gift)s; a gift line plans 1 gift or "
                                        "more.") % {"qty": gift.planned_qty, "gift": gift.name})

    @api.constrains("budget_line_id", "event_id")
    def _check_budget_line(self):
        for gift in self:
            if gift.budget_line_id.event_id != gift.event_id:
                raise ValidationError(_("Funding source: %s is a budget line of another event.")
                                      % gift.budget_line_id.display_name)

    @api.model
    def create(self, vals):
        self.check_access_rights("create")  # access first: who may not is told so
        event = self.env["child.event"].browse(vals.get("event_id"))
        event._check_open([self._description_label()])
        if event.state != "draft":
            raise UserError(_("Gifts: event %(event)s is %(state)s; its gift lines are fixed once a leader "
                              "approved it.") % {"event": event.name, "state": event._state_label()})
        return super(ChildEventGift, self).create(vals)

    @api.multi
    def write(self, vals):
        self.check_access_rights("write")
        self.check_access_rule("write")
        self.mapped("event_id")._check_open([self._description_label()])
        planned = [name for name in PLANNED_FIELDS if name in vals]
        if planned:
            for event in self.mapped("event_id").filtered(lambda e: e.state != "draft"):
                raise UserError(_("%(field)s: event %(event)s is %(state)s; its gift lines are fixed once a leader "
                                  "approved it.") % {
                    "field": self._fields[planned[0]]._description_string(self.env), "event": event.name,
                    "state": event._state_label()})
        return super(ChildEventGift, self).write(vals)

    @api.multi
    def unlink(self):
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        for event in self.mapped("event_id").filtered(lambda e: e.state != "draft"):
            raise UserError(_("Gifts: event %(event)s is %(state)s; its gift lines are kept.") % {
                "event": event.name, "state": event._state_label()})
        return super(ChildEventGift, self).unlink()

    def _description_label(self):
        return self.env["ir.model"]._get(self._name).name
