"""``extract``: a file's segments, cleaned, in the file's own order, within the limits."""

import zipfile

from filetext.extraction.archives import check_zip
from filetext.extraction.cleaning import capped, clean
from filetext.extraction.cleaning import label as clean_label
from filetext.extraction.contract import ExtractionFailed, Limits, Segment
from filetext.extraction.kinds import kind_of


def _failures(kind, segments):
    """The reader's own errors (a parser's exception on a damaged file) as "corrupt"."""
    try:
        yield from segments
    except (ExtractionFailed, MemoryError, RecursionError):
        raise
    except zipfile.BadZipFile as error:  # a member inflating past its declared size, too
        raise ExtractionFailed(
            "corrupt", f"The {kind.label} file is damaged: part of it cannot be unpacked."
        ) from error
    except Exception as error:
        raise ExtractionFailed(
            "corrupt", f"The {kind.label} file is damaged or not really {kind.label}."
        ) from error


def extract(path, content_type, language, start=1, limits=Limits()):  # noqa: B008 - frozen
    """Segments of the file from number ``start`` on; see the package's contract."""
    kind = kind_of(content_type)
    if kind is None:
        raise ValueError(f"no text is read from {content_type!r} (see has_text)")
    if kind.zipped:
        check_zip(path, limits, kind.label)
    for segment in _failures(kind, kind.read(path, language, max(start, 1), limits)):
        if segment.number > limits.max_segments:
            raise ExtractionFailed(
                "too_large",
                f"The file has more than {limits.max_segments:,} parts: only the first "
                f"{limits.max_segments:,} were read.",
            )
        text = capped(clean(segment.text))
        if segment.number >= start and text:
            yield Segment(segment.number, text, clean_label(segment.label), segment.ocr)
