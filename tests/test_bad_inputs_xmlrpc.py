"""Careless input over XML-RPC, as a hurried clerk or a sloppy integration sends it, on the live test server.

Each case sends one wrong call as the least-privileged user who would really make it (the plan officer, the
leader, an agency's focal point, the finance officer, the event organiser, a commune officer) and expects:

(a) an XML-RPC fault that is a refusal meant for a user: a UserError, ValidationError or AccessError (or Odoo's
    MissingError for a record that is gone), not an internal traceback (KeyError, TypeError, ValueError, psycopg2
    ...), whose message names the field or the rule broken. Messages are asked for in the source language (English,
    ``context={"lang": "en_US"}``), as in the other tests here, whatever the user's own language is;
(b) an unchanged database: the row count and an md5 checksum of every table the cases touch (the plan, task,
    allowance and event tables and the chatter: mail_message, mail_tracking_value, mail_followers, ir_attachment)
    are the same before and after, read with a direct psycopg2 connection to the test database. A refused call
    rolls its transaction back, so not even a chatter message may remain.

The administrator only sets up the fixture data, once for the module: areas, agencies, one user per role, an
allowance policy and collaborators; the officer and the leader issue one plan (the only PDF rendered here); the
finance officer generates a confirmed April sheet and a settled May sheet; the organiser prepares a draft, a
running and a settled event. A case that needs something made just before it (an import wizard with its file)
makes it while building its arguments, before the first checksum.

Sixteen of these cases found product bugs when they were written (an internal error, or the value accepted: a
day-first date stored as another day); child_protection/models/child_input.py now checks every value sent to a
model of the suite against its field first.
"""
import ast
import base64
import http.cookiejar
import io
import json
import os
import random
import re
import types
import urllib.request
import xmlrpc.client
from collections import namedtuple

import psycopg2
import pytest
import xlsxwriter

from signing_setup import add_seal, add_signer
from test_plan_xmlrpc import ACCESS_ERROR, PASSWORD, USER_ERROR, unique


def _dump_any_int(marshaller, value, write):
    """Python's XML-RPC client refuses to send an integer beyond 32 bits, which Odoo's server reads whatever its
    size (as a client in another language sends it): the cases of integers beyond a column send them."""
    write("<value><int>%d</int></value>" % value)


xmlrpc.client.Marshaller.dispatch[int] = _dump_any_int

SOURCE_LANGUAGE = {"lang": "en_US"}
MISSING = 987654321  # an id no record has
MEGABYTE = 1024 * 1024
ROLES = {
    "officer": ("child_protection.group_plan_officer", None),
    "leader": ("child_protection.group_leader", None),
    "focal_point": ("child_protection.group_focal_point", "justice"),
    "finance": ("child_protection.group_finance_officer", None),
    "organiser": ("child_events.group_event_organiser", None),
    "commune": ("child_protection.group_commune_officer", "ward_a_committee"),
}
# The refusals meant for a user, by the exception class refusal() names (a MissingError comes as a UserError).
USER_ERRORS = ("UserError", "ValidationError", "AccessError")


# Database checksums ----------------------------------------------------------------------------------------------

#: Every table a case may change, checked for every case: a refused call must leave all of them as they were.
WATCHED_TABLES = (
    "child_area", "child_agency",
    "child_plan", "child_plan_section", "child_plan_indicator", "child_plan_indicator_result",
    "child_plan_recipient", "child_plan_task", "child_plan_task_update",
    "child_collaborator", "child_base_wage", "child_allowance_policy", "child_allowance_sheet",
    "child_allowance_line", "child_allowance_reconciliation", "child_allowance_discrepancy",
    "child_event", "child_event_ward", "child_event_budget_line", "child_event_budget_revision",
    "child_event_gift", "child_event_recipient",
    "mail_message", "mail_tracking_value", "mail_followers", "ir_attachment",
)


class DatabaseChecksum:
    """Row count and md5 of the rows of tables, read over a direct connection to the test database (autocommit:
    each read sees what the server committed)."""

    def __init__(self, dbname):
        self.connection = psycopg2.connect(
            dbname=dbname, host=os.environ.get("CHILD_TEST_PGHOST", "127.0.0.1"),
            port=int(os.environ.get("CHILD_TEST_PGPORT", "5432")), user=os.environ.get("CHILD_TEST_PGUSER", "odoo"))
        self.connection.autocommit = True

    def snapshot(self, tables=WATCHED_TABLES):
        """``{table: (count, md5 of its rows in id order)}``, in one query."""
        query = " UNION ALL ".join(
            "SELECT '{0}', count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM {0} t".format(
                table) for table in tables)
        with self.connection.cursor() as cursor:
            cursor.execute(query)
            return {table: (count, digest) for table, count, digest in cursor.fetchall()}

    def close(self):
        self.connection.close()


@pytest.fixture(scope="module")
def db_checksum(odoo_db):
    checksum = DatabaseChecksum(odoo_db)
    yield checksum
    checksum.close()


# Faults ---------------------------------------------------------------------------------------------------------

def refusal(fault):
    """``(exception class name, message)`` of an XML-RPC fault of Odoo's /xmlrpc/2, or ``(None, traceback)`` for an
    internal error.

    Fault 2 is a UserError (or a MissingError), fault 4 an AccessError; any other exception comes as fault 1 with
    its formatted traceback, whose last line names the class: ``odoo.exceptions.ValidationError: ('message',
    None)`` for a ValidationError, ``KeyError: 'x'`` or ``psycopg2.errors...`` for an internal error.
    """
    text = fault.faultString.strip()
    if fault.faultCode == USER_ERROR:
        name, message = "UserError", text
    elif fault.faultCode == ACCESS_ERROR:
        name, message = "AccessError", text
    else:
        match = re.match(r"odoo\.exceptions\.(\w+): (.*)$", text.splitlines()[-1] if text else "")
        if not match:
            return None, text
        name, message = match.groups()
    if message.startswith("("):  # str() of Odoo's except_orm: the tuple (message, value)
        try:
            message = ast.literal_eval(message)[0]
        except (ValueError, SyntaxError, TypeError, IndexError, KeyError):
            pass
    return name, message


# Fixture data ----------------------------------------------------------------------------------------------------

def b64(content):
    return base64.b64encode(content).decode("ascii")


def csv_file(*rows):
    return b64("\n".join(rows).encode("utf-8"))


@pytest.fixture(scope="module")
def world(odoo_rpc, admin):
    """Everything the cases act on, made once: see the module's docstring."""
    w = types.SimpleNamespace()
    area = lambda name, level, parent=False: admin.call("child.area", "create", {
        "name": unique(name), "level": level, "parent_id": parent})
    w.province = area("Tỉnh Nhập Sai", "province")
    w.other_province = area("Tỉnh Khác", "province")
    w.district = area("Quận Nhập Sai", "district", w.province)
    w.ward_a = area("Phường A", "commune", w.district)
    w.ward_b = area("Phường B", "commune", w.district)
    w.elsewhere = area("Xã Ngoài", "commune", w.province)
    agency = lambda name, code, area_id, kind="department": admin.call("child.agency", "create", {
        "name": unique(name), "code": code, "kind": kind, "area_id": area_id})
    w.committee = agency("UBND quận", "UBND", w.district, "committee")
    w.justice = agency("Phòng Tư pháp", "TP", w.district)
    w.ward_a_committee = agency("UBND phường A", "UBND", w.ward_a, "committee")
    w.justice_name = admin.call("child.agency", "read", [w.justice], ["name"])[0]["name"]
    for role, (group, agency_key) in ROLES.items():
        login = unique(role).replace(" ", "_")
        name = unique(role.replace("_", " ").title())
        user_id = admin.call("res.users", "create", {
            "name": name, "login": login, "password": PASSWORD,
            "email": "%s@example.org" % login, "lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh",
            "groups_id": [(6, 0, [admin.ref(group)])],
            "child_agency_ids": [(6, 0, [getattr(w, agency_key)] if agency_key else [])]})
        setattr(w, role, odoo_rpc.login(login, PASSWORD))
        if role == "leader":   # the plans' signer: their certificate and the committee's seal
            add_signer(admin, user_id, name)
            add_seal(admin, w.committee)
    _allowances(w, admin)
    _plans(w)
    _events(w)
    return w


def plan_vals(w, **values):
    vals = {
        "name": unique("Kế hoạch bảo vệ trẻ em năm 2030"), "year": 2030, "issuer_id": w.committee,
        "section_ids": [(0, 0, {"name": "Tháng hành động vì trẻ em", "body": "Tuyên truyền."})],
        "indicator_ids": [(0, 0, {"name": "Trẻ em tham gia", "unit": "percent", "target": 85})],
        "recipient_ids": [(0, 0, {"name": "Lưu: VT."})],
        "signer_position": "Chủ tịch", "signer_user_id": w.leader.uid,
    }
    vals.update(values)
    return vals


def _plans(w):
    """An issued plan with a task of the justice office (and its first progress update), and a draft plan."""
    w.issued_plan = w.officer.call("child.plan", "create", plan_vals(w))
    w.officer.call("child.plan", "action_submit", [w.issued_plan])
    w.leader.call("child.plan", "action_approve", [w.issued_plan])
    w.leader.call("child.plan", "action_issue", [w.issued_plan])
    w.indicator = w.officer.call("child.plan", "read", [w.issued_plan], ["indicator_ids"])[0]["indicator_ids"][0]
    w.draft_plan = w.officer.call("child.plan", "create", plan_vals(w))
    w.task = w.officer.call("child.plan.task", "create", {
        "plan_id": w.issued_plan, "name": unique("Tập huấn cho cha mẹ"), "agency_id": w.justice,
        "deadline": "2030-06-30"})
    w.task_update = w.focal_point.call("child.plan.task.update", "create", {
        "task_id": w.task, "progress": 10, "status": "on_track", "note": "Đã mời giảng viên.",
        "date": "2030-04-01"})


def _generate(w, month):
    wizard = w.finance.call("child.allowance.generate", "create", {"area_id": w.ward_a, "month": month})
    action = w.finance.call("child.allowance.generate", "action_generate", [wizard])
    sheet = w.finance.call("child.allowance.sheet", "search", action["domain"])[0]
    lines = w.finance.call("child.allowance.sheet", "read", [sheet], ["line_ids"])[0]["line_ids"]
    return sheet, lines


def _allowances(w, admin):
    """Ward A's collaborators under the province's fixed 500,000 đồng; April confirmed, May settled and
    reconciled."""
    w.policy = admin.call("child.allowance.policy", "create", {
        "name": unique("NQ nhập sai"), "area_id": w.province, "date_start": "2030-01-01", "kind": "fixed",
        "amount": 500000, "proration": "full"})
    w.codes = []
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        code = unique("CTV").replace(" ", "-")
        admin.call("child.collaborator", "create", {"code": code, "name": name, "area_id": w.ward_a,
                                                    "date_start": "2029-01-01"})
        w.codes.append(code)
    finance = w.finance
    w.april, w.april_lines = _generate(w, "2030-04-10")
    finance.call("child.allowance.sheet", "action_confirm", [w.april])
    w.may, w.may_lines = _generate(w, "2030-05-10")
    finance.call("child.allowance.sheet", "action_confirm", [w.may])
    finance.call("child.allowance.line", "write", w.may_lines, {"disbursed_amount": 500000})
    finance.call("child.allowance.sheet", "action_disburse", [w.may])
    finance.call("child.allowance.line", "write", w.may_lines, {
        "receipt_signed": True, "receipted_amount": 500000, "receipt_date": "2030-05-05"})
    finance.call("child.allowance.sheet", "action_receipt", [w.may])
    w.may_run = finance.call("child.allowance.reconciliation", "create", {
        "area_id": w.ward_a, "period_type": "month", "year": 2030, "period_number": 5})
    finance.call("child.allowance.reconciliation", "action_run", [w.may_run])
    finance.call("child.allowance.reconciliation", "action_settle_period", [w.may_run])


def event_vals(w, **values):
    vals = {
        "name": unique("Tháng hành động vì trẻ em 2030"), "kind": "action_month", "plan_id": w.issued_plan,
        "agency_id": w.committee,
        "ward_ids": [(0, 0, {"area_id": w.ward_a, "children_count": 100, "participant_count": 80})],
    }
    vals.update(values)
    return vals


def _event(w, planned, *gifts):
    """An event of the organiser with one state budget line and ``gifts`` (cash amount, quantity) paid from it."""
    organiser = w.organiser
    event = organiser.call("child.event", "create", event_vals(w, budget_line_ids=[
        (0, 0, {"source": "state", "level": "district", "planned_amount": planned})]))
    line = organiser.call("child.event", "read", [event], ["budget_line_ids"])[0]["budget_line_ids"][0]
    gift_ids = [organiser.call("child.event.gift", "create", {
        "event_id": event, "name": unique("Quà"), "kind": "cash", "cash_amount": cash, "planned_qty": qty,
        "budget_line_id": line}) for cash, qty in gifts]
    return event, line, gift_ids


def _events(w):
    """A draft event; a running one (1,000,000 đ planned + an approved 100,000 đ revision, a revision waiting, its
    one-gift line handed out); a settled one."""
    organiser, leader = w.organiser, w.leader
    w.draft_event, w.draft_line, (w.draft_gift,) = _event(w, 1000000, (100000, 2))
    w.running_event, w.running_line, (w.gift_one, w.gift_many) = _event(w, 1000000, (100000, 1), (50000, 5))
    leader.call("child.event", "action_approve", [w.running_event])
    organiser.call("child.event", "action_start", [w.running_event])
    w.approved_revision = organiser.call("child.event.budget.revision", "create", {
        "line_id": w.running_line, "amount": 100000, "reason": "Thêm điểm tổ chức."})
    leader.call("child.event.budget.revision", "action_approve", [w.approved_revision])
    w.pending_revision = organiser.call("child.event.budget.revision", "create", {
        "line_id": w.running_line, "amount": 50000, "reason": "Thêm quà."})
    organiser.call("child.event.recipient", "create", {
        "gift_id": w.gift_one, "area_id": w.ward_a, "child_name": "Trẻ Đã Nhận", "birth_year": 2022,
        "received": True, "date_signed": "2030-06-01"})
    w.settled_event, w.settled_line, (w.settled_gift,) = _event(w, 500000, (100000, 1))
    leader.call("child.event", "action_approve", [w.settled_event])
    organiser.call("child.event", "action_start", [w.settled_event])
    organiser.call("child.event", "action_settle", [w.settled_event])


def import_wizard(w, filename, content, sheet=None):
    """The finance officer's import wizard holding ``content`` (base64) as ``filename``; its id."""
    return w.finance.call("child.allowance.import", "create", {
        "sheet_id": sheet or False, "file": content, "filename": filename})


def xlsx_file(*rows):
    """An XLSX workbook of ``rows`` (base64), as a spreadsheet program saves it."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, row)
    book.close()
    return b64(buffer.getvalue())


def collaborator_ids(w):
    """The first of ward A's collaborators (a list of its id), found by its code."""
    return w.finance.call("child.collaborator", "search", [("code", "=", w.codes[0])])


def identity_number(w):
    """The identity number of a collaborator of ward A made for the case: 12 digits, different each run."""
    number = "0%011d" % random.randrange(10 ** 11)
    w.finance.call("child.collaborator", "create", {
        "name": "Có căn cước", "area_id": w.ward_a, "date_start": "2030-05-01", "identity_number": number})
    return number


# The cases -------------------------------------------------------------------------------------------------------

Case = namedtuple("Case", "role model method args expect")


def case(case_id, role, model, method, args, *expect):
    """One bad input: ``role`` calls ``model.method(*args(world))``; the refusal's message holds every fragment of
    ``expect``. ``args`` is called before the first checksum, so it may make what the call needs."""
    return pytest.param(Case(role, model, method, args, expect), id=case_id)


CASES = [
    # Plans: the plan officer drafts, the leader approves and issues --------------------------------------------
    case("plan-year-as-text", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, year="năm 2030")], "Year"),
    case("plan-year-out-of-range", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, year=1999)], "Year: 1999 is out of range", "between 2000 and 2100"),
    case("plan-issuer-as-read-pair", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, issuer_id=[w.committee, "UBND quận"])], "Issuing body"),
    case("plan-unknown-issuer", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, issuer_id=MISSING)], "Issuing body: there is no record"),
    case("plan-missing-title", "officer", "child.plan", "create",
         lambda w: [{k: v for k, v in plan_vals(w).items() if k != "name"}], "Title: a value is required"),
    case("plan-issue-date-day-first", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, issue_date="05/03/2030")], "Issue Date: set by the workflow"),
    case("plan-issue-date-impossible", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, issue_date="2030-02-30")], "Issue Date: set by the workflow"),
    case("plan-unknown-authority-form", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, signer_authority="XYZ", signer_head_title="Chủ tịch")],
         "Authority form: 'XYZ' is not a form of Decree 30"),
    case("plan-authority-form-without-head", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, signer_authority="tl")], "Head's title:"),
    case("plan-negative-register-number", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, register_number=-3)], "Register number: must be a whole number from 1 up"),
    case("plan-negative-target", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, indicator_ids=[(0, 0, {"name": "Âm", "unit": "count", "target": -5})])],
         "Target of Âm", "must not be negative"),
    case("plan-percent-target-over-100", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, indicator_ids=[(0, 0, {"name": "Phần trăm", "unit": "percent", "target": 120})])],
         "Target of Phần trăm", "cannot be over 100"),
    case("plan-ratio-target-without-total", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, indicator_ids=[(0, 0, {"name": "Phường", "unit": "ratio", "target": 14})])],
         "Target of Phường", "needs a total"),
    case("plan-created-issued", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, state="issued")], "State: set by the workflow"),
    case("plan-created-with-number", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, number="01/KH-UBND")], "Number: set by the workflow"),
    case("plan-unknown-state", "officer", "child.plan", "write",
         lambda w: [[w.draft_plan], {"state": "foo"}], "State: unknown state 'foo'"),
    case("plan-number-typed-in", "officer", "child.plan", "write",
         lambda w: [[w.draft_plan], {"number": "99/KH-UBND"}], "Number: set by the workflow"),
    case("plan-issue-a-draft", "leader", "child.plan", "action_issue",
         lambda w: [[w.draft_plan]], "is Draft: it cannot become Issued"),
    case("plan-approve-a-draft", "leader", "child.plan", "action_approve",
         lambda w: [[w.draft_plan]], "is Draft: it cannot become Approved"),
    case("plan-unknown-id", "officer", "child.plan", "write",
         lambda w: [[MISSING], {"name": "Không có"}], "does not exist"),
    case("issued-plan-renamed", "officer", "child.plan", "write",
         lambda w: [[w.issued_plan], {"name": "Kế hoạch đã sửa"}], "Title: plan",
         "is issued and its content is frozen"),
    case("issued-plan-section-added", "officer", "child.plan.section", "create",
         lambda w: [{"plan_id": w.issued_plan, "name": "Mục thêm"}], "Plan section: plan", "frozen"),
    case("issued-plan-target-changed", "officer", "child.plan.indicator", "write",
         lambda w: [[w.indicator], {"target": 90}], "Indicator (Target): plan", "frozen"),
    case("issued-plan-deleted", "officer", "child.plan", "unlink",
         lambda w: [[w.issued_plan]], "only draft or cancelled plans that were never issued can be deleted"),
    case("issued-plan-back-to-draft", "officer", "child.plan", "action_draft",
         lambda w: [[w.issued_plan]], "is Issued: it cannot become Draft"),

    # Areas and agencies: the plan officer keeps them -------------------------------------------------------------
    case("area-unknown-level", "officer", "child.area", "create",
         lambda w: [{"name": unique("Vùng"), "level": "planet"}], "Level"),
    case("area-province-inside-ward", "officer", "child.area", "create",
         lambda w: [{"name": unique("Tỉnh trong phường"), "level": "province", "parent_id": w.ward_a}],
         "Parent area:", "a parent must be of a higher level"),
    case("agency-duplicate-name", "officer", "child.agency", "create",
         lambda w: [{"name": w.justice_name, "code": "TP", "area_id": w.district}],
         "An agency with this name already exists in that area"),

    # Tasks: the officer gives them, the focal point reports ------------------------------------------------------
    case("task-deadline-outside-plan-year", "officer", "child.plan.task", "create",
         lambda w: [{"plan_id": w.issued_plan, "name": "Ngoài năm", "agency_id": w.justice,
                     "deadline": "2031-01-15"}], "Deadline: 2031-01-15 is outside the plan year 2030"),
    case("task-agency-as-list", "officer", "child.plan.task", "create",
         lambda w: [{"plan_id": w.issued_plan, "name": "Danh sách", "agency_id": [w.justice],
                     "deadline": "2030-06-30"}], "Lead agency"),
    case("task-created-done", "officer", "child.plan.task", "create",
         lambda w: [{"plan_id": w.issued_plan, "name": "Xong sẵn", "agency_id": w.justice, "deadline": "2030-06-30",
                     "state": "done", "progress": 100}], "State"),
    case("task-progress-over-100", "focal_point", "child.plan.task.update", "create",
         lambda w: [{"task_id": w.task, "progress": 150, "note": "Vượt."}], "Progress: 150", "between 0 and 100"),
    case("task-negative-progress", "focal_point", "child.plan.task.update", "create",
         lambda w: [{"task_id": w.task, "progress": -10, "note": "Âm."}], "Progress: -10", "between 0 and 100"),
    case("task-progress-as-text", "focal_point", "child.plan.task.update", "create",
         lambda w: [{"task_id": w.task, "progress": "50%", "note": "Một nửa."}], "Progress"),
    case("task-unknown-status", "focal_point", "child.plan.task.update", "create",
         lambda w: [{"task_id": w.task, "progress": 20, "status": "done", "note": "Xong?"}], "Status"),
    case("task-update-rewritten", "focal_point", "child.plan.task.update", "write",
         lambda w: [[w.task_update], {"progress": 90}], "Updates: a progress update is a record"),
    case("task-done-without-result-note", "focal_point", "child.plan.task", "action_done",
         lambda w: [[w.task]], "Result note: say what was done"),

    # Allowance sheets and lines: the finance officer, the ward's commune officer ----------------------------------
    case("sheet-second-for-ward-month", "finance", "child.allowance.sheet", "create",
         lambda w: [{"area_id": w.ward_a, "month": "2030-04-20"}], "Month:", "already has its sheet for 04/2030"),
    case("sheet-created-settled", "finance", "child.allowance.sheet", "create",
         lambda w: [{"area_id": w.ward_b, "month": "2030-04-01", "state": "settled"}],
         "State: set by the workflow"),
    case("sheet-for-a-district", "finance", "child.allowance.sheet", "create",
         lambda w: [{"area_id": w.district, "month": "2030-07-01"}], "Commune / ward:", "is not a commune or ward"),
    case("sheet-month-as-words", "finance", "child.allowance.sheet", "create",
         lambda w: [{"area_id": w.ward_b, "month": "tháng 4/2030"}], "Month"),
    case("sheet-unknown-ward", "finance", "child.allowance.sheet", "create",
         lambda w: [{"area_id": MISSING, "month": "2030-04-01"}], "Commune / ward: there is no record"),
    case("sheet-unknown-state", "finance", "child.allowance.sheet", "write",
         lambda w: [[w.april], {"state": "foo"}], "State: unknown state 'foo'"),
    case("sheet-receipted-before-disbursed", "finance", "child.allowance.sheet", "action_receipt",
         lambda w: [[w.april]], "is Confirmed: it cannot become Receipted"),
    case("settled-sheet-month-changed", "finance", "child.allowance.sheet", "write",
         lambda w: [[w.may], {"month": "2030-06-01"}], "are settled; the period is locked"),
    case("settled-sheet-reopened", "finance", "child.allowance.sheet", "action_reopen_receipts",
         lambda w: [[w.may]], "State: the allowances of", "are settled; the period is locked"),
    case("settled-sheet-deleted", "finance", "child.allowance.sheet", "unlink",
         lambda w: [[w.may]], "only a draft sheet can be deleted"),
    case("line-negative-disbursed", "finance", "child.allowance.line", "write",
         lambda w: [w.april_lines[:1], {"disbursed_amount": -500000}], "Disbursed amount: must not be negative"),
    case("line-fraction-of-a-dong", "finance", "child.allowance.line", "write",
         lambda w: [w.april_lines[:1], {"disbursed_amount": 500000.5}],
         "Disbursed amount: must be a whole number of đồng"),
    case("line-amount-in-words", "finance", "child.allowance.line", "write",
         lambda w: [w.april_lines[:1], {"disbursed_amount": "năm trăm nghìn"}],
         "Disbursed amount: must be an amount of money"),
    case("line-amount-as-list", "finance", "child.allowance.line", "write",
         lambda w: [w.april_lines[:1], {"disbursed_amount": [500000]}], "Disbursed amount: must be an amount of money"),
    case("line-amount-1mb-of-digits", "finance", "child.allowance.line", "write",
         lambda w: [w.april_lines[:1], {"disbursed_amount": "9" * MEGABYTE}],
         "Disbursed amount: must not be over 1,000,000,000,000"),
    case("line-amount-too-large", "finance", "child.allowance.line", "write",
         lambda w: [w.april_lines[:1], {"disbursed_amount": 1e13}],
         "Disbursed amount: must not be over 1,000,000,000,000"),
    case("line-receipt-while-confirmed", "finance", "child.allowance.line", "write",
         lambda w: [w.april_lines[:1], {"receipt_signed": True, "receipt_date": "2030-04-05"}],
         "Signed, Receipt date: sheet", "is Confirmed"),
    case("line-disbursed-by-ward-officer", "commune", "child.allowance.line", "write",
         lambda w: [w.april_lines[:1], {"disbursed_amount": 500000}],
         "Disbursed amount: only a Finance officer can change it"),
    case("line-moved-to-other-sheet", "finance", "child.allowance.line", "write",
         lambda w: [w.april_lines[:1], {"sheet_id": w.may}], "Sheet: a line stays on its sheet"),
    case("settled-line-changed", "finance", "child.allowance.line", "write",
         lambda w: [w.may_lines[:1], {"settled_amount": 0}], "Settled amount:", "are settled; the period is locked"),
    case("settled-line-deleted", "finance", "child.allowance.line", "unlink",
         lambda w: [w.may_lines[:1]], "are settled; the period is locked"),

    # Policies, base wages, collaborators ----------------------------------------------------------------------
    case("policy-negative-amount", "finance", "child.allowance.policy", "create",
         lambda w: [{"name": unique("NQ âm"), "area_id": w.other_province, "date_start": "2031-01-01",
                     "kind": "fixed", "amount": -1}], "Monthly amount (đồng): must not be negative"),
    case("policy-overlapping", "finance", "child.allowance.policy", "create",
         lambda w: [{"name": unique("NQ chồng"), "area_id": w.province, "date_start": "2030-06-01", "kind": "fixed",
                     "amount": 600000}], "In force from:", "already has a policy in force then"),
    case("policy-coefficient-missing", "finance", "child.allowance.policy", "create",
         lambda w: [{"name": unique("NQ hệ số"), "area_id": w.other_province, "date_start": "2031-01-01",
                     "kind": "coefficient"}], "Coefficient: a coefficient policy needs a coefficient of more than 0"),
    case("policy-unknown-kind", "finance", "child.allowance.policy", "create",
         lambda w: [{"name": unique("NQ phần trăm"), "area_id": w.other_province, "date_start": "2031-01-01",
                     "kind": "percent", "amount": 10}], "Amount set as"),
    case("base-wage-negative", "finance", "child.base.wage", "create",
         lambda w: [{"name": unique("NĐ âm"), "date_start": "2041-01-01", "amount": -2340000}],
         "Base wage (đồng): must not be negative"),
    case("base-wage-in-words", "finance", "child.base.wage", "create",
         lambda w: [{"name": unique("NĐ chữ"), "date_start": "2041-01-01", "amount": "hai triệu"}],
         "Base wage (đồng): must be an amount of money"),
    case("collaborator-leaves-before-appointment", "commune", "child.collaborator", "create",
         lambda w: [{"name": "Sai ngày", "area_id": w.ward_a, "date_start": "2030-05-01",
                     "date_end": "2030-04-01"}], "Served until: 2030-04-01 is before the appointment"),
    case("collaborator-of-a-district", "finance", "child.collaborator", "create",
         lambda w: [{"name": "Sai nơi", "area_id": w.district, "date_start": "2030-05-01"}],
         "Commune / ward:", "is not a commune or ward"),
    case("collaborator-duplicate-code", "commune", "child.collaborator", "create",
         lambda w: [{"code": w.codes[0], "name": "Trùng mã", "area_id": w.ward_a, "date_start": "2030-05-01"}],
         "Code: another collaborator already has this code"),
    case("collaborator-of-another-ward", "commune", "child.collaborator", "create",
         lambda w: [{"name": "Phường khác", "area_id": w.ward_b, "date_start": "2030-05-01"}],
         "security restrictions", "child.collaborator"),

    # Generation and reconciliation -----------------------------------------------------------------------------
    case("generate-month-without-policy", "finance", "child.allowance.generate", "action_generate",
         lambda w: [[w.finance.call("child.allowance.generate", "create",
                                    {"area_id": w.ward_a, "month": "2029-06-10"})]],
         "Month: no allowance policy of", "in force in 06/2029"),
    case("generate-month-done-already", "finance", "child.allowance.generate", "action_generate",
         lambda w: [[w.finance.call("child.allowance.generate", "create",
                                    {"area_id": w.ward_a, "month": "2030-04-30"})]],
         "Month: every ward of", "already has its sheet for 04/2030"),
    case("reconciliation-month-13", "finance", "child.allowance.reconciliation", "create",
         lambda w: [{"area_id": w.ward_a, "period_type": "month", "year": 2030, "period_number": 13}],
         "Month or quarter: 13 is not between 1 and 12"),
    case("reconciliation-year-out-of-range", "finance", "child.allowance.reconciliation", "create",
         lambda w: [{"area_id": w.ward_a, "period_type": "year", "year": 1999}], "Year: 1999 is out of range"),
    case("reconciliation-created-run", "finance", "child.allowance.reconciliation", "create",
         lambda w: [{"area_id": w.ward_a, "period_type": "year", "year": 2030, "state": "done", "line_count": 0}],
         "State"),
    case("reconciliation-run-twice", "finance", "child.allowance.reconciliation", "action_run",
         lambda w: [[w.may_run]], "was run already"),
    case("period-settled-twice", "finance", "child.allowance.reconciliation", "action_settle_period",
         lambda w: [[w.may_run]], "Settle: the period", "is settled already"),

    # Imports of disbursements and receipts: the finance officer's file --------------------------------------------
    case("import-base64-garbage", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", "!!not*base64!!")]], "File: the file sent is not base64-encoded"),
    case("import-file-as-plain-text", "finance", "child.allowance.import", "create",
         lambda w: [{"sheet_id": w.april, "filename": "kho-bac.csv",
                     "file": "mã ctv,tháng,cấp phát\n%s,04/2030,500000" % w.codes[0]}], "File"),
    case("import-wrong-columns", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", csv_file("name,amount", "An,500000"))]],
         "File: missing column(s): collaborator_code, month. Nothing was imported"),
    case("import-no-figure-column", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", csv_file("collaborator_code,month", "%s,04/2030" % w.codes[0]))]],
         "File: no column with figures"),
    case("import-csv-not-utf8", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", b64(
             ("collaborator_code,tháng,disbursed_amount\n%s,04/2030,500000" % w.codes[0]).encode("latin-1")))]],
         "File: a CSV file must be in UTF-8"),
    case("import-xlsx-that-is-csv", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.xlsx", csv_file("collaborator_code,month,disbursed_amount",
                                                                "%s,04/2030,500000" % w.codes[0]))]],
         "File: not a readable spreadsheet"),
    case("import-csv-that-is-xlsx", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", xlsx_file(["collaborator_code", "month", "disbursed_amount"],
                                                                [w.codes[0], "04/2030", 500000]))]],
         "File: a CSV file must be in UTF-8"),
    case("import-xlsx-wrong-columns", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.xlsx", xlsx_file(["Họ tên", "Số tiền"], ["Nguyễn Văn An", 500000]))]],
         "File: missing column(s): collaborator_code, month"),
    case("import-xlsx-negative-amount", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.xlsx", xlsx_file(["Mã CTV", "Tháng", "Cấp phát"],
                                                                 [w.codes[0], "04/2030", -500000]), w.april)]],
         "Row 2, Disbursed amount: must not be negative"),
    case("import-pdf-file", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.pdf", b64(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"))]],
         "File: only .csv and .xlsx files are read"),
    case("import-blank-csv", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", csv_file(" ", "", ""))]], "File: the file has no header row"),
    case("import-1mb-single-line", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", csv_file("x" * MEGABYTE))]], "File: missing column(s)"),
    case("import-negative-amount", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", csv_file("collaborator_code,month,disbursed_amount",
                                                               "%s,04/2030,-500000" % w.codes[0]), w.april)]],
         "Row 2, Disbursed amount: must not be negative"),
    case("import-unknown-collaborator", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", csv_file("collaborator_code,month,disbursed_amount",
                                                               "KHONG-CO-MA,04/2030,500000"), w.april)]],
         "Row 2, Collaborator code: no collaborator has the code 'KHONG-CO-MA'"),
    case("import-month-13", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", csv_file("collaborator_code,month,disbursed_amount",
                                                               "%s,13/2030,500000" % w.codes[0]))]],
         "Row 2, Month: '13/2030' is not a month"),
    case("import-duplicate-rows", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", csv_file("collaborator_code,month,disbursed_amount",
                                                               "%s,04/2030,500000" % w.codes[0],
                                                               "%s,04/2030,400000" % w.codes[0]))]],
         "Row 3, Collaborator code: the same collaborator and month as row 2"),
    case("import-into-settled-month", "finance", "child.allowance.import", "action_import",
         lambda w: [[import_wizard(w, "kho-bac.csv", csv_file("collaborator_code,month,disbursed_amount",
                                                               "%s,05/2030,400000" % w.codes[0]))]],
         "Row 2: Disbursed amount: the allowances of", "are settled; the period is locked"),

    # Values no field of the suite can hold, whatever the model (child_protection/models/child_input.py) --------
    case("boolean-as-text-zero", "finance", "child.collaborator", "write",
         lambda w: [collaborator_ids(w), {"active": "0"}], "Active: a boolean expects true or false, not '0'"),
    case("boolean-as-text-false", "finance", "child.collaborator", "write",
         lambda w: [collaborator_ids(w), {"active": "false"}], "Active: a boolean expects true or false"),
    case("boolean-as-empty-text", "finance", "child.collaborator", "write",
         lambda w: [collaborator_ids(w), {"active": ""}], "Active: a boolean expects true or false"),
    case("boolean-as-two", "finance", "child.collaborator", "write",
         lambda w: [collaborator_ids(w), {"active": 2}], "Active: a boolean expects true or false, not 2"),
    case("float-nan", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, indicator_ids=[(0, 0, {"name": "NaN", "unit": "count", "target": float("nan")})])],
         "Target: nan is not a finite number"),
    case("float-infinity", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, indicator_ids=[(0, 0, {"name": "Vô cực", "unit": "count",
                                                        "target": float("inf")})])],
         "Target: inf is not a finite number"),
    case("float-negative-infinity", "finance", "child.allowance.policy", "create",
         lambda w: [{"name": unique("NQ hệ số"), "area_id": w.other_province, "date_start": "2031-01-01",
                     "kind": "coefficient", "coefficient": float("-inf")}], "Coefficient: -inf is not a finite number"),
    case("float-beyond-numeric-digits", "finance", "child.allowance.policy", "create",
         lambda w: [{"name": unique("NQ hệ số"), "area_id": w.other_province, "date_start": "2031-01-01",
                     "kind": "coefficient", "coefficient": 1e9}],
         "Coefficient: 1000000000.0 does not fit this field's 12 digits (4 after the point)"),
    case("integer-beyond-int4", "officer", "child.agency", "write",
         lambda w: [[w.justice], {"sequence": 2 ** 31}],
         "Sequence: 2147483648 is beyond the whole numbers this field holds (-2147483648 to 2147483647)"),
    case("integer-below-int4", "officer", "child.agency", "write",
         lambda w: [[w.justice], {"sequence": -2 ** 31 - 1}], "Sequence: -2147483649 is beyond the whole numbers"),
    case("integer-of-a-hundred-digits", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, year=10 ** 100)], "Year:", "is beyond the whole numbers this field holds"),
    case("date-before-1900", "finance", "child.collaborator", "create",
         lambda w: [{"name": "Cổ xưa", "area_id": w.ward_a, "date_start": "1899-12-31"}],
         "Appointed on: 1899-12-31 is outside the years 1900 to 2100"),
    case("date-after-2100", "finance", "child.collaborator", "write",
         lambda w: [collaborator_ids(w), {"date_end": "2101-01-01"}],
         "Served until: 2101-01-01 is outside the years 1900 to 2100"),
    case("date-year-1", "officer", "child.plan.task", "create",
         lambda w: [{"plan_id": w.issued_plan, "name": "Năm 1", "agency_id": w.justice, "deadline": "0001-01-01"}],
         "Deadline: 0001-01-01 is outside the years 1900 to 2100"),
    case("name-of-zero-width-spaces", "officer", "child.area", "create",
         lambda w: [{"name": "\u200b\u200b\u200b", "level": "commune", "parent_id": w.district}],
         "Name: a value is required; only spaces or invisible characters were given"),
    case("name-of-spaces-and-format-characters", "finance", "child.collaborator", "create",
         lambda w: [{"name": " \u00a0\u2060\ufeff\u3000\t ", "area_id": w.ward_a, "date_start": "2030-05-01"}],
         "Full name: a value is required; only spaces or invisible characters were given"),
    case("name-rewritten-invisible", "officer", "child.agency", "write",
         lambda w: [[w.justice], {"name": "\u200c\u200d\u00ad "}],
         "Name: a value is required; only spaces or invisible characters were given"),
    case("name-rewritten-empty", "officer", "child.agency", "write",
         lambda w: [[w.justice], {"name": ""}], "Name: a value is required."),
    case("collaborator-code-with-spaces", "finance", "child.collaborator", "create",
         lambda w: [{"code": " ".join(w.codes[0]), "name": "Mã có dấu cách", "area_id": w.ward_a,
                     "date_start": "2030-05-01"}], "Code: another collaborator already has this code"),
    case("collaborator-code-with-zero-width-space", "finance", "child.collaborator", "create",
         lambda w: [{"code": w.codes[0][:3] + "\u200b" + w.codes[0][3:] + "\u00a0", "name": "Mã có ký tự ẩn",
                     "area_id": w.ward_a, "date_start": "2030-05-01"}],
         "Code: another collaborator already has this code"),
    case("identity-number-in-groups", "finance", "child.collaborator", "create",
         lambda w: [{"name": "Trùng căn cước", "area_id": w.ward_a, "date_start": "2030-05-01",
                     "identity_number": " ".join(re.findall("...", identity_number(w)))}],
         "Identity number: another collaborator already has this number"),
    case("agency-name-with-extra-spaces", "officer", "child.agency", "create",
         lambda w: [{"name": "  " + w.justice_name.replace(" ", " \u200b ") + "\u2060", "code": "TP",
                     "area_id": w.district}], "An agency with this name already exists in that area"),

    # Events: the organiser plans and runs them, the leader approves ---------------------------------------------
    case("event-created-settled", "organiser", "child.event", "create",
         lambda w: [event_vals(w, state="settled")], "State: set by the workflow"),
    case("event-end-before-start", "organiser", "child.event", "create",
         lambda w: [event_vals(w, kind="other", date_start="2030-07-10", date_end="2030-07-01")],
         "End: 2030-07-01 is before the start, 2030-07-10"),
    case("event-dates-outside-plan-year", "organiser", "child.event", "create",
         lambda w: [event_vals(w, kind="other", date_start="2035-07-01", date_end="2035-07-02")], "Start"),
    case("event-unknown-kind", "organiser", "child.event", "create",
         lambda w: [event_vals(w, kind="fair", date_start="2030-07-01", date_end="2030-07-02")], "Kind"),
    case("event-year-as-text", "organiser", "child.event", "create",
         lambda w: [event_vals(w, year="năm 2030")], "Year"),
    case("event-year-out-of-range", "organiser", "child.event", "create",
         lambda w: [event_vals(w, kind="other", year=1999, date_start="1999-06-01", date_end="1999-06-02")],
         "Year: 1999 is out of range"),
    case("event-unknown-plan", "organiser", "child.event", "create",
         lambda w: [event_vals(w, plan_id=MISSING)], "Plan: there is no record"),
    case("event-target-over-100", "organiser", "child.event", "create",
         lambda w: [event_vals(w, participation_target=120)], "Target (%): 120", "between 0 and 100"),
    case("event-negative-children", "organiser", "child.event", "create",
         lambda w: [event_vals(w, ward_ids=[(0, 0, {"area_id": w.ward_a, "children_count": -1})])],
         "Children taking part: the counts of", "must not be negative"),
    case("event-more-taking-part-than-living", "organiser", "child.event", "create",
         lambda w: [event_vals(w, ward_ids=[(0, 0, {"area_id": w.ward_a, "children_count": 1000,
                                                    "participant_count": 1200})])],
         "Children taking part: 1200 in", "more than the 1000 children living there"),
    case("event-ward-outside-plan-area", "organiser", "child.event", "create",
         lambda w: [event_vals(w, ward_ids=[(0, 0, {"area_id": w.elsewhere, "children_count": 10})])],
         "Ward:", "is not within", "the area of the plan"),
    case("event-unknown-state", "organiser", "child.event", "write",
         lambda w: [[w.draft_event], {"state": "foo"}], "State: unknown state 'foo'"),
    case("event-started-as-draft", "organiser", "child.event", "action_start",
         lambda w: [[w.draft_event]], "is Draft: it cannot become Running"),
    case("event-settled-as-draft", "organiser", "child.event", "action_settle",
         lambda w: [[w.draft_event]], "is Draft: it cannot become Settled"),
    case("gift-negative-quantity", "organiser", "child.event.gift", "create",
         lambda w: [{"event_id": w.draft_event, "name": "Quà âm", "kind": "cash", "cash_amount": 100000,
                     "planned_qty": -3, "budget_line_id": w.draft_line}], "Planned quantity: -3", "1 gift or more"),
    case("gift-without-value", "organiser", "child.event.gift", "create",
         lambda w: [{"event_id": w.draft_event, "name": "Quà rỗng", "kind": "goods", "planned_qty": 1,
                     "budget_line_id": w.draft_line}], "Value: gift Quà rỗng has neither cash nor goods"),
    case("gift-unknown-funding-source", "organiser", "child.event.gift", "create",
         lambda w: [{"event_id": w.draft_event, "name": "Quà ma", "kind": "cash", "cash_amount": 100000,
                     "planned_qty": 1, "budget_line_id": MISSING}], "Funding source: there is no record"),
    case("gift-paid-by-another-event", "organiser", "child.event.gift", "create",
         lambda w: [{"event_id": w.draft_event, "name": "Quà lạc", "kind": "cash", "cash_amount": 100000,
                     "planned_qty": 1, "budget_line_id": w.running_line}],
         "Funding source:", "is a budget line of another event"),
    case("gift-added-after-approval", "organiser", "child.event.gift", "create",
         lambda w: [{"event_id": w.running_event, "name": "Quà muộn", "kind": "cash", "cash_amount": 100000,
                     "planned_qty": 1, "budget_line_id": w.running_line}], "Gifts: event", "is Running"),
    case("budget-negative-plan", "organiser", "child.event.budget.line", "create",
         lambda w: [{"event_id": w.draft_event, "source": "state", "level": "commune", "planned_amount": -1}],
         "Planned (đ): -1 is below zero"),
    case("budget-plan-in-words", "organiser", "child.event.budget.line", "write",
         lambda w: [[w.draft_line], {"planned_amount": "20 triệu"}], "Planned (đ): '20 triệu' is not an amount"),
    case("budget-sponsor-without-partner", "organiser", "child.event.budget.line", "create",
         lambda w: [{"event_id": w.draft_event, "source": "sponsor", "planned_amount": 1000}],
         "Partner: a sponsor or an international partner is named"),
    case("budget-spending-before-approval", "organiser", "child.event.budget.line", "write",
         lambda w: [[w.draft_line], {"spent_amount": 10}], "Spent (đ): spending is recorded once a leader approved"),
    case("budget-overspent", "organiser", "child.event.budget.line", "write",
         lambda w: [[w.running_line], {"spent_amount": 1500000}],
         "Spent (đ): 1.500.000 đ is more than the 1.100.000 đ planned"),
    case("budget-overcommitted", "organiser", "child.event.budget.line", "write",
         lambda w: [[w.running_line], {"committed_amount": 1100001}],
         "Committed (đ): 1.100.001 đ is more than the 1.100.000 đ planned"),
    case("budget-replanned-after-approval", "organiser", "child.event.budget.line", "write",
         lambda w: [[w.running_line], {"planned_amount": 2000000}],
         "Planned (đ): event", "only through a revision approved by a leader"),
    case("revision-negative-raise", "organiser", "child.event.budget.revision", "create",
         lambda w: [{"line_id": w.running_line, "amount": -100000, "reason": "Giảm."}],
         "Raise (đ): -100000 is below zero"),
    case("revision-zero-raise", "organiser", "child.event.budget.revision", "create",
         lambda w: [{"line_id": w.running_line, "amount": 0, "reason": "Không đổi."}],
         "Raise (đ): a revision raises the plan by 1 đồng or more"),
    case("revision-of-a-draft-event", "organiser", "child.event.budget.revision", "create",
         lambda w: [{"line_id": w.draft_line, "amount": 1000, "reason": "Sớm."}],
         "Budget revision: event", "is Draft"),
    case("revision-approved-twice", "leader", "child.event.budget.revision", "action_approve",
         lambda w: [[w.approved_revision]], "Budget revision: the revision of", "was decided"),
    case("revision-state-written", "leader", "child.event.budget.revision", "write",
         lambda w: [[w.pending_revision], {"state": "approved"}],
         "State: set by the workflow"),
    case("recipient-beyond-planned-quantity", "organiser", "child.event.recipient", "create",
         lambda w: [{"gift_id": w.gift_one, "area_id": w.ward_a, "child_name": "Trẻ Thừa", "birth_year": 2022,
                     "received": True, "date_signed": "2030-06-02"}], "Received: 2 gifts", "more than the 1 planned"),
    case("recipient-born-too-early", "organiser", "child.event.recipient", "create",
         lambda w: [{"gift_id": w.gift_many, "area_id": w.ward_a, "child_name": "Người Lớn", "birth_year": 1990}],
         "Birth year: 1990 is not the birth year of a child in 2030"),
    case("recipient-in-ward-not-covered", "organiser", "child.event.recipient", "create",
         lambda w: [{"gift_id": w.gift_many, "area_id": w.ward_b, "child_name": "Trẻ Phường B"}],
         "Ward:", "is not among the wards event"),
    case("recipient-received-without-date", "organiser", "child.event.recipient", "create",
         lambda w: [{"gift_id": w.gift_many, "area_id": w.ward_a, "child_name": "Trẻ Chưa Ký", "received": True}],
         "Date signed: the gift of Trẻ Chưa Ký is marked received"),
    case("recipient-received-before-the-event", "organiser", "child.event.recipient", "create",
         lambda w: [{"gift_id": w.draft_gift, "area_id": w.ward_a, "child_name": "Trẻ Sớm", "received": True,
                     "date_signed": "2030-05-01"}], "Received: gifts are handed out while the event runs"),
    case("settled-event-renamed", "organiser", "child.event", "write",
         lambda w: [[w.settled_event], {"name": "Đổi tên"}], "Event: event", "is Settled; it no longer changes"),
    case("settled-event-ward-added", "organiser", "child.event.ward", "create",
         lambda w: [{"event_id": w.settled_event, "area_id": w.ward_b, "children_count": 10}],
         "Ward of an event: event", "is Settled; it no longer changes"),
    case("settled-event-spending-changed", "organiser", "child.event.budget.line", "write",
         lambda w: [[w.settled_line], {"spent_amount": 100}], "is Settled; it no longer changes"),
    case("settled-event-recipient-added", "organiser", "child.event.recipient", "create",
         lambda w: [{"gift_id": w.settled_gift, "area_id": w.ward_a, "child_name": "Trẻ Muộn"}],
         "Gift recipient: event", "is Settled; it no longer changes"),
    case("settled-event-back-to-draft", "organiser", "child.event", "action_draft",
         lambda w: [[w.settled_event]], "is Settled: it cannot become Draft"),
    case("settled-event-deleted", "organiser", "child.event", "unlink",
         lambda w: [[w.settled_event]], "only a draft or cancelled event can be deleted"),
]


@pytest.mark.parametrize("bad", CASES)
def test_bad_input_is_refused_and_changes_nothing(world, db_checksum, bad):
    user = getattr(world, bad.role)
    args = bad.args(world)  # may make what the call needs (an import wizard): before the first checksum
    before = db_checksum.snapshot()
    with pytest.raises(xmlrpc.client.Fault) as refused:
        user.call(bad.model, bad.method, *args, context=SOURCE_LANGUAGE)
    kind, message = refusal(refused.value)
    assert kind in USER_ERRORS, "an internal error instead of a refusal:\n%s" % refused.value.faultString
    for fragment in bad.expect:
        assert fragment in message, "%r is not in the %s: %s" % (fragment, kind, message[:2000])
    after = db_checksum.snapshot()
    changed = sorted(table for table in WATCHED_TABLES if before[table] != after[table])
    assert not changed, "the refused call changed %s" % ", ".join(
        "%s (%s -> %s rows)" % (table, before[table][0], after[table][0]) for table in changed)


# Texts XML cannot carry: the web client's JSON-RPC ----------------------------------------------------------------
# XML 1.0 has no NUL character and no lone surrogate, so an XML-RPC call cannot even carry them (the server's parser
# refuses the request); JSON can ("\u0000", "\ud800"), and the web client's /web/dataset/call_kw takes them.

JSON_CASES = [
    case("text-with-nul", "officer", "child.area", "create",
         lambda w: [{"name": "Phường\x00A", "level": "commune", "parent_id": w.district}],
         "Name: a text cannot hold a NUL character"),
    case("long-text-with-nul", "focal_point", "child.plan.task.update", "create",
         lambda w: [{"task_id": w.task, "progress": 20, "note": "Đã làm" + "\x00" * 10}],
         "a text cannot hold a NUL character"),
    case("text-with-lone-surrogate", "officer", "child.plan", "create",
         lambda w: [plan_vals(w, name="Kế hoạch \ud800")],
         "Title: a text cannot hold a lone surrogate (U+D800 to U+DFFF)"),
    case("code-with-lone-surrogate", "finance", "child.collaborator", "create",
         lambda w: [{"code": "CTV-\udfff", "name": "Mã hỏng", "area_id": w.ward_a, "date_start": "2030-05-01"}],
         "Code: a text cannot hold a lone surrogate"),
    # searches whose values PostgreSQL cannot compare: refused naming the field, not the database's own error
    case("search-text-with-nul", "officer", "child.plan", "search",
         lambda w: [[("name", "ilike", "Kế hoạch\x00")]], "Search on Title: a text cannot hold a NUL character"),
    case("search-number-beyond-64-bits", "officer", "child.plan", "search",
         lambda w: [[("year", "=", 2 ** 63)]], "Search on Year:", "beyond the whole numbers"),
    case("search-date-that-is-none", "officer", "child.plan.task", "search",
         lambda w: [[("deadline", ">=", "2021-13-45")]], "Search on Deadline:", "is not a date"),
]


def json_session(user):
    """An opener holding a web session of ``user`` (as the web client logs in)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    body = json.dumps({"jsonrpc": "2.0", "params": {"db": user.rpc.db, "login": user.login,
                                                    "password": user._password}}).encode()
    opener.open(urllib.request.Request("%s/web/session/authenticate" % user.rpc.url, body,
                                       {"Content-Type": "application/json"}), timeout=60).read()
    return opener


def json_call(user, model, method, args):
    """``model.method(*args)`` through the web client's /web/dataset/call_kw as ``user``: the JSON answer."""
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": {
        "model": model, "method": method, "args": args, "kwargs": {"context": SOURCE_LANGUAGE}}}).encode()
    answer = json_session(user).open(urllib.request.Request(
        "%s/web/dataset/call_kw/%s/%s" % (user.rpc.url, model, method), body, {"Content-Type": "application/json"}),
        timeout=120)
    return json.loads(answer.read().decode("utf-8"))


@pytest.mark.parametrize("bad", JSON_CASES)
def test_bad_text_over_json_is_refused_and_changes_nothing(world, db_checksum, bad):
    user = getattr(world, bad.role)
    args = bad.args(world)
    before = db_checksum.snapshot()
    answer = json_call(user, bad.model, bad.method, args)
    assert "error" in answer, "the call was accepted: %r" % (answer,)
    data = answer["error"].get("data", {})
    kind = data.get("name", "").rsplit(".", 1)[-1]
    message = data.get("message", "")
    assert kind in USER_ERRORS, "an internal error instead of a refusal:\n%s" % data.get("debug", answer)
    for fragment in bad.expect:
        assert fragment in message, "%r is not in the %s: %s" % (fragment, kind, message[:2000])
    after = db_checksum.snapshot()
    assert before == after, "the refused call changed %s" % ", ".join(
        table for table in WATCHED_TABLES if before[table] != after[table])
