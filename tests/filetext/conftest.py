"""The file-text tests make their files in a temporary folder (``tests.filetext.samples``) and
need no database."""

import pytest

from resources.documents.formats import UPLOAD_FORMATS


@pytest.fixture
def types():
    """Extension -> content type, as the upload formats declare them."""
    return {extension: f.content_type for extension, f in UPLOAD_FORMATS.items()}
