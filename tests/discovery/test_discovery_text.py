"""Multilingual text in the discovery index, on real text in the real engines: words found
inside unspaced Thai, Lao, Khmer, Burmese and Chinese titles, Zawgyi and Unicode Burmese,
traditional and simplified Chinese, Vietnamese without its diacritics, typos, and a query in
one language finding a resource through its translation."""

import pytest
from myanmar import converter

from discovery.params import parse_query
from discovery.service import search
from tests import factories
from tests.helpers import discovery_settings

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

ZAWGYI_PASTED = converter.convert("ကော်ဖီသီးခူးခြင်းလက်စွဲ", "unicode", "zawgyi")

# title -> a word from inside it that a whitespace tokenizer would never produce on its own.
UNSPACED = {
    "th": ("การติดตั้งระบบไฟฟ้าในอาคาร", "ไฟฟ้า"),
    "lo": ("ການຕິດຕັ້ງລະບົບໄຟຟ້າໃນອາຄານ", "ລະບົບ"),
    "km": ("ប្រតិបត្តិការពាណិជ្ជកម្មអេឡិចត្រូនិកឆ្លងដែន", "ពាណិជ្ជកម្ម"),
    "my": ("ကော်ဖီစိုက်ပျိုးခြင်းနှင့်အခြေခံပြုပြင်ထုတ်လုပ်ခြင်း", "စိုက်ပျိုး"),
    "zh-hans": ("焊接技术职业技能标准", "技能"),
}


def titles(q, lang="en", **filters):
    result = search(parse_query({"q": q, **filters}, lang=lang))
    assert not result.degraded
    return [hit.title for hit in result.results]


def build_corpus(index):
    site_tree = factories.build_site_tree()
    section = site_tree["section"]
    for language, (title, _word) in UNSPACED.items():
        fields = {"title": title, "summary": f"{language} summary"}
        if language == "zh-hans":
            factories.published_resource(section, **fields)
        else:
            # A resource written in Chinese, translated into the language.
            factories.published_resource(
                section, title=f"资源 {language}", translations={language: fields}
            )
    factories.published_resource(
        section,
        title="工业电子技术",
        translations={
            "vi": {"title": "Kỹ thuật điện tử công nghiệp", "summary": "Điện tử cho nhà máy."},
            "en": {"title": "Industrial electronics", "summary": "Café-style workshop training."},
        },
    )
    factories.published_resource(section, title="电工技术基础", summary="電工入門。")
    factories.published_resource(
        section,
        title="焊接技术",
        translations={
            "en": {"title": "Welding technology", "summary": "Arc and gas welding."},
            "my": {"title": "ကျောင်းသားများအတွက်ဂဟေဆော်ခြင်း", "summary": "ဂဟေဆော်"},
        },
    )
    # An editor pasting Zawgyi: stored as typed, indexed as Unicode.
    factories.published_resource(
        section,
        title="咖啡采摘手册",
        translations={"my": {"title": ZAWGYI_PASTED, "summary": ZAWGYI_PASTED}},
    )
    index.sync()


@pytest.fixture(scope="module", params=["opensearch", "elasticsearch"])
def corpus(request, django_db_setup, django_db_blocker):
    with discovery_settings(request, request.param) as index:
        with factories.built_once_per_module(django_db_blocker, lambda: build_corpus(index)):
            yield index


@pytest.mark.parametrize("language", list(UNSPACED))
def test_a_word_inside_an_unspaced_title_finds_it(corpus, language):
    title, word = UNSPACED[language]
    assert " " not in title and word != title
    assert titles(word, lang=language) == [title]


def test_the_highlight_marks_the_word_inside_the_title(corpus):
    result = search(parse_query({"q": "ລະບົບ"}, lang="lo"))
    assert result.results[0].highlight["title"] == ["ການຕິດຕັ້ງ<mark>ລະບົບ</mark>ໄຟຟ້າໃນອາຄານ"]


def test_burmese_in_zawgyi_and_in_unicode_find_each_other(corpus):
    unicode_title = "ကျောင်းသားများအတွက်ဂဟေဆော်ခြင်း"
    zawgyi_query = converter.convert("ဂဟေဆော်", "unicode", "zawgyi")
    assert zawgyi_query != "ဂဟေဆော်"
    assert titles(zawgyi_query, lang="my") == [unicode_title]
    # The title pasted in Zawgyi is found by Unicode and by Zawgyi, and shown in Unicode.
    assert titles("သီးခူး", lang="my") == ["ကော်ဖီသီးခူးခြင်းလက်စွဲ"]
    assert titles(converter.convert("သီးခူး", "unicode", "zawgyi"), lang="my") == ["ကော်ဖီသီးခူးခြင်းလက်စွဲ"]


def test_traditional_and_simplified_chinese_find_each_other(corpus):
    assert titles("焊接技術", lang="zh-hans")[0] == "焊接技术"  # traditional finds simplified
    assert titles("电工入门", lang="zh-hans") == ["电工技术基础"]  # simplified finds traditional


def test_vietnamese_is_found_with_or_without_diacritics(corpus):
    assert titles("dien tu", lang="vi") == ["Kỹ thuật điện tử công nghiệp"]
    assert titles("điện tử", lang="vi") == ["Kỹ thuật điện tử công nghiệp"]
    assert titles("DIEN TU cong nghiep", lang="vi") == ["Kỹ thuật điện tử công nghiệp"]


def test_accented_latin_queries_find_unaccented_words_and_back(corpus):
    assert titles("cafe", lang="en") == ["Industrial electronics"]
    assert titles("Wéldîng", lang="en") == ["Welding technology"]


def test_one_edit_typos_in_latin_script_still_find_the_word(corpus):
    assert titles("weldng", lang="en") == ["Welding technology"]
    assert titles("electronicss", lang="en") == ["Industrial electronics"]
    assert titles("weldign", lang="en") == ["Welding technology"]  # a swap is one edit too
    assert titles("xyzzy", lang="en") == []


def test_a_query_in_one_language_finds_the_resource_in_the_visitors_language(corpus):
    # The Burmese translation matches; an English visitor sees the English translation.
    result = search(parse_query({"q": "ဂဟေဆော်"}, lang="en"))
    assert [h.title for h in result.results] == ["Welding technology"]
    hit = result.results[0]
    assert hit.language == "en"
    assert hit.available_languages == ["zh-hans", "en", "my"]
    # Without an English translation, the matching one is shown.
    assert titles("ລະບົບ", lang="en") == ["ການຕິດຕັ້ງລະບົບໄຟຟ້າໃນອາຄານ"]
