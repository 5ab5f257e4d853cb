from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = _("Verifiable certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from credentials import signals

        signals.connect_after_migrate(self)
