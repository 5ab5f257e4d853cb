"""Editorial accounts for the browser journeys, and signing in as one of them in the admin."""

from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

PASSWORD = "Mekong-2025-browser"


def make_user(username, group):
    user = get_user_model().objects.create_user(
        username,
        f"{username}@vientiane-tc.example.org",
        PASSWORD,
        first_name=username.split(".")[0].title(),
        last_name="Phommachanh",
    )
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin in English, so labels are predictable
    profile.save()
    return user


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")
