"""Translation with wagtail-localize, through the admin views a translator or reviewer uses:
create a translation, translate its segments, sync after a source change, PO round trip,
machine translation, review before publication, and translated snippets."""

import json
import os
import subprocess
import sys
from urllib.parse import urlencode

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from resources.editorial import roles
from resources.models import Institution, InstitutionEditorial
from tests import factories
from tests.helpers import PROJECT_ROOT, course_form

# Real text, as the alliance's translators would write it.
ZH_TITLE = "新能源汽车维修"
ZH_SUMMARY = "面向澜湄国家职业院校的新能源汽车维修课程。"
ZH_SUMMARY_NEW = "面向澜湄国家职业院校的新能源汽车维修与电池安全课程。"
ZH_MODULE = "高压电安全"
ZH_OUTCOME = "正确使用绝缘工具"
ZH_PARAGRAPH = "本课程在万象的鲁班工坊授课。"
LO_TITLE = "ການສ້ອມແປງລົດພະລັງງານໃໝ່"
LO_SUMMARY = "ຫຼັກສູດການສ້ອມແປງລົດພະລັງງານໃໝ່ ສຳລັບວິທະຍາໄລວິຊາຊີບໃນປະເທດລ້ານຊ້າງ-ແມ່ນ້ຳຂອງ."
LO_MODULE = "ຄວາມປອດໄພໄຟຟ້າແຮງສູງ"
LO_OUTCOME = "ນຳໃຊ້ເຄື່ອງມືກັນໄຟຟ້າຢ່າງຖືກຕ້ອງ"
LO_PARAGRAPH = "ຫຼັກສູດນີ້ສອນຢູ່ໂຮງຮຽນລູບານ ທີ່ນະຄອນຫຼວງວຽງຈັນ."
LO_INSTITUTION = "ວິທະຍາໄລເຕັກນິກວຽງຈັນ"

LAO_BY_SOURCE = {
    ZH_TITLE: LO_TITLE,
    ZH_SUMMARY: LO_SUMMARY,
    ZH_MODULE: LO_MODULE,
    ZH_OUTCOME: LO_OUTCOME,
    ZH_PARAGRAPH: LO_PARAGRAPH,
}


def locale(code):
    return Locale.objects.get(language_code=code)


def member(*group_names, username):
    """A logged-in test client for a new user in the named groups."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def course(site_tree):
    """A published zh-hans course of the institution, with a module and a paragraph."""
    page = factories.CoursePageFactory(
        parent=site_tree["section"],
        title=ZH_TITLE,
        slug="nev-maintenance",
        summary=ZH_SUMMARY,
        institution=site_tree["institution"],
        body=[("paragraph", f"<p>{ZH_PARAGRAPH}</p>")],
        modules=[("module", {"title": ZH_MODULE, "hours": 12, "outcomes": [ZH_OUTCOME]})],
    )
    return factories.publish(page)


@pytest.fixture
def translator_lo(site_tree):
    return member(roles.translators_group_name("lo"), username="translator.lo")


@pytest.fixture
def site_admin(site_tree):
    return member(roles.SITE_ADMINISTRATORS, username="site.admin")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what an admin view defers to the end of its transaction (wagtail-localize publishes
    translations on commit), as it happens outside the test's wrapping transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submit_translation(client, page, code):
    url = reverse("wagtail_localize:submit_page_translation", args=(page.pk,))
    return client.post(url, {"locales": [locale(code).pk]})


def lao_translation(client, page, commit):
    """Create the Lao translation of ``page`` through the admin as ``client``'s user."""
    with commit():
        response = submit_translation(client, page, "lo")
    assert response.status_code == 302
    return page.get_translation(locale("lo")).specific, translation_of(page, "lo")


def refused(response):
    """Wagtail's answer to a forbidden admin action: 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def translation_of(page, code):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale(code)
    )


def editor_props(client, page):
    """The data wagtail-localize's translation editor is drawn from, as the translator gets it."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    return json.loads(response.context["props"])


def translated_by_source(props):
    """{source text: translated text or None} for every segment the editor shows."""
    translations = {t["segment_id"]: t["data"] for t in props["initialStringTranslations"]}
    return {
        segment["source"]: translations.get(segment["id"])
        for segment in props["segments"]
        if segment["type"] == "string"
    }


def put_string(client, translation, segment, value):
    url = reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk))
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def segment_for(translation, source_text):
    return StringSegment.objects.get(source=translation.source, string__data=source_text)


def translate_strings_in_editor(client, translation, lao_by_source):
    for source_text, lao in lao_by_source.items():
        response = put_string(client, translation, segment_for(translation, source_text), lao)
        assert response.status_code in (200, 201), response.content


# 1. Create, translate, review ------------------------------------------------------------


def test_lao_translator_translates_a_course_but_cannot_publish_it(
    translator_lo, course, client, commit
):
    form = translator_lo.get(reverse("wagtail_localize:submit_page_translation", args=(course.pk,)))
    assert form.status_code == 200
    assert "ລາວ" in form.content.decode()
    with commit():
        response = submit_translation(translator_lo, course, "lo")
    lao = course.get_translation(locale("lo")).specific
    assert response.url == reverse("wagtailadmin_pages:edit", args=(lao.pk,))
    # Submitting the translation publishes nothing: the Lao page is a draft until reviewed.
    assert not lao.live
    assert client.get("/lo/resources/vientiane-tc/nev-maintenance/").status_code == 404
    assert lao.external_id == course.external_id

    props = editor_props(translator_lo, lao)
    assert props["locale"]["code"] == "lo"
    assert props["perms"]["canPublish"] is False
    translation = translation_of(course, "lo")
    translate_strings_in_editor(translator_lo, translation, LAO_BY_SOURCE)
    shown = translated_by_source(editor_props(translator_lo, lao))
    assert {source: shown[source] for source in LAO_BY_SOURCE} == LAO_BY_SOURCE

    # "Publish" in the translation editor is refused to a translator.
    with commit():
        response = translator_lo.post(
            reverse("wagtailadmin_pages:edit", args=(lao.pk,)), {"action": "publish"}
        )
    assert refused(response)
    lao.refresh_from_db()
    assert not lao.live
    assert client.get(lao.get_url()).status_code == 404


def test_lao_translator_cannot_touch_a_thai_translation(translator_lo, site_admin, course, commit):
    with commit():
        assert submit_translation(site_admin, course, "th").status_code == 302
    thai = course.get_translation(locale("th"))
    translation = translation_of(course, "th")

    assert refused(translator_lo.get(reverse("wagtailadmin_pages:edit", args=(thai.pk,))))
    segment = segment_for(translation, ZH_TITLE)
    assert put_string(translator_lo, translation, segment, "ซ่อมรถยนต์").status_code == 403
    download = reverse("wagtail_localize:download_pofile", args=(translation.pk,))
    assert refused(translator_lo.get(download))
    assert not StringTranslation.objects.filter(locale=locale("th")).exists()


def test_lao_translator_cannot_create_a_thai_translation(translator_lo, course, commit):
    with commit():
        response = submit_translation(translator_lo, course, "th")
    assert refused(response) or response.status_code == 200  # turned away, or form error
    assert course.get_translation_or_none(locale("th")) is None


def approve(client, page):
    task_state = TaskState.objects.get(
        workflow_state__base_content_type__isnull=False,
        workflow_state__object_id=str(page.pk),
        status=TaskState.STATUS_IN_PROGRESS,
    )
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(url, {})


def in_progress_workflow(page):
    return WorkflowState.objects.filter(
        base_content_type__isnull=False,
        object_id=str(page.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).first()


def test_a_course_written_in_english_for_an_institution_named_only_in_chinese_translates(
    translator_lo, site_tree, commit
):
    # The English section was copied without its institution: the course points at the
    # institution's only (Chinese) version, which wagtail-localize reads in English.
    english = factories.translate(site_tree["section"], "en")
    institution = site_tree["institution"]
    course = factories.publish(
        factories.CoursePageFactory(parent=english, title="Rubber tapping", institution=institution)
    )
    assert not institution.has_translation(locale("en"))

    with commit():
        response = submit_translation(translator_lo, course, "lo")

    assert response.status_code == 302
    assert course.has_translation(locale("lo"))
    assert institution.has_translation(locale("en")) and institution.has_translation(locale("lo"))


def test_translator_submits_a_synced_translation_for_review(
    translator_lo, course, site_tree, client, commit
):
    lao, translation = lao_translation(translator_lo, course, commit)
    translate_strings_in_editor(translator_lo, translation, LAO_BY_SOURCE)
    # The explorer offers "Submit translation for review" for the synced translation.
    listing = translator_lo.get(reverse("wagtailadmin_explore", args=(lao.get_parent().pk,)))
    submit_url = reverse("dlm_submit_translation_for_review", args=(lao.pk,))
    assert submit_url in listing.content.decode()
    with commit():
        response = translator_lo.post(submit_url)
    assert response.status_code == 302
    lao.refresh_from_db()
    assert not lao.live  # in review, not published
    state = in_progress_workflow(lao)
    assert state is not None
    editorial = InstitutionEditorial.for_institution(site_tree["institution"])
    assert state.workflow_id == editorial.review_workflow_id
    reviewer = member(editorial.reviewers.name, username="reviewer")
    with commit():
        approve(reviewer, lao)
    assert LO_TITLE in client.get("/lo/resources/vientiane-tc/nev-maintenance/").content.decode()


def test_a_translation_goes_through_its_institutions_review_before_going_live(
    translator_lo, course, site_tree, client, commit, mailoutbox
):
    editorial = InstitutionEditorial.for_institution(site_tree["institution"])
    reviewer = get_user_model().objects.create_user("reviewer", "reviewer@example.org", "pw")
    reviewer.groups.add(editorial.reviewers)
    lao, translation = lao_translation(translator_lo, course, commit)
    edit_url = reverse("wagtailadmin_pages:edit", args=(lao.pk,))
    # The translator leaves the synced editor ("Stop synced translation") for Wagtail's own
    # editor, the one with "Submit for review".
    stop = reverse("wagtail_localize:stop_translation", args=(translation.pk,))
    assert translator_lo.post(stop, {"next": edit_url}).status_code == 302
    data = course_form(
        lao.institution, title=LO_TITLE, slug="nev-maintenance", summary=LO_SUMMARY, tags=""
    )
    data.update({"external_id": course.external_id, "action-submit": "1"})
    with commit():
        response = translator_lo.post(edit_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors

    lao.refresh_from_db()
    assert not lao.live  # submitted, not published
    state = in_progress_workflow(lao)
    assert state.workflow_id == editorial.review_workflow_id  # the source's one-step review
    assert any("reviewer@example.org" in mail.to for mail in mailoutbox)
    # The translator cannot approve their own translation.
    assert refused(approve(translator_lo, lao))
    lao.refresh_from_db()
    assert not lao.live

    reviewers = Client()
    reviewers.force_login(reviewer)
    with commit():
        assert approve(reviewers, lao).status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    lao.refresh_from_db()
    assert lao.live
    page = client.get("/lo/resources/vientiane-tc/nev-maintenance/")
    assert page.status_code == 200
    assert LO_TITLE in page.content.decode()
    assert LO_SUMMARY in page.content.decode()


# 2. Sync after a source change ------------------------------------------------------------


def test_a_source_change_is_synced_into_the_lao_translation(
    translator_lo, site_admin, course, commit
):
    lao, translation = lao_translation(site_admin, course, commit)
    translate_strings_in_editor(
        translator_lo, translation, {ZH_TITLE: LO_TITLE, ZH_SUMMARY: LO_SUMMARY}
    )

    course.summary = ZH_SUMMARY_NEW
    factories.publish(course)
    translation.source.refresh_from_db()
    # Out of date: the source was published after the translation's last sync.
    assert translation.source.last_updated_at < course.last_published_at
    assert ZH_SUMMARY_NEW not in translated_by_source(editor_props(translator_lo, lao))

    update_url = reverse("wagtail_localize:update_translations", args=(translation.source.pk,))
    listing = translator_lo.get(update_url)
    assert listing.status_code == 200
    assert [t["locale"].language_code for t in listing.context["translations"]] == ["lo"]
    assert reverse("wagtailadmin_pages:edit", args=(lao.pk,)) in listing.content.decode()

    with commit():
        assert translator_lo.post(update_url, {}).status_code == 302
    shown = translated_by_source(editor_props(translator_lo, lao))
    assert shown[ZH_SUMMARY_NEW] is None  # the new source text waits for its translation
    assert ZH_SUMMARY not in shown  # the old one is gone from the editor
    assert shown[ZH_TITLE] == LO_TITLE  # unchanged text keeps its translation
    lao.refresh_from_db()
    assert not lao.live  # syncing publishes nothing


def test_a_translator_cannot_publish_by_syncing(translator_lo, site_admin, course, commit):
    lao, translation = lao_translation(site_admin, course, commit)
    update_url = reverse("wagtail_localize:update_translations", args=(translation.source.pk,))
    with commit():
        translator_lo.post(update_url, {"publish_translations": "on"})
    lao.refresh_from_db()
    assert not lao.live


# 3. PO round trip -------------------------------------------------------------------------


def test_po_file_round_trip_keeps_every_segment(translator_lo, site_admin, course, client, commit):
    lao, translation = lao_translation(translator_lo, course, commit)
    download = translator_lo.get(
        reverse("wagtail_localize:download_pofile", args=(translation.pk,))
    )
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/x-gettext-translation")
    assert download["Content-Disposition"].endswith("-lo.po")
    po = polib.pofile(download.content.decode())
    source_segments = StringSegment.objects.filter(source=translation.source).count()
    assert len(po) == source_segments
    assert {entry.msgid for entry in po} >= set(LAO_BY_SOURCE)
    assert all(entry.msgstr == "" for entry in po)

    # The external translator fills in every entry.
    for entry in po:
        entry.msgstr = LAO_BY_SOURCE.get(entry.msgid) or "ການສ້ອມແປງລົດ"
    upload = SimpleUploadedFile("lo.po", str(po).encode(), "text/x-gettext-translation")
    edit_url = reverse("wagtailadmin_pages:edit", args=(lao.pk,))
    response = translator_lo.post(
        reverse("wagtail_localize:upload_pofile", args=(translation.pk,)),
        {"file": upload, "next": edit_url},
    )
    assert response.status_code == 302 and response.url == edit_url

    total, translated = translation.get_progress()
    assert total == translated == source_segments
    shown = translated_by_source(editor_props(translator_lo, lao))
    assert len(shown) == source_segments and None not in shown.values()

    with commit():
        response = site_admin.post(edit_url, {"action": "publish"})
    assert response.status_code == 302
    lao.refresh_from_db()
    assert lao.live
    html = client.get(lao.get_url()).content.decode()
    for lao_text in LAO_BY_SOURCE.values():
        assert lao_text in html
    assert ZH_SUMMARY not in html


# 4. Machine translation -------------------------------------------------------------------


def test_machine_translation_with_a_configured_translator(
    translator_lo, site_admin, course, settings, commit
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    lao, translation = lao_translation(site_admin, course, commit)
    props = editor_props(translator_lo, lao)
    action = reverse("wagtail_localize:machine_translate", args=(translation.pk,))
    assert props["machineTranslator"]["url"] == action

    edit_url = reverse("wagtailadmin_pages:edit", args=(lao.pk,))
    response = translator_lo.post(action, {"next": edit_url})
    assert response.status_code == 302 and response.url == edit_url
    machine = StringTranslation.objects.filter(
        locale=locale("lo"), translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert machine.count() == StringSegment.objects.filter(source=translation.source).count()
    shown = translated_by_source(editor_props(translator_lo, lao))
    assert None not in shown.values()


def test_machine_translation_is_off_without_a_translator(
    translator_lo, site_admin, course, settings, commit
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    lao, translation = lao_translation(site_admin, course, commit)
    assert editor_props(translator_lo, lao)["machineTranslator"] is None
    action = reverse("wagtail_localize:machine_translate", args=(translation.pk,))
    # Turned away: 404 (Django's i18n middleware first redirects the unknown URL to a
    # language-prefixed one, which is just as unknown).
    assert translator_lo.post(action, follow=True).status_code == 404
    assert not StringTranslation.objects.filter(locale=locale("lo")).exists()


def machine_translator_setting(**env):
    """settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR as a fresh process builds it from ``env``."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DLM_LIBRETRANSLATE")}
    environment.update(env, DJANGO_SETTINGS_MODULE="digital_lm.settings.test")
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None)))"
    )
    result = subprocess.run(  # noqa: S603 — our own interpreter and manage.py
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_libretranslate_is_configured_from_the_environment_and_off_by_default():
    assert machine_translator_setting() is None
    assert machine_translator_setting(
        DLM_LIBRETRANSLATE_URL="http://127.0.0.1:5000/", DLM_LIBRETRANSLATE_API_KEY="k-123"
    ) == {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": "http://127.0.0.1:5000", "API_KEY": "k-123"},
    }


# 5. Snippets ------------------------------------------------------------------------------


def test_alliance_reviewer_translates_an_institution(site_tree, commit):
    alliance = member(roles.ALLIANCE_REVIEWERS, username="alliance")
    institution = site_tree["institution"]
    setups = (InstitutionEditorial.objects.count(), Group.objects.count(), Page.objects.count())
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=("resources", "institution", institution.pk),
    )
    assert alliance.get(url).status_code == 200
    with commit():
        response = alliance.post(url, {"locales": [locale("lo").pk]})
    lao = Institution.objects.get(
        translation_key=institution.translation_key, locale__language_code="lo"
    )
    edit_url = reverse("wagtailsnippets_resources_institution:edit", args=(lao.pk,))
    assert response.status_code == 302 and response.url == edit_url
    # A translation is the same institution: no second section, groups or workflows.
    assert (
        InstitutionEditorial.objects.count(),
        Group.objects.count(),
        Page.objects.count(),
    ) == setups

    translation = translation_of(institution, "lo")
    editor = alliance.get(edit_url)
    assert editor.status_code == 200
    assert json.loads(editor.context["props"])["locale"]["code"] == "lo"
    translate_strings_in_editor(alliance, translation, {institution.name: LO_INSTITUTION})
    with commit():
        assert alliance.post(edit_url, {"action": "publish"}).status_code == 302
    lao.refresh_from_db()
    assert lao.name == LO_INSTITUTION
    assert lao.slug == institution.slug
    institution.refresh_from_db()
    assert institution.name == "万象技术学院"
