"""The search engine of the rig proves itself: Wagtail indexes published pages into the real
OpenSearch and finds them, and the ICU plugin segments unspaced Thai and Lao text."""

import uuid

import pytest
from django.test import override_settings
from opensearchpy import OpenSearch

from resources.models import CoursePage
from tests import factories

pytestmark = pytest.mark.engine


@pytest.fixture
def opensearch_backend_settings(opensearch_url):
    index = f"dlm-test-{uuid.uuid4().hex[:8]}"
    config = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": [opensearch_url],
            "INDEX": index,
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=config):
        yield config
    client = OpenSearch([opensearch_url])
    client.indices.delete(index=f"{index}*", ignore_unavailable=True)


@pytest.mark.django_db
def test_published_pages_are_indexed_in_opensearch_and_found(
    site_tree, opensearch_backend_settings, django_capture_on_commit_callbacks
):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    assert type(backend).__module__.startswith("modelsearch.backends.opensearch")
    backend.reset_index()
    backend.add_type(CoursePage)

    with django_capture_on_commit_callbacks(execute=True):
        welding = factories.CoursePageFactory(
            parent=site_tree["section"],
            title="Underwater welding for bridge maintenance",
            summary="Wet welding practice for river bridges along the Mekong.",
        )
        factories.publish(welding)
        ev = factories.CoursePageFactory(
            parent=site_tree["section"],
            title="新能源汽车维修",
            summary="Electric vehicle battery maintenance in the Vientiane workshop.",
        )
        factories.publish(ev)
        draft = factories.CoursePageFactory(
            parent=site_tree["section"],
            title="Welding robots (draft)",
            live=False,
        )
    backend.refresh_index()

    found = list(CoursePage.objects.live().search("welding", backend=backend))
    assert [page.pk for page in found] == [welding.pk]
    assert draft.pk not in [p.pk for p in found]

    battery = list(CoursePage.objects.live().search("battery", backend=backend))
    assert [page.pk for page in battery] == [ev.pk]

    # The documents really are in OpenSearch, not in the database backend.
    client = OpenSearch([opensearch_backend_settings["default"]["URLS"][0]])
    index = opensearch_backend_settings["default"]["INDEX"]
    hits = client.search(index=f"{index}*", body={"query": {"match_all": {}}})
    assert hits["hits"]["total"]["value"] >= 2


@pytest.mark.parametrize(
    "text, expected",
    [
        # "Thai is easy" / "the Lao country": no spaces between words in either script.
        ("ภาษาไทยง่ายนิดเดียว", {"ภาษา", "ไทย", "ง่าย"}),
        ("ສະບາຍດີປະເທດລາວ", {"ປະເທດ", "ລາວ"}),
    ],
    ids=["thai", "lao"],
)
def test_icu_tokenizer_segments_unspaced_thai_and_lao(opensearch_url, text, expected):
    client = OpenSearch([opensearch_url])
    result = client.indices.analyze(body={"tokenizer": "icu_tokenizer", "text": text})
    tokens = [t["token"] for t in result["tokens"]]
    assert len(tokens) >= 3, tokens
    assert expected <= set(tokens), tokens
    assert "".join(tokens) == text  # segmentation, nothing lost
