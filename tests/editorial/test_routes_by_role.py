"""Every URL of the site and the admin, requested as every kind of visitor.

The URLs are read from the resolver, so a new view is covered as soon as it exists: a pattern
that RULES does not classify fails the test and says which. Path parameters are filled with
objects of institution A (a page, a document, an image, snippets, a user, a group, a workflow,
a translation, ...); "other" is an editor of institution B asking for them. GET only, so that
walking the admin changes nothing; a sample of POSTs without a CSRF token is refused.

The world is built once per module; each role walks the whole URL set in one test, and the
mismatches are listed together at the end.
"""

import re
from fnmatch import fnmatchcase

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import CollectionViewRestriction, Locale, Site
from wagtail_factories import ImageFactory
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from harvesting.models import ExternalResource, HarvestRun, HarvestSource
from resources.models import InstitutionEditorial, ResourceDocument, TermConcept
from tests import factories
from tests.helpers import make_user, role_groups

ROLES = ("anonymous", "editor", "reviewer", "alliance", "translator", "admin", "other")


# ---------------------------------------------------------------------------------------------
# The URL patterns, from the resolver.


def url_patterns(patterns=None, prefix="", namespace=""):
    """(full name or None, route, pattern) of every URL pattern, in the resolver's order."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from url_patterns(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield name, route, entry


def parameters(pattern):
    """The named parameters of a pattern, and how many unnamed groups it has."""
    regex = pattern.pattern.regex
    return list(regex.groupindex), regex.groups - len(regex.groupindex)


def target(name, route, params, shared_names):
    """What the table is keyed by: the URL name (with its parameters when several patterns
    share the name), else its route."""
    if name is None:
        return route
    return f"{name}({','.join(params)})" if name in shared_names else name


# ---------------------------------------------------------------------------------------------
# The world: institution A's objects, and a user of every role.


def build_world():
    tree = factories.build_site_tree()
    institution = tree["institution"]
    other_institution = factories.InstitutionFactory(
        slug="pakse-tc", name="Pakse Technical College"
    )
    users = {
        "editor": make_user("editor.a", *role_groups("editor", institution)),
        "reviewer": make_user("reviewer.a", *role_groups("reviewer", institution)),
        "alliance": make_user("secretariat", *role_groups("alliance")),
        "translator": make_user("translator.lo", *role_groups("translator")),
        "admin": make_user("siteadmin", *role_groups("admin")),
        "other": make_user("editor.b", *role_groups("editor", other_institution)),
    }
    editorial = InstitutionEditorial.for_institution(institution)
    editor = users["editor"]
    section = tree["section"]
    page = factories.CoursePageFactory(
        parent=section, institution=institution, title="Live course", owner=editor
    )
    factories.publish(page)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="lo")
    )
    translation.save_target(publish=True)
    # A newer revision in review: every workflow URL applies to the page.
    page.title = "Live course (edited)"
    revision = page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state
    private = factories.publish(
        factories.CoursePageFactory(parent=section, institution=institution, title="Private")
    )
    private_collection = editorial.collection.add_child(name="Private files")
    document = factories.ResourceDocumentFactory(
        collection=editorial.collection, language="zh-hans"
    )
    image = ImageFactory(collection=editorial.collection, file=get_test_image_file())
    redirect = Redirect.objects.create(old_path="/old-course", redirect_link="/zh-hans/")
    repository = HarvestSource.objects.create(
        name="Member repository", base_url="https://member.example/oai", institution=institution
    )
    harvested = ExternalResource.objects.create(
        source=repository,
        identifier="oai:member.example:1",
        language="lo",
        title="ຄູ່ມືການເຊື່ອມ",
        url="https://member.example/items/1",
        datestamp=timezone.now(),
    )
    return {
        "users": users,
        "institution": institution,
        "editorial": editorial,
        "page": page,
        "revision": revision,
        "workflow_state": workflow_state,
        "task_state": task_state,
        "translation": translation,
        "string_segment": StringSegment.objects.filter(source=source).first(),
        "page_restriction": factories.make_private(private),
        "collection_restriction": CollectionViewRestriction.objects.create(
            collection=private_collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password="secret",
        ),
        "document": document,
        "image": image,
        "redirect": redirect,
        "harvest_repositories": repository,
        "harvest_runs": HarvestRun.objects.create(source=repository),
        "external_resources": harvested,
        "snippets": {
            "institution": institution,
            "country": institution.country,
            "sector": factories.SectorFactory(code="electrical", name="Electrical"),
            "qualificationlevel": factories.QualificationLevelFactory(),
            "termconcept": TermConcept.objects.create(kind="trade"),
        },
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media),
        factories.built_once_per_module(django_db_blocker, build_world) as built,
    ):
        yield {**built, "media": media}


# ---------------------------------------------------------------------------------------------
# Filling the path parameters.


def pk_for(name, world):
    """What ``pk`` names in each namespace."""
    namespace, _sep, view = name.rpartition(":")
    snippet = re.match(r"wagtailsnippet(?:s|choosers)_resources_(\w+)$", namespace)
    if snippet:
        return world["snippets"][snippet.group(1)].pk
    by_namespace = {
        "wagtailadmin_api:pages": world["page"].pk,
        "wagtailadmin_api:documents": world["document"].pk,
        "wagtailadmin_api:images": world["image"].pk,
        "content_api:pages": world["page"].pk,
        "content_api:documents": world["document"].pk,
        "content_api:images": world["image"].pk,
        "wagtaildocs_chooser": world["document"].pk,
        "wagtailimages_chooser": world["image"].pk,
        "wagtailadmin_pages": world["page"].pk,
        "wagtailadmin_collections": world["editorial"].collection_id,
        "wagtaillocales": Locale.objects.get(language_code="zh-hans").pk,
        "wagtailsites": Site.objects.get(is_default_site=True).pk,
        "wagtailusers_users": world["users"]["editor"].pk,
        "wagtailusers_groups": world["editorial"].editors_id,
        "wagtail_localize": world["institution"].pk,
    }
    if namespace in ("harvest_repositories", "harvest_runs", "external_resources"):
        return world[namespace].pk
    if namespace == "wagtailadmin_workflows":
        task = view.endswith("_task")
        return world["task_state"].task_id if task else world["workflow_state"].workflow_id
    return by_namespace[namespace]


def kwargs_for(name, params, world):
    page = world["page"]
    snippet_model = {"app_label": "resources", "model_name": "institution"}
    overrides = {
        "wagtail_bulk_action": {
            "app_label": "wagtailcore",
            "model_name": "page",
            "action": "delete",
        },
        "wagtailadmin_pages:choose_parent": {"app_label": "resources", "model_name": "coursepage"},
        "wagtailadmin_workflows:add_task": {
            "app_label": "wagtailcore",
            "model_name": "groupapprovaltask",
        },
        "wagtailadmin_tag_model_autocomplete": {"app_name": "taggit", "model_name": "tag"},
        "wagtailadmin_editing_sessions:ping": {"app_label": "wagtailcore", "model_name": "page"},
        "wagtail_localize:submit_snippet_translation": snippet_model,
        "wagtail_localize:snippets_api_listing": snippet_model,
        "wagtail_localize:snippets_api_detail": snippet_model,
        "wagtailcore_authenticate_with_password": {"page_id": world["page_restriction"].page_id},
    }.get(name, {})
    values = {
        "page_id": page.pk,
        "parent_page_id": page.get_parent().pk,
        "page_to_move_id": page.pk,
        "destination_id": page.get_parent().pk,
        "page_pk": page.pk,
        "workflow_pk": world["workflow_state"].workflow_id,
        "revision_id": world["revision"].pk,
        "revision_id_a": "earliest",
        "revision_id_b": str(world["revision"].pk),
        "task_state_id": world["task_state"].pk,
        "task_id": world["task_state"].task_id,
        "workflow_state_id": world["workflow_state"].pk,
        "action_name": "approve",
        "content_type_app_name": "resources",
        "content_type_model_name": "coursepage",
        "object_id": str(page.pk),
        "session_id": 1,
        "collection_id": world["editorial"].collection_id,
        "translation_source_id": world["translation"].source_id,
        "translation_id": world["translation"].pk,
        "string_segment_id": world["string_segment"].pk,
        "overridable_segment_id": 1,
        "mode": "default",
        "redirect_id": world["redirect"].pk,
        "document_id": world["document"].pk,
        "doc_id": world["document"].pk,
        "uploaded_file_id": 1,
        "image_id": world["image"].pk,
        "filter_spec": "original",
        "uidb64": "MQ",
        "token": "set-password",
        "restriction_id": world["collection_restriction"].pk,
        "page_view_restriction_id": world["page_restriction"].pk,
        "course_id": page.pk,
        "external_id": page.external_id,
        "language": "zh-hans",
        "section": "zh-hans-home",  # a sitemap: the Chinese home pages
        "name": "swagger-ui.css",
        "slug": world["institution"].slug,  # an issuer's DID document and status lists
        "number": 1,
    }
    filled = {}
    for param in params:
        if param in overrides:
            filled[param] = overrides[param]
        elif param == "pk":
            filled[param] = pk_for(name, world)
        else:
            filled[param] = values[param]
    return filled


def unnamed_args(name, world):
    """Patterns with unnamed groups: a document's download, a page's path."""
    if name == "wagtaildocs_serve":
        return [world["document"].pk, world["document"].filename]
    if name == "wagtail_serve":
        return [world["page"].url_path.split("/", 2)[2]]
    raise KeyError(name)


def url_of(name, route, pattern, world):
    """The URL of a pattern with its parameters filled, or None for a pattern that cannot be
    reversed (those are listed in UNNAMED)."""
    if name is None:
        return UNNAMED[route]
    named, unnamed = parameters(pattern)
    if unnamed:
        return reverse(name, args=unnamed_args(name, world))
    return reverse(name, kwargs=kwargs_for(name, named, world))


UNNAMED = {
    "admin/test404/": "/admin/test404/",
    "admin/^.*/$": "/admin/no-such-view/",
    # Our answers, ahead of Wagtail's at the same addresses (digital_lm/urls.py).
    "admin/choose-page/chosen-multiple/": "/admin/choose-page/chosen-multiple/",
    "admin/reports/page-types-usage/": "/admin/reports/page-types-usage/",
    "admin/reports/page-types-usage/results/": "/admin/reports/page-types-usage/results/",
}


def all_urls(world):
    """[(key, url)], one per distinct URL (a name with several patterns reverses to one)."""
    patterns = list(url_patterns())
    names = [name for name, _route, _pattern in patterns if name]
    shared = {name for name in names if names.count(name) > 1}
    seen, urls = set(), []
    for name, route, pattern in patterns:
        url = url_of(name, route, pattern, world)
        if url not in seen:
            seen.add(url)
            urls.append((target(name, route, parameters(pattern)[0], shared), url))
    return urls


def outcome(response):
    """'login' for a redirect to a sign-in page, else the status code."""
    if response.status_code in (301, 302) and "login" in response.get("Location", ""):
        return "login"
    return response.status_code


# ---------------------------------------------------------------------------------------------
# What each visitor gets. A rule has one letter per role, in the order of ROLES:
#   Y 200   L a redirect to a sign-in page   N refused: 403, or a redirect elsewhere (Wagtail's
#   "permission denied" goes back to the dashboard)   R a redirect elsewhere, for everyone
#   M 405 (a view that only answers POST)   F 404   E the view raises (on purpose)
# The first rule whose name patterns match a URL's name (else its route) applies.
# Roles: anonymous, editor, reviewer, alliance, translator, admin (the site administrators
# group, not a superuser), other (an editor of institution B, asking for A's objects).
RULES = {
    # A permanent link leads everyone to the public page. A status list A's issuer has not
    # signed yet is not found, so Django's LocaleMiddleware sends it on to the same path under
    # a language (where the page tree's catch-all finds nothing either).
    "RRRRRRR": ("permanent_link*", "credential_status_list"),
    "LYYYYYY": (
        # The translation board: each role sees its institutions and languages.
        "translation_board", "translation_board_results",
        # Any signed-in user: their dashboard, choosers (which offer only what they may choose),
        # Wagtail's reports that filter themselves, taxonomies they may view.
        "wagtailadmin_home", "admin/test404/", "wagtailadmin_api:*:listing",
        "wagtailadmin_tag_*autocomplete",
        "wagtailadmin_workflows:task_chooser*", "wagtailadmin_workflows:task_chosen",
        "wagtailadmin_reports:workflow*", "wagtailadmin_reports:site_history*",
        "wagtailadmin_reports:aging_pages*", "wagtailadmin_reports:page_types_usage*",
        "admin/reports/page-types-usage/*", "admin/choose-page/chosen-multiple/",
        "wagtailadmin_account", "wagtailadmin_dismissibles", "wagtail_localize:javascript_catalog",
        "wagtail_localize:translations_report*", "wagtail_localize:snippets_api_*",
        "wagtailembeds:*", "wagtailadmin_pages:type_use*", "wagtailadmin_pages:search*",
        "wagtailsnippets_resources_[!t]*:list*",
        "wagtailsnippetchoosers_resources_*:cho*",
        "wagtaildocs_chooser:choose*", "wagtaildocs_chooser:chosen_multiple",
        "wagtailimages_chooser:choose*", "wagtailimages_chooser:chosen_multiple",
        # The page chooser (which names other institutions' pages only as published), and,
        # open to every signed-in user whatever their permissions (Wagtail's behaviour, kept
        # visible here rather than accepted in passing), the workflow cancellation dialog.
        "wagtailadmin_choose_page*", "wagtailadmin_pages:confirm_workflow_cancellation",
        # Their own work: what they edited last and the reviews waiting for them.
        "dlm_my_work",
    ),
    "LYYYNYN": (
        # Someone with a permission on institution A's section (translators work in Lao only).
        "wagtailadmin_api:pages:detail", "wagtailadmin_explore*", "wagtailadmin_pages:add",
        "wagtailadmin_pages:preview_on_*", "wagtailadmin_pages:usage", "wagtailadmin_pages:edit",
        "wagtailadmin_pages:view_draft", "wagtailadmin_pages:add_subpage",
        "wagtailadmin_pages:copy", "wagtailadmin_pages:revisions_view",
        "wagtailadmin_pages:revisions_revert", "wagtailadmin_pages:revisions_compare",
        "wagtailadmin_pages:workflow_history*", "wagtailadmin_pages:history*",
        # Institution A's collection.
        "wagtaildocs:edit", "wagtaildocs:delete", "wagtaildocs:document_usage",
        "wagtailimages:edit", "wagtailimages:delete", "wagtailimages:image_usage",
        "wagtailimages:preview",
    ),
    "LYYYYYN": (
        # The admin API's details of A's file and image: for those who may choose them.
        "wagtailadmin_api:documents:detail", "wagtailadmin_api:images:detail",
        # A's file, which translators may choose; the Lao translation of A's page.
        "wagtaildocs_chooser:chosen", "wagtailimages_chooser:chosen",
        "wagtailimages_chooser:select_format", "wagtail_localize:download_pofile",
        "wagtail_localize:preview_translation(translation_id)",
    ),
    "LYYYNYY": (
        # Every member uploads to their own collection; translators only choose.
        "wagtaildocs:index*", "wagtaildocs:add", "wagtaildocs:add_multiple",
        "wagtaildocs_chooser:create", "wagtailimages:index*", "wagtailimages:add",
        "wagtailimages:add_multiple", "wagtailimages_chooser:create",
        # The download report (each member institution reads its own figures), and the state
        # of its files' text; the export of its own catalogue.
        "download_statistics*", "file_text_report*", "catalogue_export",
    ),
    "LNYNNYN": (
        # The review task of A's page: its reviewers and the site administrators.
        "wagtailadmin_pages:workflow_action", "wagtailadmin_pages:collect_workflow_action_data",
        "wagtailadmin_pages:workflow_preview",
    ),
    # Where to create a course: straight to the add form when the user has one place for it.
    "LRRYYYR": ("wagtailadmin_pages:choose_parent",),
    "LNYYNYN": ("wagtailadmin_reports:locked_pages*",),  # those who may unlock
    "LNNYYYN": (
        # Translating: the alliance, translators (into their language), administrators.
        "dlm_submit_page_translation", "dlm_update_translations",
        # The taxonomies' translation board: the alliance, translators, administrators.
        "translation_board_taxonomies", "translation_board_taxonomies_results",
        "wagtail_localize:submit_snippet_translation",
    ),
    "LNNYNYN": (
        # The taxonomies and the termbase are kept by the alliance and the administrators.
        "wagtailsnippets_resources_*:add", "wagtailsnippets_resources_*:edit",
        "wagtailsnippets_resources_*:usage", "wagtailsnippets_resources_*:history*",
        "wagtailsnippets_resources_*:copy", "wagtailsnippetchoosers_resources_*:create",
        "wagtailsnippets_resources_termconcept:*", "search_analytics*",
        # The harvested repositories, their runs and resources: seen by the alliance.
        *[
            f"{viewset}:{view}"
            for viewset in ("harvest_repositories", "harvest_runs", "external_resources")
            for view in ("index*", "inspect")
        ],
    ),
    "LNNNNYN": (
        # Site administration, publishing, deleting, moving and privacy: administrators only.
        "wagtailadmin_pages:delete", "wagtailadmin_pages:unpublish", "wagtailadmin_pages:move*",
        "wagtailadmin_pages:set_privacy", "wagtailadmin_pages:revisions_unschedule",
        "wagtailadmin_collections:*", "wagtailadmin_workflows:index*",
        "wagtailadmin_workflows:add*", "wagtailadmin_workflows:edit*",
        "wagtailadmin_workflows:usage*", "wagtailadmin_workflows:task_index*",
        # Which kind of step to add: Wagtail's, the four-eyes review and the expert opinion.
        "wagtailadmin_workflows:select_task_type",
        "wagtailredirects:[!p]*", "wagtaillocales:*", "wagtailsites:*", "wagtailusers_*",
        "wagtailsnippets_resources_*:delete", "harvest_repositories:*",
    ),
    "LNNNNNN": (
        # Harvests alone write runs and harvested resources.
        "harvest_runs:*", "external_resources:*",
        # Certificates: the institution's certificate issuers (and superusers) only, none of
        # whom is here; every view refuses the others (403) before it looks anything up, so
        # A's course and an id of no certificate are refused the same.
        "dlm_certificate*",
    ),
    "LRRRRRR": (
        # Views that send everyone elsewhere on a bare GET (a search without a query, a
        # confirmation of what does not apply to the page, an index that is only a menu).
        "wagtailadmin_api:*:find", "wagtail_bulk_action", "wagtailadmin_pages:convert_alias",
        "wagtailadmin_pages:revisions_index", "wagtailadmin_workflows:disable*",
        "wagtailadmin_block_preview",
        "wagtail_localize:convert_to_alias", "wagtailsnippets:index",
        "wagtailimages:url_generator*", "admin/^.*/$",
        "wagtail_localize:preview_translation(translation_id,mode)",  # not a mode of a page
    ),
    "LNNNNMN": ("wagtailredirects:process_import",),
    "LMMMMMM": (
        # They change something, so they answer POST only.
        "wagtailadmin_api:pages:action", "wagtailadmin_pages:set_page_position",
        "wagtailadmin_pages:lock", "wagtailadmin_pages:unlock", "wagtailadmin_workflows:enable*",
        "wagtailadmin_workflows:remove*", "wagtailadmin_logout", "wagtailadmin_editing_sessions:*",
        "dlm_submit_translation_for_review", "wagtail_localize:edit_*",
        "translation_board_create_*",
        "dlm_review_claim", "dlm_review_release", "dlm_review_assign",
        "wagtail_localize:upload_pofile", "wagtail_localize:machine_translate",
        "wagtail_localize:stop_translation", "wagtaildocs:*_multiple*", "wagtailimages:*_multiple*",
    ),
    "MMMMMMM": ("credential_verify_api",),  # verification by POST, for machines
    "LEEEEEE": ("wagtailadmin_error_test",),  # Wagtail's deliberate error, for the logs
    "YRRRRRR": ("wagtailadmin_login",),  # signed in already: on to the dashboard
    "YYYYYYY": (
        # The public site, its API and the sign-in and password pages.
        "wagtailadmin_sprite", "wagtailadmin_password_reset*", "wagtailadmin_javascript_catalog",
        "wagtaildocs_serve", "*authenticate_with_password*", "discovery_api_asset",
        "discovery_api:*", "discovery_search", "compare", "standards_browser", "citation_*",
        "share_image", "page_share_image", "qr_code_*",
        "wagtailcore_login", "wagtail_serve",
        "oai",  # the OAI-PMH data provider (its Identify answers a bare GET too: badVerb)
        "health",  # what the load balancer and monitoring ask: statuses and numbers only
        # Certificates' public side: the issuers' DID documents and verification.
        "credential_issuer_did", "verify_page",
        # What crawlers and feed readers read: robots.txt, the sitemaps, the feeds.
        "robots_txt", "sitemap_index", "sitemap_section", "resource_feed_*",
        # The content API: A's live, public page and its image, whoever asks.
        "content_api:*:listing", "content_api:pages:detail", "content_api:images:detail",
    ),
    # A course without material files has no bundle; a PDF that cannot be drawn, no preview;
    # a page that is not a teaching material, no search in its files (its own tests check
    # who may search a material's files).
    # The content API lists only the files of published materials (A's file belongs to none),
    # and its "find" finds nothing without an id.
    "FFFFFFF": (
        "course_bundle", "document_preview", "search_in_material",
        # No certificate has the token.
        "credential_page", "credential_json", "credential_qr", "credential_pdf",
        "content_api:documents:detail", "content_api:*:find",
    ),
}  # fmt: skip
ACCEPTED = {
    "Y": {200},
    "L": {"login"},
    "N": {302, 403},
    "R": {302},
    "M": {405},
    "F": {404},
    "E": {"raised"},
}


def rule_for(key):
    for rule, patterns in RULES.items():
        if any(fnmatchcase(key, pattern) for pattern in patterns):
            return rule
    return None


def fetch(client, url):
    try:
        return outcome(client.get(url))
    except Exception:  # noqa: BLE001 — only Wagtail's error test view is expected to raise
        return "raised"


# ---------------------------------------------------------------------------------------------
# The tests.


def test_every_url_pattern_has_a_rule(db, world):
    """A new view, of ours or of an app we install, must be given its rule here."""
    unclassified = [f"{key} ({url})" for key, url in all_urls(world) if rule_for(key) is None]
    assert not unclassified, "URL patterns without a rule in RULES:\n" + "\n".join(unclassified)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says_at_every_url(db, world, settings, role):
    settings.MEDIA_ROOT = world["media"]
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    column = ROLES.index(role)
    mismatches = []
    for key, url in all_urls(world):
        rule = rule_for(key)
        if rule is None:
            continue  # reported by test_every_url_pattern_has_a_rule
        got = fetch(client, url)
        if key == "wagtailadmin_logout" and role != "anonymous":
            # A GET is refused (405) but Wagtail drops the session cookie all the same.
            client.force_login(world["users"][role])
        if got not in ACCEPTED[rule[column]]:
            mismatches.append(f"{key} {url}: expected {rule[column]}, got {got}")
    assert not mismatches, f"{role}, {len(mismatches)} mismatches:\n" + "\n".join(mismatches)


def test_posts_without_a_csrf_token_are_refused_and_change_nothing(db, world):
    page, document, other = world["page"], world["document"], world["users"]["other"]
    restriction = world["page_restriction"]
    admin = Client(enforce_csrf_checks=True)
    admin.force_login(world["users"]["admin"])
    for url, data in [
        (reverse("wagtailadmin_pages:unpublish", args=(page.pk,)), {}),
        (reverse("wagtailadmin_pages:delete", args=(page.pk,)), {}),
        (reverse("wagtaildocs:delete", args=(document.pk,)), {}),
        (reverse("wagtailusers_users:delete", args=(other.pk,)), {}),
        (reverse("wagtailadmin_account"), {"name_email-first_name": "Hijacked"}),
    ]:
        assert admin.post(url, data).status_code == 403, url
    anonymous = Client(enforce_csrf_checks=True)
    for url, data in [
        (reverse("wagtailadmin_login"), {"username": "siteadmin", "password": "pw"}),
        (
            reverse(
                "wagtailcore_authenticate_with_password", args=(restriction.pk, restriction.page_id)
            ),
            {"password": "guess", "return_url": "/"},
        ),
    ]:
        assert anonymous.post(url, data).status_code == 403, url
    page.refresh_from_db()
    assert page.live
    assert ResourceDocument.objects.filter(pk=document.pk).exists()
    assert get_user_model().objects.filter(pk=other.pk, is_active=True).exists()
