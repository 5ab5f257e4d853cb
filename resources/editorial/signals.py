"""Keep the editorial setup in step: a new institution gets its section, groups, collection and
workflows; a new section (or a translation of one) gets its institution's permissions. A page
sent back by a later review step is told to the reviewers of the earlier steps."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import WorkflowState
from wagtail.signals import workflow_rejected

from resources.models import Institution, InstitutionEditorial, ResourceIndexPage

from .notifications import earlier_reviewers_rejection_notifier
from .setup import grant_section, setup_institution

workflow_rejected.connect(
    earlier_reviewers_rejection_notifier,
    sender=WorkflowState,
    dispatch_uid="dlm-rejection-to-earlier-reviewers",
)


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
