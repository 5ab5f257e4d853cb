"""The 1200×630 picture a link preview shows (Open Graph, Twitter cards; WeChat, LINE, Zalo,
Messenger and Telegram crop to about 1.91:1): a page's own photograph when it has one, else a
card drawn for it: the resource type's colour and icon, the title in the page's language, the
institution and the site's name.

Text is drawn run by run, each script with its own font: the Lao, Khmer, Myanmar and Thai
Noto fonts the site self-hosts (always there: they ship with the code, and FreeType reads
WOFF2), and Debian's Noto (``fonts-noto-core``) or DejaVu for Latin and Vietnamese and Noto CJK
(``fonts-noto-cjk``) for Chinese, which are too large to keep in the repository; Pillow's own
Latin font stands in when no system font is there. Complex scripts are shaped by Raqm
(HarfBuzz). Everything drawn is bounded: a title is cut to ``MAX_TITLE_CHARS`` and
``MAX_LINES`` lines, whatever its length.
"""

import hashlib
import io
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.staticfiles import finders
from PIL import Image, ImageDraw, ImageFont, ImageOps, features

from digital_lm.fonts import static_font_path, system_font
from digital_lm.languages import bcp47, language_of_text

WIDTH, HEIGHT = 1200, 630
# Bump when the drawing changes, so that cached cards are drawn again.
DRAWING_VERSION = 1
# A title longer than this is cut (with an ellipsis) before it is laid out.
MAX_TITLE_CHARS = 160
MAX_LINES = 3
TITLE_SIZES = (68, 60, 52, 44)
ELLIPSIS = "…"

BACKGROUND = "#ffffff"
TEXT = "#1b1f23"
MUTED = "#4a5560"
BRAND = "#0b4f4a"
ON_BRAND = "#ffffff"
MARGIN = 72
BAND_HEIGHT = 104
# The title's box: below the type's label, above the institution's name.
TITLE_TOP = 184
TITLE_BOTTOM = HEIGHT - BAND_HEIGHT - 84

# Each resource type's colour (all at least 7:1 on white) and icon, by its public name; other
# pages (home, sections, workshops) take the brand's.
TYPE_COLOURS = {
    "course": "#0a5b8c",
    "standard": "#7a4100",
    "material": "#5b3a8a",
    "certification": "#a4262c",
}

# Scripts whose stacked marks need taller lines.
TALL_SCRIPTS = {"th", "lo", "km", "my"}

ZERO_WIDTH_SPACE = "\u200b"
JOINERS = {"\u200c", "\u200d"}
# Thai and Lao vowels written before the consonant they follow in speech: never end a line.
LEADING_VOWELS = set("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
# Khmer coeng and Myanmar virama stack the next consonant under this one.
STACKERS = {"\u17d2", "\u1039"}


@dataclass(frozen=True)
class Card:
    """What a drawn card shows, all in the page's language; its ``key`` names the cached file."""

    language: str
    title: str
    kind: str = ""  # a resource type's public name, or "" for other pages
    kind_label: str = ""
    institution: str = ""
    site_name: str = ""
    logo: str = ""  # the storage name of the institution's logo
    photo: str = ""  # the storage name of the page's own image

    @property
    def key(self):
        fields = (DRAWING_VERSION, *self.__dict__.values())
        return hashlib.sha256(repr(fields).encode()).hexdigest()[:32]

    @property
    def extension(self):
        return "jpg" if self.photo else "png"

    @property
    def content_type(self):
        return "image/jpeg" if self.photo else "image/png"


def draw(card, storage):
    """The card's image file as bytes (JPEG for a photograph, PNG for a drawn card)."""
    if card.photo:
        return _photograph(card, storage)
    with _DRAWING:
        return _drawn_card(card, storage)


def _drawn_card(card, storage):
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    canvas = ImageDraw.Draw(image)
    colour = TYPE_COLOURS.get(card.kind, BRAND)
    canvas.rectangle((0, 0, 23, HEIGHT), fill=colour)
    top = 64
    if card.kind_label:
        _icon(canvas, card.kind, colour, (MARGIN, top))
        _draw_line(canvas, (MARGIN + 80, top + 44), card.kind_label, card.language, 34, colour)
    if card.logo:
        _paste_logo(image, storage, card.logo)
    size, lines = fit_title(card.title, card.language)
    step = line_height(card.title, size)
    for number, line in enumerate(lines, start=1):
        _draw_line(
            canvas,
            (MARGIN, TITLE_TOP + step * number - step // 4),
            line,
            card.language,
            size,
            TEXT,
            bold=True,
        )
    if card.institution:
        institution = truncate_to_width(card.institution, card.language, 32, WIDTH - 2 * MARGIN)
        _draw_line(
            canvas, (MARGIN, HEIGHT - BAND_HEIGHT - 36), institution, card.language, 32, MUTED
        )
    canvas.rectangle((0, HEIGHT - BAND_HEIGHT, WIDTH, HEIGHT), fill=BRAND)
    site = truncate_to_width(card.site_name, card.language, 36, WIDTH - 2 * MARGIN)
    _draw_line(
        canvas,
        (MARGIN, HEIGHT - BAND_HEIGHT // 2 + 13),
        site,
        card.language,
        36,
        ON_BRAND,
        bold=True,
    )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _photograph(card, storage):
    """The page's own image cropped to 1.91:1 around its centre and scaled to 1200×630."""
    with storage.open(card.photo) as file, Image.open(file) as source:
        source.draft("RGB", (WIDTH * 2, HEIGHT * 2))  # a large JPEG is decoded at a smaller scale
        picture = ImageOps.fit(ImageOps.exif_transpose(source).convert("RGB"), (WIDTH, HEIGHT))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def _paste_logo(image, storage, name):
    try:
        with storage.open(name) as file, Image.open(file) as source:
            logo = ImageOps.contain(source.convert("RGBA"), (200, 96))
    except (OSError, ValueError):  # a missing or unreadable logo: the card goes without
        return
    image.paste(logo, (WIDTH - MARGIN - logo.width, 56), logo)


def _icon(canvas, kind, colour, origin):
    """The type's pictogram in a 64-pixel square: a book, a checklist, a sheet, a medal."""
    x, y = origin
    if kind == "course":
        canvas.polygon([(x, y + 10), (x + 30, y + 4), (x + 30, y + 60), (x, y + 54)], fill=colour)
        canvas.polygon(
            [(x + 34, y + 4), (x + 64, y + 10), (x + 64, y + 54), (x + 34, y + 60)], fill=colour
        )
    elif kind == "standard":
        canvas.rounded_rectangle((x + 4, y, x + 60, y + 64), 6, outline=colour, width=6)
        for row in (18, 32, 46):
            canvas.line((x + 16, y + row, x + 48, y + row), fill=colour, width=5)
    elif kind == "material":
        canvas.polygon(
            [(x + 8, y), (x + 42, y), (x + 58, y + 16), (x + 58, y + 64), (x + 8, y + 64)],
            fill=colour,
        )
        canvas.polygon([(x + 42, y), (x + 42, y + 16), (x + 58, y + 16)], fill=BACKGROUND)
    elif kind == "certification":
        canvas.polygon(
            [
                (x + 16, y + 34),
                (x + 8, y + 64),
                (x + 24, y + 56),
                (x + 30, y + 64),
                (x + 32, y + 40),
            ],
            fill=colour,
        )
        canvas.polygon(
            [
                (x + 48, y + 34),
                (x + 56, y + 64),
                (x + 40, y + 56),
                (x + 34, y + 64),
                (x + 32, y + 40),
            ],
            fill=colour,
        )
        canvas.ellipse((x + 10, y, x + 54, y + 44), fill=colour)
    else:
        canvas.ellipse((x + 8, y + 8, x + 56, y + 56), fill=colour)


# ---------------------------------------------------------------------------------------------
# Fonts


def _static_font(family, bold):
    """The site's own font file for a language (digital_lm/static/fonts), else None."""
    name = static_font_path(family, 700 if bold else 400)
    return finders.find(name) if name else None


def font_file(family, bold=False):
    """(path, face index) of the font for ``family`` ("latin", "zh-hans", "lo", ...), or None."""
    path = _static_font(family, bold)
    return (path, 0) if path else system_font(family, bold)


@lru_cache(maxsize=64)
def font(family, size, bold=False):
    """The font that draws ``family`` at ``size``; Pillow's own Latin font when none is there."""
    found = font_file(family, bold) or (None if family == "latin" else font_file("latin", bold))
    if found is None:
        return ImageFont.load_default(size)
    path, index = found
    return ImageFont.truetype(
        path,
        size,
        index=index,
        layout_engine=ImageFont.Layout.RAQM if SHAPING else ImageFont.Layout.BASIC,
    )


# Pillow's wheels bring Raqm and HarfBuzz but load FriBiDi from the system (libfribidi0);
# without it Khmer, Myanmar, Lao and Thai would be drawn unshaped.
SHAPING = features.check("raqm")
# The fonts are shared by the threads of a worker; FreeType faces are not made for
# concurrent use, and a card is drawn once, then read from storage.
_DRAWING = threading.Lock()


# ---------------------------------------------------------------------------------------------
# Text: scripts, clusters, lines


def family_of(char, current):
    """The font family that draws ``char``, ``current`` being the family of the run it follows:
    marks and joiners stay in their run, spaces, digits and punctuation go with Latin text
    (the script subsets have none) except inside Chinese."""
    language = language_of_text(char)
    if language in ("en", "vi"):
        return "latin"
    if language:
        return language
    if unicodedata.category(char).startswith("M") or char in JOINERS:
        return current or "latin"
    if 0x3000 <= ord(char) <= 0x303F or 0xFF00 <= ord(char) <= 0xFFEF:
        return "zh-hans"
    return "zh-hans" if current == "zh-hans" else "latin"


def runs(text):
    """``text`` as [(family, part)], each part drawn with one font."""
    result = []
    current = None
    for char in text:
        if char == ZERO_WIDTH_SPACE:
            continue
        family = family_of(char, current)
        if result and family == current:
            result[-1][1].append(char)
        else:
            result.append((family, [char]))
        current = family
    return [(family, "".join(chars)) for family, chars in result]


def clusters(text):
    """``text`` cut where a line may break inside a word: never inside a letter with its
    marks, a stacked consonant or after a leading vowel."""
    parts = []
    for char in text:
        attach = parts and (
            unicodedata.category(char).startswith("M")
            or char in JOINERS
            or parts[-1][-1] in STACKERS
            or parts[-1][-1] in LEADING_VOWELS
            or char in STACKERS
        )
        if attach:
            parts[-1] += char
        else:
            parts.append(char)
    return parts


def _words(text):
    """Where lines may break: at spaces, zero-width spaces, and around every Chinese character."""
    words, word = [], ""
    for part in clusters(text):
        if part in (" ", ZERO_WIDTH_SPACE):
            if word:
                words.append(word)
            word = ""
            words.append(part)
        elif family_of(part[0], None) == "zh-hans":
            if word:
                words.append(word)
            words.append(part)
            word = ""
        else:
            word += part
    if word:
        words.append(word)
    return words


def _shaping(family, language):
    """Raqm's language: the script's own, or the page's for Latin text (Vietnamese marks)."""
    if not SHAPING:
        return {}
    return {"language": bcp47(language if family == "latin" else family)}


def text_width(text, language, size, bold=False):
    return sum(
        font(family, size, bold).getlength(part, **_shaping(family, language))
        for family, part in runs(text)
    )


def line_height(text, size):
    tall = any(family in TALL_SCRIPTS for family, _part in runs(text[:MAX_TITLE_CHARS]))
    return int(size * (1.55 if tall else 1.3))


def shorten(text, limit):
    """``text`` on one line and at most ``limit`` characters, cut at a space where there is one
    near the end, else between clusters, with an ellipsis (for scripts written without spaces)."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    if len(text) <= limit:
        return text
    kept = ""
    for part in clusters(text[: limit + 8]):
        if len(kept) + len(part) > limit - 1:
            break
        kept += part
    space = kept.rfind(" ")
    if space > limit * 2 // 3:
        kept = kept[:space]
    return kept.rstrip() + ELLIPSIS


def wrap(text, language, size, width, bold=True):
    """``text`` in lines no wider than ``width``: whole words where they fit, else a word cut
    between clusters."""
    lines, line = [], ""
    for word in _words(text):
        if word in (" ", ZERO_WIDTH_SPACE) and not line:
            continue
        candidate = line + word
        if text_width(candidate, language, size, bold) <= width:
            line = candidate
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        if word in (" ", ZERO_WIDTH_SPACE):
            continue
        for part in clusters(word):
            if line and text_width(line + part, language, size, bold) > width:
                lines.append(line)
                line = ""
            line += part
    if line.strip():
        lines.append(line.rstrip())
    return lines


def truncate_to_width(text, language, size, width, bold=False):
    """``text`` on one line, cut with an ellipsis to fit ``width``."""
    text = shorten(text, MAX_TITLE_CHARS)
    if text_width(text, language, size, bold) <= width:
        return text
    parts = clusters(text)
    while parts and text_width("".join(parts) + ELLIPSIS, language, size, bold) > width:
        parts.pop()
    return "".join(parts).rstrip() + ELLIPSIS


def fit_title(title, language):
    """(font size, lines) of the title: the largest size at which it fits its box in at most
    ``MAX_LINES`` lines, else the smallest, its last line ending in an ellipsis."""
    text = shorten(title, MAX_TITLE_CHARS)
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        lines = wrap(text, language, size, width)
        room = (TITLE_BOTTOM - TITLE_TOP) // line_height(text, size)
        if len(lines) <= min(room, MAX_LINES):
            return size, lines
    lines = lines[: min(room, MAX_LINES)]
    lines[-1] = truncate_to_width(lines[-1] + ELLIPSIS, language, size, width, bold=True)
    return size, lines


def _draw_line(canvas, origin, text, language, size, fill, bold=False):
    """One line at its baseline ``origin``, run by run, each in its script's font."""
    x, y = origin
    for family, part in runs(text):
        face = font(family, size, bold)
        shaping = _shaping(family, language)
        canvas.text((x, y), part, font=face, fill=fill, anchor="ls", **shaping)
        x += face.getlength(part, **shaping)
