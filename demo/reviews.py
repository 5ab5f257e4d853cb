"""Two of the demo institution's resources waiting for review, one of them past its service
level, so that a newcomer signing in as its reviewer sees "Your reviews" at work."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Page

from digital_lm.languages import DEFAULT_LANGUAGE
from resources.models import CoursePage, Institution, VocationalStandardPage

from .users import DEMO_INSTITUTION

EDITOR = "pakpasak.editor"
OVERDUE_BY = timedelta(days=10)  # more than the institution's 5 working days


def submit_demo_reviews():
    """Submit a course and a standard of the demo institution for review as its editor, the
    course ten days ago; nothing if the demo institution already has a review under way.
    Returns the titles submitted."""
    editor = get_user_model().objects.filter(username=EDITOR).first()
    institution = Institution.objects.filter(slug=DEMO_INSTITUTION).order_by("pk").first()
    if editor is None or institution is None:
        return []
    keys = Institution.objects.filter(translation_key=institution.translation_key)
    originals = {
        model: model.objects.live()
        .filter(institution__in=keys, locale__language_code=DEFAULT_LANGUAGE)
        .order_by("path")
        for model in (CoursePage, VocationalStandardPage)
    }
    pages = [queryset.first() for queryset in originals.values()]
    pages = [page for page in pages if page is not None]
    if any(Page.objects.get(pk=page.pk).workflow_in_progress for page in pages):
        return []
    for number, page in enumerate(pages):
        # The editor's draft, the page as it is: the import still finds it unchanged.
        page.save_revision(user=editor)
        # Nobody is e-mailed (the quick start would print the mails): the dashboard says it.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            state = page.get_workflow().start(page, editor)
        if number == 0:
            started = timezone.now() - OVERDUE_BY
            step = state.current_task_state
            step.started_at = started
            step.save(update_fields=["started_at"])
            state.created_at = started
            state.save(update_fields=["created_at"])
    return [page.title for page in pages]
