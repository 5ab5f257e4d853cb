import pytest

from tests import factories


@pytest.fixture(scope="package")
def catalogue(django_db_setup, django_db_blocker):
    """The certification catalogue (tests/conftest.py's), built once for every certificate
    test: they only read it, each in its own rolled-back transaction."""
    with factories.built_once_per_module(
        django_db_blocker, factories.build_certification_catalogue
    ) as built:
        yield built
