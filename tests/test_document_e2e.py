"""The issued plan as a document, on the live test server: a leader who configured their signing certificate
issues a plan; its signed PDF carries a QR code that opens the public verification page; a visitor's upload of
the PDF is confirmed and a tampered copy is refused; the DOCX and the draft print download.

The administrator only sets up fixture data (an area, its committee, the users); the officer drafts, the leader
issues (the administrator adds the certificates), the visitor has no login at all.
"""
import base64
import datetime
import hashlib
import http.cookiejar
import io
import re
import subprocess
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import docx
import pytest
import pytz
from PIL import Image
from pyzbar.pyzbar import decode

from child_reports_engines import signing

PASSWORD = "pw"
SIGNER = "Phạm Thị Kiểm Thử"


def unique(text):
    return "%s %s" % (text, uuid.uuid4().hex[:8])


class Visitor:
    """A browser without a login: keeps its cookies (the CSRF token of a form is bound to the session)."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.status, response.read().decode("utf-8")

    def upload(self, path, csrf_token, name, data):
        boundary = uuid.uuid4().hex
        parts = []
        for field, value in (("csrf_token", csrf_token), ("lang", "vi_VN")):
            parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                          % (boundary, field, value)).encode())
        parts.append(('--%s\r\nContent-Disposition: form-data; name="upload"; filename="%s"\r\n'
                      'Content-Type: application/pdf\r\n\r\n' % (boundary, name)).encode() + data + b"\r\n")
        parts.append(("--%s--\r\n" % boundary).encode())
        request = urllib.request.Request(self.base + path, b"".join(parts),
                                         {"Content-Type": "multipart/form-data; boundary=%s" % boundary})
        with self.opener.open(request, timeout=60) as response:
            return response.read().decode("utf-8")


def csrf_of(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def check_result(page):
    return re.search(r'id="check-result" data-result="([a-z_]+)"', page).group(1)


def qr_codes(pdf):
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", "-", folder + "/p"],
                       input=pdf, check=True)
        return [code.data.decode() for code in decode(Image.open(next(Path(folder).glob("p*.png"))))]


@pytest.fixture(scope="module")
def issued(odoo_rpc, admin, odoo_url):
    """A district committee, an officer and a leader (the plan's signer); the leader uploads the test authority,
    their own certificate and the committee's; the officer drafts a plan, the leader approves and issues it."""
    # the address in QR codes and the one wkhtmltopdf loads styles from: the server the users reach
    admin.call("ir.config_parameter", "set_param", "web.base.url", odoo_url)
    admin.call("ir.config_parameter", "set_param", "report.url", odoo_url)
    place = unique("Kiểm Thử")
    area = admin.call("child.area", "create", {"name": "Quận %s" % place, "place_name": place,
                                                "level": "district"})
    committee = admin.call("child.agency", "create", {"name": "Ủy ban nhân dân quận %s" % place, "code": "UBND",
                                                      "kind": "committee", "area_id": area})
    users = {}
    for role, name in (("officer", unique("Cán bộ")), ("leader", SIGNER)):
        login = unique(role).replace(" ", "_")
        admin.call("res.users", "create", {
            "name": name, "login": login, "password": PASSWORD, "email": "%s@example.org" % login,
            "lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh",
            "groups_id": [(6, 0, [admin.ref("child_protection.group_plan_officer" if role == "officer"
                                            else "child_protection.group_leader")])]})
        users[role] = odoo_rpc.login(login, PASSWORD)
    officer, leader = users["officer"], users["leader"]
    authority = signing.make_authority("E2E test authority")
    for values in (
            {"name": "CA", "kind": "authority", "data": base64.b64encode(authority["cert_pem"]).decode()},
            {"name": "Signer", "kind": "signer", "user_id": leader.uid, "password": "p1",
             "data": base64.b64encode(signing.issue_pkcs12(authority, SIGNER, password="p1")).decode()},
            {"name": "Seal", "kind": "organisation", "agency_id": committee, "password": "p2",
             "data": base64.b64encode(signing.issue_pkcs12(authority, "UBND quận %s" % place,
                                                           "UBND quận %s" % place, password="p2")).decode()}):
        admin.call("child.signing.certificate", "create", values)   # only the administrator adds them
    plan = officer.call("child.plan", "create", {
        "name": "Bảo vệ trẻ em năm 2024 trên địa bàn quận", "year": 2024, "issuer_id": committee,
        "signer_collective": "Ủy ban nhân dân", "signer_authority": "kt",
        "signer_head_title": "Chủ tịch", "signer_position": "Phó Chủ tịch", "signer_user_id": leader.uid,
        "section_ids": [(0, 0, {"name": "Tuyên truyền", "body": "Đưa tin, bài về quyền trẻ em."})],
        "indicator_ids": [(0, 0, {"name": "Trẻ em tham gia", "unit": "percent", "target": 85})],
        "recipient_ids": [(0, 0, {"name": "UBND các phường;"}), (0, 0, {"name": "Lưu: VT."})]})
    officer.call("child.plan", "action_submit", [plan])
    leader.call("child.plan", "action_approve", [plan])
    leader.call("child.plan", "action_issue", [plan])
    document_id = leader.call("child.plan", "read", [plan], ["document_id"])[0]["document_id"][0]
    document = leader.call("child.document", "read", [document_id],
                           ["number", "token", "sha256", "verify_url", "state", "file_name"])[0]
    _type, pdf = leader.download("/web/content/child.document/%d/file/%s?download=true"
                                 % (document_id, document["file_name"]))
    draft_title = unique("Kế hoạch còn dự thảo")
    officer.call("child.plan", "create", {"name": draft_title, "year": 2024, "issuer_id": committee})
    return {"plan": plan, "document": document, "pdf": pdf, "officer": officer, "leader": leader,
            "authority": authority, "committee": committee, "draft_title": draft_title}


def test_leader_gets_a_signed_pdf_whose_qr_opens_the_verification_page(issued, odoo_url):
    document, pdf = issued["document"], issued["pdf"]
    assert document["number"] == "01/KH-UBND"
    assert hashlib.sha256(pdf).hexdigest() == document["sha256"]
    results = signing.verify_pdf(pdf, [issued["authority"]["cert_pem"]])
    assert [(r["signer"], r["valid"]) for r in results] == [(SIGNER, True), (results[1]["signer"], True)]
    assert qr_codes(pdf) == ["%s/child/verify/%s" % (odoo_url, document["token"])]
    status, page = Visitor(odoo_url).get(urllib.parse.urlparse(qr_codes(pdf)[0]).path)
    assert status == 200
    assert 'id="document-number">01/KH-UBND<' in page
    assert document["sha256"] in page
    assert re.search(r'id="document-state"[^>]*>Hợp lệ<', page)
    assert page.count("signature-valid") == 2
    # nothing but what the document itself shows: no login, e-mail or user of the suite
    assert "@example.org" not in page and "Cán bộ" not in page


def test_visitor_upload_confirmed_and_tampered_copy_refused(issued, odoo_url):
    path = "/child/verify/%s" % issued["document"]["token"]
    visitor = Visitor(odoo_url)
    _status, page = visitor.get(path)
    confirmed = visitor.upload(path, csrf_of(page), "ke-hoach.pdf", issued["pdf"])
    assert check_result(confirmed) == "same"
    tampered = bytearray(issued["pdf"])
    tampered[len(tampered) // 2] ^= 0x20
    refused = visitor.upload(path, csrf_of(confirmed), "ke-hoach-sua.pdf", bytes(tampered))
    assert check_result(refused) == "different"
    assert "ke-hoach-sua.pdf" in refused


def test_unknown_token_is_not_found(odoo_url):
    with pytest.raises(urllib.error.HTTPError) as caught:
        Visitor(odoo_url).get("/child/verify/%s" % ("x" * 32))
    assert caught.value.code == 404


def test_docx_and_draft_print_download(issued, odoo_url):
    content_type, data = issued["leader"].download("/child/plan/%d/docx" % issued["plan"])
    assert content_type.startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = docx.Document(io.BytesIO(data))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert "Số: 01/KH-UBND" in cells
    assert SIGNER in cells
    officer = issued["officer"]
    draft = officer.call("child.plan", "create", {
        "name": "Dự thảo kế hoạch", "year": 2024, "issuer_id": officer.call(
            "child.plan", "read", [issued["plan"]], ["issuer_id"])[0]["issuer_id"][0],
        "signer_position": "Chủ tịch", "signer_user_id": issued["leader"].uid})
    content_type, pdf = officer.download("/report/pdf/child_reports.child_plan_draft/%d" % draft)
    assert content_type == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, stdout=subprocess.PIPE, check=True).stdout.decode()
    assert "DỰ THẢO" in text and "Dự thảo kế hoạch" in text


def test_public_register_lists_what_the_committee_issued(issued, odoo_url):
    visitor = Visitor(odoo_url)
    status, page = visitor.get("/child/verify/%s" % issued["document"]["token"])
    register = re.search(r'id="register-link" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    status, page = visitor.get(register)
    assert status == 200
    rows = re.findall(r'<tr class="register-row">(.*?)</tr>', page, re.S)
    assert len(rows) == 1, rows
    assert '/child/verify/%s' % issued["document"]["token"] in rows[0]
    today = datetime.datetime.now(pytz.timezone("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y")  # the day it was signed
    assert "01/KH-UBND" in rows[0] and today in rows[0] and "Hợp lệ" in rows[0]
    # nothing that was not issued, nothing of the users
    assert issued["draft_title"] not in page
    for user in (issued["officer"], issued["leader"]):
        assert user.login not in page
    assert "@example.org" not in page
    # another year of the committee: nothing issued then
    status, page = visitor.get("/child/register?issuer=%d&year=2023" % issued["committee"])
    assert status == 200 and 'class="register-row"' not in page
