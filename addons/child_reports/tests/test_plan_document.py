import base64
import hashlib
import io
import pathlib
import subprocess
import tempfile

import docx
from PIL import Image
from pyzbar.pyzbar import decode

from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.child_protection.tests.common import ChildProtectionCase

from ..engines import signing


def pdf_text(data, first=None, last=None):
    """The text of a PDF as poppler's pdftotext reads it (layout kept), optionally of a range of pages."""
    command = ["pdftotext", "-layout"]
    if first:
        command += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(command + ["-", "-"], input=data, stdout=subprocess.PIPE, check=True).stdout.decode()


def page_count(data):
    info = subprocess.run(["pdfinfo", "-"], input=data, stdout=subprocess.PIPE, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def qr_codes(data, page=1):
    """The QR codes on a page of a PDF, decoded from the page rendered at 150 dpi."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "150", "-f", str(page), "-l", str(page), "-png", "-", folder + "/p"],
                       input=data, check=True)
        image = Image.open(next(pathlib.Path(folder).glob("p*.png")))
        return [code.data.decode() for code in decode(image)]


class DocumentCase(ChildProtectionCase):
    """A test authority, the signer's certificate (the leader, who signs as the plan's signer) and the issuing
    committee's, configured by the leader as a leader would."""

    @classmethod
    def setUpClass(cls):
        super(DocumentCase, cls).setUpClass()
        cls.env["ir.config_parameter"].set_param("web.base.url", "http://verify.example.org")
        cls.authority = signing.make_authority("Test CA of the suite")
        cls.leader.name = "Nguyễn Văn Thử"   # the plan's signer (make_plan)
        Certificate = cls.env["child.signing.certificate"].sudo(cls.leader)
        cls.trusted = Certificate.create({
            "name": "Test CA", "kind": "authority", "data": base64.b64encode(cls.authority["cert_pem"])})
        cls.signer_certificate = Certificate.create({
            "name": "Leader", "kind": "signer", "user_id": cls.leader.id, "password": "secret",
            "data": base64.b64encode(signing.issue_pkcs12(cls.authority, "Nguyễn Văn Thử", password="secret"))})
        cls.seal_certificate = Certificate.create({
            "name": "Committee", "kind": "organisation", "agency_id": cls.committee.id, "password": "seal",
            "data": base64.b64encode(signing.issue_pkcs12(cls.authority, "UBND huyện Thử", "UBND huyện Thử",
                                                          password="seal"))})

    def long_plan(self, **values):
        """A plan whose text runs over two pages."""
        sections = [(0, 0, {"name": "Nhóm nhiệm vụ số %d" % number, "body": "\n".join(
            "Các cơ quan phối hợp thực hiện nội dung %d.%d của kế hoạch, báo cáo kết quả đúng hạn." % (number, line)
            for line in range(1, 5))}) for number in range(1, 9)]
        return self.make_plan(section_ids=sections, **values)


class TestPlanDocument(DocumentCase):

    def test_issue_freezes_a_signed_pdf_in_the_decree_30_layout(self):
        plan = self.issue(self.long_plan())
        document = plan.document_id
        self.assertEqual(document.number, "01/KH-UBND")
        self.assertEqual(document.state, "valid")
        data = base64.b64decode(document.sudo(self.viewer).file)
        self.assertEqual(hashlib.sha256(data).hexdigest(), document.sha256)
        self.assertGreaterEqual(page_count(data), 2)
        page_1, page_2 = pdf_text(data, 1), pdf_text(data, 2)
        text = pdf_text(data)
        for expected in ("ỦY BAN NHÂN DÂN", "HUYỆN THỬ", "Số: 01/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Thử, ngày 05 tháng 3 năm 2030", "KẾ HOẠCH",
                         "Thực hiện công tác trẻ em năm 2030", "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
                         "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Thử"):
            self.assertIn(expected, text)
        # page numbers: none on page 1, "2" centred at the top of page 2
        self.assertEqual(page_1.strip().splitlines()[0].split()[:3], ["ỦY", "BAN", "NHÂN"])
        self.assertEqual(page_2.strip().splitlines()[0].strip(), "2")
        self.assertEqual(qr_codes(data), ["http://verify.example.org/child/verify/%s" % document.token])
        self.assertEqual(len(document.token), 32)
        # both signatures, valid against the authority the leader trusts
        results = document._verify_signatures()
        self.assertEqual([(r["signer"], r["valid"]) for r in results],
                         [("Nguyễn Văn Thử", True), ("UBND huyện Thử", True)])
        self.assertEqual(document.signature_count, 2)

    def test_without_certificates_the_document_is_frozen_unsigned(self):
        self.signer_certificate.active = False
        self.seal_certificate.active = False
        document = self.issue(self.make_plan()).document_id
        self.assertEqual(document.signature_count, 0)
        self.assertEqual(document._verify_signatures(), [])
        self.assertTrue(document._stored_file_intact())

    def test_certificate_of_another_person_refuses_the_issue(self):
        self.leader.name = "Trần Thị Khác"
        plan = self.make_plan(signer_name="Trần Thị Khác")
        plan.sudo(self.officer).write({"issue_date": "2030-03-05"})
        plan.sudo(self.officer).action_submit()
        plan.sudo(self.leader).action_approve()
        with self.assertRefused(UserError, "Signer:", "Nguyễn Văn Thử"):
            plan.sudo(self.leader).action_issue()
        self.assertEqual(plan.state, "approved")
        self.assertFalse(plan.number)
        self.assertFalse(self.env["child.document"].search([("plan_id", "=", plan.id)]))

    def test_changed_byte_is_not_the_issued_file(self):
        document = self.issue(self.make_plan()).document_id
        data = bytearray(base64.b64decode(document.file))
        self.assertEqual(document._check_file(bytes(data)), "same")
        data[len(data) // 3] ^= 0x01
        self.assertFalse(document._check_file(bytes(data)))
        self.assertFalse(all(r["intact"] for r in signing.verify_pdf(bytes(data),
                                                                     [self.authority["cert_pem"]])))

    def test_document_cannot_be_changed_or_deleted(self):
        document = self.issue(self.make_plan()).document_id
        with self.assertRaises(AccessError):
            document.sudo(self.leader).write({"sha256": "0" * 64})
        with self.assertRaises(AccessError):
            document.sudo(self.leader).unlink()
        with self.assertRefused(UserError, "kept for good"):
            document.sudo().unlink()   # not even the superuser
        self.assertEqual(document.state, "valid")

    def test_amendment_supersedes_and_cancel_revokes(self):
        plan = self.issue(self.make_plan())
        old = plan.document_id
        action = plan.sudo(self.officer).action_amend()
        amendment = self.env["child.plan"].browse(action["res_id"])
        amendment.sudo(self.officer).write({"name": "Kế hoạch sửa đổi năm 2030"})
        amended = self.issue(amendment, issue_date="2030-04-01")
        self.assertEqual(old.state, "superseded")
        self.assertEqual(old.superseded_by_id, amended.document_id)
        self.assertEqual(amended.document_id.number, "02/KH-UBND")
        self.assertEqual(amended.document_id.title, "Kế hoạch sửa đổi năm 2030")
        amended.action_cancel()
        self.assertEqual(amended.document_id.state, "revoked")

    def test_docx_holds_the_same_elements(self):
        plan = self.issue(self.make_plan())
        document = docx.Document(io.BytesIO(plan.sudo(self.viewer)._docx()))
        texts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    texts += [p.text for p in cell.paragraphs]
        joined = "\n".join(texts)
        for expected in ("Số: 01/KH-UBND", "Thử, ngày 05 tháng 3 năm 2030", "KẾ HOẠCH", "Nơi nhận:",
                         "- Như trên;", "- Lưu: VT.", "KT. CHỦ TỊCH", "Nguyễn Văn Thử"):
            self.assertIn(expected, joined)

    def test_draft_print_is_marked_and_unnumbered(self):
        plan = self.make_plan()
        html = plan.sudo(self.officer)._draft_html()
        self.assertIn("DỰ THẢO", html)
        self.assertIn("/KH-UBND", html)
        self.assertNotIn("01/KH-UBND", html)

    def test_leader_freezes_a_plan_issued_without_its_document(self):
        self.signer_certificate.active = False
        plan = self.issue(self.make_plan())
        self.env.cr.execute("DELETE FROM child_document WHERE plan_id = %s", [plan.id])
        plan.invalidate_cache()
        with self.assertRefused(AccessError, "only a leader"):
            plan.sudo(self.officer).action_freeze_document()
        plan.sudo(self.leader).action_freeze_document()
        self.assertEqual(plan.document_id.signature_count, 1)   # the committee's seal
        with self.assertRefused(UserError, "without its document"):
            plan.sudo(self.leader).action_freeze_document()


class TestSigningCertificate(DocumentCase):

    def test_only_leaders_see_certificates(self):
        for user in (self.officer, self.viewer, self.finance, self.focal):
            with self.assertRaises(AccessError):
                self.env["child.signing.certificate"].sudo(user).search([])
        self.assertEqual(self.signer_certificate.sudo(self.leader).holder, "Nguyễn Văn Thử")

    def test_a_leader_keeps_only_their_own_personal_certificate(self):
        """Another leader reads the committee's seal and the authorities, not a colleague's key and password;
        the administrator keeps them all."""
        other = self._user("leader_other", "group_leader")
        Certificate = self.env["child.signing.certificate"]
        seen = Certificate.sudo(other).search([]).mapped("kind")
        self.assertNotIn("signer", seen)
        self.assertIn("organisation", seen)
        with self.assertRaises(AccessError):
            self.signer_certificate.sudo(other).read(["password"])
        self.assertEqual(self.signer_certificate.sudo(self.leader).read(["holder"])[0]["holder"], "Nguyễn Văn Thử")
        admin = self.env["res.users"].create({
            "name": "Administrator of the test", "login": "test_cert_admin", "email": "cert_admin@example.org",
            "groups_id": [(6, 0, [self.env.ref("base.group_system").id, self.env.ref("base.group_user").id])]})
        self.assertIn(self.signer_certificate, Certificate.sudo(admin).search([]))

    def test_wrong_password_refused_with_the_field(self):
        data = base64.b64encode(signing.issue_pkcs12(self.authority, "Ai Đó", password="right"))
        with self.assertRefused(ValidationError, "File:", "password"):
            self.env["child.signing.certificate"].sudo(self.leader).create({
                "name": "Sai", "kind": "signer", "user_id": self.officer.id, "password": "wrong", "data": data})

    def test_one_active_certificate_per_signer(self):
        data = base64.b64encode(signing.issue_pkcs12(self.authority, "Nguyễn Văn Thử", password="x"))
        with self.assertRefused(ValidationError, "Signer", "already has an active certificate"):
            self.env["child.signing.certificate"].sudo(self.leader).create({
                "name": "Second", "kind": "signer", "user_id": self.leader.id, "password": "x", "data": data})
