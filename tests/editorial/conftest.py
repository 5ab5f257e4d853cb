"""What the editorial tests share: a module's world built once, its users, and the alliance
secretariat signed in to the admin."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from tests import factories


@pytest.fixture
def admin_client(client, db):
    """A superuser whose admin speaks English (the assertions read the English labels)."""
    user = get_user_model().objects.create_superuser("secretariat", "s@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, request):
    """What the module's ``build_world()`` builds, once for the module (each test runs in a
    savepoint rolled back after it)."""
    with factories.built_once_per_module(django_db_blocker, request.module.build_world) as built:
        yield built


@pytest.fixture
def users(world, db):
    return world["users"]
