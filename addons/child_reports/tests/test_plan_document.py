import base64
import hashlib
import io
import pathlib
import subprocess
import tempfile

import docx
from freezegun import freeze_time
from PIL import Image
from pyzbar.pyzbar import decode

from odoo.exceptions import AccessError, UserError

from odoo.addons.child_protection.tests.common import ChildProtectionCase, fixture_pki

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
    """The test authority, the signer's certificate (the leader, who signs as the plan's signer) and the issuing
    committees', added by the administrator (ChildProtectionCase._add_certificates)."""

    @classmethod
    def setUpClass(cls):
        super(DocumentCase, cls).setUpClass()
        cls.env["ir.config_parameter"].set_param("web.base.url", "http://verify.example.org")
        cls.authority = fixture_pki()["authority"]

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

    def approved_plan(self):
        plan = self.make_plan()
        plan.sudo(self.officer).action_submit()
        plan.sudo(self.leader).action_approve()
        return plan

    def assertNotIssued(self, plan):
        self.assertEqual(plan.state, "approved")
        self.assertFalse(plan.number)
        self.assertFalse(self.env["child.document"].search([("plan_id", "=", plan.id)]))

    def test_issue_without_the_personal_certificate_is_refused(self):
        self.signer_certificate.active = False
        plan = self.approved_plan()
        with self.assertRefused(UserError, "Signing:", "personal signing certificate of Nguyễn Văn Thử"):
            plan.sudo(self.leader).action_issue()
        self.assertNotIssued(plan)

    def test_issue_without_the_seal_is_refused(self):
        self.seal_certificate.active = False
        plan = self.approved_plan()
        with self.assertRefused(UserError, "Signing:", "seal (organisation certificate) of UBND huyện Thử"):
            plan.sudo(self.leader).action_issue()
        self.assertNotIssued(plan)

    def test_expired_certificate_is_refused_with_its_dates(self):
        plan = self.approved_plan()
        with freeze_time("2041-01-02 03:00:00"):
            with self.assertRefused(UserError, "Signing certificate Leader:", "from 01/01/2020 to 31/12/2040"):
                plan.sudo(self.leader).action_issue()
        self.assertNotIssued(plan)

    def test_certificate_of_another_person_refuses_the_issue(self):
        self.leader.name = "Trần Thị Khác"   # the signer renamed: her certificate no longer names her
        plan = self.approved_plan()
        with self.assertRefused(UserError, "Signer:", "Nguyễn Văn Thử", "Trần Thị Khác"):
            plan.sudo(self.leader).action_issue()
        self.assertNotIssued(plan)

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

    def test_signer_freezes_a_plan_issued_without_its_document(self):
        plan = self.issue(self.make_plan())
        self.env.cr.execute("DELETE FROM child_document WHERE plan_id = %s", [plan.id])
        plan.invalidate_cache()
        with self.assertRefused(AccessError, "only a leader"):
            plan.sudo(self.officer).action_freeze_document()
        other = self._user("leader_other", "group_leader")
        with self.assertRefused(AccessError, "signed by Nguyễn Văn Thử"):
            plan.sudo(other).action_freeze_document()
        plan.sudo(self.leader).action_freeze_document()
        self.assertEqual(plan.document_id.signature_count, 2)   # the signer's and the committee's seal
        with self.assertRefused(UserError, "without its document"):
            plan.sudo(self.leader).action_freeze_document()
