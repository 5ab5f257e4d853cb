"""Discovery searches as a visitor sees them, on the real OpenSearch: facets with counts that
combine, highlights, pagination and sorting, autocomplete, hostile query text, and only
what the public may see."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from discovery.models import PendingIndexUpdate
from discovery.params import parse_query
from discovery.service import search, suggest
from resources.models import CoursePage, ResourceIndexPage
from tests import factories
from tests.helpers import discovery_settings

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def build_corpus(index):
    tree = factories.build_site_tree()
    vientiane = tree["section"]  # a Lao college
    china = factories.CountryFactory(code="CN", name="中国")
    kunming = factories.InstitutionFactory(slug="kunming-tvc", name="昆明技师学院", country=china)
    kunming_section = ResourceIndexPage.objects.get(institution=kunming)
    welding = factories.SectorFactory(code="welding", name="焊接")
    electrical = factories.SectorFactory(code="electrical", name="电气")
    level = factories.QualificationLevelFactory(framework="LA-LNQF", level=3)
    days = iter(range(100))

    def resource(section, factory, title, sectors=(), tags=(), **fields):
        page = factory(
            parent=section,
            title=title,
            institution=section.institution,
            level=level if section == vientiane else None,
            **fields,
        )
        page.sectors.set(sectors)
        if tags:
            page.tags.add(*tags)
        page = factories.publish(page)
        # Distinct publication dates, the first created being the oldest.
        published = timezone.now() - datetime.timedelta(days=100 - next(days))
        type(page).objects.filter(pk=page.pk).update(first_published_at=published)
        return page

    resource(vientiane, factories.CoursePageFactory, "Welding basics", [welding], ["arc"])
    resource(vientiane, factories.CoursePageFactory, "Advanced welding", [welding], ["arc", "tig"])
    resource(vientiane, factories.VocationalStandardPageFactory, "Welder standard", [welding])
    resource(kunming_section, factories.CoursePageFactory, "Welding for bridges", [welding])
    resource(
        kunming_section, factories.TeachingMaterialPageFactory, "Electrical wiring", [electrical]
    )
    resource(
        kunming_section,
        factories.CertificationPageFactory,
        "Electrician <script>alert(1)</script> certificate",
        [electrical],
    )
    translated = resource(vientiane, factories.CoursePageFactory, "Welding safety", [welding])
    factories.translate(translated, "lo", title="ຄວາມປອດໄພໃນການເຊື່ອມ")

    # Never public: a draft change, a page in a private section, an unpublished page.
    draft = resource(vientiane, factories.CoursePageFactory, "Welding published title")
    draft.title = "Welding draft title secret"
    draft.save_revision()
    private_institution = factories.InstitutionFactory(slug="private-college", name="Private")
    private_section = ResourceIndexPage.objects.get(institution=private_institution)
    PageViewRestriction.objects.create(
        page=private_section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    resource(private_section, factories.CoursePageFactory, "Welding behind a password")
    gone = resource(vientiane, factories.CoursePageFactory, "Welding withdrawn")
    gone.unpublish()
    index.sync()


@pytest.fixture(scope="module")
def corpus(request, django_db_setup, django_db_blocker):
    with discovery_settings(request, "opensearch") as index:
        with factories.built_once_per_module(django_db_blocker, lambda: build_corpus(index)):
            yield index


def run(lang="en", **params):
    result = search(parse_query(params, lang=lang))
    assert not result.degraded
    return result


def facet(result, name):
    return {v.value: v.count for v in result.facets[name]}


def test_only_what_the_public_may_see_is_found(corpus):
    titles = {h.title for h in run(q="welding", page_size=50).results}
    assert titles == {
        "Welding basics",
        "Advanced welding",
        "Welding for bridges",
        "Welding safety",
        "Welding published title",
    }
    assert run(q="secret").count == 0  # the draft revision's words
    assert run(q="password").count == 0
    assert run(q="withdrawn").count == 0


def test_facets_count_resources_and_filters_combine(corpus):
    everything = run(q="welding")
    assert everything.count == 5
    assert facet(everything, "type") == {"course": 5}
    assert facet(everything, "country") == {"LA": 4, "CN": 1}
    assert facet(everything, "institution") == {"vientiane-tc": 4, "kunming-tvc": 1}
    # Resources available in each language, whichever translation the words matched in.
    assert facet(everything, "language") == {"zh-hans": 5, "lo": 1}
    assert facet(everything, "sector") == {"welding": 4}
    assert facet(everything, "tag") == {"arc": 2, "tig": 1}

    lao_courses = run(q="welding", country="LA", tag="arc")
    assert {h.title for h in lao_courses.results} == {"Welding basics", "Advanced welding"}
    # Each facet counts under the other filters, so the alternatives stay visible.
    assert facet(lao_courses, "country") == {"LA": 2}
    assert facet(lao_courses, "tag") == {"arc": 2, "tig": 1}
    assert [v.value for v in lao_courses.facets["tag"] if v.selected] == ["arc"]
    # Values of one filter are alternatives; different filters all apply.
    both = run(country="LA,CN", type="standard,certification")
    assert {h.title for h in both.results} == {
        "Welder standard",
        "Electrician <script>alert(1)</script> certificate",
    }


def test_facet_labels_are_in_the_visitors_language(corpus):
    result = run(lang="zh-hans", q="welding")
    labels = {v.value: v.label for v in result.facets["institution"]}
    assert labels["kunming-tvc"] == "昆明技师学院"
    assert {v.value: v.label for v in result.facets["sector"]}["welding"] == "焊接"
    assert {v.value: v.label for v in result.facets["level"]}["LA-LNQF-3"].startswith("LNQF")


def test_highlights_mark_the_match_and_escape_the_text(corpus):
    hit = run(q="electrician").results[0]
    assert hit.highlight["title"] == [
        "<mark>Electrician</mark> &lt;script&gt;alert(1)&lt;&#x2F;script&gt; certificate"
    ]


def test_pages_do_not_overlap_and_sorting_is_stable(corpus):
    by_title = [h.title for h in run(q="welding", sort="title", page_size=50).results]
    assert by_title == sorted(by_title, key=str.casefold)
    first = [h.title for h in run(q="welding", sort="title", page_size=2, page=1).results]
    second = [h.title for h in run(q="welding", sort="title", page_size=2, page=2).results]
    third = [h.title for h in run(q="welding", sort="title", page_size=2, page=3).results]
    assert first + second + third == by_title
    newest = [h.title for h in run(q="welding", sort="newest", page_size=50).results]
    assert newest[0] == "Welding published title" and newest[-1] == "Welding basics"


def test_a_resource_appears_once_in_the_visitors_language(corpus):
    lao = run(lang="lo", q="safety").results
    assert [(h.title, h.language) for h in lao] == [("ຄວາມປອດໄພໃນການເຊື່ອມ", "lo")]
    assert lao[0].available_languages == ["zh-hans", "lo"]
    # No English translation: the matching Lao one answers.
    english = run(lang="en", q="ການເຊື່ອມ").results
    assert [(h.title, h.language) for h in english] == [("ຄວາມປອດໄພໃນການເຊື່ອມ", "lo")]


def test_autocomplete_suggests_titles_as_you_type(corpus):
    assert [s["title"] for s in suggest("weldi", "en")][:1] != []
    assert {s["title"] for s in suggest("welding b", "en")} == {
        "Welding basics",
        "Welding for bridges",
    }
    assert [s["title"] for s in suggest("ຄວາມປອດ", "lo")] == ["ຄວາມປອດໄພໃນການເຊື່ອມ"]
    assert suggest("secret", "en") == []


@pytest.mark.parametrize(
    "text",
    [
        'welding" OR "1"="1',
        "title:welding AND (",
        "*",
        "weld*",
        "\\",
        "/[a-z]+/",
        "welding~10",
        '{"match_all": {}}',
        "🔥" * 50,
        "a" * 200,
    ],
)
def test_any_text_is_searched_as_words_never_as_query_syntax(corpus, text):
    result = run(q=text)
    assert result.count in (0, 1, 2, 3, 4, 5)
    assert "Welding behind a password" not in {h.title for h in result.results}


def test_a_page_made_private_after_indexing_is_never_shown(corpus):
    page = CoursePage.objects.get(title="Welding basics")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    # The worker has not run: the index still has it, the results do not.
    assert "Welding basics" not in {h.title for h in run(q="welding").results}
    assert PendingIndexUpdate.objects.filter(translation_key=page.translation_key).exists()


def test_a_page_unpublished_after_indexing_is_never_suggested(corpus):
    assert "Welding basics" in {s["title"] for s in suggest("welding b", "en")}
    page = CoursePage.objects.get(title="Welding basics")
    page.unpublish()

    # The worker has not run: the index still has it, the suggestions do not.
    assert {s["title"] for s in suggest("welding b", "en")} == {"Welding for bridges"}
    assert PendingIndexUpdate.objects.filter(translation_key=page.translation_key).exists()


def test_browsing_counts_each_resource_once_in_the_visitors_order(corpus):
    everything = run(lang="lo", sort="title", page_size=50)
    assert everything.count == 8  # nine published translations, eight resources
    assert facet(everything, "language") == {"zh-hans": 8, "lo": 1}
    titles = [h.title for h in everything.results]
    assert titles[0] == "Advanced welding"
    # A Lao visitor sees the Lao title, sorted as such (Lao script after Latin).
    assert titles[-1] == "ຄວາມປອດໄພໃນການເຊື່ອມ"
    # An English-speaking visitor who asks for Lao resources gets the Lao translation.
    in_lao = run(lang="en", language="lo")
    assert [(h.title, h.language, h.available_languages) for h in in_lao.results] == [
        ("ຄວາມປອດໄພໃນການເຊື່ອມ", "lo", ["zh-hans", "lo"])
    ]
