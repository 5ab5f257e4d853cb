"""Real teaching-material files in the seven languages, made the same way every time: text
PDFs drawn with the Noto fonts (shaped), scanned PDFs (an image of the text and nothing else),
Word, PowerPoint, Excel, OpenDocument, EPUB, subtitles; damaged ones of each family; and
hostile ones (zip bombs, a giant page, thousands of pages). The benchmark uses them too.
"""

import datetime
import io
import struct
import zipfile
import zlib
from pathlib import Path

NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_SIMPLIFIED = 2  # Noto Sans CJK SC in the collection

LANGUAGES = ("zh-hans", "en", "th", "vi", "lo", "km", "my")

# Language -> (font file, index in a collection).
FONTS = {
    "zh-hans": (NOTO_CJK, CJK_SIMPLIFIED),
    "en": (NOTO / "NotoSans-Regular.ttf", 0),
    "vi": (NOTO / "NotoSans-Regular.ttf", 0),
    "th": (NOTO / "NotoSansThai-Regular.ttf", 0),
    "lo": (NOTO / "NotoSansLao-Regular.ttf", 0),
    "km": (NOTO / "NotoSansKhmer-Regular.ttf", 0),
    "my": (NOTO / "NotoSansMyanmar-Regular.ttf", 0),
}

# A few lines of a vocational handbook in each language: welding safety, electrical
# installation, rail maintenance, e-commerce.
TEXTS = {
    "zh-hans": [
        "焊接安全操作规程",
        "焊工作业前必须佩戴防护面罩和绝缘手套。",
        "电气安装完成后应检查接地电阻。",
        "铁路轨道维修前要设置防护信号。",
    ],
    "en": [
        "Welding safety procedures",
        "Wear a welding helmet and insulated gloves before you strike an arc.",
        "Check the earth resistance after every electrical installation.",
        "Set up warning signals before any track maintenance.",
    ],
    "th": [
        "ความปลอดภัยในงานเชื่อม",
        "ช่างเชื่อมต้องสวมหน้ากากและถุงมือก่อนเริ่มงาน",
        "ตรวจสอบสายดินหลังการติดตั้งระบบไฟฟ้าทุกครั้ง",
        "การขายสินค้าออนไลน์ต้องมีรูปภาพที่ชัดเจน",
    ],
    "vi": [
        "An toàn lao động trong hàn điện",
        "Thợ hàn phải đeo mặt nạ và găng tay cách điện.",
        "Kiểm tra điện trở tiếp đất sau khi lắp đặt điện.",
        "Bảo dưỡng đường ray phải có tín hiệu cảnh báo.",
    ],
    "lo": [
        "ຄວາມປອດໄພໃນການເຊື່ອມໂລຫະ",
        "ຊ່າງເຊື່ອມຕ້ອງໃສ່ໜ້າກາກ ແລະ ຖົງມື",
        "ກວດສອບສາຍດິນຫຼັງການຕິດຕັ້ງໄຟຟ້າ",
        "ການຂາຍສິນຄ້າທາງອອນລາຍ",
    ],
    "km": [
        "សុវត្ថិភាពក្នុងការផ្សារដែក",
        "ជាងផ្សារត្រូវពាក់របាំងមុខ និងស្រោមដៃ",
        "ពិនិត្យខ្សែដីក្រោយការដំឡើងអគ្គិសនី",
        "ការលក់ទំនិញតាមអនឡាញ",
    ],
    "my": [
        "ဂဟေဆော်ခြင်းဘေးကင်းရေး",
        "ဂဟေဆော်သူသည် မျက်နှာဖုံးနှင့် လက်အိတ်ကို ဝတ်ဆင်ရမည်",
        "လျှပ်စစ်တပ်ဆင်ပြီးနောက် မြေစိုက်ကြိုးကို စစ်ဆေးပါ",
        "အွန်လိုင်းဈေးရောင်းခြင်း",
    ],
}


def write(path, data):
    path = Path(path)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# --- PDF -----------------------------------------------------------------------------------


def text_pdf(path, pages, language, shaped=True):
    """A PDF whose pages are the given lists of lines, drawn as text, shaped by HarfBuzz.

    fpdf2's shaped Thai, Lao, Khmer and Burmese come out with a text layer in glyph order
    (marks before their letters, stray control characters), which no reader can put back:
    ``shaped=False`` writes one glyph per character, so the text layer is the text itself
    (what a word processor's PDF export holds), though it looks wrong when printed."""
    from fpdf import FPDF

    font, index = FONTS[language]
    pdf = FPDF(unit="pt", format=(420, 595))  # A5
    pdf.set_creation_date(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    pdf.add_font("body", fname=str(font), collection_font_number=index)
    pdf.set_font("body", size=12)
    pdf.set_text_shaping(shaped)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 18, line, new_x="LMARGIN", new_y="NEXT")
    return write(path, bytes(pdf.output()))


def page_image(lines, language, size=40, width=1600):
    """The lines drawn black on white with Pillow (Raqm shapes the complex scripts), as a
    300 DPI scan of them would look."""
    from PIL import Image, ImageDraw, ImageFont

    font_path, index = FONTS[language]
    font = ImageFont.truetype(
        str(font_path), size, index=index, layout_engine=ImageFont.Layout.RAQM
    )
    line_height = int(size * 2.2)
    image = Image.new("L", (width, line_height * len(lines) + 2 * size), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((size, size + number * line_height), line, font=font, fill=0)
    return image


def scanned_pdf(path, pages, language, size=40):
    """A PDF of page images only (no text layer), one per list of lines, at 300 DPI."""
    images = [page_image(lines, language, size) for lines in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=300, save_all=True, append_images=images[1:])
    return write(path, buffer.getvalue())


def raw_pdf(path, page_count, width=595, height=842, text="Page"):
    """A hand-written PDF of ``page_count`` pages sharing one content stream: thousands of
    pages in a few hundred kilobytes, or one giant page."""
    shown = " ".join(f"({text[n : n + 1000]}) Tj" for n in range(0, len(text), 1000))
    stream = f"BT /F1 12 Tf 36 36 Td {shown} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{5 + n} 0 R".encode() for n in range(page_count))
        + f"] /Count {page_count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
    ]
    page = (
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
        "/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    ).encode()
    objects += [page] * page_count
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return write(path, out.getvalue())


def encrypted_pdf(path, language, password="alliance"):  # noqa: S107 - a sample
    """A text PDF that opens only with a password."""
    from pypdf import PdfReader, PdfWriter

    plain = text_pdf(Path(path).with_suffix(".plain.pdf"), [TEXTS[language]], language)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    plain.unlink()
    return write(path, buffer.getvalue())


# --- Office ----------------------------------------------------------------------------------


def docx(path, paragraphs, table=()):
    """A Word file: the paragraphs, then a table of the given rows."""
    import docx as python_docx

    document = python_docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    document.save(str(path))
    return Path(path)


def pptx(path, slides):
    """A PowerPoint file; each slide is (title, body lines, notes, table rows)."""
    import pptx as python_pptx
    from pptx.util import Inches

    presentation = python_pptx.Presentation()
    for title, lines, notes, table in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[5])  # title only
        slide.shapes.title.text = title
        box = slide.shapes.add_textbox(Inches(0.5), Inches(1.5), Inches(9), Inches(2))
        box.text_frame.text = "\n".join(lines)
        if table:
            shape = slide.shapes.add_table(
                len(table), len(table[0]), Inches(0.5), Inches(4), Inches(9), Inches(1.5)
            )
            for row, values in zip(shape.table.rows, table, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    presentation.save(str(path))
    return Path(path)


def xlsx(path, sheets):
    """An Excel file: {sheet name: rows}."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(str(path))
    return Path(path)


# --- OpenDocument and EPUB, written by hand -----------------------------------------------

ODF_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"'
)
ODF_TYPES = {
    "text": "application/vnd.oasis.opendocument.text",
    "spreadsheet": "application/vnd.oasis.opendocument.spreadsheet",
    "presentation": "application/vnd.oasis.opendocument.presentation",
}


def zip_file(path, members, stored_first="mimetype"):
    """A ZIP with fixed dates, ``stored_first`` uncompressed at its start (as ODF and EPUB
    require)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = (
                zipfile.ZIP_STORED if name == stored_first else zipfile.ZIP_DEFLATED
            )
            archive.writestr(info, data)
    return Path(path)


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _odf(path, kind, body, manifest_extra=""):
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NAMESPACES}>'
        f"<office:body><office:{kind}>{body}</office:{kind}></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="content.xml">{manifest_extra}'
        "</manifest:file-entry></manifest:manifest>"
    )
    return zip_file(
        path,
        {"mimetype": ODF_TYPES[kind], "content.xml": content, "META-INF/manifest.xml": manifest},
    )


def odt(path, paragraphs, encrypted=False):
    """An OpenDocument text; "  " in a paragraph is written as ODF writes spaces (text:s)."""
    body = "".join(f"<text:p>{_escape(p).replace('  ', '<text:s/>')}</text:p>" for p in paragraphs)
    extra = "<manifest:encryption-data/>" if encrypted else ""
    return _odf(path, "text", body, extra)


def ods(path, sheets):
    """{sheet name: rows}; each row's last cell is repeated as ODF does for empty space."""
    tables = []
    for name, rows in sheets.items():
        cells = [
            "".join(
                f"<table:table-cell><text:p>{_escape(v)}</text:p></table:table-cell>" for v in row
            )
            + '<table:table-cell table:number-columns-repeated="16000"/>'
            for row in rows
        ]
        table_rows = "".join(f"<table:table-row>{c}</table:table-row>" for c in cells)
        tables.append(f'<table:table table:name="{_escape(name)}">{table_rows}</table:table>')
    return _odf(path, "spreadsheet", "".join(tables))


def odp(path, slides):
    """Each slide: (lines, notes)."""
    pages = []
    for number, (lines, notes) in enumerate(slides, 1):
        frames = "".join(f"<text:p>{_escape(line)}</text:p>" for line in lines)
        pages.append(
            f'<draw:page draw:name="page{number}"><draw:frame><draw:text-box>{frames}'
            "</draw:text-box></draw:frame><presentation:notes><draw:frame><draw:text-box>"
            f"<text:p>{_escape(notes)}</text:p></draw:text-box></draw:frame>"
            "</presentation:notes></draw:page>"
        )
    return _odf(path, "presentation", "".join(pages))


def epub(path, chapters, language, drm=False):
    """An EPUB 3 book: chapters are (title in the table of contents, heading, paragraphs)."""
    members = {
        "mimetype": "application/epub+zip",
        "META-INF/container.xml": (
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>"
        ),
    }
    items, spine, links = [], [], []
    for number, (title, heading, paragraphs) in enumerate(chapters, 1):
        name = f"text/chapter {number}.xhtml"
        href = name.replace(" ", "%20")
        items.append(f'<item id="c{number}" href="{href}" media-type="application/xhtml+xml"/>')
        spine.append(f'<itemref idref="c{number}"/>')
        links.append(f'<li><a href="{href}#start">{_escape(title)}</a></li>')
        body = "".join(f"<p>{_escape(p)}</p>" for p in paragraphs)
        members[f"OEBPS/{name}"] = (
            '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
            f"<head><title>{_escape(title)}</title><style>p {{ margin: 0 }}</style></head>"
            f'<body><h1 id="start">{_escape(heading)}</h1>{body}</body></html>'
        )
    members["OEBPS/nav.xhtml"] = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol>'
        + "".join(links)
        + "</ol></nav></body></html>"
    )
    members["OEBPS/book.opf"] = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
        f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:language>{language}'
        '</dc:language></metadata><manifest><item id="nav" href="nav.xhtml" '
        'media-type="application/xhtml+xml" properties="nav"/>'
        + "".join(items)
        + "</manifest><spine>"
        + "".join(spine)
        + "</spine></package>"
    )
    if drm:
        members["META-INF/encryption.xml"] = (
            '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
            'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
            '<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
            "</enc:EncryptedData></encryption>"
        )
    return zip_file(path, members)


# --- Subtitles -----------------------------------------------------------------------------


def srt(path, cues):
    blocks = [
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n + 1:02d},000\n<i>{_escape(text)}</i>\n"
        for n, text in enumerate(cues, 1)
    ]
    return write(path, "\n".join(blocks))


def vtt(path, cues):
    blocks = [
        "WEBVTT - lesson\n",
        "NOTE recorded in the workshop\n",
        "STYLE\n::cue { color: lime }\n",
    ]
    blocks += [
        f"cue-{n}\n00:00:{n:02d}.000 --> 00:00:{n + 1:02d}.000 align:start\n<v Teacher>{_escape(text)}\n"
        for n, text in enumerate(cues, 1)
    ]
    return write(path, "\ufeff" + "\n".join(blocks))


# --- Hostile -------------------------------------------------------------------------------


def inflating_zip(path, members, inflated_bytes, bomb="word/document.xml"):
    """A ZIP whose member ``bomb`` honestly declares ``inflated_bytes`` of spaces (a zip bomb),
    beside the other members."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with archive.open(bomb, "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(inflated_bytes >> 20):
                member.write(chunk)
    return Path(path)


def lying_zip(path, members, inflated_bytes, bomb="word/document.xml", declared=1000):
    """A ZIP whose member ``bomb`` declares ``declared`` bytes but inflates to
    ``inflated_bytes`` of spaces: its headers lie about its size."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk, compressed, crc = b" " * (1 << 20), [], 0
    for _ in range(inflated_bytes >> 20):
        compressed.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    compressed.append(compressor.flush())
    data = b"".join(compressed)
    entries = [
        (name, content.encode() if isinstance(content, str) else content)
        for name, content in members.items()
    ]
    out, central = io.BytesIO(), io.BytesIO()
    count = 0

    def add(name, method, payload, crc32, declared_size):
        nonlocal count
        offset = out.tell()
        encoded = name.encode()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x5C21, crc32, len(payload),
            declared_size, len(encoded), 0,
        )  # fmt: skip
        out.write(header + encoded + payload)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x5C21,
                crc32,
                len(payload),
                declared_size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )  # fmt: skip
            + encoded
        )
        count += 1

    for name, content in entries:
        add(name, 0, content, zlib.crc32(content), len(content))
    add(bomb, 8, data, crc, declared)
    start = out.tell()
    out.write(central.getvalue())
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central.getvalue()), start, 0)
    )
    return write(path, out.getvalue())


OOXML_WORD = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types '
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
}


def damaged(path, good):
    """A copy of the file ``good`` with its second half replaced by noise."""
    data = Path(good).read_bytes()
    half = len(data) // 2
    noise = bytes((n * 97 + 13) % 256 for n in range(len(data) - half))
    return write(path, data[:half] + noise)


def zawgyi(text):
    """Burmese text in the Zawgyi encoding many Burmese files still use."""
    from myanmar.converter import convert

    return convert(text, "unicode", "zawgyi")


# --- Measuring OCR -------------------------------------------------------------------------

# Scripts written without spaces between words: their OCR is compared without whitespace.
UNSPACED = {"zh-hans", "th", "lo", "km", "my"}


def comparable(text, language):
    if language in UNSPACED:
        return "".join(text.split())
    return " ".join(text.split())


def character_error_rate(found, truth, language):
    """Edits to turn what OCR read into the truth, per character of the truth."""
    from rapidfuzz.distance import Levenshtein

    truth = comparable(truth, language)
    return Levenshtein.distance(comparable(found, language), truth) / max(len(truth), 1)
