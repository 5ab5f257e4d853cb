"""The e-mail that gives a learner the link to their certificate, in the certificate's language.

The address is used once, when the certificate is stored (on commit: a certificate rolled back
sends nothing), and never kept: the certificate keeps only its salted hash.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from credentials.views import page_url

logger = logging.getLogger(__name__)


def certificate_mail(credential, address):
    """The message to ``address`` about ``credential``, in the certificate's language."""
    signed = credential.signed
    with translation.override(credential.language):
        context = {
            "learner_name": credential.learner_name,
            "certification": signed.get("name", ""),
            "institution": signed.get("issuer", {}).get("name", ""),
            "achieved_on": credential.achieved_on,
            "url": page_url(credential, credential.language),
        }
        subject = _("Your certificate: %(certification)s") % context
        body = render_to_string("credentials/emails/certificate_link.txt", context)
    return EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [address])


def send_link(credential, address):
    """Send the link; a mail server that fails is logged, not raised: the certificate is issued
    and its link is in the admin for the issuer to pass on."""
    try:
        certificate_mail(credential, address).send()
    except Exception:  # noqa: BLE001 — whatever the mail server says, the certificate stands
        logger.exception("The link to certificate %s could not be e-mailed", credential.uuid)
        return False
    return True


def send_link_on_commit(credential, learner):
    """E-mail ``learner`` (when their identifier is an e-mail address) once the certificate
    is stored; whether a message is due."""
    address = learner.email
    if not address:
        return False
    transaction.on_commit(lambda: send_link(credential, address))
    return True
