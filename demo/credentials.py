"""A few certificates of the demo institution's certification, issued by its editor (whom the
demo makes one of its certificate issuers) to learners with Lao and Thai names, one of them
revoked: so that a newcomer has a certificate page to open, verify and print, and the
admin's certificate lists are not empty."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from credentials.issuers import issuer_for
from credentials.issuing import Learner, issue, revoke
from credentials.models import IssuedCredential
from digital_lm.languages import DEFAULT_LANGUAGE
from resources.models import CertificationPage, Institution

from .users import DEMO_INSTITUTION

ISSUER = "pakpasak.editor"
# (name, certificate language, achieved so many days ago, result, reason it was revoked).
# Dates count back from the day the demo is loaded, so that no demo certificate has expired.
LEARNERS = [
    ("ບຸນມີ ສີສຸພັນ", "lo", 45, "ຜ່ານ ດີເດັ່ນ", ""),
    ("Khamla Phommachanh", "en", 60, "Pass", ""),
    (
        "ศิริพร ชัยสิทธิ์",
        "th",
        90,
        "ผ่าน",
        "Issued by mistake: the practical assessment was not completed.",
    ),
]


def demo_certification():
    """The demo institution's first published certification (its Chinese original)."""
    institution = Institution.objects.filter(slug=DEMO_INSTITUTION).order_by("pk").first()
    if institution is None:
        return None
    return (
        CertificationPage.objects.live()
        .public()
        .filter(
            institution__translation_key=institution.translation_key,
            locale__language_code=DEFAULT_LANGUAGE,
        )
        .order_by("path")
        .first()
    )


def issue_demo_certificates():
    """Make the demo editor one of the demo institution's certificate issuers, and issue its
    certificates to the demo learners who have none yet (revoking the one to be revoked).
    Returns the demo certificates, in the order of LEARNERS; none without the editor."""
    editor = get_user_model().objects.filter(username=ISSUER).first()
    certification = demo_certification()
    if editor is None or certification is None:
        return []
    issuer = issuer_for(certification.institution)
    editor.groups.add(issuer.issuers)
    today = timezone.localdate()
    certificates = []
    for name, language, days_ago, result, revocation_reason in LEARNERS:
        certificate = IssuedCredential.objects.filter(
            issuer=issuer, certification_key=certification.translation_key, learner_name=name
        ).first()
        if certificate is None:
            learner = Learner(
                name=name,
                achieved_on=today - timedelta(days=days_ago),
                language=language,
                result=result,
            )
            certificate = issue(certification, learner, editor)
        if revocation_reason and not certificate.revoked:
            certificate = revoke(certificate, editor, revocation_reason)
        certificates.append(certificate)
    return certificates
