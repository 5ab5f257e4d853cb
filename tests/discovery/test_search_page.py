"""The discovery search page, /<lang>/search/: translated in every language, accessible, a GET
form whose facets work without JavaScript, clear 400s, and real results from the engine."""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from digital_lm.languages import LANGUAGE_CODES, LANGUAGES
from discovery import service
from discovery.params import MAX_QUERY_LENGTH
from discovery.results import DiscoveryResult
from tests import factories
from tests.factories import build_library
from tests.helpers import NASTY_QUERY_STRINGS, canned_result, short_id
from tests.helpers import soup as page_soup

ENGLISH_H1 = "Search resources"
# The script each of these languages is written in.
SCRIPTS = {"lo": r"[\u0e80-\u0eff]", "km": r"[\u1780-\u17ff]", "my": r"[\u1000-\u109f]"}


def search_url(lang):
    with translation.override(lang):
        return reverse("discovery_search")


def text_of(element):
    return " ".join(element.get_text(" ", strip=True).split())


def translated(lang, message):
    with translation.override(lang):
        return gettext(message)


def form_submission(form):
    """The query string a browser without JavaScript sends when the form is submitted."""
    fields = []
    for element in form.find_all(["input", "select"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "select":
            option = element.find("option", selected=True) or element.find("option")
            fields.append((name, option["value"]))
        elif element.get("type") == "checkbox":
            if element.has_attr("checked"):
                fields.append((name, element["value"]))
        elif element.get("type") not in ("submit", "button", "reset"):
            fields.append((name, element.get("value", "")))
    return urlencode(fields)


def checked(soup, name):
    return {box["value"] for box in soup.select(f'input[type=checkbox][name="{name}"][checked]')}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with factories.built_once_per_module(django_db_blocker, factories.build_site_tree) as built:
        yield built


@pytest.fixture
def canned_service(monkeypatch):
    """The service replaced by a canned answer: 45 results, one shown, three facets."""
    answers = {"count": 45, "degraded": False, "facets": None, "shown": 1}
    queries = []

    def search(query):
        queries.append(query)
        return canned_result(query, **answers)

    monkeypatch.setattr(service, "search", search)
    return answers, queries


# ---------- Every language, accessible ----------


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_renders_in_every_language_with_translated_chrome(client, site, lang):
    soup = page_soup(client.get(search_url(lang)))
    assert soup.html["lang"].lower() == lang
    (h1,) = soup.find_all("h1")
    assert text_of(h1) == translated(lang, ENGLISH_H1)
    assert soup.title.string.startswith(translated(lang, ENGLISH_H1))
    form = soup.find("form", class_="discovery")
    assert form["method"] == "get" and form["action"] == f"/{lang}/search/"
    box = form.find("input", id="discovery-q")
    assert box["name"] == "q" and box["type"] == "search"
    assert int(box["maxlength"]) == MAX_QUERY_LENGTH
    label = soup.find("label", attrs={"for": "discovery-q"})
    assert text_of(label) == translated(lang, "Search for")
    assert soup.find("label", attrs={"for": "discovery-sort"})
    sort = form.find("select", attrs={"name": "sort"})
    assert [o["value"] for o in sort.find_all("option")] == ["relevance", "newest", "title"]
    assert text_of(form.find("button", type="submit")) == translated(lang, "Search")
    # Landmarks: banner, main, the search, contentinfo.
    assert soup.find("header") and soup.find("footer")
    assert soup.find("main", id="main")
    assert soup.find(attrs={"role": "search"})


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["lo", "km", "my"])
def test_the_heading_is_in_the_languages_own_script(client, site, lang):
    soup = page_soup(client.get(search_url(lang)))
    heading = text_of(soup.h1)
    assert heading != ENGLISH_H1
    assert re.search(SCRIPTS[lang], heading), heading
    notice = translated(lang, "The full search engine is unavailable; showing simpler results.")
    assert re.search(SCRIPTS[lang], notice)


def test_the_page_lives_under_each_language_prefix():
    assert [search_url(lang) for lang in LANGUAGE_CODES] == [
        f"/{lang}/search/" for lang in LANGUAGE_CODES
    ]


@pytest.mark.django_db
def test_without_javascript_nothing_is_missing(client, site):
    soup = page_soup(client.get(search_url("en")))
    box = soup.find("input", id="discovery-q")
    # The combobox roles are the script's to add: a plain text box without it.
    assert not box.has_attr("role") and not box.has_attr("aria-expanded")
    script = soup.find("script", src=re.compile(r"search-autocomplete\.js$"))
    assert script is not None and script.has_attr("defer")
    assert finders.find("js/search-autocomplete.js")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "lo", "my"])
def test_the_autocomplete_gets_its_texts_and_address_from_the_page(client, site, lang):
    soup = page_soup(client.get(search_url(lang)))
    widget = soup.find(attrs={"data-autocomplete": True})
    assert widget["data-suggest-url"] == "/api/discovery/suggest/"
    assert widget["data-lang"] == lang
    assert widget["data-msg-none"] == translated(lang, "No suggestions.")
    assert "{count}" in widget["data-msg-available"]
    assert widget["data-label-suggestions"] == translated(lang, "Suggestions")
    assert widget["data-type-course"] == translated(lang, "Course")
    if lang != "en":
        assert widget["data-msg-none"] != "No suggestions."


@pytest.mark.django_db
def test_the_header_search_goes_to_the_search_page_of_the_active_language(client, site):
    soup = page_soup(client.get("/lo/"))
    form = soup.find("header").find("form", attrs={"role": "search"})
    assert form["action"] == "/lo/search/" and form["method"] == "get"
    box = form.find("input", attrs={"name": "q"})
    assert soup.find("label", attrs={"for": box["id"]})
    assert text_of(form.find("button")) == translated("lo", "Search")


@pytest.mark.django_db
def test_the_search_page_has_a_single_search_box(client, site):
    soup = page_soup(client.get(search_url("en")))
    assert len(soup.find_all("input", attrs={"name": "q"})) == 1


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_search(client, site, canned_service):
    soup = page_soup(client.get("/en/search/?q=welding&type=course&page=2"))
    switcher = soup.find("nav", class_="language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links["lo"] == "/lo/search/?q=welding&type=course"
    assert links["zh-Hans"] == "/zh-hans/search/?q=welding&type=course"
    current = switcher.find("a", attrs={"aria-current": True})
    assert current["hreflang"] == "en"
    assert {a.get_text(strip=True) for a in switcher.find_all("a")} == {n for _c, n in LANGUAGES}


@pytest.mark.django_db
def test_a_search_page_is_not_indexed_but_the_empty_one_is(client, site, canned_service):
    assert page_soup(client.get("/en/search/")).find("meta", attrs={"name": "robots"}) is None
    robots = page_soup(client.get("/en/search/?q=welding")).find("meta", attrs={"name": "robots"})
    assert robots["content"] == "noindex, follow"


# ---------- Refused parameters and strange input ----------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query_string, message",
    [
        ("page=abc", "“page” must be a whole number."),
        ("sort=popular", "“sort” must be one of relevance, newest, title."),
        ("type=video", "“video” is not a valid value for “type”."),
        ("page_size=500", "“page_size” must be between 1 and 100."),
    ],
)
def test_refused_parameters_show_a_clear_message_with_status_400(
    client, site, query_string, message
):
    soup = page_soup(client.get(f"/en/search/?q=welding&{query_string}"), status=400)
    assert text_of(soup.h1) == ENGLISH_H1
    alert = soup.find(attrs={"role": "alert"})
    assert message in text_of(alert)
    assert alert.find("a", href="/en/search/")  # start again
    assert soup.find("input", id="discovery-q")["value"] == "welding"
    assert soup.title.string.startswith("Error")


@pytest.mark.django_db
def test_the_message_is_in_the_pages_language(client, site):
    soup = page_soup(client.get("/lo/search/?page=abc"), status=400)
    message = text_of(soup.find(attrs={"role": "alert"}))
    assert translated("lo", "“%(name)s” must be a whole number.") % {"name": "page"} in message
    assert re.search(SCRIPTS["lo"], message)


@pytest.mark.django_db
def test_too_long_a_text_is_refused_and_marked_on_the_box(client, site):
    soup = page_soup(client.get("/en/search/", {"q": "焊" * 300}), status=400)
    box = soup.find("input", id="discovery-q")
    assert box["aria-invalid"] == "true"
    assert "discovery-error" in box["aria-describedby"].split()
    assert len(box["value"]) == MAX_QUERY_LENGTH


@pytest.mark.django_db
def test_the_api_language_parameter_does_not_change_the_page(client, site, canned_service):
    _answers, queries = canned_service
    assert client.get("/th/search/?lang=xx").status_code == 200
    assert client.get("/th/search/?lang=lo").status_code == 200
    assert [query.lang for query in queries] == ["th", "th"]


@pytest.mark.django_db
@pytest.mark.parametrize("query_string", NASTY_QUERY_STRINGS, ids=short_id)
def test_strange_input_never_gives_a_server_error(client, site, query_string):
    response = client.get("/km/search/", QUERY_STRING=query_string)
    assert response.status_code in (200, 400), response.status_code
    soup = page_soup(response, status=response.status_code)
    assert len(soup.find_all("h1")) == 1
    if response.status_code == 400:
        assert soup.find(attrs={"role": "alert"})


@pytest.mark.django_db
def test_no_csrf_token_is_needed(site, canned_service):
    response = Client(enforce_csrf_checks=True).get("/en/search/", {"q": "welding"})
    soup = page_soup(response)
    assert soup.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None


# ---------- Results and facets (the service's answer given) ----------


@pytest.mark.django_db
def test_results_show_what_a_teacher_needs(client, site, canned_service):
    soup = page_soup(client.get("/en/search/?q=electric"))
    results = soup.find("section", class_="discovery__results")
    assert "45 resources found" in text_of(results)
    (item,) = results.select("ol.results > li")
    link = item.find("h3").find("a")
    assert link["href"] == "/en/resources/vientiane-tc/electric-vehicle-maintenance/"
    assert link["lang"] == "en"
    # The highlighted passages are the engine's HTML: <mark> is kept, nothing else added.
    assert [m.get_text() for m in link.find_all("mark")] == ["Electric"]
    snippet = item.find("p", class_="result__snippet")
    assert [m.get_text() for m in snippet.find_all("mark")] == ["electric"]
    assert text_of(snippet) == "the electric drive & its battery"
    assert text_of(item.find("p", class_="result__type")) == "Course"
    facts = {text_of(div.dt): div.dd for div in item.select("dl.result__facts > div")}
    assert text_of(facts["Language"]) == "English"
    also = facts["Also in"].find_all("span")
    assert [(s["lang"], s.get_text()) for s in also] == [("zh-Hans", "简体中文"), ("lo", "ລາວ")]
    assert text_of(facts["Institution"]) == "Vientiane Technical College"
    assert text_of(facts["Countries"]) == "Laos"
    assert text_of(facts["Identifier"]) == "LM-CRS-EV-1"


@pytest.mark.django_db
def test_text_without_highlights_is_escaped(client, site, monkeypatch):
    def search(query):
        result = canned_result(query, count=1)
        hit = result.results[0]
        hit.title = "<b>Bold</b> & <script>alert(1)</script>"
        hit.highlight = {}
        return result

    monkeypatch.setattr(service, "search", search)
    html = client.get("/en/search/?q=bold").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "Batteries &amp; motors &lt;safely&gt;." in html  # the summary, escaped


@pytest.mark.django_db
def test_the_type_label_is_translated(client, site, canned_service):
    soup = page_soup(client.get("/km/search/?q=electric"))
    assert text_of(soup.find("p", class_="result__type")) == translated("km", "Course")


@pytest.mark.django_db
def test_facets_are_checkbox_groups_of_the_same_get_form(client, site, canned_service):
    soup = page_soup(client.get("/en/search/?q=electric&type=course&country=LA"))
    form = soup.find("form", class_="discovery")
    assert form["method"] == "get"
    facets = form.find("aside", class_="facets")
    groups = facets.find_all("fieldset")
    assert [text_of(group.legend) for group in groups] == ["Resource type", "Country", "Language"]
    for box in facets.find_all("input", type="checkbox"):
        label = facets.find("label", attrs={"for": box["id"]})
        assert re.search(r"\(\d+\)$", text_of(label)), text_of(label)
    assert checked(form, "type") == {"course"}
    assert checked(form, "country") == {"LA"}
    assert checked(form, "language") == set()
    standard = facets.find("label", attrs={"for": form.find("input", value="standard")["id"]})
    assert text_of(standard) == "Vocational standard (15)"
    lao = facets.find("input", attrs={"name": "language", "value": "lo"})
    assert facets.find("label", attrs={"for": lao["id"]}).span["lang"] == "lo"
    apply = facets.find("button", type="submit")
    assert text_of(apply) == "Apply filters"
    clear = facets.find("a", class_="facets__clear")
    assert parse_qs(urlsplit(clear["href"]).query) == {"q": ["electric"]}


@pytest.mark.django_db
def test_submitting_the_form_without_javascript_keeps_the_choices(client, site, canned_service):
    soup = page_soup(client.get("/en/search/?q=electric&type=course&sort=newest"))
    form = soup.find("form", class_="discovery")
    # A visitor also ticks Lao and submits.
    form.find("input", attrs={"name": "language", "value": "lo"})["checked"] = ""
    submitted = form_submission(form)
    assert parse_qs(submitted) == {
        "q": ["electric"],
        "sort": ["newest"],
        "type": ["course"],
        "language": ["lo"],
    }
    again = page_soup(client.get(form["action"] + "?" + submitted))
    assert checked(again, "type") == {"course"}
    assert checked(again, "language") == {"lo"}
    assert again.find("option", value="newest").has_attr("selected")
    _answers, queries = canned_service
    assert queries[-1].filters == {"type": ("course",), "language": ("lo",)}


@pytest.mark.django_db
def test_chosen_filters_stay_checked_even_without_counts(client, site, canned_service):
    answers, _queries = canned_service
    answers.update(count=0, facets={})
    soup = page_soup(client.get("/en/search/?q=x&tag=welding&type=material&language=lo"))
    assert checked(soup, "tag") == {"welding"}
    assert checked(soup, "type") == {"material"}
    assert checked(soup, "language") == {"lo"}
    labels = [text_of(label) for label in soup.select(".facets label")]
    assert "Teaching material (0)" in labels and "ລາວ (0)" in labels


@pytest.mark.django_db
def test_pagination_keeps_the_search_and_the_filters(client, site, canned_service):
    soup = page_soup(client.get("/en/search/?q=electric&type=course&type=standard&page=2"))
    pagination = soup.find("nav", class_="pagination")
    current = pagination.find("a", attrs={"aria-current": "page"})
    assert parse_qs(urlsplit(current["href"]).query)["page"] == ["2"]
    following = pagination.find("a", rel="next")
    assert parse_qs(urlsplit(following["href"]).query) == {
        "q": ["electric"],
        "type": ["course", "standard"],
        "page": ["3"],
    }
    pages = {parse_qs(urlsplit(a["href"]).query)["page"][0] for a in pagination.find_all("a")}
    assert pages == {"1", "2", "3"}  # 45 results, 20 a page
    assert soup.find("ol", class_="results")["start"] == "21"


@pytest.mark.django_db
def test_a_page_past_the_last_says_so_and_links_to_the_first(client, site, canned_service):
    answers, _queries = canned_service
    answers.update(count=5, shown=0)
    soup = page_soup(client.get("/en/search/?q=electric&page=3"), status=200)
    empty = soup.find(class_="discovery__empty")
    assert "There are no results on this page." in text_of(empty)
    assert parse_qs(urlsplit(empty.a["href"]).query) == {"q": ["electric"]}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "lo", "zh-hans"])
def test_no_results_says_so(client, site, monkeypatch, lang):
    monkeypatch.setattr(
        service, "search", lambda query: DiscoveryResult(query, 0, [], {}, degraded=False)
    )
    soup = page_soup(client.get(f"/{lang}/search/?q=nothing"))
    message = text_of(soup.find(class_="discovery__empty"))
    assert translated(lang, "No resources match your search.") in message
    assert soup.find("ol", class_="results") is None
    assert soup.find("nav", class_="pagination") is None


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "lo", "km", "my"])
def test_a_degraded_answer_is_announced(client, site, canned_service, lang):
    answers, _queries = canned_service
    answers.update(degraded=True)
    soup = page_soup(client.get(f"/{lang}/search/?q=electric"))
    notice = text_of(soup.find(class_="notice--warning"))
    expected = translated(lang, "The full search engine is unavailable; showing simpler results.")
    assert notice == expected
    if lang != "en":
        assert notice != "The full search engine is unavailable; showing simpler results."


@pytest.mark.django_db
def test_a_full_answer_has_no_notice(client, site, canned_service):
    soup = page_soup(client.get("/en/search/?q=electric"))
    assert soup.find(class_="notice") is None


# ---------- Real results from the engine ----------


@pytest.fixture
def indexed_library(site, db, request):
    """The library in this module's site, then the discovery index built from it."""
    library = build_library(site)
    request.getfixturevalue("discovery_index")
    return library


@pytest.mark.engine
def test_finds_and_highlights_real_resources(client, indexed_library):
    soup = page_soup(client.get("/en/search/", {"q": "electric vehicle"}))
    assert soup.find(class_="notice--warning") is None
    links = {text_of(a): a for a in soup.select("ol.results h3 a")}
    link = links["Electric vehicle maintenance"]
    assert link["href"].endswith(indexed_library["course_en"].get_url())
    item = link.find_parent("li")
    assert item.find("mark")
    facts = {text_of(div.dt): div.dd for div in item.select("dl.result__facts > div")}
    also = {span["lang"]: span.get_text() for span in facts["Also in"].find_all("span")}
    assert also == {"zh-Hans": "简体中文", "lo": "ລາວ"}
    assert text_of(facts["Institution"])


@pytest.mark.engine
def test_real_facets_filter_without_javascript(client, indexed_library):
    soup = page_soup(client.get("/en/search/", {"q": "welding", "type": "standard"}))
    assert checked(soup, "type") == {"standard"}
    titles = [text_of(a) for a in soup.select("ol.results h3 a")]
    assert titles == ["Welding occupational standard"]
    course_box = soup.find("input", attrs={"name": "type", "value": "course"})
    label = soup.find("label", attrs={"for": course_box["id"]})
    assert text_of(label).endswith("(3)")
    # Ticking "course" too and submitting finds all four.
    course_box["checked"] = ""
    form = soup.find("form", class_="discovery")
    again = page_soup(client.get(form["action"] + "?" + form_submission(form)))
    assert checked(again, "type") == {"standard", "course"}
    assert len(again.select("ol.results > li")) == 4


@pytest.mark.engine
def test_real_results_page_with_their_filters(client, indexed_library):
    soup = page_soup(client.get("/en/search/", {"q": "welding", "page_size": 2}))
    assert len(soup.select("ol.results > li")) == 2
    following = soup.find("nav", class_="pagination").find("a", rel="next")
    assert parse_qs(urlsplit(following["href"]).query) == {
        "q": ["welding"],
        "page_size": ["2"],
        "page": ["2"],
    }
    second = page_soup(client.get("/en/search/" + following["href"]))
    assert len(second.select("ol.results > li")) == 2


@pytest.mark.engine
def test_real_results_in_lao(client, indexed_library):
    soup = page_soup(client.get("/lo/search/", {"type": "course"}))
    titles = [text_of(a) for a in soup.select("ol.results h3 a")]
    assert "ການສ້ອມແປງລົດໄຟຟ້າ" in titles
    types = {text_of(p) for p in soup.select("p.result__type")}
    assert types == {translated("lo", "Course")}
