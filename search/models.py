from django.db import models
from django.utils import timezone


class PendingIndexUpdate(models.Model):
    """A resource whose discovery documents must be recomputed: the durable outbox between
    the content (PostgreSQL) and the index. One row per resource however often it changes;
    a row is deleted only once the engine has acknowledged the update."""

    translation_key = models.UUIDField(unique=True)
    requested_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "pending discovery index update"

    def __str__(self):
        return f"{self.translation_key} (attempts: {self.attempts})"
