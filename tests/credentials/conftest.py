import pytest

from tests import factories
from tests.helpers import certificate_issuer


@pytest.fixture(scope="package")
def catalogue(django_db_setup, django_db_blocker):
    """The certification catalogue (tests/conftest.py's), built once for every certificate
    test: they only read it, each in its own rolled-back transaction."""
    with factories.built_once_per_module(
        django_db_blocker, factories.build_certification_catalogue
    ) as built:
        yield built


@pytest.fixture
def certification(catalogue):
    """The EV certification: published in Chinese, Lao and Thai, with a level and a standard."""
    return catalogue["ev_certification"]


@pytest.fixture
def issuer_user(certification):
    """One of the certification's institution's certificate issuers."""
    return certificate_issuer(certification.institution)
