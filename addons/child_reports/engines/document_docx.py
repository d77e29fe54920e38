"""An official document in the layout of Decree 30/2020/NĐ-CP, as a Word file (python-docx).

Plain Python, no odoo import. The same *document* dict that ``official_document`` renders as PDF (its module
docstring describes it) is written here as DOCX, for the offices that finish a draft in Word: the head and the
foot are borderless two-column tables, the body keeps its headings, paragraphs and bordered tables, and Word's own
page fields number the pages from page 2 on. The page, the motto and the check of the document come from
``official_document`` so that both files agree.
"""
import datetime
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .official_document import MARGINS_MM, MOTTO, check_document, number_text, qr_png

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297   # A4
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM[1] - MARGINS_MM[3]
#: Share of the text width: the issuer's column (left) in the head, the recipients' column in the foot.
ISSUER_SHARE, RECIPIENTS_SHARE = 0.4, 0.5
QR_SIZE_MM = 22
#: Empty lines left between the signer's title and name, for the signature and the seal.
SIGNATURE_SPACE_LINES = 5
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def _element(tag, **attributes):
    """A new WordprocessingML element ``w:<tag>`` with ``w:`` attributes."""
    element = OxmlElement("w:%s" % tag)
    for name, value in attributes.items():
        element.set(qn("w:%s" % name), str(value))
    return element


def _set_fonts(rpr):
    """Times New Roman for every script of the run properties ``rpr``, and Vietnamese as their language: Word would
    otherwise take the theme's fonts for East Asian and complex-script text and spell-check in English."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _element("rFonts")
        rpr.insert(0, fonts)
    for name in list(fonts.attrib):
        if name.lower().endswith("theme"):   # asciiTheme, ..., cstheme: they win over the names
            del fonts.attrib[name]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn("w:%s" % script), FONT)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = _element("lang")
        rpr.append(language)   # after rFonts, b, sz...: where the schema puts it
    language.set(qn("w:val"), LANGUAGE)


def _setup_page(document):
    """A4 with the Decree 30 margins; Times New Roman 14 pt, no spacing between paragraphs, by default."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (
        Mm(margin) for margin in MARGINS_MM)
    _set_fonts(document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)


def _page_numbers(section):
    """The page number centred in the header of every page but the first, whose header stays empty."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    for part in ("begin", "PAGE", "separate", "2", "end"):
        run = paragraph.add_run()
        run.font.size = Pt(13)
        if part == "PAGE":
            instruction = _element("instrText")
            instruction.text = " PAGE "
            run._r.append(instruction)
        elif part == "2":
            run.text = part   # the result shown until Word updates the field
        else:
            run._r.append(_element("fldChar", fldCharType=part))


def _line(container, text="", size=14, bold=False, italic=False, align=CENTER, before=0, after=0):
    """A paragraph of one run added to ``container`` (the document or a table cell)."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before, paragraph.paragraph_format.space_after = Pt(before), Pt(after)
    run = paragraph.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold or None, italic or None   # else inherited
    return paragraph


def _rule(container, width_mm, line_width_mm, after=0):
    """A short centred horizontal rule ``line_width_mm`` long, in a column ``width_mm`` wide: the bottom border of
    an empty paragraph, indented from both sides."""
    paragraph = container.add_paragraph()
    border = _element("pBdr")
    border.append(_element("bottom", val="single", sz=6, space=1, color="000000"))
    paragraph._p.get_or_add_pPr().append(border)   # first in the new paragraph's pPr, where the schema puts it
    indent = Mm((width_mm - line_width_mm) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = indent
    fmt.line_spacing, fmt.space_before, fmt.space_after = Pt(4), Pt(0), Pt(after)


def _columns(table, widths_mm):
    """Fixed column widths, in the grid (LibreOffice reads it) and in every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _two_columns(document, left_share):
    """A borderless one-row table of two columns across the text width; returns its cells, emptied."""
    table = document.add_table(rows=1, cols=2)
    left = TEXT_WIDTH_MM * left_share
    _columns(table, (left, TEXT_WIDTH_MM - left))
    cells = table.rows[0].cells
    for cell in cells:
        cell._tc.remove(cell.paragraphs[0]._p)   # the callers add every paragraph
    return cells


def _head(document, doc):
    """Issuer, number, QR code and draft mark top left; the motto and the place-date line top right."""
    issuer, motto = _two_columns(document, ISSUER_SHARE)
    width = TEXT_WIDTH_MM * ISSUER_SHARE
    if doc.get("draft_mark"):
        run = _line(issuer, doc["draft_mark"], size=13, bold=True, after=4).runs[0]
        run._r.get_or_add_rPr().append(_element("bdr", val="single", sz=8, space=2, color="000000"))   # boxed
    for text, bold in doc["issuer_lines"]:
        _line(issuer, text, size=13, bold=bold)
    _rule(issuer, width, width * 0.3)
    number = number_text(doc)
    _line(issuer, number, size=13, before=6)
    if doc.get("qr_url"):
        _line(issuer, align=LEFT, before=6).runs[0].add_picture(io.BytesIO(qr_png(doc["qr_url"])),
                                                               width=Mm(QR_SIZE_MM))
    _line(motto, MOTTO[0], size=13, bold=True)
    _line(motto, MOTTO[1], size=14, bold=True)
    _rule(motto, TEXT_WIDTH_MM - width, (TEXT_WIDTH_MM - width) * 0.6)
    _line(motto, doc.get("place_date") or "", italic=True, before=6)


def _title(document, doc):
    """The type name in capitals and the summary under it, centred and bold, with a short rule."""
    _line(document, doc["type_name"].upper(), bold=True, before=18)
    title = _line(document, doc["title"], bold=True)
    title.paragraph_format.left_indent = title.paragraph_format.right_indent = Mm(TEXT_WIDTH_MM * 0.075)
    _rule(document, TEXT_WIDTH_MM, TEXT_WIDTH_MM * 0.25, after=12)


def _text_block(document, block):
    """A paragraph, a heading or a subheading: justified, first line indented 1.27 cm; headings bold."""
    heading = block["kind"] != "paragraph"
    paragraph = _line(document, block["text"], bold=heading, align=JUSTIFY, before=6 if heading else 0, after=6)
    paragraph.paragraph_format.first_line_indent = Cm(1.27)


def _table_block(document, block):
    """A bordered table, its header row bold and centred (repeated on each page), 12 pt."""
    columns, rows = block["columns"], block["rows"]
    table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = "Table Grid"
    if block.get("widths"):
        _columns(table, [TEXT_WIDTH_MM * share / 100.0 for share in block["widths"]])
    table.rows[0]._tr.get_or_add_trPr().append(_element("tblHeader"))
    for index, values in enumerate([columns] + list(rows)):
        for cell, value in zip(table.rows[index].cells, values):
            cell._tc.remove(cell.paragraphs[0]._p)
            _line(cell, str(value), size=12, bold=index == 0, align=LEFT if index else CENTER)
    _line(document, size=6)   # keeps a table that follows apart: Word joins adjacent tables


def _foot(document, doc):
    """"Nơi nhận:" and the recipients bottom left; the signer's title, space to sign and name bottom right."""
    _line(document, after=6)
    recipients, signature = _two_columns(document, RECIPIENTS_SHARE)
    _line(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
    for entry in doc.get("recipients", ()):
        _line(recipients, "- %s" % entry, size=11, align=LEFT)
    for text in doc["signature_lines"]:
        _line(signature, text, bold=True)
    for _ in range(SIGNATURE_SPACE_LINES):
        _line(signature)
    _line(signature, doc["signer_name"], bold=True)


def _properties(document, doc):
    """The file's properties: the title, the number as subject, the issuing body as author; without the template's
    thumbnail, which file browsers would show as the preview of this document."""
    package_rels = document.part.package.rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
        del package_rels[rid]
    properties = document.core_properties
    properties.title, properties.subject = doc["title"], doc.get("number") or ""
    properties.author, properties.comments = " ".join(text for text, _bold in doc["issuer_lines"]), ""
    properties.language = LANGUAGE
    properties.created = properties.modified = datetime.datetime.utcnow()


def render_docx(doc):
    """The document as the bytes of a .docx file; ``ValueError`` if it misses a part (``check_document``)."""
    check_document(doc)
    document = Document()
    _setup_page(document)
    _page_numbers(document.sections[0])
    _head(document, doc)
    _title(document, doc)
    for block in doc.get("blocks", ()):
        (_table_block if block["kind"] == "table" else _text_block)(document, block)
    _foot(document, doc)
    _properties(document, doc)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
