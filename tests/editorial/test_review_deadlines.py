"""Due dates: a step is due its service level in working days (Monday to Friday) after it
started; the dashboard's "Your reviews" shows them, overdue first, in a fixed number of
queries; ``tasks_waiting_for`` lists what a reviewer may decide now."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.editorial import roles
from resources.editorial.claims import claim
from resources.editorial.deadlines import add_working_days, tasks_waiting_for
from resources.editorial.review_panel import YourReviewsPanel
from resources.models import FourEyesApprovalTask, VocationalStandardPage
from tests import factories
from tests.editorial import review_world
from tests.editorial.review_world import current_step, started_ago, submitted
from tests.helpers import soup

build_world = review_world.build_world  # what conftest's `world` builds for this module

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
HOME = reverse("wagtailadmin_home")


def at(day, hour=10):
    """A moment in December 2026 in the site's time zone (the 7th is a Monday)."""
    return datetime.datetime(2026, 12, day, hour, tzinfo=BANGKOK)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (at(7), 5, at(14)),  # Monday + 5: the next Monday
        (at(11), 1, at(14)),  # Friday + 1: over the weekend, Monday
        (at(10), 2, at(14)),  # Thursday + 2: Friday, then Monday
        (at(12), 1, at(14)),  # started on a Saturday: due on Monday
        (at(13), 10, at(25)),  # Sunday + 10: two weeks' working days
        (at(9, 23), 3, at(14, 23)),  # the time of day is kept
    ],
)
def test_working_days_skip_weekends(start, days, due):
    assert add_working_days(start, days) == due


def test_institutions_have_five_working_days_and_the_alliance_ten(world, db):
    review = FourEyesApprovalTask.objects.get(name=f"Review · {world['institution'].name}")
    alliance = FourEyesApprovalTask.objects.get(name=roles.ALLIANCE_TASK)
    assert (review.service_days, alliance.service_days) == (5, 10)


def rows_on_dashboard(client):
    html = soup(client.get(HOME))
    return html.select("[data-dlm-your-reviews] tbody tr")


def test_the_dashboard_shows_due_dates_overdue_first(client, world, users):
    fresh = submitted(world, "Fresh course")
    late = submitted(world, "Late course")
    state = started_ago(late, days=10)
    client.force_login(users["reviewer"])
    rows = rows_on_dashboard(client)
    titles = [row.select_one("td.title").get_text(strip=True) for row in rows]
    assert titles == ["Late course", "Fresh course"]  # submitted last, but overdue
    assert rows[0].has_attr("data-dlm-overdue") and "Overdue" in rows[0].get_text()
    assert not rows[1].has_attr("data-dlm-overdue")
    due = add_working_days(state.started_at, 5)
    assert rows[0].select_one("time")["datetime"] == due.isoformat()
    fresh_due = add_working_days(current_step(fresh).started_at, 5)
    assert rows[1].select_one("time")["datetime"] == fresh_due.isoformat()
    assert world["institution"].name in rows[0].get_text()
    # Another institution's reviewer has nothing of it on their dashboard.
    client.force_login(users["other_reviewer"])
    assert rows_on_dashboard(client) == []


def test_the_alliance_step_is_due_ten_working_days_after_the_institution_approved(
    client, world, users
):
    standard = submitted(world, "Wiring standard", factory=factories.VocationalStandardPageFactory)
    assert isinstance(standard, VocationalStandardPage)
    current_step(standard).approve(user=users["reviewer"])
    state = current_step(standard)
    assert state.task.name == roles.ALLIANCE_TASK
    client.force_login(users["alliance"])
    [row] = [r for r in rows_on_dashboard(client) if "Wiring standard" in r.get_text()]
    assert row.select_one("time")["datetime"] == add_working_days(state.started_at, 10).isoformat()


def test_waiting_for_a_reviewer_is_what_they_may_decide_and_nobody_else_holds(world, users):
    mine = submitted(world, "Mine to hold")
    theirs = submitted(world, "Held by a colleague")
    free = submitted(world, "Nobody holds it")
    own = submitted(world, "Submitted by the reviewer", editor=users["reviewer"])
    claim(current_step(mine), users["reviewer"])
    claim(current_step(theirs), users["reviewer_th"])
    started_ago(free, days=8)

    titles = [row.page.draft_title for row in tasks_waiting_for(users["reviewer"])]
    assert titles == ["Nobody holds it", "Mine to hold"]  # overdue first; not their own
    assert "Submitted by the reviewer" in [
        row.page.draft_title for row in tasks_waiting_for(users["reviewer_th"])
    ]
    assert own.pk not in [row.page.pk for row in tasks_waiting_for(users["reviewer"])]
    assert tasks_waiting_for(users["other_reviewer"]) == []
    assert tasks_waiting_for(users["editor"]) == []


def queries(function):
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


def render_panel(user):
    request = RequestFactory().get(HOME)
    request.user = user
    return YourReviewsPanel().render_html({"request": request, "csrf_token": "x"})


@pytest.mark.parametrize("who", ["reviewer", "alliance"])
def test_the_panel_and_the_waiting_list_take_the_same_queries_for_two_or_eight_reviews(
    world, users, who
):
    user = users[who]
    for number in range(2):
        submitted(world, f"Course {number}")
    counts = {
        "panel": [queries(lambda: render_panel(user))],
        "waiting": [queries(lambda: tasks_waiting_for(user))],
    }
    for number in range(2, 8):
        page = submitted(world, f"Course {number}")
        if number % 2:
            claim(current_step(page), users["reviewer_th"])
    counts["panel"].append(queries(lambda: render_panel(user)))
    counts["waiting"].append(queries(lambda: tasks_waiting_for(user)))
    html = render_panel(user)
    assert html.count("data-dlm-review=") == 8
    for name, (few, many) in counts.items():
        assert few == many, (name, few, many)
