"""The official document as DOCX (child_reports' document_docx engine): written with python-docx, read back with
python-docx as a reader of the file would see it; the QR code decoded with pyzbar."""
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from PIL import Image
from pyzbar.pyzbar import decode

from child_reports_engines import document_docx, official_document

QR_URL = "https://baove-treem.example.vn/child/verify/3f9c2a71e8d04b55"
DOC = {
    "issuer_lines": [("ỦY BAN NHÂN DÂN", True), ("QUẬN LONG BIÊN", True)],
    "number": "116/KH-UBND",
    "place_date": "Long Biên, ngày 24 tháng 02 năm 2021",
    "type_name": "Kế hoạch",
    "title": "Thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn quận năm 2021",
    "blocks": [
        {"kind": "paragraph", "text": "Căn cứ kế hoạch công tác của Ủy ban nhân dân quận năm 2021, Ủy ban nhân dân "
                                      "quận xây dựng kế hoạch bảo vệ, chăm sóc trẻ em như sau:"},
        {"kind": "heading", "text": "I. MỤC ĐÍCH, YÊU CẦU, CHỈ TIÊU"},
        {"kind": "subheading", "text": "1. Một số chỉ tiêu chủ yếu"},
        {"kind": "table", "columns": ["TT", "Chỉ tiêu", "Đơn vị", "Năm 2021"], "widths": [8, 62, 15, 15],
         "rows": [["1", "Phường đạt tiêu chuẩn phù hợp với trẻ em", "phường", "14/14"],
                  ["2", "Trẻ em tham gia Tháng hành động vì trẻ em", "%", 85]]},
        {"kind": "heading", "text": "II. TỔ CHỨC THỰC HIỆN"},
        {"kind": "paragraph", "text": "Ủy ban nhân dân các phường xây dựng kế hoạch, gửi về quận trước ngày "
                                      "15/3/2021./."},
    ],
    "recipients": ["Sở LĐTB&XH Hà Nội;", "Chủ tịch UBND quận;", "UBND các phường;", "Lưu: VT, LĐTBXH."],
    "signature_lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    "signer_name": "Đinh Thị Thu Hương",
    "qr_url": QR_URL,
}
DRAFT = dict(DOC, number="", place_date="", number_suffix="KH-UBND", draft_mark="DỰ THẢO")


def read(doc=DOC):
    return docx.Document(io.BytesIO(document_docx.render_docx(doc)))


def paragraphs(document):
    """Every paragraph of the body, those in the head, data and foot tables too, in reading order."""
    return [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]


def texts(document):
    return [paragraph.text for paragraph in paragraphs(document)]


def find(document, text):
    return next(paragraph for paragraph in paragraphs(document) if paragraph.text == text)


def test_head_title_and_properties():
    document = read()
    lines = texts(document)
    for expected in ("ỦY BAN NHÂN DÂN", "QUẬN LONG BIÊN", "Số: 116/KH-UBND", official_document.MOTTO[0],
                     official_document.MOTTO[1], "KẾ HOẠCH", DOC["title"]):
        assert expected in lines, expected
    assert lines.index("QUẬN LONG BIÊN") < lines.index("Số: 116/KH-UBND") < lines.index("KẾ HOẠCH")
    place_date = find(document, "Long Biên, ngày 24 tháng 02 năm 2021")
    assert all(run.font.italic for run in place_date.runs)
    assert all(run.font.bold for run in find(document, "KẾ HOẠCH").runs + find(document, DOC["title"]).runs)
    assert document.core_properties.title == DOC["title"]
    assert document.core_properties.subject == "116/KH-UBND"


def test_times_new_roman_14_for_every_script():
    normal = read().styles["Normal"]
    fonts = normal.element.rPr.rFonts
    assert [fonts.get(qn("w:%s" % script)) for script in ("ascii", "hAnsi", "eastAsia", "cs")] == [
        "Times New Roman"] * 4
    assert normal.font.size.pt == 14


def test_body_paragraphs_justified_and_indented():
    document = read()
    paragraph = find(document, DOC["blocks"][0]["text"])
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(paragraph.paragraph_format.first_line_indent.cm, 2) == 1.27
    assert all(run.font.bold for run in find(document, "I. MỤC ĐÍCH, YÊU CẦU, CHỈ TIÊU").runs)


def test_recipients_then_signature_in_order():
    lines = texts(read())
    start = lines.index("Nơi nhận:")
    assert lines[start + 1:start + 5] == ["- Sở LĐTB&XH Hà Nội;", "- Chủ tịch UBND quận;", "- UBND các phường;",
                                          "- Lưu: VT, LĐTBXH."]
    positions = [lines.index(text) for text in DOC["signature_lines"] + [DOC["signer_name"]]]
    assert positions == sorted(positions) and positions[0] > start


def test_a4_with_the_decree_margins():
    section = read().sections[0]
    top, right, bottom, left = official_document.MARGINS_MM
    for length, expected in ((section.page_width, 210), (section.page_height, 297), (section.top_margin, top),
                             (section.right_margin, right), (section.bottom_margin, bottom),
                             (section.left_margin, left)):
        assert abs(length.mm - expected) < 0.5


def test_page_numbers_from_page_two():
    section = read().sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert [p.text for p in first.paragraphs] == [""]
    assert not list(first._element.iter(qn("w:instrText"))) and not list(first._element.iter(qn("w:fldSimple")))
    header = section.header._element
    assert [text.text.strip() for text in header.iter(qn("w:instrText"))] == ["PAGE"]
    assert [mark.get(qn("w:fldCharType")) for mark in header.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]


def test_table_with_header_row_and_widths():
    tables = read().tables
    assert len(tables) == 3   # the head, the data, the foot
    table = tables[1]
    assert table.style.name == "Table Grid"
    assert [cell.text for cell in table.rows[0].cells] == ["TT", "Chỉ tiêu", "Đơn vị", "Năm 2021"]
    assert all(run.font.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert [[cell.text for cell in row.cells] for row in table.rows[1:]] == [
        ["1", "Phường đạt tiêu chuẩn phù hợp với trẻ em", "phường", "14/14"],
        ["2", "Trẻ em tham gia Tháng hành động vì trẻ em", "%", "85"]]
    text_width = 210 - 30 - 15
    assert [round(column.width.mm) for column in table.columns] == [round(text_width * share / 100)
                                                                    for share in (8, 62, 15, 15)]


def test_qr_code_of_the_verification_url():
    document = read()
    images = [part for part in document.part.package.iter_parts() if part.content_type.startswith("image/")]
    assert len(images) == 1
    assert [symbol.data.decode() for symbol in decode(Image.open(io.BytesIO(images[0].blob)))] == [QR_URL]
    shape = document.inline_shapes[0]
    assert abs(shape.width.mm - 22) < 0.5 and abs(shape.height.mm - 22) < 0.5


def test_draft_without_number_or_qr():
    document = read(dict(DRAFT, qr_url=None))
    lines = texts(document)
    number = [line for line in lines if line.startswith("Số:")]
    assert len(number) == 1 and number[0].endswith("/KH-UBND") and "116" not in number[0]
    assert "DỰ THẢO" in lines
    assert find(document, "DỰ THẢO").runs[0]._r.rPr.find(qn("w:bdr")) is not None   # boxed
    assert document.core_properties.subject == ""
    assert not document.inline_shapes


def test_missing_signer_is_refused():
    with pytest.raises(ValueError, match="signer name"):
        document_docx.render_docx(dict(DOC, signer_name=""))
