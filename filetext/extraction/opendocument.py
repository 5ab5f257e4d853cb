"""OpenDocument text (cut into parts), presentations (per slide, notes included) and
spreadsheets (per sheet, named), from ``content.xml``.

Read by a streaming parse (lxml's iterparse) rather than odfpy, which builds the whole document
as Python objects: here each paragraph is released once read, so memory stays at one
paragraph (and one slide's or sheet's text) whatever the document's size.
"""

import zipfile

from filetext.extraction.cleaning import MAX_SEGMENT_CHARACTERS, parts
from filetext.extraction.contract import ExtractionFailed, Segment

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
PARAGRAPHS = (TEXT + "p", TEXT + "h")
SPACES = (TEXT + "s", TEXT + "tab")
SKIPPED = (OFFICE + "annotation", TEXT + "note-citation")  # comments, footnote numbers


def _text(element):
    pieces = [element.text or ""]
    for child in element:
        if child.tag in SPACES:
            pieces.append(" ")
        elif child.tag == TEXT + "line-break":
            pieces.append("\n")
        elif child.tag not in SKIPPED:
            pieces.append(_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _release(element):
    """Drop a read element and what came before it: memory holds one paragraph at a time."""
    element.clear(keep_tail=True)
    while element.getprevious() is not None:
        del element.getparent()[0]


def _refuse_encrypted(archive):
    try:
        manifest = archive.read("META-INF/manifest.xml")  # small; its size is checked before
    except KeyError:
        return
    if b"encryption-data" in manifest:
        raise ExtractionFailed("encrypted", "The OpenDocument file is protected by a password.")


def _events(path):
    """(event, element) over content.xml, with entities never expanded."""
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        _refuse_encrypted(archive)
        with archive.open("content.xml") as content:
            yield from etree.iterparse(
                content,
                events=("start", "end"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
            )


def read_text(path, language, start, limits):
    def paragraphs():
        for event, element in _events(path):
            if event == "end" and element.tag in PARAGRAPHS:
                yield _text(element)
                _release(element)

    yield from parts(paragraphs(), start)


def read_presentation(path, language, start, limits):
    number, texts = 0, []
    for event, element in _events(path):
        if element.tag == DRAW + "page":
            if event == "start":
                number, texts = number + 1, []
            else:
                if number >= start:
                    yield Segment(number, "\n".join(texts))
                _release(element)
        elif event == "end" and element.tag in PARAGRAPHS:
            if number >= start:
                texts.append(_text(element))
            _release(element)


def read_spreadsheet(path, language, start, limits):
    """Each sheet's rows, a line each; repeated cells and rows (how ODF writes empty space)
    are read once."""
    number, name, lines, size, cells, cell = 0, "", [], 0, [], []
    for event, element in _events(path):
        tag = element.tag
        if tag == TABLE + "table" and element.getparent().tag == OFFICE + "spreadsheet":
            if event == "start":
                number, name, lines, size = number + 1, element.get(TABLE + "name", ""), [], 0
            else:
                if number >= start:
                    yield Segment(number, "\n".join(lines), label=name)
                _release(element)
        elif number < start or size > MAX_SEGMENT_CHARACTERS:
            if event == "end" and tag in PARAGRAPHS:
                _release(element)
        elif tag in (TABLE + "table-cell", TABLE + "covered-table-cell"):
            if event == "start":
                cell = []
            else:
                cells.append(" ".join(cell))
                _release(element)
        elif tag == TABLE + "table-row":
            if event == "start":
                cells = []
            else:
                line = "\t".join(text for text in cells if text.strip())
                lines.append(line)
                size += len(line) + 1
                _release(element)
        elif event == "end" and tag in PARAGRAPHS:
            cell.append(_text(element))
            _release(element)
