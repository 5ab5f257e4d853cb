"""Limits on the ZIP-based formats (DOCX, PPTX, XLSX, OpenDocument, EPUB), checked before any
reader opens one: a few hundred kilobytes can declare gigabytes.

The declared sizes bound what a reader is given, but not what is inflated on the way: asked
for a whole member (``read()``, as python-docx, python-pptx and openpyxl ask), zipfile
inflates all of it in one call and only then cuts it to the declared size, so a member whose
header lies (a few bytes declared, gigabytes inside) would exhaust memory. Read in bounded
pieces, as ``testzip`` does, a member stops at its declared size and fails its CRC check. So
every member is read that way once, before any reader opens the file.
"""

import zipfile
import zlib

from filetext.extraction.contract import ExtractionFailed

MAX_MEMBERS = 10_000
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    NotImplementedError,  # a compression method Python does not have
    OSError,
    EOFError,
    ValueError,
)
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
            _check_sizes(members, limits, kind)
            lying = archive.testzip()  # bounded reads: at most 1 MB inflated at a time
    except ZIP_ERRORS as error:
        raise ExtractionFailed(
            "corrupt", f"The {kind} file is damaged: it cannot be opened."
        ) from error
    if lying is not None:
        raise ExtractionFailed(
            "corrupt", f"The {kind} file is damaged: a part of it does not unpack as it says."
        )


def _check_sizes(members, limits, kind):
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
