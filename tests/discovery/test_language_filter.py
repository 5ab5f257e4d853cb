"""Find it in your language: the language filter keeps resources available in a language and
shows that translation, whatever language the words matched in; without a filter, the
translation shown follows one fallback order. On OpenSearch, on Elasticsearch, and on the
database backend that answers in the quick start and when the engine is down."""

import contextlib

import pytest
from django.test import override_settings

from discovery.params import parse_query
from discovery.service import search
from tests import factories
from tests.helpers import discovery_settings

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

WELDING_LO = "ພື້ນຖານການເຊື່ອມໂລຫະ"


def build_corpus():
    tree = factories.build_site_tree()
    section = tree["section"]
    sections = {code: factories.translate(section, code) for code in ("en", "th", "lo", "km", "my")}
    sections["zh-hans"] = section

    def resource(original, title, translations=(), **fields):
        page = factories.publish(
            factories.CoursePageFactory(
                parent=sections[original],
                title=title,
                institution=section.institution,
                summary=fields.pop("summary", title),
                **fields,
            )
        )
        for language, translated_title in translations:
            factories.translate(page, language, title=translated_title, summary=translated_title)
        return page

    # Written in Chinese, translated into English and Lao; the Lao text has no English word.
    resource(
        "zh-hans",
        "焊接基础",
        [("en", "Welding basics"), ("lo", WELDING_LO)],
        external_id="LF-WELD",
    )
    # Written in English; Chinese, Khmer and Burmese translations, no Lao.
    resource(
        "en",
        "Electrical installation in buildings",
        [
            ("zh-hans", "建筑电气安装"),
            ("km", "ការដំឡើងប្រព័ន្ធអគ្គិសនីក្នុងអគារ"),
            ("my", "အဆောက်အအုံလျှပ်စစ်တပ်ဆင်ခြင်း"),
        ],
        external_id="LF-ELEC",
    )
    # Written in Chinese; Burmese, Khmer and English translations: a Lao visitor browsing
    # gets the Chinese original, never the Burmese or Khmer one.
    resource(
        "zh-hans",
        "咖啡种植与初加工",
        [
            ("my", "ကော်ဖီစိုက်ပျိုးခြင်း"),
            ("km", "ការដាំកាហ្វេ"),
            ("en", "Coffee growing and processing"),
        ],
        external_id="LF-COFFEE",
    )
    # Written in English, translated into Thai: a Lao visitor who also reads Thai gets Thai.
    resource("en", "Rubber tapping", [("th", "การกรีดยางพารา")], external_id="LF-RUBBER")


@contextlib.contextmanager
def _database_search():
    with override_settings(DISCOVERY_ENGINE="database"):
        yield None


@pytest.fixture(scope="module", params=["opensearch", "elasticsearch", "database"])
def corpus(request, django_db_setup, django_db_blocker):
    engine = request.param
    settings_ = _database_search() if engine == "database" else discovery_settings(request, engine)
    with settings_ as index:
        with factories.built_once_per_module(django_db_blocker, build_corpus):
            if index is not None:
                index.sync()
            yield engine


def run(lang="en", preferred=(), **params):
    result = search(parse_query(params, lang=lang, preferred=preferred))
    assert not result.degraded
    return result


def shown(result):
    return {h.external_id: (h.title, h.language, h.matched_language) for h in result.results}


def test_a_visitor_who_picks_lao_gets_the_lao_translation(corpus):
    """An English-speaking visitor asks for Lao resources with an English word: the Lao page
    is shown (its text has no English word), found in English, with no wrong highlight."""
    result = run(lang="en", q="welding", language="lo")
    assert shown(result) == {"LF-WELD": (WELDING_LO, "lo", "en")}
    (hit,) = result.results
    assert hit.url.startswith("/lo/")
    assert hit.highlight == {}


def test_a_chinese_trade_word_reaches_the_lao_translation(corpus):
    # The database backend does not segment Chinese: there, only whole words are found.
    result = run(lang="lo", q="焊接" if corpus != "database" else "焊接基础", language="lo")
    assert shown(result) == {"LF-WELD": (WELDING_LO, "lo", "zh-hans")}


def test_the_language_filter_never_shows_another_language(corpus):
    for language in ("zh-hans", "en", "th", "lo", "km", "my"):
        for lang in ("zh-hans", "en", "lo"):
            result = run(lang=lang, language=language, page_size=50)
            assert result.results, (language, lang)
            assert {h.language for h in result.results} == {language}, (language, lang)
            assert result.count == len(result.results)


def test_without_a_filter_the_words_highlight_the_matching_translation(corpus):
    result = run(lang="en", q="welding")
    assert shown(result) == {"LF-WELD": ("Welding basics", "en", "en")}
    expected = ["<mark>Welding</mark> basics"] if corpus != "database" else None
    assert result.results[0].highlight.get("title") == expected  # none from the database


def test_each_word_of_a_phrase_is_marked_alike_on_every_engine(corpus):
    result = run(lang="en", q="welding basics")
    expected = ["<mark>Welding</mark> <mark>basics</mark>"] if corpus != "database" else None
    assert result.results[0].highlight.get("title") == expected


def test_the_language_facet_counts_resources_available_in_each_language(corpus):
    result = run(lang="en", q="welding")
    counts = {v.value: v.count for v in result.facets["language"]}
    assert counts == {"zh-hans": 1, "en": 1, "lo": 1}
    everything = run(lang="en")
    counts = {v.value: v.count for v in everything.facets["language"]}
    assert counts == {"zh-hans": 3, "en": 4, "th": 1, "lo": 1, "km": 2, "my": 2}


def test_a_lao_visitor_browsing_gets_the_original_before_other_translations(corpus):
    result = run(lang="lo", page_size=50)
    languages = {h.external_id: h.language for h in result.results}
    assert languages == {
        "LF-WELD": "lo",  # in the visitor's language
        "LF-ELEC": "en",  # its original
        "LF-COFFEE": "zh-hans",  # its original, not the Burmese or Khmer translation
        "LF-RUBBER": "en",
    }
    assert all(h.matched_language == "" for h in result.results)
    assert result.count == 4  # each resource once


def test_the_visitors_other_languages_come_before_the_original(corpus):
    result = run(lang="lo", preferred=("th",), page_size=50)
    assert {h.external_id: h.language for h in result.results}["LF-RUBBER"] == "th"


def test_the_language_typed_in_is_one_the_visitor_reads(corpus):
    """A Lao visitor who types Burmese reads Burmese: the resource is shown in it."""
    words = "လျှပ်စစ်" if corpus != "database" else "အဆောက်အအုံလျှပ်စစ်တပ်ဆင်ခြင်း"
    result = run(lang="lo", q=words)
    assert shown(result) == {"LF-ELEC": ("အဆောက်အအုံလျှပ်စစ်တပ်ဆင်ခြင်း", "my", "my")}


def test_the_api_and_the_page_say_where_the_words_matched(corpus, client):
    body = client.get("/api/discovery/", {"q": "welding", "lang": "en", "language": "lo"}).json()
    (hit,) = body["results"]
    assert (hit["language"], hit["matched_language"], hit["matched_term"]) == ("lo", "en", None)
    browsing = client.get("/api/discovery/", {"lang": "lo"}).json()
    assert {h["matched_language"] for h in browsing["results"]} == {None}

    page = client.get("/en/search/", {"q": "welding", "language": "lo"})
    assert page["Vary"] and "Accept-Language" in page["Vary"]
    text = " ".join(page.content.decode().split())
    assert WELDING_LO in text
    assert 'Found in <span lang="en">English</span>' in text


def test_the_browsers_languages_choose_the_fallback_in_the_api(corpus, client):
    body = client.get(
        "/api/discovery/", {"lang": "lo", "page_size": 50}, HTTP_ACCEPT_LANGUAGE="lo, th;q=0.8"
    ).json()
    languages = {h["external_id"]: h["language"] for h in body["results"]}
    assert languages["LF-RUBBER"] == "th"
