"""Every route of the suite's controllers answers what it cannot take with a 4xx (or the page), never a server
error (issue 12): odd tokens (very long, NUL bytes, unicode, path tricks), malformed or huge years and ids in the
query string or the path, uploads that are not PDFs, empty, too large or missing, wrong HTTP methods, a missing
CSRF token; anonymous and logged in."""
import http.cookiejar
import json
import re
import urllib.error
import urllib.request
import uuid

import pytest

ODD_TOKENS = [
    "x", "x" * 5000, "%00", "abc%00def", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2Fodoo.conf", "..", "%",
    "%zz", "%ff%fe%fd", "%C3%BC" * 40, "%F0%9F%98%80" * 20, "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "'%20OR%201%3D1--", "%E2%80%AE" * 10, "A" * 31 + "%00", "-" * 32, "_" * 64, "a" * 65, "%20" * 40,
    "%0d%0aSet-Cookie:%20x%3D1", "null", "undefined", "0", "-1", "%5Cx00",
]
ODD_NUMBERS = [
    "abc", "-1", "0", "99999999999999999999", "2147483648", "1e5", "%00", "2021%00", "%EF%BC%92%EF%BC%90",
    "2021.5", "%202021", "0x7e5", "", "%F0%9F%98%80", "1" * 500, "99999", "1899",
]


class Client:
    """An HTTP client that keeps its cookies and returns the status of every answer (errors included)."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def send(self, method, path, data=None, headers=None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {}, method=method)
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def login(self, db, login, password):
        body = json.dumps({"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}}).encode()
        return self.send("POST", "/web/session/authenticate", body, {"Content-Type": "application/json"})


def multipart(fields, files=()):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                      % (boundary, name, value)).encode())
    for name, filename, data in files:
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                      'Content-Type: application/pdf\r\n\r\n' % (boundary, name, filename)).encode()
                     + data + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return b"".join(parts), {"Content-Type": "multipart/form-data; boundary=%s" % boundary}


@pytest.fixture(scope="module")
def token(admin):
    documents = admin.call("child.document", "search_read", [], ["token", "issuer_id"], limit=1)
    assert documents, "the demo data has issued documents"
    return documents[0]["token"]


def check(failures, client, method, path, data=None, headers=None, expect=None):
    status, body = client.send(method, path, data, headers)
    if status >= 500 or (expect and status not in expect):
        failures.append("%s %s -> %s" % (method, path[:120], status))
    if "Traceback" in body or "/site-packages/" in body:
        failures.append("%s %s -> a traceback in the answer" % (method, path[:120]))
    return status, body


def test_odd_tokens_are_not_found(odoo_url, token):
    client, failures = Client(odoo_url), []
    for odd in ODD_TOKENS + [token + "%00", token + "x", token[:-1], token + "/x", token + "%2F..", token * 3]:
        check(failures, client, "GET", "/child/verify/%s" % odd, expect=(404,))
        check(failures, client, "GET", "/child/verify/%s?lang=%s" % (token, odd))
    assert not failures, "\n".join(failures)


def test_register_refuses_malformed_years_and_issuers(odoo_url):
    client, failures = Client(odoo_url), []
    for odd in ODD_NUMBERS:
        check(failures, client, "GET", "/child/register?year=%s" % odd)
        check(failures, client, "GET", "/child/register?issuer=%s" % odd)
        check(failures, client, "GET", "/child/register?issuer=%s&year=%s&lang=%s" % (odd, odd, odd))
    for malformed in ("abc", "-1", "99999999999999999999", "%00", "99999"):
        check(failures, client, "GET", "/child/register?year=%s" % malformed, expect=(400,))
    check(failures, client, "GET", "/child/register?issuer=2147483647", expect=(404,))
    check(failures, client, "GET", "/child/register?issuer=1&issuer=2&year=2021&year=x")
    status, _body = check(failures, client, "GET", "/child/register?year=2021")
    assert status == 200
    assert not failures, "\n".join(failures)


def test_wrong_methods_and_missing_csrf_are_refused(odoo_url, token):
    client, failures = Client(odoo_url), []
    for method in ("PUT", "DELETE", "PATCH"):
        for path in ("/child/verify/%s" % token, "/child/register"):
            check(failures, client, method, path, b"x", expect=(405,))
    check(failures, client, "POST", "/child/register", b"", expect=(400, 405))
    body, headers = multipart([("lang", "vi_VN")], [("upload", "a.pdf", b"%PDF-1.4")])
    check(failures, client, "POST", "/child/verify/%s" % token, body, headers, expect=(400,))
    # a JSON body to a page: Odoo answers as JSON-RPC (200 with an error), with no traceback for a visitor
    check(failures, client, "POST", "/child/verify/%s" % token, b"{}", {"Content-Type": "application/json"},
          expect=(200, 400))
    status, body = check(failures, client, "POST", "/web/dataset/call_kw", json.dumps(
        {"jsonrpc": "2.0", "params": {"model": "child.document", "method": "search_read", "args": []}}).encode(),
        {"Content-Type": "application/json"})
    assert status == 200 and '"error"' in body
    assert not failures, "\n".join(failures)


def test_uploads_that_are_not_the_issued_pdf_get_the_page(odoo_url, token):
    client, failures = Client(odoo_url), []
    path = "/child/verify/%s" % token
    _status, page = client.send("GET", path)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    uploads = [
        ([("upload", "a.pdf", b"not a pdf at all")], "different"),
        ([("upload", "empty.pdf", b"")], "no_file"),
        ([("upload", "", b"%PDF-1.4")], "no_file"),
        ([("upload", "%s.pdf" % ("ü" * 300), b"%PDF-1.4 \x00\xff")], "different"),
        ([("upload", "../../etc/passwd", b"\x00" * 1000)], "different"),
        ([("other", "a.pdf", b"%PDF-1.4")], "no_file"),
        ([], "no_file"),
        ([("upload", "big.pdf", b"0" * (21 * 1024 * 1024))], "too_large"),
    ]
    for files, result in uploads:
        body, headers = multipart([("csrf_token", csrf), ("lang", "vi_VN")], files)
        status, page = check(failures, client, "POST", path, body, headers, expect=(200,))
        found = re.search(r'id="check-result" data-result="([a-z_]+)"', page)
        if status == 200 and (not found or found.group(1) != result):
            failures.append("upload %r: %s instead of %s" % ([f[1][:20] for f in files],
                                                             found and found.group(1), result))
    body, headers = multipart([("csrf_token", csrf), ("upload", "just text")])
    check(failures, client, "POST", path, body, headers, expect=(200,))
    body, headers = multipart([("csrf_token", csrf)])
    check(failures, client, "POST", path, body[:-10], headers)   # a truncated body
    check(failures, client, "POST", path, b"csrf_token=%s&upload=x" % csrf.encode(),
          {"Content-Type": "application/x-www-form-urlencoded"}, expect=(200,))
    assert not failures, "\n".join(failures)


def test_logged_in_routes_refuse_odd_ids(odoo_url, odoo_db):
    anonymous, user, failures = Client(odoo_url), Client(odoo_url), []
    user.login(odoo_db, "viewer", "demo")
    for odd in ("0", "99999999999999999999", "2147483648", "2147483647", "-1", "abc", "%00"):
        for path in ("/child/plan/%s/docx", "/child/report/%s/pdf", "/child/report/%s/docx",
                     "/child/statistics/%s/2021/year/csv", "/child/statistics/1/%s/year/csv"):
            check(failures, anonymous, "GET", path % odd)
            check(failures, user, "GET", path % odd, expect=(403, 404))
    assert not failures, "\n".join(failures)


def test_a_refused_download_is_403_not_a_server_error(odoo_url, odoo_db, admin):
    """The reconciliation workbook (finance officers and leaders) asked for by roles that may not read it: 403,
    not the 500 of an access error escaping the route; the finance officer gets it."""
    run = admin.call("child.allowance.reconciliation", "search", [("state", "=", "done")], limit=1)
    assert run, "the demo data has a reconciliation run"
    path = "/report/xlsx/child_reports.reconciliation_xlsx/%d" % run[0]
    failures = []
    for login in ("viewer", "justice", "officer"):
        client = Client(odoo_url)
        client.login(odoo_db, login, "demo")
        check(failures, client, "GET", path, expect=(403,))
    finance = Client(odoo_url)
    finance.login(odoo_db, "finance", "demo")
    check(failures, finance, "GET", path, expect=(200,))
    assert not failures, "\n".join(failures)
