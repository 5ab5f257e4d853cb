"""The public discovery API, /api/discovery/: validated parameters with clear 400s, no 500 on
any input, a complete OpenAPI description, cache headers, and real results from the engine."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from digital_lm.languages import LANGUAGE_CODES
from discovery import service
from discovery.params import MAX_QUERY_LENGTH, SORTS
from tests.factories import build_library
from tests.helpers import NASTY_QUERY_STRINGS, RESPONSE_KEYS, canned_result, short_id

API = "/api/discovery/"
SUGGEST = "/api/discovery/suggest/"
OPENAPI = "/api/discovery/openapi.json"

SEARCH_PARAMETERS = {
    "q",
    "lang",
    "type",
    "country",
    "sector",
    "institution",
    "level",
    "tag",
    "language",
    "page",
    "page_size",
    "sort",
}
HIT_KEYS = {
    "external_id",
    "title",
    "summary",
    "url",
    "type",
    "language",
    "available_languages",
    "highlight",
    "origin",
    "institution",
    "country",
    "matched_language",
    "matched_term",
    "found_in",
}


@pytest.fixture
def canned_service(monkeypatch):
    """Replaces the service by canned answers and records what it was asked."""
    calls = []

    def search(query):
        calls.append(("search", query))
        return canned_result(query)

    def suggest(text, lang, limit=8):
        calls.append(("suggest", (text, lang, limit)))
        return [
            {
                "title": "Electric vehicle maintenance",
                "url": "/en/resources/vientiane-tc/electric-vehicle-maintenance/",
                "type": "course",
                "language": "en",
            }
        ]

    monkeypatch.setattr(service, "search", search)
    monkeypatch.setattr(service, "suggest", suggest)
    return calls


def get(client, path, query_string, **extra):
    """A GET with the query string sent exactly as written (escapes and all)."""
    return client.get(path, QUERY_STRING=query_string, **extra)


def assert_refused(response, parameter):
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert isinstance(error["message"], str) and len(error["message"]) > 10
    assert "public" not in response.get("Cache-Control", "")
    return error["message"]


# ---------- The search: parameters ----------


@pytest.mark.django_db
def test_a_search_without_parameters_answers_the_documented_shape(client):
    response = client.get(API)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Cache-Control"] == "public, max-age=60"
    body = response.json()
    assert set(body) == RESPONSE_KEYS
    assert body["page"] == 1 and body["page_size"] == 20 and body["num_pages"] >= 1
    assert isinstance(body["results"], list) and isinstance(body["facets"], dict)
    assert isinstance(body["degraded"], bool)


@pytest.mark.parametrize(
    "query_string, parameter",
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-3", "page"),
        ("page=1.5", "page"),
        ("page=501&page_size=20", "page"),  # beyond the 10,000th result
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("sort=popular", "sort"),
        ("lang=fr", "lang"),
        ("lang=ZH-HANS", "lang"),
        ("type=video", "type"),
        ("type=course,video", "type"),
        ("type=course&type=video", "type"),
        ("country=laos", "country"),
        ("country=la", "country"),
        ("language=fr", "language"),
        ("level=3", "level"),
        ("sector=%C3%A9lectrique", "sector"),
        ("institution=..%2Fetc", "institution"),
        ("tag=%3Cb%3E", "tag"),
        ("tag=" + "x" * 101, "tag"),
        ("tag=" + ",".join(f"t{n}" for n in range(21)), "tag"),
        ("q=" + "a" * (MAX_QUERY_LENGTH + 1), "q"),
    ],
    ids=short_id,
)
def test_a_refused_parameter_gives_400_saying_which_and_why(client, query_string, parameter):
    assert_refused(get(client, API, query_string), parameter)


def test_the_messages_say_what_is_wrong(client):
    message = assert_refused(get(client, API, "page=abc&lang=en"), "page")
    assert message == "“page” must be a whole number."
    message = assert_refused(get(client, API, "sort=popular&lang=en"), "sort")
    assert message == "“sort” must be one of relevance, newest, title."
    message = assert_refused(get(client, API, "lang=fr"), "lang")
    assert "fr" in message and "zh-hans" in message and "my" in message
    message = assert_refused(get(client, API, "q=" + "a" * 300 + "&lang=en"), "q")
    assert str(MAX_QUERY_LENGTH) in message


@pytest.mark.parametrize("lang", ["zh-hans", "th", "vi", "lo", "km", "my"])
def test_messages_are_in_the_requested_language(client, lang):
    english = assert_refused(get(client, API, "page=abc&lang=en"), "page")
    translated = assert_refused(get(client, API, f"page=abc&lang={lang}"), "page")
    assert translated != english
    assert "page" in translated  # the parameter's name is kept as sent


def test_an_unknown_language_is_refused_in_the_visitors_language(client):
    english = assert_refused(get(client, API, "lang=xx", HTTP_ACCEPT_LANGUAGE="en"), "lang")
    thai = assert_refused(get(client, API, "lang=xx", HTTP_ACCEPT_LANGUAGE="th"), "lang")
    assert english.startswith("Unknown language") and thai != english


@pytest.mark.django_db
@pytest.mark.parametrize("address", [API, f"{API}suggest/?q=weld"])
def test_a_failure_inside_the_api_is_answered_in_json(client, monkeypatch, address, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the index mapping is broken")

    monkeypatch.setattr(service, "search", broken)
    monkeypatch.setattr(service, "suggest", broken)

    response = client.get(address, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"error": {"message": "Sorry, something went wrong"}}
    assert "the index mapping is broken" in caplog.text  # for the operator, not the client


@pytest.mark.django_db
@pytest.mark.parametrize("query_string", NASTY_QUERY_STRINGS, ids=short_id)
def test_strange_input_never_gives_a_server_error(client, query_string):
    response = get(client, API, query_string)
    assert response.status_code in (200, 400), response.status_code
    body = response.json()
    if response.status_code == 400:
        assert set(body) == {"error"} and body["error"]["parameter"] and body["error"]["message"]
    else:
        assert set(body) == RESPONSE_KEYS


@pytest.mark.django_db
@pytest.mark.parametrize("query_string", NASTY_QUERY_STRINGS, ids=short_id)
def test_strange_input_never_gives_a_server_error_when_suggesting(client, query_string):
    response = get(client, SUGGEST, query_string)
    assert response.status_code in (200, 400), response.status_code
    assert set(response.json()) in ({"error"}, {"suggestions"})


def test_filters_repeat_or_take_comma_lists_and_reach_the_service(client, canned_service):
    response = get(
        client,
        API,
        "q=+electric+vehicle+&lang=lo&type=course&type=standard&country=LA,KH&tag=ev"
        "&page=2&page_size=5&sort=newest",
    )
    assert response.status_code == 200
    (kind, query), *_ = canned_service
    assert kind == "search"
    assert query.q == "electric vehicle"
    assert query.lang == "lo"
    assert query.filters == {
        "type": ("course", "standard"),
        "country": ("LA", "KH"),
        "tag": ("ev",),
    }
    assert (query.page, query.page_size, query.sort) == (2, 5, "newest")
    body = response.json()
    assert (body["page"], body["page_size"], body["num_pages"]) == (2, 5, 9)


def test_results_and_facets_are_returned_as_documented(client, canned_service):
    body = get(client, API, "q=electric&type=course&lang=en").json()
    assert body["count"] == 45 and body["degraded"] is False
    (hit,) = body["results"]
    assert set(hit) == HIT_KEYS
    assert hit["external_id"] == "LM-CRS-EV-1"
    assert hit["available_languages"] == ["zh-hans", "en", "lo"]
    # Highlights are passed on as the engine made them: escaped text, <mark> around matches.
    assert hit["highlight"]["body"] == ["the <mark>electric</mark> drive &amp; its battery"]
    assert hit["summary"] == "Batteries & motors <safely>."  # JSON carries plain text
    assert body["facets"]["type"] == [
        {"value": "course", "label": "Course", "count": 30, "selected": True},
        {"value": "standard", "label": "Vocational standard", "count": 15, "selected": False},
    ]


@pytest.mark.parametrize("sort", SORTS)
def test_every_documented_sort_is_accepted(client, canned_service, sort):
    assert get(client, API, f"sort={sort}").status_code == 200


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_language_is_accepted(client, canned_service, lang):
    assert get(client, API, f"lang={lang}&language={lang}").status_code == 200
    assert canned_service[-1][1].lang == lang


# ---------- Suggestions ----------


def test_suggestions_for_autocomplete(client, canned_service):
    response = get(client, SUGGEST, "q=Elec&lang=en&limit=5")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert response.json() == {
        "suggestions": [
            {
                "title": "Electric vehicle maintenance",
                "url": "/en/resources/vientiane-tc/electric-vehicle-maintenance/",
                "type": "course",
                "language": "en",
            }
        ]
    }
    assert canned_service == [("suggest", ("Elec", "en", 5))]


def test_no_text_no_suggestions(client, canned_service):
    for query_string in ("", "q=", "q=+++", "q=%00"):
        assert get(client, SUGGEST, query_string).json() == {"suggestions": []}
    assert canned_service == []


@pytest.mark.parametrize(
    "query_string, parameter",
    [
        ("q=ab&limit=0", "limit"),
        ("q=ab&limit=21", "limit"),
        ("q=ab&limit=many", "limit"),
        ("q=ab&lang=xx", "lang"),
        ("q=" + "a" * (MAX_QUERY_LENGTH + 1), "q"),
    ],
    ids=short_id,
)
def test_suggestions_refuse_bad_parameters(client, query_string, parameter):
    assert_refused(get(client, SUGGEST, query_string), parameter)


# ---------- Public, read-only, cacheable ----------


@pytest.mark.django_db
def test_no_csrf_token_or_login_is_needed(canned_service):
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(API, {"q": "welding"}).status_code == 200
    assert strict.get(SUGGEST, {"q": "welding"}).status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get_is_allowed(client, canned_service, method):
    for path in (API, SUGGEST):
        response = getattr(client, method)(path, data="{}", content_type="application/json")
        assert response.status_code == 405
    assert canned_service == []


@pytest.mark.django_db
def test_the_api_has_no_language_prefix(client):
    assert reverse("discovery_api:discovery_search") == API
    assert reverse("discovery_api:discovery_suggest") == SUGGEST
    with translation.override("lo"):
        assert reverse("discovery_api:discovery_search") == API
    assert client.get("/lo" + API).status_code == 404


# ---------- OpenAPI ----------


def resolve(schema, node):
    while "$ref" in node:
        path = node["$ref"].removeprefix("#/").split("/")
        node = schema
        for part in path:
            node = node[part]
    return node


def all_refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from all_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_refs(value)


def test_the_openapi_description_documents_every_parameter(client):
    response = client.get(OPENAPI)
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] and schema["info"]["description"]
    for ref in all_refs(schema):
        assert resolve(schema, {"$ref": ref}), ref

    operation = schema["paths"][API]["get"]
    assert set(schema["paths"][API]) == {"get"}
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert len(parameters) == len(operation["parameters"])  # no duplicates
    assert set(parameters) == SEARCH_PARAMETERS
    for name, parameter in parameters.items():
        assert parameter["in"] == "query", name
        assert parameter["required"] is False, name
        assert len(parameter["description"]) > 15, name
        assert parameter["schema"]["type"] in ("string", "integer", "array"), name
    assert parameters["sort"]["schema"]["enum"] == list(SORTS)
    assert parameters["lang"]["schema"]["enum"] == LANGUAGE_CODES
    assert parameters["page_size"]["schema"]["maximum"] == 100
    assert parameters["q"]["schema"]["maxLength"] == MAX_QUERY_LENGTH
    assert parameters["type"]["schema"]["items"]["enum"] == [
        "course",
        "standard",
        "material",
        "certification",
    ]
    assert parameters["country"]["explode"] is True
    assert "security" not in operation


def test_the_openapi_description_documents_the_responses(client):
    schema = client.get(OPENAPI).json()
    responses = schema["paths"][API]["get"]["responses"]
    ok = resolve(schema, responses["200"]["content"]["application/json"]["schema"])
    assert set(ok["properties"]) == RESPONSE_KEYS
    hit = resolve(schema, ok["properties"]["results"]["items"])
    assert set(hit["properties"]) == HIT_KEYS
    for name, field in hit["properties"].items():
        assert field.get("description"), name
    # Where in a file the words were found: an object, or null, each of its fields described.
    found_in = hit["properties"]["found_in"]["anyOf"]
    assert {"type": "null"} in found_in
    found_in = resolve(schema, next(s for s in found_in if "$ref" in s))
    assert {"file_name", "location", "number", "url", "highlight"} <= set(found_in["properties"])
    for name, field in found_in["properties"].items():
        assert field.get("description"), name
    facets = ok["properties"]["facets"]
    facet_value = resolve(schema, facets["additionalProperties"]["items"])
    assert set(facet_value["properties"]) == {"value", "label", "count", "selected"}
    assert "type" in facets["description"] and "country" in facets["description"]

    refused = resolve(schema, responses["400"]["content"]["application/json"]["schema"])
    detail = resolve(schema, refused["properties"]["error"])
    assert set(detail["properties"]) == {"parameter", "message"}


def test_the_openapi_description_documents_suggestions(client):
    schema = client.get(OPENAPI).json()
    operation = schema["paths"][SUGGEST]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"q", "lang", "limit"}
    ok = resolve(schema, operation["responses"]["200"]["content"]["application/json"]["schema"])
    item = resolve(schema, ok["properties"]["suggestions"]["items"])
    assert set(item["properties"]) == {"title", "url", "type", "language"}


@pytest.mark.django_db
def test_the_documentation_page_needs_no_outside_service(client):
    response = client.get("/api/discovery/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert OPENAPI in html
    assert "https://" not in html and "http://" not in html
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js"):
        url = f"/api/discovery/docs/assets/{asset}"
        assert url in html
        served = client.get(url)
        assert served.status_code == 200
        assert b"".join(served.streaming_content)
    assert client.get("/api/discovery/docs/assets/..%2F..%2Fmain.py").status_code == 404
    assert client.get("/api/discovery/docs/assets/swagger-ui.css.map").status_code == 404


# ---------- Real results from the engine ----------


@pytest.fixture
def indexed_library(db, request):
    """The library, then the discovery index built from it (the fixture indexes whatever is
    published when it runs, so it is requested after the pages exist)."""
    library = build_library()
    request.getfixturevalue("discovery_index")
    return library


def results_by_id(body):
    return {hit["external_id"]: hit for hit in body["results"]}


@pytest.mark.engine
def test_finds_a_resource_in_the_visitors_language_with_highlights(client, indexed_library):
    response = client.get(API, {"q": "electric vehicle", "lang": "en"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    body = response.json()
    assert body["degraded"] is False
    hit = results_by_id(body)["LM-CRS-EV-1"]
    assert hit["title"] == "Electric vehicle maintenance"
    assert hit["language"] == "en"
    assert hit["type"] == "course"
    assert set(hit["available_languages"]) == {"zh-hans", "en", "lo"}
    assert hit["url"].endswith(indexed_library["course_en"].get_url())
    assert hit["institution"]
    fragments = [f for parts in hit["highlight"].values() for f in parts]
    assert any("<mark>" in fragment for fragment in fragments)


@pytest.mark.engine
def test_filters_narrow_and_facets_count_the_other_values(client, indexed_library):
    body = client.get(API, {"q": "welding", "lang": "en", "type": "standard"}).json()
    assert body["count"] == 1
    assert [hit["external_id"] for hit in body["results"]] == ["LM-STD-WELD-1"]
    types = {value["value"]: value for value in body["facets"]["type"]}
    assert types["standard"]["selected"] is True and types["standard"]["count"] == 1
    assert types["course"]["selected"] is False and types["course"]["count"] == 3
    sectors = {value["value"]: value for value in body["facets"]["sector"]}
    assert sectors["welding"]["count"] == 1


@pytest.mark.engine
def test_pages_through_the_results(client, indexed_library):
    first = client.get(API, {"q": "welding", "lang": "en", "page_size": 2}).json()
    second = client.get(API, {"q": "welding", "lang": "en", "page_size": 2, "page": 2}).json()
    assert first["count"] == second["count"] == 4
    assert first["num_pages"] == 2
    ids = [hit["external_id"] for hit in first["results"] + second["results"]]
    assert sorted(ids) == ["LM-CRS-WELD-1", "LM-CRS-WELD-2", "LM-CRS-WELD-3", "LM-STD-WELD-1"]


@pytest.mark.engine
def test_shows_each_resource_in_the_visitors_language_when_translated(client, indexed_library):
    body = client.get(API, {"lang": "lo", "type": "course", "institution": "vientiane-tc"}).json()
    hits = results_by_id(body)
    assert hits["LM-CRS-EV-1"]["title"] == "ການສ້ອມແປງລົດໄຟຟ້າ"
    assert hits["LM-CRS-EV-1"]["language"] == "lo"
    assert hits["LM-CRS-WELD-1"]["language"] in ("zh-hans", "en")  # not translated into Lao


@pytest.mark.engine
def test_suggests_titles_while_typing(client, indexed_library):
    body = client.get(SUGGEST, {"q": "Electric veh", "lang": "en"}).json()
    titles = [s["title"] for s in body["suggestions"]]
    assert "Electric vehicle maintenance" in titles
    suggestion = body["suggestions"][titles.index("Electric vehicle maintenance")]
    assert suggestion["type"] == "course" and suggestion["language"] == "en"
    assert suggestion["url"].endswith(indexed_library["course_en"].get_url())


@pytest.mark.engine
def test_strange_input_never_gives_a_server_error_from_the_engine(indexed_library):
    client = Client(raise_request_exception=False)  # collect every failure, not the first
    answered = {}
    for query_string in NASTY_QUERY_STRINGS:
        for path in (API, SUGGEST):
            response = get(client, path, query_string)
            answered[(path, short_id(query_string))] = response.status_code
            if response.status_code == 200 and path == API:
                # The engine took it: nothing fell back to the database.
                assert response.json()["degraded"] is False, query_string
    assert set(answered.values()) <= {200, 400}, {
        key: status for key, status in answered.items() if status not in (200, 400)
    }
