from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MONEY_GROUPS = "child_protection.group_finance_officer,child_protection.group_commune_officer"


class ChildCollaborator(models.Model):
    """A community child-protection collaborator (cộng tác viên) of a commune or ward, paid a monthly allowance
    from the day of appointment to the last day served."""
    _name = "child.collaborator"
    _inherit = ["mail.thread"]
    _description = "Collaborator"
    _order = "area_id, name"

    code = fields.Char(required=True, copy=False, index=True, default=lambda self: self._default_code(),
                       help="The collaborator's code in payment lists and the files treasuries and wards send.")
    name = fields.Char(string="Full name", required=True, track_visibility="onchange")
    area_id = fields.Many2one("child.area", string="Commune / ward", required=True, index=True,
                              ondelete="restrict", domain=[("level", "=", "commune")], track_visibility="onchange")
    group_area_id = fields.Many2one("child.area", string="Residential group", ondelete="restrict",
                                    domain="[('level', '=', 'group'), ('parent_id', '=', area_id)]")
    group_name = fields.Char(string="Residential group (name)",
                             help="The group's name when it is not kept as an area.")
    phone = fields.Char()
    identity_number = fields.Char(string="Identity number", groups=MONEY_GROUPS, copy=False,
                                  help="Citizen identity card number; seen by finance and commune officers only.")
    date_start = fields.Date(string="Appointed on", required=True, track_visibility="onchange")
    date_end = fields.Date(string="Served until", track_visibility="onchange",
                           help="The last day served; empty while serving.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Code: another collaborator already has this code."),
    ]

    def _default_code(self):
        return self.env["ir.sequence"].sudo().next_by_code("child.collaborator") or "/"

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for collaborator in self:
            if collaborator.date_end and collaborator.date_end < collaborator.date_start:
                raise ValidationError(_("Served until: %(end)s is before the appointment on %(start)s.") % {
                    "end": collaborator.date_end, "start": collaborator.date_start})

    @api.constrains("identity_number", "date_start", "date_end")
    def _check_one_service_per_person(self):
        """The person is the identity number, not the record: a second record (appointed in another ward, say)
        is accepted only when the first one's service ended before the second begins."""
        for collaborator in self.sudo().filtered("identity_number"):
            domain = [("identity_number", "=", collaborator.identity_number), ("id", "!=", collaborator.id),
                      ("date_start", "<=", collaborator.date_end or "9999-12-31"),
                      "|", ("date_end", "=", False), ("date_end", ">=", collaborator.date_start)]
            other = self.sudo().with_context(active_test=False).search(domain, limit=1)
            if other:
                raise ValidationError(_("Identity number: another collaborator already has this number, %(code)s "
                                        "in %(ward)s, serving from %(start)s%(end)s; a second record of one person "
                                        "begins after the first one's service ends.") % {
                    "code": other.code, "ward": other.area_id.name, "start": other.date_start,
                    "end": _(" to %s") % other.date_end if other.date_end else ""})

    @api.constrains("area_id", "group_area_id")
    def _check_area(self):
        for collaborator in self:
            if collaborator.area_id.level != "commune":
                raise ValidationError(_("Commune / ward: %s is not a commune or ward.") % collaborator.area_id.name)
            if collaborator.group_area_id and collaborator.group_area_id.parent_id != collaborator.area_id:
                raise ValidationError(_("Residential group: %(group)s is not in %(ward)s.") % {
                    "group": collaborator.group_area_id.name, "ward": collaborator.area_id.name})

    @api.multi
    def name_get(self):
        return [(c.id, "[%s] %s" % (c.code, c.name)) for c in self]

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        if name:
            found = self.search(["|", ("code", "=ilike", name), ("name", operator, name)] + (args or []),
                                limit=limit)
            return found.name_get()
        return super(ChildCollaborator, self).name_search(name, args, operator, limit)

    def group_label(self):
        self.ensure_one()
        return self.group_area_id.name or self.group_name or ""
