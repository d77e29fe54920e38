from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Higher levels first; a parent must stand higher than its child. Districts are kept for the plans and data of
# before 1 July 2025, when district-level government stopped (Resolution 203/2025/QH15): since then communes and
# wards sit directly under the province.
LEVELS = [
    ("province", "Province / centrally-run city"),
    ("district", "District (before 1 July 2025)"),
    ("commune", "Commune / ward"),
    ("group", "Residential group / hamlet"),
]
LEVEL_RANK = {code: rank for rank, (code, _label) in enumerate(LEVELS)}
# The kinds of commune that Decision 06/2019/QĐ-TTg holds to different total scores; the scores themselves are data
# (child.ward.threshold).
COMMUNE_KINDS = [
    ("city_ward", "Ward of a centrally-run city"),
    ("hardship", "Mountain, island or very poor commune"),
    ("other", "Other commune, ward or township"),
]


class ChildArea(models.Model):
    _name = "child.area"
    _description = "Administrative area"
    _order = "level_rank, name"

    name = fields.Char(required=True, translate=False)
    place_name = fields.Char(
        help='The place name written in the date line of documents, e.g. "Long Biên". The area\'s name when '
             "empty.")
    code = fields.Char(help="Administrative unit code of the General Statistics Office, if known.")
    level = fields.Selection(LEVELS, required=True, default="commune")
    level_rank = fields.Integer(compute="_compute_level_rank", store=True)
    parent_id = fields.Many2one("child.area", string="Parent area", index=True, ondelete="restrict")
    child_ids = fields.One2many("child.area", "parent_id", string="Areas within")
    date_end = fields.Date(
        string="Operated until",
        help="The last day this unit operated, e.g. 30 June 2025 for the districts. Nothing can be issued in its "
             "name after that day.")
    commune_kind = fields.Selection(
        COMMUNE_KINDS, string="Kind of commune", required=True, default="other",
        help="Communes and wards only: the total score a child-friendly commune or ward needs depends on it "
             "(Decision 06/2019/QĐ-TTg).")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_parent_unique", "unique(name, parent_id)", "An area with this name already exists in that parent area."),
    ]

    @api.depends("level")
    def _compute_level_rank(self):
        for area in self:
            area.level_rank = LEVEL_RANK.get(area.level, 0)

    @api.constrains("parent_id", "level")
    def _check_parent_level(self):
        for area in self:
            if not area._check_recursion():
                raise ValidationError(_("Parent area: an area cannot lie within itself."))
            if area.parent_id and LEVEL_RANK[area.parent_id.level] >= LEVEL_RANK[area.level]:
                raise ValidationError(
                    _("Parent area: %(parent)s (%(plevel)s) cannot contain %(area)s (%(level)s); a parent must be "
                      "of a higher level.") % {
                        "parent": area.parent_id.name, "plevel": area.parent_id._level_label(),
                        "area": area.name, "level": area._level_label()})

    @api.multi
    def write(self, vals):
        result = super(ChildArea, self).write(vals)
        if "commune_kind" in vals:
            # the threshold, hence the verdict, of the wards' assessments follows their kind: recount the plans
            self.env["child.ward.assessment"].sudo().search(
                [("ward_id", "in", self.ids), ("state", "=", "assessed")])._refresh_plan_indicators()
        return result

    def _level_label(self):
        return dict(self._fields["level"]._description_selection(self.env))[self.level]

    def get_place_name(self):
        """The place written in the date line of a document issued in this area."""
        self.ensure_one()
        return self.place_name or self.name
