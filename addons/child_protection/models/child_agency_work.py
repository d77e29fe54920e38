from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

OFFICER = "child_protection.group_plan_officer"


class ChildAgencyWorkMixin(models.AbstractModel):
    """Work an agency reports on (a task, a report due). Its focal points may write only ``_focal_point_fields``;
    the rest is the plan office's, and state moves go through actions that check who acts and then call
    ``_write_workflow``.

    List it first in ``_inherit``, before mail.thread, so that ``_write_workflow`` still tracks the change in the
    chatter under the acting user.
    """
    _name = "child.agency.work.mixin"
    _description = "Work of an agency"
    _focal_point_fields = set()

    def _is_plan_office(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(OFFICER)

    def _focal_point_hint(self):
        """What a focal point does instead, said after a refusal."""
        return ""

    @api.multi
    def write(self, vals):
        if not self._is_plan_office():
            refused = [name for name in vals if name not in self._focal_point_fields
                       and not name.startswith(("message_", "activity_"))]
            if refused:
                raise AccessError(_("%(fields)s: only a plan officer or a leader changes this. %(hint)s") % {
                    "fields": ", ".join(self._fields[name]._description_string(self.env) for name in refused),
                    "hint": self._focal_point_hint()})
        return super(ChildAgencyWorkMixin, self).write(vals)

    def _write_workflow(self, vals):
        """Write after an action's own checks, past the focal-point guard, as the acting user, with the grant to
        set workflow fields (see child_workflow.py)."""
        return super(ChildAgencyWorkMixin, self._workflow()).write(vals)
