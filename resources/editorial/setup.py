"""Create or update the groups, permissions, collections and workflows of the alliance."""

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import (
    Collection,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from home.models import HomePage
from resources.models import (
    FourEyesApprovalTask,
    Institution,
    InstitutionEditorial,
    ResourceIndexPage,
)

from . import roles
from .permissions import grant, grant_collection, grant_pages, grant_pages_only, named_group

# The multilingual termbase that search expands queries with: the alliance's reviewers keep
# it (institution editors and translators only see its effect in searches).
TERMBASE_PERMISSIONS = [f"resources.{a}_termconcept" for a in ("add", "change", "delete", "view")]


def locale_homes():
    """Each language's home page (the top of its tree, one level below the root)."""
    return HomePage.objects.filter(depth=2).select_related("locale")


# Service levels in working days: how long a page may wait at each step before it is overdue.
# Set when a step is created; administrators may change them in the workflow editor.
INSTITUTION_REVIEW_DAYS = 5
ALLIANCE_REVIEW_DAYS = 10


def approval_task(name, group, service_days=INSTITUTION_REVIEW_DAYS):
    """An approval task of ``group`` that nobody approves alone (four eyes). Site administrators
    may act on every task too (Wagtail lets only a task's groups, and superusers, approve or
    reject)."""
    task = FourEyesApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = FourEyesApprovalTask.objects.create(name=name, service_days=service_days)
    task.groups.add(group, named_group(roles.SITE_ADMINISTRATORS))
    return task


def workflow_with(name, tasks):
    workflow, _created = Workflow.objects.get_or_create(name=name)
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    return workflow


def setup_alliance_groups():
    """Alliance reviewers, site administrators and one translators group per language."""
    alliance = named_group(roles.ALLIANCE_REVIEWERS)
    admins = named_group(roles.SITE_ADMINISTRATORS)
    root_collection = Collection.get_first_root_node()
    taxonomy = roles.taxonomy_permissions("view")

    grant(
        alliance,
        "wagtail_localize.submit_translation",
        *roles.taxonomy_permissions("view", "add", "change"),
        *TERMBASE_PERMISSIONS,
        *roles.HARVESTING_VIEW_PERMISSIONS,
    )
    grant_collection(alliance, root_collection, roles.MEMBER_COLLECTION_ACTIONS)
    for home in locale_homes():
        grant_pages(alliance, home, roles.ALLIANCE_PAGE_PERMISSIONS)

    grant(
        admins,
        "wagtail_localize.submit_translation",
        *roles.taxonomy_permissions("add", "change", "delete", "view"),
        *TERMBASE_PERMISSIONS,
        *[f"auth.{a}_user" for a in ("add", "change", "delete")],
        *[f"auth.{a}_group" for a in ("add", "change", "delete")],
        *[f"wagtailcore.{a}_workflow" for a in ("add", "change")],
        *[f"wagtailcore.{a}_task" for a in ("add", "change")],
        *[f"wagtailcore.{a}_collection" for a in ("add", "change", "delete")],
        *[f"wagtailcore.{a}_{m}" for m in ("locale", "site") for a in ("add", "change", "delete")],
        *[f"wagtailredirects.{a}_redirect" for a in ("add", "change", "delete")],
        *roles.HARVESTING_VIEW_PERMISSIONS,
        *[f"harvesting.{a}_harvestsource" for a in ("add", "change", "delete")],
    )
    grant_collection(admins, root_collection, roles.ADMIN_COLLECTION_ACTIONS)
    # Wagtail manages collections through collection-level permissions, not model ones.
    grant_collection(admins, root_collection, ["add", "change", "delete"], models=["collection"])
    grant_pages(admins, Page.get_first_root_node(), roles.ADMIN_PAGE_PERMISSIONS)

    homes = {home.locale.language_code: home for home in locale_homes()}
    for code in LANGUAGE_CODES:
        translators = named_group(roles.translators_group_name(code))
        grant(translators, "wagtail_localize.submit_translation", *taxonomy)
        grant_collection(translators, root_collection, ["choose"])
        if code in homes:
            grant_pages_only(translators, homes[code], roles.TRANSLATOR_PAGE_PERMISSIONS)

    return approval_task(roles.ALLIANCE_TASK, alliance, ALLIANCE_REVIEW_DAYS)


def source_institution(institution):
    """The institution's row in the default language, else the row given."""
    default = Locale.objects.get(language_code=DEFAULT_LANGUAGE)
    return (
        Institution.objects.filter(
            translation_key=institution.translation_key, locale=default
        ).first()
        or institution
    )


def setup_institution(institution, alliance_task=None):
    """The institution's collection, groups, review task and workflows, and permissions on each
    of its sections. Safe to call again: it fills in what is missing."""
    with transaction.atomic():
        institution = source_institution(institution)
        editorial = InstitutionEditorial.for_institution(institution)
        if editorial is None:
            editorial = create_editorial(institution, alliance_task or setup_alliance_groups())
        ensure_section(institution)
        for section in ResourceIndexPage.objects.filter(
            institution__translation_key=institution.translation_key
        ):
            grant_section(editorial, section)
    return editorial


def create_editorial(institution, alliance_task):
    root = Collection.get_first_root_node()
    # Adopt a collection already named after the institution (e.g. made for its logo).
    collection = root.get_children().filter(name=institution.name).first() or root.add_child(
        name=institution.name
    )
    editors = named_group(roles.editors_group_name(institution))
    reviewers = named_group(roles.reviewers_group_name(institution))
    taxonomy = roles.taxonomy_permissions("view")
    for group in (editors, reviewers):
        grant(group, *taxonomy)
        grant_collection(group, collection, roles.MEMBER_COLLECTION_ACTIONS)

    review = approval_task(f"Review · {institution.name}", reviewers)
    return InstitutionEditorial.objects.create(
        institution_key=institution.translation_key,
        collection=collection,
        editors=editors,
        reviewers=reviewers,
        review_workflow=workflow_with(f"Review · {institution.name}", [review]),
        alliance_workflow=workflow_with(
            f"Review and alliance approval · {institution.name}", [review, alliance_task]
        ),
    )


def grant_section(editorial, section):
    grant_pages(editorial.editors, section, roles.EDITOR_PAGE_PERMISSIONS)
    grant_pages(editorial.reviewers, section, roles.REVIEWER_PAGE_PERMISSIONS)
    # The section's own workflow names the review in the editor's "Submit to ..." button;
    # each resource still picks one or two steps itself (ResourceMetadataMixin.get_workflow).
    WorkflowPage.objects.update_or_create(
        page=section, defaults={"workflow": editorial.review_workflow}
    )


def resource_library():
    """The default language's top resource index, where institution sections live."""
    return (
        ResourceIndexPage.objects.filter(
            depth=3, institution__isnull=True, locale__language_code=DEFAULT_LANGUAGE
        )
        .order_by("path")
        .first()
    )


def ensure_section(institution):
    """Give the institution a section in the resource library if it has none yet."""
    if ResourceIndexPage.objects.filter(
        institution__translation_key=institution.translation_key
    ).exists():
        return None
    library = resource_library()
    if library is None:  # no site yet: the section comes with the content
        return None
    slug = slugify(institution.slug) or f"institution-{institution.pk}"
    section = library.add_child(
        instance=ResourceIndexPage(title=institution.name, slug=slug, institution=institution)
    )
    section.save_revision().publish()
    return section


def setup_editorial():
    """Everything, for every institution that exists."""
    alliance_task = setup_alliance_groups()
    default = Locale.objects.get(language_code=DEFAULT_LANGUAGE)
    seen = set()
    editorials = []
    for institution in Institution.objects.order_by("pk"):
        if institution.translation_key in seen:
            continue
        seen.add(institution.translation_key)
        if institution.locale_id != default.id:
            institution = source_institution(institution)
        editorials.append(setup_institution(institution, alliance_task))
    return editorials
