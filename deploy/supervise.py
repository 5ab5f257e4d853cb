"""Keep one process of the one-machine topology running, as systemd's ``Restart=always`` keeps
it in production: a process that exits (a worker that lost PostgreSQL, a scheduler that
crashed) is started again after a pause that doubles from 1 s to 30 s while it keeps
failing, and comes back to 1 s once it has run a minute. Each exit and restart is logged
(standard output: the process's own log). Standard library only.

    python -m deploy.supervise NAME -- COMMAND [ARGUMENT...]

A command that fails within its first seconds, before ever running steadily, is not started
again: the supervisor exits with its status, so that a process that cannot start at all is
reported at once (deploy/local.py's ``wait_until``) instead of retried for ever.

Stop it with its process group (SIGTERM to the group, as deploy/local.py's ``stop_process``
does): the command gets the signal itself, the supervisor waits for it to end and does not
start it again.
"""

import signal
import subprocess
import sys
import time

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 30.0
STEADY_SECONDS = 60.0  # a run this long resets the pause
FIRST_RUN_SECONDS = 5.0  # a first run shorter than this, failing: the command cannot start
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def say(name, message):
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    print(f"[{stamp}] supervise {name}: {message}", flush=True)


class Supervisor:
    def __init__(self, name, command):
        self.name, self.command = name, command
        self.stopping = False

    def stop(self, signum, frame):
        self.stopping = True

    def pause(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.2)

    def run(self):
        previous = {number: signal.signal(number, self.stop) for number in STOP_SIGNALS}
        try:
            return self.keep_running()
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)

    def keep_running(self):
        pause, starts = FIRST_PAUSE, 0
        while not self.stopping:
            starts += 1
            started = time.monotonic()
            child = subprocess.Popen(self.command)  # noqa: S603 — the topology's own command
            status = child.wait()
            ran = time.monotonic() - started
            if self.stopping:
                return 0
            if starts == 1 and status != 0 and ran < FIRST_RUN_SECONDS:
                say(self.name, f"exited with status {status} after {ran:.1f} s: not restarted")
                return status if status > 0 else 1
            if ran >= STEADY_SECONDS:
                pause = FIRST_PAUSE
            say(
                self.name,
                f"exited with status {status} after {ran:.0f} s; "
                f"starting it again in {pause:g} s (restart {starts})",
            )
            self.pause(pause)
            pause = min(pause * 2, LONGEST_PAUSE)
        return 0


def main(arguments=None):
    arguments = sys.argv[1:] if arguments is None else arguments
    if len(arguments) < 3 or arguments[1] != "--":
        sys.exit(__doc__.split("\n\n")[1])
    return Supervisor(arguments[0], arguments[2:]).run()


if __name__ == "__main__":
    sys.exit(main())
