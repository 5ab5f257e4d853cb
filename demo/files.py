"""Collections, images and documents, keyed by title within a collection and by content hash.

A file whose bytes are already stored under the expected name is reused, so a second run (or
a run against a fresh database but an existing MEDIA_ROOT) writes no new files.
"""

import hashlib
import io

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from resources.models import ResourceDocument


def get_collection(name, tally):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
        tally.note("created", "collection")
    return collection


def _attach_file(instance, filename, data):
    """Point ``instance.file`` at ``filename``'s upload path, writing the bytes only if that
    path does not already hold exactly these bytes."""
    storage = instance.file.storage
    name = instance.file.field.generate_filename(instance, filename)
    if storage.exists(name):
        with storage.open(name, "rb") as stored:
            if stored.read() == data:
                instance.file.name = name
                return
        if instance.file.name == name:
            storage.delete(name)  # our own outdated file: replace it in place
    instance.file.save(filename, ContentFile(data), save=False)


def upsert_image(title, collection, filename, data, tally):
    image_model = get_image_model()
    digest = hash_filelike(io.BytesIO(data))
    image = image_model.objects.filter(title=title, collection=collection).first()
    if image is not None and image.file_hash == digest:
        return image
    action = "created" if image is None else "updated"
    image = image or image_model(title=title, collection=collection)
    _attach_file(image, filename, data)
    with PILImage.open(io.BytesIO(data)) as picture:
        image.width, image.height = picture.size
    image.file_size = len(data)
    image.file_hash = digest
    image.save()
    tally.note(action, "image")
    return image


def upsert_document(title, collection, filename, data, language, tally):
    document = ResourceDocument.objects.filter(title=title, collection=collection).first()
    checksum = hashlib.sha256(data).hexdigest()
    if (
        document is not None
        and document.checksum_sha256 == checksum
        and document.language == language
    ):
        return document
    action = "created" if document is None else "updated"
    document = document or ResourceDocument(title=title, collection=collection)
    document.language = language
    if document.checksum_sha256 != checksum:
        _attach_file(document, filename, data)
        document.file_size = len(data)
        document.file_hash = hash_filelike(io.BytesIO(data))
        document.checksum_sha256 = ""  # makes save() re-read the file, even if replaced in place
    document.save()  # ResourceDocument.save() records checksum and content type
    tally.note(action, "document")
    return document
