"""Each institution gets its group of certificate issuers when it is saved, so administrators can
add people to it before anything is issued."""

from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from credentials.issuers import ensure_issuers, issuer_for
from resources.models import Institution


@receiver(post_save, sender=Institution)
def institution_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        issuer_for(instance)


def after_migrate(sender, **kwargs):
    ensure_issuers()


def connect_after_migrate(app_config):
    # Sent once per app: listen to this app's own, when its permission exists.
    post_migrate.connect(after_migrate, sender=app_config)
