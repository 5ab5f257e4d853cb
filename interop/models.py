"""What partner systems have been told: the state of each OAI-PMH record."""

from django.db import models


class OaiRecord(models.Model):
    """One translation of a resource as harvesters know it, kept after it stops being
    public, so that a harvester learns of a withdrawal (a "deleted" record) rather than
    keeping a copy forever: the repository declares deleted records "persistent".

    ``datestamp`` is when the record last changed for a harvester (UTC, whole seconds);
    ``fingerprint`` sums up what was published, so that a reconciliation only dates what
    really changed. The page id and translation key locate the content while it is public.
    """

    external_id = models.CharField(max_length=64)
    language = models.CharField(max_length=10)
    page_id = models.IntegerField(null=True, blank=True)
    translation_key = models.UUIDField(null=True, blank=True, db_index=True)
    datestamp = models.DateTimeField()
    deleted = models.BooleanField(default=False)
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["external_id", "language"], name="unique_oai_record_per_translation"
            )
        ]
        indexes = [models.Index(fields=["datestamp", "id"], name="oai_record_keyset")]

    def __str__(self):
        return f"{self.external_id}/{self.language}"


class OaiRecordSet(models.Model):
    """A set a record belongs to (its ``spec``, e.g. ``type:course``; its parent, ``type``,
    too, as a set contains its subsets), kept with deleted records so that a selective
    harvest learns of their withdrawal as well."""

    record = models.ForeignKey(OaiRecord, on_delete=models.CASCADE, related_name="sets")
    spec = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "spec"], name="unique_oai_record_set")
        ]
        indexes = [models.Index(fields=["spec"], name="oai_record_set_spec")]

    def __str__(self):
        return self.spec
