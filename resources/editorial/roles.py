"""The roles and what each may do. Group names are what administrators see in the admin."""

from django.utils.translation import gettext_lazy as _

ALLIANCE_REVIEWERS = "Alliance reviewers"
SITE_ADMINISTRATORS = "Site administrators"
ALLIANCE_TASK = "Alliance secretariat approval"


def translators_group_name(language_code):
    return f"Translators ({language_code})"


def editors_group_name(institution):
    return f"Editors · {institution.name}"


def reviewers_group_name(institution):
    return f"Reviewers · {institution.name}"


# Page permissions (Wagtail codenames) on an institution's sections, in every language.
# Editors and reviewers never get "publish": only a completed workflow publishes their pages.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
# On every language's home page.
ALLIANCE_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
# Translators edit the translations in their language's tree (wagtail-localize creates them);
# they never add an original page there.
TRANSLATOR_PAGE_PERMISSIONS = ["change_page"]
ADMIN_PAGE_PERMISSIONS = [
    "add_page", "bulk_delete_page", "change_page", "lock_page", "publish_page", "unlock_page",
]  # fmt: skip

# Collection permissions: documents and images share the codenames' shape.
MEDIA_MODELS = ["document", "image"]
MEMBER_COLLECTION_ACTIONS = ["add", "change", "choose"]
ADMIN_COLLECTION_ACTIONS = ["add", "change", "choose", "delete"]

TAXONOMY_MODELS = ["country", "institution", "sector", "qualificationlevel"]

# The harvested repositories, their runs and their resources (only harvests write the last two).
HARVESTING_VIEW_PERMISSIONS = [
    f"harvesting.view_{m}" for m in ("harvestsource", "harvestrun", "externalresource")
]


def taxonomy_permissions(*actions):
    """Model permissions on the taxonomy snippets, e.g. taxonomy_permissions("view")."""
    return [f"resources.{a}_{m}" for m in TAXONOMY_MODELS for a in actions]


ROLE_DESCRIPTIONS = {
    "editor": _("Institution editor: drafts and submits resources in the institution's sections."),
    "reviewer": _(
        "Institution reviewer: approves or rejects what the institution's editors submit."
    ),
    "alliance": _(
        "Alliance reviewer: second approval of standards and certifications; edits anywhere."
    ),
    "translator": _("Translator: translates pages into the languages assigned."),
    "admin": _("Site administrator: everything."),
}
