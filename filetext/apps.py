from django.apps import AppConfig


class FileTextConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "filetext"
    verbose_name = "Text of files"

    def ready(self):
        from filetext import signals  # noqa: F401 — queues extraction when a file changes
