from django.apps import AppConfig


class InteropConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interop"
    verbose_name = "Interoperability"

    def ready(self):
        from interop.oai import signals  # noqa: F401 — connects the receivers
