"""My work: the pages an editor edited last, and the reviews waiting for them, in every
language, each list paginated on its own."""

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page

from digital_lm.languages import language_name
from resources.editorial.deadlines import page_in_review, tasks_waiting_for

PER_PAGE = 20
EDITED_PAGE_PARAM, WAITING_PAGE_PARAM = "edited", "waiting"

IN_REVIEW, LIVE_AND_DRAFT, LIVE, EXPIRED, DRAFT = (
    _("in review"),
    _("live + draft"),
    _("live"),
    _("expired"),
    _("draft"),
)


def last_edited_by(user):
    """Pages whose latest revision is ``user``'s, newest first, in every language."""
    return (
        Page.objects.filter(latest_revision__user=user, depth__gt=1)
        .select_related("locale", "latest_revision")
        .annotate(in_review=page_in_review())
        .order_by("-latest_revision__created_at", "-pk")
    )


def status_of(page):
    if page.in_review:
        return IN_REVIEW
    if page.live:
        return LIVE_AND_DRAFT if page.has_unpublished_changes else LIVE
    return EXPIRED if page.expired else DRAFT


def paginate(request, rows, param):
    """A page of ``rows`` (chosen by ``?<param>=``), with the links to its neighbours, which keep
    the other list where it is."""
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get(param))

    def link(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.previous_link = link(page.previous_page_number()) if page.has_previous() else None
    page.next_link = link(page.next_page_number()) if page.has_next() else None
    return page


class MyWorkView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("My work")
    header_icon = "user"
    template_name = "resources/admin/my_work.html"

    def get_context_data(self, **kwargs):
        user, request = self.request.user, self.request
        edited = paginate(request, last_edited_by(user), EDITED_PAGE_PARAM)
        for page in edited:
            page.status_label = status_of(page)
            page.language = language_name(page.locale.language_code)
        waiting = paginate(request, tasks_waiting_for(user), WAITING_PAGE_PARAM)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        for review in waiting:
            review.language = language_name(languages.get(review.page.locale_id, ""))
        return {
            **super().get_context_data(**kwargs),
            "edited": edited,
            "waiting": waiting,
        }


def menu_item():
    return MenuItem(_("My work"), reverse("dlm_my_work"), icon_name="user", order=150)
