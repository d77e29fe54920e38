"""An official document in the layout of Decree 30/2020/NĐ-CP (Appendix I), as HTML and as PDF (WeasyPrint).

Plain Python, no odoo import. The models gather a plan (or a report) into a *document*, a plain dict, and this
module lays it out; ``document_docx`` writes the same dict as DOCX, ``signing`` signs the PDF.

The document::

    {
        "issuer_lines": [("ỦY BAN NHÂN DÂN", True), ("QUẬN LONG BIÊN", True)],  # (text, bold), top left
        "number": "116/KH-UBND",             # "Số: ..." under the issuer; empty on a draft, which then shows
        "number_suffix": "KH-UBND",          #   "Số:      /KH-UBND", the room to write the number in
        "place_date": "Long Biên, ngày 24 tháng 02 năm 2021",   # italic, under the motto; empty on a draft
        "type_name": "KẾ HOẠCH",             # bold capitals, centred
        "title": "Thực hiện công tác ...",   # the summary line under the type name, bold
        "blocks": [                          # the body, in order
            {"kind": "paragraph", "text": "..."},          # justified, first line indented
            {"kind": "heading", "text": "I. MỤC ĐÍCH, YÊU CẦU"},   # bold capitals
            {"kind": "subheading", "text": "1. Mục đích"},          # bold
            {"kind": "table", "columns": ["TT", "Chỉ tiêu", ...], "rows": [["1", "...", ...], ...],
             "widths": [8, 52, ...]},        # widths in % of the text width, optional
        ],
        "recipients": ["Sở Y tế;", ..., "Lưu: VT, LĐTBXH."],   # "Nơi nhận:", an entry a line ("- " is added)
        "signature_lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "signer_name": "Nguyễn Thị Thanh Hà",
        "qr_url": "https://.../child/verify/<token>",    # optional: a QR code of it on page 1
        "draft_mark": "DỰ THẢO",                          # optional: a boxed mark top left (a draft for review)
    }

The page (Decree 30): A4, margins 20 mm top, 20 mm bottom, 30 mm left, 15 mm right; Times New Roman (Liberation
Serif where it is missing, the same metrics); body 14 pt justified with a 1.27 cm first-line indent; page numbers
centred at the top from page 2 on, none on page 1.
"""
import base64
import html
import io
import logging

# WeasyPrint subsets fonts with fontTools, which logs every table it prunes at INFO
logging.getLogger("fontTools").setLevel(logging.WARNING)

#: The national motto block, top right of every document.
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
#: Millimetres: top, right, bottom, left (Decree 30, Appendix I: 20-25, 15-20, 20-25, 30-35).
MARGINS_MM = (20, 15, 20, 30)
PAGE_WIDTH_PT, PAGE_HEIGHT_PT = 595.276, 841.89   # A4
#: The HTML id of the space left blank for the signatures (the signing step puts its stamps there).
SIGNATURE_ANCHOR = "signature-space"
COMMITTEE_PREFIX = "ủy ban nhân dân "

CSS = """
@page {
    size: A4;
    margin: %(top)smm %(right)smm %(bottom)smm %(left)smm;
    @top-center { content: counter(page); font-family: "Times New Roman", "Liberation Serif", serif;
                  font-size: 13pt; vertical-align: bottom; padding-bottom: 4mm; }
}
@page :first { @top-center { content: none; } }
html, body { margin: 0; padding: 0; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt; line-height: 1.25; }
table.head { width: 100%%; border-collapse: collapse; }
table.head td { vertical-align: top; text-align: center; padding: 0; }
td.issuer { width: 40%%; font-size: 13pt; }
td.motto { width: 60%%; }
.motto-1 { font-weight: bold; font-size: 13pt; }
.motto-2 { font-weight: bold; font-size: 14pt; }
.rule { margin: 4pt auto 0 auto; border-top: 0.75pt solid black; height: 0; }
.rule.issuer { width: 30%%; }
.rule.motto { width: 60%%; }
.number { font-size: 13pt; padding-top: 6pt !important; }
.place-date { font-style: italic; font-size: 14pt; padding-top: 6pt !important; }
.draft-mark { display: inline-block; border: 1pt solid black; padding: 1pt 6pt; font-weight: bold;
              font-size: 13pt; margin-bottom: 4pt; }
.type-name { text-align: center; font-weight: bold; font-size: 14pt; margin: 18pt 0 0 0; }
.title { text-align: center; font-weight: bold; font-size: 14pt; margin: 0 auto; width: 85%%; }
.title-rule { width: 25%%; margin: 5pt auto 12pt auto; border-top: 0.75pt solid black; height: 0; }
p { text-align: justify; text-indent: 1.27cm; margin: 0 0 6pt 0; }
h2 { font-size: 14pt; font-weight: bold; margin: 6pt 0 6pt 0; text-indent: 1.27cm; text-align: justify; }
h3 { font-size: 14pt; font-weight: bold; margin: 6pt 0 6pt 0; text-indent: 1.27cm; text-align: justify; }
table.data { width: 100%%; border-collapse: collapse; margin: 0 0 8pt 0; font-size: 12pt; }
table.data th, table.data td { border: 0.75pt solid black; padding: 2pt 4pt; vertical-align: top; }
table.data th { font-weight: bold; text-align: center; }
table.foot { width: 100%%; border-collapse: collapse; margin-top: 12pt; page-break-inside: avoid; }
table.foot td { vertical-align: top; padding: 0; }
td.recipients { width: 50%%; font-size: 11pt; }
.recipients-title { font-weight: bold; font-style: italic; font-size: 12pt; }
td.signature { width: 50%%; text-align: center; font-weight: bold; font-size: 14pt; }
#%(anchor)s { height: 32mm; }
.qr { margin-top: 6pt; text-align: left; font-size: 9pt; }
.qr img { width: 22mm; height: 22mm; }
"""


def issuer_lines(name, parent_name=None):
    """The issuing body block, top left, in capitals: a committee's name on two bold lines ("ỦY BAN NHÂN DÂN" /
    "QUẬN LONG BIÊN"); another body's superior on a plain line above its own bold name. Decree 30 lets only the
    superior body's name be shortened, so an issuer's "UBND" is written out."""
    if not name:
        raise ValueError("a document needs the name of its issuing body")
    if name.startswith("UBND "):
        name = "Ủy ban nhân dân " + name[len("UBND "):]
    if name.lower().startswith(COMMITTEE_PREFIX) and len(name) > len(COMMITTEE_PREFIX):
        return [(name[:len(COMMITTEE_PREFIX) - 1].upper(), True), (name[len(COMMITTEE_PREFIX):].upper(), True)]
    lines = [(parent_name.upper(), False)] if parent_name else []
    return lines + [(name.upper(), True)]


def qr_png(url, box_size=8):
    """The QR code of ``url`` as PNG bytes (medium error correction, a quiet zone of 4 modules)."""
    import qrcode
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(url)
    code.make(fit=True)
    output = io.BytesIO()
    code.make_image().save(output, format="PNG")
    return output.getvalue()


def check_document(doc):
    """Refuse a document that misses what every official document has, naming the part."""
    for key in ("issuer_lines", "type_name", "title", "signature_lines", "signer_name"):
        if not doc.get(key):
            raise ValueError("the document has no %s" % key.replace("_", " "))
    for block in doc.get("blocks", ()):
        if block.get("kind") not in ("paragraph", "heading", "subheading", "table"):
            raise ValueError("unknown kind of block %r" % (block.get("kind"),))
        if block["kind"] == "table" and not (block.get("columns") and "rows" in block):
            raise ValueError("a table block needs its columns and rows")


def number_text(doc):
    """``Số: 116/KH-UBND``, or on a draft ``Số:`` and room for the number before its suffix."""
    if doc.get("number"):
        return "Số: %s" % doc["number"]
    return "Số:%s/%s" % ("\u00a0" * 6, doc.get("number_suffix", ""))


def _e(text):
    return html.escape(text or "", quote=True)


def _block_html(block):
    kind = block["kind"]
    if kind == "paragraph":
        return "<p>%s</p>" % _e(block["text"])
    if kind == "heading":
        return "<h2>%s</h2>" % _e(block["text"])
    if kind == "subheading":
        return "<h3>%s</h3>" % _e(block["text"])
    widths = block.get("widths") or []
    head = "".join('<th%s>%s</th>' % (' style="width:%s%%"' % widths[i] if i < len(widths) else "", _e(column))
                   for i, column in enumerate(block["columns"]))
    rows = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % _e(str(cell)) for cell in row)
                   for row in block["rows"])
    return '<table class="data"><thead><tr>%s</tr></thead><tbody>%s</tbody></table>' % (head, rows)


def body_html(doc, qr=None):
    """The document's HTML body (no <html> around it): the head, the body blocks, recipients and signature.
    ``qr``: PNG bytes of the QR code to show on page 1, under the number."""
    check_document(doc)
    issuer = "".join('<div style="font-weight:%s">%s</div>' % ("bold" if bold else "normal", _e(text))
                     for text, bold in doc["issuer_lines"])
    number = _e(number_text(doc))
    draft = '<div class="draft-mark">%s</div>' % _e(doc["draft_mark"]) if doc.get("draft_mark") else ""
    qr_html = ""
    if qr:
        qr_html = '<div class="qr"><img alt="QR" src="data:image/png;base64,%s"/></div>' % (
            base64.b64encode(qr).decode("ascii"))
    head = (
        '<table class="head"><tr>'
        '<td class="issuer">%(draft)s%(issuer)s<div class="rule issuer"></div><div class="number">%(number)s</div>'
        '%(qr)s</td>'
        '<td class="motto"><div class="motto-1">%(motto1)s</div><div class="motto-2">%(motto2)s</div>'
        '<div class="rule motto"></div><div class="place-date">%(place_date)s</div></td>'
        '</tr></table>'
    ) % {"draft": draft, "issuer": issuer, "number": number, "qr": qr_html, "motto1": MOTTO[0], "motto2": MOTTO[1],
         "place_date": _e(doc.get("place_date")) or "&#160;"}
    title = ('<div class="type-name">%s</div><div class="title">%s</div><div class="title-rule"></div>'
             % (_e(doc["type_name"].upper()), _e(doc["title"])))
    body = "".join(_block_html(block) for block in doc.get("blocks", ()))
    recipients = "".join("<div>- %s</div>" % _e(entry) for entry in doc.get("recipients", ()))
    signature = "".join("<div>%s</div>" % _e(line) for line in doc["signature_lines"])
    foot = (
        '<table class="foot"><tr>'
        '<td class="recipients"><div class="recipients-title">Nơi nhận:</div>%s</td>'
        '<td class="signature">%s<div id="%s"></div><div>%s</div></td>'
        '</tr></table>'
    ) % (recipients, signature, SIGNATURE_ANCHOR, _e(doc["signer_name"]))
    return head + title + body + foot


def css(paged=True):
    """The document's style; ``paged=False`` leaves out the @page rules (for an engine that sets the page
    itself, such as Odoo's wkhtmltopdf reports)."""
    top, right, bottom, left = MARGINS_MM
    style = CSS % {"top": top, "right": right, "bottom": bottom, "left": left, "anchor": SIGNATURE_ANCHOR}
    if not paged:
        style = style[style.index("html, body"):]
    return style


def to_html(doc, qr=None):
    """The whole document as one HTML page with its style (what WeasyPrint renders)."""
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"/><title>%s</title><style>%s</style>'
            '</head><body>%s</body></html>' % (_e(doc.get("number") or doc.get("title")), css(), body_html(doc, qr)))


def render_pdf(doc):
    """The document as PDF bytes, and where its signatures go: ``(pdf, signature_box)``.

    ``signature_box``: ``{"page": index of the page from 0, "box": (x1, y1, x2, y2)}`` in PDF points with the
    origin at the bottom left, the blank space between the signer's title and name (for the signing step's stamps).
    """
    import weasyprint
    qr = qr_png(doc["qr_url"]) if doc.get("qr_url") else None
    rendered = weasyprint.HTML(string=to_html(doc, qr)).render()
    box = None
    px_to_pt = 0.75   # WeasyPrint lays out in CSS pixels (96 a inch); PDF points are 72 an inch
    for index, page in enumerate(rendered.pages):
        if SIGNATURE_ANCHOR in page.anchors:
            x, y = page.anchors[SIGNATURE_ANCHOR]
            height = 32 / 25.4 * 72      # the space's height (CSS above), in points
            width = (PAGE_WIDTH_PT - (MARGINS_MM[1] + MARGINS_MM[3]) / 25.4 * 72) / 2
            top = PAGE_HEIGHT_PT - y * px_to_pt
            box = {"page": index, "box": (round(x * px_to_pt, 2), round(top - height, 2),
                                          round(x * px_to_pt + width, 2), round(top, 2))}
    return rendered.write_pdf(), box
