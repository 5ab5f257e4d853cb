"""Search analytics: every discovery search counted per day with no personal data, written in
batches after the answer and kept through a database hiccup; a report for the alliance."""

import csv
import datetime
import io
import threading
import time

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from discovery import analytics, report
from discovery.analytics import recorder
from discovery.models import MAX_TEXT_LENGTH, DailySearches
from resources.editorial import roles
from tests.factories import CoursePageFactory, institution_member, published_resource

API = "/api/discovery/"
TABLE = DailySearches._meta.db_table
ZAWGYI = "ေက်ာင္း"  # "school" typed in Zawgyi; ကျောင်း in Unicode


@pytest.fixture(autouse=True)
def _flush_on_demand(settings):
    """No background writer: each test flushes when it means to."""
    settings.DISCOVERY_ANALYTICS_FLUSH_SECONDS = 0
    analytics.discard_pending()
    yield
    analytics.stop()
    analytics.discard_pending()


@pytest.fixture
def welding_course(site_tree):
    return published_resource(
        site_tree["section"],
        CoursePageFactory,
        title="Welding basics",
        summary="Arc welding for beginners.",
    )


def search(client, **params):
    """A discovery search through the public API, as a visitor's browser makes it."""
    response = client.get(API, params)
    assert response.status_code == 200
    return response.json()


def writes_to_table(queries):
    return [
        q["sql"]
        for q in queries
        if TABLE in q["sql"] and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]


# What is recorded.


def test_a_search_is_recorded_by_its_normalised_text_languages_filters_and_count(
    client, welding_course
):
    result = search(client, q="  Welding   BASICS ", lang="vi", type="course", country="LA,KH")
    analytics.flush()

    row = DailySearches.objects.get()
    assert row.day == timezone.localdate()
    assert (row.text, row.query_language, row.visitor_language) == ("welding basics", "en", "vi")
    assert row.filters == "country=KH,LA;type=course"
    assert (row.searches, row.result_count, row.degraded) == (1, result["count"], False)


def test_a_search_on_the_page_is_recorded_in_the_pages_language(client, welding_course):
    response = client.get("/th/search/", {"q": "Welding", "type": "course"})
    assert response.status_code == 200
    analytics.flush()

    row = DailySearches.objects.get()
    assert (row.text, row.visitor_language, row.filters, row.result_count) == (
        "welding",
        "th",
        "type=course",
        1,
    )


def test_nothing_personal_is_recorded(client, django_user_model, welding_course):
    client.force_login(django_user_model.objects.create_user("teacher", password="pw"))
    search(client, q="welding", HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14)")
    analytics.flush()

    # No address, user, session, browser or time of day: a day and what was asked.
    fields = {field.name for field in DailySearches._meta.get_fields()}
    assert fields == {
        "id",
        "day",
        "text",
        "query_language",
        "visitor_language",
        "filters",
        "degraded",
        "searches",
        "result_count",
    }
    values = DailySearches.objects.values().get()
    assert type(values["day"]) is datetime.date
    recorded = str(values)
    for personal in ("teacher", "127.0.0.1", "Mozilla", client.session.session_key):
        assert personal not in recorded


@pytest.mark.parametrize(
    "text, language",
    [
        ("焊接技術", "zh-hans"),
        ("Electrical installation", "en"),
        ("lắp đặt điện", "vi"),
        ("ການເຊື່ອມ", "lo"),
        ("การเชื่อมโลหะ", "th"),
        ("ការផ្សារដែក", "km"),
        ("ဂဟေဆော်", "my"),
        ("2024-03", ""),
    ],
)
def test_the_query_language_is_told_by_the_script(client, db, text, language):
    search(client, q=text)
    analytics.flush()

    assert DailySearches.objects.get().query_language == language


def test_zawgyi_and_unicode_burmese_traditional_and_simplified_chinese_count_as_one(client, db):
    for text in (ZAWGYI, "ကျောင်း", "焊接技術", "焊接技术"):
        search(client, q=text)
    analytics.flush()

    rows = DailySearches.objects.order_by("text").values_list("text", "query_language", "searches")
    assert list(rows) == [("ကျောင်း", "my", 2), ("焊接技术", "zh-hans", 2)]


def test_a_long_search_is_truncated_to_what_the_table_holds(client, db):
    search(client, q="ກ" * 200)
    analytics.flush()

    assert DailySearches.objects.get().text == "ກ" * MAX_TEXT_LENGTH


def test_browsing_without_text_is_recorded_with_empty_text(client, welding_course):
    search(client, type="course")
    analytics.flush()

    row = DailySearches.objects.get()
    assert (row.text, row.query_language, row.filters) == ("", "", "type=course")


def test_a_refused_search_is_not_recorded(client, db):
    assert client.get(API, {"q": "welding", "page_size": "1000"}).status_code == 400

    assert analytics.pending() == 0


# Aggregation.


def test_equal_searches_are_one_row_counted_twice(client, welding_course):
    search(client, q="Welding", type="course", country="LA,KH")
    search(client, q="welding ", country="KH,LA", type="course")
    search(client, q="welding", lang="th")
    analytics.flush()

    rows = DailySearches.objects.order_by("visitor_language")
    assert [(r.visitor_language, r.filters, r.searches) for r in rows] == [
        ("th", "", 1),
        ("zh-hans", "country=KH,LA;type=course", 2),
    ]


def test_counts_from_successive_flushes_add_up(client, db):
    for _ in range(3):
        search(client, q="welding")
        analytics.flush()

    assert DailySearches.objects.get().searches == 3


def test_writers_in_several_processes_at_once_all_count(
    transactional_db, django_db_serialized_rollback
):
    """Eight writers (each on its own connection, as from eight processes) add to the same
    rows at the same moment: no count is lost, and none deadlocks."""
    today = timezone.localdate()
    rows = {(today, f"word {n}", "en", "en", "", False): [25, n] for n in range(10)}
    start = threading.Barrier(8)
    errors = []

    def writer():
        try:
            start.wait()
            recorder.write(rows)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert DailySearches.objects.count() == 10
    assert set(DailySearches.objects.values_list("searches", flat=True)) == {200}


# Writing after the answer.


@pytest.mark.parametrize("address", [API, "/en/search/"])
def test_a_search_writes_nothing_to_the_table_until_flushed(client, welding_course, address):
    with CaptureQueriesContext(connection) as during_search:
        response = client.get(address, {"q": "welding"})

    assert response.status_code == 200
    assert writes_to_table(during_search.captured_queries) == []
    assert analytics.pending() == 1 and not DailySearches.objects.exists()

    with CaptureQueriesContext(connection) as during_flush:
        assert analytics.flush() == 1

    assert len(writes_to_table(during_flush.captured_queries)) == 1  # one upsert for the batch
    assert analytics.pending() == 0 and DailySearches.objects.get().result_count == 1


def test_recording_never_raises(db):
    analytics.record(None, None)

    assert analytics.pending() == 0


def test_the_background_writer_flushes_on_its_own(
    client, transactional_db, django_db_serialized_rollback, settings
):
    settings.DISCOVERY_ANALYTICS_FLUSH_SECONDS = 0.05

    search(client, q="welding")
    deadline = time.monotonic() + 10
    while not DailySearches.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)

    assert DailySearches.objects.get().searches == 1
    analytics.stop()  # and its connection closed, or dropping the test database would wait


@pytest.fixture
def table_locked():
    """The analytics table locked by another connection, as a long migration or a stuck
    transaction would hold it: the next write times out for real."""
    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"],
    )
    other.execute(f'LOCK TABLE "{TABLE}" IN ACCESS EXCLUSIVE MODE')
    yield other.rollback  # releases the lock
    other.close()


def test_a_database_hiccup_keeps_the_searches_for_the_next_flush(
    client, welding_course, table_locked, monkeypatch, caplog
):
    monkeypatch.setattr(recorder, "LOCK_TIMEOUT", "200ms")

    assert search(client, q="welding", lang="en")["count"] == 1  # answered while locked
    assert client.get("/en/search/", {"q": "welding"}).status_code == 200

    assert analytics.flush() == 0
    assert analytics.pending() == 2
    assert "2 searches kept for the next write" in caplog.text

    table_locked()
    assert analytics.flush() == 2
    assert analytics.pending() == 0
    assert DailySearches.objects.get().searches == 2


def test_past_its_limit_the_buffer_drops_the_oldest_searches(client, db, monkeypatch, caplog):
    monkeypatch.setattr(recorder, "MAX_BUFFERED", 3)
    for word in ("one", "two", "three", "four", "five"):
        search(client, q=word)

    assert analytics.pending() == 3
    analytics.flush()

    assert set(DailySearches.objects.values_list("text", flat=True)) == {"three", "four", "five"}
    assert "2 searches dropped" in caplog.text


# The report.


def add_searches(day, text, searches, result_count=3, query_language="en", **fields):
    return DailySearches.objects.create(
        day=day,
        text=text,
        searches=searches,
        result_count=result_count,
        query_language=query_language,
        visitor_language=fields.pop("visitor_language", query_language or "en"),
        **fields,
    )


@pytest.fixture
def searches(site_tree):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    long_ago = today - datetime.timedelta(days=90)
    add_searches(today, "welding", 5, visitor_language="en")
    add_searches(yesterday, "welding", 3, result_count=4, visitor_language="lo")
    add_searches(today, "ການເຊື່ອມ", 4, result_count=0, query_language="lo")
    add_searches(today, "ການເຊື່ອມ", 1, result_count=0, query_language="lo", degraded=True)
    add_searches(today, "hàn điện", 2, result_count=0, query_language="vi")
    add_searches(today, "robotics", 1, result_count=0, filters="country=LA")
    add_searches(today, "", 6, query_language="", visitor_language="th", filters="type=course")
    add_searches(long_ago, "forgotten", 50)
    return {"today": today, "long_ago": long_ago}


def english_speaking(user):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


@pytest.fixture
def alliance_reviewer(site_tree):
    user = get_user_model().objects.create_user("secretariat", password="pw")
    user.groups.add(Group.objects.get(name=roles.ALLIANCE_REVIEWERS))
    return english_speaking(user)


def open_report(client, **params):
    return client.get(reverse("search_analytics"), params)


def test_the_alliance_sees_top_queries_queries_without_results_and_totals(
    client, searches, alliance_reviewer
):
    client.force_login(alliance_reviewer)

    response = open_report(client)
    page = response.content.decode()

    rows = response.context["object_list"]
    assert [(r["text"], r["total"], r["latest_result_count"]) for r in rows] == [
        ("welding", 8, 3),
        ("ການເຊື່ອມ", 5, 0),
        ("hàn điện", 2, 0),
        ("robotics", 1, 0),
    ]
    assert rows[0]["visitor_languages"] == "en, lo"
    assert "forgotten" not in page  # older than the default 30 days
    zero = {group["language"]: group["queries"] for group in response.context["zero_results"]}
    # Not the search narrowed by a filter ("robotics"), nor what the fallback answered.
    assert {lang: [(q["text"], q["total"]) for q in queries] for lang, queries in zero.items()} == {
        "vi": [("hàn điện", 2)],
        "lo": [("ການເຊື່ອມ", 4)],
    }
    assert 'data-total="searches">22<' in page
    assert 'data-total="browsing">6<' in page
    assert 'data-total="zero-results">36.4 %<' in page  # 8 of 22
    assert 'data-total="degraded">4.5 %<' in page  # 1 of 22
    assert "<code>type=course</code>" in page
    assert '<th scope="row" lang="lo">ການເຊື່ອມ</th>' in page
    assert "<caption>Queries without results in ລາວ</caption>" in page


def test_the_report_filters_by_period_and_languages(client, searches, admin_user):
    client.force_login(english_speaking(admin_user))
    long_ago = searches["long_ago"].isoformat()

    def texts(**params):
        return [row["text"] for row in open_report(client, **params).context["object_list"]]

    assert texts(query_language="lo") == ["ການເຊື່ອມ"]
    assert texts(visitor_language="lo") == ["ການເຊື່ອມ", "welding"]
    assert texts(day_from=long_ago, day_to=long_ago) == ["forgotten"]
    assert texts(day_from=long_ago)[0] == "forgotten"


def test_the_report_exports_csv_and_xlsx(client, searches, alliance_reviewer):
    client.force_login(alliance_reviewer)

    as_csv = open_report(client, export="csv")
    as_xlsx = open_report(client, export="xlsx")

    rows = list(csv.reader(io.StringIO(b"".join(as_csv.streaming_content).decode("utf-8"))))
    assert rows[0] == [
        "Search text",
        "Query language",
        "Visitor languages",
        "Searches",
        "Searches without results",
        "Degraded searches",
        "Latest result count",
    ]
    assert rows[1] == ["welding", "en", "en, lo", "8", "0", "0", "3"]
    assert rows[2] == ["ການເຊື່ອມ", "lo", "lo", "5", "5", "1", "0"]
    sheet = load_workbook(io.BytesIO(b"".join(as_xlsx.streaming_content))).active
    assert [cell.value for cell in sheet[3]] == ["ການເຊື່ອມ", "lo", "lo", 5, 5, 1, 0]


@pytest.mark.parametrize("typed", ['=HYPERLINK("https://evil.example","Open")', "+1+1", "@SUM(A1)"])
def test_a_search_text_a_spreadsheet_would_run_is_exported_as_text(
    client, site_tree, alliance_reviewer, typed
):
    add_searches(timezone.localdate(), typed, 1)
    client.force_login(alliance_reviewer)

    as_csv = open_report(client, export="csv")

    rows = list(csv.reader(io.StringIO(b"".join(as_csv.streaming_content).decode("utf-8"))))
    assert rows[1][0] == f"'{typed}"


def test_a_query_without_results_links_to_the_termbase_prefilled(
    client, searches, alliance_reviewer
):
    client.force_login(alliance_reviewer)

    page = open_report(client).content.decode()

    add = reverse("wagtailsnippets_resources_termconcept:add")
    link = f"{add}?label=h%C3%A0n+%C4%91i%E1%BB%87n&language=vi"
    assert f'href="{link.replace("&", "&amp;")}"' in page
    assert page.count("Add to termbase") == 2  # one per query without results
    assert "hàn điện" in client.get(link).content.decode()


def test_no_termbase_link_for_those_who_may_not_add_terms(client, searches):
    analyst = english_speaking(get_user_model().objects.create_user("analyst", password="pw"))
    analyst.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_dailysearches"),
    )
    client.force_login(analyst)

    response = open_report(client)

    assert response.status_code == 200 and "ການເຊື່ອມ" in response.content.decode()
    assert "Add to termbase" not in response.content.decode()


def test_the_report_works_without_a_termbase(client, searches, alliance_reviewer, monkeypatch):
    monkeypatch.setattr(report, "TERMBASE_ADD_URL_NAME", "wagtailsnippets_resources_nothing:add")
    client.force_login(alliance_reviewer)

    response = open_report(client)

    assert response.status_code == 200 and "Add to termbase" not in response.content.decode()


def test_site_administrators_see_the_report_in_the_reports_menu(client, searches):
    admin = get_user_model().objects.create_user("administrator", password="pw")
    admin.groups.add(Group.objects.get(name=roles.SITE_ADMINISTRATORS))
    client.force_login(english_speaking(admin))

    assert open_report(client).status_code == 200
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("search_analytics") in menu


def test_institutions_and_translators_get_neither_the_report_nor_its_menu_item(
    client, site_tree, searches
):
    translator = english_speaking(get_user_model().objects.create_user("translator", password="pw"))
    translator.groups.add(Group.objects.get(name=roles.translators_group_name("lo")))
    institution = site_tree["institution"]
    for user in (
        institution_member(institution, "editor"),
        institution_member(institution, "reviewer", role="reviewers"),
        translator,
    ):
        client.force_login(user)

        assert open_report(client).status_code == 403
        assert open_report(client, export="csv").status_code == 403
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        assert (
            reverse("search_analytics")
            not in client.get(reverse("wagtailadmin_home")).content.decode()
        )


def test_visitors_are_sent_to_sign_in(client, searches):
    response = open_report(client)

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
