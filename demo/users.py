"""One demo account per editorial role, so each role can be tried in the admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from resources.editorial import roles
from resources.models import Institution, InstitutionEditorial

DEMO_INSTITUTION = "pakpasak-technical-college"


def demo_accounts():
    """(username, role, groups, superuser, admin language) for each demo account."""
    institution = Institution.objects.filter(slug=DEMO_INSTITUTION).order_by("pk").first()
    editorial = InstitutionEditorial.for_institution(institution)
    return [
        ("admin", "Site administrator", [roles.SITE_ADMINISTRATORS], True, "en"),
        ("secretariat", "Alliance reviewer", [roles.ALLIANCE_REVIEWERS], False, "zh-hans"),
        ("pakpasak.editor", "Institution editor", [editorial.editors.name], False, "en"),
        ("pakpasak.reviewer", "Institution reviewer", [editorial.reviewers.name], False, "th"),
        ("translator.lo", "Translator (Lao)", [roles.translators_group_name("lo")], False, "en"),
    ]


def create_demo_users(password):
    """Create the accounts that are missing (existing passwords are never changed) and keep
    every account in its role's groups. Returns [(username, role, created)]."""
    users = get_user_model()
    result = []
    for username, role, group_names, superuser, language in demo_accounts():
        user = users.objects.filter(username=username).first()
        created = user is None
        if created:
            make = users.objects.create_superuser if superuser else users.objects.create_user
            user = make(username, email=f"{username}@example.org", password=password)
        user.groups.add(*Group.objects.filter(name__in=group_names))
        profile = UserProfile.get_for_user(user)
        if created:
            profile.preferred_language = language
            profile.save()
        result.append((username, role, created))
    return result
