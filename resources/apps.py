from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "resources"
    verbose_name = "Resources"

    def ready(self):
        from digital_lm import front_cache  # noqa: F401 — purges the front cache
        from resources.editorial import signals  # noqa: F401 — connects the receivers
