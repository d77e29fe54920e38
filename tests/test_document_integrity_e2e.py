"""Issued documents on the live test server (issue 12): the administrator cannot rewrite or delete a document or
its PDF's attachment over XML-RPC; what is changed behind the application (SQL on a title, a hash, an entry hash;
a row deleted; the PDF replaced or removed in the filestore; the last entries gone, as after an old backup) is said
by the public verification page and found by the auditor's command (scripts/audit_documents.py), which exits
non-zero.

The tampering is done on documents of two committees made for this module, and undone afterwards (the test
database is shared by the whole run): the last run of the command finds everything verified again.
"""
import os
import re
import subprocess
import sys
import uuid
import xmlrpc.client
from pathlib import Path

import psycopg2
import pytest

import signing_setup
from test_document_e2e import Visitor

ROOT = Path(__file__).resolve().parent.parent
AUDIT = [sys.executable, str(ROOT / "scripts" / "audit_documents.py")]


def unique(text):
    return "%s %s" % (text, uuid.uuid4().hex[:8])


def connect(dbname):
    connection = psycopg2.connect(
        dbname=dbname, host=os.environ.get("CHILD_TEST_PGHOST", "127.0.0.1"),
        port=int(os.environ.get("CHILD_TEST_PGPORT", "5432")), user=os.environ.get("CHILD_TEST_PGUSER", "odoo"))
    connection.autocommit = True
    return connection


def audit(db, *args):
    result = subprocess.run(AUDIT + [db] + list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            cwd=str(ROOT), timeout=600)
    return result.returncode, result.stdout.decode("utf-8", "replace")


def page_status(odoo_url, token):
    """(HTTP status, stored file's status, register's status, whether the signatures could be checked)."""
    try:
        status, page = Visitor(odoo_url).get("/child/verify/%s" % token)
    except Exception as error:  # urllib's HTTPError
        return getattr(error, "code", None), None, None, None
    stored = re.search(r'id="stored-file" data-status="([a-z]+)"', page).group(1)
    chain = re.search(r'id="register-chain" data-status="([a-z]+)"', page).group(1)
    return status, stored, chain, 'id="signatures-unchecked"' not in page


@pytest.fixture(scope="module")
def registers(odoo_rpc, admin, odoo_db):
    """Two committees made for this module: A issues five plans, B three, signed by their leader and sealed."""
    area = admin.call("child.area", "create", {"name": unique("Quận Toàn Vẹn"), "level": "district"})
    users = {}
    for role, group in (("officer", "group_plan_officer"), ("leader", "group_leader")):
        login = unique(role).replace(" ", "_")
        users[role] = admin.call("res.users", "create", {
            "name": unique("Cán bộ %s" % role), "login": login, "password": "pw", "email": "%s@example.org" % login,
            "groups_id": [(6, 0, [admin.ref("child_protection.%s" % group)])]})
        users[role + "_login"] = odoo_rpc.login(login, "pw")
    officer, leader = users["officer_login"], users["leader_login"]
    signing_setup.trust_authority(admin)
    signing_setup.add_signer(admin, users["leader"], admin.call("res.users", "read", [users["leader"]],
                                                                ["name"])[0]["name"])
    result = {}
    for key, count in (("A", 5), ("B", 3)):
        name = unique("Ủy ban nhân dân %s" % key)
        committee = admin.call("child.agency", "create", {"name": name, "code": "UBND", "kind": "committee",
                                                          "area_id": area})
        signing_setup.add_seal(admin, committee, name)
        documents = []
        for n in range(1, count + 1):
            plan = officer.call("child.plan", "create", {
                "name": "Kế hoạch %s số %d" % (key, n), "year": 2026, "issuer_id": committee,
                "signer_position": "Phó Chủ tịch", "signer_user_id": users["leader"],
                "signer_collective": "Ủy ban nhân dân", "signer_authority": "kt", "signer_head_title": "Chủ tịch",
                "section_ids": [(0, 0, {"name": "Tuyên truyền", "body": "Nội dung %d." % n})],
                "indicator_ids": [(0, 0, {"name": "Trẻ em tham gia", "unit": "percent", "target": 85})],
                "recipient_ids": [(0, 0, {"name": "UBND các phường;"}), (0, 0, {"name": "Lưu: VT."})]})
            officer.call("child.plan", "action_submit", [plan])
            leader.call("child.plan", "action_approve", [plan])
            leader.call("child.plan", "action_issue", [plan])
            document_id = admin.call("child.plan", "read", [plan], ["document_id"])[0]["document_id"][0]
            documents.append(admin.call("child.document", "read", [document_id],
                                        ["number", "token", "sha256", "title"])[0])
        result[key] = {"name": name, "id": committee, "documents": documents}
    return result


def attachment_of(admin, document_id):
    ids = admin.call("ir.attachment", "search", [("res_model", "=", "child.document"),
                                                 ("res_field", "=", "file"), ("res_id", "=", document_id)])
    assert len(ids) == 1, ids
    return admin.call("ir.attachment", "read", ids, ["store_fname", "datas"])[0]


def refused(call, *args):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call(*args, context={"lang": "en_US"})
    return caught.value.faultString


def test_admin_cannot_rewrite_or_delete_an_issued_document_over_xmlrpc(registers, admin):
    document = registers["A"]["documents"][0]
    for values in ({"title": "Đã sửa"}, {"sha256": "0" * 64}, {"file": "JVBERi0xLjQ="}, {"state": "revoked"}):
        assert "never changed" in refused(admin.call, "child.document", "write", [document["id"]], values)
    assert "kept for good" in refused(admin.call, "child.document", "unlink", [document["id"]])
    # Odoo 11's copy() creates without the context's language: the refusal comes in the administrator's own
    assert refused(admin.call, "child.document", "copy", document["id"])
    attachment = attachment_of(admin, document["id"])
    assert "never changed" in refused(admin.call, "ir.attachment", "write", [attachment["id"]],
                                      {"datas": "JVBERi0xLjQ="})
    assert "kept for good" in refused(admin.call, "ir.attachment", "unlink", [attachment["id"]])
    assert "in its place" in refused(admin.call, "ir.attachment", "create", {
        "name": "gia.pdf", "res_model": "child.document", "res_field": "file", "res_id": document["id"],
        "datas": "JVBERi0xLjQ="})
    after = admin.call("child.document", "read", [document["id"]], ["title", "sha256", "state"])[0]
    assert (after["title"], after["sha256"], after["state"]) == (document["title"], document["sha256"], "valid")
    assert attachment_of(admin, document["id"])["datas"] == attachment["datas"]
    # nor beside it: a forged PDF attached to the document would be listed with the issued one
    assert "in its place" in refused(admin.call, "ir.attachment", "create", {
        "name": "%s.pdf" % document["number"].replace("/", "-"), "res_model": "child.document",
        "res_id": document["id"], "datas": "JVBERi0xLjQgZm9yZ2Vk"})


def test_changes_behind_the_application_are_found_by_the_page_and_the_audit(registers, admin, odoo_db, odoo_url,
                                                                             tmp_path):
    anchors = str(tmp_path / "anchors.json")
    rc, out = audit(odoo_db, "--save-anchors", anchors)
    assert rc == 0 and re.search(r"^all \d+ documents of \d+ issuers verified$", out, re.M), out
    a, b = registers["A"]["documents"], registers["B"]["documents"]
    for document in a + b:
        assert page_status(odoo_url, document["token"]) == (200, "intact", "intact", True)

    filestore = Path(os.environ.get("CHILD_TEST_FILESTORE", str(ROOT / ".data" / "filestore" / odoo_db)))
    b1_path = filestore / attachment_of(admin, b[0]["id"])["store_fname"]
    b2_path = filestore / attachment_of(admin, b[1]["id"])["store_fname"]
    b1_bytes, b2_bytes = b1_path.read_bytes(), b2_path.read_bytes()
    connection = connect(odoo_db)
    cursor = connection.cursor()
    saved = {}
    for document in (a[1], b[2]):
        cursor.execute("SELECT * FROM child_document WHERE id = %s", [document["id"]])
        saved[document["id"]] = (tuple(column.name for column in cursor.description), cursor.fetchone())
    try:
        cursor.execute("UPDATE child_document SET title = 'Tiêu đề đã sửa' WHERE id = %s", [a[0]["id"]])
        cursor.execute("DELETE FROM child_document WHERE id = %s", [a[1]["id"]])      # a middle entry
        cursor.execute("UPDATE child_document SET sha256 = %s WHERE id = %s", ["ab" * 32, a[2]["id"]])
        cursor.execute("UPDATE child_document SET chain_hash = %s WHERE id = %s", ["cd" * 32, a[3]["id"]])
        b1_path.write_bytes(b"not the issued PDF")                                     # replaced in the filestore
        b2_path.unlink()                                                               # removed from it
        cursor.execute("DELETE FROM child_document WHERE id = %s", [b[2]["id"]])      # the last entry gone

        assert page_status(odoo_url, a[0]["token"]) == (200, "intact", "altered", True)
        assert page_status(odoo_url, a[1]["token"])[0] == 404
        assert page_status(odoo_url, a[2]["token"])[:3] == (200, "different", "altered")
        assert page_status(odoo_url, a[3]["token"]) == (200, "intact", "altered", True)
        assert page_status(odoo_url, a[4]["token"]) == (200, "intact", "broken", True)
        assert page_status(odoo_url, b[0]["token"]) == (200, "different", "intact", False)
        assert page_status(odoo_url, b[1]["token"]) == (200, "missing", "intact", False)

        rc, out = audit(odoo_db, "--anchors", anchors)
        assert rc == 1, out
        problems = re.findall(r"^PROBLEM  (\S+) \((.*?)\): (.*)$", out, re.M)
        name_a, name_b = registers["A"]["name"], registers["B"]["name"]
        found = {(number, issuer, what.split(":")[0]) for number, issuer, what in problems}
        for expected in (
                ("01/KH-UBND", name_a, "register entry altered"),
                ("03/KH-UBND", name_a, "register entry missing before this one (or taken twice)"),
                ("03/KH-UBND", name_a, "register chain broken"),
                ("03/KH-UBND", name_a, "stored file does not match the SHA-256 recorded at issue"),
                ("04/KH-UBND", name_a, "register entry altered"),
                ("05/KH-UBND", name_a, "register chain broken"),
                ("01/KH-UBND", name_b, "stored file does not match the SHA-256 recorded at issue"),
                ("01/KH-UBND", name_b, "signatures cannot be checked"),
                ("02/KH-UBND", name_b, "stored file missing or unreadable"),
                ("03/KH-UBND", name_b, "register rolled back or truncated since the anchor was taken")):
            assert expected in found, "%s not in:\n%s" % (expected, out)
        assert re.search(r"^\d+ problem\(s\) in \d+ documents of \d+ issuers$", out, re.M), out
        # expected vs found is printed: the SHA-256 recorded and the one of the stored file
        assert "expected: %s" % ("ab" * 32) in out
    finally:
        cursor.execute("UPDATE child_document SET title = %s WHERE id = %s", [a[0]["title"], a[0]["id"]])
        cursor.execute("UPDATE child_document SET sha256 = %s WHERE id = %s", [a[2]["sha256"], a[2]["id"]])
        for columns, row in saved.values():
            cursor.execute("INSERT INTO child_document (%s) VALUES (%s) ON CONFLICT (id) DO NOTHING"
                           % (", ".join(columns), ", ".join(["%s"] * len(columns))), list(row))
        cursor.execute("SELECT chain_prev FROM child_document WHERE id = %s", [a[4]["id"]])
        cursor.execute("UPDATE child_document SET chain_hash = %s WHERE id = %s",
                       [cursor.fetchone()[0], a[3]["id"]])
        b1_path.write_bytes(b1_bytes)
        b2_path.write_bytes(b2_bytes)
        connection.close()
    for document in a + b:
        assert page_status(odoo_url, document["token"]) == (200, "intact", "intact", True)
    rc, out = audit(odoo_db, "--anchors", anchors)
    assert rc == 0 and re.search(r"^all \d+ documents of \d+ issuers verified$", out, re.M), out


def test_audit_of_a_database_that_is_not_there_says_so():
    rc, out = audit("child_no_such_database_%s" % uuid.uuid4().hex[:8])
    assert rc == 2 and "could not run" in out, out
