"""Search engines and partner systems read every resource page as schema.org JSON-LD.

The JSON-LD is parsed the way a harvester parses it: expanded with pyld against the schema.org
context, served from tests/data (no network). Expansion silently drops a property the context
does not define, so each test also checks that every property emitted survives expansion.
"""

import json

import pytest
from bs4 import BeautifulSoup
from pyld import jsonld
from wagtail.models import Locale

from resources.models import CourseStandard
from resources.structured_data import json_ld_script
from tests import factories
from tests.helpers import PROJECT_ROOT

pytestmark = pytest.mark.django_db

SCHEMA = "http://schema.org/"
CONTEXT_DOCUMENT = json.loads(
    (PROJECT_ROOT / "tests" / "data" / "schemaorg-context.jsonld").read_text(encoding="utf-8")
)
TERMS = CONTEXT_DOCUMENT["@context"]
SCHEMA_ORG_URLS = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
}


def stored_context_loader(url, options=None):
    """pyld's document loader: the stored schema.org context, and nothing from the network."""
    if url in SCHEMA_ORG_URLS:
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT_DOCUMENT}
    raise jsonld.JsonLdError(
        f"Tests do not load {url}", "jsonld.LoadDocumentError", code="loading document failed"
    )


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    def build():
        built = factories.build_certification_catalogue()
        section = built["site_tree"]["section"]
        course = factories.CoursePageFactory(
            parent=section,
            title="新能源汽车维修",
            external_id="LM-CRS-EV",
            institution=built["site_tree"]["institution"],
            level=built["ev_certification"].level,
            duration_hours=120,
        )
        CourseStandard.objects.create(course=course, standard=built["ev_standard"])
        factories.publish(course)
        factories.translate(course, "lo", title="ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ")
        material = factories.TeachingMaterialPageFactory(
            parent=section,
            title="电动汽车维修教材",
            external_id="LM-MAT-EV",
            institution=built["site_tree"]["institution"],
        )
        factories.add_material_file(material, title="ປຶ້ມແບບຮຽນ", language="lo")
        factories.publish(material)
        return {**built, "course": course, "material": material}

    with factories.built_once_per_module(django_db_blocker, build) as built:
        yield built


def lao(page):
    return page.get_translation(Locale.objects.get(language_code="lo"))


def json_ld(client, page):
    """The page's JSON-LD, checked to sit in the head, as a Python object."""
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    assert scripts[0].find_parent("head") is not None
    return json.loads(scripts[0].string)


def expand(data):
    expanded = jsonld.expand(data, {"documentLoader": stored_context_loader})
    assert len(expanded) == 1
    return expanded[0]


def emitted_properties(node):
    """Every property name used anywhere in the emitted document."""
    if isinstance(node, list):
        return set().union(*(emitted_properties(n) for n in node)) if node else set()
    if not isinstance(node, dict):
        return set()
    names = {key for key in node if not key.startswith("@")}
    return names.union(*(emitted_properties(value) for value in node.values()))


def expanded_properties(node):
    if isinstance(node, list):
        return set().union(*(expanded_properties(n) for n in node)) if node else set()
    if not isinstance(node, dict):
        return set()
    names = {key for key in node if not key.startswith("@")}
    return names.union(*(expanded_properties(value) for value in node.values()))


def expanded_types(node):
    if isinstance(node, list):
        return set().union(*(expanded_types(n) for n in node)) if node else set()
    if not isinstance(node, dict):
        return set()
    return set(node.get("@type", ())).union(*(expanded_types(v) for v in node.values()))


def assert_nothing_dropped(data, expanded):
    emitted = emitted_properties(data)
    unknown = emitted - set(TERMS)
    assert not unknown, f"not schema.org terms in the context: {unknown}"
    as_iris = {TERMS[name]["@id"].replace("schema:", SCHEMA) for name in emitted}
    assert expanded_properties(expanded) == as_iris
    assert all(t.startswith(SCHEMA) for t in expanded_types(expanded)), expanded_types(expanded)


def values(node, name):
    return node.get(SCHEMA + name, [])


def value(node, name):
    (first,) = values(node, name)
    return first


@pytest.mark.parametrize(
    ("resource", "schema_type"),
    [
        ("course", "Course"),
        ("material", "LearningResource"),
        ("ev_certification", "EducationalOccupationalCredential"),
        ("ev_standard", "DefinedTermSet"),
    ],
)
def test_every_resource_type_expands_to_schema_org_without_losing_anything(
    client, catalogue, resource, schema_type
):
    page = catalogue[resource]
    data = json_ld(client, page)

    expanded = expand(data)

    assert_nothing_dropped(data, expanded)
    assert expanded["@type"] == [SCHEMA + schema_type]
    assert expanded["@id"] == page.get_full_url()
    # JSON-LD processors compare language tags case-insensitively (and lowercase them).
    assert value(expanded, "name") == {"@value": page.title, "@language": "zh-hans"}
    assert value(expanded, "inLanguage") == {"@value": "zh-Hans"}
    assert page.external_id in [i["@value"] for i in values(expanded, "identifier")]
    publisher = value(expanded, "publisher")
    assert value(publisher, "name")["@value"] == "万象技术学院"
    address = value(publisher, "address")
    assert value(address, "addressCountry") == {"@value": "LA"}
    assert value(expanded, "license") == {"@id": "https://creativecommons.org/licenses/by/4.0/"}


def test_lao_certification_is_a_credential_in_lao_with_its_levels_and_recognition(
    client, catalogue
):
    certification = lao(catalogue["ev_certification"])

    expanded = expand(json_ld(client, certification))

    assert value(expanded, "name") == {"@value": "ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ", "@language": "lo"}
    assert value(expanded, "credentialCategory") == {"@value": "certificate"}
    assert value(expanded, "validFor") == {"@value": "P3Y"}
    levels = {
        value(term, "termCode")["@value"]: term for term in values(expanded, "educationalLevel")
    }
    assert set(levels) == {"LA-LNQF-3", "AQRF-3"}
    assert value(levels["LA-LNQF-3"], "name")["@value"] == "ລະດັບ 3 ຊ່າງຝີມື"
    recognisers = values(expanded, "recognizedBy")
    countries = [r for r in recognisers if r["@type"] == [SCHEMA + "Country"]]
    assert sorted(value(c, "identifier")["@value"] for c in countries) == ["LA", "TH"]
    assert "ປະເທດລາວ" in [value(c, "name")["@value"] for c in countries]
    competencies = values(expanded, "competencyRequired")
    assert [value(c, "name")["@value"] for c in competencies] == ["ກວດກາແບັດເຕີຣີແຮງດັນສູງ"]
    # A translation points at the work it was translated from.
    original = value(expanded, "translationOfWork")
    assert original["@id"] == catalogue["ev_certification"].get_full_url()


def test_original_lists_its_live_translations(client, catalogue):
    expanded = expand(json_ld(client, catalogue["ev_certification"]))

    translations = values(expanded, "workTranslation")
    languages = sorted(value(t, "inLanguage")["@value"] for t in translations)
    assert languages == ["lo", "th"]
    lao_url = lao(catalogue["ev_certification"]).get_full_url()
    assert lao_url in [t["@id"] for t in translations]


def test_course_names_its_provider_competencies_and_credential(client, catalogue):
    expanded = expand(json_ld(client, lao(catalogue["course"])))

    assert value(value(expanded, "provider"), "name")["@value"] == "ວິທະຍາໄລເຕັກນິກວຽງຈັນ"
    assert value(expanded, "timeRequired") == {"@value": "PT120H"}
    taught = [value(t, "termCode")["@value"] for t in values(expanded, "teaches")]
    assert taught == ["EV-01"]  # the Lao version of the standard has one unit
    credentials = values(expanded, "educationalCredentialAwarded")
    assert lao(catalogue["ev_certification"]).get_full_url() in [c["@id"] for c in credentials]
    # The private certification assessing the same standard is not advertised.
    assert catalogue["private_certification"].get_full_url() not in [c["@id"] for c in credentials]


def test_material_describes_each_file_with_language_size_and_format(client, catalogue):
    expanded = expand(json_ld(client, catalogue["material"]))

    assert value(expanded, "learningResourceType")["@value"]
    (media,) = values(expanded, "encoding")
    assert media["@type"] == [SCHEMA + "MediaObject"]
    assert value(media, "inLanguage") == {"@value": "lo"}
    assert value(media, "encodingFormat") == {"@value": "application/pdf"}
    assert value(media, "contentSize")["@value"].endswith(" B")
    assert value(media, "contentUrl")["@id"].startswith("http://")


def test_standard_lists_its_units_of_competency_as_terms(client, catalogue):
    expanded = expand(json_ld(client, catalogue["ev_standard"]))

    terms = values(expanded, "hasDefinedTerm")
    assert [value(t, "termCode")["@value"] for t in terms] == ["EV-01", "EV-02"]
    assert value(expanded, "version") == {"@value": "1.0"}


def test_a_title_cannot_break_out_of_the_script(client, catalogue):
    hostile = "Welding </script><script>alert(1)</script> & <!-- safety"
    page = factories.published_resource(
        catalogue["site_tree"]["section"],
        factories.CertificationPageFactory,
        title=hostile,
        external_id="LM-CERT-HOSTILE",
    )

    body = client.get(page.url).content.decode()

    assert "<script>alert(1)" not in body
    assert json_ld(client, page)["name"]["@value"] == hostile


def test_script_escaping_keeps_text_readable_and_valid_json():
    html = json_ld_script({"name": "ລາວ </script> & 中文"})

    assert html.startswith('<script type="application/ld+json">')
    assert "ລາວ" in html and "中文" in html  # not \u-escaped
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"name": "ລາວ </script> & 中文"}


def test_the_network_is_never_used_for_contexts():
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(
            {"@context": "https://example.org/context.jsonld", "name": "x"},
            {"documentLoader": stored_context_loader},
        )
