from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digital_lm.languages import LANGUAGES

# Index entries stay well under PostgreSQL's btree limit (about 2,700 bytes) even in
# four-byte characters: the unique constraint covers both.
MAX_TEXT_LENGTH = 100
MAX_FILTERS_LENGTH = 300


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


class DailySearches(models.Model):
    """How often a search was made on a day: no address, user, session, browser or time of
    day, only what was asked and how it went. One row per day and distinct search, with a
    counter, rather than one per search: the table grows with the vocabulary, not the
    traffic."""

    day = models.DateField(_("day"))  # the unique index leads with it
    # Normalised (discovery.analytics.text.normalized), empty for browsing by filters alone.
    text = models.CharField(_("search text"), max_length=MAX_TEXT_LENGTH, blank=True)
    query_language = models.CharField(
        _("query language"),
        max_length=10,
        blank=True,
        choices=LANGUAGES,
        help_text=_("Detected from the script of the text; empty when it says nothing."),
    )
    visitor_language = models.CharField(_("visitor language"), max_length=10, choices=LANGUAGES)
    filters = models.CharField(_("filters"), max_length=MAX_FILTERS_LENGTH, blank=True)
    degraded = models.BooleanField(
        _("degraded"), default=False, help_text=_("Answered by the database, not the engine.")
    )
    searches = models.PositiveIntegerField(_("searches"), default=0)
    result_count = models.PositiveIntegerField(
        _("result count"), default=0, help_text=_("Results of the latest of these searches.")
    )

    class Meta:
        verbose_name = _("daily searches")
        verbose_name_plural = _("daily searches")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "day",
                    "text",
                    "query_language",
                    "visitor_language",
                    "filters",
                    "degraded",
                ],
                name="unique_daily_searches",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.text!r} {self.query_language}: {self.searches}"
