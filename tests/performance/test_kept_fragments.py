"""The parts of public pages kept between requests (header, footer, metadata, related lists,
cards, a course's bundles, a material's files) are the same for every visitor of a language
and are dropped by any publish, rename, move or privacy change: each test first visits the
page so that they are kept, changes something, then looks again."""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from resources.models import CourseMaterial
from tests import factories
from tests.helpers import soup

pytestmark = pytest.mark.django_db

LAO = "lo"


@pytest.fixture
def course(site_tree):
    """A published course using a published material with a Chinese and a Lao file."""
    section = site_tree["section"]
    course = factories.published_resource(section, factories.CoursePageFactory, title="电工基础")
    material = factories.published_resource(
        section, factories.TeachingMaterialPageFactory, title="电工安全教材"
    )
    documents = [
        factories.add_material_file(
            material,
            title=f"安全 {language}",
            language=language,
            file=ContentFile(b"x" * 100, name=f"safety-{language}.pdf"),
        )
        for language in ("zh-hans", LAO)
    ]
    CourseMaterial.objects.create(course=course, material=material)
    factories.publish(course)
    return {"course": course, "material": material, "documents": documents, **site_tree}


def visit(client, page):
    """The page's answer on the second visit (the first keeps what is shared)."""
    assert client.get(page.url).status_code == 200
    return client.get(page.url)


def html(client, page):
    """The page's HTML on the second visit."""
    return visit(client, page).content.decode()


def test_a_renamed_course_shows_its_new_title_in_every_kept_part(client, course):
    material_html = html(client, course["material"])
    assert "电工基础" in material_html  # "Courses using this material"
    html(client, course["course"])

    course["course"].title = "电工基础（第二版）"
    factories.publish(course["course"])

    related = soup(visit(client, course["material"])).select(".related__list a")
    assert [a.get_text(strip=True) for a in related] == ["电工基础（第二版）"]
    breadcrumb = soup(visit(client, course["course"])).select(".breadcrumbs a")
    assert breadcrumb[-1].get_text(strip=True) == "电工基础（第二版）"


def test_a_new_translation_shows_in_the_kept_language_switcher(client, course):
    page = course["course"]
    before = soup(visit(client, page)).select(".language-switcher a[hreflang='lo']")
    assert [a["href"] for a in before] == ["/lo/"]  # only the Lao home page

    lao = factories.translate(page, LAO, title="ພື້ນຖານໄຟຟ້າ")

    after = soup(visit(client, page)).select(".language-switcher a[hreflang='lo']")
    assert [a["href"] for a in after] == [lao.url]


def test_a_renamed_sector_shows_in_the_kept_metadata_and_cards(client, course):
    sector = factories.SectorFactory(code="electrical", name="电气")
    page = course["course"]
    page.sectors.add(sector)
    factories.publish(page)
    assert "电气" in soup(visit(client, page)).select_one(".metadata").get_text()
    listing = course["section"]
    assert "电气" in soup(visit(client, listing)).select_one(".card-grid").get_text()

    sector.name = "电气工程"
    sector.save()

    assert "电气工程" in soup(visit(client, page)).select_one(".metadata").get_text()
    assert "电气工程" in soup(visit(client, listing)).select_one(".card-grid").get_text()


def test_a_document_moved_to_a_private_collection_leaves_the_kept_bundles_and_files(client, course):
    course_html = soup(visit(client, course["course"]))
    assert len(course_html.select(".bundles__link")) == 2
    assert "安全 lo" in html(client, course["material"])

    private = Collection.get_first_root_node().add_child(name="Members only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    lao_file = course["documents"][1]
    lao_file.collection = private
    lao_file.save()

    links = soup(visit(client, course["course"])).select(".bundles__link")
    assert [a["hreflang"] for a in links] == ["zh-Hans"]
    assert "安全 lo" not in html(client, course["material"])


def test_a_page_made_private_is_no_longer_shown_from_what_was_kept(client, course):
    page = course["course"]
    html(client, page)

    factories.make_private(page)

    response = client.get(page.url)
    assert response.status_code == 302  # to the sign-in page
    assert "电工基础" not in response.content.decode()


# Wagtail's user bar, which a signed-in editor gets on every page (and nobody else).
USERBAR = re.compile(
    r"<!-- Wagtail user bar embed code -->.*<!-- end Wagtail user bar embed code -->", re.DOTALL
)


def same_words(text):
    return " ".join(text.split())


def test_what_is_kept_holds_nothing_of_a_signed_in_editor(client, course, django_user_model):
    editor = django_user_model.objects.create_superuser("editor-kept", "e@example.org", "pw-1")
    client.force_login(editor)
    signed_in = html(client, course["course"])
    client.logout()

    anonymous = html(client, course["course"])

    assert "editor-kept" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous
    assert USERBAR.search(signed_in) and not USERBAR.search(anonymous)
    # Otherwise the same page, fresh for both.
    assert same_words(anonymous) == same_words(
        USERBAR.sub("", signed_in).replace("editor-kept", "")
    )


def test_a_preview_is_never_kept_for_visitors(client, course):
    page = course["course"]
    html(client, page)

    draft = page.specific
    draft.title = "草稿标题"
    preview = draft.make_preview_request()

    assert "草稿标题" in preview.content.decode()
    shown = html(client, page)
    assert "草稿标题" not in shown
    assert "电工基础" in shown


def test_the_kept_parts_are_per_language(client, course):
    english = factories.translate(course["course"], "en", title="Electrical basics")
    english_html = soup(visit(client, english))
    chinese_html = soup(visit(client, course["course"]))

    assert english_html.select_one(".breadcrumbs [aria-current]").get_text() == "Electrical basics"
    assert chinese_html.select_one(".breadcrumbs [aria-current]").get_text() == "电工基础"
    assert english_html.select_one(".site-footer") != chinese_html.select_one(".site-footer")
