"""The scheduler runs each job as its own process and goes on when one fails or hangs."""

from io import StringIO

from deploy.description import Job
from resources.management.commands.run_schedule import Command


def scheduler():
    out, err = StringIO(), StringIO()
    return Command(stdout=out, stderr=err), out, err


def test_a_job_that_succeeds_is_logged_with_its_duration():
    command, out, _ = scheduler()
    assert command.run(Job(name="version", command="python manage.py version"))
    assert "version: done in" in out.getvalue()


def test_a_failing_job_is_logged_and_does_not_stop_the_scheduler():
    command, _, err = scheduler()
    assert not command.run(Job(name="broken", command="python manage.py no_such_command"))
    assert "broken: failed with exit code 1" in err.getvalue()


def test_a_job_past_its_timeout_is_stopped():
    command, _, err = scheduler()
    sleeper = Job(
        name="sleeper",
        command="python manage.py shell -c 'import time; time.sleep(60)'",
        timeout=3,
    )
    assert not command.run(sleeper)
    assert "sleeper: stopped after its timeout of 3 s" in err.getvalue()
