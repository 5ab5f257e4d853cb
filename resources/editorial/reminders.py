"""The daily review reminders: each reviewer is e-mailed the steps overdue or due within a
working day that wait for them (a claimed step: its holder only; an unclaimed one: every member
of its groups who may decide it), and the alliance secretariat a digest of the overdue steps
per institution. In each person's admin language; at most one of each a day."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.admin.mail import send_mail
from wagtail.users.models import UserProfile

from resources.models import ReviewReminder

from . import roles
from .deadlines import (
    in_progress_states,
    institution_names_by_workflow,
    members_by_task,
    reviews,
)
from .review_panel import candidates


@dataclass
class Sent:
    reminders: int = 0
    digests: int = 0
    skipped: list = field(default_factory=list)  # users told already today


def edit_url(row):
    return settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[row.page.pk])


def due_rows(now):
    """Open steps overdue or due soon, overdue first."""
    return [row for row in reviews(in_progress_states(), now) if row.is_overdue or row.is_due_soon]


def reminders_by_user(rows):
    """{user: [rows]}: a claimed step to its holder, an unclaimed one to who may decide it."""
    members = members_by_task({row.task_state.task_id for row in rows if row.holder is None})
    by_user = {}
    for row in rows:
        recipients = (
            [row.holder] if row.holder else candidates(row, members.get(row.task_state.task_id))
        )
        for user in recipients:
            if user.is_active and user.email:
                by_user.setdefault(user, []).append(row)
    return by_user


def secretariat():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.ALLIANCE_REVIEWERS)
        .exclude(email="")
    )


def overdue_by_institution(rows):
    names = institution_names_by_workflow()
    by_institution = {}
    for row in rows:
        if row.is_overdue:
            name = names.get(row.task_state.workflow_state.workflow_id) or _("Other workflows")
            by_institution.setdefault(name, []).append(row)
    return sorted(by_institution.items())


def language_of(user):
    return UserProfile.get_for_user(user).get_preferred_language()


def send_once(user, kind, today, count, compose, *args):
    """Send ``compose(*args)`` (subject, body) to ``user`` in their language, unless a reminder
    of ``kind`` went to them today. Whether it was sent."""
    try:
        with transaction.atomic():
            ReviewReminder.objects.create(user=user, kind=kind, sent_on=today, tasks=count)
            with translation.override(language_of(user)):
                subject, body = compose(*args)
            send_mail(subject, body, [user.email])
    except IntegrityError:
        return False
    return True


def reminder_mail(user, rows):
    overdue = sum(row.is_overdue for row in rows)
    subject = _("Reviews waiting for you: %(overdue)d overdue, %(soon)d due soon") % {
        "overdue": overdue,
        "soon": len(rows) - overdue,
    }
    body = render_to_string(
        "editorial/reminders/reviews_due.txt",
        {"user": user, "rows": [(row, edit_url(row)) for row in rows]},
    )
    return subject, body


def digest_mail(by_institution):
    count = sum(len(rows) for _name, rows in by_institution)
    subject = _("Overdue reviews in the alliance: %(count)d") % {"count": count}
    body = render_to_string(
        "editorial/reminders/overdue_digest.txt",
        {
            "institutions": [
                (name, [(row, edit_url(row)) for row in rows]) for name, rows in by_institution
            ]
        },
    )
    return subject, body


def send_review_reminders(now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = due_rows(now)
    sent = Sent()
    for user, waiting in reminders_by_user(rows).items():
        if send_once(user, ReviewReminder.TASKS, today, len(waiting), reminder_mail, user, waiting):
            sent.reminders += 1
        else:
            sent.skipped.append(user)
    by_institution = overdue_by_institution(rows)
    if by_institution:
        count = sum(len(rows) for _name, rows in by_institution)
        for user in secretariat():
            if send_once(user, ReviewReminder.DIGEST, today, count, digest_mail, by_institution):
                sent.digests += 1
            else:
                sent.skipped.append(user)
    return sent
