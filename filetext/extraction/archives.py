"""Limits on the ZIP-based formats (DOCX, PPTX, XLSX, OpenDocument, EPUB), checked before any
reader opens one: a few hundred kilobytes can declare gigabytes.

The declared sizes are enough: Python's zipfile never inflates a member beyond the size its
header declares, and a member that inflates further fails its CRC check (a corrupt file).
"""

import zipfile

from filetext.extraction.contract import ExtractionFailed

MAX_MEMBERS = 10_000
# A password-protected Word, Excel or PowerPoint file is not a ZIP but an OLE2 container.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _megabytes(size):
    return f"{size / (1 << 20):,.0f} MB"


def check_zip(path, limits, kind):
    """Refuse a ZIP-based file of format ``kind`` (e.g. "Word") that is protected, damaged or
    would inflate beyond ``limits.max_inflated_bytes``."""
    with open(path, "rb") as file:
        head = file.read(len(OLE2_MAGIC))
    if head == OLE2_MAGIC:
        raise ExtractionFailed("encrypted", f"The {kind} file is protected by a password.")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise ExtractionFailed(
            "corrupt", f"The {kind} file is damaged: it cannot be opened."
        ) from error
    if len(members) > MAX_MEMBERS:
        raise ExtractionFailed(
            "too_large",
            f"The {kind} file holds {len(members):,} parts; more than {MAX_MEMBERS:,} are not read.",
        )
    inflated = sum(member.file_size for member in members)
    if inflated > limits.max_inflated_bytes:
        raise ExtractionFailed(
            "too_large",
            f"The {kind} file would unpack to {_megabytes(inflated)}, more than the "
            f"{_megabytes(limits.max_inflated_bytes)} a file may.",
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise ExtractionFailed("encrypted", f"The {kind} file is protected by a password.")
