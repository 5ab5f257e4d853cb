"""Two alliance members federate for real: this site harvests a second instance of itself,
started by the test as production runs it (its own database with the demo content, its own
OAI-PMH endpoint), then harvests again after the member edits, unpublishes, deletes and
corrects the language of a translation, and finds everything as the member now shows it.

Select it with ``-m federation``; it takes some three minutes (the member's database is
migrated and loaded first)."""

import json
import time
import uuid

import psycopg
import pytest
from django.db import connection

from discovery.params import parse_query
from discovery.service import search
from harvesting.harvester import harvest
from harvesting.messages import shown
from harvesting.models import ExternalResource, HarvestRun, HarvestSource
from tests.helpers import database_url
from tests.serving import HOST, ProductionServer

pytestmark = pytest.mark.federation

REPOSITORY_ID = "member-b.example"
# What the member's editors do between the two harvests (run in the member's own process).
EDITS = """
from wagtail.models import Locale
from resources.models.base import resource_page_models
targets = TARGETS
pages = {}
for model in resource_page_models():
    for page in model.objects.live().public().select_related("locale"):
        pages[(page.external_id, page.locale.language_code)] = page
edited = pages[tuple(targets["edited"])]
edited.title = edited.title + " 2027"
edited.save_revision().publish()
pages[tuple(targets["unpublished"])].unpublish()
for (external_id, language), page in list(pages.items()):
    if external_id == targets["deleted"] and language != "zh-hans":
        page.delete()
for (external_id, language), page in list(pages.items()):
    if external_id == targets["deleted"] and language == "zh-hans":
        page.delete()
relabelled = pages[tuple(targets["relabelled"])]
relabelled.locale = Locale.objects.get(language_code=targets["relabelled_to"])
relabelled.title = targets["relabelled_title"]
relabelled.save_revision().publish()
"""


def _server_sql(statement):
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(statement)


@pytest.fixture(scope="module")
def member(django_db_setup, tmp_path_factory):
    """Member B: the site as production runs it, on its own database with the demo content."""
    name = f"dlm_member_{uuid.uuid4().hex[:10]}"
    _server_sql(f'CREATE DATABASE "{name}"')
    try:
        server = ProductionServer(
            database_url(name),
            tmp_path_factory.mktemp("member-media"),
            environment={
                "DJANGO_SECURE_SSL_REDIRECT": "0",  # served over plain HTTP on loopback
                "DLM_OAI_REPOSITORY_ID": REPOSITORY_ID,
                "DLM_OAI_PAGE_SIZE": "40",  # several pages, so resumption tokens are used
            },
        )
        server.manage("migrate", "--no-input", "-v0")
        server.manage("load_demo_content", "--force", "-v0")
        with server:
            yield server
    finally:
        _drop_database(name)


def _drop_database(name):
    # An autovacuum worker may still be tidying up after the load: it cannot be forced out
    # by a non-superuser, but it ends soon.
    for _attempt in range(60):
        try:
            _server_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            time.sleep(1)
    _server_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def records_by_translation():
    """{(external_id, language): ExternalResource} of what was harvested."""
    found = {}
    for record in ExternalResource.objects.all():
        external_id, _slash, language = record.identifier.split(":", 2)[2].rpartition("/")
        found[(external_id, language)] = record
    return found


def choose_targets(harvested):
    """Four resources of the member, each for one edit, chosen from what was harvested."""
    languages = {}
    for external_id, language in harvested:
        languages.setdefault(external_id, set()).add(language)
    with_lao = sorted(e for e, codes in languages.items() if "lo" in codes)
    english_only = sorted(e for e, codes in languages.items() if codes == {"zh-hans", "en"})
    return {
        "edited": [with_lao[0], "lo"],
        "unpublished": [english_only[0], "en"],
        "deleted": english_only[1],
        "relabelled": [english_only[2], "en"],
        "relabelled_to": "km",
        "relabelled_title": "វគ្គបណ្តុះបណ្តាលជំនាញ",
    }


def khmer_visitor(text="", **filters):
    return parse_query({"q": text, "lang": "km", **filters})


def test_two_members_federate_through_oai_pmh(member, site_tree, discovery_engine):
    source = HarvestSource.objects.create(
        name="Member B repository",
        base_url=f"http://{HOST}:{member.port}/oai/",
        institution=site_tree["institution"],
    )

    started = time.perf_counter()
    first = harvest(source)
    seconds = time.perf_counter() - started
    harvested = records_by_translation()
    source.refresh_from_db()
    newest_seen = source.harvested_until
    print(f"First harvest of the demo content: {first.created} records in {seconds:.1f} s")

    assert first.status == HarvestRun.COMPLETE, shown(first.message)
    assert first.failed == 0, first.errors
    # The demo content: 60 resources in Chinese and English, 8 in each other language.
    assert first.created == len(harvested) == 60 * 2 + 8 * 5
    assert {language for _id, language in harvested} == {
        "zh-hans", "en", "th", "vi", "lo", "km", "my",
    }  # fmt: skip
    # The translations of one resource are one resource here too.
    keys = {record.translation_key for record in harvested.values()}
    assert len(keys) == 60
    targets = choose_targets(harvested)
    lao = harvested[tuple(targets["edited"])]
    assert lao.url == f"http://{HOST}:{member.port}/r/{targets['edited'][0]}/lo"

    member.manage("shell", "-c", f"TARGETS = {json.dumps(targets)}\n{EDITS}")
    time.sleep(1)  # the member's changes are a second later than what was first harvested
    second = harvest(source)
    after = records_by_translation()

    assert second.status == HarvestRun.COMPLETE, shown(second.message)
    # Only the changes: the edited record, and the translations whose links to the others
    # changed with them; not the 160 records again.
    assert second.incremental_from == newest_seen
    assert second.created == 1 and 1 <= second.updated <= 8
    assert second.deleted == 1 + 2 + 1  # unpublished, deleted (both languages), relabelled
    assert after[tuple(targets["edited"])].title.endswith(" 2027")
    assert tuple(targets["unpublished"]) not in after
    assert not [key for key in after if key[0] == targets["deleted"]]
    assert (targets["relabelled"][0], "en") not in after
    khmer = after[(targets["relabelled"][0], "km")]
    assert khmer.language == "km" and khmer.title == targets["relabelled_title"]
    assert khmer.translation_key == after[(targets["relabelled"][0], "zh-hans")].translation_key

    discovery_engine.sync()
    found = search(khmer_visitor("វគ្គបណ្តុះបណ្តាល"))
    every = search(khmer_visitor())
    gone = search(khmer_visitor(targets["deleted"]))

    [hit] = [h for h in found.results if h.origin]
    assert hit.origin == "Member B repository" and hit.language == "km"
    assert hit.url == f"http://{HOST}:{member.port}/r/{targets['relabelled'][0]}/km"
    assert every.count == 59  # one resource deleted at the member
    assert gone.count == 0
