"""HTTP byte ranges (RFC 9110), shared by file and bundle downloads: a resumed download asks
for the bytes it lacks."""

import re

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
UNSATISFIABLE = "unsatisfiable"


def parse_range(header, size):
    """(start, end) inclusive of a single satisfiable range, UNSATISFIABLE, or None for the
    whole file (no header, several ranges, or one we cannot read: ignored, as RFC 9110 says)."""
    match = RANGE_RE.match((header or "").replace(" ", ""))
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":  # the last n bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            return UNSATISFIABLE
        return max(size - suffix, 0), size - 1
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        return UNSATISFIABLE
    return start, min(int(last), size - 1) if last else size - 1


def read_range(storage, name, start, end, chunk_size=64 * 1024):
    """Bytes ``start``..``end`` (inclusive) of a stored file, in chunks."""
    with storage.open(name, "rb") as handle:
        if start:
            handle.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = handle.read(min(chunk_size, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
