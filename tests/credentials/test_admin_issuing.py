"""Issuing a certificate from a certification page in the admin: only the institution's
certificate issuers see the buttons and reach the form; the learner is e-mailed their link in
the certificate's language; the Certificates list shows only the user's institutions'."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from credentials.issuing import Learner, issue
from credentials.models import IssuedCredential
from credentials.views import page_url
from tests import factories
from tests.helpers import certificate_issuer

pytestmark = pytest.mark.django_db

LAO_TITLE = "ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ"


def issuer_of(certification, username):
    return certificate_issuer(certification.institution, username)


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lao_issuer(catalogue):
    return issuer_of(catalogue["ev_certification"], "issuer.la")


@pytest.fixture
def thai_issuer(catalogue):
    return issuer_of(catalogue["welding_certification"], "issuer.th")


@pytest.fixture
def lao_editor(catalogue):
    """An editor of the Lao college who is not one of its certificate issuers."""
    return factories.institution_member(catalogue["ev_certification"].institution, "editor.la")


def form_data(**overrides):
    data = {
        "learner_name": "Somphone Vongsa",
        "identifier": "somphone@example.la",
        "achieved_on": "2026-06-30",
        "result": "Distinction",
        "language": "lo",
    }
    return {**data, **overrides}


def test_an_issuer_issues_one_certificate_and_the_learner_gets_the_link_in_lao(
    catalogue, lao_issuer, django_capture_on_commit_callbacks
):
    certification = catalogue["ev_certification"]
    client = client_of(lao_issuer)
    url = reverse("dlm_certificate_issue", args=[certification.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["language"] == certification.locale.language_code

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data())

    credential = IssuedCredential.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dlm_certificate", args=[credential.pk])
    assert credential.learner_name == "Somphone Vongsa"
    assert credential.language == "lo"
    assert credential.issued_by == lao_issuer
    # The address is not kept: only the salted hash the credential carries.
    assert credential.identifier_type == "emailAddress"
    assert "somphone@example.la" not in str(IssuedCredential.objects.values().get())

    link = page_url(credential, "lo")
    assert "/lo/credentials/" in link
    [message] = mail.outbox
    assert message.to == ["somphone@example.la"]
    assert LAO_TITLE in message.subject
    assert link in message.body
    assert LAO_TITLE in message.body

    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]][0].count(link) == 2  # text and href
    assert link in page.content.decode()


def test_a_learner_number_is_not_e_mailed(
    catalogue, lao_issuer, django_capture_on_commit_callbacks
):
    certification = catalogue["ev_certification"]
    with django_capture_on_commit_callbacks(execute=True):
        client_of(lao_issuer).post(
            reverse("dlm_certificate_issue", args=[certification.pk]),
            form_data(identifier="LA-2026-000123", language="en"),
        )
    credential = IssuedCredential.objects.get()
    assert credential.identifier_type == "nationalIdentityNumber"
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("achieved_on", (timezone.localdate() + timedelta(days=1)).isoformat()),
        ("achieved_on", ""),
        ("learner_name", "  "),
        ("identifier", "not an address@"),
        ("language", "fr"),
    ],
)
def test_the_form_refuses_what_cannot_be_issued(catalogue, lao_issuer, field, value):
    certification = catalogue["ev_certification"]
    response = client_of(lao_issuer).post(
        reverse("dlm_certificate_issue", args=[certification.pk]), form_data(**{field: value})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not IssuedCredential.objects.exists()


def test_the_buttons_show_for_the_institutions_issuers_on_live_certifications_only(
    catalogue, lao_issuer, lao_editor, thai_issuer
):
    certification = catalogue["ev_certification"]
    edit = reverse("wagtailadmin_pages:edit", args=[certification.pk])
    issue_url = reverse("dlm_certificate_issue", args=[certification.pk])
    assert issue_url in client_of(lao_issuer).get(edit).content.decode()
    assert issue_url not in client_of(lao_editor).get(edit).content.decode()

    explorer = reverse("wagtailadmin_explore", args=[certification.get_parent().pk])
    assert issue_url in client_of(lao_issuer).get(explorer).content.decode()
    assert issue_url not in client_of(lao_editor).get(explorer).content.decode()

    draft = catalogue["draft_certification"]
    draft_edit = client_of(lao_issuer).get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert reverse("dlm_certificate_issue", args=[draft.pk]) not in draft_edit.content.decode()


def test_a_draft_or_private_certification_cannot_be_issued(catalogue, lao_issuer):
    client = client_of(lao_issuer)
    for name in ("draft_certification", "private_certification"):
        page = catalogue[name]
        response = client.post(reverse("dlm_certificate_issue", args=[page.pk]), form_data())
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not IssuedCredential.objects.exists()


def test_anyone_not_among_the_institutions_issuers_gets_403(
    catalogue, lao_editor, thai_issuer, lao_issuer
):
    certification = catalogue["ev_certification"]
    for user in (lao_editor, thai_issuer):
        client = client_of(user)
        for name in ("dlm_certificate_issue", "dlm_certificate_bulk_issue"):
            url = reverse(name, args=[certification.pk])
            assert client.get(url).status_code == 403, (user, name)
            assert client.post(url, form_data()).status_code == 403, (user, name)
    assert not IssuedCredential.objects.exists()
    # Not a certification: nothing to issue, even for an issuer (not found; Django's
    # LocaleMiddleware first tries the address under a language).
    standard = catalogue["ev_standard"]
    url = reverse("dlm_certificate_issue", args=[standard.pk])
    assert client_of(lao_issuer).get(url, follow=True).status_code == 404


def issued(certification, user, name, **fields):
    learner = Learner(name=name, achieved_on=fields.pop("achieved_on", date(2026, 5, 4)),
                      language=fields.pop("language", "en"), **fields)  # fmt: skip
    return issue(certification, learner, user)


def test_the_list_shows_only_the_users_institutions_certificates(
    catalogue, lao_issuer, thai_issuer, lao_editor
):
    lao = issued(catalogue["ev_certification"], lao_issuer, "Somphone Vongsa")
    issued(catalogue["electrician_certification"], lao_issuer, "Noy Keomany")
    thai = issued(catalogue["welding_certification"], thai_issuer, "Somchai Jaidee")
    url = reverse("dlm_certificates")

    page = client_of(lao_issuer).get(url).content.decode()
    assert "Somphone Vongsa" in page and "Noy Keomany" in page
    assert "Somchai Jaidee" not in page
    thai_page = client_of(thai_issuer).get(url).content.decode()
    assert "Somchai Jaidee" in thai_page and "Somphone Vongsa" not in thai_page

    # Each other's certificates, by a guessed id: refused.
    assert client_of(thai_issuer).get(reverse("dlm_certificate", args=[lao.pk])).status_code == 403
    assert client_of(lao_issuer).get(reverse("dlm_certificate", args=[thai.pk])).status_code == 403
    assert client_of(thai_issuer).get(reverse("dlm_certificate", args=[thai.pk])).status_code == 200
    # No issuer at all: the list and the menu are not theirs.
    assert client_of(lao_editor).get(url).status_code == 403
    dashboard = client_of(lao_editor).get(reverse("wagtailadmin_home")).content.decode()
    assert url not in dashboard
    assert url in client_of(lao_issuer).get(reverse("wagtailadmin_home")).content.decode()


def test_the_list_filters_by_certification_status_and_name(catalogue, lao_issuer):
    ev, electrician = catalogue["ev_certification"], catalogue["electrician_certification"]
    issued(ev, lao_issuer, "Somphone Vongsa")
    revoked = issued(ev, lao_issuer, "Bounmy Phommachanh")
    revoked.revoked_at = timezone.now()
    revoked.save()
    issued(electrician, lao_issuer, "Noy Keomany")
    client = client_of(lao_issuer)

    def names(**query):
        response = client.get(reverse("dlm_certificates"), query)
        return sorted(c.learner_name for c in response.context["page_obj"])

    assert names() == ["Bounmy Phommachanh", "Noy Keomany", "Somphone Vongsa"]
    assert names(certification=str(ev.translation_key)) == [
        "Bounmy Phommachanh",
        "Somphone Vongsa",
    ]
    assert names(status="revoked") == ["Bounmy Phommachanh"]
    assert names(status="valid") == ["Noy Keomany", "Somphone Vongsa"]
    assert names(q="somphone") == ["Somphone Vongsa"]
    assert names(certification="not-a-key") == []


def test_the_export_is_the_institutions_and_escapes_formulas(
    catalogue, lao_issuer, thai_issuer, lao_editor
):
    issued(catalogue["ev_certification"], lao_issuer, '=HYPERLINK("http://evil")', result="+1")
    issued(catalogue["welding_certification"], thai_issuer, "Somchai Jaidee")
    response = client_of(lao_issuer).get(reverse("dlm_certificate_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["name"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["result"] == "'+1"
    assert rows[0]["certification"] == "LM-CERT-EV"
    assert rows[0]["status"] == "Valid"
    assert client_of(lao_editor).get(reverse("dlm_certificate_export")).status_code == 403
