"""Download statistics: every download counted once, per file, language and country, with no
personal data; a report the alliance and each institution's editors can read and export."""

import csv
import datetime
import http.client
import io
from urllib.parse import urlsplit

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from downloads.models import DailyDownloads
from downloads.stats import record_bundle_download, record_download
from resources.editorial import roles
from resources.models import ResourceIndexPage
from tests.factories import (
    CountryFactory,
    InstitutionFactory,
    TeachingMaterialPageFactory,
    add_material_file,
    build_site_tree,
    institution_member,
    published_resource,
)
from tests.helpers import soup, text_of

BODY = b"%PDF-1.7\n" + bytes(i % 253 for i in range(500_000)) + b"\n%%EOF\n"


@pytest.fixture
def document(material):
    return add_material_file(
        material, title="ຄູ່ມື", language="lo", file=ContentFile(BODY, name="manual.pdf")
    )


@pytest.fixture
def counts_locked():
    """The counts' table locked by another connection, as a long migration would hold it."""
    config = connection.settings_dict
    other = psycopg.connect(
        dbname=config["NAME"],
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"],
    )
    other.execute(f'LOCK TABLE "{DailyDownloads._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
    yield other
    other.close()


def downloads(document=None):
    rows = DailyDownloads.objects.all()
    if document is not None:
        rows = rows.filter(document=document)
    return sum(rows.values_list("downloads", flat=True))


def test_a_download_is_counted_per_file_language_and_publishers_country(client, document):
    client.get(document.url, REMOTE_ADDR="198.51.100.7")
    client.get(document.url, REMOTE_ADDR="203.0.113.5")

    row = DailyDownloads.objects.get()
    assert (row.document, row.language, row.country, row.downloads) == (document, "lo", "LA", 2)
    # Nothing about who downloaded: no user, no address, no browser.
    fields = {field.name for field in DailyDownloads._meta.get_fields()}
    assert fields == {
        "id",
        "day",
        "document",
        "language",
        "country",
        "institution_key",
        "downloads",
    }


def test_resumed_parts_head_and_revalidations_do_not_count_again(client, document):
    first = client.get(document.url, HTTP_RANGE="bytes=0-999")
    client.get(document.url, HTTP_RANGE="bytes=1000-")
    client.get(document.url, HTTP_RANGE="bytes=-10")
    client.head(document.url)
    client.get(document.url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert downloads(document) == 1


@pytest.mark.parametrize(
    "header", ["bytes=0-0", "bytes=0-", None], ids=["1-byte probes", "restarts", "whole file"]
)
def test_one_client_fetching_a_file_again_within_the_window_counts_once(client, document, header):
    for _ in range(20):
        client.get(document.url, **({"HTTP_RANGE": header} if header else {}))

    assert downloads(document) == 1


def test_after_the_window_the_same_client_counts_again(client, document):
    client.get(document.url)
    cache.clear()  # the window has passed: its keys have expired
    client.get(document.url)

    assert downloads(document) == 2


def test_a_download_is_served_whole_while_its_count_cannot_be_written(
    client, document, counts_locked, caplog
):
    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == BODY
    assert "was not counted" in caplog.text
    counts_locked.rollback()
    assert downloads(document) == 0


def test_counts_from_many_downloads_add_up(document):
    for _ in range(25):
        record_download(document)
    record_download(document, day=datetime.date(2026, 1, 5))

    assert downloads(document) == 26
    assert DailyDownloads.objects.count() == 2


def test_a_restricted_file_refused_to_a_visitor_is_not_counted(client, site_tree, material):
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Teachers only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = add_material_file(material, collection=private, file=ContentFile(BODY, "a.pdf"))

    client.get(document.url)

    assert downloads() == 0


@pytest.fixture
def served_file(django_db_serialized_rollback, live_server):
    """A published material with one file, on a real HTTP server."""
    section = build_site_tree()["section"]
    material = published_resource(section, TeachingMaterialPageFactory)
    document = add_material_file(
        material, title="ຄູ່ມື", language="lo", file=ContentFile(BODY, name="manual.pdf")
    )
    return f"{live_server.url}{document.url}", document


def test_an_interrupted_download_resumes_where_it_stopped_and_counts_once(served_file):
    url, document = served_file
    address = urlsplit(url)
    interrupted_after = 123_457

    first = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    first.request("GET", address.path)
    answer = first.getresponse()
    assert answer.status == 200 and answer.headers["Accept-Ranges"] == "bytes"
    etag = answer.headers["ETag"]
    received = answer.read(interrupted_after)
    first.close()  # the connection drops here

    second = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    second.request(
        "GET", address.path, headers={"Range": f"bytes={interrupted_after}-", "If-Range": etag}
    )
    rest = second.getresponse()
    assert rest.status == 206
    assert rest.headers["Content-Range"] == f"bytes {interrupted_after}-{len(BODY) - 1}/{len(BODY)}"
    received += rest.read()
    second.close()

    assert len(received) == len(BODY) and received == BODY
    assert downloads(document) == 1


# The report.


@pytest.fixture
def statistics(site_tree, document):
    """Downloads of a Lao file from Laos and a Thai file from a Thai college."""
    thai_college = InstitutionFactory(
        slug="chiang-rai-tc",
        name="Chiang Rai Technical College",
        country=CountryFactory(code="TH", name="Thailand"),
    )
    section = ResourceIndexPage.objects.get(institution=thai_college)
    thai = add_material_file(
        published_resource(section, TeachingMaterialPageFactory, institution=thai_college),
        title="คู่มือไฟฟ้า",
        language="th",
    )
    for day, lao, thai_count in [(1, 3, 1), (2, 5, 0), (3, 2, 4)]:
        for _ in range(lao):
            record_download(document, day=datetime.date(2026, 3, day))
        for _ in range(thai_count):
            record_download(thai, day=datetime.date(2026, 3, day))
    return {"lao": document, "thai": thai, "thai_college": thai_college}


def report(client, **params):
    return client.get(reverse("download_statistics"), params)


def test_the_alliance_secretariat_sees_every_institutions_downloads_with_a_chart(
    client, statistics
):
    reviewer = get_user_model().objects.create_user("secretariat", password="pw")
    reviewer.groups.add(Group.objects.get(name=roles.ALLIANCE_REVIEWERS))
    client.force_login(reviewer)

    page = report(client).content.decode()

    assert "ຄູ່ມື" in page and "คู่มือไฟฟ้า" in page
    assert page.count('<rect x="') == 3  # one bar per day
    assert 'data-day="2026-03-03" data-downloads="6"' in page
    assert "<script src=" not in page.split("dlm-downloads-chart")[1].split("</figure>")[0]


def test_the_report_filters_by_date_language_and_country(client, statistics, admin_user):
    client.force_login(admin_user)

    thai_only = report(client, country="TH").content.decode()
    lao_only = report(client, language="lo").content.decode()
    first_day = report(client, day_from="2026-03-01", day_to="2026-03-01")

    assert "คู่มือไฟฟ้า" in thai_only and "ຄູ່ມື" not in thai_only
    assert "ຄູ່ມື" in lao_only and "คู่มือไฟฟ้า" not in lao_only
    rows = first_day.context["object_list"]
    assert {(row["language"], row["downloads"]) for row in rows} == {("lo", 3), ("th", 1)}


def test_the_report_exports_csv_and_xlsx(client, statistics, admin_user):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "en"})
    client.force_login(admin_user)

    as_csv = report(client, export="csv")
    as_xlsx = report(client, export="xlsx")

    text = b"".join(as_csv.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["File", "Language", "Country", "Downloads"]
    assert ["ຄູ່ມື", "lo", "LA", "10"] == rows[1][:4]
    assert ["คู่มือไฟฟ้า", "th", "TH", "5"] == rows[2][:4]
    sheet = load_workbook(io.BytesIO(b"".join(as_xlsx.streaming_content))).active
    assert [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))][:4] == [
        "ຄູ່ມື",
        "lo",
        "LA",
        10,
    ]


def test_an_institutions_editor_sees_only_their_own_files(client, site_tree, statistics):
    client.force_login(institution_member(statistics["thai_college"], "nattaya"))

    page = report(client).content.decode()

    assert "คู่มือไฟฟ้า" in page and "ຄູ່ມື" not in page
    assert "Downloads" in client.get(reverse("wagtailadmin_reports:aging_pages")).content.decode()


def test_visitors_and_unprivileged_users_cannot_see_the_report(client, statistics):
    anonymous = report(client)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]

    translator = get_user_model().objects.create_user("translator", password="pw")
    translator.groups.add(Group.objects.get(name=roles.translators_group_name("lo")))
    client.force_login(translator)

    assert report(client).status_code in (302, 403)
    assert report(client, export="csv").status_code in (302, 403)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("download_statistics") not in dashboard


def test_the_report_lists_whole_course_zips_by_the_same_filters_and_scope(
    client, site_tree, statistics
):
    lao_course = published_resource(site_tree["section"], title="ຫຼັກສູດໄຟຟ້າ")
    thai_section = ResourceIndexPage.objects.get(institution=statistics["thai_college"])
    thai_course = published_resource(
        thai_section, title="หลักสูตรไฟฟ้า", institution=statistics["thai_college"]
    )
    for _ in range(3):
        record_bundle_download(lao_course, "lo", day=datetime.date(2026, 3, 2))
    record_bundle_download(thai_course, "th", day=datetime.date(2026, 3, 2))
    record_bundle_download(thai_course, "th", day=datetime.date(2026, 4, 9))
    client.force_login(institution_member(statistics["thai_college"], "nattaya"))

    page = soup(report(client))
    march = soup(report(client, day_from="2026-03-01", day_to="2026-03-31"))

    def zips(page):
        table = page.find(id="bundle-downloads").find_next("table")
        return [[text_of(cell) for cell in row.find_all("td")][:4] for row in table.tbody("tr")]

    assert zips(page) == [["หลักสูตรไฟฟ้า", "ไทย", "Thailand", "2"]]
    assert "ຫຼັກສູດໄຟຟ້າ" not in str(page)  # another institution's course
    assert zips(march) == [["หลักสูตรไฟฟ้า", "ไทย", "Thailand", "1"]]
