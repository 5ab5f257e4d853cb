"""The alliance termbase: concepts with labels in the seven languages, kept by the alliance
reviewers in the admin, seeded from the demo and the CLDR, and used by search to find a
resource in the languages the visitor did not type."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from myanmar import converter
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from demo import taxonomy
from demo.sync import Tally
from digital_lm.languages import LANGUAGE_CODES
from discovery import termbase
from discovery.params import parse_query
from discovery.service import search
from discovery.termbase import expansions
from resources.editorial import roles
from resources.models import CoursePage, TermConcept, TermLabel
from tests import factories

pytestmark = pytest.mark.django_db

WELDING = {
    "zh-hans": ["焊接"],
    "en": ["welding", "welder"],
    "th": ["การเชื่อม"],
    "vi": ["hàn", "thợ hàn"],
    "lo": ["ການເຊື່ອມ"],
    "km": ["ការផ្សារ"],
    "my": ["ဂဟေဆော်"],
}
ADD_URL = "wagtailsnippets_resources_termconcept:add"


def concept(labels, kind="trade"):
    """A concept with ``labels`` ({language: [label, ...]}), saved as the admin would."""
    made = TermConcept.objects.create(kind=kind)
    order = 0
    for language, names in labels.items():
        for name in names:
            TermLabel.objects.create(concept=made, language=language, label=name, sort_order=order)
            order += 1
    return made


@pytest.fixture(autouse=True)
def fresh_table():
    termbase.forget()
    yield
    termbase.forget()


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def reviewer(site_tree):
    return user_in(roles.ALLIANCE_REVIEWERS, "secretariat")


def concept_form(labels, kind="tool", note=""):
    return nested_form_data(
        {
            "kind": kind,
            "note": note,
            "labels": inline_formset(
                [{"language": lang, "label": label} for lang, label in labels], min=1
            ),
        }
    )


# --- the model --------------------------------------------------------------------------------


def test_a_label_is_keyed_as_a_query_is_matched():
    made = concept(
        {"en": ["  Arc   WELDING "], "my": [converter.convert("ဂဟေဆော်", "unicode", "zawgyi")]}
    )
    keys = dict(made.labels.values_list("language", "normalized"))
    assert keys == {"en": "arc welding", "my": "ဂဟေဆော်"}
    assert str(made) == "  Arc   WELDING "


# --- the admin and who may use it -------------------------------------------------------------


def test_an_alliance_reviewer_adds_a_concept_with_labels(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse(ADD_URL), concept_form([("en", "angle grinder"), ("lo", "ເຄື່ອງຕັດ")])
    )
    assert response.status_code == 302, response.context["form"].formsets["labels"].errors
    made = TermConcept.objects.get()
    assert made.kind == "tool" and made.curated
    assert list(made.labels.values_list("language", "label")) == [
        ("en", "angle grinder"),
        ("lo", "ເຄື່ອງຕັດ"),
    ]


def test_an_alliance_reviewer_edits_a_concept_and_sees_the_list(client, reviewer):
    made = concept(WELDING)
    client.force_login(reviewer)
    listing = client.get(reverse("wagtailsnippets_resources_termconcept:list"), {"q": "ເຊື່ອມ"})
    assert listing.status_code == 200
    assert "welding, welder" in listing.content.decode()
    rows = [
        {"id": label.pk, "language": label.language, "label": label.label}
        for label in made.labels.order_by("sort_order")
    ]
    for row in rows:
        row["DELETE"] = row["label"] == "welding"  # "welding" goes, "arc welding" comes
    rows.append({"language": "en", "label": "arc welding"})
    data = nested_form_data(
        {"kind": "trade", "note": "", "labels": inline_formset(rows, initial=len(rows) - 1)}
    )
    response = client.post(
        reverse("wagtailsnippets_resources_termconcept:edit", args=(made.pk,)), data
    )
    assert response.status_code == 302, response.context["form"].formsets["labels"].errors
    assert set(made.labels.filter(language="en").values_list("label", flat=True)) == {
        "welder",
        "arc welding",
    }


def test_the_same_label_twice_in_one_language_is_refused(client, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse(ADD_URL), concept_form([("en", "Welding"), ("en", "welding ")]))
    assert response.status_code == 200
    assert "is already a label of this concept in this language" in response.content.decode()
    assert not TermConcept.objects.exists()


def test_a_concept_needs_a_label(client, reviewer):
    client.force_login(reviewer)
    data = nested_form_data({"kind": "tool", "note": "", "labels": inline_formset([])})
    response = client.post(reverse(ADD_URL), data)
    assert response.status_code == 200
    assert not TermConcept.objects.exists()


def test_the_add_view_prefills_the_first_label_from_the_url(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse(ADD_URL), {"label": "ການເຊື່ອມໂລຫະ", "language": "lo"})
    assert response.status_code == 200
    form = response.context["form"].formsets["labels"].forms[0]
    assert (form.instance.language, form.instance.label) == ("lo", "ການເຊື່ອມໂລຫະ")
    assert 'value="ການເຊື່ອມໂລຫະ"' in response.content.decode()
    unknown = client.get(reverse(ADD_URL), {"label": "x", "language": "fr"})
    assert unknown.context["form"].formsets["labels"].forms[0].instance.language is None


def test_an_institution_editor_has_no_termbase(client, site_tree):
    editor = factories.institution_member(site_tree["institution"], "editor")
    made = concept(WELDING)
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "termconcept" not in dashboard
    for url in (
        reverse("wagtailsnippets_resources_termconcept:list"),
        reverse(ADD_URL),
        reverse("wagtailsnippets_resources_termconcept:edit", args=(made.pk,)),
    ):
        # Wagtail's answer to a denied admin view: back to the dashboard, with a message.
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home"), url


def test_translators_get_no_termbase_permission(site_tree):
    translators = Group.objects.get(name=roles.translators_group_name("lo"))
    alliance = Group.objects.get(name=roles.ALLIANCE_REVIEWERS)
    codenames = set(alliance.permissions.values_list("codename", flat=True))
    assert {"add_termconcept", "change_termconcept", "delete_termconcept"} <= codenames
    assert not translators.permissions.filter(codename__endswith="termconcept").exists()


# --- the seed -----------------------------------------------------------------------------------


@pytest.fixture
def demo_taxonomy():
    locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGE_CODES}
    tally = Tally()
    taxonomy.load_sectors(locales, tally)
    taxonomy.load_levels(locales, tally)


def test_the_seed_gives_welding_a_label_in_every_language(demo_taxonomy):
    call_command("load_termbase", stdout=open("/dev/null", "w"))  # noqa: SIM115
    welding = TermConcept.objects.get(source="demo-sector", source_key="welding")
    labels = set(welding.labels.values_list("language", "normalized"))
    for language, names in WELDING.items():
        for name in names:
            assert (language, name) in labels
    cldr = TermConcept.objects.get(source="cldr", source_key="LA")
    assert {"ລາວ", "Laos", "Lao", "老挝"} <= set(cldr.labels.values_list("label", flat=True))


def test_the_seed_is_idempotent_and_leaves_reviewed_concepts_alone(demo_taxonomy, capsys):
    call_command("load_termbase")
    counts = (TermConcept.objects.count(), TermLabel.objects.count())
    welding = TermConcept.objects.get(source="demo-sector", source_key="welding")
    welding.curated = True
    welding.save()
    welding.labels.filter(language="en").delete()
    capsys.readouterr()
    call_command("load_termbase")
    assert "already up to date" in capsys.readouterr().out
    assert TermConcept.objects.count() == counts[0]
    assert not welding.labels.filter(language="en").exists()  # the reviewer's choice stands


# --- expansions ---------------------------------------------------------------------------------


@pytest.fixture
def welding():
    return concept(WELDING)


def variants(found):
    return {lang: text for lang, text in found.variants if lang != "en"}


def test_a_whole_query_expands_to_the_other_languages(welding):
    [found] = expansions("Welding")
    assert found.concept_id == welding.pk and found.matched == "Welding"
    assert variants(found)["lo"] == "ການເຊື່ອມ"
    assert ("en", "welder") in found.variants
    assert ("en", "welding") not in found.variants  # not the matched label again
    assert found.label("th") == "การเชื่อม" and found.label("fr") == "Welding"


def test_a_word_in_an_english_query_expands(welding):
    [found] = expansions("welding  safety")
    assert found.matched == "welding"
    assert ("lo", "ການເຊື່ອມ safety") in found.variants
    assert expansions("weldings") == []  # whole words only


@pytest.mark.parametrize(
    "query, matched",
    [
        ("ຄວາມປອດໄພໃນການເຊື່ອມ", "ການເຊື່ອມ"),
        ("ความปลอดภัยในการเชื่อมโลหะ", "การเชื่อม"),
        ("焊接技术基础", "焊接"),
        ("ကျောင်းသားများအတွက်ဂဟေဆော်ခြင်း", "ဂဟေဆော်"),
    ],
)
def test_a_label_inside_unspaced_text_expands(welding, query, matched):
    [found] = expansions(query)
    assert found.matched == matched
    assert ("en", query.replace(matched, "welding")) in found.variants


def test_traditional_chinese_finds_a_simplified_label(welding):
    assert [e.concept_id for e in expansions("焊接技術")] == [welding.pk]


def test_unknown_words_do_not_expand(welding):
    assert expansions("xylophonics") == []
    assert expansions("") == []


def test_short_and_ambiguous_labels_keep_precision(welding):
    concept({"en": ["IT"], "zh-hans": ["信息技术"]})
    concept({"vi": ["Hàn Quốc"], "en": ["Korea"]})
    assert expansions("hàn")[0].concept_id == welding.pk  # the whole query
    assert expansions("han") == []  # without its tone mark "hàn" is too ambiguous
    assert [e.matched for e in expansions("kỹ thuật hàn")] == []  # one syllable, in a phrase
    assert [e.matched for e in expansions("thợ hàn")] == ["thợ hàn"]
    assert [e.matched for e in expansions("tho han")] == ["tho han"]  # several words: folded
    assert [e.label("en") for e in expansions("du học Hàn Quốc")] == ["Korea"]
    assert [e.matched for e in expansions("IT")] == ["IT"]
    assert expansions("IT skills") == []  # two letters: only as the whole query


def test_the_longest_label_wins_where_labels_overlap(welding):
    concept({"lo": ["ລົດໄຟ"], "en": ["railway"]})
    car = concept({"lo": ["ລົດໄຟຟ້າ"], "en": ["electric car"]})
    [found] = expansions("ສ້ອມແປງລົດໄຟຟ້າ")
    assert found.concept_id == car.pk


def test_variants_are_limited(welding):
    concept({"en": ["safety"], "lo": [f"ຄວາມປອດໄພ {n}" for n in range(40)]})
    found = expansions("welding safety")
    assert sum(len(e.variants) for e in found) == termbase.MAX_VARIANTS


def test_a_change_is_seen_after_the_version_bump(welding, django_assert_num_queries):
    assert expansions("brazing") == []
    concept({"en": ["brazing"], "zh-hans": ["钎焊"]})  # its signals bump the version
    assert [e.label("zh-hans") for e in expansions("brazing")] == ["钎焊"]


def test_a_cleared_cache_reads_as_a_change(welding):
    """A restarted or flushed shared cache loses the version: no process may keep a table
    it loaded before, even one whose version the lost one happened to equal."""
    cache.clear()
    assert expansions("brazing") == []  # loaded while the version was missing
    concept({"en": ["brazing"], "zh-hans": ["钎焊"]})
    cache.clear()  # the bump is lost with everything else
    assert [e.label("zh-hans") for e in expansions("brazing")] == ["钎焊"]


def test_the_table_is_read_again_after_a_while(welding, monkeypatch):
    expansions("welding")
    TermLabel.objects.filter(label="welder").update(label="weldor")  # no signal
    assert ("en", "welder") in expansions("welding")[0].variants
    monkeypatch.setattr(termbase, "RELOAD_SECONDS", -1)
    assert ("en", "weldor") in expansions("welding")[0].variants


def test_expansions_on_a_warm_cache_run_no_sql_and_are_fast(welding, django_assert_num_queries):
    for n in range(300):
        concept({"en": [f"trade {n}"], "lo": [f"ອາຊີບ {n}"], "zh-hans": [f"工种{n}"]})
    expansions("warm up")
    queries = ["welding safety", "ຄວາມປອດໄພໃນການເຊື່ອມ", "焊接技术", "nothing at all here"]
    with django_assert_num_queries(0):
        started = time.perf_counter()
        for _ in range(250):
            for query in queries:
                expansions(query)
        per_query = (time.perf_counter() - started) / 1000
    assert per_query < 0.002, f"{per_query * 1e6:.0f} µs per query"


# --- searching on the real engines ----------------------------------------------------------


@pytest.fixture
def multilingual_resources(site_tree, welding):
    lao = Locale.objects.get(language_code="lo")
    lao_section = factories.translate(site_tree["section"], "lo", title="ວິທະຍາໄລເຕັກນິກວຽງຈັນ")
    only_lao = factories.publish(
        factories.CoursePageFactory(
            parent=lao_section, locale=lao, title="ພື້ນຖານການເຊື່ອມໂລຫະ", summary="ຫຼັກສູດ"
        )
    )
    english = factories.published_resource(
        site_tree["section"],
        title="焊工课程",
        translations={"en": {"title": "Welding basics", "summary": "Arc welding."}},
    )
    factories.published_resource(site_tree["section"], title="咖啡种植")
    return {"lao": only_lao, "english": english}


def hits(q, lang="en"):
    result = search(parse_query({"q": q, "lang": lang}))
    assert not result.degraded
    return result


@pytest.mark.engine
def test_an_english_query_finds_a_resource_that_exists_only_in_lao(
    any_discovery_engine, multilingual_resources
):
    any_discovery_engine.sync()
    result = hits("welding")
    keys = [hit.translation_key for hit in result.results]
    lao, english = (str(multilingual_resources[k].translation_key) for k in ("lao", "english"))
    assert CoursePage.objects.filter(translation_key=lao).count() == 1  # no other language
    assert keys.index(english) < keys.index(lao)
    by_key = {hit.translation_key: hit for hit in result.results}
    assert by_key[lao].matched_term == "welding"
    assert not by_key[english].matched_term
    assert hits("xylophonics").count == 0


@pytest.mark.engine
def test_a_concept_added_in_the_admin_works_in_the_next_search_without_a_rebuild(
    discovery_index, multilingual_resources, client, reviewer
):
    discovery_index.sync()
    assert hits("metalwork").count == 0
    client.force_login(reviewer)
    response = client.post(
        reverse(ADD_URL), concept_form([("en", "metalwork"), ("lo", "ການເຊື່ອມໂລຫະ")])
    )
    assert response.status_code == 302
    result = hits("metalwork")
    assert [h.translation_key for h in result.results] == [
        str(multilingual_resources["lao"].translation_key)
    ]
    assert result.results[0].matched_term == "metalwork"
