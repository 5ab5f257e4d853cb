"""Query expansion through the alliance termbase (resources.models.termbase).

``expansions("welding safety")`` finds "welding" as a label of a concept and offers the query
with "welding" replaced by each of the concept's other labels ("ການເຊື່ອມ safety", ...), so
the engine can find resources that exist only in another language.

Precision comes first: a wrong expansion puts unrelated resources on the first page.
- Latin-script labels match whole words, and need three letters or more (shorter ones, like
  "IT", only match a query that is nothing else).
- A one-syllable Vietnamese label ("hàn": welding, but also Korea in "Hàn Quốc") only matches
  a query that is nothing else; labels of several words also match without diacritics.
- Labels in unspaced scripts (Chinese, Thai, Lao, Khmer, Burmese) match inside the text,
  from two characters.
- Overlapping matches: the longest wins ("ລົດໄຟຟ້າ", electric car, over "ລົດໄຟ", train).

The label table is built once per process and termbase version: post_save/post_delete of
the termbase bump a version in Django's cache, and the table is re-read at least every
RELOAD_SECONDS anyway, for processes that do not share that cache.
"""

import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field

from discovery.normalize import is_latin_query, search_text
from resources.models.termbase import TermLabel, termbase_version

RELOAD_SECONDS = 30
MAX_VARIANTS = 24
MIN_LATIN_LETTERS = 3
MIN_UNSPACED_CHARS = 2
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Expansion:
    concept_id: int
    matched: str  # the part of the visitor's query text that is a label of the concept
    # ((language, the query text with ``matched`` replaced by another label), ...)
    variants: tuple
    labels: dict = field(hash=False)  # language -> first label in that language

    def label(self, lang):
        """The concept's label in ``lang``, else the words the visitor typed."""
        return self.labels.get(lang) or self.matched


def _fold(text, accents):
    """``text`` case-folded (and without diacritics when ``accents`` is False), with the
    index in ``text`` of each character of the result, to map matches back."""
    chars, origin = [], []
    for index, char in enumerate(text):
        folded = char.casefold()
        if not accents:
            folded = "".join(
                c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
            ).replace("đ", "d")
        chars.append(folded)
        origin.extend([index] * len(folded))
    return "".join(chars), origin


def _plain(key):
    return _fold(key, accents=False)[0]


def _words(key):
    return " ".join(_WORD.findall(key))


class LabelTable:
    """Every label, indexed for lookups that never touch the database."""

    def __init__(self, rows):
        self.labels = {}  # concept id -> [(language, label, key)]
        self.words = {}  # word sequence -> {concept id: key}
        self.plain_words = {}  # the same without diacritics, labels of several words only
        self.whole = {}  # labels that only match a query that is nothing else
        self.by_prefix = {}  # first two characters -> [(key, concept id)], longest first
        self.longest = 1
        for concept_id, language, label, key in rows:
            if key:
                self.labels.setdefault(concept_id, []).append((language, label, key))
                self._index(concept_id, language, key)
        for entries in self.by_prefix.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def _index(self, concept_id, language, key):
        self.whole.setdefault(key, {})[concept_id] = key
        if not any(c.isalpha() for c in key):
            return
        if not is_latin_query(key):
            if len(key) >= MIN_UNSPACED_CHARS:
                self.by_prefix.setdefault(key[:2], []).append((key, concept_id))
            return
        words = _words(key)
        count = words.count(" ") + 1
        letters = sum(c.isalpha() for c in key)
        if letters < MIN_LATIN_LETTERS or (language == "vi" and count == 1):
            return
        self.longest = max(self.longest, count)
        self.words.setdefault(words, {})[concept_id] = key
        if count > 1:
            self.plain_words.setdefault(_plain(words), {})[concept_id] = key

    def matches(self, text):
        """[(start, end, concept id, matched key)] in ``text`` (already normalised)."""
        exact, origin = _fold(text, accents=True)
        whole = self.whole.get(exact)
        if whole:
            return [(0, len(text), cid, key) for cid, key in whole.items()]
        found = self._word_matches(exact, origin, self.words)
        plain, plain_origin = _fold(text, accents=False)
        found += self._word_matches(plain, plain_origin, self.plain_words)
        found += self._unspaced_matches(exact, origin)
        return _longest_first(found)

    def _word_matches(self, folded, origin, table):
        tokens = list(_WORD.finditer(folded))
        found = []
        for size in range(min(self.longest, len(tokens)), 0, -1):
            for i in range(len(tokens) - size + 1):
                run = tokens[i : i + size]
                hits = table.get(" ".join(t.group() for t in run))
                if hits:
                    start, end = origin[run[0].start()], origin[run[-1].end() - 1] + 1
                    found += [(start, end, cid, key) for cid, key in hits.items()]
        return found

    def _unspaced_matches(self, folded, origin):
        found = []
        for i in range(len(folded) - MIN_UNSPACED_CHARS + 1):
            for key, concept_id in self.by_prefix.get(folded[i : i + 2], ()):
                if folded.startswith(key, i):
                    found.append((origin[i], origin[i + len(key) - 1] + 1, concept_id, key))
        return found


def _longest_first(found):
    """Non-overlapping matches, longer spans first; concepts sharing a span all stay."""
    chosen = []
    for start, end, concept_id, key in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
        overlaps = any(s < end and start < e and (s, e) != (start, end) for s, e, _c, _k in chosen)
        duplicate = any((s, e, c) == (start, end, concept_id) for s, e, c, _k in chosen)
        if not overlaps and not duplicate:
            chosen.append((start, end, concept_id, key))
    return sorted(chosen)


class _Cache:
    """The current LabelTable of this process."""

    def __init__(self):
        self.table = None
        self.version = None
        self.loaded_at = 0.0
        self.lock = threading.Lock()

    def get(self):
        version = termbase_version()
        if (
            self.table is None
            or version != self.version
            or time.monotonic() - self.loaded_at > RELOAD_SECONDS
        ):
            with self.lock:
                self.table = LabelTable(
                    TermLabel.objects.order_by("concept_id", "sort_order", "pk").values_list(
                        "concept_id", "language", "label", "normalized"
                    )
                )
                self.version = version
                self.loaded_at = time.monotonic()
        return self.table

    def clear(self):
        self.table = None


_cache = _Cache()
forget = _cache.clear


def expansions(text):
    """The termbase concepts named in ``text``, each with the query rewritten in its other
    labels (MAX_VARIANTS in all)."""
    text = " ".join(search_text(text or "").split())
    if not text:
        return []
    table = _cache.get()
    budget = MAX_VARIANTS
    result = []
    for start, end, concept_id, key in table.matches(text):
        variants = []
        seen = {key}
        for language, label, label_key_ in table.labels[concept_id]:
            if budget and label_key_ not in seen:
                seen.add(label_key_)
                variants.append((language, text[:start] + label + text[end:]))
                budget -= 1
        first = {}
        for language, label, _key in table.labels[concept_id]:
            first.setdefault(language, label)
        result.append(Expansion(concept_id, text[start:end], tuple(variants), first))
    return result
