"""Member repositories harvested over OAI-PMH, each harvest's record, and what they hold.

An ``ExternalResource`` is one harvested record (one translation): shown in search with its
origin and linking to the original, never hosted here. Records of one resource (linked by
``dc:relation``) share a ``translation_key``, as the translations of a page do, so discovery
shows one hit per resource in the visitor's language.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from harvesting.messages import shown

METADATA_PREFIXES = [("oai_dc", "oai_dc (Dublin Core)")]


class HarvestSource(models.Model):
    """A member's OAI-PMH repository and where its harvest stands."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Shown next to each of its resources, e.g. “Lao-German TVET DSpace”."),
    )
    base_url = models.URLField(
        _("OAI-PMH base URL"),
        max_length=500,
        help_text=_("e.g. https://dspace.example.edu/oai/request"),
    )
    metadata_prefix = models.CharField(
        _("metadata format"), max_length=40, choices=METADATA_PREFIXES, default="oai_dc"
    )
    set_spec = models.CharField(
        _("set"), max_length=200, blank=True, help_text=_("Harvest only this set; empty: all.")
    )
    institution = models.ForeignKey(
        "resources.Institution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("institution"),
        help_text=_("The member institution whose repository this is (its facet in search)."),
    )
    enabled = models.BooleanField(_("harvest on schedule"), default=True)
    interval_hours = models.PositiveIntegerField(
        _("every (hours)"), default=24, help_text=_("How often the scheduled harvest runs.")
    )
    # Where the harvest stands: the next incremental harvest asks ``from`` the newest datestamp
    # of the last complete one; a harvest cut short resumes at its saved resumption token.
    harvested_until = models.DateTimeField(null=True, blank=True, editable=False)
    resumption_token = models.TextField(blank=True, editable=False)
    resume_from = models.DateTimeField(null=True, blank=True, editable=False)
    resume_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_run_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("base_url"),
        FieldPanel("metadata_prefix"),
        FieldPanel("set_spec"),
        FieldPanel("institution"),
        FieldPanel("enabled"),
        FieldPanel("interval_hours"),
    ]

    class Meta:
        verbose_name = _("harvested repository")
        verbose_name_plural = _("harvested repositories")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_due(self, now=None):
        now = now or timezone.now()
        if not self.enabled:
            return False
        if self.resumption_token or self.last_run_at is None:
            return True
        return self.last_run_at + timedelta(hours=self.interval_hours) <= now


class HarvestRun(models.Model):
    """One harvest of a source: what it found, changed and could not read."""

    RUNNING, COMPLETE, FAILED = "running", "complete", "failed"
    STATUS_CHOICES = [
        (RUNNING, _("Running")),
        (COMPLETE, _("Complete")),
        (FAILED, _("Failed")),
    ]

    source = models.ForeignKey(
        HarvestSource, on_delete=models.CASCADE, related_name="runs", verbose_name=_("repository")
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Saved with each page harvested: a run "running" without news for long was cut short.
    last_page_at = models.DateTimeField(_("last page"), auto_now=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=RUNNING)
    incremental_from = models.DateTimeField(_("changes since"), null=True, blank=True)
    resumed = models.BooleanField(_("resumed"), default=False)
    created = models.PositiveIntegerField(_("added"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    deleted = models.PositiveIntegerField(_("deleted"), default=0)
    failed = models.PositiveIntegerField(_("bad records"), default=0)
    # What went wrong, translated when shown (harvesting.messages): the run's message, and
    # [{"identifier": ..., "text": ..., "params": ...}] per bad record, the first MAX_ERRORS.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.JSONField(_("message"), default=dict, blank=True)

    MAX_ERRORS = 200

    class Meta:
        verbose_name = _("harvest run")
        verbose_name_plural = _("harvest runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.source} · {self.started_at:%Y-%m-%d %H:%M}"

    def add_error(self, identifier, report):
        """Count a bad record, and keep its report (harvesting.messages.note)."""
        self.failed += 1
        if len(self.errors) < self.MAX_ERRORS:
            self.errors.append({"identifier": identifier, **report})

    def message_shown(self):
        return shown(self.message)

    message_shown.short_description = _("message")

    def errors_shown(self):
        return "\n".join(f"{error['identifier']}: {shown(error)}" for error in self.errors)

    errors_shown.short_description = _("errors")


class ExternalResource(models.Model):
    """One harvested record: a resource in one language, kept at its origin."""

    source = models.ForeignKey(
        HarvestSource,
        on_delete=models.CASCADE,
        related_name="resources",
        verbose_name=_("repository"),
    )
    identifier = models.CharField(_("OAI identifier"), max_length=500)
    translation_key = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    language = models.CharField(_("language"), max_length=16, db_index=True)
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("original"), max_length=1000)
    related_urls = models.JSONField(default=list, blank=True)
    resource_type = models.CharField(_("type"), max_length=40, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    countries = models.JSONField(default=list, blank=True)
    subjects = models.JSONField(default=list, blank=True)
    rights = models.CharField(_("rights"), max_length=500, blank=True)
    datestamp = models.DateTimeField(_("changed at the origin"))
    harvested_at = models.DateTimeField(_("harvested"), auto_now=True)

    class Meta:
        verbose_name = _("external resource")
        verbose_name_plural = _("external resources")
        ordering = ["source", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "identifier"], name="unique_external_record_per_source"
            )
        ]
        indexes = [models.Index(fields=["source", "url"])]

    def __str__(self):
        return self.title
