from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .child_event_gift import BENEFICIARY_GROUPS

CHILD_AGE_LIMIT = 16  # Law on Children 2016, article 1: a child is under 16


class ChildEventRecipient(models.Model):
    """A child who gets a gift of an event, in a ward the event covers, and whether the gift was received and signed
    for. Personal data: read by the event organisers and by the ward's officer for their ward, never public."""
    _name = "child.event.recipient"
    _description = "Gift recipient"
    _order = "event_id, area_id, sequence, id"

    gift_id = fields.Many2one("child.event.gift", string="Gift", required=True, index=True, ondelete="cascade",
                              fixed=True)
    event_id = fields.Many2one(related="gift_id.event_id", store=True, readonly=True, string="Event", index=True)
    sequence = fields.Integer(default=10)
    area_id = fields.Many2one("child.area", string="Ward", required=True, index=True, ondelete="restrict")
    child_name = fields.Char(string="Child", required=True)
    birth_year = fields.Integer(string="Birth year")
    beneficiary_group = fields.Selection(BENEFICIARY_GROUPS, string="Group", required=True, default="poor")
    guardian_name = fields.Char(string="Guardian")
    received = fields.Boolean(copy=False)
    date_signed = fields.Date(string="Date signed", copy=False)
    note = fields.Char()

    @api.onchange("gift_id")
    def _onchange_gift(self):
        if self.gift_id:
            self.beneficiary_group = self.gift_id.beneficiary_group

    @api.constrains("area_id", "gift_id")
    def _check_area(self):
        for recipient in self:
            if recipient.area_id not in recipient.event_id.ward_ids.mapped("area_id"):
                raise ValidationError(_("Ward: %(ward)s is not among the wards event %(event)s covers.") % {
                    "ward": recipient.area_id.name, "event": recipient.event_id.name})

    @api.constrains("birth_year", "gift_id")
    def _check_birth_year(self):
        for recipient in self:
            year = recipient.event_id.year
            if recipient.birth_year and not year - CHILD_AGE_LIMIT <= recipient.birth_year <= year:
                raise ValidationError(_("Birth year: %(birth)s is not the birth year of a child in %(year)s (born "
                                        "%(first)s to %(year)s).") % {
                    "birth": recipient.birth_year, "year": year, "first": year - CHILD_AGE_LIMIT})

    @api.constrains("received", "date_signed")
    def _check_signed(self):
        for recipient in self:
            if recipient.received and not recipient.date_signed:
                raise ValidationError(_("Date signed: the gift of %s is marked received; give the date it was "
                                        "signed for.") % recipient.child_name)

    @api.constrains("received", "gift_id")
    def _check_quantity(self):
        for gift in self.mapped("gift_id"):
            handed_out = self.sudo().search_count([("gift_id", "=", gift.id), ("received", "=", True)])
            if handed_out > gift.planned_qty:
                raise ValidationError(_("Received: %(count)s gifts %(gift)s would be handed out, more than the "
                                        "%(planned)s planned.") % {
                    "count": handed_out, "gift": gift.name, "planned": gift.planned_qty})

    @api.model
    def create(self, vals):
        self.check_access_rights("create")  # access first: who may not is told so
        gift = self.env["child.event.gift"].browse(vals.get("gift_id"))
        self._check_event_state(gift.event_id, vals)
        return super(ChildEventRecipient, self).create(vals)

    @api.multi
    def write(self, vals):
        self.check_access_rights("write")
        self.check_access_rule("write")
        for event in self.mapped("event_id"):
            self._check_event_state(event, vals)
        if "gift_id" in vals:
            self._check_event_state(self.env["child.event.gift"].browse(vals["gift_id"]).event_id, vals)
        return super(ChildEventRecipient, self).write(vals)

    @api.multi
    def unlink(self):
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        for event in self.mapped("event_id"):
            event._check_open([self._description_label()])
        if self.filtered("received"):
            raise UserError(_("Recipients: a gift that was received and signed for stays on the list."))
        return super(ChildEventRecipient, self).unlink()

    @api.model
    def _check_event_state(self, event, vals):
        event._check_open([self._description_label()])
        if vals.get("received") and event.state != "running":
            raise UserError(_("Received: gifts are handed out while the event runs; event %(event)s is "
                              "%(state)s.") % {"event": event.name, "state": event._state_label()})

    def _description_label(self):
        return self.env["ir.model"]._get(self._name).name
