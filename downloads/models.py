"""Download statistics: how often each file, and each course's whole-course ZIP, was downloaded
per day. No personal data: no addresses, no user ids, only what was downloaded, its language
and its publisher's country."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from digital_lm.languages import LANGUAGES
from resources.models.snippets import MEKONG_COUNTRIES


class Counts(models.Model):
    """What every daily count has: the day, the language, the publisher and the number."""

    day = models.DateField(_("day"), db_index=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGES)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        choices=sorted(MEKONG_COUNTRIES.items()),
        help_text=_("ISO code of the country of the institution that publishes the file."),
    )
    institution_key = models.UUIDField(
        _("institution"),
        null=True,
        blank=True,
        help_text=_("Translation key of the publishing institution (all its languages)."),
    )
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        abstract = True


class DailyDownloads(Counts):
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.CASCADE,
        related_name="daily_downloads",
        verbose_name=_("file"),
    )

    class Meta:
        # The table keeps the name it had when the model belonged to the resources app.
        db_table = "resources_dailydownloads"
        verbose_name = _("daily downloads")
        verbose_name_plural = _("daily downloads")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "document", "language", "country"],
                name="unique_daily_downloads",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.document_id} {self.language} {self.country}: {self.downloads}"


class DailyBundleDownloads(Counts):
    """Downloads of a course's files in one language as one ZIP (the language is the files')."""

    course = models.ForeignKey(
        "resources.CoursePage",
        on_delete=models.CASCADE,
        related_name="daily_bundle_downloads",
        verbose_name=_("course"),
    )

    class Meta:
        verbose_name = _("daily course ZIP downloads")
        verbose_name_plural = _("daily course ZIP downloads")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "course", "language", "country"],
                name="unique_daily_bundle_downloads",
            )
        ]

    def __str__(self):
        return (
            f"{self.day} course {self.course_id} {self.language} {self.country}: {self.downloads}"
        )
