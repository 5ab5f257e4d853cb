"""The fonts of the site: the self-hosted web fonts (static/fonts/), which languages' scripts
they draw and their files; and the system fonts the server draws pictures and documents with.

Latin, Vietnamese and Chinese text uses the visitor's system fonts. Thai, Lao, Khmer and
Myanmar use the site's own Noto Sans files, declared in css/site.css with their unicode-range;
a page preloads its own language's files, so that a slow link shows its text, not boxes.

The server draws link-preview cards (resources/share_images.py) and printable certificates
(credentials/printing.py) with Debian's Noto (``fonts-noto-core``, ``fonts-noto-cjk``) or
DejaVu: TrueType/OpenType files any font library reads, where the WOFF2 files need Brotli.
"""

import os

from django.templatetags.static import static

# Each language the site draws with its own font, and its script as the files name it.
SCRIPTS = {"th": "thai", "lo": "lao", "km": "khmer", "my": "myanmar"}
WEIGHTS = (400, 700)


def static_font_path(language_code, weight):
    """The static path of a language's font file at ``weight``, or None (a system font)."""
    script = SCRIPTS.get(language_code)
    if script is None:
        return None
    return f"fonts/noto-sans-{script}-{script}-{weight}-normal.woff2"


def font_urls(language_code):
    """The URLs of a language's font files, every weight a page uses (none for system fonts)."""
    if language_code not in SCRIPTS:
        return []
    return [static(static_font_path(language_code, weight)) for weight in WEIGHTS]


SYSTEM_FONT_DIRS = (
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/dejavu",
)
# (file, face index) per family, best first; {style} is Bold or Regular. Noto CJK's collection
# holds the Japanese, Korean, simplified Chinese (2), ... faces.
SYSTEM_FONTS = {
    "latin": (("NotoSans-{style}.ttf", 0), ("DejaVuSans{dejavu}.ttf", 0)),
    "zh-hans": (("NotoSansCJK-{style}.ttc", 2),),
    "th": (("NotoSansThai-{style}.ttf", 0),),
    "lo": (("NotoSansLao-{style}.ttf", 0),),
    "km": (("NotoSansKhmer-{style}.ttf", 0),),
    "my": (("NotoSansMyanmar-{style}.ttf", 0),),
}


def system_font(family, bold=False):
    """(path, face index) of the installed system font for ``family`` ("latin", "zh-hans", "lo",
    ...), or None when none of its files is installed."""
    for name, index in SYSTEM_FONTS.get(family, ()):
        name = name.format(style="Bold" if bold else "Regular", dejavu="-Bold" if bold else "")
        for folder in SYSTEM_FONT_DIRS:
            path = os.path.join(folder, name)
            if os.path.exists(path):
                return path, index
    return None
