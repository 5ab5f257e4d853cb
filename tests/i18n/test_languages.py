"""Seven languages: every public URL under its prefix, Lao a real Django language, and the
root URL following the visitor's browser."""

import pytest
from django.conf import settings
from django.utils import translation
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
