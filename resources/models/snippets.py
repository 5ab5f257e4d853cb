"""Taxonomies shared by every resource: countries, institutions, sectors, qualification levels."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

# ISO 3166-1 alpha-2 codes of the six Lancang-Mekong countries.
MEKONG_COUNTRIES = {
    "CN": "China",
    "MM": "Myanmar",
    "LA": "Laos",
    "TH": "Thailand",
    "KH": "Cambodia",
    "VN": "Vietnam",
}

# National qualification frameworks: code -> (name, country, highest level).
# China's framework is its five vocational skill grades; the five ASEAN members reference
# their eight-level frameworks to the ASEAN Qualifications Reference Framework (AQRF).
NATIONAL_FRAMEWORKS = {
    "CN-VSL": (_("China national vocational skill levels"), "CN", 5),
    "MM-MNQF": (_("Myanmar National Qualifications Framework"), "MM", 8),
    "LA-LNQF": (_("Lao National Qualifications Framework"), "LA", 8),
    "TH-TQF": (_("Thailand National Qualifications Framework"), "TH", 8),
    "KH-CQF": (_("Cambodia Qualifications Framework"), "KH", 8),
    "VN-VQF": (_("Vietnamese Qualifications Framework"), "VN", 8),
}
AQRF_LEVELS = 8


class Country(TranslatableMixin, index.Indexed, models.Model):
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        choices=sorted(MEKONG_COUNTRIES.items()),
        help_text=_("ISO 3166-1 alpha-2 code; the same in every language."),
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("code"), FieldPanel("name")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="unique_country_code_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class Institution(TranslatableMixin, index.Indexed, models.Model):
    KIND_CHOICES = [
        ("college", _("Vocational college")),
        ("university", _("University")),
        ("company", _("Company")),
        ("organisation", _("Organisation")),
    ]

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Short stable identifier used in URLs and imports, e.g. 'yunnan-tvc'."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default="college")
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("country")
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_institution_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class Sector(TranslatableMixin, index.Indexed, models.Model):
    code = models.SlugField(
        _("code"), max_length=50, help_text=_("Stable identifier, e.g. 'electrical'.")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_sector_code_per_locale")
        ]

    def __str__(self):
        return self.name


class QualificationLevel(TranslatableMixin, models.Model):
    framework = models.CharField(
        _("national framework"),
        max_length=10,
        choices=[(code, name) for code, (name, _c, _m) in NATIONAL_FRAMEWORKS.items()],
    )
    level = models.PositiveSmallIntegerField(
        _("level in the national framework"), validators=[MinValueValidator(1)]
    )
    aqrf_level = models.PositiveSmallIntegerField(
        _("AQRF reference level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(AQRF_LEVELS)],
        help_text=_(
            "The ASEAN Qualifications Reference Framework level (1-8) this level is referenced "
            "to, where the framework has been referenced."
        ),
    )
    name = models.CharField(
        _("name"), max_length=150, help_text=_("e.g. 'Level 3 — Skilled worker'.")
    )

    panels = [
        FieldPanel("framework"),
        FieldPanel("level"),
        FieldPanel("aqrf_level"),
        FieldPanel("name"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("qualification level")
        verbose_name_plural = _("qualification levels")
        ordering = ["framework", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "level", "locale"], name="unique_level_per_framework_locale"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def framework_country_code(self):
        return NATIONAL_FRAMEWORKS[self.framework][1]

    def clean(self):
        super().clean()
        if self.framework in NATIONAL_FRAMEWORKS and self.level is not None:
            name, _country, highest = NATIONAL_FRAMEWORKS[self.framework]
            if not 1 <= self.level <= highest:
                raise ValidationError(
                    {
                        "level": _(
                            "%(framework)s has levels 1 to %(highest)d; %(level)d is outside it."
                        )
                        % {"framework": name, "highest": highest, "level": self.level}
                    }
                )
