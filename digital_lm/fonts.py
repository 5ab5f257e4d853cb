"""The self-hosted web fonts (static/fonts/): which languages' scripts they draw, and their files.

Latin, Vietnamese and Chinese text uses the visitor's system fonts. Thai, Lao, Khmer and
Myanmar use the site's own Noto Sans files, declared in css/site.css with their unicode-range;
a page preloads its own language's files, so that a slow link shows its text, not boxes.
"""

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
