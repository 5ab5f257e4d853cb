"""The printable certificate: an A4 landscape PDF in the certificate's language, with its QR code.

Language: a certificate is printed in the language it was issued in (``credential.language``),
labels included, whatever the language of the page its link was followed from: the paper is the
institution's document, the same for everyone who prints it. The visitor's language is used only
when the certificate's is not one of the site's languages.

Fonts: Debian's Noto (``fonts-noto-core``: Noto Sans, Thai, Lao, Khmer, Myanmar TTF;
``fonts-noto-cjk``: the simplified Chinese face, index 2, of the NotoSansCJK collection), read
through digital_lm.fonts like the share pictures'. fpdf2 reads TrueType collections, but not the
site's own WOFF2 files without Brotli (not installed, and decompressing them on every request
would be waste): the system files are the robust route. Only the fonts of the scripts the
certificate writes are loaded (Noto CJK takes ~0.4 s to read); the certificate's own script's
font draws its text and fpdf2's fallback fonts take each character it lacks (a Lao certificate
naming a Chinese institution). HarfBuzz (uharfbuzz) shapes the text: Thai and Lao stacked marks,
Khmer and Myanmar reordering. Fonts are embedded as subsets. A missing font is skipped (its
script shows as boxes) and with no Unicode font at all the certificate is printed in Helvetica
with what Latin-1 can say: a certificate is never refused for want of a font.
"""

import io
import unicodedata

from babel.dates import format_date
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from credentials.identities import absolute
from credentials.presentation import describe
from digital_lm.fonts import system_font
from digital_lm.languages import bcp47
from resources.qr_codes import png as qr_png
from resources.share_images import TALL_SCRIPTS, clusters, runs

WIDTH, HEIGHT = 297, 210  # A4 landscape, mm
MARGIN = 24
QR_SIZE = 44
BRAND = (11, 79, 74)  # #0b4f4a, the site's brand colour
TEXT = (27, 31, 35)
MUTED = (74, 85, 96)
PT = 25.4 / 72  # mm per point
ELLIPSIS = "…"
# Longer texts are cut before they are laid out: a certificate is one page.
MAX_CHARS = 300
MAX_STANDARDS = 4
MAX_UNITS = 8

# The font family drawing each language's text; Latin for English and Vietnamese.
FAMILIES = ("latin", "zh-hans", "th", "lo", "km", "my")
LANGUAGE_FAMILIES = {"zh-hans": "zh-hans", "th": "th", "lo": "lo", "km": "km", "my": "my"}


def certificate_pdf(credential, language, url):
    """The certificate as PDF bytes; ``url`` is its page, which the QR code leads to."""
    codes = {code for code, _name in settings.LANGUAGES}
    printed_in = credential.language if credential.language in codes else language
    with translation.override(printed_in):
        content = _content(credential, printed_in, url)
    return _Certificate(content, printed_in).render()


def _content(credential, language, url):
    """Every text the certificate prints, in ``language`` (labels and the achievement's name)."""
    facts = describe(credential.signed, language)
    rows = []
    if facts.get("valid_from"):
        rows.append((_("Achieved on"), _date(facts["valid_from"], language)))
    if facts.get("result"):
        rows.append((_("Assessment result"), facts["result"]))
    if facts.get("national_level"):
        rows.append((_("National qualification level"), str(facts["national_level"])))
    if facts.get("aqrf_level"):
        rows.append((_("ASEAN reference level"), str(facts["aqrf_level"])))
    if facts.get("valid_until"):
        rows.append((_("Valid until"), _date(facts["valid_until"], language)))
    else:
        rows.append((_("Valid until"), _("Does not expire")))
    standards = _standards(facts.get("standards") or [])
    if standards:
        rows.append((_("Standards assessed"), standards))
    verify_url = absolute(reverse("verify_page"))
    return {
        "issuer": facts.get("issuer", ""),
        "title": _("Certificate"),
        "awarded_to": _("Awarded to"),
        "learner": facts.get("learner", ""),
        "name": facts.get("name", ""),
        "code": facts.get("code", ""),
        "rows": rows,
        "id_label": _("Certificate ID"),
        "id": str(credential.signed.get("id") or f"urn:uuid:{credential.uuid}"),
        "url": url,
        "verify": _(
            "To check that it is genuine and not revoked, scan the QR code or enter its link at "
            "%(url)s"
        )
        % {"url": verify_url},
    }


def _date(value, language):
    """A date in words in ``language``, from CLDR (Babel): Django's formats have no Lao or
    Burmese month names."""
    return format_date(value.date(), "long", locale=translation.to_locale(language))


def _standards(standards):
    """The standards assessed, short: "Name (code): unit, unit" each, semicolon-separated."""
    parts = []
    for standard in standards[:MAX_STANDARDS]:
        text = str(standard.get("targetName", ""))
        if standard.get("targetCode"):
            text += f" ({standard['targetCode']})"
        units = [str(unit.get("targetCode", "")) for unit in standard.get("units", [])]
        units = [code for code in units if code]
        if units:
            more = ", …" if len(units) > MAX_UNITS else ""
            text += ": " + ", ".join(units[:MAX_UNITS]) + more
        parts.append(text)
    if len(standards) > MAX_STANDARDS:
        parts.append(ELLIPSIS)
    return "; ".join(parts)


def _texts(content):
    yield from (value for value in content.values() if isinstance(value, str))
    for label, value in content["rows"]:
        yield label
        yield value


def _shortened(text):
    text = " ".join(unicodedata.normalize("NFC", str(text or "")).split())
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + ELLIPSIS


class _Certificate:
    def __init__(self, content, language):
        self.content = content
        self.language = language
        self.pdf = FPDF(orientation="L", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.c_margin = 0
        self.pdf.set_title(_shortened(f"{content['name']} · {content['learner']}"))
        self.pdf.set_lang(bcp47(language))
        self.pdf.set_creator("Digital Lancang-Mekong")
        self.tall = False
        self.unicode = self._load_fonts()

    # -- fonts -------------------------------------------------------------------------------

    def _load_fonts(self):
        """Add the fonts of the scripts the certificate writes; False when there is none. Only
        the certificate's own script and Latin have a bold face: bold text in another script
        takes the regular one (reading and subsetting Noto CJK costs half a second a face)."""
        needed = {"latin"}
        for text in _texts(self.content):
            needed.update(family for family, _part in runs(_shortened(text)))
        self.tall = bool(needed & TALL_SCRIPTS)
        own = LANGUAGE_FAMILIES.get(self.language, "latin")
        loaded = {}
        for family in sorted(needed, key=FAMILIES.index):
            found = system_font(family) or system_font(family, bold=True)
            if found is not None and self._add(family, "", found):
                loaded[family] = found
        if not loaded:
            return False
        self.family = own if own in loaded else next(iter(loaded))
        for family in {self.family, "latin"} & set(loaded):
            bold = system_font(family, bold=True)
            if bold is None or not self._add(family, "B", bold):
                self._add(family, "B", loaded[family])
        fallbacks = [family for family in loaded if family != self.family]
        self.pdf.set_fallback_fonts(fallbacks, exact_match=False)
        self.pdf.set_text_shaping(True, language=bcp47(self.language))
        return True

    def _add(self, family, style, found):
        path, index = found
        try:
            self.pdf.add_font(family, style, path, collection_font_number=index)
        except Exception:  # an unreadable font file: print without it
            return False
        return True

    def font(self, size, bold=False):
        if self.unicode:
            self.pdf.set_font(self.family, "B" if bold else "", size)
        else:
            self.pdf.set_font("helvetica", "B" if bold else "", size)

    def text(self, text):
        text = _shortened(text)
        if self.unicode:
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    # -- layout ------------------------------------------------------------------------------

    def line_height(self, size):
        return size * PT * (1.6 if self.tall else 1.35)

    def width(self, text):
        return self.pdf.get_string_width(text)

    def wrap(self, text, width):
        """``text`` in lines at most ``width`` wide: broken at spaces where it can be, else
        between clusters (never inside a letter with its marks or a stacked consonant)."""
        if self.width(text) <= width:
            return [text]
        lines, line = [], ""
        for part in clusters(text):
            if line and self.width(line + part) > width:
                cut = line.rfind(" ")
                if part != " " and cut > len(line) // 2:
                    lines.append(line[:cut])
                    line = line[cut + 1 :]
                else:
                    lines.append(line.rstrip())
                    line = ""
                if part == " ":
                    continue
            line += part
        if line.strip():
            lines.append(line.rstrip())
        return lines

    def fitted(self, text, width, sizes, max_lines, bold=False):
        """(size, lines): the largest size at which ``text`` fits in ``max_lines``, else the
        smallest with the last line cut with an ellipsis."""
        text = self.text(text)
        for size in sizes:
            self.font(size, bold)
            lines = self.wrap(text, width)
            if len(lines) <= max_lines:
                return size, lines
        lines = lines[:max_lines]
        last = lines[-1]
        while last and self.width(last + ELLIPSIS) > width:
            last = "".join(clusters(last)[:-1])
        lines[-1] = last.rstrip() + ELLIPSIS
        return size, lines

    def block(self, x, y, width, text, sizes, max_lines=1, bold=False, colour=TEXT, align="L"):
        """Draw ``text`` fitted into ``width`` at ``y``; the y below it."""
        if not text:
            return y
        size, lines = self.fitted(text, width, sizes, max_lines, bold)
        self.font(size, bold)
        self.pdf.set_text_color(*colour)
        step = self.line_height(size)
        for line in lines:
            self.pdf.set_xy(x, y)
            self.pdf.cell(width, step, line, align=align)
            y += step
        return y

    # -- the page ----------------------------------------------------------------------------

    def render(self):
        pdf, content = self.pdf, self.content
        pdf.add_page()
        pdf.set_draw_color(*BRAND)
        pdf.set_line_width(1.2)
        pdf.rect(8, 8, WIDTH - 16, HEIGHT - 16)
        pdf.set_line_width(0.3)
        pdf.rect(11, 11, WIDTH - 22, HEIGHT - 22)
        inner = WIDTH - 2 * MARGIN

        y = self.block(MARGIN, 17, inner, content["issuer"], (15, 13, 11), 2, True, MUTED, "C")
        y = self.block(MARGIN, y + 1, inner, content["title"], (30, 26, 22), 1, True, BRAND, "C")
        y = self.block(MARGIN, y + 2, inner, content["awarded_to"], (11,), 1, False, MUTED, "C")
        y = self.block(MARGIN, y, inner, content["learner"], (26, 22, 18, 15), 1, True, TEXT, "C")
        y = self.block(MARGIN, y + 2, inner, content["name"], (18, 16, 14, 12), 2, True, BRAND, "C")
        if content["code"]:
            y = self.block(MARGIN, y, inner, content["code"], (9,), 1, False, MUTED, "C")

        # The facts on the left, the QR code and its link on the right.
        top = max(y + 8, 92)
        qr_x = WIDTH - MARGIN - QR_SIZE
        label_width, gap = 58, 4
        value_x = MARGIN + label_width + gap
        value_width = qr_x - 8 - value_x
        row_y = top
        for number, (label, value) in enumerate(content["rows"], start=1):
            lines = 3 if number == len(content["rows"]) else 2  # the standards may take three
            below_label = self.block(MARGIN, row_y, label_width, label, (9.5, 8.5), 2, True, MUTED)
            below_value = self.block(value_x, row_y, value_width, value, (10, 9, 8), lines)
            row_y = max(below_label, below_value) + 1.2

        pdf.image(io.BytesIO(qr_png(content["url"])), x=qr_x, y=top - 2, w=QR_SIZE, h=QR_SIZE)
        link_y = top - 2 + QR_SIZE + 1
        self.block(qr_x - 6, link_y, QR_SIZE + 12, content["url"], (6.5,), 4, False, TEXT, "C")

        bottom = HEIGHT - MARGIN + 2
        self.block(MARGIN, bottom - 10, inner, content["verify"], (8.5, 7.5), 2, False, MUTED)
        identity = f"{content['id_label']}: {content['id']}"
        self.block(MARGIN, bottom - 15, inner, identity, (8,), 1, False, MUTED)
        return bytes(pdf.output())
