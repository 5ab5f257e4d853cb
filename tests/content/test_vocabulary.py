"""Resource types declared once, by their page models: everything that lists them (the
importer, the search, the catalogue) reads them there, and the catalogue names them as the
search does in its URLs ("?type=course"), its old model names ("?type=coursepage") redirected
for good."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import translation
from django.utils.text import capfirst

from digital_lm.languages import LANGUAGE_CODES
from discovery.params import InvalidQuery, parse_query
from resources.importing.columns import ALL_COLUMNS, SPECIFIC_COLUMNS, TYPES
from resources.models import (
    CertificationPage,
    CoursePage,
    TeachingMaterialPage,
    VocationalStandardPage,
)
from resources.models.base import resource_page_models, resource_type, resource_types
from tests import factories
from tests.helpers import soup, text_of

TYPE_NAMES = ["course", "standard", "material", "certification"]


# ---------- Resource types ----------


def test_the_resource_types_are_their_page_models_in_their_order():
    assert [kind.name for kind in resource_types()] == TYPE_NAMES
    assert [kind.model for kind in resource_types()] == resource_page_models()
    assert resource_type("course").model is CoursePage
    assert resource_type("standard").model is VocationalStandardPage
    assert resource_type("material").model is TeachingMaterialPage
    assert resource_type("certification").model is CertificationPage
    assert resource_type("coursepage") is None
    assert resource_type("video") is None


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_a_type_is_labelled_by_its_models_verbose_names(lang):
    with translation.override(lang):
        for kind in resource_types():
            assert kind.label == capfirst(kind.model._meta.verbose_name)
            assert kind.plural_label == capfirst(kind.model._meta.verbose_name_plural)


def test_the_importer_reads_the_types_and_their_columns_from_the_models():
    assert list(TYPES) == TYPE_NAMES
    for kind in resource_types():
        assert SPECIFIC_COLUMNS[kind.name] == list(kind.model.import_columns)
        for column in kind.model.import_columns:
            assert column in ALL_COLUMNS
            kind.model._meta.get_field(column)  # each fills a field of its name


def test_the_search_accepts_every_type_and_no_other():
    assert parse_query({"type": ",".join(TYPE_NAMES)}).filters["type"] == tuple(TYPE_NAMES)
    for refused in ("coursepage", "video"):
        with pytest.raises(InvalidQuery):
            parse_query({"type": refused})


# ---------- The catalogue's type parameter ----------


@pytest.fixture
def catalogue(site_tree):
    section, institution = site_tree["section"], site_tree["institution"]
    course = factories.published_resource(section, title="Welding basics", institution=institution)
    certification = factories.published_resource(
        section,
        factories.CertificationPageFactory,
        title="Certified welder",
        institution=institution,
    )
    return {"section": section, "course": course, "certification": certification}


def card_titles(page):
    return {text_of(card.select_one(".card__title")) for card in page.select(".resource-card")}


@pytest.mark.django_db
def test_the_catalogue_filters_by_the_public_type_name(client, catalogue):
    section = catalogue["section"]

    assert card_titles(soup(client.get(section.url, {"type": "certification"}))) == {
        "Certified welder"
    }
    assert card_titles(soup(client.get(section.url, {"type": "course"}))) == {"Welding basics"}
    assert card_titles(soup(client.get(section.url, {"type": "video"}))) == set()


@pytest.mark.django_db
def test_the_catalogues_type_links_use_the_public_type_names(client, catalogue):
    page = soup(client.get(catalogue["section"].url, {"tag": "welding"}))

    links = [link["href"] for link in page.select(".filters__list a")]
    assert links == ["?tag=welding"] + [f"?tag=welding&type={name}" for name in TYPE_NAMES]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old, new",
    [
        ("coursepage", "course"),
        ("vocationalstandardpage", "standard"),
        ("teachingmaterialpage", "material"),
        ("certificationpage", "certification"),
    ],
)
def test_the_old_type_parameter_is_redirected_for_good(client, catalogue, old, new):
    section = catalogue["section"]

    response = client.get(section.url, {"tag": "welding", "type": old, "page": "2"})

    assert response.status_code == 301
    location = urlsplit(response["Location"])
    assert location.path == section.url
    assert parse_qsl(location.query) == [("tag", "welding"), ("type", new), ("page", "2")]


@pytest.mark.django_db
def test_the_redirect_leads_to_the_filtered_catalogue(client, catalogue):
    response = client.get(catalogue["section"].url, {"type": "certificationpage"}, follow=True)

    assert response.redirect_chain == [(f"{catalogue['section'].url}?type=certification", 301)]
    assert card_titles(soup(response)) == {"Certified welder"}
