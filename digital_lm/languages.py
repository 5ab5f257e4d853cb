"""The alliance's seven content languages, in one place.

Lao is not one of Django's built-in languages, so it gets its LANG_INFO entry here;
a compiled catalogue in ``locale/lo`` makes Django accept it as an active language.
"""

import django.conf.locale

# (code, name in its own script). zh-hans first: it is the alliance's main editing language.
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
    ("th", "ไทย"),
    ("vi", "Tiếng Việt"),
    ("lo", "ລາວ"),
    ("km", "ខ្មែរ"),
    ("my", "မြန်မာဘာသာ"),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
DEFAULT_LANGUAGE = "zh-hans"

EXTRA_LANG_INFO = {
    "lo": {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"},
    # Django ships Khmer's local name in Latin script; teachers look for their own script.
    "km": {"bidi": False, "code": "km", "name": "Khmer", "name_local": "ខ្មែរ"},
}


def register_lang_info():
    """Make get_language_info() know every alliance language."""
    django.conf.locale.LANG_INFO.update(EXTRA_LANG_INFO)
