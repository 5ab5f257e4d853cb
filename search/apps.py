from django.apps import AppConfig
from django.core import checks

from search.checks import language_analyzers_check


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Discovery"

    def ready(self):
        from search import signals  # noqa: F401 — connects the lifecycle receivers

        checks.register(language_analyzers_check)
