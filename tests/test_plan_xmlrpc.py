"""A plan from draft to issue on the live test server, over XML-RPC, as the users who would act.

The administrator only sets up the fixture data (an area, a committee, one user per role); every step of the plan is
taken by the officer, the leader, the focal point or the viewer, through the external API, so the access rights, the
record rules and the workflow rules of child.plan are all in play. No demo record is used: each test issues in the
name of a committee of its own, so its register numbers start at 01.
"""
import http.cookiejar
import json
import re
import types
import urllib.request
import uuid
import xmlrpc.client

import datetime

import pytest
import pytz

from signing_setup import add_seal, add_signer

# Fault codes of Odoo's /xmlrpc/2 (odoo.service.wsgi_server): an AccessError, a UserError.
ACCESS_ERROR = 4
USER_ERROR = 2
PASSWORD = "pw"
ISSUE_DATE = "2030-03-05"   # the plans' year; they are issued on the day the leader signs


#: the leader of the module's users, who signs the plans of create_plan (set by the users fixture)
SIGNER = {"uid": None}


def today_in_vietnam():
    return datetime.datetime.now(pytz.timezone("Asia/Ho_Chi_Minh")).strftime("%Y-%m-%d")
# The refusals whose wording is checked are asked for in the source language: the users work in Vietnamese.
SOURCE_LANGUAGE = {"lang": "en_US"}
ROLES = {
    "officer": "child_protection.group_plan_officer",
    "leader": "child_protection.group_leader",
    "focal_point": "child_protection.group_focal_point",
    "viewer": "child_protection.group_viewer",
}


def unique(text):
    return "%s %s" % (text, uuid.uuid4().hex[:8])


# Fixture data --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def area(admin):
    place = unique("Thử Nghiệm")
    area_id = admin.call("child.area", "create", {
        "name": "Quận %s" % place, "place_name": place, "level": "district"})
    return types.SimpleNamespace(id=area_id, place_name=place)


@pytest.fixture(scope="module")
def users(odoo_rpc, admin, area):
    """One user per role, password "pw", logged in; the focal point acts for the area's justice office."""
    justice = admin.call("child.agency", "create", {
        "name": unique("Phòng Tư pháp"), "code": "TP", "kind": "department", "area_id": area.id})
    logged_in = {}
    for role, group_xmlid in ROLES.items():
        login = unique(role).replace(" ", "_")
        name = unique(role.replace("_", " ").title())
        user_id = admin.call("res.users", "create", {
            "name": name,
            "login": login,
            "password": PASSWORD,
            "email": "%s@example.org" % login,  # mail.thread: the author of the plan's messages needs an address
            "lang": "vi_VN",
            "tz": "Asia/Ho_Chi_Minh",
            "groups_id": [(6, 0, [admin.ref(group_xmlid)])],
            "child_agency_ids": [(6, 0, [justice])] if role == "focal_point" else [],
        })
        logged_in[role] = odoo_rpc.login(login, PASSWORD)
        if role == "leader":   # the plans' signer
            add_signer(admin, user_id, name)
            SIGNER["uid"] = user_id
    return types.SimpleNamespace(**logged_in)


@pytest.fixture
def committee(admin, area):
    """A People's Committee of the area with its seal, new for each test: it has issued nothing yet."""
    committee_id = admin.call("child.agency", "create", {
        "name": unique("Ủy ban nhân dân quận Thử Nghiệm"), "code": "UBND", "kind": "committee",
        "area_id": area.id})
    add_seal(admin, committee_id)
    return committee_id


def create_plan(officer, committee, issue_date=ISSUE_DATE, signer=None):
    """The officer drafts a complete plan of ``committee`` for the year of ``issue_date``, signed by ``signer``
    (a user id: the leader of the module's users by default)."""
    signer = signer or SIGNER["uid"]
    return officer.call("child.plan", "create", {
        "name": unique("Thực hiện công tác bảo vệ, chăm sóc trẻ em năm %s" % issue_date[:4]),
        "year": int(issue_date[:4]),
        "issuer_id": committee,
        "summary": "Ủy ban nhân dân quận ban hành kế hoạch bảo vệ, chăm sóc trẻ em như sau:",
        "section_ids": [(0, 0, {
            "name": "Đẩy mạnh thông tin, tuyên truyền về chính sách, pháp luật bảo vệ, chăm sóc trẻ em",
            "body": "Tập huấn nghiệp vụ cho cán bộ, cộng tác viên, cha mẹ và người chăm sóc trẻ em."})],
        "indicator_ids": [(0, 0, {
            "name": "Phường đạt tiêu chuẩn phường phù hợp với trẻ em", "unit": "ratio",
            "comparison": "at_least", "target": 14, "target_total": 14})],
        "recipient_ids": [(0, 0, {"name": "Sở Y tế"}), (0, 0, {"name": "Lưu: VT, LĐTBXH"})],
        "signer_collective": "Ủy ban nhân dân",
        "signer_authority": "kt",
        "signer_head_title": "Chủ tịch",
        "signer_position": "Phó Chủ tịch",
        "signer_user_id": signer,
    })


def read_plan(user, plan_id, *fields):
    return user.call("child.plan", "read", [plan_id], list(fields))[0]


def issue(users, plan_id):
    """The officer submits the plan, the leader approves and issues it."""
    users.officer.call("child.plan", "action_submit", [plan_id])
    users.leader.call("child.plan", "action_approve", [plan_id])
    users.leader.call("child.plan", "action_issue", [plan_id])


@pytest.fixture
def submitted_plan(users, committee):
    plan_id = create_plan(users.officer, committee)
    users.officer.call("child.plan", "action_submit", [plan_id])
    assert read_plan(users.officer, plan_id, "state")["state"] == "to_review"
    return plan_id


@pytest.fixture
def issued_plan(users, submitted_plan):
    users.leader.call("child.plan", "action_approve", [submitted_plan])
    users.leader.call("child.plan", "action_issue", [submitted_plan])
    return submitted_plan


def assert_access_error(fault):
    assert fault.faultCode == ACCESS_ERROR, "expected an access error (fault %d), got fault %r: %s" % (
        ACCESS_ERROR, fault.faultCode, fault.faultString)


# The web client ------------------------------------------------------------------------------------------------

def test_web_client_login_page(odoo_url):
    with urllib.request.urlopen("%s/web/login" % odoo_url, timeout=60) as response:
        assert response.status == 200
        assert "login" in response.read().decode("utf-8")


# Review --------------------------------------------------------------------------------------------------------

def test_plan_under_review_is_hidden_from_focal_point_and_viewer(users, submitted_plan):
    for user in (users.focal_point, users.viewer):
        assert user.call("child.plan", "search", [("id", "=", submitted_plan)]) == []
        with pytest.raises(xmlrpc.client.Fault) as refused:
            read_plan(user, submitted_plan, "name")
        assert_access_error(refused.value)


def test_focal_point_cannot_approve(users, submitted_plan):
    with pytest.raises(xmlrpc.client.Fault) as refused:
        users.focal_point.call("child.plan", "action_approve", [submitted_plan])
    assert_access_error(refused.value)
    assert read_plan(users.officer, submitted_plan, "state")["state"] == "to_review"


def test_officer_cannot_approve(users, submitted_plan):
    with pytest.raises(xmlrpc.client.Fault) as refused:
        users.officer.call("child.plan", "action_approve", [submitted_plan], context=SOURCE_LANGUAGE)
    assert_access_error(refused.value)
    assert "only a Leader can make a To review plan Approved" in refused.value.faultString
    assert read_plan(users.officer, submitted_plan, "state")["state"] == "to_review"


# Issue ---------------------------------------------------------------------------------------------------------

def test_leader_approves_and_issues(users, area, submitted_plan):
    users.leader.call("child.plan", "action_approve", [submitted_plan])
    assert read_plan(users.leader, submitted_plan, "state")["state"] == "approved"
    users.leader.call("child.plan", "action_issue", [submitted_plan])

    plan = read_plan(users.officer, submitted_plan, "state", "number", "issue_date", "place_date_line",
                     "signature_block")
    assert plan["state"] == "issued"
    assert re.match(r"^\d{2,}/KH-UBND$", plan["number"]), plan["number"]
    assert plan["number"] == "01/KH-UBND"  # the committee's first plan of 2030
    assert plan["issue_date"] == today_in_vietnam()
    assert plan["place_date_line"].startswith(area.place_name)
    day = datetime.datetime.strptime(today_in_vietnam(), "%Y-%m-%d")
    assert plan["place_date_line"] == "%s, ngày %s" % (area.place_name, place_date_words(day))
    signer = users.leader.call("res.users", "read", [users.leader.uid], ["name"])[0]["name"]   # printed: theirs
    assert plan["signature_block"] == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n%s" % signer


def test_issued_plan_is_read_by_focal_point_and_viewer(users, issued_plan):
    for user in (users.focal_point, users.viewer):
        assert user.call("child.plan", "search", [("id", "=", issued_plan)]) == [issued_plan]
        plan = read_plan(user, issued_plan, "number", "state", "section_ids", "indicator_ids")
        assert (plan["number"], plan["state"]) == ("01/KH-UBND", "issued")
        assert len(user.call("child.plan.section", "read", plan["section_ids"], ["name"])) == 1
        assert len(user.call("child.plan.indicator", "read", plan["indicator_ids"], ["target_display"])) == 1


def test_viewer_cannot_rename_issued_plan(users, issued_plan):
    name = read_plan(users.viewer, issued_plan, "name")["name"]
    with pytest.raises(xmlrpc.client.Fault):
        users.viewer.call("child.plan", "write", [issued_plan], {"name": "Kế hoạch đã sửa"})
    assert read_plan(users.viewer, issued_plan, "name")["name"] == name


def test_officer_cannot_change_issued_plan(users, issued_plan):
    name = read_plan(users.officer, issued_plan, "name")["name"]
    with pytest.raises(xmlrpc.client.Fault) as refused:
        users.officer.call("child.plan", "write", [issued_plan], {"name": "Kế hoạch đã sửa"},
                           context=SOURCE_LANGUAGE)
    assert refused.value.faultCode == USER_ERROR, refused.value.faultString
    assert refused.value.faultString.startswith("Title: plan 01/KH-UBND is issued and its content is frozen")
    assert read_plan(users.officer, issued_plan, "name")["name"] == name


# Numbering -----------------------------------------------------------------------------------------------------

def place_date_words(day):
    """Decree 30's date: a zero before days under 10 and before months 1 and 2."""
    return "%02d tháng %s năm %d" % (day.day, ("%02d" % day.month) if day.month < 3 else str(day.month), day.year)


def test_register_numbers_follow_each_other_on_the_day_of_issue(users, area, committee):
    """Each issue on the day the leader signs (the year's restart is proved with fixed dates in
    child_protection/tests/test_plan_numbering.py)."""
    plans = []
    for _number in range(3):
        plans.append(create_plan(users.officer, committee))
        issue(users, plans[-1])
    day = datetime.datetime.strptime(today_in_vietnam(), "%Y-%m-%d")
    rows = users.officer.call("child.plan", "read", plans, ["number", "place_date_line", "issue_date"])
    assert [(row["number"], row["place_date_line"], row["issue_date"]) for row in rows] == [
        ("%02d/KH-UBND" % number, "%s, ngày %s" % (area.place_name, place_date_words(day)), today_in_vietnam())
        for number in (1, 2, 3)]


# Workflow fields: only the buttons move them ---------------------------------------------------------------------

def assert_workflow_refusal(fault, field):
    assert fault.faultCode == USER_ERROR, fault.faultString
    assert fault.faultString.startswith("%s: set by the workflow of" % field), fault.faultString


def test_plan_created_issued_through_context_defaults_is_refused(users, committee):
    plans_before = users.officer.call("child.plan", "search_count", [("issuer_id", "=", committee)])
    for key, value, field in (("default_state", "issued", "State"), ("default_number", "01/KH-UBND", "Number"),
                              ("default_number_seq", 1, "Register sequence")):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            users.officer.call("child.plan", "create", {
                "name": unique("Kế hoạch"), "year": 2030, "issuer_id": committee},
                context=dict(SOURCE_LANGUAGE, **{key: value}))
        assert_workflow_refusal(refused.value, field)
    assert users.officer.call("child.plan", "search_count", [("issuer_id", "=", committee)]) == plans_before


def test_nobody_writes_an_issue_around_the_buttons(odoo_rpc, admin, users, submitted_plan):
    """The leader, and the administrator too, writing an issued state and a number over XML-RPC and over the web
    client's JSON-RPC (with the context key of the workflow's own grant, as text) are refused: no number, no
    document."""
    users.leader.call("child.plan", "action_approve", [submitted_plan])
    forged = {"state": "issued", "number": "01/KH-UBND", "number_seq": 1, "number_year": 2030}
    for user in (users.leader, admin):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            user.call("child.plan", "write", [submitted_plan], forged,
                      context=dict(SOURCE_LANGUAGE, child_workflow="granted"))
        assert refused.value.faultCode == USER_ERROR, refused.value.faultString
        with pytest.raises(xmlrpc.client.Fault) as refused:
            user.call("child.plan", "copy", submitted_plan, forged, context=SOURCE_LANGUAGE)
        assert refused.value.faultCode == USER_ERROR, refused.value.faultString
    answer = json_rpc(odoo_rpc, admin, "/web/dataset/call_kw", {
        "model": "child.plan", "method": "write", "args": [[submitted_plan], forged],
        "kwargs": {"context": dict(SOURCE_LANGUAGE, child_workflow="granted")}})
    # refused (the approved plan's content is frozen too, which is said first)
    assert answer["error"]["data"]["name"] == "odoo.exceptions.UserError", answer
    plan = read_plan(admin, submitted_plan, "state", "number", "document_ids")
    assert (plan["state"], plan["number"], plan["document_ids"]) == ("approved", False, [])


def json_rpc(odoo_rpc, user, path, params):
    """A JSON-RPC call of the web client, in a browser session of ``user``."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(url, payload):
        request = urllib.request.Request("%s%s" % (odoo_rpc.url, url), json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": payload}).encode(), {"Content-Type": "application/json"})
        with opener.open(request, timeout=60) as response:
            return json.loads(response.read().decode("utf-8"))

    post("/web/session/authenticate", {"db": odoo_rpc.db, "login": user.login, "password": user._password})
    return post(path, params)


def test_personal_defaults_do_not_issue_a_plan(odoo_rpc, admin, users, committee):
    """Odoo 11 lets every user keep personal defaults (ir.default): none reaches a workflow field."""
    for field, value in (("state", "issued"), ("number", "118/KH-UBND"), ("number_seq", 99999)):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            users.officer.call("ir.default", "set", "child.plan", field, value, True, context=SOURCE_LANGUAGE)
        assert ": set by the workflow of Child protection plan" in refused.value.faultString
    plan = create_plan(users.officer, committee)
    row = read_plan(users.officer, plan, "state", "number", "number_seq")
    assert (row["state"], row["number"], row["number_seq"]) == ("draft", False, 0)


def test_an_approved_plan_is_issued_as_approved(users, submitted_plan):
    """After approval neither the content nor the signer changes, so only the approved text by the approved signer
    can be issued."""
    users.leader.call("child.plan", "action_approve", [submitted_plan])
    for user in (users.officer, users.leader):
        for values in ({"signer_user_id": user.uid}, {"name": "Đổi sau khi duyệt"},
                       {"section_ids": [(0, 0, {"name": "Mục thêm"})]}):
            with pytest.raises(xmlrpc.client.Fault) as refused:
                user.call("child.plan", "write", [submitted_plan], values, context=SOURCE_LANGUAGE)
            assert "is Approved; what the leader reviews and approves is what is issued" in \
                refused.value.faultString, refused.value.faultString
