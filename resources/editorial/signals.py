"""Keep the editorial setup in step: a new institution gets its section, groups, collection and
workflows; a new section (or a translation of one) gets its institution's permissions."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from resources.models import Institution, InstitutionEditorial, ResourceIndexPage

from .setup import grant_section, setup_institution


@receiver(post_save, sender=Institution)
def institution_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        setup_institution(instance)


@receiver(post_save, sender=ResourceIndexPage)
def section_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.institution_id:
        return
    # The section above decides, even for a section saved without its checks (clean=False).
    institution = ResourceIndexPage.institution_above(instance)
    editorial = InstitutionEditorial.for_institution(institution)
    if editorial is not None:
        grant_section(editorial, instance)
