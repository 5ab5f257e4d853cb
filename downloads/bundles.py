"""A course's materials in one language, as one ZIP: "download everything for this course".

The ZIP is built with the standard library writing to a stream that cannot seek, so every entry
carries a data descriptor and nothing is held in memory but one chunk: a 2 GB bundle costs
what a 2 kB one does. Entries are stored (the files are PDFs, videos and office documents,
already compressed) with a fixed timestamp, so the same files under the same names give the
same bytes, and the length is known before the first byte is written.

The first request streams the ZIP to the teacher while copying it to a file in storage whose
name is derived from the ETag; later requests are served from that file, with byte ranges so an
interrupted download resumes. A changed file has a new checksum, hence a new ETag and a new
cache file. A bundle only ever holds files the requesting user may download; since its key
covers the set of files, a bundle with restricted files has a key of its own that anonymous
requests never compute.
"""

import hashlib
import hmac
import json
import logging
import mimetypes
import os
import re
import struct
import tempfile
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage

from digital_lm.languages import LANGUAGE_CODES
from downloads.access import may_download
from resources.caching import cached, collection_is_restricted, is_shared, locale_for
from resources.documents.formats import format_extension
from resources.documents.names import MAX_NAME_BYTES, safe_filename, truncate_utf8
from resources.models import MaterialFile

logger = logging.getLogger(__name__)

# Bump when the layout of bundles changes, so cached bundles of the old layout are not served.
BUNDLE_FORMAT = 1
# Sizes of the fixed parts of a ZIP, as the standard library writes them.
LOCAL_HEADER = struct.calcsize(zipfile.structFileHeader)  # 30 bytes + name (+ ZIP64 extra)
CENTRAL_ENTRY = struct.calcsize(zipfile.structCentralDir)  # 46 bytes + name (+ ZIP64 extra)
END_RECORD = struct.calcsize(zipfile.structEndArchive)  # 22 bytes
ZIP64_END = struct.calcsize(zipfile.structEndArchive64) + struct.calcsize(
    zipfile.structEndArchive64Locator
)  # 56 + 20 bytes
# Every entry's timestamp: the earliest a ZIP can say, the same for every build.
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
CHUNK_SIZE = 256 * 1024
CACHE_FOLDER = "bundles"


@dataclass(frozen=True)
class BundleEntry:
    arcname: str
    document: object  # ResourceDocument
    size: int

    @property
    def checksum(self):
        return self.document.checksum_sha256 or f"{self.document.file.name}:{self.size}"


@dataclass
class Bundle:
    course: object  # CoursePage (one translation)
    language: str
    entries: list
    # True when a file of the course in this language sits in a private collection (whether or
    # not this user may have it): such responses must not be stored by shared caches.
    restricted: bool

    @property
    def file_count(self):
        return len(self.entries)

    @property
    def files_size(self):
        return sum(entry.size for entry in self.entries)

    @property
    def size(self):
        """The exact length of the ZIP in bytes."""
        return zip_length([(entry.arcname, entry.size) for entry in self.entries])

    @property
    def etag(self):
        identity = [
            BUNDLE_FORMAT,
            self.course.pk,
            str(self.course.translation_key),
            self.course.locale.language_code,
            self.language,
            [[entry.arcname, entry.checksum, entry.size] for entry in self.entries],
        ]
        digest = hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()
        return f'"{digest[:40]}"'

    @property
    def cache_name(self):
        """Where the finished ZIP is kept. Derived from the ETag with the site's secret, so that
        nobody can compute the name of a bundle from the public checksums of its files."""
        key = hmac.new(
            settings.SECRET_KEY.encode(), f"bundle:{self.etag}".encode(), hashlib.sha256
        ).hexdigest()
        return f"{CACHE_FOLDER}/{key[:48]}.zip"

    @property
    def filename(self):
        return f"{safe_filename(self.course.title) or 'course'} ({self.language}).zip"


# ----------------------------------------------------------------------------------------------
# What goes into a bundle


def course_materials(course, language):
    """The live, public teaching materials ``course`` links to, each in ``language`` where a
    translation exists (else as linked), in the course's order."""
    return course.materials(locale_for(language) or course.locale)


def _candidate_documents(materials, language):
    """[(material, document)] in ``language``, in the course's order, each file once. A
    material's translations share their files, and a file attached to any live translation
    counts (a Lao file added to the Chinese original is found from the Lao page too)."""
    return _candidates_by_language(materials, [language]).get(language, [])


def _candidates_by_language(materials, languages):
    """{language: [(material, document)]} of ``_candidate_documents`` for each of
    ``languages``, in one query."""
    if not materials:
        return {}
    position = {m.translation_key: i for i, m in enumerate(materials)}
    shown = {m.translation_key: m for m in materials}
    rows = (
        MaterialFile.objects.filter(
            material__translation_key__in=list(position),
            material__live=True,
            document__language__in=list(languages),
        )
        .select_related("document", "document__collection", "material")
        .order_by("sort_order", "document__title", "pk")
    )
    rows = sorted(
        rows,
        key=lambda row: (
            position[row.material.translation_key],
            # The shown translation's own files first.
            row.material_id != shown[row.material.translation_key].pk,
        ),
    )
    seen = defaultdict(set)
    pairs = defaultdict(list)
    for row in rows:
        document = row.document
        identity = document.checksum_sha256 or f"pk:{document.pk}"
        language_seen = seen[document.language]
        if document.pk in language_seen or identity in language_seen:
            continue
        language_seen.update({document.pk, identity})
        pairs[document.language].append((shown[row.material.translation_key], document))
    return pairs


def _collection_is_restricted(collection, memo):
    if collection.pk not in memo:
        memo[collection.pk] = collection_is_restricted(collection)
    return memo[collection.pk]


def build_bundle(course, language, request):
    """The bundle of ``course`` in ``language`` that ``request``'s user may download."""
    pairs = _candidate_documents(course_materials(course, language), language)
    restricted_memo = {}
    restricted = False
    allowed = []
    for material, document in pairs:
        if _collection_is_restricted(document.collection, restricted_memo):
            restricted = True
            if not may_download(request, document):
                continue
        allowed.append((material, document))

    folder = safe_filename(course.title) or "course"
    per_material = {}
    for material, _document in allowed:
        per_material[material.pk] = per_material.get(material.pk, 0) + 1
    names = UniqueNames()
    entries = []
    for number, (material, document) in enumerate(allowed, start=1):
        stem = f"{number:02d} {safe_filename(material.title)}"
        if per_material[material.pk] > 1:
            stem = f"{stem} - {safe_filename(document.title)}"
        name = names.add(f"{truncate_utf8(stem, MAX_NAME_BYTES)}{_extension(document)}")
        size = default_storage.size(document.file.name)
        entries.append(BundleEntry(arcname=f"{folder}/{name}", document=document, size=size))
    return Bundle(course=course, language=language, entries=entries, restricted=restricted)


def available_bundles(course, request):
    """[(language code, file count, total bytes)] of the languages this course can be
    downloaded in, for the links on the course page (sizes from the documents' metadata: no
    storage access). When no file of a live, public course is private, the answer is the same
    for every visitor: kept for the generation (a document's change bumps it too)."""
    if is_shared(course, request):
        kept = cached("bundles", lambda: _bundles_for_everyone(course), course.pk)
        if kept is not None:
            return kept
    return _bundles(course, request)[0]


def _bundles_for_everyone(course):
    """``available_bundles`` of ``course`` when no file of it is private, else None (then
    each visitor's own is computed)."""
    result, restricted = _bundles(course, None)
    return None if restricted else result


def _bundles(course, request):
    """(``available_bundles`` for ``request``, whether any file met is private)."""
    materials = course_materials(course, course.locale.language_code)
    if not materials:
        return [], False
    result = []
    restricted_memo = {}
    candidates = _candidates_by_language(materials, LANGUAGE_CODES)
    for language in LANGUAGE_CODES:
        documents = [
            document
            for _material, document in candidates.get(language, [])
            if not _collection_is_restricted(document.collection, restricted_memo)
            or may_download(request, document)
        ]
        if documents:
            size = sum(document.file_size or 0 for document in documents)
            result.append((language, len(documents), size))
    return result, any(restricted_memo.values())


# ----------------------------------------------------------------------------------------------
# Names inside the ZIP


def _extension(document):
    suffix = PurePosixPath(document.file.name).suffix.lower()
    if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix):
        return suffix
    content_type = document.content_type or ""
    return format_extension(content_type) or mimetypes.guess_extension(content_type) or ""


class UniqueNames:
    """Adds " (2)", " (3)"... before the extension of a name already taken (case-insensitively,
    as Windows and macOS compare names)."""

    def __init__(self):
        self.taken = set()

    def add(self, name):
        stem, dot, extension = name.rpartition(".") if "." in name else (name, "", "")
        candidate, n = name, 1
        while candidate.casefold() in self.taken:
            n += 1
            candidate = f"{stem} ({n}){dot}{extension}"
        self.taken.add(candidate.casefold())
        return candidate


# ----------------------------------------------------------------------------------------------
# Writing the ZIP


def _zip64_entry(size):
    """Whether the standard library writes an entry of ``size`` bytes with ZIP64 fields (its
    own rule, from ``ZipFile.open(..., "w")``)."""
    return size * 1.05 > zipfile.ZIP64_LIMIT


def zip_length(entries):
    """The length in bytes of the ZIP that :func:`iter_zip` writes for ``[(arcname, size)]``:
    stored entries, each with a data descriptor, then the central directory."""
    offset = 0
    central = 0
    for arcname, size in entries:
        name = len(arcname.encode("utf-8"))
        zip64 = _zip64_entry(size)
        header_offset = offset
        offset += LOCAL_HEADER + name + (20 if zip64 else 0)  # (+ ZIP64 extra: "<HHQQ")
        offset += size
        offset += 24 if zip64 else 16  # data descriptor
        extra = 0
        if size > zipfile.ZIP64_LIMIT:
            extra += 2
        if header_offset > zipfile.ZIP64_LIMIT:
            extra += 1
        central += CENTRAL_ENTRY + name + (4 + 8 * extra if extra else 0)
    end = END_RECORD
    if (
        len(entries) > zipfile.ZIP_FILECOUNT_LIMIT
        or offset > zipfile.ZIP64_LIMIT
        or central > zipfile.ZIP64_LIMIT
    ):
        end += ZIP64_END
    return offset + central + end


class _Pipe:
    """A write-only stream that cannot seek: the ZIP writer puts bytes in, the generator takes
    them out."""

    def __init__(self):
        self.chunks = []
        self.position = 0

    def write(self, data):
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self):
        return self.position

    def seek(self, *args):
        raise OSError("not seekable")

    def seekable(self):
        return False

    def flush(self):
        pass

    def take(self):
        chunks, self.chunks = self.chunks, []
        return chunks


def iter_zip(entries, storage=None):
    """The ZIP of ``entries`` (BundleEntry) as a stream of byte chunks."""
    storage = storage or default_storage
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for entry in entries:
            info = zipfile.ZipInfo(entry.arcname, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.file_size = entry.size
            written = 0
            with storage.open(entry.document.file.name, "rb") as source:
                with archive.open(info, "w", force_zip64=_zip64_entry(entry.size)) as target:
                    yield from pipe.take()
                    while chunk := source.read(CHUNK_SIZE):
                        written += len(chunk)
                        target.write(chunk)
                        yield from pipe.take()
            if written != entry.size:
                raise ValueError(f"{entry.arcname}: read {written} bytes, expected {entry.size}")
            yield from pipe.take()
    yield from pipe.take()


# ----------------------------------------------------------------------------------------------
# The cache


def cached_bundle(bundle, storage=None):
    """The name of the cached ZIP of ``bundle`` in storage, or None."""
    storage = storage or default_storage
    name = bundle.cache_name
    return name if storage.exists(name) else None


class _TemporaryFile(File):
    """A finished temporary file that FileSystemStorage moves into place rather than copies."""

    def temporary_file_path(self):
        return self.name


def _temporary_directory(storage):
    """Next to the cache when storage is a local folder (so the final move is a rename)."""
    try:
        directory = storage.path(CACHE_FOLDER)
    except NotImplementedError:
        return None
    os.makedirs(directory, exist_ok=True)
    return directory


def stream_and_cache(bundle, storage=None):
    """The ZIP of ``bundle`` as a stream of chunks; once the last chunk has been produced, the
    whole ZIP is stored under ``bundle.cache_name``. A stream abandoned half-way (the teacher's
    connection dropped) leaves nothing behind. When the cache cannot be written (a full disk,
    a read-only folder) the teacher still gets the whole ZIP: it is streamed, not kept."""
    storage = storage or default_storage
    partial = _PartialCopy.open(storage, bundle)
    complete = False
    try:
        for chunk in iter_zip(bundle.entries, storage):
            if partial is not None:
                partial = partial.write(chunk)
            yield chunk
        complete = True
    finally:
        if partial is not None:
            partial.finish(complete)


class _PartialCopy:
    """The copy of a ZIP being streamed, on its way to the cache; any failure to write it
    gives it up (logged) without touching the stream."""

    def __init__(self, storage, bundle, handle):
        self.storage, self.bundle, self.handle = storage, bundle, handle
        self.written = 0

    @classmethod
    def open(cls, storage, bundle):
        try:
            handle = tempfile.NamedTemporaryFile(
                prefix=".partial-",
                suffix=".zip",
                dir=_temporary_directory(storage),
                delete=False,
            )
        except OSError:
            logger.warning("Bundle %s is streamed without caching", bundle.etag, exc_info=True)
            return None
        return cls(storage, bundle, handle)

    def write(self, chunk):
        """Self, or None once the copy is given up."""
        try:
            self.handle.write(chunk)
        except OSError:
            logger.warning("Bundle %s is no longer cached", self.bundle.etag, exc_info=True)
            self.finish(complete=False)
            return None
        self.written += len(chunk)
        return self

    def finish(self, complete):
        name = self.handle.name
        try:
            self.handle.close()
            expected = self.bundle.size
            if complete and self.written == expected:
                if not self.storage.exists(self.bundle.cache_name):
                    _store(self.storage, self.bundle.cache_name, name)
            elif complete:
                logger.error(
                    "Bundle %s is %d bytes, announced %d", self.bundle.etag, self.written, expected
                )
        except OSError:
            logger.warning("Bundle %s could not be cached", self.bundle.etag, exc_info=True)
        finally:
            if os.path.exists(name):
                os.unlink(name)


def _store(storage, name, path):
    with open(path, "rb") as fh:
        saved = storage.save(name, _TemporaryFile(fh, name=path))
    if saved != name:  # another request stored the same bundle a moment earlier
        storage.delete(saved)


def window(chunks, start, end):
    """The bytes ``start``..``end`` (inclusive) of a stream of chunks; the stream is still
    consumed to its end (so a bundle being cached is completed)."""
    position = 0
    for chunk in chunks:
        chunk_end = position + len(chunk)
        if chunk_end > start and position <= end:
            yield chunk[max(0, start - position) : end - position + 1]
        position = chunk_end
