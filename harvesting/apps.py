from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarvestingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "harvesting"
    verbose_name = _("Harvesting")

    def ready(self):
        from harvesting import signals  # noqa: F401 — keeps the index in step with repositories
