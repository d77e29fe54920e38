"""Two people doing the same thing at the same moment, on the live test server (a threaded Odoo: each request in
its own transaction, as in production).

- Two leaders issuing documents of the same committee at once get distinct register numbers, with no gap and no
  duplicate, plans and periodic reports alike (they share the committee's register).
- Two finance clerks settling the same allowance period at once: exactly one succeeds, the other is told the period
  is settled, and no line is settled twice.

Each call runs in its own thread with its own connection; a barrier releases them together.
"""
import threading
import types
import xmlrpc.client

import pytest

from test_allowance_xmlrpc import paid_month
from signing_setup import add_seal, add_signer
from test_plan_xmlrpc import PASSWORD, SOURCE_LANGUAGE, USER_ERROR, create_plan, read_plan, unique


def at_once(*calls):
    """Run each of ``calls`` (callables without arguments) in its own thread, released together; return what each
    returned or raised, in order."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            outcomes[index] = call()
        except Exception as error:  # the outcome under test: kept and asserted by the caller
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not any(thread.is_alive() for thread in threads), "a concurrent call did not return in 5 minutes"
    return outcomes


def make_user(odoo_rpc, admin, role, group_xmlid):
    login = unique(role).replace(" ", "_")
    name = unique(role.title())
    user_id = admin.call("res.users", "create", {
        "name": name, "login": login, "password": PASSWORD, "email": "%s@example.org" % login,
        "lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh", "groups_id": [(6, 0, [admin.ref(group_xmlid)])]})
    if group_xmlid == "child_protection.group_leader":
        add_signer(admin, user_id, name)   # a leader issues with their own certificate
    # a connection of its own: xmlrpc.client's ServerProxy is not meant to be shared between threads
    return odoo_rpc.login(login, PASSWORD)


@pytest.fixture(scope="module")
def people(odoo_rpc, admin):
    return types.SimpleNamespace(
        officer=make_user(odoo_rpc, admin, "officer", "child_protection.group_plan_officer"),
        leader_a=make_user(odoo_rpc, admin, "leader a", "child_protection.group_leader"),
        leader_b=make_user(odoo_rpc, admin, "leader b", "child_protection.group_leader"),
        clerk_a=make_user(odoo_rpc, admin, "finance a", "child_protection.group_finance_officer"),
        clerk_b=make_user(odoo_rpc, admin, "finance b", "child_protection.group_finance_officer"))


def test_two_leaders_issuing_at_once_take_distinct_numbers_without_gap(admin, people):
    area = admin.call("child.area", "create", {"name": unique("Quận Đồng Thời"), "place_name": "Đồng Thời",
                                               "level": "district"})
    committee = admin.call("child.agency", "create", {"name": unique("UBND quận Đồng Thời"), "code": "UBND",
                                                       "kind": "committee", "area_id": area})
    add_seal(admin, committee)
    # each plan is issued by its signer: leader a signs the 1st, 2nd and 4th, leader b the 3rd and the report
    signers = [people.leader_a, people.leader_a, people.leader_b, people.leader_a]
    plans = [create_plan(people.officer, committee, signer=signer.uid) for signer in signers]
    for plan in plans:
        people.officer.call("child.plan", "action_submit", [plan])
        people.leader_a.call("child.plan", "action_approve", [plan])
    first, plans = plans[0], plans[1:]
    people.leader_a.call("child.plan", "action_issue", [first])
    report = people.officer.call("child.plan.report", "create", {
        "plan_id": first, "period": "half_year", "signer_user_id": people.leader_b.uid,
        "assessment": "Các cơ quan đã triển khai kịp thời các nhiệm vụ của kế hoạch."})

    issue_plan = lambda leader, plan: lambda: leader.call("child.plan", "action_issue", [plan])
    issue_report = lambda leader: lambda: leader.call("child.plan.report", "action_issue", [report])
    outcomes = at_once(issue_plan(people.leader_a, plans[0]), issue_plan(people.leader_b, plans[1]))
    outcomes += at_once(issue_plan(people.leader_a, plans[2]), issue_report(people.leader_b))
    assert [outcome for outcome in outcomes if isinstance(outcome, Exception)] == []

    documents = [read_plan(people.leader_a, plan, "number_seq", "number", "state") for plan in [first] + plans]
    documents += people.leader_a.call("child.plan.report", "read", [report], ["number_seq", "number", "state"])
    assert {document["state"] for document in documents} == {"issued"}
    assert sorted(document["number_seq"] for document in documents) == [1, 2, 3, 4, 5]
    for document in documents:
        assert document["number"].startswith("%02d/" % document["number_seq"]), document
    numbers = sorted(document["number"] for document in documents)
    # each issued document was frozen once, under its own number
    frozen = people.leader_a.call("child.document", "search_read", [("issuer_id", "=", committee)], ["number"])
    assert sorted(document["number"] for document in frozen) == numbers


@pytest.fixture
def receipted_month(admin, people):
    """A ward's month of allowances paid and signed for, waiting to be settled; two reconciliation runs of it, one
    by each clerk."""
    province, _ward, sheet = paid_month(admin, people.clerk_a)
    runs = []
    for who in (people.clerk_a, people.clerk_b):
        run = who.call("child.allowance.reconciliation", "create", {
            "area_id": province, "period_type": "month", "year": 2030, "period_number": 9})
        who.call("child.allowance.reconciliation", "action_run", [run])
        runs.append(run)
    return types.SimpleNamespace(sheet=sheet, runs=runs)


def test_two_clerks_settling_one_period_at_once(people, receipted_month):
    settle = lambda clerk, run: lambda: clerk.call("child.allowance.reconciliation", "action_settle_period",
                                                   [run], context=SOURCE_LANGUAGE)
    outcomes = at_once(settle(people.clerk_a, receipted_month.runs[0]),
                       settle(people.clerk_b, receipted_month.runs[1]))

    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1, outcomes
    assert isinstance(refused[0], xmlrpc.client.Fault) and refused[0].faultCode == USER_ERROR, refused[0]
    assert "is settled already" in refused[0].faultString or "the period is locked" in refused[0].faultString
    clerk = people.clerk_a
    assert clerk.call("child.allowance.sheet", "read", [receipted_month.sheet], ["state"])[0]["state"] == "settled"
    lines = clerk.call("child.allowance.line", "search_read", [("sheet_id", "=", receipted_month.sheet)],
                       ["settled_amount"])
    assert [line["settled_amount"] for line in lines] == [500000] * 3
    # one settlement on record, on the run that won
    settled = clerk.call("mail.message", "search_count", [
        ("model", "=", "child.allowance.reconciliation"), ("res_id", "in", receipted_month.runs),
        ("body", "ilike", "Period settled")])
    assert settled == 1
