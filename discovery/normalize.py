"""Text normalisation done in Python, before the engine's analyzers, at index and query time.

Burmese typed in the Zawgyi encoding (still common on phones in Myanmar) reuses Unicode's
Myanmar code points with other meanings, so no analyzer can fold it: it is detected and
converted to standard Unicode here, so either form finds either form.

Traditional Chinese is converted to simplified here too, before the engine segments it: the
two forms of one phrase are segmented into different words, and a conversion of each word
afterwards cannot bring them back together. OpenCC converts whole phrases first ("乾隆"
keeps its 乾, "乾淨" becomes "干净"), then single characters.
"""

import functools
import re
import unicodedata

# Detection is probabilistic; above this the text is treated as Zawgyi.
ZAWGYI_THRESHOLD = 0.95
_MYANMAR = re.compile(r"[\u1000-\u109f]")
# Han ideographs: every character OpenCC's traditional-to-simplified tables start from.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_MYANMAR_RUN = re.compile(
    r"[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff][\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff\s]*"
)


@functools.lru_cache(maxsize=1)
def _zawgyi_detector():
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


def _convert_zawgyi(run):
    from myanmar import converter

    return converter.convert(run, "zawgyi", "unicode")


def zawgyi_to_unicode(text):
    """``text`` with any Zawgyi-encoded Burmese converted to Unicode (other text untouched).

    Each Burmese run is judged on its own: one field can mix Unicode and Zawgyi sentences.
    """
    if not text or not _MYANMAR.search(text):
        return text
    detector = _zawgyi_detector()

    def convert(match):
        run = match.group(0)
        if detector.get_zawgyi_probability(run) >= ZAWGYI_THRESHOLD:
            return _convert_zawgyi(run)
        return run

    return _MYANMAR_RUN.sub(convert, text)


# Short texts are remembered: a document normalises its title and summary, then their search
# form normalises the result again, the same string (Zawgyi detection is the slow part).
CACHED_LENGTH = 2000


def normalize_text(text):
    """The form of ``text`` the index stores and queries use: Zawgyi converted, NFC."""
    if not text:
        return ""
    if type(text) is str and len(text) <= CACHED_LENGTH:
        return _normalize_short(text)
    return _normalize(text)


def _normalize(text):
    return unicodedata.normalize("NFC", zawgyi_to_unicode(text))


_normalize_short = functools.lru_cache(maxsize=256)(_normalize)


@functools.lru_cache(maxsize=1)
def _traditional_to_simplified():
    from opencc import OpenCC

    return OpenCC("t2s")


def search_text(text):
    """The form of ``text`` the engine analyses and queries use: ``normalize_text``, then
    traditional Chinese converted to simplified. Never shown: display text stays as written."""
    text = normalize_text(text)
    if not _HAN.search(text):
        return text
    return _traditional_to_simplified().convert(text)


def has_chinese_variants(text):
    """True when ``text`` has traditional Chinese that its search form writes otherwise: a
    highlight of the search form would then show the author's words in other characters."""
    return search_text(text) != normalize_text(text)


def is_latin_query(text):
    """True when every letter is Latin script: only then do one-edit typos make sense.

    Thai, Lao, Khmer and Burmese words are short runs of syllables, where "one edit away"
    is usually another word."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def sort_key(text):
    """A case- and accent-insensitive key for sorting titles ("Điện" sorts with "Dien")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.replace("đ", "d")[:200]
