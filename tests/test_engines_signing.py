"""Signing engine of child_reports: PAdES signatures of an official document, checked by pyHanko and by poppler.

The document is a small plan rendered by ``official_document``; the signer's stamp and the organisation's seal go
side by side into the blank space it leaves for them, signed with keys of a test CA built by the engine itself.
"""
import datetime
import io
import shutil
import subprocess

import pytest
from PIL import Image, ImageDraw

from child_reports_engines import official_document, signing

SIGNER = "Nguyễn Thị Thanh Hà"
COMMITTEE = "Ủy ban nhân dân quận Long Biên"
SIGNER_PASSWORD = "mật-khẩu-1"
COMMITTEE_PASSWORD = "con dấu 2021"
DOCUMENT = {
    "issuer_lines": [("ỦY BAN NHÂN DÂN", True), ("QUẬN LONG BIÊN", True)],
    "number": "116/KH-UBND",
    "place_date": "Long Biên, ngày 24 tháng 02 năm 2021",
    "type_name": "KẾ HOẠCH",
    "title": "Thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2021",
    "blocks": [
        {"kind": "heading", "text": "I. MỤC ĐÍCH, YÊU CẦU"},
        {"kind": "paragraph", "text": "Bảo đảm mọi trẻ em trên địa bàn quận được bảo vệ, chăm sóc và giáo dục."},
    ],
    "recipients": ["Sở Lao động - Thương binh và Xã hội;", "Lưu: VT, LĐTBXH."],
    "signature_lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    "signer_name": SIGNER,
}


def _tool(name):
    path = shutil.which(name)
    if not path:
        pytest.fail("poppler's %s is not on PATH: install Debian's poppler-utils" % name, pytrace=False)
    return path


def _seal_png():
    """A red ring on a transparent background, like a scanned organisation seal."""
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((8, 8, 232, 232), outline=(210, 0, 0, 255), width=14)
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


@pytest.fixture(scope="module")
def authority():
    return signing.make_authority("Cơ quan chứng thực thử nghiệm", "Sở Thông tin và Truyền thông")


@pytest.fixture(scope="module")
def stranger():
    """A certificate authority that issued none of the keys."""
    return signing.make_authority("Another Test CA")


@pytest.fixture(scope="module")
def signer_p12(authority):
    return signing.issue_pkcs12(authority, SIGNER, "UBND quận Long Biên", password=SIGNER_PASSWORD)


@pytest.fixture(scope="module")
def document():
    """The unsigned PDF and where its signatures go."""
    pdf, place = official_document.render_pdf(DOCUMENT)
    assert place is not None, "the document left no space for the signatures"
    return pdf, place


@pytest.fixture(scope="module")
def signatures(authority, signer_p12, document):
    """The head's signature in the left half of the space, the committee's seal in the right half."""
    committee_p12 = signing.issue_pkcs12(authority, COMMITTEE, "UBND quận Long Biên", password=COMMITTEE_PASSWORD)
    place = document[1]
    x1, y1, x2, y2 = place["box"]
    middle = (x1 + x2) / 2
    return [
        {"p12": signer_p12, "password": SIGNER_PASSWORD, "field": "Signer", "page": place["page"],
         "box": (x1, y1, middle - 3, y2), "stamp_lines": ["Ký bởi: %s" % SIGNER, "Thời gian: 24/02/2021 09:15"],
         "reason": "Phê duyệt kế hoạch", "location": "Long Biên, Hà Nội", "color": (0, 0, 0.5)},
        {"p12": committee_p12, "password": COMMITTEE_PASSWORD, "field": "Organisation", "page": place["page"],
         "box": (middle + 3, y1, x2, y2), "stamp_lines": ["Đóng dấu: %s" % COMMITTEE],
         "reason": "Đóng dấu", "location": "Long Biên, Hà Nội", "seal_png": _seal_png(), "color": (0.8, 0, 0)},
    ]


@pytest.fixture(scope="module")
def signed(document, signatures, authority):
    return signing.sign_pdf(document[0], signatures, trust_roots=[authority["cert_pem"]])


@pytest.fixture(scope="module")
def signed_file(signed, tmp_path_factory):
    path = tmp_path_factory.mktemp("signing") / "signed.pdf"
    path.write_bytes(signed)
    return path


def test_both_signatures_valid_against_the_test_ca(signed, authority):
    results = signing.verify_pdf(signed, [authority["cert_pem"]])
    assert [(r["field"], r["signer"], r["organisation"]) for r in results] == [
        ("Signer", SIGNER, "UBND quận Long Biên"), ("Organisation", COMMITTEE, "UBND quận Long Biên")]
    for result in results:
        assert (result["intact"], result["trusted"], result["valid"]) == (True, True, True), result
        assert result["summary"].startswith("valid")
        assert abs(result["signing_time"] - datetime.datetime.utcnow()) < datetime.timedelta(minutes=10)


def test_trust_roots_may_be_der(signed, authority):
    der = signing.x509.load_pem_x509_certificate(authority["cert_pem"]).public_bytes(signing.DER)
    assert [r["valid"] for r in signing.verify_pdf(signed, [der])] == [True, True]


def test_pdfsig_agrees(signed_file):
    output = subprocess.run([_tool("pdfsig"), str(signed_file)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True, timeout=60).stdout
    assert "Signature #2:" in output and "Signature #3:" not in output, output
    assert output.count("Signature Validation: Signature is Valid.") == 2, output
    assert "Signer Certificate Common Name: %s" % SIGNER in output, output


def test_changed_byte_breaks_both_signatures(signed, authority):
    start = signed.index(b"stream") + 100   # inside the file's first stream: the page content WeasyPrint wrote
    assert start < signed.index(b"/ByteRange"), "the byte should be in the original document, before the signatures"
    tampered = signed[:start] + bytes([signed[start] ^ 0x01]) + signed[start + 1:]
    results = signing.verify_pdf(tampered, [authority["cert_pem"]])
    assert len(results) == 2
    assert [(r["intact"], r["valid"]) for r in results] == [(False, False), (False, False)], results


def test_other_ca_is_not_trusted(signed, stranger):
    results = signing.verify_pdf(signed, [stranger["cert_pem"]])
    assert [(r["intact"], r["trusted"], r["valid"]) for r in results] == [(True, False, False)] * 2
    assert results[0]["summary"].startswith("untrusted")
    assert [r["trusted"] for r in signing.verify_pdf(signed)] == [False, False]


def test_signer_of_another_ca_is_refused_when_roots_are_given(document, signatures, stranger):
    with pytest.raises(ValueError, match="'Signer' cannot be made: The signer's certificate could not be validated"):
        signing.sign_pdf(document[0], signatures, trust_roots=[stranger["cert_pem"]])


def test_unsigned_pdf_has_no_signatures(document):
    assert signing.verify_pdf(document[0]) == []


def test_not_a_pdf():
    with pytest.raises(ValueError, match="not a readable PDF"):
        signing.verify_pdf(b"<html>not a PDF</html>")


def test_load_pkcs12(signer_p12):
    info = signing.load_pkcs12(signer_p12, SIGNER_PASSWORD)
    assert (info["subject"], info["organisation"], info["issuer"]) == (
        SIGNER, "UBND quận Long Biên", "Cơ quan chứng thực thử nghiệm")
    now = datetime.datetime.utcnow()
    assert info["not_before"] <= now < info["not_after"]
    assert 700 <= (info["not_after"] - info["not_before"]).days <= 731
    assert info["serial"] > 0
    assert signing.load_pkcs12(signer_p12, SIGNER_PASSWORD.encode("utf-8"))["subject"] == SIGNER


def test_load_certificate(authority):
    der = signing.x509.load_pem_x509_certificate(authority["cert_pem"]).public_bytes(signing.DER)
    for data in (authority["cert_pem"], der):
        info = signing.load_certificate(data)
        assert (info["subject"], info["organisation"], info["issuer"]) == (
            "Cơ quan chứng thực thử nghiệm", "Sở Thông tin và Truyền thông", "Cơ quan chứng thực thử nghiệm")
    with pytest.raises(ValueError, match="not a certificate"):
        signing.load_certificate(b"-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n")


def test_wrong_password(signer_p12, document, signatures):
    with pytest.raises(ValueError, match="password"):
        signing.load_pkcs12(signer_p12, "wrong")
    with pytest.raises(ValueError, match="password"):
        signing.sign_pdf(document[0], [dict(signatures[0], password="wrong")])


def test_box_off_the_page_taken_field_and_no_text_are_refused(document, signatures, signed):
    with pytest.raises(ValueError, match="no stamp text"):
        signing.sign_pdf(document[0], [dict(signatures[0], stamp_lines=[])])
    with pytest.raises(ValueError, match="not on page"):
        signing.sign_pdf(document[0], [dict(signatures[0], box=(500, 700, 700, 800))])
    with pytest.raises(ValueError, match="no page 5"):
        signing.sign_pdf(document[0], [dict(signatures[0], page=5)])
    with pytest.raises(ValueError, match="already has a signature field named 'Signer'"):
        signing.sign_pdf(signed, [signatures[0]])


def test_stamp_text_is_in_the_page(signed_file, document):
    page = str(document[1]["page"] + 1)
    text = subprocess.run([_tool("pdftotext"), "-f", page, "-l", page, str(signed_file), "-"],
                          stdout=subprocess.PIPE, universal_newlines=True, timeout=60, check=True).stdout
    assert "Ký bởi: %s" % SIGNER in text, text
    assert "Thời gian: 24/02/2021 09:15" in text, text
    assert "Đóng dấu: %s" % COMMITTEE in " ".join(text.split()), text


def test_stamps_are_drawn_in_their_colours(signed_file, document, tmp_path):
    """Rendered at 144 dpi (2 pixels a point): the signer's box has dark blue ink, the organisation's box red."""
    page = str(document[1]["page"] + 1)
    subprocess.run([_tool("pdftoppm"), "-r", "144", "-png", "-singlefile", "-f", page, "-l", page,
                    str(signed_file), str(tmp_path / "page")], check=True, timeout=60)
    image = Image.open(str(tmp_path / "page.png")).convert("RGB")
    x1, y1, x2, y2 = document[1]["box"]
    middle = (x1 + x2) / 2

    def pixels(left, right, test):
        """How many pixels inside the stamp between ``left`` and ``right`` (points; its border left out) pass."""
        box = [2 * v for v in (left + 3, official_document.PAGE_HEIGHT_PT - y2 + 3, right - 3,
                               official_document.PAGE_HEIGHT_PT - y1 - 3)]
        return sum(1 for r, g, b in image.crop(tuple(int(v) for v in box)).getdata() if test(r, g, b))

    assert pixels(x1, middle - 3, lambda r, g, b: b > 80 and r < 80 and g < 80) > 300
    assert pixels(middle + 3, x2, lambda r, g, b: r > 150 and g < 100 and b < 100) > 3000
