"""What one call may ask of the live server: reads, exports and imports over their limits are refused early, with a
message naming the limit; logins are locked out after repeated failures (OCA auth_brute_force); Odoo's own demo
users cannot log in; the suite's exports show formula-like texts as text.

Each call is made as the least-privileged user who would make it: the plan officer reads areas, the finance officer
exports collaborators and imports a treasury's file.
"""
import base64
import http.cookiejar
import io
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import xmlrpc.client

import pytest
import xlsxwriter

from test_plan_xmlrpc import PASSWORD, unique

SOURCE_LANGUAGE = {"lang": "en_US"}
READ_LIMIT = 10000
EXPORT_LIMIT = 100000
LOAD_LIMIT = 10000
IMPORT_ROWS = 20000


def message(fault):
    return fault.faultString


@pytest.fixture(scope="module")
def users(odoo_rpc, admin):
    """A plan officer and a finance officer of their own."""
    made = {}
    for role, group in (("officer", "child_protection.group_plan_officer"),
                        ("finance", "child_protection.group_finance_officer")):
        login = unique("limits_%s" % role).replace(" ", "_")
        admin.call("res.users", "create", {
            "name": unique("Limits %s" % role), "login": login, "password": PASSWORD, "email": "%s@example.org" % login,
            "groups_id": [(6, 0, [admin.ref(group)])]})
        made[role] = odoo_rpc.login(login, PASSWORD)
    return made


def test_read_over_the_limit_is_refused_early(users):
    officer = users["officer"]
    with pytest.raises(xmlrpc.client.Fault) as refused:
        officer.call("child.area", "read", list(range(1, READ_LIMIT + 2)), ["name"], context=SOURCE_LANGUAGE)
    assert "Read: at most 10,000 records in one call (10,001 were asked for); ask for fewer." in message(
        refused.value)
    started = time.monotonic()
    with pytest.raises(xmlrpc.client.Fault) as refused:
        officer.call("child.area", "read", list(range(1, 200001)), ["name"], context=SOURCE_LANGUAGE)
    assert "Read: at most 10,000 records in one call (200,000 were asked for)" in message(refused.value)
    assert time.monotonic() - started < 30, "the refusal came late"


def test_read_within_the_limit_answers(users):
    officer = users["officer"]
    ids = officer.call("child.area", "search", [], limit=5)
    assert len(officer.call("child.area", "read", ids, ["name"])) == len(ids)
    # a search_read asking for more than the limit answers when the search finds fewer
    assert officer.call("child.area", "search_read", [("id", "in", ids)], ["name"], limit=READ_LIMIT * 10)
    assert officer.call("child.area", "search_read", [("id", "in", ids)], ["name"])


def test_export_over_the_limit_is_refused(users):
    with pytest.raises(xmlrpc.client.Fault) as refused:
        users["finance"].call("child.collaborator", "export_data", list(range(1, EXPORT_LIMIT + 2)), ["name"],
                              context=SOURCE_LANGUAGE)
    assert "Export: at most 100,000 records in one file (100,001 were selected)" in message(refused.value)


def test_load_over_the_limit_is_refused(users):
    rows = [["Vùng %d" % number, "commune"] for number in range(LOAD_LIMIT + 1)]
    with pytest.raises(xmlrpc.client.Fault) as refused:
        users["officer"].call("child.area", "load", ["name", "level"], rows, context=SOURCE_LANGUAGE)
    assert "Import: at most 10,000 rows in one file (this one has 10,001); split the file." in message(
        refused.value)


def _import(finance, filename, content):
    wizard = finance.call("child.allowance.import", "create", {
        "file": base64.b64encode(content).decode("ascii"), "filename": filename})
    with pytest.raises(xmlrpc.client.Fault) as refused:
        finance.call("child.allowance.import", "action_import", [wizard], context=SOURCE_LANGUAGE)
    return message(refused.value)


def test_import_csv_over_the_row_limit_is_refused_before_it_is_read_through(users):
    # the rows after the limit are not even UTF-8: the file is refused for its size before they are reached
    rows = "collaborator_code,month,disbursed_amount\n" + "CTV-X,04/2030,500000\n" * (IMPORT_ROWS + 1)
    content = rows.encode("utf-8") + b"\xff\xfe not UTF-8\n" * 1000
    text = _import(users["finance"], "kho-bac.csv", content)
    assert "File: at most 20,000 rows in one file, below the header; split it. Nothing was imported." in text


def test_import_xlsx_over_the_row_limit_is_refused(users):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": False})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["collaborator_code", "month", "disbursed_amount"])
    for row in range(1, IMPORT_ROWS + 2):
        sheet.write_row(row, 0, ["CTV-X", "04/2030", 500000])
    book.close()
    text = _import(users["finance"], "kho-bac.xlsx", buffer.getvalue())
    assert "File: at most 20,000 rows in one file, below the header; split it." in text


def test_import_over_the_size_limit_is_refused(users):
    content = b"collaborator_code,month,disbursed_amount\n" + b"x" * (10 * 1024 * 1024 + 10)
    text = _import(users["finance"], "kho-bac.csv", content)
    assert "File: at most 10 MB in one file (this one has 10.0 MB); split it" in text


def test_export_shows_formula_like_texts_as_text(admin, users):
    finance = users["finance"]
    area = admin.call("child.area", "create", {"name": unique("Phường Xuất"), "level": "commune"})
    collaborator = finance.call("child.collaborator", "create", {
        "name": "=HYPERLINK(\"http://example.org\",\"Bấm\")", "group_name": "-1+2", "phone": "-0912",
        "area_id": area, "date_start": "2030-01-01"})
    exported = finance.call("child.collaborator", "export_data", [collaborator],
                            ["name", "group_name", "phone", "area_id/id"])["datas"][0]
    assert exported[0] == "'=HYPERLINK(\"http://example.org\",\"Bấm\")"
    assert exported[1] == "'-1+2"
    assert exported[2] == "-0912"  # a number as text, not a formula: left as it is


# Logins ---------------------------------------------------------------------------------------------------------

def test_repeated_wrong_passwords_lock_the_login_out(odoo_rpc, admin):
    """After 10 wrong passwords from one address for one login, the right password is refused too (OCA
    auth_brute_force, limits set by child_protection); other logins from the same address still work."""
    login = unique("lockout").replace(" ", "_")
    admin.call("res.users", "create", {"name": unique("Lockout"), "login": login, "password": PASSWORD,
                                       "groups_id": [(6, 0, [admin.ref("child_protection.group_viewer")])]})
    common = odoo_rpc.proxy("common")
    assert common.authenticate(odoo_rpc.db, login, PASSWORD, {}), "the new user cannot log in at all"
    for attempt in range(10):
        assert not common.authenticate(odoo_rpc.db, login, "wrong-%d" % attempt, {})
    assert not common.authenticate(odoo_rpc.db, login, PASSWORD, {}), "the right password still works: no lockout"
    attempts = admin.call("res.authentication.attempt", "search_read", [("login", "=", login)], ["result"])
    assert [a["result"] for a in attempts].count("failed") == 10
    assert "banned" in [a["result"] for a in attempts]
    # an XML-RPC call with the right password is refused as well
    uid = admin.call("res.users", "search", [("login", "=", login)])[0]
    with pytest.raises(xmlrpc.client.Fault):
        odoo_rpc.proxy("object").execute_kw(odoo_rpc.db, uid, PASSWORD, "child.area", "search", [[]])
    # the lockout is of that login from that address: the others still log in
    assert odoo_rpc.login("viewer", "demo").uid
    # the administrator lifts it by deleting the attempts
    admin.call("res.authentication.attempt", "unlink", [a["id"] for a in attempts])
    assert common.authenticate(odoo_rpc.db, login, PASSWORD, {})


@pytest.mark.parametrize("login, password", [("demo", "demo"), ("portal", "portal")])
def test_odoo_demo_users_cannot_log_in(odoo_rpc, login, password):
    assert not odoo_rpc.proxy("common").authenticate(odoo_rpc.db, login, password, {})


def test_odoo_import_over_the_row_limit_is_refused(users):
    """Odoo's own import (base_import) into a model of the suite stops at the row after the limit."""
    officer = users["officer"]
    # base_import keeps the file's raw bytes; an ASCII text written over XML-RPC is stored as its bytes
    content = "name,level\n" + "".join("Vung %d,commune\n" % number for number in range(LOAD_LIMIT + 1))
    wizard = officer.call("base_import.import", "create", {
        "res_model": "child.area", "file": content, "file_name": "vung.csv", "file_type": "text/csv"})
    errors = officer.call("base_import.import", "do", [wizard], ["name", "level"], {
        "headers": True, "quoting": '"', "separator": ",", "encoding": "utf-8"}, context=SOURCE_LANGUAGE)
    assert [error["message"] for error in errors] == ["Import: at most 10,000 rows in one file; split the file."]
    assert not officer.call("child.area", "search", [("name", "=", "Vung 1")])


@pytest.mark.parametrize("login", ["a\x00b", "a\ud800b", "x" * 100000, "' OR 1=1 --"])
def test_web_login_with_absurd_logins_answers_without_an_internal_error(odoo_rpc, login):
    """/web/login with a login SQL cannot hold (a NUL character, a lone surrogate), 100,000 characters long or an
    injection attempt: a login page that says it failed (4xx at worst), never a server error."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open("%s/web/login" % odoo_rpc.url, timeout=60).read().decode("utf-8")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "login": login, "password": "x", "db": odoo_rpc.db},
                                  errors="surrogatepass").encode("ascii")
    try:
        answer = opener.open("%s/web/login" % odoo_rpc.url, body, timeout=60)
        status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    assert status < 500
