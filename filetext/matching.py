"""The database's search of file text: which segments hold every word of a search, and the
passage shown around the words. Shared by the search in one material (filetext.search) and
the discovery search's database fallback (discovery.fallback).

Words are matched as substrings, so Thai, Lao, Khmer, Burmese and Chinese, written without
spaces between words, are found as typed. Query and text go through the same normalisation
as the index's (discovery.normalize.search_text: Zawgyi Burmese converted, traditional
Chinese simplified), then case folding. The database narrows the rows with LIKE; Python
confirms each on the normalised text, which the database cannot compute.
"""

import functools
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.html import escape

from discovery.normalize import search_text
from filetext.models import DocumentText, TextSegment

# A search's words beyond this many are ignored (each is one more LIKE per row).
MAX_WORDS = 8
# Characters of a file shown around the first match.
PASSAGE_CHARS = 240
PASSAGE_BEFORE = 80


def search_words(text):
    """The distinct words of ``text`` in their search form (normalised, case folded)."""
    words = dict.fromkeys(search_text(text or "").casefold().split())
    return [word for word in words if word][:MAX_WORDS]


@functools.lru_cache(maxsize=1)
def _simplified_to_traditional():
    from opencc import OpenCC

    return OpenCC("s2t")


def _stored_forms(word):
    """The forms ``word`` may have in stored text, which keeps traditional Chinese and
    capitals as written: SQLite folds the case of ASCII letters only."""
    forms = {word, word.capitalize(), word.upper()}
    if search_text(word) != word or any("\u3400" <= c <= "\U0003ffff" for c in word):
        forms.add(_simplified_to_traditional().convert(word))
    return forms


def words_filter(words, prefix=""):
    """A filter of TextSegment rows (``prefix``: the path to the segment) holding each word
    in one of its stored forms; a superset of the matches, confirmed by ``holds_words``."""
    condition = Q()
    for word in words:
        either = Q()
        for form in _stored_forms(word):
            either |= Q(**{f"{prefix}text__icontains": form})
        condition &= either
    return condition


def current_text():
    """A filter of TextSegment rows whose extraction is done and belongs to the file as it
    is now (a replaced file's old text does not count)."""
    return Q(
        document_text__status=DocumentText.Status.DONE,
        document_text__checksum_sha256=F("document_text__document__checksum_sha256"),
    )


def matching_segments(documents_filter, words, limit):
    """Up to ``limit`` segments (document, then page order) of the documents matching
    ``documents_filter`` (a Q on the document) that hold every word, each with its
    document loaded, and whether more rows were left unread."""
    if not words:
        return [], False
    rows = (
        TextSegment.objects.filter(current_text(), words_filter(words))
        .filter(documents_filter)
        .select_related("document_text__document")
        .order_by("document_text__document_id", "number")
    )
    scanned = list(rows[: limit + 1])
    more = len(scanned) > limit
    return [s for s in scanned[:limit] if holds_words(s.text, words)], more


def documents_q(**lookups):
    """A filter on the segment's document: ``documents_q(pk__in=...)``."""
    return Q(**{f"document_text__document__{name}": value for name, value in lookups.items()})


@dataclass
class _Folded:
    """A text as shown, its search form case folded, and where each folded character
    comes from in the text shown."""

    shown: str
    folded: str
    origin: list


def _fold(text):
    shown = text
    searchable = search_text(text)
    if len(searchable) != len(text):  # a rare conversion that changes length: show it
        shown = searchable
    folded, origin = [], []
    for index, character in enumerate(searchable):
        piece = character.casefold()
        folded.append(piece)
        origin.extend([index] * len(piece))
    return _Folded(shown, "".join(folded), origin)


def holds_words(text, words):
    folded = _fold(text).folded
    return all(word in folded for word in words)


def _occurrences(folded, word):
    start = folded.find(word)
    while start != -1:
        yield start, start + len(word)
        start = folded.find(word, start + len(word))


def passage_html(text, words):
    """The passage of ``text`` around the first match, as HTML: text escaped, every word
    in <mark>, an ellipsis where it was cut."""
    text = text or ""
    folded = _fold(text)
    spans = []
    for word in words:
        for start, end in _occurrences(folded.folded, word):
            spans.append((folded.origin[start], folded.origin[end - 1] + 1))
    if not spans:
        return escape(text[:PASSAGE_CHARS])
    spans.sort()
    shown = folded.shown
    first = spans[0][0]
    begin = max(0, first - PASSAGE_BEFORE)
    end = min(len(shown), begin + PASSAGE_CHARS)
    begin = _word_edge(shown, begin, backwards=True) if begin else 0
    end = _word_edge(shown, end) if end < len(shown) else end
    pieces, cursor = [], begin
    for start, stop in _merged(spans):
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        pieces.append(escape(shown[cursor:start]))
        pieces.append(f"<mark>{escape(shown[start:stop])}</mark>")
        cursor = stop
    pieces.append(escape(shown[cursor:end]))
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(shown) else ""
    return prefix + " ".join("".join(pieces).split()) + suffix


def _merged(spans):
    merged = []
    for start, stop in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged


def _word_edge(text, position, backwards=False, reach=20):
    """A space near ``position`` to cut at, so a Latin word is not cut in two (scripts
    without spaces are cut where the window ends)."""
    window = (
        range(position, max(position - reach, 0), -1)
        if backwards
        else range(position, min(position + reach, len(text)))
    )
    for index in window:
        if text[index].isspace():
            return index + 1 if backwards else index
    return position
