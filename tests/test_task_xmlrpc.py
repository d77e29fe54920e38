"""Agencies tick off their tasks, over XML-RPC on the live test server, as the focal points who would.

Fixture data of its own (an area, agencies, users, an issued plan), set up by the administrator; no demo record.
"""
import datetime
import xmlrpc.client
from collections import Counter

import pytest

from signing_setup import add_seal, add_signer
from test_plan_xmlrpc import ACCESS_ERROR, PASSWORD, unique


@pytest.fixture(scope="module")
def world(odoo_rpc, admin):
    """A district with its committee, Justice and Health offices and their focal points, an officer and a
    leader, and an issued plan of the current year."""
    area = admin.call("child.area", "create", {"name": unique("Quận Nhiệm Vụ"), "level": "district"})
    agency = lambda name, code, kind="department": admin.call("child.agency", "create", {
        "name": unique(name), "code": code, "kind": kind, "area_id": area})
    committee, justice, health = agency("UBND quận", "UBND", "committee"), agency("Tư pháp", "TP"), agency("Y tế", "YT")
    users = {}
    for role, group, agencies in (("officer", "group_plan_officer", []), ("leader", "group_leader", []),
                                  ("justice", "group_focal_point", [justice]),
                                  ("health", "group_focal_point", [health])):
        login = unique(role).replace(" ", "_")
        name = unique(role.title())
        user_id = admin.call("res.users", "create", {
            "name": name, "login": login, "password": PASSWORD, "email": "%s@example.org" % login,
            "groups_id": [(6, 0, [admin.ref("child_protection.%s" % group)])],
            "child_agency_ids": [(6, 0, agencies)]})
        users[role] = odoo_rpc.login(login, PASSWORD)
        if role == "leader":   # the plan's signer: their certificate and the committee's seal
            add_signer(admin, user_id, name)
            add_seal(admin, committee)
    today = datetime.date.today()
    plan = users["officer"].call("child.plan", "create", {
        "name": unique("Kế hoạch nhiệm vụ"), "year": today.year, "issuer_id": committee,
        "section_ids": [(0, 0, {"name": "Tổ chức thực hiện"})],
        "indicator_ids": [(0, 0, {"name": "Trẻ em được khai sinh", "unit": "percent", "target": 100})],
        "recipient_ids": [(0, 0, {"name": "Lưu: VT."})],
        "signer_position": "Chủ tịch", "signer_user_id": users["leader"].uid})
    users["officer"].call("child.plan", "action_submit", [plan])
    users["leader"].call("child.plan", "action_approve", [plan])
    users["leader"].call("child.plan", "action_issue", [plan])
    soon = min(today + datetime.timedelta(days=3), datetime.date(today.year, 12, 31))
    late = max(today - datetime.timedelta(days=5), datetime.date(today.year, 1, 1))
    task = lambda name, agency_id, deadline: users["officer"].call("child.plan.task", "create", {
        "plan_id": plan, "name": name, "agency_id": agency_id, "deadline": deadline.isoformat()})
    tasks = {"justice_soon": task("Khai sinh", justice, soon), "justice_late": task("Trợ giúp pháp lý", justice, late),
             "health": task("Khám bệnh", health, soon)}
    return dict(users=users, plan=plan, tasks=tasks, justice=justice)


def test_focal_point_lists_only_their_agency_tasks(world):
    justice = world["users"]["justice"]
    found = justice.call("child.plan.task", "search_read", [("plan_id", "=", world["plan"])], fields=["name"])
    assert sorted(t["name"] for t in found) == ["Khai sinh", "Trợ giúp pháp lý"]


def test_focal_point_reports_and_closes_with_a_result_note(world):
    justice, task = world["users"]["justice"], world["tasks"]["justice_soon"]
    justice.call("child.plan.task.update", "create", {
        "task_id": task, "progress": 60, "status": "on_track", "note": "Đã hướng dẫn 14 trẻ em."})
    assert justice.call("child.plan.task", "read", [task], ["state", "progress"])[0] == {
        "id": task, "state": "in_progress", "progress": 60.0}
    with pytest.raises(xmlrpc.client.Fault) as refused:
        justice.call("child.plan.task", "action_done", [task], context={"lang": "en_US"})
    assert "Result note:" in refused.value.faultString
    justice.call("child.plan.task", "write", [task], {"result_note": "Đăng ký khai sinh cho 14 trẻ em."})
    justice.call("child.plan.task", "action_done", [task])
    assert justice.call("child.plan.task", "read", [task], ["state", "progress"])[0] == {
        "id": task, "state": "done", "progress": 100.0}


def test_other_agency_cannot_read_or_update(world):
    health, task = world["users"]["health"], world["tasks"]["justice_late"]
    assert health.call("child.plan.task", "search", [("id", "=", task)]) == []
    for call in (lambda: health.call("child.plan.task", "read", [task], ["name"]),
                 lambda: health.call("child.plan.task.update", "create", {
                     "task_id": task, "progress": 10, "status": "on_track", "note": "x"})):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            call()
        assert refused.value.faultCode == ACCESS_ERROR, refused.value.faultString


def test_daily_reminders_run_twice_leave_one_reminder_each(world, admin):
    cron = admin.ref("child_protection.ir_cron_task_deadline_reminders")
    for _ in range(2):
        admin.call("ir.cron", "method_direct_trigger", [cron])
    ids = list(world["tasks"].values())
    activities = admin.call("mail.activity", "search_read", [("res_model", "=", "child.plan.task"),
                                                             ("res_id", "in", ids)],
                            fields=["res_id", "activity_type_id", "user_id"])
    per_kind = Counter((a["res_id"], a["activity_type_id"][0], a["user_id"][0]) for a in activities)
    assert per_kind and set(per_kind.values()) == {1}
    reminded = {a["res_id"] for a in activities}
    open_tasks = {world["tasks"]["justice_late"], world["tasks"]["health"]}
    assert open_tasks <= reminded  # both open tasks are due soon or overdue
