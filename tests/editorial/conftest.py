"""What the editorial tests share: the alliance secretariat signed in to the admin."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile


@pytest.fixture
def admin_client(client, db):
    """A superuser whose admin speaks English (the assertions read the English labels)."""
    user = get_user_model().objects.create_superuser("secretariat", "s@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client
