"""What the download tests share: a published teaching material to attach files to."""

import pytest

from tests import factories


@pytest.fixture
def material(site_tree):
    return factories.published_resource(
        site_tree["section"], factories.TeachingMaterialPageFactory, title="电工安全教材"
    )
