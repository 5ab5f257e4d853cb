"""The translation board: the state of every resource's translation in every language, as each
role sees it; its filters, export, and the creation of a column's missing translations."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from resources import translation_board
from resources.editorial import translation_states
from resources.editorial.translation_states import (
    CURRENT,
    DRAFT,
    IN_REVIEW,
    MISSING,
    ORIGINAL,
    OUT_OF_DATE,
)
from resources.models import ResourceIndexPage, Sector, TermConcept, TermLabel
from tests import factories
from tests.helpers import make_user, role_groups, soup, text_of

BOARD = "/admin/reports/translation-board/"


def locale(code):
    return Locale.objects.get(language_code=code)


def localize(page, code, user=None):
    """Translate ``page`` with wagtail-localize, as its "Translate this page" does (a draft)."""
    TranslationCreator(user, [locale(code)]).create_translations(page)
    return page.get_translation(locale(code)).specific


def sync(page, code, commit):
    """wagtail-localize's sync: extract the source again and write the translation, live
    (wagtail-localize publishes when the transaction commits)."""
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale=locale(code))
    with commit(execute=True):
        translation.save_target(publish=True)


def republish(page, title):
    page = page.specific
    page.title = title
    return factories.publish(page)


def states_of(page, languages=("en", "th", "vi", "lo", "km", "my", "zh-hans")):
    sources = Page.objects.filter(pk=page.pk)
    states = translation_states.page_states(sources, languages)
    return {code: states[(page.translation_key, code)].state for code in languages}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def board_cells(response, row_title):
    """{language: state} of the board row titled ``row_title``."""
    page = soup(response)
    for row in page.select("tr[data-row]"):
        if text_of(row.th) == row_title:
            return {td["data-language"]: td["data-state"] for td in row.select("td[data-state]")}
    return None


@pytest.fixture
def course(site_tree):
    return factories.published_resource(
        site_tree["section"], title="新能源汽车维修", institution=site_tree["institution"]
    )


@pytest.fixture
def translator_lo(site_tree):
    return make_user("translator.lo", *role_groups("translator"))


@pytest.fixture
def alliance_user(site_tree):
    return make_user("secretariat", *role_groups("alliance"))


# 1. Each state, computed ---------------------------------------------------------------------


def test_each_state_of_a_translation(course, site_tree):
    factories.publish(localize(course, "en"))  # synced, live, current
    localize(course, "vi")  # synced, a draft
    khmer = localize(course, "km")
    khmer.get_workflow().start(khmer, None)  # synced, in review
    factories.translate(course, "my", title="ရေးသားထားသော")  # written without localize

    assert states_of(course) == {
        "zh-hans": ORIGINAL,
        "en": CURRENT,
        "vi": DRAFT,
        "km": IN_REVIEW,
        "my": CURRENT,
        "th": MISSING,
        "lo": MISSING,
    }


def test_a_republished_source_makes_live_translations_out_of_date_until_synced(
    course, django_capture_on_commit_callbacks
):
    factories.publish(localize(course, "en"))
    factories.translate(course, "my", title="ရေးသားထားသော")
    republish(course, "新能源汽车维修（第二版）")
    assert states_of(course, ["en", "my"]) == {"en": OUT_OF_DATE, "my": OUT_OF_DATE}

    sync(course, "en", django_capture_on_commit_callbacks)
    assert states_of(course, ["en", "my"]) == {"en": CURRENT, "my": OUT_OF_DATE}
    # A hand-written translation is current again once it is edited after the change.
    factories.publish(course.get_translation(locale("my")).specific)
    assert states_of(course, ["my"]) == {"my": CURRENT}


def test_republishing_without_a_change_to_translate_leaves_translations_current(course):
    """Revisions are compared, not their dates: publishing the source again, or changing
    only when it expires, gives the translators nothing to do."""
    factories.publish(localize(course, "en"))
    factories.translate(course, "my", title="ရေးသားထားသော")
    source = Page.objects.get(pk=course.pk).specific
    source.expire_at = None
    factories.publish(source)
    assert states_of(course, ["en", "my"]) == {"en": CURRENT, "my": CURRENT}
    republish(course, "新能源汽车维修（第二版）")  # the title is translated: now they are not
    assert states_of(course, ["en", "my"]) == {"en": OUT_OF_DATE, "my": OUT_OF_DATE}


def test_a_sync_for_one_language_leaves_the_others_out_of_date(
    course, django_capture_on_commit_callbacks
):
    """Extracting the source again for Thai changes what Lao was translated from."""
    for code in ("th", "lo"):
        factories.publish(localize(course, code))
    republish(course, "新能源汽车维修（第二版）")
    sync(course, "th", django_capture_on_commit_callbacks)
    assert states_of(course, ["th", "lo"]) == {"th": CURRENT, "lo": OUT_OF_DATE}


def test_taxonomy_and_termbase_states(site_tree):
    sector = factories.SectorFactory(code="welding", name="焊接")
    factories.translate_snippet(sector, "lo", name="ການເຊື່ອມ")
    states = translation_states.snippet_states(
        translation_states.originals(Sector.objects.all()), ["zh-hans", "lo", "th"]
    )
    key = sector.translation_key
    assert [states[(key, c)].state for c in ("zh-hans", "lo", "th")] == [
        ORIGINAL,
        CURRENT,
        MISSING,
    ]
    concept = TermConcept.objects.create(kind="trade")
    TermLabel.objects.create(concept=concept, language="lo", label="ການເຊື່ອມ")
    states = translation_states.term_states(TermConcept.objects.all(), ["lo", "th"])
    assert states[(concept.pk, "lo")].state == CURRENT
    assert states[(concept.pk, "th")].state == MISSING


# 2. The board, its filters and its export ----------------------------------------------------


@pytest.fixture
def two_institutions(site_tree, course):
    other = factories.InstitutionFactory(slug="pakse-tc", name="Pakse Technical College")
    from_section = ResourceIndexPage.objects.get(institution=other)
    welding = factories.SectorFactory(code="welding", name="焊接")
    standard = factories.VocationalStandardPageFactory(
        parent=from_section, title="焊工职业标准", institution=other
    )
    standard.sectors.add(welding)
    standard.save()
    factories.publish(standard)
    factories.publish(localize(standard, "lo"))
    return {"other": other, "standard": standard, "welding": welding}


def test_board_shows_every_language_to_the_alliance(alliance_user, two_institutions, course):
    response = client_for(alliance_user).get(BOARD)
    cells = board_cells(response, "新能源汽车维修")
    assert cells["zh-hans"] == ORIGINAL and cells["lo"] == MISSING and len(cells) == 7
    assert board_cells(response, "焊工职业标准")["lo"] == CURRENT
    lao = soup(response).select_one('th[data-language="lo"]')
    assert lao.select_one('[data-count="missing"] data').get_text() == "1"
    assert lao.select_one('[data-count="current"] data').get_text() == "1"


def test_board_filters(alliance_user, two_institutions, course):
    client = client_for(alliance_user)
    other = two_institutions["other"]

    def titles(**query):
        page = soup(client.get(BOARD, query))
        return sorted(text_of(row.th) for row in page.select("tr[data-row]"))

    assert titles(institution=str(other.translation_key)) == ["焊工职业标准"]
    assert titles(resource_type="course") == ["新能源汽车维修"]
    assert titles(sector=str(two_institutions["welding"].translation_key)) == ["焊工职业标准"]
    assert titles(language="lo", state=MISSING) == ["新能源汽车维修"]
    assert titles(language="lo", state=CURRENT) == ["焊工职业标准"]
    # Only the chosen language's column is shown.
    page = soup(client.get(BOARD, {"language": "th"}))
    assert [th["data-language"] for th in page.select("thead th[data-language]")] == ["th"]


def test_board_sorts_by_how_long_a_translation_has_waited(alliance_user, site_tree, course):
    newer = factories.published_resource(
        site_tree["section"], title="焊接实训", institution=site_tree["institution"]
    )
    Page.objects.filter(pk=course.pk).update(
        first_published_at=newer.first_published_at.replace(year=2020)
    )
    client = client_for(alliance_user)
    oldest_first = soup(client.get(BOARD, {"language": "lo"})).select("tr[data-row] th")
    assert [text_of(th) for th in oldest_first] == ["新能源汽车维修", "焊接实训"]
    newest_first = soup(client.get(BOARD, {"language": "lo", "ordering": "-age"}))
    assert [text_of(th) for th in newest_first.select("tr[data-row] th")] == [
        "焊接实训",
        "新能源汽车维修",
    ]


def test_board_exports_csv_and_xlsx_with_states_in_words(alliance_user, site_tree, course):
    factories.published_resource(
        site_tree["section"], title="=HYPERLINK(1)", institution=site_tree["institution"]
    )
    client = client_for(alliance_user)
    response = client.get(BOARD, {"export": "csv", "language": "lo"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Title", "Kind", "Institution", "Waiting since", "ລາວ"]
    by_title = {row[0]: row for row in rows[1:]}
    assert by_title["新能源汽车维修"][1:3] == ["Course", "万象技术学院"]
    assert by_title["新能源汽车维修"][4] == "Missing"
    assert "'=HYPERLINK(1)" in by_title  # a title is never run as a formula

    response = client.get(BOARD, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][4:] == ("简体中文", "English", "ไทย", "Tiếng Việt", "ລາວ", "ខ្មែរ", "မြန်မာဘာသာ")
    course_row = next(row for row in values if row[0] == "新能源汽车维修")
    assert course_row[4] == "Original" and course_row[8] == "Missing"


# 3. Creating a column's missing translations ---------------------------------------------


def test_lao_translator_creates_the_missing_column_as_drafts_in_review(
    translator_lo, site_tree, course
):
    second = factories.published_resource(
        site_tree["section"], title="焊接实训", institution=site_tree["institution"]
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(translator_lo)
    page = soup(client.get(BOARD))
    form = page.select_one('th[data-language="lo"] form')
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert "Create the 2 missing translations" in text_of(form)

    assert client.post(form["action"], {"language": "lo"}).status_code == 403  # no token
    response = client.post(
        form["action"], {"language": "lo", "csrfmiddlewaretoken": token}, follow=True
    )
    message = text_of(soup(response).select_one(".messages"))
    assert "2 translations into ລາວ created as drafts and submitted for review" in message
    for source in (course, second):
        lao = source.get_translation(locale("lo"))
        assert not lao.live and lao.workflow_in_progress
    assert board_cells(response, "新能源汽车维修") == {"lo": IN_REVIEW}


def test_a_long_column_is_created_a_hundred_at_a_time(
    translator_lo, site_tree, course, monkeypatch
):
    monkeypatch.setattr(translation_board, "MOST_CREATED_AT_ONCE", 2)
    for title in ("焊接实训", "电工基础"):
        factories.published_resource(
            site_tree["section"], title=title, institution=site_tree["institution"]
        )
    client = Client()
    client.force_login(translator_lo)
    create = reverse("translation_board_create_pages")

    response = client.post(create, {"language": "lo"}, follow=True)

    assert "2 translations into ລາວ created" in text_of(soup(response).select_one(".messages"))
    form = soup(response).select_one('th[data-language="lo"] form')
    assert "Create the missing translation" in text_of(form)  # the one left, offered again
    client.post(create, {"language": "lo"})
    assert soup(client.get(BOARD)).select_one('th[data-language="lo"] form') is None


def test_column_creation_refuses_languages_the_user_may_not_write(translator_lo, course):
    client = client_for(translator_lo)
    create = reverse("translation_board_create_pages")
    response = client.post(create, {"language": "th"}, follow=True)
    assert "may not create translations in this language" in text_of(soup(response))
    assert course.get_translation_or_none(locale("th")) is None


def test_column_creation_refuses_an_editor_whose_section_is_not_in_that_language(site_tree, course):
    editor = make_user("editor.a", *role_groups("editor", site_tree["institution"]))
    editor.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    client = client_for(editor)
    assert not soup(client.get(BOARD)).select('th[data-language="lo"] form')
    response = client.post(
        reverse("translation_board_create_pages"), {"language": "lo"}, follow=True
    )
    assert "may not create translations in this language" in text_of(soup(response))
    assert course.get_translation_or_none(locale("lo")) is None


# 4. Who sees what -------------------------------------------------------------------------


def test_lao_translator_sees_only_the_lao_column(translator_lo, course):
    response = client_for(translator_lo).get(BOARD)
    assert board_cells(response, "新能源汽车维修") == {"lo": MISSING}
    link = soup(response).select_one('td[data-language="lo"] a')
    assert link["href"].startswith(
        reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    )


def test_another_institutions_editor_does_not_see_our_resources(two_institutions, course):
    editor = make_user("editor.b", *role_groups("editor", two_institutions["other"]))
    page = soup(client_for(editor).get(BOARD))
    assert [text_of(th) for th in page.select("tr[data-row] th")] == ["焊工职业标准"]
    refused = client_for(editor).get(f"{BOARD}taxonomies/")
    assert refused.status_code == 403 or refused.url == reverse("wagtailadmin_home")


def test_users_without_a_role_get_no_board_and_no_menu_item(site_tree, translator_lo):
    nobody = make_user("nobody")
    assert client_for(nobody).get(BOARD).status_code in (302, 403)
    reports = client_for(translator_lo).get(reverse("wagtailadmin_home"))
    assert BOARD in reports.content.decode()


def test_taxonomy_board_shows_snippets_and_termbase(translator_lo, site_tree):
    factories.translate_snippet(site_tree["institution"], "lo", name="ວິທະຍາໄລເຕັກນິກວຽງຈັນ")
    concept = TermConcept.objects.create(kind="trade")
    TermLabel.objects.create(concept=concept, language="en", label="welding")
    response = client_for(translator_lo).get(f"{BOARD}taxonomies/")
    assert board_cells(response, "万象技术学院") == {"lo": CURRENT}
    assert board_cells(response, "Laos") == {"lo": MISSING}
    assert board_cells(response, "welding") == {"lo": MISSING}


# 5. Query count ---------------------------------------------------------------------------


def board_queries(client, **query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(BOARD, query).status_code == 200
    return len(queries)


def test_board_queries_do_not_grow_with_the_rows(alliance_user, site_tree):
    client = client_for(alliance_user)

    def add_courses(count, start):
        for n in range(start, start + count):
            page = factories.published_resource(
                site_tree["section"], title=f"课程 {n}", institution=site_tree["institution"]
            )
            if n % 2:
                factories.publish(localize(page, "lo"))
            if n % 3 == 0:
                localize(page, "th")

    add_courses(3, 0)
    few = board_queries(client)
    add_courses(9, 3)
    assert board_queries(client) == few
    assert board_queries(client, language="lo", state=MISSING) <= few
