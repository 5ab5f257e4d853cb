"""What the public sees of a certificate: the learner's page in the reader's language (the
certification's own name in it, what was checked, the QR code, the signed file and the PDF);
the verification page and API, which say in plain words whether what they are given is
valid, revoked, changed, expired, not JSON or not ours; and the issuers' documents, which
verifiers from anywhere read afresh each time."""

import copy
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from credentials.issuing import Learner, issue, revoke
from credentials.verification import VERDICTS
from credentials.views import page_url
from tests.helpers import soup, text_of

pytestmark = pytest.mark.django_db

THAI_NAME = "ใบรับรองช่างซ่อมรถยนต์ไฟฟ้า"  # the EV certification's Thai translation


@pytest.fixture
def credential(certification, issuer_user):
    return issue(
        certification,
        Learner(name="Somphone Vongsa", achieved_on=date(2026, 1, 15), language="lo"),
        issuer_user,
    )


def verdict_of(page):
    return page.select_one("#verification-result")["data-verdict"]


def said(language, verdict):
    with translation.override(language):
        return str(VERDICTS[verdict])


def test_the_learner_page_in_thai_names_the_certification_in_thai(client, credential):
    token = credential.public_token
    page = soup(client.get(f"/th/credentials/{token}/"))

    assert text_of(page.select_one("h1")) == THAI_NAME
    assert verdict_of(page) == "valid"
    assert said("th", "valid") in text_of(page.select_one("#verification-result"))
    checks = page.select(".verification__check")
    assert len(checks) >= 5
    assert all("verification__check--passed" in check["class"] for check in checks)
    assert "Somphone Vongsa" in text_of(page.select_one(".certificate__learner"))
    qr = page.select_one("img.certificate__qr")
    assert qr["src"] == f"/credentials/{token}/qr.svg" and qr["alt"]
    links = {a["href"] for a in page.select(".certificate__actions a")}
    assert f"/credentials/{token}.json" in links
    assert f"/th/credentials/{token}/certificate.pdf" in links

    image = client.get(qr["src"])
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
    signed = client.get(f"/credentials/{token}.json")
    assert signed.status_code == 200 and json.loads(signed.content) == credential.signed
    assert "attachment" in signed["Content-Disposition"]


def test_the_learner_page_says_when_the_certificate_was_revoked(client, credential, issuer_user):
    revoke(credential, issuer_user, "Assessment irregularity")
    page = soup(client.get(f"/en/credentials/{credential.public_token}/"))
    assert verdict_of(page) == "revoked"
    assert "Revoked on" in text_of(page.select_one("#verification-result"))


def post_verify(client, language, **data):
    return client.post(f"/{language}/verify/", data)


@pytest.mark.parametrize("language", ["th", "lo", "en"])
def test_the_verify_page_accepts_pasted_json_a_file_and_a_link(client, credential, language):
    text = json.dumps(credential.signed, ensure_ascii=False)
    assert soup(client.get(f"/{language}/verify/")).select_one("form.verify-form")

    pasted = soup(post_verify(client, language, credential=text))
    assert verdict_of(pasted) == "valid"
    assert said(language, "valid") in text_of(pasted.select_one("#verification-result"))
    assert "Somphone Vongsa" in text_of(pasted.select_one(".certificate__learner"))

    upload = SimpleUploadedFile("certificate.json", text.encode(), "application/json")
    assert verdict_of(soup(post_verify(client, language, file=upload))) == "valid"

    linked = soup(post_verify(client, language, url=page_url(credential)))
    assert verdict_of(linked) == "valid"
    by_address = soup(client.get(f"/{language}/verify/", {"url": page_url(credential, "th")}))
    assert verdict_of(by_address) == "valid"


@pytest.mark.parametrize("language", ["th", "lo", "en"])
def test_the_verify_page_says_revoked_changed_expired_unreadable_or_not_ours(
    client, certification, credential, issuer_user, language
):
    def verdict_for(document, status=200):
        text = document if isinstance(document, str) else json.dumps(document)
        response = post_verify(client, language, credential=text)
        page = soup(response, status)
        return verdict_of(page), text_of(page.select_one("#verification-result"))

    tampered = copy.deepcopy(credential.signed)
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    verdict, words = verdict_for(tampered)
    assert verdict == "invalid" and said(language, "invalid") in words
    # A forged certificate's words are not shown as what "this certificate says" (the pasted
    # text stays in its box).
    forged = soup(post_verify(client, language, credential=json.dumps(tampered)))
    assert forged.select_one(".certificate__learner") is None

    foreign = copy.deepcopy(credential.signed)
    foreign["issuer"]["id"] = "did:web:issuer.example.org"
    verdict, words = verdict_for(foreign)
    assert verdict == "unknown_issuer" and said(language, "unknown_issuer") in words

    verdict, words = verdict_for("{this is not json", status=400)
    assert verdict == "malformed" and said(language, "malformed") in words

    expired = issue(
        certification,
        Learner(name="Long Ago", achieved_on=date(2020, 1, 15), language="en"),
        issuer_user,
    )
    verdict, words = verdict_for(expired.signed)
    assert verdict == "expired" and said(language, "expired") in words

    revoke(credential, issuer_user, "Assessment irregularity")
    verdict, words = verdict_for(credential.signed)
    assert verdict == "revoked" and said(language, "revoked") in words


def test_the_verify_page_refuses_an_oversized_file_plainly(client):
    upload = SimpleUploadedFile("big.json", b" " * 300_000 + b"{}", "application/json")
    page = soup(post_verify(client, "en", file=upload), 400)
    assert verdict_of(page) == "malformed"
    assert "too long" in text_of(page.select_one("#verification-result"))


def test_the_api_answers_the_verdict_and_each_check_in_the_language_asked(
    client, credential, issuer_user
):
    response = client.post(
        "/api/credentials/verify?language=th", credential.signed, content_type="application/json"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    answer = response.json()
    assert answer["verdict"] == "valid"
    assert answer["message"] == said("th", "valid")
    assert {check["check"] for check in answer["checks"]} >= {"format", "issuer", "signature"}
    assert all(check["passed"] for check in answer["checks"])
    assert answer["certificate"]["name"] == THAI_NAME

    by_link = client.post(
        "/api/credentials/verify", {"url": page_url(credential)}, content_type="application/json"
    )
    assert by_link.json()["verdict"] == "valid"

    revoke(credential, issuer_user, "Assessment irregularity")
    again = client.post(
        "/api/credentials/verify?language=lo", credential.signed, content_type="application/json"
    )
    assert again.json()["verdict"] == "revoked"
    assert again.json()["message"] == said("lo", "revoked")


def test_the_api_refuses_what_is_not_a_certificate_plainly(client, credential):
    big = client.post(
        "/api/credentials/verify?language=en",
        json.dumps({"padding": "x" * 300_000}),
        content_type="application/json",
    )
    assert big.status_code == 413
    assert big.json()["verdict"] == "malformed"
    assert "too large" in big.json()["error"]
    assert big["Access-Control-Allow-Origin"] == "*"

    broken = client.post(
        "/api/credentials/verify?language=en", "{nope", content_type="application/json"
    )
    assert broken.status_code == 400
    assert broken.json()["verdict"] == "malformed"
    assert "not JSON" in broken.json()["error"]

    # An identifier the length of a UUID that is none, a key and an index in odd digits, and a
    # language we do not have: changed, and said so (no server error).
    odd = copy.deepcopy(credential.signed)
    odd["id"] = "urn:uuid:" + "z" * 36
    odd["proof"]["verificationMethod"] = odd["proof"]["verificationMethod"][:-1] + "²"
    odd["credentialStatus"]["statusListIndex"] = "²"
    for document in (odd, {**credential.signed, "id": "urn:uuid:" + "z" * 36}):
        response = client.post(
            "/api/credentials/verify?language=xx-nonsense",
            document,
            content_type="application/json",
        )
        assert response.status_code == 200
        assert response.json()["verdict"] == "invalid"
        assert response.json()["certificate"] is None


def test_issuer_documents_are_read_afresh_by_anyone(client, credential, issuer_user):
    issuer = credential.issuer
    did = client.get(f"/credentials/issuers/{issuer.slug}/did.json")
    status_list = client.get(credential.signed["credentialStatus"]["statusListCredential"])
    for response in (did, status_list):
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
        assert response["Access-Control-Allow-Origin"] == "*"
    assert did.json()["id"] == credential.signed["issuer"]["id"]
    assert status_list.json()["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert client.get("/credentials/issuers/no-such-college/did.json").status_code == 404
