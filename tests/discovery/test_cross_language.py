"""A teacher finds a material once, in her own language, whatever language she types in: for
each of the seven languages, a resource that exists only in that language is found by a
trade term typed in another language, through the alliance termbase as `load_termbase` seeds
it. On OpenSearch and on Elasticsearch."""

import pytest
from django.core.management import call_command

from discovery.params import parse_query
from discovery.service import search
from tests import factories
from tests.helpers import discovery_settings

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

# (language the resource exists in only, its title, the query, the language typed in)
ONLY_IN = [
    ("lo", "ການປູກກາເຟໃນພາກໃຕ້ຂອງລາວ", "coffee growing", "en"),
    ("km", "មនុស្សយន្តឧស្សាហកម្មសម្រាប់រោងចក្រ", "工业机器人", "zh-hans"),
    ("my", "ကွန်ပျူတာကွန်ရက်အခြေခံသင်ခန်းစာ", "เครือข่ายคอมพิวเตอร์", "th"),
    ("th", "การปลูกกาแฟอาราบิกาบนที่สูง", "trồng cà phê", "vi"),
    ("vi", "Mạng máy tính cho kỹ thuật viên", "ເຄືອຂ່າຍຄອມພິວເຕີ", "lo"),
    ("zh-hans", "工业机器人编程与维护", "စက်မှုစက်ရုပ်", "my"),
    ("en", "Industrial robots on the assembly line", "មនុស្សយន្តឧស្សាហកម្ម", "km"),
]


def build_corpus(index):
    call_command("load_termbase", stdout=None, verbosity=0)
    tree = factories.build_site_tree()
    section = tree["section"]
    for number, (language, title, _query, _typed) in enumerate(ONLY_IN):
        parent = section if language == "zh-hans" else factories.translate(section, language)
        factories.publish(
            factories.CoursePageFactory(
                parent=parent,
                title=title,
                summary=title,
                institution=section.institution,
                external_id=f"XL-{number}",
            )
        )
    index.sync()


@pytest.fixture(scope="module", params=["opensearch", "elasticsearch"])
def corpus(request, django_db_setup, django_db_blocker):
    with discovery_settings(request, request.param) as index:
        with factories.built_once_per_module(django_db_blocker, lambda: build_corpus(index)):
            yield request.param


@pytest.mark.parametrize(("language", "title", "query", "typed"), ONLY_IN)
def test_a_term_typed_in_one_language_finds_a_resource_only_in_another(
    corpus, language, title, query, typed
):
    assert language != typed
    result = search(parse_query({"q": query}, lang=typed))
    assert not result.degraded
    found = {hit.title: hit for hit in result.results}
    assert title in found, f"{query!r} ({typed}) did not find {title!r} ({language})"
    hit = found[title]
    assert (hit.language, hit.available_languages) == (language, [language])
    assert hit.matched_language == language
    assert hit.matched_term  # "Matched through the term …", in the visitor's language
    # The language filter set to the resource's language keeps it.
    narrowed = search(parse_query({"q": query, "language": language}, lang=typed))
    assert [h.title for h in narrowed.results] == [title]


def test_a_term_the_repository_does_not_hold_finds_nothing(corpus):
    for text in ("xylophonics", "ບໍ່ມີຄຳນີ້ເລີຍ", "量子纠缠"):
        assert search(parse_query({"q": text}, lang="en")).count == 0
