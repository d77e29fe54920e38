from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..engines import decree30

KINDS = [
    ("committee", "People's Committee"),
    ("standing", "Standing agency for child affairs"),
    ("department", "Line department or office"),
    ("mass_organisation", "Mass organisation"),
    ("other", "Other"),
]


class ChildAgency(models.Model):
    """An issuing body or an agency that gets tasks. Names are data, never code: in 2025 child affairs moved
    from the labour to the health sector, and the district committees stopped."""
    _name = "child.agency"
    _description = "Agency"
    _order = "area_id, sequence, name"

    name = fields.Char(required=True)
    code = fields.Char(
        string="Symbol", required=True,
        help='Short symbol of the body, used in document numbers (116/KH-"UBND") and lists, e.g. "UBND", '
             '"LĐTBXH", "TP".')
    kind = fields.Selection(KINDS, required=True, default="department")
    sequence = fields.Integer(default=10)
    area_id = fields.Many2one("child.area", string="Area", required=True, index=True, ondelete="restrict")
    parent_id = fields.Many2one(
        "child.agency", string="Superior body", ondelete="restrict",
        help="The body this one belongs to; its name stands above this one's in a document's heading.")
    user_ids = fields.Many2many(
        "res.users", "child_agency_user_rel", "agency_id", "user_id", string="Focal points",
        help="Users who act for this agency: they see and report on its tasks.")
    phone = fields.Char()
    email = fields.Char()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_area_unique", "unique(name, area_id)", "An agency with this name already exists in that area."),
    ]

    def _check_scope_change(self, vals):
        """Who acts for an agency, and where, decides who sees a ward's collaborators, identity numbers and money
        (the commune officers' record rules): only an administrator changes it, not the plan officers who keep the
        agencies' names and symbols."""
        scope = [name for name in ("user_ids", "area_id") if name in vals]
        if scope and self.env.uid != SUPERUSER_ID and not self.env.user.has_group("base.group_system"):
            if "area_id" in scope and not self:  # a new agency is placed in its area by whoever may create it
                scope.remove("area_id")
            if scope:
                raise AccessError(_("%s: who acts for an agency and where decides who sees a ward's personal data "
                                    "and money; only an administrator changes it.") % ", ".join(
                    self._fields[name]._description_string(self.env) for name in scope))

    @api.model
    def create(self, vals):
        if vals.get("user_ids"):
            self.browse()._check_scope_change({"user_ids": vals["user_ids"]})
        agency = super(ChildAgency, self).create(vals)
        if vals.get("user_ids"):
            self.env["ir.rule"].clear_caches()
        return agency

    @api.multi
    def write(self, vals):
        self._check_scope_change(vals)
        res = super(ChildAgency, self).write(vals)
        if "user_ids" in vals:
            self.env["ir.rule"].clear_caches()  # the record rules read a user's agencies
        return res

    def _check_can_issue(self, issue_date):
        """Refuse a document issued in this body's name after its area stopped operating (the districts did on
        1 July 2025)."""
        self.ensure_one()
        area = self.area_id
        if area.date_end and issue_date > area.date_end:
            raise UserError(_("Issue date: %(area)s operated until %(end)s; nothing can be issued in its name on "
                              "%(date)s.") % {"area": area.name, "end": area.date_end, "date": issue_date})

    def _register_entry(self, issue_date, document_type, take_number):
        """The values that number a document of this body issued on ``issue_date``: its date, number and symbol
        (e.g. 02/BC-UBND), and its place in the register. ``take_number(year)`` takes the register number (and
        locks the register, see _lock_register). Plans and periodic reports share it."""
        self.ensure_one()
        self._check_can_issue(issue_date)
        year = fields.Date.from_string(issue_date).year
        seq = take_number(year)
        return {"issue_date": issue_date, "number": decree30.document_number(seq, document_type, self.code),
                "number_seq": seq, "number_year": year}

    def _lock_register(self):
        """Take this body's register until the transaction ends: two documents issued at once in its name cannot
        take the same register number.

        The row is updated, not only locked (SELECT ... FOR UPDATE): Odoo's transactions are REPEATABLE READ, so a
        second issuer waiting on a mere lock would then count the numbers in its older snapshot and take the same
        one. After an update, the second transaction fails with a serialization error instead, and Odoo runs the
        call again in a new snapshot, which sees the first number.
        """
        self.ensure_one()
        self.env.cr.execute("UPDATE child_agency SET write_date = write_date WHERE id = %s", [self.id])
