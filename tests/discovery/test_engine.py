"""The search engines of the rig prove themselves: Wagtail indexes published pages into the
real OpenSearch (and Elasticsearch) and finds them, and the ICU analysis segments unspaced
Thai and Lao text."""

import os
import subprocess
import sys
import uuid

import pytest
from django.test import override_settings

from discovery.engine import ENGINES as ENGINE_CLASSES
from discovery.engine import EngineUnavailable
from resources.models import CoursePage
from tests import factories
from tests.helpers import PROJECT_ROOT

pytestmark = pytest.mark.engine

ENGINES = {
    "opensearch": ("wagtail.search.backends.opensearch3", "opensearch_url"),
    "elasticsearch": ("wagtail.search.backends.elasticsearch8", "elasticsearch_url"),
}


@pytest.fixture(params=list(ENGINES))
def engine(request):
    """(name, url, low-level client) for each engine of the rig."""
    name = request.param
    url = request.getfixturevalue(ENGINES[name][1])
    if name == "opensearch":
        from opensearchpy import OpenSearch

        return name, url, OpenSearch([url], timeout=30)
    from elasticsearch import Elasticsearch

    return name, url, Elasticsearch([url], request_timeout=30)


@pytest.fixture
def wagtail_backend_on(engine):
    name, url, client = engine
    prefix = f"dlm-test-{uuid.uuid4().hex[:8]}-"
    config = {
        "default": {
            "BACKEND": ENGINES[name][0],
            "URLS": [url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 30,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=config):
        yield client, prefix
    # By name: Elasticsearch 8 refuses wildcard deletes.
    for index in client.indices.get(index=f"{prefix}*"):
        client.indices.delete(index=index)


@pytest.mark.django_db
def test_published_pages_are_indexed_in_the_engine_and_found(
    site_tree, wagtail_backend_on, django_capture_on_commit_callbacks
):
    from wagtail.search.backends import get_search_backend

    client, prefix = wagtail_backend_on
    backend = get_search_backend()
    backend.reset_indexes()
    backend.get_index_for_model(CoursePage).add_model(CoursePage)

    # Publishing goes through Wagtail's own signal handlers and index tasks.
    with django_capture_on_commit_callbacks(execute=True):
        welding = factories.publish(
            factories.CoursePageFactory(
                parent=site_tree["section"],
                title="Underwater welding for bridge maintenance",
                summary="Wet welding practice for river bridges along the Mekong.",
            )
        )
        ev = factories.publish(
            factories.CoursePageFactory(
                parent=site_tree["section"],
                title="新能源汽车维修",
                summary="Electric vehicle battery maintenance in the Vientiane workshop.",
            )
        )
        draft = factories.CoursePageFactory(
            parent=site_tree["section"], title="Welding robots (draft)", live=False
        )
    backend.refresh_indexes()

    found = [page.pk for page in CoursePage.objects.live().search("welding")]
    assert found == [welding.pk]
    assert draft.pk not in found
    battery = [page.pk for page in CoursePage.objects.live().search("battery")]
    assert battery == [ev.pk]

    # The documents really are in the engine, not in the database backend.
    count = client.count(index=f"{prefix}*")["count"]
    assert count >= 3  # two published pages and the draft (filtered out at query time)


@pytest.mark.parametrize(
    "text, expected",
    [
        # "Thai is easy" / "hello, the Lao country": no spaces between words in either script.
        ("ภาษาไทยง่ายนิดเดียว", ["ภาษา", "ไทย", "ง่าย", "นิด", "เดียว"]),
        ("ສະບາຍດີປະເທດລາວ", ["ສະບາຍດີ", "ປະເທດ", "ລາວ"]),
    ],
    ids=["thai", "lao"],
)
def test_icu_tokenizer_segments_unspaced_thai_and_lao(engine, text, expected):
    _name, _url, client = engine
    result = client.indices.analyze(body={"tokenizer": "icu_tokenizer", "text": text})
    assert [t["token"] for t in result["tokens"]] == expected


def run_manage_py_with(env_overrides):
    """Run a snippet under the dev settings with the engine variables an operator would set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DLM_")}
    env.update(DJANGO_SETTINGS_MODULE="digital_lm.settings.dev", **env_overrides)
    code = (
        "from wagtail.search.backends import get_search_backend\n"
        "backend = get_search_backend()\n"
        "print(type(backend).__module__, backend.es.ping())\n"
    )
    return subprocess.run(  # noqa: S603 — our own interpreter and manage.py
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_documented_engine_settings_select_a_working_backend(engine):
    name, url, _client = engine
    result = run_manage_py_with({"DLM_WAGTAILSEARCH_ENGINE": name, f"DLM_{name.upper()}_URL": url})
    assert result.returncode == 0, result.stderr
    module = ENGINES[name][0].replace("wagtail.search", "modelsearch")
    assert result.stdout.split() == [module, "True"]


@pytest.mark.parametrize("name", list(ENGINES))
def test_engine_setting_without_its_url_is_a_clear_configuration_error(name):
    result = run_manage_py_with({"DLM_WAGTAILSEARCH_ENGINE": name})
    assert result.returncode != 0
    assert f"DLM_WAGTAILSEARCH_ENGINE={name} needs DLM_{name.upper()}_URL" in result.stderr


def test_a_search_reaches_the_cluster_while_one_of_its_nodes_is_down(engine):
    """DLM_OPENSEARCH_URL (or DLM_ELASTICSEARCH_URL) may list a cluster's nodes: a node that
    does not answer costs no search, the next node answers it."""
    name, url, _client = engine
    nodes = f"http://127.0.0.1:9,{url}"  # nothing listens on port 9
    both = ENGINE_CLASSES[name](nodes, timeout=5)
    alone = ENGINE_CLASSES[name]("http://127.0.0.1:9", timeout=5)

    for _attempt in range(4):  # the nodes are taken in turn
        answer = both.search("_all", {"query": {"match_all": {}}, "size": 0})
        assert "hits" in answer
    with pytest.raises(EngineUnavailable):
        alone.search("_all", {"query": {"match_all": {}}, "size": 0})
