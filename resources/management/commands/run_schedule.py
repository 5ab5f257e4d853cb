"""The scheduler: the recurring jobs declared in deploy/topology.toml, on their schedules.

One long-running process (the topology's `scheduler`), for sites without systemd timers
(containers, the one-machine script); systemd sites run the same jobs from timers written
from the same declaration. Each job is the management command it names, run as a child
process: one at a time, with its timeout, its output in this process's log; a job that
fails or hangs is logged and the schedule goes on.
"""

import datetime
import shlex
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from deploy.description import DescriptionError, load

# Sleep at most this long at a time, so that a changed clock is noticed within a minute.
MAX_SLEEP_SECONDS = 30


def now():
    return datetime.datetime.now(datetime.UTC)


def job_arguments(job):
    """The job's command with this interpreter: ``python manage.py x`` → [python, manage.py, x]."""
    return [sys.executable, *shlex.split(job.command)[1:]]


class Command(BaseCommand):
    help = "Run the recurring jobs of deploy/topology.toml on their schedules, one at a time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run every job (or the --job ones) once, now, one after the other, and exit.",
        )
        parser.add_argument(
            "--job", action="append", default=[], help="Only this job (repeatable)."
        )

    def handle(self, *args, once=False, job=(), **options):
        try:
            topology = load()
        except (DescriptionError, OSError) as exc:
            raise CommandError(f"The schedule cannot be read: {exc}") from exc
        jobs = [entry for entry in topology.jobs if not job or entry.name in job]
        unknown = set(job) - {entry.name for entry in topology.jobs}
        if unknown:
            raise CommandError(f"No such job: {', '.join(sorted(unknown))}")
        if once:
            failed = [entry.name for entry in jobs if not self.run(entry)]
            if failed:
                raise CommandError(f"Failed: {', '.join(failed)}")
            return
        # Stopping the scheduler stops the job it is running (subprocess.run kills it).
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.loop(jobs, topology.time_zone)

    def loop(self, jobs, time_zone):
        started = now()
        due = {entry.name: entry.next_run(started, time_zone) for entry in jobs}
        for entry in jobs:
            self.log(f"{entry.name}: next run at {due[entry.name]:%Y-%m-%d %H:%M} UTC")
        while True:
            # The earliest due; among equals, the first declared.
            entry = min(jobs, key=lambda item: due[item.name])
            wait = (due[entry.name] - now()).total_seconds()
            if wait > 0:
                time.sleep(min(wait, MAX_SLEEP_SECONDS))
                continue
            self.run(entry)
            # The next slot after now: slots missed while another job ran are not made up.
            due[entry.name] = entry.next_run(max(now(), due[entry.name]), time_zone)

    def run(self, entry):
        """Run one job; True when it succeeded. Never raises for the job's own failure."""
        self.log(f"{entry.name}: started")
        started = time.monotonic()
        try:
            result = subprocess.run(  # noqa: S603 — a management command of the schedule
                job_arguments(entry), cwd=settings.BASE_DIR, timeout=entry.timeout, check=False
            )
        except subprocess.TimeoutExpired:
            self.log(f"{entry.name}: stopped after its timeout of {entry.timeout} s", error=True)
            return False
        except OSError as exc:
            self.log(f"{entry.name}: could not be started: {exc}", error=True)
            return False
        seconds = time.monotonic() - started
        if result.returncode:
            self.log(f"{entry.name}: failed with exit code {result.returncode}", error=True)
            return False
        self.log(f"{entry.name}: done in {seconds:.1f} s")
        return True

    def log(self, message, error=False):
        line = f"{now():%Y-%m-%dT%H:%M:%SZ} run_schedule: {message}"
        (self.stderr if error else self.stdout).write(line)
        (self.stderr if error else self.stdout).flush()
