"""deploy/supervise.py keeps a process of the one-machine topology running, as systemd's
Restart=always does: started again after each exit, with a growing pause, logged; never
again once it is being stopped; not at all when it cannot start. Pauses shortened."""

import sys

import pytest

from deploy import supervise

# The command counts its runs in a file; the third run asks the supervisor to stop.
COUNTING = """
import os, pathlib, signal, sys, time
runs = pathlib.Path(sys.argv[1])
number = int(runs.read_text() or 0) + 1 if runs.exists() else 1
runs.write_text(str(number))
if number == 1:
    time.sleep(0.3)
    sys.exit(1)
if number == 2:
    sys.exit(3)
os.kill(os.getppid(), signal.SIGTERM)
"""


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(supervise, "FIRST_PAUSE", 0.1)
    monkeypatch.setattr(supervise, "FIRST_RUN_SECONDS", 0.2)


def test_a_process_that_exits_is_started_again_with_a_longer_pause_each_time(tmp_path, capsys):
    runs = tmp_path / "runs"
    status = supervise.main(["worker", "--", sys.executable, "-c", COUNTING, str(runs)])
    assert status == 0
    assert runs.read_text() == "3"
    log = capsys.readouterr().out
    assert "supervise worker: exited with status 1" in log
    assert "again in 0.1 s (restart 1)" in log
    assert "supervise worker: exited with status 3" in log
    assert "again in 0.2 s (restart 2)" in log


def test_a_process_that_cannot_start_is_not_started_again(tmp_path, capsys):
    runs = tmp_path / "runs"
    command = [sys.executable, "-c", f"open({str(runs)!r}, 'a').write('x'); exit(2)"]
    assert supervise.main(["web-1", "--", *command]) == 2
    assert runs.read_text() == "x"
    assert "not restarted" in capsys.readouterr().out
