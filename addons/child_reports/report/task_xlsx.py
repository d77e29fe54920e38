from collections import OrderedDict

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.child_protection.engines import schedule
from odoo.addons.child_protection.engines.decree30 import place_date_line
from odoo.addons.child_protection.models.child_plan_task import OPEN_STATES

from ..engines import task_workbook


def _date_vn(value):
    return "%s/%s/%s" % (value[8:10], value[5:7], value[:4]) if value else ""


class TaskXlsx(models.AbstractModel):
    """The task progress workbook of a plan (report_xlsx); the layout is the engine's. The tasks are searched as
    the reader, so the record rules decide which appear: the plan office and the viewers get every task of the
    plan, a focal point the tasks their agencies lead or coordinate."""
    _name = "report.child_reports.task_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, plans):
        plan = plans[:1]
        if not plan:
            raise UserError(_("Workbook: choose the plan whose tasks to follow."))
        plan.check_access_rule("read")
        today = fields.Date.context_today(plan)
        tasks = self.env["child.plan.task"].search([("plan_id", "=", plan.id), ("recurrence", "=", False),
                                                    ("state", "!=", "cancelled")])
        task_workbook.write_workbook(workbook, self._document(plan, today), self._agencies(tasks, today))

    def _agencies(self, tasks, today):
        """The engine's agencies: each task under its lead agency, then under each agency that coordinates it;
        agencies in their own order, tasks by section then in the tasks' own order (deadline first)."""
        states = dict(tasks._fields["state"]._description_selection(self.env))
        by_agency = OrderedDict()
        for task in tasks.sorted(lambda t: (not t.section_id, t.section_id.number)):
            overdue, _due_soon, days_late = schedule.deadline_flags(task.deadline, today, task.state in OPEN_STATES)
            row = {
                "name": task.name,
                "section": "%d. %s" % (task.section_id.number, task.section_id.name) if task.section_id else "",
                "deadline": _date_vn(task.deadline),
                "state": states[task.state],
                "state_key": task.state,
                "progress": int(round(task.progress)),
                "overdue": overdue,
                "days_late": days_late,
                "result_note": task.result_note or "",
            }
            by_agency.setdefault(task.agency_id, []).append(dict(row, role=task_workbook.LEAD))
            for agency in task.coordinating_agency_ids - task.agency_id:
                by_agency.setdefault(agency, []).append(dict(row, role=task_workbook.COORDINATING))
        agencies = self.env["child.agency"].with_context(active_test=False).browse(
            [agency.id for agency in by_agency]).sorted()
        # the tasks an agency leads, then those it coordinates
        return [{"name": agency.name,
                 "tasks": sorted(by_agency[agency], key=lambda row: row["role"] != task_workbook.LEAD)}
                for agency in agencies]

    def _document(self, plan, today):
        """The heading and signature data of the workbook."""
        user = self.env.user
        agency = user.child_agency_ids[:1] or plan.issuer_id
        if plan.number:
            period = "Kế hoạch số %s ngày %s: %s" % (plan.number, _date_vn(plan.issue_date), plan.name)
        else:
            period = "Kế hoạch: %s" % plan.name
        return {
            "unit_parent": (agency.parent_id.name or "").upper(),
            "unit": (agency.name or "").upper(),
            "title": "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ",
            "period": period,
            "as_of": "Số liệu tính đến ngày %s" % _date_vn(today),
            "place_date": place_date_line((agency.area_id or plan.area_id).get_place_name(), today),
            "signer_names": {"Người lập biểu": user.name},
        }
