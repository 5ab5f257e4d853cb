"""Harvesting a member's repository: bad records reported one by one, a harvest cut short
goes on where it stopped, incremental harvests ask only for changes, deletions are applied,
and what was harvested is found by search (the engine and the database's) with its origin."""

import pytest
from django.utils import timezone, translation

from discovery import indexing
from discovery.models import PendingIndexUpdate
from discovery.params import parse_query
from discovery.service import search, suggest
from harvesting import harvester
from harvesting.harvester import harvest
from harvesting.messages import shown
from harvesting.models import ExternalResource, HarvestRun, HarvestSource
from tests import factories
from tests.harvesting.repository import Record, Repository
from tests.helpers import make_user, role_groups, soup

pytestmark = pytest.mark.django_db

ZAWGYI_TITLE = "ျမန္မာ့ လွ်ပ္စစ္ ပညာ"  # "Myanmar electrical studies", typed in Zawgyi
UNICODE_TITLE = "မြန်မာ့ လျှပ်စစ် ပညာ"


def in_english(report):
    with translation.override("en"):
        return shown(report)


def dc_record(number, datestamp, title, language, **more):
    return Record(
        identifier=f"oai:member.example:{number}",
        datestamp=datestamp,
        dc={
            "title": title,
            "description": more.pop("description", "A member's teaching resource."),
            "identifier": f"https://member.example/items/{number}",
            "language": language,
            **more,
        },
    )


def good_records():
    return [
        dc_record(1, "2026-11-01T08:00:00Z", "Welding safety handbook", "eng", type="course"),
        dc_record(2, "2026-11-02T08:00:00Z", "ຄູ່ມືການເຊື່ອມໂລຫະ", "lo", coverage="Laos"),
        dc_record(3, "2026-11-03T08:00:00Z", ZAWGYI_TITLE, "my"),
        dc_record(4, "2026-11-04T08:00:00Z", "電動汽車維修手冊", "zh-TW"),
        dc_record(5, "2026-11-05T08:00:00Z", "Điện công nghiệp cơ bản", ""),
    ]


def linked_translations():
    """An English record and its Lao translation, each naming the other (dc:relation)."""
    english = dc_record(10, "2026-11-01T00:00:00Z", "Solar panel installation", "en")
    lao = dc_record(11, "2026-11-02T00:00:00Z", "ການຕິດຕັ້ງແຜງໂຊລາ", "lo")
    english.dc["relation"] = "https://member.example/items/11"
    lao.dc["relation"] = "https://member.example/items/10"
    return english, lao


@pytest.fixture
def source(site_tree):
    def make(repository, **fields):
        return HarvestSource.objects.create(
            name="Vientiane TC repository",
            base_url=repository.base_url,
            institution=site_tree["institution"],
            **fields,
        )

    return make


def test_a_harvest_reads_every_language_and_reports_each_bad_record(source):
    bad = [
        Record(
            "oai:member.example:no-title",
            "2026-11-06T00:00:00Z",
            dc={"identifier": "https://m.example/x"},
        ),
        dc_record("french", "2026-11-07T00:00:00Z", "Soudure", "fr"),
        dc_record("no-link", "2026-11-08T00:00:00Z", "Welding", "en", identifier="hdl:1/2"),
        Record("oai:member.example:bad-date", "5 November", dc={"title": "x"}),
    ]
    with Repository([*good_records(), *bad], page_size=3) as repository:
        run = harvest(source(repository))

    assert run.status == HarvestRun.COMPLETE
    assert (run.created, run.failed) == (5, 4)
    errors = {error["identifier"]: in_english(error) for error in run.errors}
    assert "title" in errors["oai:member.example:no-title"]
    assert "fr" in errors["oai:member.example:french"]
    assert "web address" in errors["oai:member.example:no-link"]
    assert "“5 November” is not a UTC date" in errors["oai:member.example:bad-date"]
    by_number = {r.identifier.rsplit(":", 1)[1]: r for r in ExternalResource.objects.all()}
    assert by_number["1"].language == "en" and by_number["1"].resource_type == "course"
    assert by_number["2"].language == "lo" and by_number["2"].countries == ["LA"]
    # Zawgyi is stored as Unicode Burmese, as the site's own text is searched.
    assert by_number["3"].title == UNICODE_TITLE and by_number["3"].language == "my"
    assert by_number["4"].language == "zh-hans"  # traditional Chinese is Chinese
    assert by_number["5"].language == "vi"  # no dc:language: read from its letters


def test_the_run_and_its_errors_are_shown_to_the_alliance_in_the_admin(client, source):
    with Repository(
        [*good_records(), dc_record("fr", "2026-11-09T00:00:00Z", "Soudure", "fr")]
    ) as repository:
        run = harvest(source(repository))
    client.force_login(make_user("secretariat", *role_groups("alliance")))

    listing = client.get("/admin/harvesting/runs/")
    detail = client.get(f"/admin/harvesting/runs/inspect/{run.pk}/")
    edit = client.get(f"/admin/harvesting/repositories/edit/{run.source.pk}/")

    assert listing.status_code == 200 and "Vientiane TC repository" in listing.text
    assert "oai:member.example:fr" in detail.text and "not one of the alliance" in detail.text
    assert edit.status_code in (302, 403)  # only site administrators change repositories


def test_a_harvest_cut_short_goes_on_where_it_stopped(source):
    with Repository(good_records(), page_size=2) as repository:
        member = source(repository)
        repository.fail_pages = {2}
        first = harvest(member)
        member.refresh_from_db()
        kept = member.resumption_token
        second = harvest(member)
        asked = [
            r.get("resumptionToken") for r in repository.requests if r.get("verb") == "ListRecords"
        ]

    assert first.status == HarvestRun.FAILED
    assert "HTTP error" in in_english(first.message) and "500" in in_english(first.message)
    assert first.created == 2 and kept == "|2"  # its place, kept
    assert second.status == HarvestRun.COMPLETE and second.resumed and second.created == 3
    assert asked == [None, "|2", "|2", "|4"]  # page 2 asked again, page 1 never
    member.refresh_from_db()
    assert member.harvested_until.isoformat() == "2026-11-05T08:00:00+00:00"
    assert member.resumption_token == ""
    assert ExternalResource.objects.count() == 5


def test_a_run_whose_process_died_is_closed_and_its_place_taken_up(source):
    with Repository(good_records(), page_size=2) as repository:
        member = source(repository)
        member.resumption_token = "|4"
        member.save()
        dead = HarvestRun.objects.create(source=member)
        HarvestRun.objects.filter(pk=dead.pk).update(
            last_page_at=timezone.now() - timezone.timedelta(hours=1)
        )
        busy_while_alive = HarvestRun.objects.create(source=member)
        assert harvest(member) is None  # a live run is under way: nothing starts
        busy_while_alive.delete()

        run = harvest(member)

    dead.refresh_from_db()
    assert dead.status == HarvestRun.FAILED and "Interrupted" in in_english(dead.message)
    assert run.resumed and run.created == 1  # the last page only


def test_an_expired_token_starts_the_same_harvest_again(source):
    with Repository(good_records(), page_size=2) as repository:
        member = source(repository)
        member.resumption_token = "|2"
        member.save()
        repository.expire_tokens = True
        repository.page_size = 10  # the restarted harvest needs no token

        run = harvest(member)

    assert run.status == HarvestRun.COMPLETE and "expired" in in_english(run.message)
    assert run.created == 5


def test_an_incremental_harvest_asks_for_changes_and_applies_deletions(source):
    records = good_records()
    with Repository(records, granularity="YYYY-MM-DD") as repository:
        member = source(repository)
        harvest(member)
        records[0].deleted = True
        records[0].datestamp = "2026-11-20"
        records[1].dc["title"] = "ຄູ່ມືການເຊື່ອມໂລຫະ ສະບັບໃໝ່"
        records[1].datestamp = "2026-11-20"
        repository.records = [records[0], records[1]]

        run = harvest(member)
        asked = [r for r in repository.requests if r.get("verb") == "ListRecords"][-1]

    assert asked["from"] == "2026-11-05"  # the day of the newest change seen, as Identify says
    assert (run.created, run.updated, run.deleted) == (0, 1, 1)
    assert not ExternalResource.objects.filter(identifier="oai:member.example:1").exists()
    assert ExternalResource.objects.get(identifier="oai:member.example:2").title.endswith("ໃໝ່")


def test_nothing_changed_is_a_complete_harvest(source):
    with Repository(good_records()) as repository:
        member = source(repository)
        harvest(member)
        run = harvest(member)
        repository.records = []
        nothing = harvest(member)

    assert run.status == nothing.status == HarvestRun.COMPLETE
    # The newest record comes again (`from` is inclusive) but is not counted as a change.
    assert run.created == run.updated == 0
    assert nothing.created == nothing.updated == 0


def test_a_repository_that_cannot_be_reached_fails_the_run_with_a_message(source):
    with Repository([]) as repository:
        member = source(repository)
    run = harvest(member)  # the server is gone

    assert run.status == HarvestRun.FAILED and "could not be reached" in in_english(run.message)


def test_translations_linked_by_relation_are_one_resource(source):
    english, lao = linked_translations()
    with Repository([english, lao]) as repository:
        harvest(source(repository))

    keys = set(ExternalResource.objects.values_list("translation_key", flat=True))
    assert len(keys) == 1


def lao_visitor_query(text="", **filters):
    return parse_query({"q": text, "lang": "lo", **filters})


def test_harvested_resources_are_found_with_their_origin(source, discovery_engine):
    english, lao = linked_translations()
    zawgyi = dc_record(12, "2026-11-03T00:00:00Z", ZAWGYI_TITLE, "my")
    with Repository([english, lao, zawgyi]) as repository:
        member = source(repository)
        harvest(member)
        discovery_engine.sync()

        found = search(lao_visitor_query("solar"))
        burmese = search(lao_visitor_query(UNICODE_TITLE.split()[1]))
        laos = search(lao_visitor_query(institution="vientiane-tc"))

        zawgyi.deleted, zawgyi.datestamp = True, "2026-11-10T00:00:00Z"
        harvest(member)
        discovery_engine.sync()
        gone = search(lao_visitor_query(UNICODE_TITLE.split()[1]))

    [hit] = found.results
    assert hit.origin == "Vientiane TC repository"
    assert hit.language == "lo" and hit.url == "https://member.example/items/11"
    assert hit.matched_language == "en" and hit.available_languages == ["en", "lo"]
    assert [h.url for h in burmese.results] == ["https://member.example/items/12"]
    assert laos.count == 2
    assert gone.count == 0


def test_the_search_page_says_where_a_harvested_resource_is_held(client, source, discovery_engine):
    with Repository(good_records()) as repository:
        harvest(source(repository))
        discovery_engine.sync()

    page = soup(client.get("/en/search/?q=welding"))

    [result] = page.select(".result")
    link = result.select_one(".result__title a")
    assert link["href"] == "https://member.example/items/1" and link["rel"] == ["external"]
    assert "Vientiane TC repository" in result.select_one(".result__origin").text


def test_the_database_search_finds_harvested_resources_too(source):
    with Repository(good_records()) as repository:
        harvest(source(repository))

    lao = search(lao_visitor_query("ການເຊື່ອມ"))  # part of a word: no spaces in Lao
    every = search(lao_visitor_query())
    in_lao = search(lao_visitor_query(language="lo"))
    typed = suggest("ຄູ່ມືການ", "lo")

    assert [h.url for h in lao.results] == ["https://member.example/items/2"]
    assert lao.results[0].origin == "Vientiane TC repository"
    assert every.count == 5
    assert in_lao.count == 1
    assert [(s["title"], s["url"]) for s in typed] == [
        ("ຄູ່ມືການເຊື່ອມໂລຫະ", "https://member.example/items/2")
    ]


def test_a_full_harvest_removes_what_the_repository_no_longer_lists(source):
    records = good_records()
    with Repository(records) as repository:
        member = source(repository)
        harvest(member)
        repository.records = records[1:]  # a repository that keeps no deleted records

        incremental = harvest(member)
        kept = ExternalResource.objects.count()
        full = harvest(member, full=True)

    assert incremental.deleted == 0 and kept == 5
    assert full.deleted == 1 and ExternalResource.objects.count() == 4
    assert not ExternalResource.objects.filter(identifier="oai:member.example:1").exists()


def test_the_institutions_section_lists_what_its_repository_holds(client, source, site_tree):
    english, lao = linked_translations()
    with Repository([english, lao]) as repository:
        harvest(source(repository))
    section = site_tree["section"]
    lao_section = factories.translate(section, "lo")

    in_lao = soup(client.get(lao_section.url)).select_one(".held-elsewhere")
    in_chinese = soup(client.get(section.url)).select_one(".held-elsewhere")

    [link] = in_lao.select(".held-elsewhere__list a")
    assert link["href"] == "https://member.example/items/11" and link["lang"] == "lo"
    assert "Vientiane TC repository" in in_lao.text
    # No Chinese translation: the fallback order's (the original, English).
    assert in_chinese.select_one(".held-elsewhere__list a")["href"].endswith("/items/10")
    assert "institution=vientiane-tc" in in_chinese.select("p a")[-1]["href"]


def test_an_oversized_answer_fails_the_harvest_not_the_worker(source, monkeypatch):
    monkeypatch.setattr(harvester, "MAX_ANSWER_BYTES", 20_000)
    long = dc_record(1, "2026-11-01T00:00:00Z", "Welding", "en", description="x" * 50_000)
    with Repository([long]) as repository:
        run = harvest(source(repository))

    assert run.status == HarvestRun.FAILED
    assert "larger than" in in_english(run.message)
    assert not ExternalResource.objects.exists()


def test_a_rebuilt_index_holds_the_harvested_resources(source, discovery_engine):
    with Repository(good_records()) as repository:
        harvest(source(repository))
    PendingIndexUpdate.objects.all().delete()  # nothing written through the queue

    stats = indexing.rebuild()
    discovery_engine.refresh()

    assert stats.documents == 5
    assert [h.origin for h in search(lao_visitor_query("welding")).results] == [
        "Vientiane TC repository"
    ]
