"""A certificate of this repository found from a link to it (its page, its JSON or its QR code's
address): only the token in the path counts, and nothing is fetched."""

import re
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from credentials.models import IssuedCredential
from credentials.verification import Malformed


class PageWithdrawn(Malformed):
    """The link is a certificate's whose public page the learner had withdrawn."""


_TOKEN = re.compile(r"/credentials/([A-Za-z0-9_-]{16,64})(?:/|\.json$|/qr\.svg$)")


def credential_from_url(url):
    match = _TOKEN.search(urlsplit(url).path)
    if match is None:
        raise Malformed(_("This is not a link to a certificate of this repository."))
    credential = IssuedCredential.objects.filter(public_token=match.group(1)).first()
    if credential is None:
        raise Malformed(_("No certificate of this repository has this link."))
    if credential.page_withdrawn_at is not None:
        raise PageWithdrawn(
            _(
                "The learner asked for this certificate's public page to be withdrawn: verify "
                "the certificate file they hold instead."
            )
        )
    return credential
