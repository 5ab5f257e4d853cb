"""The daily reminders: each reviewer is e-mailed what is overdue or due within a working day
(a claimed step: its holder only), in their admin language, once a day; the alliance
secretariat gets the overdue steps per institution."""

import datetime
import io
import re
import zoneinfo

from django.core.management import call_command
from django.utils import formats, translation

from resources.editorial.claims import claim
from resources.editorial.reminders import send_review_reminders
from resources.models import ReviewReminder
from tests.editorial import review_world
from tests.editorial.review_world import current_step, started_on, submitted
from tests.helpers import make_user, role_groups

build_world = review_world.build_world  # what conftest's `world` builds for this module

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
# The job runs on Monday 14 December 2026 at 07:00; steps of five working days that started
# on the Monday before at 06:00 are overdue, on Tuesday at 06:30 due within a working day,
# on Thursday not due yet.
NOW = datetime.datetime(2026, 12, 14, 7, tzinfo=BANGKOK)
OVERDUE = datetime.datetime(2026, 12, 7, 6, tzinfo=BANGKOK)
SOON = datetime.datetime(2026, 12, 8, 6, 30, tzinfo=BANGKOK)
LATER = datetime.datetime(2026, 12, 10, 9, tzinfo=BANGKOK)


def waiting(world, title, since, **kwargs):
    page = submitted(world, title, **kwargs)
    started_on(page, since)
    return page


def mails_to(outbox, user):
    return [message for message in outbox if message.to == [user.email]]


def formatted(moment, language):
    with translation.override(language):
        return formats.date_format(moment.astimezone(BANGKOK), "DATE_FORMAT")


def test_a_reviewer_is_told_what_is_overdue_and_due_soon_in_their_language(
    world, users, mailoutbox
):

    waiting(world, "Overdue course", OVERDUE)
    waiting(world, "Soon due course", SOON)
    waiting(world, "Not due yet", LATER)
    mailoutbox.clear()  # Wagtail's notices of the submissions
    send_review_reminders(NOW)

    [english] = mails_to(mailoutbox, users["reviewer"])
    assert "1 overdue, 1 due soon" in english.subject
    assert "Overdue course" in english.body and "Soon due course" in english.body
    assert "Not due yet" not in english.body
    assert english.body.index("Overdue course") < english.body.index("Soon due course")
    assert f"Overdue since {formatted(datetime.datetime(2026, 12, 14, 6), 'en')}" in english.body
    assert "/admin/pages/" in english.body  # a link to each page

    # The Thai reviewer reads the dates in Thai (the month's name: ธันวาคม).
    [thai] = mails_to(mailoutbox, users["reviewer_th"])
    assert "ธันวาคม" in thai.body and formatted(SOON, "th").split()[1] == "ธันวาคม"
    assert "December" not in thai.body
    # ... and the words too, in the admin language they chose.
    with translation.override("th"):
        subject = translation.gettext(
            "Reviews waiting for you: %(overdue)d overdue, %(soon)d due soon"
        ) % {"overdue": 1, "soon": 1}
        opening = translation.gettext("These reviews wait for you:")
    assert subject in thai.subject and "overdue" not in thai.subject
    assert opening in thai.body and opening != "These reviews wait for you:"
    assert "Overdue course" in thai.body and "Soon due course" in thai.body
    # Nobody else: the editor who submitted, another institution's reviewer.
    for bystander in ("editor", "other_reviewer"):
        assert not mails_to(mailoutbox, users[bystander]), bystander


def test_a_claimed_step_reminds_its_holder_only(world, users, mailoutbox):
    held = waiting(world, "Held and overdue", OVERDUE)
    claim(current_step(held), users["reviewer_th"])
    mailoutbox.clear()
    send_review_reminders(NOW)
    [holder] = mails_to(mailoutbox, users["reviewer_th"])
    assert "Held and overdue" in holder.body
    assert not mails_to(mailoutbox, users["reviewer"])


def test_each_reviewer_gets_one_reminder_a_day(world, users, mailoutbox):
    waiting(world, "Overdue course", OVERDUE)
    mailoutbox.clear()
    send_review_reminders(NOW)
    first = len(mailoutbox)
    assert first and mails_to(mailoutbox, users["reviewer"])
    sent = send_review_reminders(NOW + datetime.timedelta(hours=3))  # run again that day
    assert len(mailoutbox) == first and sent.reminders == 0 and sent.skipped
    send_review_reminders(NOW + datetime.timedelta(days=1))
    assert len(mails_to(mailoutbox, users["reviewer"])) == 2
    assert ReviewReminder.objects.filter(user=users["reviewer"]).count() == 2


def test_the_secretariat_reads_the_overdue_steps_per_institution(world, users, mailoutbox):
    second_secretary = make_user("secretariat.vn", *role_groups("alliance"), language="vi")
    waiting(world, "Vientiane late course", OVERDUE)
    waiting(world, "Vientiane soon course", SOON)
    waiting(
        world,
        "Pakse late course",
        OVERDUE,
        section=world["other_section"],
        institution=world["other"],
        editor=users["other_editor"],
    )
    # The daily job (at the real time of the test run) reports what it sent.
    out = io.StringIO()
    call_command("send_review_reminders", stdout=out)
    assert re.fullmatch(
        r"\d+ reminders, \d+ digests sent; \d+ already told today\n", out.getvalue()
    )
    mailoutbox.clear()
    ReviewReminder.objects.all().delete()
    send_review_reminders(NOW)

    [digest] = mails_to(mailoutbox, users["alliance"])
    assert "Overdue reviews in the alliance: 2" in digest.subject
    body = digest.body
    assert world["institution"].name in body and "Pakse Technical College" in body
    # Each institution heads its own steps; the due-soon step is not in the digest.
    assert body.index("Pakse Technical College") < body.index("Pakse late course")
    assert body.index(world["institution"].name) < body.index("Vientiane late course")
    assert "Vientiane soon course" not in body and "nobody holds it" in body
    assert len(mails_to(mailoutbox, second_secretary)) == 1
    # Each institution's reviewers get their own steps only.
    [pakse] = mails_to(mailoutbox, users["other_reviewer"])
    assert "Pakse late course" in pakse.body and "Vientiane" not in pakse.body
