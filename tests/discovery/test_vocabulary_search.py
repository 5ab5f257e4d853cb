"""The facets and the shape of a search hit, declared once (discovery.facets, discovery.results):
the engine query, the database fallback, the search page and the API iterate over them."""

import pytest

from discovery import fallback
from discovery.api import as_json
from discovery.facets import FACETS
from discovery.params import parse_query
from discovery.results import Hit, public_fields
from discovery.service import build_search
from tests import factories
from tests.helpers import soup, text_of

# ---------- Facets ----------


def test_the_engine_filters_and_counts_every_facet_on_its_field():
    filters = {facet.name: facet.choices()[0] if facet.choices else "x" for facet in FACETS}
    filters.update(country="LA", level="LA-LNQF-3", sector="welding", institution="vientiane-tc")
    body = build_search(parse_query(filters)).to_dict()

    assert [name for name in body["aggs"] if name.startswith("facet_")] == [
        f"facet_{facet.name}" for facet in FACETS
    ]
    for facet in FACETS:
        terms = body["aggs"][f"facet_{facet.name}"]["aggs"]["values"]["terms"]
        assert terms["field"] == facet.field
        assert terms["size"] == facet.size
    clauses = body["post_filter"]["bool"]["filter"]
    assert [next(iter(clause["terms"])) for clause in clauses] == [facet.field for facet in FACETS]


def test_every_facet_is_a_documented_filter_of_the_api(client):
    operation = client.get("/api/discovery/openapi.json").json()["paths"]["/api/discovery/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}

    for facet in FACETS:
        items = parameters[facet.name]["schema"]["items"]
        if facet.choices:
            assert items["enum"] == list(facet.choices())
        else:
            assert items["pattern"] == facet.pattern
        assert parameters[facet.name]["description"].startswith(facet.description)


@pytest.mark.django_db
def test_the_database_answers_every_facet(site_tree):
    factories.published_resource(site_tree["section"], institution=site_tree["institution"])

    result = fallback.search(parse_query({}))

    assert list(result.facets) == [facet.name for facet in FACETS]
    assert [v.value for v in result.facets["type"]] == ["course"]
    assert [v.value for v in result.facets["institution"]] == ["vientiane-tc"]


@pytest.mark.django_db
def test_the_search_page_shows_a_group_per_chosen_facet_with_its_legend(client):
    chosen = {facet.name: facet.choices()[-1] if facet.choices else "" for facet in FACETS}
    chosen.update(country="KH", sector="welding", institution="x", level="KH-NQF-2", tag="t")

    page = soup(client.get("/en/search/", chosen))

    legends = [text_of(legend) for legend in page.select(".facets__legend")]
    assert legends == [str(facet.legend) for facet in FACETS]


# ---------- The shape of a hit ----------


def test_the_api_shows_the_public_fields_of_a_hit(client):
    schema = client.get("/api/discovery/openapi.json").json()
    properties = schema["components"]["schemas"]["HitOut"]["properties"]

    assert list(properties) == [f.name for f in public_fields(Hit)]
    assert "translation_key" not in properties and "page_id" not in properties
    assert "course, standard, material, certification" in properties["type"]["description"]


def test_a_hit_is_serialised_from_its_fields():
    hit = Hit(
        external_id="LM-1",
        title="T",
        summary="S",
        url="/en/t/",
        type="course",
        language="en",
        available_languages=["en"],
        translation_key="k",
        page_id=3,
    )

    assert as_json(hit) == {
        "external_id": "LM-1",
        "title": "T",
        "summary": "S",
        "url": "/en/t/",
        "type": "course",
        "language": "en",
        "available_languages": ["en"],
        "highlight": {},
        "origin": None,
        "institution": "",
        "country": "",
        "matched_language": None,
        "matched_term": None,
        "found_in": None,
    }
