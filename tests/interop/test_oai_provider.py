"""The OAI-PMH data provider at /oai/: every live, public translation of a resource is a
record, in Dublin Core and IEEE LOM, in sets by type, institution, country and language;
withdrawn translations stay as deleted records; lists resume with signed tokens."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from lxml import etree
from wagtail.models import Locale

from interop.models import OaiRecord
from tests import factories

from .oai_structure import NS, checked

pytestmark = pytest.mark.django_db
REPOSITORY = "digital-lm.invalid"


@pytest.fixture
def library(site_tree, settings):
    settings.OAI_REPOSITORY_ID = REPOSITORY
    institution = site_tree["institution"]
    factories.translate_snippet(institution, "en", name="Vientiane Technical College")
    factories.translate_snippet(institution, "lo", name="ວິທະຍາໄລເຕັກນິກວຽງຈັນ")
    laos = institution.country
    factories.translate_snippet(laos, "en", name="Laos")
    welding = factories.SectorFactory(code="welding", name="焊接")
    factories.translate_snippet(welding, "en", name="Welding")
    course = factories.CoursePageFactory(
        parent=site_tree["section"],
        title="新能源汽车维修",
        external_id="LM-CRS-EV-1",
        summary="新能源汽车电池与电机的维修课程。",
        institution=institution,
    )
    course.countries.add(laos)
    course.sectors.add(welding)
    course.save()
    factories.publish(course)
    english = factories.translate(
        course, "en", title="EV maintenance", summary="Batteries and motors."
    )
    lao = factories.translate(course, "lo", title="ການສ້ອມແປງລົດໄຟຟ້າ", summary="ແບັດເຕີຣີ")
    standard = factories.published_resource(
        site_tree["section"],
        factories.VocationalStandardPageFactory,
        title="焊工职业标准",
        external_id="LM-STD-WELD",
        institution=institution,
    )
    private = factories.published_resource(
        site_tree["section"], title="内部课程", external_id="LM-SECRET", institution=institution
    )
    factories.make_private(private)
    factories.CoursePageFactory(
        parent=site_tree["section"], title="草稿", external_id="LM-DRAFT", live=False,
        institution=institution,
    )  # fmt: skip
    return {**site_tree, "course": course, "english": english, "lao": lao,
            "standard": standard, "private": private}  # fmt: skip


def oai(client, method="get", **arguments):
    response = getattr(client, method)("/oai/", arguments)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return checked(response.content)


def error_codes(document):
    return [e.get("code") for e in document.findall("oai:error", NS)]


def identifiers(document):
    """The identifiers of the records listed that are not deleted."""
    return [
        h.findtext("oai:identifier", namespaces=NS)
        for h in document.findall(".//oai:header", NS)
        if h.get("status") is None
    ]


def oai_id(external_id, language):
    return f"oai:{REPOSITORY}:{external_id}/{language}"


def test_identify_names_the_repository_and_its_policies(client, library):
    document = oai(client, verb="Identify")

    identify = document.find("oai:Identify", NS)
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai/"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert document.find("oai:request", NS).get("verb") == "Identify"


def test_every_public_translation_is_a_record_and_nothing_else(client, library):
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")

    assert sorted(identifiers(document)) == sorted(
        [oai_id("LM-CRS-EV-1", code) for code in ("zh-hans", "en", "lo")]
        + [oai_id("LM-STD-WELD", "zh-hans")]
    )
    # Published, then made private: withdrawn, so told as deleted; the draft, never.
    deleted = document.findall(".//oai:header[@status='deleted']/oai:identifier", NS)
    assert [e.text for e in deleted] == [oai_id("LM-SECRET", "zh-hans")]


def test_a_dublin_core_record_carries_language_links_and_publisher(client, library):
    document = oai(
        client, verb="GetRecord", identifier=oai_id("LM-CRS-EV-1", "lo"), metadataPrefix="oai_dc"
    )

    dc = document.find(".//oai_dc:dc", NS)

    def values(name):
        return [e.text for e in dc.findall(f"dc:{name}", NS)]

    assert values("title") == ["ການສ້ອມແປງລົດໄຟຟ້າ"]
    assert values("description") == ["ແບັດເຕີຣີ"]
    assert values("language") == ["lo"]
    assert values("identifier") == [
        "http://testserver/r/LM-CRS-EV-1/lo",
        library["lao"].get_full_url(),
    ]
    assert sorted(values("relation")) == [
        "http://testserver/r/LM-CRS-EV-1/en",
        "http://testserver/r/LM-CRS-EV-1/zh-hans",
    ]
    assert values("publisher") == ["ວິທະຍາໄລເຕັກນິກວຽງຈັນ"] == values("creator")
    assert values("type") == ["course", "Text"]
    assert values("rights") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", values("date")[0])
    english = oai(
        client, verb="GetRecord", identifier=oai_id("LM-CRS-EV-1", "en"), metadataPrefix="oai_dc"
    )
    assert [e.text for e in english.findall(".//dc:subject", NS)] == ["Welding"]
    assert [e.text for e in english.findall(".//dc:coverage", NS)] == ["Laos"]
    assert [e.text for e in english.findall(".//dc:publisher", NS)] == [
        "Vientiane Technical College"
    ]


def test_a_lom_record_has_langstrings_in_its_language_and_relations(client, library):
    document = oai(
        client, verb="GetRecord", identifier=oai_id("LM-CRS-EV-1", "en"), metadataPrefix="lom"
    )

    lom = document.find(".//lom:lom", NS)
    title = lom.find("lom:general/lom:title/lom:string", NS)
    assert (title.text, title.get("language")) == ("EV maintenance", "en")
    assert lom.findtext("lom:general/lom:language", namespaces=NS) == "en"
    assert lom.findtext("lom:educational/lom:context/lom:value", namespaces=NS) == "training"
    related = [
        e.text for e in lom.findall("lom:relation/lom:resource/lom:identifier/lom:entry", NS)
    ]
    assert sorted(related) == [
        "http://testserver/r/LM-CRS-EV-1/lo",
        "http://testserver/r/LM-CRS-EV-1/zh-hans",
    ]
    assert "Vientiane Technical College" in lom.findtext(
        "lom:lifeCycle/lom:contribute/lom:entity", namespaces=NS
    )


@pytest.mark.parametrize("prefix", ["oai_dc", "lom"])
def test_an_answer_a_validating_harvester_would_refuse_is_caught(client, library, prefix):
    """Every answer above is checked against OAI-PMH's schemas: a Dublin Core element simple
    Dublin Core does not have, or a header out of order in a LOM answer, is refused."""
    arguments = {"identifier": oai_id("LM-CRS-EV-1", "en"), "metadataPrefix": prefix}
    body = client.get("/oai/", {"verb": "GetRecord", **arguments}).content
    checked(body)
    document = etree.fromstring(body)
    if prefix == "oai_dc":
        etree.SubElement(document.find(".//oai_dc:dc", NS), f"{{{NS['dc']}}}audience").text = "x"
    else:
        header = document.find(".//oai:header", NS)
        header.insert(0, header.find("oai:setSpec", NS))
    with pytest.raises(AssertionError, match="does not validate"):
        checked(etree.tostring(document))


def test_sets_select_records_and_are_named_in_english(client, library):
    sets = {
        s.findtext("oai:setSpec", namespaces=NS): s.findtext("oai:setName", namespaces=NS)
        for s in oai(client, verb="ListSets").findall(".//oai:set", NS)
    }
    assert sets["type:course"] == "Courses"
    assert sets["institution:vientiane-tc"] == "Vientiane Technical College"
    assert sets["country:LA"] == "Laos"
    assert sets["language:lo"] == "Lao"

    lao = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="language:lo")
    standards = oai(client, verb="ListIdentifiers", metadataPrefix="lom", set="type:standard")
    everything = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type")
    assert identifiers(lao) == [oai_id("LM-CRS-EV-1", "lo")]
    assert identifiers(standards) == [oai_id("LM-STD-WELD", "zh-hans")]
    assert len(identifiers(everything)) == 4
    empty = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="country:TH")
    assert error_codes(empty) == ["noRecordsMatch"]
    unknown = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type:nothing")
    assert error_codes(unknown) == ["noRecordsMatch"]


def test_withdrawn_translations_stay_as_deleted_records(client, library):
    library["lao"].unpublish()
    factories.make_private(library["standard"])

    document = oai(client, verb="ListRecords", metadataPrefix="oai_dc")

    status = {
        h.findtext("oai:identifier", namespaces=NS): h.get("status")
        for h in document.findall(".//oai:header", NS)
    }
    assert status[oai_id("LM-CRS-EV-1", "lo")] == "deleted"
    assert status[oai_id("LM-STD-WELD", "zh-hans")] == "deleted"
    assert status[oai_id("LM-CRS-EV-1", "zh-hans")] is None
    deleted = [
        r for r in document.findall(".//oai:record", NS)
        if r.find("oai:header", NS).get("status") == "deleted"
    ]  # fmt: skip
    assert len(deleted) == 3 and all(r.find("oai:metadata", NS) is None for r in deleted)
    assert status[oai_id("LM-SECRET", "zh-hans")] == "deleted"
    assert oai_id("LM-DRAFT", "zh-hans") not in status


def test_a_deleted_page_and_a_changed_external_id_leave_deleted_records(client, library):
    library["standard"].delete()
    english = library["english"]
    factories.publish(english)  # first, a plain new revision: a new datestamp only
    course = library["course"]
    course.external_id = "LM-CRS-EV-2"
    factories.publish(course)

    records = {(r.external_id, r.language): r.deleted for r in OaiRecord.objects.all()}

    assert records[("LM-STD-WELD", "zh-hans")] is True
    assert records[("LM-CRS-EV-1", "zh-hans")] is True
    assert records[("LM-CRS-EV-2", "zh-hans")] is False


def test_the_reconciliation_fills_and_repairs_the_record_states_idempotently(client, library):
    OaiRecord.objects.all().delete()
    call_command("sync_oai_records", stdout=None)
    first = sorted(OaiRecord.objects.values_list("external_id", "language", "datestamp"))
    call_command("sync_oai_records", stdout=None)

    assert len(first) == 4  # the private course was never public
    assert sorted(OaiRecord.objects.values_list("external_id", "language", "datestamp")) == first
    OaiRecord.objects.all().delete()
    assert len(identifiers(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc"))) == 4


def test_lists_resume_with_signed_tokens_until_the_last_page(client, library, settings):
    settings.OAI_PAGE_SIZE = 3
    first = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = first.find(".//oai:resumptionToken", NS)
    assert (token.get("completeListSize"), token.get("cursor")) == ("5", "0")
    factories.translate(library["course"], "th", title="หลักสูตร")  # published meanwhile

    last = oai(client, verb="ListRecords", resumptionToken=token.text)

    end = last.find(".//oai:resumptionToken", NS)
    assert end.text is None and end.get("cursor") == "3"
    everything = [*identifiers(first), *identifiers(last)]
    assert len(everything) == len(set(everything)) == 4  # the Thai one waits for the next

    forged = token.text[:-3] + ("AAA" if not token.text.endswith("AAA") else "BBB")
    for bad in (forged, "garbage"):
        answer = oai(client, verb="ListRecords", resumptionToken=bad)
        assert error_codes(answer) == ["badResumptionToken"]
    settings.OAI_TOKEN_MAX_AGE = -1
    assert error_codes(oai(client, verb="ListRecords", resumptionToken=token.text)) == [
        "badResumptionToken"
    ]


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:y/en"},
         "idDoesNotExist"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01",
          "until": "2024-01-02T00:00:00Z"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2000-01-01"},
         "noRecordsMatch"),
        ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
         "badArgument"),
        # What XML cannot carry, or an argument no identifier is as long as: refused, never
        # echoed (an answer that cannot be written would be a server error).
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "language:lo\x00"},
         "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:\x1b[2J"},
         "badArgument"),
        ({"verb": "Identify", "extra\x00": "1"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "a" * 100_000},
         "badArgument"),
    ],
)  # fmt: skip
def test_protocol_errors(client, library, arguments, code):
    document = oai(client, **arguments)

    assert error_codes(document) == [code]
    echoed = document.find("oai:request", NS).attrib
    if code in ("badVerb", "badArgument"):
        assert dict(echoed) == {}
    else:
        assert echoed["verb"] == arguments["verb"]


def test_post_is_answered_like_get_without_a_csrf_token(library):
    document = oai(Client(enforce_csrf_checks=True), "post", verb="ListIdentifiers",
                   metadataPrefix="oai_dc")  # fmt: skip

    assert len(identifiers(document)) == 4


def test_a_list_page_takes_the_same_queries_whatever_its_size(client, library, settings):
    for n in range(6):
        factories.published_resource(
            library["section"], title=f"课程 {n}", institution=library["institution"],
            translations={"en": {"title": f"Course {n}"}},
        )  # fmt: skip
    # What a running site has cached already (content types, the site's root paths).
    oai(client, verb="ListRecords", metadataPrefix="lom")

    def queries(size):
        settings.OAI_PAGE_SIZE = size
        with CaptureQueriesContext(connection) as captured:
            document = oai(client, verb="ListRecords", metadataPrefix="lom", set="type:course")
        assert len(document.findall(".//oai:record", NS)) == size
        return len(captured)

    assert queries(2) == queries(12)


def test_a_record_in_a_language_is_not_another_locale(library):
    assert Locale.objects.filter(language_code="lo").exists()


def test_a_move_under_a_private_section_withdraws_and_republishing_restores(client, library):
    standard = library["standard"]
    hidden = factories.ResourceIndexPageFactory(parent=library["library"], title="Internal")
    factories.publish(hidden)
    factories.make_private(hidden)
    before = OaiRecord.objects.get(external_id="LM-STD-WELD", language="zh-hans").datestamp

    standard.move(hidden, pos="last-child")
    withdrawn = OaiRecord.objects.get(external_id="LM-STD-WELD", language="zh-hans")
    standard.refresh_from_db()
    standard.move(library["section"], pos="last-child")
    standard.refresh_from_db()
    standard.unpublish()
    factories.publish(standard)
    restored = OaiRecord.objects.get(external_id="LM-STD-WELD", language="zh-hans")

    assert withdrawn.deleted and withdrawn.datestamp > before
    assert not restored.deleted and restored.datestamp > withdrawn.datestamp
    document = oai(
        client, verb="GetRecord", identifier=oai_id("LM-STD-WELD", "zh-hans"), metadataPrefix="lom"
    )
    assert document.find(".//oai:header", NS).get("status") is None
