"""The alliance termbase: concepts of the trades, with their names in the seven languages.

A search for a concept's name also looks for its names in the other languages
(discovery.termbase), so an English "welding" finds a resource written only in Lao.
"""

import uuid

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from digital_lm.languages import LANGUAGES
from discovery.normalize import search_text

# A new token on every change, so each process reloads its label table (discovery.termbase).
# A token, not a counter: a cleared or evicted cache then also reads as a change, where a
# counter restarting at 0 could match the version of a table loaded before it was cleared.
VERSION_CACHE_KEY = "termbase:version"


def label_key(text):
    """A label as a query is matched: Zawgyi converted, NFC, traditional Chinese simplified,
    case-folded, spaces collapsed."""
    return " ".join(search_text(text).casefold().split())


def termbase_version():
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_CACHE_KEY)
    return version


def bump_termbase_version(**kwargs):
    cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)


class TermConceptForm(WagtailAdminModelForm):
    """Checks the labels as a set, which no single label row can, and marks the concept as
    edited by people, so the seed leaves it alone from then on."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("labels")
        if formset is None or any(form.errors for form in formset.forms):
            return cleaned
        seen = set()
        kept = 0
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("label"):
                continue
            kept += 1
            key = (data.get("language"), label_key(data["label"]))
            if key in seen:
                form.add_error(
                    "label",
                    _("“%(label)s” is already a label of this concept in this language.")
                    % {"label": data["label"]},
                )
            seen.add(key)
        if not kept:
            self.add_error(None, _("A concept needs at least one label."))
        return cleaned

    def save(self, commit=True):
        self.instance.curated = True
        return super().save(commit=commit)


class TermConcept(ClusterableModel):
    KIND_CHOICES = [
        ("trade", _("Trade")),
        ("occupation", _("Occupation")),
        ("tool", _("Tool or equipment")),
        ("qualification", _("Qualification term")),
        ("place", _("Country or language")),
    ]

    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default="trade")
    note = models.TextField(
        _("note"), blank=True, help_text=_("What the concept covers, for other reviewers.")
    )
    source = models.CharField(
        _("source"),
        max_length=40,
        blank=True,
        help_text=_("Where a seeded concept came from; empty for concepts added by reviewers."),
    )
    source_key = models.CharField(max_length=100, blank=True, editable=False)
    curated = models.BooleanField(
        _("edited by a reviewer"),
        default=False,
        editable=False,
        help_text=_("The seed command leaves concepts edited by reviewers alone."),
    )

    panels = [
        FieldPanel("kind"),
        InlinePanel("labels", label=_("Labels"), min_num=1),
        FieldPanel("note"),
        FieldPanel("source", read_only=True),
    ]
    base_form_class = TermConceptForm

    class Meta:
        verbose_name = _("termbase concept")
        verbose_name_plural = _("termbase concepts")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_key"],
                condition=~models.Q(source_key=""),
                name="unique_termconcept_seed_key",
            )
        ]

    def __str__(self):
        labels = self.labels_in("en") or [label.label for label in self.labels.all()[:1]]
        return labels[0] if labels else f"#{self.pk}"

    def labels_in(self, language):
        return [label.label for label in self.labels.all() if label.language == language]

    def labels_in_your_language(self):
        """Shown first in the admin's list, where it links to the concept: never empty."""
        return ", ".join(self.labels_in(translation.get_language() or "en")) or str(self)

    labels_in_your_language.short_description = _("labels in your language")

    def english_labels(self):
        return ", ".join(self.labels_in("en"))

    english_labels.short_description = _("labels in English")


class TermLabel(Orderable):
    concept = ParentalKey(TermConcept, on_delete=models.CASCADE, related_name="labels")
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGES)
    label = models.CharField(_("label"), max_length=200)
    normalized = models.CharField(max_length=200, editable=False, db_index=True)

    panels = [FieldPanel("language"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        # No unique constraint on (concept, language, normalized): modelcluster's formset
        # would check it on the form's fields alone, refusing two labels in one language.
        # TermConceptForm refuses real duplicates.

    def __str__(self):
        return f"{self.label} ({self.language})"

    def save(self, *args, **kwargs):
        self.normalized = label_key(self.label)[:200]
        if kwargs.get("update_fields") is not None and "label" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "normalized"}
        super().save(*args, **kwargs)


post_save.connect(bump_termbase_version, sender=TermConcept)
post_delete.connect(bump_termbase_version, sender=TermConcept)
post_save.connect(bump_termbase_version, sender=TermLabel)
post_delete.connect(bump_termbase_version, sender=TermLabel)
