"""UTF-8 text and CSV, cut into parts. Lines are read a bounded piece at a time: a file of one
gigabyte-long line costs no more memory than any other."""

import csv
import io

from filetext.extraction.cleaning import PART_CHARACTERS, parts
from filetext.extraction.contract import ExtractionFailed

UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def lines(path):
    """The file's lines (pieces of at most PART_CHARACTERS of a longer one), decoded as
    UTF-8 (or UTF-16 where a byte-order mark says so)."""
    try:
        with open(path, "rb") as raw:  # opened once: the file may be a stream
            encoding = "utf-16" if raw.peek(2)[:2] in UTF16_MARKS else "utf-8-sig"
            text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            while line := text.readline(PART_CHARACTERS):
                yield line
    except UnicodeError as error:
        raise ExtractionFailed(
            "corrupt", "The text is not in UTF-8: it needs to be saved again as UTF-8 text."
        ) from error


def read_text(path, language, start, limits):
    yield from parts(lines(path), start)


def _rows(path):
    reader = csv.reader(lines(path))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:  # an overlong field: the rest of the file is still read
            continue
        yield "\t".join(cell for cell in row if cell.strip())


def read_csv(path, language, start, limits):
    yield from parts(_rows(path), start)
