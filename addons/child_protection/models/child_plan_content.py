from odoo import api, fields, models


class ChildPlanContentMixin(models.AbstractModel):
    """A line of a plan's content: refused on create, write and unlink once the plan is issued.

    ``_unfrozen_fields`` lists what may still change after issue (e.g. an indicator's results).
    """
    _name = "child.plan.content.mixin"
    _description = "Line of a plan's content"
    _unfrozen_fields = set()

    plan_id = fields.Many2one("child.plan", string="Plan", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)

    def _what(self):
        """This kind of line, in the user's language."""
        return self.env["ir.model"]._get(self._name).name

    @api.model
    def create(self, vals):
        self.env["child.plan"].browse(vals.get("plan_id"))._check_content_editable([self._what()])
        return super(ChildPlanContentMixin, self).create(vals)

    @api.multi
    def write(self, vals):
        changed = [name for name in vals if name not in self._unfrozen_fields]
        if changed:
            self.mapped("plan_id")._check_content_editable(
                ["%s (%s)" % (self._what(), self._fields[name]._description_string(self.env))
                 for name in changed])
            if "plan_id" in vals:
                self.env["child.plan"].browse(vals["plan_id"])._check_content_editable([self._what()])
        return super(ChildPlanContentMixin, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped("plan_id")._check_content_editable([self._what()])
        return super(ChildPlanContentMixin, self).unlink()


class ChildPlanLegalBasis(models.Model):
    _name = "child.plan.legal.basis"
    _inherit = "child.plan.content.mixin"
    _description = "Legal basis"
    _order = "plan_id, sequence, id"

    name = fields.Text(string="Legal basis", required=True,
                       help="A document the plan implements, e.g. the Law on Children 2016.")


class ChildPlanSection(models.Model):
    """A numbered section of "Tasks and solutions"; its number follows the order of the sections."""
    _name = "child.plan.section"
    _inherit = "child.plan.content.mixin"
    _description = "Plan section"
    _order = "plan_id, sequence, id"

    name = fields.Char(string="Heading", required=True)
    body = fields.Text(string="Text", help="One paragraph a line.")
    number = fields.Integer(string="No.", compute="_compute_number")

    @api.depends("plan_id.section_ids.sequence")
    def _compute_number(self):
        for section in self:
            sections = section.plan_id.section_ids
            section.number = list(sections).index(section) + 1 if section in sections else 0


class ChildPlanRecipient(models.Model):
    """A line of "Nơi nhận", e.g. "Sở Y tế Hà Nội" or "Lưu: VT, LĐTBXH"."""
    _name = "child.plan.recipient"
    _inherit = "child.plan.content.mixin"
    _description = "Recipient"
    _order = "plan_id, sequence, id"

    name = fields.Char(string="Recipient", required=True)
