"""Issue 12 over XML-RPC and HTTP, on the live test server with the demo data: the attacks reproduced against the
demo (a leader's own authority, a "personal" certificate in another official's name, issuing with the seal alone,
reading the seal's key) are refused, as the least-privileged user who would try them.

The administrator sets up fixture data only (users, a committee, certificates), except where the administrator
is the one who must be refused (reading a key or a password).
"""
import base64
import datetime
import urllib.error
import uuid
import xmlrpc.client

import pytest
import pytz

from child_reports_engines import signing

PASSWORD = "pw"


def unique(text):
    return "%s %s" % (text, uuid.uuid4().hex[:8])


class InEnglish:
    """A logged-in user whose calls ask for the source language: the refusals' wording is checked in English,
    whatever the user's own language (the demo users work in Vietnamese)."""

    def __init__(self, user):
        self.user = user

    def __getattr__(self, name):
        return getattr(self.user, name)

    def call(self, model, method, *args, **kwargs):
        kwargs["context"] = dict(kwargs.get("context") or {}, lang="en_US")
        return self.user.call(model, method, *args, **kwargs)


def refused(call, *fragments):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call()
    for fragment in fragments:
        assert fragment in caught.value.faultString, caught.value.faultString
    return caught.value.faultString


@pytest.fixture(scope="module")
def world(odoo_rpc, admin):
    """The demo's leader and vice-chair; a new leader without a certificate; a committee without a seal."""
    authority = signing.make_authority("XML-RPC test authority")
    place = unique("Không Dấu")
    area = admin.call("child.area", "create", {"name": "Phường %s" % place, "place_name": place, "level": "commune"})
    unsealed = admin.call("child.agency", "create", {"name": "UBND phường %s" % place, "code": "UBND",
                                                     "kind": "committee", "area_id": area})
    users = {}
    for key, name in (("bare", unique("Lãnh Đạo Chưa Có Chứng Thư")), ("expired", unique("Lãnh Đạo Hết Hạn"))):
        login = unique(key).replace(" ", "_")
        admin.call("res.users", "create", {
            "name": name, "login": login, "password": PASSWORD, "email": "%s@example.org" % login,
            "tz": "Asia/Ho_Chi_Minh", "groups_id": [(6, 0, [admin.ref("child_protection.group_leader")])]})
        users[key] = InEnglish(odoo_rpc.login(login, PASSWORD))
        users[key].name = name
    expired = users["expired"]
    admin.call("child.signing.certificate", "create", {
        "name": "Expired", "kind": "signer", "user_id": expired.uid, "password": "e",
        "data": base64.b64encode(signing.issue_pkcs12(
            authority, expired.name, password="e", not_before=datetime.datetime(2020, 1, 1),
            not_after=datetime.datetime(2021, 12, 31))).decode()})
    return {"leader": InEnglish(odoo_rpc.login("leader", "demo")),
            "officer": InEnglish(odoo_rpc.login("officer", "demo")),
            "vice_chair": InEnglish(odoo_rpc.login("vicechair", "demo")), "bare": users["bare"], "expired": expired,
            "unsealed": unsealed, "bo_de": admin.ref("child_protection.agency_committee_ward_bo_de_demo"),
            "authority": authority}


def approved_plan(world, signer_uid, issuer, **values):
    """A plan of ``issuer`` drafted by the officer with ``signer_uid`` as its signer, approved by the leader."""
    officer = world["officer"]
    vals = {"name": unique("Kế hoạch thử chữ ký"), "year": 2026, "issuer_id": issuer,
            "signer_collective": "Ủy ban nhân dân", "signer_position": "Chủ tịch", "signer_user_id": signer_uid,
            "section_ids": [(0, 0, {"name": "Tuyên truyền", "body": "Đưa tin."})],
            "indicator_ids": [(0, 0, {"name": "Trẻ em tham gia", "unit": "percent", "target": 85})],
            "recipient_ids": [(0, 0, {"name": "Lưu: VT."})]}
    vals.update(values)
    plan = officer.call("child.plan", "create", vals)
    officer.call("child.plan", "action_submit", [plan])
    world["leader"].call("child.plan", "action_approve", [plan])
    return plan


def state_and_number(user, plan):
    row = user.call("child.plan", "read", [plan], ["state", "number"])[0]
    return row["state"], row["number"]


# Certificates ---------------------------------------------------------------------------------------------------

def test_leader_cannot_add_an_authority(world):
    rogue = signing.make_authority("Rogue CA of a leader")
    refused(lambda: world["leader"].call("child.signing.certificate", "create", {
        "name": "Rogue CA", "kind": "authority", "data": base64.b64encode(rogue["cert_pem"]).decode()}))
    assert not world["leader"].call("child.signing.certificate", "search", [("name", "=", "Rogue CA")])


def test_leader_cannot_add_a_personal_certificate_for_another_official(world):
    rogue = signing.make_authority("Rogue CA of a leader")
    forged = signing.issue_pkcs12(rogue, "Nguyễn Thị Thanh Hà", password="x")
    refused(lambda: world["leader"].call("child.signing.certificate", "create", {
        "name": "Forged", "kind": "signer", "user_id": world["vice_chair"].uid, "password": "x",
        "data": base64.b64encode(forged).decode()}))


def test_admin_cannot_add_a_personal_certificate_naming_someone_else(world, admin):
    data = signing.issue_pkcs12(world["authority"], "Nguyễn Thị Thanh Hà", password="x")
    refused(lambda: InEnglish(admin).call("child.signing.certificate", "create", {
        "name": "Not hers", "kind": "signer", "user_id": world["bare"].uid, "password": "x",
        "data": base64.b64encode(data).decode()}), "Signer:", "Nguyễn Thị Thanh Hà")


@pytest.mark.parametrize("who", ["leader", "admin"])
def test_nobody_reads_a_key_or_its_password(world, admin, who):
    user = world["leader"] if who == "leader" else InEnglish(admin)
    seal = admin.ref("child_reports.certificate_committee_long_bien_demo")
    own = admin.ref("child_reports.certificate_leader_demo")
    for certificate in (seal, own):
        row = user.call("child.signing.certificate", "read", [certificate], ["data", "password", "holder"])[0]
        assert (row["data"], row["password"]) == (False, False) and row["holder"]
        rows = user.call("child.signing.certificate", "search_read", [("id", "=", certificate)],
                         ["data", "password"])
        assert (rows[0]["data"], rows[0]["password"]) == (False, False)
        exported = user.call("child.signing.certificate", "export_data", [certificate], ["data", "password"])
        assert [[bool(value) for value in row] for row in exported["datas"]] == [[False, False]], exported
    for domain in ([("password", "=", "demo")], [("password", "!=", False)], [("data", "!=", False)]):
        refused(lambda: user.call("child.signing.certificate", "search", domain), "cannot be searched")
    with pytest.raises(xmlrpc.client.Fault):
        user.call("child.signing.certificate", "read_group", [], ["password"], ["password"])
    for path in ("/web/content/child.signing.certificate/%d/data" % seal,
                 "/web/content/child.signing.certificate/%d/data?download=true" % seal,
                 "/web/content/child.signing.certificate/%d/password" % seal,
                 "/web/image/child.signing.certificate/%d/data" % seal):
        try:
            _type, body = user.download(path)
        except urllib.error.HTTPError as error:
            assert error.code in (403, 404), (path, error.code)
            continue
        assert b"demo" not in body and not body.startswith(b"0\x82"), (path, body[:40])


# Issuing --------------------------------------------------------------------------------------------------------

def test_user_without_a_personal_certificate_cannot_issue(world):
    plan = approved_plan(world, world["bare"].uid, world["bo_de"])
    refused(lambda: world["bare"].call("child.plan", "action_issue", [plan]),
            "personal signing certificate of %s" % world["bare"].name)
    assert state_and_number(world["leader"], plan) == ("approved", False)


def test_leader_who_is_not_the_signer_cannot_issue(world):
    plan = approved_plan(world, world["vice_chair"].uid, world["bo_de"])
    refused(lambda: world["leader"].call("child.plan", "action_issue", [plan]),
            "signed by Nguyễn Thị Thanh Hà", "only they can issue it")
    assert state_and_number(world["leader"], plan) == ("approved", False)


def test_issuer_without_a_seal_cannot_issue(world):
    plan = approved_plan(world, world["leader"].uid, world["unsealed"])
    refused(lambda: world["leader"].call("child.plan", "action_issue", [plan]), "seal (organisation certificate)")
    assert state_and_number(world["leader"], plan) == ("approved", False)


def test_expired_certificate_is_refused(world):
    plan = approved_plan(world, world["expired"].uid, world["bo_de"])
    refused(lambda: world["expired"].call("child.plan", "action_issue", [plan]),
            "from 01/01/2020 to 31/12/2021")
    assert state_and_number(world["leader"], plan) == ("approved", False)


def test_issue_date_is_not_typed_in_and_is_today_in_vietnam(world):
    refused(lambda: world["officer"].call("child.plan", "create", {
        "name": unique("Lùi ngày"), "year": 2026, "issuer_id": world["bo_de"], "issue_date": "2026-01-01"}),
        "Issue Date:")
    plan = approved_plan(world, world["leader"].uid, world["bo_de"])
    refused(lambda: world["officer"].call("child.plan", "write", [plan], {"issue_date": "2026-01-01"}),
            "Issue Date:")
    world["leader"].call("child.plan", "action_issue", [plan], context={"tz": "Pacific/Kiritimati"})
    row = world["leader"].call("child.plan", "read", [plan], ["issue_date", "state", "number_seq"])[0]
    assert row["state"] == "issued"
    assert row["issue_date"] == datetime.datetime.now(pytz.timezone("Asia/Ho_Chi_Minh")).strftime("%Y-%m-%d")
    # a register number at or below the last one given is refused; above it, the gap is allowed
    for asked in (row["number_seq"], 1):
        again = approved_plan(world, world["leader"].uid, world["bo_de"], register_number=asked)
        refused(lambda: world["leader"].call("child.plan", "action_issue", [again]), "Register number:",
                "is not above %d" % row["number_seq"])
        assert state_and_number(world["leader"], again) == ("approved", False)


def test_demo_documents_are_signed_by_their_signer_and_the_seal(world):
    viewer = world["leader"]
    for number, signer in (("116/KH-UBND", "Nguyễn Thị Thanh Hà"), ("117/KH-UBND", "Lê Thị Hồng Nhung")):
        documents = viewer.call("child.document", "search_read", [("number", "=", number)],
                                ["signature_count", "signature_note", "issue_date"])
        assert len(documents) == 1, (number, documents)
        assert documents[0]["signature_count"] == 2
        assert documents[0]["signature_note"].splitlines()[0].startswith(signer)


def test_the_server_side_dated_issue_is_not_reachable_over_rpc(world):
    """The demo loads the register's past through child.plan._issue_as_of: no client reaches it."""
    plan = approved_plan(world, world["leader"].uid, world["bo_de"])
    for method, args in (("_issue_as_of", [[plan], world["leader"].uid, "2021-01-01"]),
                         ("_issue", [[plan], "2021-01-01"])):
        refused(lambda: world["leader"].call("child.plan", method, *args), "Private methods")
    assert state_and_number(world["leader"], plan) == ("approved", False)
