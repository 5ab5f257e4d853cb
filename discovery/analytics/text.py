"""What a search is recorded as: its text in the form the engine searches, and its filters
as one canonical string. Pure functions, no database. (Its language is
digital_lm.languages.language_of_text of that text.)"""

import re
import unicodedata

from discovery.models import MAX_FILTERS_LENGTH, MAX_TEXT_LENGTH
from discovery.normalize import search_text

_SPACES = re.compile(r"\s+")


def normalized(text):
    """The form a search is counted under: Zawgyi converted, traditional Chinese simplified,
    NFC, casefolded, whitespace collapsed, truncated to what the table holds."""
    text = unicodedata.normalize("NFC", search_text(text or "").casefold())
    return _SPACES.sub(" ", text).strip()[:MAX_TEXT_LENGTH].rstrip()


def canonical_filters(filters):
    """``{"type": ("course",), "country": ("LA", "KH")}`` as "country=KH,LA;type=course":
    names and values sorted, so the same choice made in any order is counted as one."""
    parts = [
        f"{name}={','.join(sorted(values))}" for name, values in sorted(filters.items()) if values
    ]
    return ";".join(parts)[:MAX_FILTERS_LENGTH]
