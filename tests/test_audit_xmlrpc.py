"""The chatter and the audit log keep a change whatever context a client sends, on the live test server.

A client may send ``tracking_disable``, ``mail_notrack`` and ``mail_create_nolog`` with any call: on the suite's
models they are ignored (child_protection/models/mail_thread.py), and OCA's auditlog logs the change anyway, with its
old and new values. A certificate's PKCS#12 file and password are never copied into the audit log's tables, read
with a direct connection to the test database. The logs are the administrators'.
"""
import base64
import os
import xmlrpc.client

import psycopg2
import pytest

from child_reports_engines import signing
from test_plan_xmlrpc import ACCESS_ERROR, area, committee, create_plan, unique, users  # noqa: F401 (fixtures)

QUIET = {"lang": "en_US", "tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}
SECRET_PASSWORD = "Pkcs12-secret-of-the-test"


@pytest.fixture(scope="module")
def database(odoo_db):
    connection = psycopg2.connect(
        dbname=odoo_db, host=os.environ.get("CHILD_TEST_PGHOST", "127.0.0.1"),
        port=int(os.environ.get("CHILD_TEST_PGPORT", "5432")), user=os.environ.get("CHILD_TEST_PGUSER", "odoo"))
    connection.autocommit = True
    yield connection
    connection.close()


def audited(admin, model, res_id, field, method="write"):
    """(old, new) of each logged ``method`` of ``field`` of the record."""
    lines = admin.call("auditlog.log.line", "search_read", [
        ("log_id.model_id.model", "=", model), ("log_id.res_id", "=", res_id), ("log_id.method", "=", method),
        ("field_id.name", "=", field)], ["old_value_text", "new_value_text"])
    return [(line["old_value_text"], line["new_value_text"]) for line in lines]


def test_tracking_disable_sent_by_a_client_keeps_the_chatter_and_the_log(admin, users, committee):
    plan = create_plan(users.officer, committee)
    old_name = users.officer.call("child.plan", "read", [plan], ["name"])[0]["name"]
    users.officer.call("child.plan", "write", [plan], {"name": "Kế hoạch đã đổi tên"}, context=QUIET)
    tracked = admin.call("mail.tracking.value", "search_read", [
        ("mail_message_id.model", "=", "child.plan"), ("mail_message_id.res_id", "=", plan),
        ("field", "=", "name")], ["old_value_char", "new_value_char"])
    assert (old_name, "Kế hoạch đã đổi tên") in [
        (value["old_value_char"], value["new_value_char"]) for value in tracked]
    assert audited(admin, "child.plan", plan, "name") == [(old_name, "Kế hoạch đã đổi tên")]
    # a plan created with mail_create_nolog still says it was created
    quiet_plan = users.officer.call("child.plan", "copy", plan, context=QUIET)
    assert admin.call("mail.message", "search_count", [("model", "=", "child.plan"), ("res_id", "=", quiet_plan)])
    assert admin.call("auditlog.log", "search_count", [
        ("model_id.model", "=", "child.plan"), ("res_id", "=", quiet_plan), ("method", "=", "create")]) == 1


def test_the_audit_log_is_the_administrators(users):
    for user in (users.officer, users.leader, users.viewer, users.focal_point):
        for model in ("auditlog.log", "auditlog.log.line"):
            with pytest.raises(xmlrpc.client.Fault) as refused:
                user.call(model, "search_read", [], ["name"] if model == "auditlog.log" else ["field_name"])
            assert refused.value.faultCode == ACCESS_ERROR


def test_certificate_changes_logged_without_their_secrets(admin, users, committee, database):
    authority = signing.make_authority(unique("Audit test CA"))
    data = base64.b64encode(signing.issue_pkcs12(authority, "UBND Thử", "UBND Thử", password=SECRET_PASSWORD))
    area_id = admin.call("child.agency", "read", [committee], ["area_id"])[0]["area_id"][0]
    unsealed = admin.call("child.agency", "create", {"name": unique("Ủy ban chưa có dấu"), "code": "UBND",
                                                     "kind": "committee", "area_id": area_id})
    certificate = admin.call("child.signing.certificate", "create", {
        "name": "Con dấu", "kind": "organisation", "agency_id": unsealed, "password": SECRET_PASSWORD,
        "data": data.decode()}, context=QUIET)
    admin.call("child.signing.certificate", "write", [certificate], {"name": "Con dấu 2030"}, context=QUIET)
    renewed = base64.b64encode(signing.issue_pkcs12(authority, "UBND Thử", "UBND Thử",
                                                    password=SECRET_PASSWORD + "2"))
    admin.call("child.signing.certificate", "write", [certificate], {
        "data": renewed.decode(), "password": SECRET_PASSWORD + "2"}, context=QUIET)
    assert audited(admin, "child.signing.certificate", certificate, "name") == [("Con dấu", "Con dấu 2030")]
    with database.cursor() as cr:
        cr.execute("""
            SELECT f.name FROM auditlog_log_line l JOIN auditlog_log g ON g.id = l.log_id
              JOIN ir_model m ON m.id = g.model_id JOIN ir_model_fields f ON f.id = l.field_id
             WHERE m.model = 'child.signing.certificate' AND g.res_id = %s""", [certificate])
        logged = {name for (name,) in cr.fetchall()}
        assert "name" in logged and not logged & {"data", "password", "seal_image"}
        secrets = [SECRET_PASSWORD, data[100:160].decode(), renewed[100:160].decode()]
        for table in ("auditlog_log_line", "auditlog_log"):
            cr.execute("SELECT count(*) FROM %s WHERE row_to_json(%s)::text LIKE ANY(%%s)" % (table, table),
                       [["%" + secret + "%" for secret in secrets]])
            assert cr.fetchone()[0] == 0, table


def test_the_administrator_keeps_the_log_and_the_chatter_as_written(admin, users, committee):
    """admin is the superuser in Odoo 11 (record rules do not bind it): still no rewriting, deleting or vacuuming
    of the audit log, and no rewriting or deleting of a plan's chatter, over XML-RPC."""
    plan = create_plan(users.officer, committee)
    users.officer.call("child.plan", "write", [plan], {"name": unique("Tên mới")})
    logs = admin.call("auditlog.log", "search", [("model_id.model", "=", "child.plan"), ("res_id", "=", plan)])
    lines = admin.call("auditlog.log.line", "search", [("log_id", "in", logs)])
    assert logs and lines
    for call in (("auditlog.log", "write", logs, {"name": "x"}), ("auditlog.log", "unlink", logs),
                 ("auditlog.log.line", "write", lines, {"new_value": "tampered"}),
                 ("auditlog.log.line", "unlink", lines),
                 ("auditlog.log", "create", {"name": "fake", "res_id": plan}),
                 ("auditlog.autovacuum", "autovacuum", 0)):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            admin.call(*call, context={"lang": "en_US"})
        assert "Audit log:" in refused.value.faultString, (call, refused.value.faultString)
    assert admin.call("auditlog.log", "search", [("id", "in", logs)]) == logs
    message = users.officer.call("child.plan", "message_post", [plan], body="Đã trình lãnh đạo.")
    for user in (users.officer, admin):
        for call in (("mail.message", "write", [message], {"body": "<p>viết lại</p>"}),
                     ("mail.message", "unlink", [message])):
            with pytest.raises(xmlrpc.client.Fault) as refused:
                user.call(*call, context={"lang": "en_US"})
            assert "Messages: the history of a record of the suite is kept" in refused.value.faultString
    assert "Đã trình lãnh đạo." in admin.call("mail.message", "read", [message], ["body"])[0]["body"]


def test_nobody_forges_a_history_entry_or_widens_a_ward_officers_view(admin, users, committee):
    """Over XML-RPC: a message in another's name, backdated, or with made-up tracking is refused; the plan
    officer cannot add focal points to an agency (they decide who sees a ward's personal data and money)."""
    plan = create_plan(users.officer, committee)
    leader_partner = users.leader.call("res.users", "read", [users.leader.uid], ["partner_id"])[0]["partner_id"][0]
    forged = {"model": "child.plan", "res_id": plan, "body": "Lãnh đạo đã duyệt", "author_id": leader_partner,
              "date": "2021-01-01 00:00:00", "message_type": "notification",
              "tracking_value_ids": [(0, 0, {"field": "state", "field_desc": "State", "field_type": "char",
                                             "old_value_char": "draft", "new_value_char": "approved"})]}
    with pytest.raises(xmlrpc.client.Fault) as refused:
        users.officer.call("mail.message", "create", forged, context={"lang": "en_US"})
    assert "Messages:" in refused.value.faultString
    with pytest.raises(xmlrpc.client.Fault) as refused:
        users.officer.call("child.agency", "write", [committee], {"user_ids": [(4, users.focal_point.uid)]},
                           context={"lang": "en_US"})
    assert refused.value.faultCode == ACCESS_ERROR, refused.value.faultString
