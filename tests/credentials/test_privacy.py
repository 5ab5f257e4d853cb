"""A certificate's page is reachable only through its unguessable link: crawlers are kept out,
no list, index, feed, harvest or API of the site names a learner, the page and what goes with
it are kept by no shared cache, indexed by no search engine and sent to no other site as a
referrer. A learner may have the page withdrawn: its link then answers as a wrong one, while
the signed file they hold still verifies."""

import json
from datetime import date
from urllib.robotparser import RobotFileParser

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.index import get_indexed_models

from credentials.issuing import Learner, issue, withdraw_page
from credentials.models import IssuedCredential
from credentials.views import page_url
from digital_lm.languages import LANGUAGE_CODES
from tests.helpers import soup, text_of

pytestmark = pytest.mark.django_db

# Nobody else is called this: wherever it shows up, it came from the certificate.
LEARNER = "Xaysomphou Zvongkhamxay"


@pytest.fixture
def credential(certification, issuer_user):
    return issue(
        certification,
        Learner(
            name=LEARNER,
            achieved_on=date(2026, 1, 15),
            language="th",
            identifier="xaysomphou@example.la",
        ),
        issuer_user,
    )


def addresses(credential, language="en"):
    token = credential.public_token
    return {
        "page": f"/{language}/credentials/{token}/",
        "json": f"/credentials/{token}.json",
        "qr": f"/credentials/{token}/qr.svg",
        "pdf": f"/{language}/credentials/{token}/certificate.pdf",
    }


def test_robots_keep_crawlers_out_of_certificates_and_verification(client, credential):
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())

    token = credential.public_token
    assert not robots.can_fetch("*", f"/credentials/{token}.json")
    assert not robots.can_fetch("*", f"/credentials/{token}/qr.svg")
    assert not robots.can_fetch("*", "/credentials/issuers/some-college/did.json")
    for language in LANGUAGE_CODES:
        assert not robots.can_fetch("*", f"/{language}/credentials/{token}/")
        assert not robots.can_fetch("*", f"/{language}/credentials/{token}/certificate.pdf")
        assert not robots.can_fetch("*", f"/{language}/verify/")
        assert not robots.can_fetch("*", f"/{language}/verify/?url=x")
        assert robots.can_fetch("*", f"/{language}/")


def test_no_list_index_feed_harvest_or_api_names_a_learner(client, credential, certification):
    call_command("sync_oai_records", verbosity=0)
    title = certification.title
    answers = {
        "sitemap index": "/sitemap.xml",
        "robots": "/robots.txt",
        "content API pages": "/api/v2/pages/?limit=100",
        "content API search": f"/api/v2/pages/?search={LEARNER}",
        "content API certification": f"/api/v2/pages/{certification.pk}/",
        "OAI-PMH records": "/oai/?verb=ListRecords&metadataPrefix=oai_dc",
        "OAI-PMH identifiers": "/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc",
        "discovery API": f"/api/discovery/?q={title}",
        "search page": f"/en/search/?q={title}",
        "certification page": certification.url,
    }
    for language in LANGUAGE_CODES:
        answers[f"RSS {language}"] = f"/feeds/{language}/rss/"
        answers[f"Atom {language}"] = f"/feeds/{language}/atom/"
    sitemap = client.get("/sitemap.xml").content.decode()
    for location in sitemap.split("<loc>")[1:]:
        address = location.split("</loc>")[0]
        answers[address] = address

    for what, address in answers.items():
        response = client.get(address)
        assert response.status_code == 200, (what, address, response.status_code)
        content = response.content.decode()
        assert LEARNER not in content, what
        assert credential.public_token not in content, what
        assert "xaysomphou" not in content.lower(), what

    # Searching for the learner finds nothing: their name is in no search index.
    found = client.get("/api/discovery/", {"q": LEARNER}).json()
    assert found["count"] == 0 and not found["results"]
    assert not Page.objects.search(LEARNER)
    assert IssuedCredential not in get_indexed_models()


@pytest.mark.parametrize("front_cache", [False, True])
def test_the_page_and_what_goes_with_it_are_private_and_not_indexed(
    client, credential, settings, front_cache
):
    if front_cache:  # the front cache's middleware must not make them public
        settings.WAGTAILFRONTENDCACHE = {
            "front": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": "http://front.invalid",
            }
        }
    for what, address in addresses(credential).items():
        if what == "pdf":
            continue  # printed by credentials.printing: its own tests
        response = client.get(address)
        assert response.status_code == 200, what
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, what
        assert "public" not in cache_control and "s-maxage" not in cache_control, what
        assert "noindex" in response["X-Robots-Tag"], what
        assert response["Referrer-Policy"] == "no-referrer", what
    page = soup(client.get(addresses(credential)["page"]))
    assert "noindex" in page.select_one('meta[name="robots"]')["content"]


def test_a_wrong_link_answers_not_found_and_tells_nothing(client, credential):
    wrong = IssuedCredential(public_token=credential.public_token[:-4] + "AAAA")
    for what, address in addresses(wrong).items():
        response = client.get(address)
        assert response.status_code == 404, what
        assert LEARNER not in response.content.decode(), what
    assert client.get("/credentials/short.json").status_code == 404


def test_a_withdrawn_page_answers_as_a_wrong_link_and_the_file_still_verifies(
    client, credential, issuer_user
):
    signed = client.get(addresses(credential)["json"]).content
    withdraw_page(credential, issuer_user)

    wrong = IssuedCredential(public_token=credential.public_token[:-4] + "AAAA")
    for what, address in addresses(credential).items():
        response = client.get(address)
        unknown = client.get(addresses(wrong)[what])
        assert response.status_code == unknown.status_code == 404, what
        assert LEARNER not in response.content.decode(), what
        assert response.get("Content-Type") == unknown.get("Content-Type"), what

    answer = client.post("/api/credentials/verify", signed, content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()["verdict"] == "valid"
    pasted = soup(client.post("/en/verify/", {"credential": signed.decode()}))
    assert pasted.select_one("#verification-result")["data-verdict"] == "valid"

    # Its link, given to the verification page, says why it cannot be checked from there.
    by_link = soup(client.get("/en/verify/", {"url": page_url(credential)}))
    result = by_link.select_one("#verification-result")
    assert result["data-verdict"] == "page_withdrawn"
    assert "withdrawn" in text_of(result) and "file they hold" in text_of(result)
    assert LEARNER not in str(by_link)
    api_by_link = client.post(
        "/api/credentials/verify", {"url": page_url(credential)}, content_type="application/json"
    )
    assert api_by_link.json()["verdict"] == "page_withdrawn"


def test_the_certificate_keeps_the_learners_identifier_only_hashed(credential):
    stored = json.dumps(credential.signed) + credential.identifier_hash
    assert "xaysomphou@example.la" not in stored
    assert credential.identifier_hash.startswith("sha256$")
    assert timezone.now() >= credential.issued_at
