"""Text as the site keeps it: whitespace runs collapsed within lines, no NULs or other control
characters, at most one blank line in a row. Marks are never stripped and nothing is
decomposed: Thai, Lao, Khmer and Burmese vowels and tones are combining marks, and the
zero-width characters (format characters) that separate their words are kept too.

Formats without pages are cut here into parts of about PART_CHARACTERS, at paragraph or line
boundaries.
"""

import re
import unicodedata

from filetext.extraction.contract import Segment

# What one segment may hold: a page of a hostile PDF can carry megabytes of text.
MAX_SEGMENT_CHARACTERS = 100_000
PART_CHARACTERS = 4000
MAX_LABEL_CHARACTERS = 200  # TextSegment.label's length

# C0 and C1 controls (tab and newline are handled before), DEL, and lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but a newline (zero-width ones are not \s)


def clean(text):
    """The text with its lines tidied; "" when nothing but whitespace was there."""
    lines = []
    for line in (text or "").splitlines():  # \r\n, \r, \v, \f, \x1c-\x1e, \x85, \u2028...
        line = _SPACES.sub(" ", _CONTROL.sub("", line.replace("\t", " "))).strip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def capped(text, limit=MAX_SEGMENT_CHARACTERS):
    """At most ``limit`` characters, cut where no mark is left without its letter."""
    if len(text) <= limit:
        return text
    return text[: _safe_cut(text, limit)]


def label(text):
    return capped(clean(text).replace("\n", " "), MAX_LABEL_CHARACTERS)


# Burmese's and Khmer's stacking signs join the next consonant below the one before it.
_JOINING = "\u1039\u17d2\u200d"


def _safe_cut(text, position):
    """A position at or before ``position`` that is not inside a grapheme: never before a
    combining mark or a zero-width joiner, nor after a stacking sign."""
    while position > 1 and (
        unicodedata.category(text[position])[0] == "M"
        or text[position] in "\u200c\u200d"
        or text[position - 1] in _JOINING
    ):
        position -= 1
    return position


def _pieces(paragraph):
    """A paragraph longer than a part, cut at line breaks, else spaces, else anywhere safe."""
    while len(paragraph) > PART_CHARACTERS:
        window = paragraph[: PART_CHARACTERS + 1]
        cut = window.rfind("\n")
        if cut < PART_CHARACTERS // 2:
            cut = window.rfind(" ")
        if cut < PART_CHARACTERS // 2:
            cut = _safe_cut(paragraph, PART_CHARACTERS)
        yield paragraph[:cut].strip()
        paragraph = paragraph[cut:].strip()
    if paragraph:
        yield paragraph


def parts(paragraphs, start=1):
    """Segments of about PART_CHARACTERS from paragraphs, numbered from 1; those before
    ``start`` are cut (the numbers must not change) but not returned."""
    number, buffer, size = 0, [], 0
    for paragraph in paragraphs:
        for piece in _pieces(clean(paragraph)):
            if buffer and size + len(piece) > PART_CHARACTERS:
                number += 1
                if number >= start:
                    yield Segment(number, "\n".join(buffer))
                buffer, size = [], 0
            buffer.append(piece)
            size += len(piece) + 1
    if buffer:
        number += 1
        if number >= start:
            yield Segment(number, "\n".join(buffer))
