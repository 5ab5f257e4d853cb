"""The alliance's seven content languages, in one place.

Lao is not one of Django's built-in languages, so it gets its LANG_INFO entry here;
a compiled catalogue in ``locale/lo`` makes Django accept it as an active language.
"""

import unicodedata

import django.conf.locale
from django.utils.translation.trans_real import parse_accept_lang_header

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
LANGUAGE_NAMES = dict(LANGUAGES)
DEFAULT_LANGUAGE = "zh-hans"
_POSITION = {code: position for position, code in enumerate(LANGUAGE_CODES)}


def language_name(code):
    """A language's name in its own script (an unknown code stands for itself)."""
    return LANGUAGE_NAMES.get(code, code)


def language_position(code):
    """Where a language comes in the alliance's order (after all of them when unknown)."""
    return _POSITION.get(code, len(_POSITION))


def in_alliance_order(codes):
    """The alliance languages among ``codes``, in the alliance's order (others left out)."""
    return sorted((code for code in set(codes) if code in _POSITION), key=_POSITION.get)


EXTRA_LANG_INFO = {
    "lo": {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"},
    # Django ships Khmer's local name in Latin script; teachers look for their own script.
    "km": {"bidi": False, "code": "km", "name": "Khmer", "name_local": "ខ្មែរ"},
}


def register_lang_info():
    """Make get_language_info() know every alliance language."""
    django.conf.locale.LANG_INFO.update(EXTRA_LANG_INFO)


# After the visitor's own languages and the resource's original, the alliance's two working
# languages: most teachers read one of them.
WORKING_LANGUAGES = ("en", "zh-hans")


def fallback_order(visitor, preferred=(), original=None):
    """Every alliance language, in the order a resource is shown to this visitor when it is
    not in their language: the visitor's, their other accepted languages (``preferred``, e.g.
    from Accept-Language), the resource's original, English, Chinese, then the rest."""
    order = []
    for code in (visitor, *preferred, original, *WORKING_LANGUAGES, *LANGUAGE_CODES):
        if code in LANGUAGE_CODES and code not in order:
            order.append(code)
    return order


def display_language(available, visitor, preferred=(), original=None):
    """The language to show a resource in, among the languages it is ``available`` in."""
    available = set(available)
    for code in fallback_order(visitor, preferred, original):
        if code in available:
            return code
    return None


def accepted_languages(request):
    """The alliance languages a visitor's browser asks for (Accept-Language), best first."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:500]
    codes = []
    for tag, _quality in parse_accept_lang_header(header):
        tag = tag.lower()
        code = "zh-hans" if tag.split("-")[0] == "zh" else tag.split("-")[0]
        if code in LANGUAGE_CODES and code not in codes:
            codes.append(code)
    return tuple(codes)


# Unicode blocks of the scripts that each tell one alliance language apart.
_SCRIPT_LANGUAGES = (
    (0x0E00, 0x0E7F, "th"),
    (0x0E80, 0x0EFF, "lo"),
    (0x1780, 0x17FF, "km"),
    (0x19E0, 0x19FF, "km"),
    (0x1000, 0x109F, "my"),
    (0xA9E0, 0xA9FF, "my"),
    (0xAA60, 0xAA7F, "my"),
    (0x3400, 0x4DBF, "zh-hans"),
    (0x4E00, 0x9FFF, "zh-hans"),
    (0xF900, 0xFAFF, "zh-hans"),
)
# Letters that only Vietnamese, of the alliance's Latin-script languages, writes.
_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_VIETNAMESE_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def language_of_text(text):
    """The alliance language ``text`` is written in, judged by its script ("" when there are
    no letters): the most used non-Latin script's, else Latin script is Vietnamese when it
    carries Vietnamese letters or tone marks, else English."""
    counts = {}
    latin = vietnamese = 0
    for char in unicodedata.normalize("NFC", text or ""):
        point = ord(char)
        for low, high, code in _SCRIPT_LANGUAGES:
            if low <= point <= high:
                counts[code] = counts.get(code, 0) + 1
                break
        else:
            if char.isalpha() and (point < 0x250 or 0x1E00 <= point <= 0x1EFF):
                latin += 1
                decomposed = unicodedata.normalize("NFD", char)
                if char in _VIETNAMESE_LETTERS or _VIETNAMESE_TONES & set(decomposed[1:]):
                    vietnamese += 1
    if counts:
        # Latin acronyms (PLC, EV) are common in Asian-script text: the other script decides.
        return max(counts, key=counts.get)
    if latin:
        return "vi" if vietnamese else "en"
    return ""


# Each language as Open Graph writes a locale (language_TERRITORY): the country where the
# alliance's readers of it live; Chinese in its simplified script, as read in China.
OPEN_GRAPH_LOCALES = {
    "zh-hans": "zh_CN",
    "en": "en_US",
    "th": "th_TH",
    "vi": "vi_VN",
    "lo": "lo_LA",
    "km": "km_KH",
    "my": "my_MM",
}


def open_graph_locale(language_code):
    """A language code as an ``og:locale`` value: lo -> lo_LA ("" when unknown)."""
    return OPEN_GRAPH_LOCALES.get(language_code, "")


def bcp47(language_code):
    """A Django language code as a BCP 47 tag for ``lang``/``hreflang``: zh-hans -> zh-Hans."""
    if not language_code:
        return ""
    first, *rest = str(language_code).split("-")
    parts = [first.lower()]
    for part in rest:
        if len(part) == 4:
            parts.append(part.title())  # script subtag
        elif len(part) == 2:
            parts.append(part.upper())  # region subtag
        else:
            parts.append(part.lower())
    return "-".join(parts)


# ISO 639-2/3 codes (as repositories' Dublin Core often writes them) and English names (as
# some write them instead) of each alliance language.
OTHER_LANGUAGE_TAGS = {
    "zh-hans": ("zho", "chi", "cmn", "chinese"),
    "en": ("eng", "english"),
    "th": ("tha", "thai"),
    "vi": ("vie", "vietnamese"),
    "lo": ("lao",),
    "km": ("khm", "khmer", "cambodian"),
    "my": ("mya", "bur", "burmese", "myanmar"),
}
_FROM_OTHER_TAGS = {tag: code for code, tags in OTHER_LANGUAGE_TAGS.items() for tag in tags}


def alliance_language(tag):
    """The alliance language a language tag names (zh-CN, zh-Hant, zho, lo-LA, lao, Lao...),
    else "": another system's metadata read as our seven codes."""
    tag = (tag or "").strip().replace("_", "-").lower()
    primary = tag.split("-")[0]
    if primary == "zh":
        return "zh-hans"  # every Chinese script: search treats both as one
    if primary in _POSITION:
        return primary
    return _FROM_OTHER_TAGS.get(primary, "")
