"""The dashboard's "Your reviews": each step waiting with its due date and who holds it,
overdue first, with claim, release and (for the alliance and administrators) assign."""

from wagtail.admin.ui.components import Component

from .deadlines import (
    institution_names_by_workflow,
    may_manage,
    members_by_task,
    reviews_for_panel,
)

MOST_ROWS = 30  # the most urgent; the rest wait their turn


class YourReviewsPanel(Component):
    name = "your_reviews"
    template_name = "editorial/your_reviews.html"
    order = 215  # just above Wagtail's "Awaiting your review"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        rows = reviews_for_panel(user)
        shown = rows[:MOST_ROWS]
        managing = may_manage(user)
        members = members_by_task({row.task_state.task_id for row in shown}) if managing else {}
        institutions = institution_names_by_workflow() if shown else {}
        for row in shown:
            row.institution = institutions.get(row.task_state.workflow_state.workflow_id, "")
            row.candidates = candidates(row, members.get(row.task_state.task_id, []))
        return {
            "rows": shown,
            "more": len(rows) - len(shown),
            "managing": managing,
            "user": user,
            "next_url": request.get_full_path(),
            "csrf_token": parent_context.get("csrf_token"),
            "request": request,
        }


def candidates(row, members):
    """Who the step may be assigned to: its groups' members but the page's submitter and the
    revision's author (four eyes)."""
    state = row.task_state
    authors = {state.workflow_state.requested_by_id, state.revision.user_id}
    return [member for member in members if member.pk not in authors]
