"""Seven languages: every public URL under its prefix, Lao a real Django language, the root
URL following the visitor's browser, and durations said in each language."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.timesince import timesince
from wagtail.models import Locale

from digital_lm.languages import LANGUAGE_CODES


def test_the_seven_alliance_languages_with_chinese_first():
    assert [code for code, _ in settings.LANGUAGES] == LANGUAGE_CODES
    assert LANGUAGE_CODES == ["zh-hans", "en", "th", "vi", "lo", "km", "my"]
    assert settings.LANGUAGE_CODE == "zh-hans"


def test_lao_is_a_real_django_language():
    info = translation.get_language_info("lo")
    assert info["name_local"] == "ລາວ"
    assert translation.check_for_language("lo"), "compile locale/lo (scripts/bootstrap.sh)"
    with translation.override("lo"):
        assert translation.get_language() == "lo"


@pytest.mark.django_db
def test_every_language_has_a_wagtail_locale():
    assert set(Locale.objects.values_list("language_code", flat=True)) >= set(LANGUAGE_CODES)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "accept_language, expected",
    [
        ("lo-LA,lo;q=0.9,en;q=0.5", "/lo/"),
        ("km", "/km/"),
        ("my-MM", "/my/"),
        ("th-TH,th;q=0.9", "/th/"),
        ("vi", "/vi/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("de-DE,fr;q=0.5", "/zh-hans/"),  # nothing we speak: the default
        ("", "/zh-hans/"),
    ],
)
def test_root_url_redirects_to_the_browser_language(client, site_tree, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert client.get(expected).status_code == 200


@pytest.mark.django_db
def test_pages_are_not_served_without_a_language_prefix(client, site_tree):
    response = client.get("/resources/", HTTP_ACCEPT_LANGUAGE="lo")
    assert response.status_code == 302
    assert response["Location"] == "/lo/resources/"


@pytest.mark.parametrize(
    ("lang", "unit"),
    [("th", "สัปดาห์"), ("lo", "ອາທິດ"), ("km", "សប្តាហ៍"), ("my", "ပတ်"), ("vi", "tuần")],
)
def test_how_long_ago_reads_in_the_users_language_not_in_chinese(lang, unit):
    # "Waiting since", "updated 3 days ago": Django's catalogues of these languages lack the
    # time units, which then came from the site's default language.
    nine_days = timezone.now() - datetime.timedelta(days=9, hours=3)
    with translation.override(lang):
        said = timesince(nine_days)
    assert said.startswith(f"1\xa0{unit}") and "周" not in said and "日" not in said
