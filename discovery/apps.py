from django.apps import AppConfig
from django.core import checks

from discovery.checks import language_analyzers_check


class DiscoveryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "discovery"
    label = "search"  # kept: the migrations, permissions and tables are recorded under it
    verbose_name = "Discovery"

    def ready(self):
        from discovery import signals  # noqa: F401 — connects the lifecycle receivers

        checks.register(language_analyzers_check)
