"""Revoking a certificate and withdrawing its public page from the admin: a reason and a
confirmation for revoking, a POST with its CSRF token, an audit entry saying who, when and
why; verification then says "revoked"; a withdrawn page is not found. Only the institution's
certificate issuers may, whatever id they try."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from credentials.issuing import Learner, issue
from credentials.models import IssuedCredential
from credentials.verification import verify
from credentials.views import page_url
from tests import factories
from tests.helpers import certificate_issuer

pytestmark = pytest.mark.django_db


def issuer_of(certification, username):
    return certificate_issuer(certification.institution, username)


def client_of(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def lao_issuer(catalogue):
    return issuer_of(catalogue["ev_certification"], "issuer.la")


@pytest.fixture
def thai_issuer(catalogue):
    return issuer_of(catalogue["welding_certification"], "issuer.th")


@pytest.fixture
def credential(catalogue, lao_issuer):
    learner = Learner(name="Somphone Vongsa", achieved_on=date(2026, 6, 30), language="lo")
    return issue(catalogue["ev_certification"], learner, lao_issuer)


def test_revoking_asks_for_a_reason_and_confirmation(credential, lao_issuer):
    client = client_of(lao_issuer)
    url = reverse("dlm_certificate_revoke", args=[credential.pk])
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "Somphone Vongsa" in confirmation.content.decode()
    credential.refresh_from_db()
    assert not credential.revoked  # a GET changes nothing

    for reason in ("", "   "):
        response = client.post(url, {"reason": reason})
        assert response.status_code == 200
        assert "reason" in response.context["form"].errors
    credential.refresh_from_db()
    assert not credential.revoked
    assert verify(credential.signed).verdict == "valid"


def test_revoking_is_audited_and_verification_then_says_revoked(credential, lao_issuer):
    client = client_of(lao_issuer)
    response = client.post(
        reverse("dlm_certificate_revoke", args=[credential.pk]),
        {"reason": "Assessment irregularity"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dlm_certificate", args=[credential.pk])
    credential.refresh_from_db()
    assert credential.revoked_by == lao_issuer
    assert credential.revocation_reason == "Assessment irregularity"
    assert verify(credential.signed).verdict == "revoked"

    entry = ModelLogEntry.objects.for_instance(credential).get(action="credentials.revoke")
    assert entry.user == lao_issuer
    assert entry.data == {"reason": "Assessment irregularity"}
    assert abs((entry.timestamp - credential.revoked_at).total_seconds()) < 60

    detail = client.get(response["Location"])
    page = detail.content.decode()
    assert detail.context["status"] == "Revoked"
    assert [e.action for e in detail.context["log_entries"]] == [
        "credentials.revoke",
        "credentials.issue",
    ]
    assert "Assessment irregularity" in page
    assert "Certificate revoked" in page
    # Revoked already: no second revocation.
    assert reverse("dlm_certificate_revoke", args=[credential.pk]) not in page


def test_revoking_without_the_csrf_token_is_refused(credential, lao_issuer):
    client = client_of(lao_issuer, enforce_csrf_checks=True)
    for name, data in (
        ("dlm_certificate_revoke", {"reason": "Forged request"}),
        ("dlm_certificate_withdraw", {}),
    ):
        assert client.post(reverse(name, args=[credential.pk]), data).status_code == 403
    credential.refresh_from_db()
    assert not credential.revoked and credential.page_withdrawn_at is None


def test_withdrawing_the_page_makes_the_public_link_not_found(credential, lao_issuer):
    public = page_url(credential)
    assert Client().get(public).status_code == 200
    client = client_of(lao_issuer)
    url = reverse("dlm_certificate_withdraw", args=[credential.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    credential.refresh_from_db()
    assert credential.page_withdrawn_at is not None
    assert Client().get(public).status_code == 404
    assert (
        Client().get(reverse("credential_json", args=[credential.public_token])).status_code == 404
    )
    # The file the learner holds still verifies.
    assert verify(credential.signed).verdict == "valid"
    entry = ModelLogEntry.objects.for_instance(credential).get(action="credentials.withdraw_page")
    assert entry.user == lao_issuer
    detail = client.get(reverse("dlm_certificate", args=[credential.pk]))
    assert detail.context["status"] == "Page withdrawn"


def test_another_institutions_issuer_is_refused_whatever_the_id(catalogue, credential, thai_issuer):
    client = client_of(thai_issuer)
    missing = IssuedCredential.objects.order_by("-pk").first().pk + 1000
    for object_id in (credential.pk, missing):
        for name in ("dlm_certificate", "dlm_certificate_revoke", "dlm_certificate_withdraw"):
            url = reverse(name, args=[object_id])
            assert client.get(url).status_code == 403, url
            assert client.post(url, {"reason": "Not mine"}).status_code == 403, url
    credential.refresh_from_db()
    assert not credential.revoked and credential.page_withdrawn_at is None
    assert verify(credential.signed).verdict == "valid"


def test_an_editor_who_is_not_an_issuer_is_refused(catalogue, credential):
    editor = factories.institution_member(catalogue["ev_certification"].institution, "editor.la")
    client = client_of(editor)
    for name in ("dlm_certificate", "dlm_certificate_revoke", "dlm_certificate_withdraw"):
        url = reverse(name, args=[credential.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "No"}).status_code == 403
    credential.refresh_from_db()
    assert not credential.revoked
