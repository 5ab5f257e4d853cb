"""A real OAI-PMH harvester (oaipmh-scythe) harvests the site served over HTTP: everything, in every
language, over several resumption pages; then only what changed since, withdrawals
included; and every answer it receives has the structure the protocol's schemas require."""

import datetime
import time

import pytest
from oaipmh_scythe import HTTPConfig, Scythe
from oaipmh_scythe import exceptions as oai_errors

from tests import factories

from .oai_structure import checked

REPOSITORY = "digital-lm.invalid"


class CheckingHarvester(Scythe):
    """oaipmh-scythe's harvester, checking each answer it receives before reading it."""

    answers = 0

    def _request(self, query):
        response = super()._request(query)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
        checked(response.content)
        self.answers += 1
        return response


@pytest.fixture
def harvester(django_db_serialized_rollback, live_server, settings):
    settings.OAI_REPOSITORY_ID = REPOSITORY
    settings.OAI_PAGE_SIZE = 2
    tree = factories.build_site_tree()
    course = factories.published_resource(
        tree["section"],
        title="新能源汽车维修",
        external_id="LM-CRS-EV-1",
        institution=tree["institution"],
        translations={"en": {"title": "EV maintenance"}, "lo": {"title": "ສ້ອມແປງລົດໄຟຟ້າ"}},
    )
    standard = factories.published_resource(
        tree["section"],
        factories.VocationalStandardPageFactory,
        title="焊工职业标准",
        external_id="LM-STD-WELD",
        institution=tree["institution"],
        translations={"en": {"title": "Welder standard"}},
    )
    url = f"{live_server.url}/oai/"
    # POST, as some harvesters send their arguments.
    with CheckingHarvester(url, http_config=HTTPConfig(http_method="POST")) as client:
        yield {"client": client, "url": url, "course": course, "standard": standard, **tree}


def harvest(client, **arguments):
    """{identifier: (deleted, Dublin Core fields)} of a whole list."""
    return {
        record.header.identifier: (record.deleted, getattr(record, "metadata", None))
        for record in client.list_records(metadata_prefix="oai_dc", **arguments)
    }


def oai_id(external_id, language):
    return f"oai:{REPOSITORY}:{external_id}/{language}"


def test_a_harvester_gets_everything_then_only_what_changed(harvester):
    client = harvester["client"]
    assert "<deletedRecord>persistent</deletedRecord>" in client.identify().raw

    everything = harvest(client)

    assert sorted(everything) == sorted(
        [oai_id("LM-CRS-EV-1", code) for code in ("zh-hans", "en", "lo")]
        + [oai_id("LM-STD-WELD", code) for code in ("zh-hans", "en")]
    )
    assert client.answers >= 1 + 3  # Identify, then five records two by two
    lao = everything[oai_id("LM-CRS-EV-1", "lo")][1]
    assert lao["title"] == ["ສ້ອມແປງລົດໄຟຟ້າ"] and lao["language"] == ["lo"]
    assert lao["type"] == ["course", "Text"]
    assert lao["identifier"][0].endswith("/r/LM-CRS-EV-1/lo")
    assert sorted(url.rsplit("/", 1)[1] for url in lao["relation"]) == ["en", "zh-hans"]

    time.sleep(1.1)  # the harvest's second is over: the next starts from the following one
    since = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    course, standard = harvester["course"], harvester["standard"]
    english = course.get_translation(factories.Locale.objects.get(language_code="en"))
    english.title = "Electric vehicle maintenance"
    factories.publish(english)
    course.get_translation(factories.Locale.objects.get(language_code="lo")).unpublish()
    factories.make_private(
        standard.get_translation(factories.Locale.objects.get(language_code="en"))
    )
    factories.translate(course, "th", title="การซ่อมบำรุงรถยนต์ไฟฟ้า")

    changes = harvest(client, from_=since)

    assert {identifier: deleted for identifier, (deleted, _dc) in changes.items()} == {
        oai_id("LM-CRS-EV-1", "en"): False,  # edited
        oai_id("LM-CRS-EV-1", "zh-hans"): False,  # its translations changed
        oai_id("LM-CRS-EV-1", "th"): False,  # new
        oai_id("LM-CRS-EV-1", "lo"): True,  # unpublished
        oai_id("LM-STD-WELD", "en"): True,  # made private
        oai_id("LM-STD-WELD", "zh-hans"): False,  # its translations changed
    }
    assert changes[oai_id("LM-CRS-EV-1", "en")][1]["title"] == ["Electric vehicle maintenance"]


def test_the_harvester_is_told_the_protocols_errors(harvester):
    client = CheckingHarvester(harvester["url"])  # by GET this time

    with pytest.raises(oai_errors.IdDoesNotExist):
        client.get_record(oai_id("NO-SUCH", "en"), metadata_prefix="oai_dc")
    with pytest.raises(oai_errors.CannotDisseminateFormat):
        client.get_record(oai_id("LM-CRS-EV-1", "en"), metadata_prefix="marc21")
    with pytest.raises(oai_errors.NoRecordsMatch):
        list(client.list_identifiers(metadata_prefix="oai_dc", set_="country:TH"))
    with pytest.raises(oai_errors.BadResumptionToken):
        list(client.list_records(resumption_token="forged"))
    with pytest.raises(oai_errors.BadVerb):
        client.harvest({"verb": "Harvest"})
    with pytest.raises(oai_errors.BadArgument):
        list(client.list_records(metadata_prefix="oai_dc", until="soon"))
    formats = [item.metadataPrefix for item in client.list_metadata_formats()]
    assert formats == ["oai_dc", "lom"]
    record = client.get_record(oai_id("LM-CRS-EV-1", "en"), metadata_prefix="lom")
    assert "EV maintenance" in record.raw
    assert client.answers == 8  # every answer was checked
    client.close()
