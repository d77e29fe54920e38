"""An Action Month from draft to settlement on the live test server, over XML-RPC, as the users who would act.

The administrator only sets up the fixture data (a district with two wards, its committees, one user per role, a
sponsor); the officer and the leader issue the plan; the organiser plans the event with its budget and gifts, the
leader approves it and a revision, the organiser records spending and recipients and settles; the ward officer,
the viewer and the focal point read what their role lets them. No demo record is used.
"""
import types
import xmlrpc.client

import pytest
import xlrd

from signing_setup import add_seal, add_signer
from test_plan_xmlrpc import ACCESS_ERROR, PASSWORD, USER_ERROR, unique

SOURCE_LANGUAGE = {"lang": "en_US"}
ROLES = {
    "officer": ("child_protection.group_plan_officer", None),
    "leader": ("child_protection.group_leader", None),
    "organiser": ("child_events.group_event_organiser", None),
    "ward_officer": ("child_protection.group_commune_officer", "ward_a_committee"),
    "focal_point": ("child_protection.group_focal_point", "justice"),
    "viewer": ("child_protection.group_viewer", None),
}


@pytest.fixture(scope="module")
def world(odoo_rpc, admin):
    district = admin.call("child.area", "create", {"name": unique("Quận Sự Kiện"), "level": "district"})
    ward_a = admin.call("child.area", "create", {"name": unique("Phường A"), "level": "commune",
                                                 "parent_id": district})
    ward_b = admin.call("child.area", "create", {"name": unique("Phường B"), "level": "commune",
                                                 "parent_id": district})
    agency = lambda name, code, area, kind="department": admin.call("child.agency", "create", {
        "name": unique(name), "code": code, "kind": kind, "area_id": area})
    agencies = {"committee": agency("UBND quận", "UBND", district, "committee"),
                "justice": agency("Tư pháp", "TP", district),
                "ward_a_committee": agency("UBND phường A", "UBND", ward_a, "committee")}
    users = {}
    for role, (group, agency_key) in ROLES.items():
        login = unique(role).replace(" ", "_")
        name = unique(role.replace("_", " ").title())
        user_id = admin.call("res.users", "create", {
            "name": name, "login": login, "password": PASSWORD,
            "email": "%s@example.org" % login, "lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh",
            "groups_id": [(6, 0, [admin.ref(group)])],
            "child_agency_ids": [(6, 0, [agencies[agency_key]] if agency_key else [])]})
        users[role] = odoo_rpc.login(login, PASSWORD)
        if role == "leader":   # the plan's signer: their certificate and the committee's seal
            add_signer(admin, user_id, name)
            add_seal(admin, agencies["committee"])
    sponsor = admin.call("res.partner", "create", {"name": unique("Công ty Tài Trợ"), "is_company": True})
    officer, leader = users["officer"], users["leader"]
    plan = officer.call("child.plan", "create", {
        "name": unique("Kế hoạch trẻ em năm 2030"), "year": 2030, "issuer_id": agencies["committee"],
        "section_ids": [(0, 0, {"name": "Tháng hành động vì trẻ em"})],
        "indicator_ids": [(0, 0, {"name": "Trẻ em tham gia Tháng hành động", "unit": "percent", "target": 85})],
        "recipient_ids": [(0, 0, {"name": "Lưu: VT."})], "signer_position": "Chủ tịch",
        "signer_user_id": leader.uid})
    officer.call("child.plan", "action_submit", [plan])
    leader.call("child.plan", "action_approve", [plan])
    leader.call("child.plan", "action_issue", [plan])
    indicator = officer.call("child.plan", "read", [plan], ["indicator_ids"])[0]["indicator_ids"][0]
    return types.SimpleNamespace(district=district, ward_a=ward_a, ward_b=ward_b, sponsor=sponsor, plan=plan,
                                 indicator=indicator, agencies=agencies, **users)


def read(user, model, ids, *fields):
    return user.call(model, "read", ids, list(fields))


def test_action_month_from_draft_to_settlement(world):
    organiser, leader = world.organiser, world.leader
    event = organiser.call("child.event", "create", {
        "name": unique("Tháng hành động vì trẻ em năm 2030"), "kind": "action_month", "plan_id": world.plan,
        "theme": "Trẻ em an toàn trên không gian mạng", "agency_id": world.agencies["committee"],
        "indicator_id": world.indicator,
        "ward_ids": [(0, 0, {"area_id": world.ward_a, "children_count": 1200, "participant_count": 1100}),
                     (0, 0, {"area_id": world.ward_b, "children_count": 800, "participant_count": 640})],
        "budget_line_ids": [
            (0, 0, {"source": "state", "level": "district", "planned_amount": 20000000}),
            (0, 0, {"source": "sponsor", "partner_id": world.sponsor, "planned_amount": 7500000})],
    })
    got = read(organiser, "child.event", [event], "date_start", "date_end", "participation_rate",
               "participation_target", "budget_planned", "budget_line_ids")[0]
    assert (got["date_start"], got["date_end"]) == ("2030-06-01", "2030-06-30")
    assert (got["participation_rate"], got["participation_target"]) == (87.0, 85.0)
    assert got["budget_planned"] == 27500000
    state_line, sponsor_line = got["budget_line_ids"]
    gift = organiser.call("child.event.gift", "create", {
        "event_id": event, "name": "Quà tiền mặt và sách vở", "kind": "both", "cash_amount": 300000,
        "goods_value": 150000, "planned_qty": 2, "budget_line_id": state_line, "beneficiary_group": "poor"})

    # the organiser cannot approve; the leader does
    with pytest.raises(xmlrpc.client.Fault) as refused:
        organiser.call("child.event", "action_approve", [event], context=SOURCE_LANGUAGE)
    assert refused.value.faultCode == ACCESS_ERROR
    assert "only the Leader role" in refused.value.faultString
    leader.call("child.event", "action_approve", [event])
    organiser.call("child.event", "action_start", [event])

    # spending beyond the plan is refused until the leader approves a revision
    with pytest.raises(xmlrpc.client.Fault) as refused:
        organiser.call("child.event.budget.line", "write", [state_line], {"spent_amount": 21000000},
                       context=SOURCE_LANGUAGE)
    assert "Spent (đ): 21.000.000 đ is more than the 20.000.000 đ" in refused.value.faultString
    revision = organiser.call("child.event.budget.revision", "create", {
        "line_id": state_line, "amount": 1000000, "reason": "Thêm điểm tổ chức tại phường B."})
    leader.call("child.event.budget.revision", "action_approve", [revision])
    decided = read(organiser, "child.event.budget.revision", [revision], "state", "decided_by_id",
                   "requested_by_id")[0]
    assert decided["state"] == "approved"
    assert decided["decided_by_id"][0] == leader.uid and decided["requested_by_id"][0] == organiser.uid
    organiser.call("child.event.budget.line", "write", [state_line], {"spent_amount": 21000000})
    organiser.call("child.event.budget.line", "write", [sponsor_line], {"spent_amount": 7499999})

    # recipients: two handed out, a third refused
    def recipient(area, name, context=None, **vals):
        return organiser.call("child.event.recipient", "create", dict({
            "gift_id": gift, "area_id": area, "child_name": name, "birth_year": 2020,
            "guardian_name": "Người giám hộ"}, **vals), context=context or {})
    in_a = recipient(world.ward_a, "Trẻ Thử A", received=True, date_signed="2030-06-01")
    in_b = recipient(world.ward_b, "Trẻ Thử B", received=True, date_signed="2030-06-02")
    with pytest.raises(xmlrpc.client.Fault) as refused:
        recipient(world.ward_b, "Trẻ Thử C", received=True, date_signed="2030-06-02", context=SOURCE_LANGUAGE)
    assert "more than the 2 planned" in refused.value.faultString
    assert organiser.call("child.event.recipient", "search_count", [("event_id", "=", event)]) == 2

    # who reads the recipients
    assert world.ward_officer.call("child.event.recipient", "search", [("event_id", "=", event)]) == [in_a]
    for user in (world.viewer, world.focal_point, world.officer):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            user.call("child.event.recipient", "read", [in_b], ["child_name"])
        assert refused.value.faultCode == ACCESS_ERROR
        assert read(user, "child.event", [event], "participant_count")[0]["participant_count"] == 1740

    # settlement and the plan's indicator
    organiser.call("child.event", "action_settle", [event])
    data = organiser.call("child.event", "get_settlement_data", [event])
    assert [(row["source"], row["approved"], row["spent"], row["variance"]) for row in data["sources"]] == [
        ("state", 21000000, 21000000, 0), ("sponsor", 7500000, 7499999, -1)]
    assert (data["totals"]["gift_planned"], data["totals"]["gift_actual"]) == (900000, 900000)
    assert [ward["count"] for ward in data["wards"]] == [1, 1]
    results = world.officer.call("child.plan.indicator.result", "search_read",
                                 [("indicator_id", "=", world.indicator)], ["area_id", "value", "is_met"])
    by_area = {row["area_id"][0]: (row["value"], row["is_met"]) for row in results}
    assert by_area == {world.district: (87.0, True), world.ward_a: (91.67, True), world.ward_b: (80.0, False)}
    # the settlement workbook, downloaded as the organiser would
    kind, content = organiser.download("/report/xlsx/child_reports.settlement_xlsx/%d" % event)
    assert kind.startswith("application/vnd.openxmlformats")
    book = xlrd.open_workbook(file_contents=content)
    assert book.sheet_names()[:2] == ["Tổng hợp", "Quà tặng"] and len(book.sheet_names()) == 4
    summary = [v for r in range(book.sheet_by_index(0).nrows) for v in book.sheet_by_index(0).row_values(r)]
    assert "Tổng kinh phí đã chi (viết bằng chữ): Hai mươi tám triệu bốn trăm chín mươi chín nghìn chín trăm chín " \
           "mươi chín đồng." in summary
    with pytest.raises(xmlrpc.client.Fault) as refused:
        organiser.call("child.event", "write", [event], {"theme": "Khác"}, context=SOURCE_LANGUAGE)
    assert refused.value.faultCode == USER_ERROR
    assert refused.value.faultString.startswith("Theme: event")


def test_bad_inputs_change_nothing(world):
    organiser = world.organiser
    name = unique("Sự kiện sai")
    with pytest.raises(xmlrpc.client.Fault) as refused:
        organiser.call("child.event", "create", {
            "name": name, "kind": "other", "plan_id": world.plan, "agency_id": world.agencies["committee"],
            "date_start": "2030-07-10", "date_end": "2030-07-01"}, context=SOURCE_LANGUAGE)
    assert "End: 2030-07-01 is before the start" in refused.value.faultString
    assert organiser.call("child.event", "search", [("name", "=", name)]) == []


def test_views_for_each_role(world):
    """The web client's views of events load for an organiser and a viewer; the viewer's form has no recipients."""
    forms = {}
    for role in ("organiser", "viewer", "ward_officer"):
        user = getattr(world, role)
        for view_type in ("kanban", "calendar", "tree", "pivot", "form"):
            view = user.call("child.event", "fields_view_get", view_type=view_type)
            assert view["model"] == "child.event"
        forms[role] = view
    assert "recipient_ids" in forms["organiser"]["fields"]
    assert "recipient_ids" in forms["ward_officer"]["fields"]
    assert "recipient_ids" not in forms["viewer"]["fields"]
    assert "recipient_ids" not in forms["viewer"]["arch"]
    for model, view_type in (("child.event.budget.line", "pivot"), ("child.event.budget.line", "graph"),
                             ("child.event.ward", "pivot"), ("child.event.ward", "graph")):
        assert world.viewer.call(model, "fields_view_get", view_type=view_type)["model"] == model
