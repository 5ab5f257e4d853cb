"""Word, PowerPoint and Excel files (the ZIP-based ones: DOCX, PPTX, XLSX).

Word text has no pages in the file (they depend on the printer), so it is cut into parts;
PowerPoint is read per slide (with its notes and tables), Excel per sheet (named).
"""

from filetext.extraction.cleaning import MAX_SEGMENT_CHARACTERS, parts
from filetext.extraction.contract import Segment


def _cell_text(cell):
    return " ".join(_docx_blocks(cell))


def _docx_blocks(container):
    """Paragraphs and table rows (cells side by side on one line), in the document's order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen, cells = set(), []
                for cell in row.cells:  # a merged cell is listed once per column it spans
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(_cell_text(cell))
                yield "\t".join(cells)
        else:
            yield block.text


def read_docx(path, language, start, limits):
    import docx

    yield from parts(_docx_blocks(docx.Document(str(path))), start)


def _shape_texts(shapes):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shape_texts(shape.shapes)
        elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            yield shape.text_frame.text
        elif getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                yield "\t".join(cell.text for cell in row.cells)


def read_pptx(path, language, start, limits):
    import pptx

    for number, slide in enumerate(pptx.Presentation(str(path)).slides, 1):
        if number < start:
            continue
        texts = list(_shape_texts(slide.shapes))
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            texts.append(slide.notes_slide.notes_text_frame.text)
        yield Segment(number, "\n".join(texts))


def _sheet_text(sheet):
    lines, size = [], 0
    sheet.reset_dimensions()  # a sheet may claim a million columns: read only the cells there
    for row in sheet.iter_rows(values_only=True):
        line = "\t".join(str(value) for value in row if value is not None and value != "")
        lines.append(line)
        size += len(line) + 1
        if size > MAX_SEGMENT_CHARACTERS:
            break
    return "\n".join(lines)


def read_xlsx(path, language, start, limits):
    import openpyxl

    workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        for number, name in enumerate(workbook.sheetnames, 1):
            sheet = workbook[name]
            if number < start or not hasattr(sheet, "iter_rows"):  # a chart sheet
                continue
            yield Segment(number, _sheet_text(sheet), label=name)
    finally:
        workbook.close()
