"""Images and files made locally, byte-for-byte the same on every run (so checksums match and
re-running the loader stores nothing new)."""

import hashlib
import io
from datetime import UTC, datetime

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

# Fixed PDF creation date: a changing timestamp would change the checksum on every run.
PDF_DATE = datetime(2025, 10, 15, tzinfo=UTC)
# The Mekong palette: river blues and greens, earth tones.
PALETTE = [(0, 94, 132), (0, 133, 119), (46, 125, 50), (191, 144, 0), (183, 71, 42), (92, 61, 140)]


def colour_for(key):
    """A palette colour chosen by a stable hash of ``key`` (not Python's salted hash())."""
    return PALETTE[hashlib.sha256(key.encode()).digest()[0] % len(PALETTE)]


def _png(image):
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def logo_png(key, initials, size=256):
    """A round badge with the institution's initials."""
    image = Image.new("RGB", (size, size), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=colour_for(key))
    font_size = min(size // 3, int(size * 1.1 / len(initials)))  # long codes still fit
    font = ImageFont.load_default(size=font_size)
    draw.text((size / 2, size / 2), initials, font=font, fill=(255, 255, 255), anchor="mm")
    return _png(image)


def banner_png(key, heading, subheading, width=1200, height=400):
    """A workshop banner: a band of colour with the Mekong drawn as a wave."""
    colour = colour_for(key)
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    lighter = tuple(min(255, c + 60) for c in colour)
    for band in range(3):
        top = height - 120 + band * 35
        points = [(x, top + (18 if (x // 150) % 2 else -18)) for x in range(0, width + 150, 150)]
        draw.line(points, fill=lighter, width=10, joint="curve")
    # Centred and kept to the middle half: listings crop banners to narrower shapes.
    for text, size, y in ((heading, 64, 120), (subheading, 36, 200)):
        font = _font_fitting(draw, text, size, width // 2)
        draw.text((width / 2, y), text, font=font, fill=(255, 255, 255), anchor="mm")
    return _png(image)


def _font_fitting(draw, text, size, max_width):
    """The default font at ``size``, or smaller until ``text`` fits in ``max_width``."""
    while size > 12:
        font = ImageFont.load_default(size=size)
        if draw.textlength(text, font=font) <= max_width:
            return font
        size -= 2
    return ImageFont.load_default(size=size)


def _latin1(text):
    """fpdf2's core fonts only cover Latin-1; swap the few typographic characters we use."""
    for fancy, plain in {"—": "-", "–": "-", "“": '"', "”": '"', "’": "'", "‘": "'"}.items():
        text = text.replace(fancy, plain)
    return text.encode("latin-1", "replace").decode("latin-1")


class _MaterialPDF(FPDF):
    def __init__(self, footer_text):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.set_creation_date(PDF_DATE)
        self.set_auto_page_break(auto=True, margin=20)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.set_text_color(110)
        self.cell(0, 8, _latin1(f"{self.footer_text}  |  page {self.page_no()}"), align="C")


def material_pdf(title, facts, modules, colour_key):
    """A short teaching document: a cover with the material's facts, a module table and an
    exercise page with drawn diagrams. ``facts``: [(label, value)]; ``modules``: [(title, hours)]."""
    pdf = _MaterialPDF(footer_text=f"Digital Lancang-Mekong - {title}")
    pdf.set_title(_latin1(title))
    pdf.set_author("Lancang-Mekong Vocational Education Alliance")
    colour = colour_for(colour_key)

    pdf.add_page()
    pdf.set_fill_color(*colour)
    pdf.rect(0, 0, 210, 45, style="F")
    pdf.set_text_color(255)
    pdf.set_font("Helvetica", "B", 20)
    pdf.set_xy(15, 14)
    pdf.multi_cell(180, 9, _latin1(title))
    pdf.set_text_color(0)
    pdf.set_xy(15, 60)
    pdf.set_font("Helvetica", size=11)
    with pdf.table(col_widths=(45, 135), text_align="LEFT", line_height=7) as table:
        for label, value in facts:
            table.row([_latin1(label), _latin1(str(value))])

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 10, "Modules", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    with pdf.table(col_widths=(20, 130, 30), text_align=("CENTER", "LEFT", "RIGHT")) as table:
        table.row(["#", "Module", "Hours"])
        for number, (module, hours) in enumerate(modules, start=1):
            table.row([str(number), _latin1(module), str(hours)])

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 10, "Practice: label the diagram", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*colour)
    pdf.set_line_width(0.8)
    for i in range(3):
        pdf.rect(20 + i * 60, 40, 45, 30)
        pdf.circle(x=42.5 + i * 60, y=100, radius=12)
        pdf.line(42.5 + i * 60, 70, 42.5 + i * 60, 88)
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(20, 130)
    pdf.multi_cell(170, 7, "Name each part, then write one safety rule for it on the lines below.")
    for row in range(6):
        pdf.line(20, 150 + row * 10, 190, 150 + row * 10)
    return bytes(pdf.output())


def handout_txt(title, lines):
    """A plain-text handout (UTF-8), for languages a core PDF font cannot show."""
    return ("\n".join([title, "=" * 40, "", *lines]) + "\n").encode("utf-8")
