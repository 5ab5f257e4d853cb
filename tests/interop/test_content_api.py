"""The read-only content API at /api/v2/: live, public pages with their resource fields in
each page's language, the files of public materials, images, and cross-origin reads of the
machine-readable addresses only."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import CollectionViewRestriction
from wagtail.rich_text import RichText
from wagtail_factories import ImageFactory

from resources.models import CertificationStandard, CourseMaterial, InstitutionEditorial
from tests import factories

pytestmark = pytest.mark.django_db

PARTNER = "https://partner.example.org"


def build_library():
    """A translated course and a material with a public and a private file, a translated
    certification of a public and a private standard, beside a private course, a draft
    course, and a private subsection with its own course."""
    site_tree = factories.build_site_tree()
    section, institution = site_tree["section"], site_tree["institution"]
    editorial = InstitutionEditorial.for_institution(institution)
    private_files = editorial.collection.add_child(name="Private files")
    CollectionViewRestriction.objects.create(
        collection=private_files, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    laos = institution.country
    factories.translate_snippet(laos, "lo", name="ປະເທດລາວ")
    factories.translate_snippet(institution, "lo", name="ວິທະຍາໄລເຕັກນິກວຽງຈັນ")
    electrical = factories.SectorFactory(code="electrical", name="电气")
    factories.translate_snippet(electrical, "lo", name="ໄຟຟ້າ")
    level = factories.QualificationLevelFactory()

    material = factories.TeachingMaterialPageFactory(
        parent=section, institution=institution, title="电工教材", external_id="LM-MAT-1"
    )
    public_file = factories.add_material_file(
        material, title="ປຶ້ມແບບຮຽນ", language="lo", collection=editorial.collection
    )
    private_file = factories.add_material_file(
        material, title="Answer key", language="en", collection=private_files
    )
    factories.publish(material)

    course = factories.CoursePageFactory(
        parent=section,
        institution=institution,
        title="新能源汽车维修",
        external_id="LM-CRS-EV",
        licence="CC-BY-SA-4.0",
        level=level,
        body=[("paragraph", RichText(f'<p>See <a linktype="page" id="{material.pk}">it</a>.</p>'))],
    )
    course.countries.add(laos)
    course.sectors.add(electrical)
    course.tags.add("ev", "battery")
    CourseMaterial.objects.create(course=course, material=material)
    factories.publish(course)
    lao_course = factories.translate(course, "lo", title="ການສ້ອມແປງລົດໄຟຟ້າ")
    english_course = factories.translate(course, "en", title="EV repair")

    standard = factories.published_resource(
        section,
        factories.VocationalStandardPageFactory,
        translations={"lo": {"title": "ມາດຕະຖານ ສ້ອມແປງລົດໄຟຟ້າ"}},
        title="新能源汽车维修职业标准",
        external_id="LM-STD-EV",
        code="LNQF-EV-3",
        competencies=factories.competency_units(("EV-01", "Inspect a high-voltage battery")),
    )
    private_standard = factories.published_resource(
        section, factories.VocationalStandardPageFactory, title="Internal standard"
    )
    factories.make_private(private_standard)
    certification = factories.CertificationPageFactory(
        parent=section, title="新能源汽车维修技能证书", external_id="LM-CERT-EV", validity_years=3
    )
    certification.recognised_in.add(laos)
    for assessed in (standard, private_standard):
        CertificationStandard.objects.create(certification=certification, standard=assessed)
    factories.publish(certification)
    factories.translate(certification, "lo", title="ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ")

    private_course = factories.published_resource(section, title="Private course")
    factories.make_private(private_course)
    draft_course = factories.CoursePageFactory(parent=section, title="Draft course", live=False)
    draft_material = factories.TeachingMaterialPageFactory(parent=section, live=False)
    draft_file = factories.add_material_file(draft_material, collection=editorial.collection)
    subsection = section.add_child(
        instance=factories.ResourceIndexPageFactory.build(title="Internal", slug="internal")
    )
    factories.make_private(subsection)
    hidden_course = factories.published_resource(subsection, title="Course under a private section")
    hidden_material = factories.TeachingMaterialPageFactory(parent=subsection)
    hidden_file = factories.add_material_file(hidden_material, collection=editorial.collection)
    factories.publish(hidden_material)
    return {
        "section": section,
        "course": course,
        "lao_course": lao_course,
        "english_course": english_course,
        "material": material,
        "public_file": public_file,
        "private_file": private_file,
        "draft_file": draft_file,
        "hidden_file": hidden_file,
        "private_files": private_files,
        "hidden": [private_course, draft_course, private_standard, subsection, hidden_course],
        "subsection": subsection,
    }


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media),
        factories.built_once_per_module(django_db_blocker, build_library) as built,
    ):
        yield {**built, "media": media}


def items(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_courses_of_a_language_come_with_their_metadata_in_that_language(client, library):
    lao = items(client, "/api/v2/pages/", type="resources.CoursePage", locale="lo", fields="*")
    english = items(client, "/api/v2/pages/", type="resources.CoursePage", locale="en", fields="*")

    assert [item["id"] for item in lao] == [library["lao_course"].pk]
    course = lao[0]
    assert course["title"] == "ການສ້ອມແປງລົດໄຟຟ້າ"
    assert course["meta"]["locale"] == "lo"
    assert course["external_id"] == "LM-CRS-EV"
    assert course["institution"] == {
        "name": "ວິທະຍາໄລເຕັກນິກວຽງຈັນ",
        "slug": "vientiane-tc",
        "country": "LA",
    }
    assert course["countries"] == [{"code": "LA", "name": "ປະເທດລາວ"}]
    assert course["sectors"] == [{"code": "electrical", "name": "ໄຟຟ້າ"}]
    assert course["level"]["framework"] == "LA-LNQF" and course["level"]["level"] == 3
    assert course["licence"] == "CC-BY-SA-4.0"
    assert course["licence_url"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert course["tags"] == ["battery", "ev"]
    assert course["permanent_link"].endswith("/r/LM-CRS-EV/lo")
    assert [m["external_id"] for m in course["materials"]] == ["LM-MAT-1"]
    # The description as the site shows it: a link is an address, not an internal reference.
    assert course["body"][0]["type"] == "paragraph"
    assert f'<a href="{library["material"].url}">it</a>' in course["body"][0]["value"]
    # Not translated into English: the institution and the sector as linked.
    assert [item["title"] for item in english] == ["EV repair"]
    assert english[0]["institution"]["name"] == "万象技术学院"
    assert english[0]["sectors"] == [{"code": "electrical", "name": "电气"}]


def test_a_material_lists_only_its_public_files_with_language_size_and_counted_download(
    client, library, settings
):
    settings.MEDIA_ROOT = library["media"]
    material = client.get(f"/api/v2/pages/{library['material'].pk}/").json()
    public_file = library["public_file"]

    assert [file["id"] for file in material["files"]] == [public_file.pk]
    listed = material["files"][0]
    assert listed["language"] == "lo" and listed["content_type"] == "application/pdf"
    assert listed["size"] == public_file.file_size and listed["extension"] == "pdf"
    # The download view's address, which checks privacy and counts the download.
    assert listed["download_url"] == f"http://localhost{public_file.url}"
    assert client.get(listed["download_url"]).status_code == 200


def test_certifications_and_standards_carry_their_key_fields_and_public_standards_only(
    client, library
):
    (certification,) = items(
        client, "/api/v2/pages/", type="resources.CertificationPage", locale="lo", fields="*"
    )
    (standard,) = items(
        client, "/api/v2/pages/", type="resources.VocationalStandardPage", locale="lo", fields="*"
    )

    assert certification["title"] == "ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ"
    assert certification["awarding_body"] == "Yunnan Vocational Skills Testing Centre"
    assert certification["validity_years"] == 3
    assert certification["recognised_in"] == [{"code": "LA", "name": "ປະເທດລາວ"}]
    # The private standard it also assesses is left out; the public one comes in Lao.
    assert [(s["id"], s["title"]) for s in certification["standards"]] == [
        (standard["id"], "ມາດຕະຖານ ສ້ອມແປງລົດໄຟຟ້າ")
    ]
    assert standard["code"] == "LNQF-EV-3" and standard["version"] == "1.0"
    assert standard["issuing_body"] == "Lancang-Mekong Vocational Education Alliance"
    assert standard["competencies"][0]["value"]["code"] == "EV-01"


def test_private_and_unpublished_pages_are_never_shown(client, library, django_user_model):
    hidden = {page.pk for page in library["hidden"]}
    section = library["section"].pk
    subsection = library["subsection"].pk
    # Signing in (here as a superuser, who may see everything on the site) changes nothing.
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))

    listed = {item["id"] for item in items(client, "/api/v2/pages/", limit=100)}
    below = {item["id"] for item in items(client, "/api/v2/pages/", descendant_of=section)}
    children = {item["id"] for item in items(client, "/api/v2/pages/", child_of=section)}

    assert library["course"].pk in listed and library["course"].pk in children
    assert not hidden & (listed | below | children)
    for page in hidden:
        assert client.get(f"/api/v2/pages/{page}/").status_code == 404
    assert client.get("/api/v2/pages/", {"child_of": subsection}).status_code == 400
    assert client.get("/api/v2/pages/", {"descendant_of": subsection}).status_code == 400


def test_documents_are_the_public_files_of_public_materials(client, library):
    listed = items(client, "/api/v2/documents/")

    assert [item["id"] for item in listed] == [library["public_file"].pk]
    assert listed[0]["language"] == "lo" and listed[0]["file_size"] > 0
    for hidden in (library["private_file"], library["draft_file"], library["hidden_file"]):
        assert client.get(f"/api/v2/documents/{hidden.pk}/").status_code == 404
    detail = client.get(f"/api/v2/documents/{library['public_file'].pk}/").json()
    assert detail["meta"]["download_url"].endswith(library["public_file"].url)


def test_images_of_private_collections_are_not_listed(client, library):
    editorial = InstitutionEditorial.for_institution(library["course"].institution)
    shown = ImageFactory(collection=editorial.collection, title="Workshop")
    ImageFactory(collection=library["private_files"], title="Exam sheet")

    assert [item["title"] for item in items(client, "/api/v2/images/")] == [shown.title]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_only_reads(client, library, method):
    for endpoint in ("pages", "documents", "images"):
        response = getattr(client, method)(
            f"/api/v2/{endpoint}/", {}, content_type="application/json"
        )
        assert response.status_code == 405
    detail = f"/api/v2/pages/{library['course'].pk}/"
    assert getattr(client, method)(detail, {}, content_type="application/json").status_code == 405


def test_any_origin_may_read_the_machine_readable_addresses_only(client, library, admin_client):
    api = client.get("/api/v2/pages/", HTTP_ORIGIN=PARTNER)
    preflight = client.options(
        "/api/v2/pages/", HTTP_ORIGIN=PARTNER, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    citation = client.get("/r/LM-CRS-EV/lo/citation.ris", HTTP_ORIGIN=PARTNER)
    page = client.get(library["course"].url, HTTP_ORIGIN=PARTNER)
    admin = admin_client.get("/admin/", HTTP_ORIGIN=PARTNER)
    admin_preflight = client.options(
        "/admin/login/", HTTP_ORIGIN=PARTNER, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )

    assert api["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in api
    assert preflight.status_code == 200 and preflight["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert citation.status_code == 200 and citation["Access-Control-Allow-Origin"] == "*"
    assert page.status_code == 200 and "Access-Control-Allow-Origin" not in page
    assert admin.status_code == 200 and "Access-Control-Allow-Origin" not in admin
    assert "Access-Control-Allow-Origin" not in admin_preflight


@pytest.mark.parametrize(
    ("path", "shared"),
    [
        ("/api/v2/images/", True),
        ("/api/discovery/search", True),
        ("/oai/", True),
        ("/feeds/lo/rss/", True),
        ("/sitemap.xml", True),
        ("/sitemap-courses.xml", True),
        ("/r/LM-CRS-EV/lo/citation.bib", True),
        ("/r/LM-CRS-EV/lo", False),  # a redirect to a page
        ("/robots.txt", False),
        ("/zh-hans/search/", False),
        ("/documents/1/file.pdf", False),
        ("/admin/pages/", False),
    ],
)
def test_a_preflight_is_granted_for_machine_readable_addresses_only(client, path, shared):
    preflight = client.options(path, HTTP_ORIGIN=PARTNER, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")

    assert ("Access-Control-Allow-Origin" in preflight) is shared


def add_courses(library, count):
    """``count`` more translated courses, each with every kind of metadata."""
    course = library["course"]
    for n in range(count):
        extra = factories.CoursePageFactory(
            parent=library["section"], institution=course.institution, level=course.level
        )
        extra.countries.add(*course.countries.all())
        extra.sectors.add(*course.sectors.all())
        extra.tags.add(f"tag-{n}")
        CourseMaterial.objects.create(course=extra, material=library["material"])
        factories.publish(extra)
        factories.translate(extra, "lo")


@pytest.mark.parametrize(
    "params",
    [
        {"type": "resources.CoursePage", "fields": "*"},
        {"type": "resources.TeachingMaterialPage", "fields": "*"},
        {},
    ],
    ids=["courses, every field", "materials, every field", "every page, default fields"],
)
def test_a_listing_costs_the_same_queries_for_more_pages(
    client, library, django_assert_max_num_queries, params
):
    params = {**params, "limit": 100}
    with CaptureQueriesContext(connection) as few:
        count_few = len(items(client, "/api/v2/pages/", **params))
    add_courses(library, 6)
    for n in range(3):
        material = factories.TeachingMaterialPageFactory(parent=library["section"])
        factories.add_material_file(material, title=f"Sheet {n}")
        factories.publish(material)

    with django_assert_max_num_queries(len(few.captured_queries)):
        count_more = len(items(client, "/api/v2/pages/", **params))
    assert count_more >= count_few + 3
