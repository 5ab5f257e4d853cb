"""Who may do what: every editorial role × action × {own institution, other institution},
asserted through Wagtail's real admin views with the test client, and the "bad input and
safety" promise that a user without permission gets a 403 or a redirect, never a 500.

The alliance (two institutions, their sections, groups, workflows and a page in each state) is
built once per module inside a transaction; every test runs in a savepoint rolled back after it.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
)
from wagtail_factories import ImageFactory

from resources.editorial import roles
from resources.editorial.setup import setup_editorial
from resources.models import (
    CoursePage,
    Institution,
    InstitutionEditorial,
    ResourceDocument,
    ResourceIndexPage,
    VocationalStandardPage,
)
from tests import factories
from tests.helpers import course_form, edit_form, make_user, role_groups

# ---------------------------------------------------------------------------------------------
# The matrix. "own" is the actor's institution (for roles without one: the first institution),
# "other" is a second member institution. approve = the institution review step of a course;
# approve_alliance = the alliance step of a vocational standard its institution already
# approved; publish = "Publish" in the editor (no workflow); delete = an unpublished draft;
# translate = wagtail-localize "Translate" of a live course into Lao (the translator's language).
ACTIONS = (
    "create", "edit", "submit", "approve", "approve_alliance", "publish", "delete", "translate",
)  # fmt: skip
Y, N = True, False
MATRIX = {
    #                        create edit submit approve appr.alliance publish delete translate
    ("editor", "own"):        (Y,    Y,   Y,     N,      N,            N,      Y,     N),
    ("editor", "other"):      (N,    N,   N,     N,      N,            N,      N,     N),
    ("reviewer", "own"):      (Y,    Y,   Y,     Y,      N,            N,      Y,     N),
    ("reviewer", "other"):    (N,    N,   N,     N,      N,            N,      N,     N),
    ("alliance", "own"):      (Y,    Y,   Y,     N,      Y,            N,      Y,     Y),
    ("alliance", "other"):    (Y,    Y,   Y,     N,      Y,            N,      Y,     Y),
    ("translator", "own"):    (N,    N,   N,     N,      N,            N,      N,     Y),
    ("translator", "other"):  (N,    N,   N,     N,      N,            N,      N,     Y),
    ("admin", "own"):         (Y,    Y,   Y,     Y,      Y,            Y,      Y,     Y),
    ("admin", "other"):       (Y,    Y,   Y,     Y,      Y,            Y,      Y,     Y),
}  # fmt: skip
CELLS = [
    pytest.param(role, scope, action, expected, id=f"{role}-{scope}-{action}")
    for (role, scope), row in MATRIX.items()
    for action, expected in zip(ACTIONS, row, strict=True)
]


def submit_for_review(page, user):
    """Save a revision and start the page's workflow, as "Submit for review" does."""
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return page


# ---------------------------------------------------------------------------------------------
# The world: built once per module.


def build_world():
    tree = factories.build_site_tree()
    world = {"home": tree["home"], "users": {}}
    institutions = {
        "A": tree["institution"],
        "B": factories.InstitutionFactory(slug="pakse-tc", name="Pakse Technical College"),
    }
    users = world["users"]
    for key, institution in institutions.items():
        users[f"editor{key}"] = make_user(f"editor.{key}", *role_groups("editor", institution))
        users[f"reviewer{key}"] = make_user(
            f"reviewer.{key}", *role_groups("reviewer", institution)
        )
    users["alliance"] = make_user("secretariat", *role_groups("alliance"))
    users["translator"] = make_user("translator.lo", *role_groups("translator"))
    users["admin"] = make_user("siteadmin", *role_groups("admin"))

    for key, institution in institutions.items():
        section = ResourceIndexPage.objects.get(institution=institution)
        editor, reviewer = users[f"editor{key}"], users[f"reviewer{key}"]

        def course(title, live=False, section=section, institution=institution, editor=editor):
            page = factories.CoursePageFactory(
                parent=section, institution=institution, title=title, live=live, owner=editor
            )
            page.save_revision(user=editor)
            return page

        draft = course(f"Draft course {key}")
        in_review = submit_for_review(course(f"Course in review {key}"), editor)
        standard = factories.VocationalStandardPageFactory(
            parent=section, institution=institution, title=f"Standard {key}", live=False
        )
        submit_for_review(standard, editor)
        standard.current_workflow_task_state.approve(user=reviewer)
        live = factories.publish(course(f"Live course {key}", live=True))
        # Live, with a newer revision waiting for review: every page admin URL applies to it.
        busy = factories.publish(course(f"Busy course {key}", live=True))
        busy.title = f"Busy course {key} (edited)"
        submit_for_review(busy, editor)

        world[key] = {
            "institution": institution,
            "section": section,
            "editorial": InstitutionEditorial.for_institution(institution),
            "draft": draft.pk,
            "in_review": in_review.pk,
            "standard": standard.pk,
            "live": live.pk,
            "busy": busy.pk,
        }
    return world


def actor(world, role):
    """The user acting in a matrix cell; institution roles belong to institution A."""
    return world["users"][{"editor": "editorA", "reviewer": "reviewerA"}.get(role, role)]


def course_page(pk):
    return CoursePage.objects.filter(pk=pk).first()


# ---------------------------------------------------------------------------------------------
# The actions: each does what a user would do in the admin and says whether it happened.


def do_create(client, target):
    url = reverse("wagtailadmin_pages:add", args=("resources", "coursepage", target["section"].pk))
    response = client.post(
        url, course_form(target["institution"], external_id="NEW-1", slug="new-course")
    )
    return response, CoursePage.objects.filter(external_id="NEW-1").exists()


def post_edit(client, pk, **extra):
    page = course_page(pk)
    data = edit_form(page, title="Edited in the admin")
    data.update(extra)
    return client.post(reverse("wagtailadmin_pages:edit", args=(pk,)), data)


def do_edit(client, target):
    response = post_edit(client, target["draft"])
    latest = course_page(target["draft"]).get_latest_revision_as_object()
    return response, latest.title == "Edited in the admin"


def do_submit(client, target):
    response = post_edit(client, target["draft"], **{"action-submit": "Submit"})
    return response, course_page(target["draft"]).workflow_in_progress


def do_workflow_approve(client, page):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": ""})
    page.refresh_from_db()
    return response, page.live


def do_approve(client, target):
    return do_workflow_approve(client, course_page(target["in_review"]))


def do_approve_alliance(client, target):
    return do_workflow_approve(client, VocationalStandardPage.objects.get(pk=target["standard"]))


def do_publish(client, target):
    response = post_edit(client, target["draft"], **{"action-publish": "Publish"})
    return response, course_page(target["draft"]).live


def do_delete(client, target):
    response = client.post(reverse("wagtailadmin_pages:delete", args=(target["draft"],)))
    return response, course_page(target["draft"]) is None


def do_translate(client, target):
    lao = Locale.objects.get(language_code="lo")
    url = reverse("wagtail_localize:submit_page_translation", args=(target["live"],))
    response = client.post(url, {"locales": [lao.pk]})
    return response, course_page(target["live"]).get_translation_or_none(lao) is not None


DO = {action: globals()[f"do_{action}"] for action in ACTIONS}


@pytest.mark.parametrize(("role", "scope", "action", "expected"), CELLS)
def test_permission_matrix(client, db, world, role, scope, action, expected):
    client.force_login(actor(world, role))
    target = world["A" if scope == "own" else "B"]
    response, happened = DO[action](client, target)
    assert happened is expected, f"{role} {action} ({scope}): {response.status_code}"
    if not expected:
        # Turned away the Wagtail way (or, for "publish", the draft merely saved): never a 500.
        assert response.status_code in (302, 403)


# ---------------------------------------------------------------------------------------------
# What the matrix does not show.


def test_editors_cannot_delete_published_pages_even_in_their_own_section(client, db, world):
    client.force_login(world["users"]["editorA"])
    response = client.post(reverse("wagtailadmin_pages:delete", args=(world["A"]["live"],)))
    assert response.status_code in (302, 403)
    assert course_page(world["A"]["live"]).live


def test_translators_edit_their_language_only_and_never_the_chinese_source(client, db, world):
    translator = world["users"]["translator"]
    source = course_page(world["A"]["live"])
    lao = factories.translate(source, "lo")
    thai = factories.translate(source, "th")
    client.force_login(translator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(lao.pk,))).status_code == 200
    for page in (thai, source):
        response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code in (302, 403), page.locale


def test_translators_cannot_create_translations_into_other_languages(client, db, world):
    thai = Locale.objects.get(language_code="th")
    client.force_login(world["users"]["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=(world["A"]["live"],)),
        {"locales": [thai.pk]},
    )
    assert course_page(world["A"]["live"]).get_translation_or_none(thai) is None


def test_reviewers_reject_only_their_own_institutions_submissions(client, db, world):
    client.force_login(world["users"]["reviewerA"])
    for key, allowed in (("B", False), ("A", True)):
        page = course_page(world[key]["in_review"])
        task_state = page.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk))
        response = client.post(url, {"comment": "Please add the learning outcomes."})
        assert response.status_code in (302, 403)
        task_state.refresh_from_db()
        assert (task_state.status == "rejected") is allowed, key


# Admin areas a site administrator needs, by URL name and arguments.
ADMIN_AREAS = [
    ("wagtailadmin_home", ()),
    ("wagtailusers_users:index", ()),
    ("wagtailusers_users:add", ()),
    ("wagtailusers_groups:index", ()),
    ("wagtailusers_groups:add", ()),
    ("wagtailadmin_workflows:index", ()),
    ("wagtailadmin_workflows:add", ()),
    ("wagtailadmin_workflows:task_index", ()),
    ("wagtailadmin_collections:index", ()),
    ("wagtailadmin_collections:add", ()),
    ("wagtaillocales:index", ()),
    ("wagtailsites:index", ()),
    ("wagtailsites:add", ()),
    ("wagtailredirects:index", ()),
    ("wagtailredirects:add", ()),
    ("wagtaildocs:index", ()),
    ("wagtaildocs:add_multiple", ()),
    ("wagtailimages:index", ()),
    ("wagtailimages:add_multiple", ()),
    ("wagtailsnippets_resources_institution:add", ()),
    ("wagtailsnippets_resources_country:add", ()),
    ("wagtailsnippets_resources_sector:add", ()),
    ("wagtailsnippets_resources_qualificationlevel:add", ()),
    ("wagtailadmin_reports:locked_pages", ()),
    ("wagtailadmin_reports:workflow", ()),
    ("wagtailadmin_reports:workflow_tasks", ()),
    ("wagtailadmin_reports:page_types_usage", ()),
    ("wagtailadmin_reports:site_history", ()),
    ("wagtailadmin_reports:aging_pages", ()),
    ("wagtail_localize:translations_report", ()),
]


@pytest.mark.parametrize(("name", "args"), ADMIN_AREAS, ids=[n for n, _a in ADMIN_AREAS])
def test_site_administrators_group_opens_every_admin_area(client, db, world, name, args):
    """The group alone, without superuser status, is enough to run the site."""
    admin = world["users"]["admin"]
    assert not admin.is_superuser
    client.force_login(admin)
    assert client.get(reverse(name, args=args)).status_code == 200


def test_site_administrators_edit_any_document_image_and_user(client, db, world):
    client.force_login(world["users"]["admin"])
    collection = world["B"]["editorial"].collection
    document = factories.ResourceDocumentFactory(collection=collection)
    image = ImageFactory(collection=collection)
    for url in (
        reverse("wagtaildocs:edit", args=(document.pk,)),
        reverse("wagtaildocs:delete", args=(document.pk,)),
        reverse("wagtailimages:edit", args=(image.pk,)),
        reverse("wagtailimages:delete", args=(image.pk,)),
        reverse("wagtailusers_users:edit", args=(world["users"]["editorB"].pk,)),
        reverse("wagtailusers_groups:edit", args=(world["B"]["editorial"].editors.pk,)),
    ):
        assert client.get(url).status_code == 200, url


def test_setup_is_idempotent_and_site_administrators_act_on_every_review_task(db, world):
    def counts():
        return (
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            Group.objects.count(),
            GroupApprovalTask.objects.count(),
        )

    before = counts()
    setup_editorial()
    setup_editorial()
    assert counts() == before
    admins = Group.objects.get(name=roles.SITE_ADMINISTRATORS)
    workflows = [
        workflow
        for key in ("A", "B")
        for workflow in (
            world[key]["editorial"].review_workflow,
            world[key]["editorial"].alliance_workflow,
        )
    ]
    tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow__in=workflows).distinct()
    assert tasks.count() == 3  # two institutions' reviews and the alliance's approval
    assert all(task.groups.filter(pk=admins.pk).exists() for task in tasks)


# ---------------------------------------------------------------------------------------------
# Bad input and safety: every admin URL a user might try on another institution's objects.


# Wagtail views that answer a GET without checking the user's page permissions (they show a
# confirmation and change nothing); tested apart, as known gaps.
UNGUARDED_CONFIRMATIONS = ("move_confirm", "confirm_workflow_cancellation")


def page_urls(page):
    """Every admin URL that acts on one page: (method, url, data)."""
    pk = page.pk
    revision = page.get_latest_revision()
    task_state = page.current_workflow_task_state
    section = ResourceIndexPage.objects.filter(institution__isnull=False).exclude(
        pk=page.get_parent().pk
    )[0]
    workflow_state = page.current_workflow_state
    form = edit_form(page, title="Hijacked")
    urls = []
    for name, args, data in [
        ("edit", (pk,), form),
        ("preview_on_edit", (pk,), form),
        ("view_draft", (pk,), None),
        ("delete", (pk,), {}),
        ("unpublish", (pk,), {}),
        ("move", (pk,), None),
        ("move_confirm", (pk, section.pk), {}),
        ("set_page_position", (pk,), {"position": "0"}),
        ("copy", (pk,), {"new_title": "Copy", "new_slug": "copy", "new_parent_page": section.pk}),
        ("convert_alias", (pk,), {}),
        ("set_privacy", (pk,), {"restriction_type": "login"}),
        ("lock", (pk,), {}),
        ("unlock", (pk,), {}),
        ("add_subpage", (pk,), None),
        ("history", (pk,), None),
        ("revisions_index", (pk,), None),
        ("revisions_view", (pk, revision.pk), None),
        ("revisions_revert", (pk, revision.pk), None),
        ("revisions_unschedule", (pk, revision.pk), {}),
        ("revisions_compare", (pk, "earliest", "latest"), None),
        ("workflow_history", (pk,), None),
        ("workflow_history_detail", (pk, workflow_state.pk), None),
        ("workflow_preview", (pk, task_state.task_id), None),
        ("confirm_workflow_cancellation", (pk,), None),
        ("workflow_action", (pk, "approve", task_state.pk), {"comment": ""}),
        ("workflow_action", (pk, "reject", task_state.pk), {"comment": "no"}),
        ("collect_workflow_action_data", (pk, "reject", task_state.pk), {"comment": "no"}),
    ]:
        url = reverse(f"wagtailadmin_pages:{name}", args=args)
        if name not in UNGUARDED_CONFIRMATIONS:
            urls.append(("get", url, None))
        if data is not None:
            urls.append(("post", url, data))
    return urls


def page_state(pk):
    page = Page.objects.get(pk=pk)
    return (
        page.title,
        page.live,
        page.locked,
        page.path,
        page.latest_revision_id,
        page.workflow_in_progress,
        page.get_view_restrictions().exists(),
        Page.objects.count(),
    )


@pytest.mark.parametrize("role", ["editor", "reviewer", "translator"])
def test_no_admin_url_lets_a_user_touch_another_institutions_page(client, db, world, role):
    pk = world["B"]["busy"]
    before = page_state(pk)
    client.force_login(actor(world, role))
    for method, url, data in page_urls(Page.objects.get(pk=pk).specific):
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        # 405: a GET on a POST-only URL (its POST is tried too).
        refused = (302, 403, 405) if method == "get" else (302, 403)
        assert response.status_code in refused, f"{method.upper()} {url}"
    assert page_state(pk) == before


@pytest.mark.parametrize(
    "name",
    [
        "move_confirm",
        pytest.param(
            "confirm_workflow_cancellation",
            marks=pytest.mark.xfail(
                strict=True,
                reason="Wagtail renders this read-only confirmation (page title, workflow and "
                "task names) without a permission check and offers no hook; its POST is refused.",
            ),
        ),
    ],
)
def test_confirmation_dialogs_are_refused_too(client, db, world, name):
    page, destination = world["B"]["busy"], world["A"]["section"].pk
    args = (page, destination) if name == "move_confirm" else (page,)
    client.force_login(world["users"]["editorA"])
    response = client.get(reverse(f"wagtailadmin_pages:{name}", args=args))
    assert response.status_code in (302, 403)


def media_urls(document, image, institution):
    snippet = "wagtailsnippets_resources_institution"
    return [
        (reverse("wagtaildocs:edit", args=(document.pk,)), {"title": "Hijacked"}),
        (reverse("wagtaildocs:delete", args=(document.pk,)), {}),
        (reverse("wagtailimages:edit", args=(image.pk,)), {"title": "Hijacked"}),
        (reverse("wagtailimages:delete", args=(image.pk,)), {}),
        (reverse(f"{snippet}:edit", args=(institution.pk,)), {"name": "Hijacked"}),
        (reverse(f"{snippet}:delete", args=(institution.pk,)), {}),
    ]


@pytest.mark.parametrize("role", ["editor", "reviewer", "translator"])
def test_no_admin_url_lets_a_user_touch_another_institutions_media_or_snippet(
    client, db, world, role
):
    other = world["B"]
    document = factories.ResourceDocumentFactory(collection=other["editorial"].collection)
    image = ImageFactory(collection=other["editorial"].collection, title="Pakse workshop")
    client.force_login(actor(world, role))
    for url, data in media_urls(document, image, other["institution"]):
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code in (302, 403), url
    assert ResourceDocument.objects.get(pk=document.pk).title == document.title
    assert image.__class__.objects.get(pk=image.pk).title == "Pakse workshop"
    assert Institution.objects.get(pk=other["institution"].pk).name == "Pakse Technical College"


def test_editors_work_with_documents_and_images_of_their_own_collection(client, db, world):
    own = world["A"]["editorial"].collection
    document = factories.ResourceDocumentFactory(collection=own)
    image = ImageFactory(collection=own)
    client.force_login(world["users"]["editorA"])
    assert client.get(reverse("wagtaildocs:edit", args=(document.pk,))).status_code == 200
    assert client.get(reverse("wagtailimages:edit", args=(image.pk,))).status_code == 200
