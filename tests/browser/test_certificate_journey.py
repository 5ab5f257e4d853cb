"""Verifiable certificates, end to end in a real browser: an editor issues a certification to two
learners from a file; a learner opens their certificate, downloads the signed JSON and the
printable PDF; an employer verifies in Thai; the institution revokes one; verification says so.

Screenshots of every step: test-artifacts/test_certificate_issued_verified_and_revoked/.
"""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale

from credentials.issuers import issuer_for
from credentials.models import IssuedCredential
from credentials.presentation import describe
from credentials.verification import REVOKED, VALID, VERDICTS
from resources.models import InstitutionEditorial
from tests import factories
from tests.browser.accounts import log_in, make_user

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    expect = None

pytestmark = pytest.mark.browser

LAO_LEARNER = "ສົມພອນ ວົງສາ"
LAO_EMAIL = "somphone.vongsa@example.la"
THAI_LEARNER = "สมชาย ใจดี"
THAI_NUMBER = "TH-2026-000456"
REASON = "The practical test was assessed by an examiner without accreditation."


@pytest.fixture
def institution(django_db_serialized_rollback, live_server):
    """The certification catalogue (the EV certification, published in Chinese, Lao and Thai,
    at LNQF level 3 = AQRF 3, assessing a standard with competency units) and an editor of the
    Vientiane college who is also one of its certificate issuers."""
    catalogue = factories.build_certification_catalogue()
    certification = catalogue["ev_certification"]
    institution = certification.institution
    editor = make_user("somsak.editor", InstitutionEditorial.for_institution(institution).editors)
    editor.groups.add(issuer_for(institution).issuers)
    return {**catalogue, "certification": certification, "editor": editor, "url": live_server.url}


def learners_csv(achieved_on):
    out = io.StringIO(newline="")
    csv.writer(out).writerows(
        [
            ["name", "identifier", "achieved_on", "result", "language"],
            [LAO_LEARNER, LAO_EMAIL, achieved_on.isoformat(), "Distinction", "lo"],
            [THAI_LEARNER, THAI_NUMBER, achieved_on.isoformat(), "", "th"],
        ]
    )
    return out.getvalue().encode("utf-8")


def in_thai(text):
    with translation.override("th"):
        return str(text)


def verify_file(tab, base, name, content):
    """On /th/verify/, upload ``content`` as the certificate file and submit."""
    tab.goto(f"{base}/th/verify/")
    tab.locator("#verify-file").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": content}
    )
    tab.locator("form[data-verify-form] button[type=submit]").click()
    return tab.locator("#verification-result")


def test_certificate_issued_verified_and_revoked(
    page, screenshot, visitor, institution, mailoutbox
):
    base, certification = institution["url"], institution["certification"]
    achieved_on = timezone.localdate() - timedelta(days=7)

    # 1. The editor signs in and opens the certification in the admin: it can be issued.
    log_in(page, base, institution["editor"].username)
    page.goto(f"{base}/admin/pages/{certification.pk}/edit/")
    issue_from_file = page.locator("[data-dlm-issue-certificates]")
    if not issue_from_file.is_visible():  # the header's buttons may sit in its "more" menu
        page.locator("header [aria-label='Actions']").first.click()
    expect(issue_from_file).to_be_visible()
    screenshot("admin-certification-issue-buttons")
    issue_from_file.click()

    # 2. They upload a file of two learners: one Lao (e-mail), one Thai (learner number).
    page.get_by_label("File of learners").set_input_files(
        {"name": "learners.csv", "mimeType": "text/csv", "buffer": learners_csv(achieved_on)}
    )
    screenshot("bulk-issue-file-chosen")
    page.get_by_role("button", name="Check the file").click()
    preview = page.locator("[data-dlm-bulk-preview]")
    expect(preview.locator("tbody tr")).to_have_count(2)
    expect(preview.locator("tbody tr").nth(0)).to_contain_text(LAO_LEARNER)
    expect(preview.locator("tbody tr").nth(0)).to_contain_text(LAO_EMAIL)
    expect(preview.locator("tbody tr").nth(1)).to_contain_text(THAI_LEARNER)
    assert IssuedCredential.objects.count() == 0  # nothing is issued before confirming
    screenshot("bulk-issue-preview")
    page.locator("[data-dlm-confirm-bulk]").click()

    # The list of the institution's certificates, both valid.
    expect(page.locator(".messages")).to_contain_text("2 certificates issued.")
    expect(page.locator(".messages")).to_contain_text("1 learner is being e-mailed their link.")
    listing = page.locator("[data-dlm-certificates]")
    for name in (LAO_LEARNER, THAI_LEARNER):
        expect(listing.locator("tr", has_text=name)).to_contain_text("Valid")
    screenshot("certificates-issued")
    lao = IssuedCredential.objects.get(learner_name=LAO_LEARNER)
    thai = IssuedCredential.objects.get(learner_name=THAI_LEARNER)
    assert (lao.language, thai.language) == ("lo", "th")
    assert lao.issued_by == institution["editor"]
    # The live server runs in this process, with the locmem backend: the Lao learner's link
    # went out to their address, in their certificate's language; the Thai learner gave no
    # address, so nothing.
    [message] = mailoutbox
    assert message.to == [LAO_EMAIL]
    with translation.override("lo"):
        subject = gettext("Your certificate: %(certification)s") % {
            "certification": lao.signed["name"]
        }
    assert message.subject == " ".join(subject.split())
    assert f"/lo/credentials/{lao.public_token}/" in message.body
    assert LAO_LEARNER in message.body
    assert LAO_EMAIL not in json.dumps(lao.signed)  # only its salted hash is signed

    # The admin's certificate page gives the learner's link.
    listing.get_by_role("link", name=LAO_LEARNER).click()
    expect(page.locator("[data-dlm-status]")).to_have_text("Valid")
    link = page.locator("[data-dlm-public-link]").get_attribute("href")
    assert link.endswith(f"/lo/credentials/{lao.public_token}/")
    screenshot("admin-certificate-detail")

    # 3. The Lao learner opens their link (here on the live server): their name and the
    # certification's name in Lao, and "valid".
    learner = visitor()
    lao_page = f"{base}/lo/credentials/{lao.public_token}/"
    learner.goto(lao_page)
    lao_title = certification.get_translation(Locale.objects.get(language_code="lo")).title
    with translation.override("lo"):
        valid_in_lao = str(VERDICTS[VALID])
    expect(learner.locator("h1")).to_have_text(lao_title)
    expect(learner.locator(".certificate__learner")).to_have_text(LAO_LEARNER)
    expect(learner.locator("#verification-result")).to_have_attribute("data-verdict", VALID)
    expect(learner.locator("#verification-result h2")).to_have_text(valid_in_lao)
    expect(learner.locator("img.certificate__qr")).to_be_visible()
    assert learner.locator("img.certificate__qr").evaluate("image => image.naturalWidth") > 0
    screenshot("learner-certificate-page-lao", learner)

    # They download the signed certificate: an OpenBadgeCredential with its proof.
    with learner.expect_download() as download_info:
        learner.locator(".certificate__actions a[download]").click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{lao.uuid}.json"
    lao_json = download.path().read_bytes()
    signed = json.loads(lao_json)
    assert "OpenBadgeCredential" in signed["type"]
    assert signed["proof"]["type"] == "DataIntegrityProof"
    assert signed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert signed["credentialSubject"]["achievement"]["nameMap"]["lo"] == lao_title
    assert signed == lao.signed

    # They print it: the printable certificate is a PDF.
    pdf_url = learner.locator(".certificate__actions a[href$='.pdf']").get_attribute("href")
    assert pdf_url == f"/lo/credentials/{lao.public_token}/certificate.pdf"
    pdf = learner.request.get(base + pdf_url)
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    assert len(pdf.body()) > 5_000
    # Printed from the browser, the page keeps the certificate and drops the site's menus.
    learner.emulate_media(media="print")
    expect(learner.locator(".language-switcher")).to_be_hidden()
    expect(learner.locator("article.certificate")).to_be_visible()
    screenshot("learner-certificate-page-print-media", learner)
    learner.emulate_media(media="screen")

    # The Thai learner downloads theirs too (they will show it to an employer in Thailand).
    thai_learner = visitor()
    thai_learner.goto(f"{base}/th/credentials/{thai.public_token}/")
    expect(thai_learner.locator(".certificate__learner")).to_have_text(THAI_LEARNER)
    with thai_learner.expect_download() as download_info:
        thai_learner.locator(".certificate__actions a[download]").click()
    thai_json = download_info.value.path().read_bytes()
    assert json.loads(thai_json) == thai.signed
    screenshot("thai-learner-certificate-page", thai_learner)

    # 4. An employer in Thailand verifies the Thai learner's file on /th/verify/: authentic
    # and valid, said in Thai, with what the certificate means (level, AQRF level, standards).
    employer = visitor()
    with translation.override("th"):
        meaning = describe(thai.signed, "th")
        labels = [gettext("National qualification level"), gettext("ASEAN reference level")]
    assert meaning["national_level"] and meaning["aqrf_level"] and meaning["standards"]
    result = verify_file(employer, base, "thai.json", thai_json)
    expect(employer.locator("html")).to_have_attribute("lang", re.compile("^th"))
    expect(result).to_have_attribute("data-verdict", VALID)
    expect(result.locator("h2")).to_have_text(in_thai(VERDICTS[VALID]))
    says = employer.locator("section.certificate")
    expect(says.locator(".certificate__learner")).to_have_text(THAI_LEARNER)
    expect(says).to_contain_text(meaning["name"])  # the certification's Thai name
    for text in (*labels, meaning["national_level"], meaning["aqrf_level"]):
        expect(says).to_contain_text(text)
    [standard] = meaning["standards"]
    standards = says.locator(".certificate__standards")
    expect(standards).to_contain_text(standard["targetName"])
    assert [unit["targetCode"] for unit in standard["units"]] == ["EV-01", "EV-02"]
    for unit in standard["units"]:
        expect(standards).to_contain_text(f"{unit['targetCode']} · {unit['targetName']}")
    screenshot("employer-verifies-thai-learner-in-thai", employer)
    # The Lao learner's file, uploaded there too, is as good.
    result = verify_file(employer, base, "lao.json", lao_json)
    expect(result).to_have_attribute("data-verdict", VALID)
    expect(says.locator(".certificate__learner")).to_have_text(LAO_LEARNER)
    screenshot("employer-verifies-lao-learner-in-thai", employer)

    # 5. The institution revokes the Thai learner's certificate, with a reason.
    page.goto(f"{base}/admin/certificates/{thai.pk}/")
    page.get_by_role("link", name="Revoke").click()
    page.get_by_label("Reason for revoking").fill(REASON)
    screenshot("admin-revoke-confirm")
    page.get_by_role("button", name="Yes, revoke it").click()
    expect(page.locator(".messages")).to_contain_text("is revoked: verifying it now says so")
    expect(page.locator("[data-dlm-status]")).to_have_text("Revoked")
    expect(page.locator("[data-dlm-certificate]")).to_contain_text(REASON)
    expect(page.locator("[data-dlm-history]")).to_contain_text(REASON)
    screenshot("admin-certificate-revoked")
    thai.refresh_from_db()
    assert thai.revoked_at is not None

    # The employer verifies the same file again: revoked, and since when, in Thai.
    result = verify_file(employer, base, "thai.json", thai_json)
    expect(result).to_have_attribute("data-verdict", REVOKED)
    expect(result.locator("h2")).to_have_text(in_thai(VERDICTS[REVOKED]))
    with translation.override("th"):
        revoked_on = gettext("Revoked on %(date)s.") % {
            "date": formats.date_format(timezone.localtime(thai.revoked_at), "DATE_FORMAT")
        }
    expect(result).to_contain_text(revoked_on)
    screenshot("employer-sees-revoked-in-thai", employer)
    # The Lao learner's certificate is untouched.
    result = verify_file(employer, base, "lao.json", lao_json)
    expect(result).to_have_attribute("data-verdict", VALID)
