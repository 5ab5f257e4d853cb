"""``extract_isolated``: ``extract`` in a child process with hard limits, so that a hostile or
broken file (a zip bomb, a PDF that crashes PDFium, a scan that takes forever) can only fail
its own extraction, never the worker.

The child runs in its own process group (OCR's Tesseract with it) under an address-space limit
and a CPU limit; the parent kills the whole group at the wall-clock deadline, or as soon as
the caller stops reading. Segments arrive as the child finds them.
"""

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from filetext.extraction.contract import ExtractionFailed, Limits, Segment

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
STDERR_KEPT = 4096  # the tail of the child's stderr, for the reason's detail
MAX_LINE_BYTES = 8 << 20  # a segment is at most 100,000 characters
MEMORY_SIGNS = ("MemoryError", "bad_alloc", "out of memory", "Out of memory", "Cannot allocate")


class IsolatedExtraction:
    """An iterator of Segments from the child; ``close()`` (or leaving a ``with`` block, or
    dropping it) kills the child. ``pid`` is the child's; ``peak_memory_bytes`` the most
    resident memory it (or its OCR) used, once it has finished (None if it died)."""

    def __init__(self, path, content_type, language, start, limits):
        self.limits = limits
        job = {
            "path": str(Path(path).resolve()),
            "content_type": content_type,
            "language": language,
            "start": start,
            "limits": asdict(limits),
        }
        environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        environment["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(PROJECT_ROOT), environment.get("PYTHONPATH")])
        )
        self.deadline = time.monotonic() + limits.timeout_seconds
        self.process = subprocess.Popen(  # noqa: S603 - our own module, arguments as a list
            [sys.executable, "-m", "filetext.extraction.child", json.dumps(job)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
            start_new_session=True,  # its own process group: Tesseract dies with it
        )
        self.pid = self.process.pid
        self.peak_memory_bytes = None
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.process.stdout, selectors.EVENT_READ)
        self._selector.register(self.process.stderr, selectors.EVENT_READ)
        self._buffer = b""
        self._stderr = b""
        self._lines = []
        self._open = {self.process.stdout, self.process.stderr}
        self._finished = False
        self._killed = False

    def __iter__(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __del__(self):
        self.close()

    def __next__(self):
        if self._finished:
            raise StopIteration
        while True:
            message = self._next_message()
            if message is None:
                self._end(self._death())
            if "segment" in message:
                return Segment(**message["segment"])
            self.peak_memory_bytes = message.get("peak_memory_bytes")
            if "failed" in message:
                self._end(ExtractionFailed(**message["failed"]))
            if message.get("done"):
                self._end(None)

    def _next_message(self):
        """The child's next protocol message; None when the child has gone quiet for good."""
        while not self._lines:
            if self.process.stdout not in self._open:
                return None
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self._end(
                    ExtractionFailed(
                        "timeout",
                        f"Reading the file took longer than {self.limits.timeout_seconds:g} "
                        "seconds.",
                    )
                )
            for key, _events in self._selector.select(timeout=remaining):
                self._read(key.fileobj)
        try:
            return json.loads(self._lines.pop(0))
        except ValueError:
            self._end(ExtractionFailed("crashed", "The reader's answer was garbled."))

    def _read(self, pipe):
        data = os.read(pipe.fileno(), 1 << 16)
        if not data:
            self._selector.unregister(pipe)
            self._open.discard(pipe)
            return
        if pipe is self.process.stderr:
            self._stderr = (self._stderr + data)[-STDERR_KEPT:]
            return
        self._buffer += data
        *lines, self._buffer = self._buffer.split(b"\n")
        self._lines.extend(line for line in lines if line.strip())
        if len(self._buffer) > MAX_LINE_BYTES:
            self._end(ExtractionFailed("crashed", "The reader sent more text than a page holds."))

    def _death(self):
        """Why a child that said nothing more ended: its exit, and the tail of its stderr."""
        while self._open and time.monotonic() < self.deadline:  # stderr's last words
            for key, _events in self._selector.select(timeout=self.deadline - time.monotonic()):
                self._read(key.fileobj)
        status = self._wait()
        if self._killed:
            return ExtractionFailed(
                "timeout",
                f"Reading the file took longer than {self.limits.timeout_seconds:g} seconds.",
            )
        detail = self._stderr.decode("utf-8", "replace").strip().splitlines()
        last = detail[-1][:300] if detail else f"exit status {status}"
        killed_by_the_system = status == -signal.SIGKILL
        if killed_by_the_system or any(sign in "\n".join(detail) for sign in MEMORY_SIGNS):
            return ExtractionFailed(
                "memory",
                f"The file needs more memory than the {self.limits.memory_bytes >> 20} MB "
                f"allowed ({last}).",
            )
        if status == -signal.SIGXCPU:
            return ExtractionFailed("timeout", "Reading the file took too much processor time.")
        return ExtractionFailed("crashed", f"The reader stopped on this file ({last}).")

    def _wait(self):
        """The child's exit status (negative: the signal), once it has ended. The group is
        killed before the child is reaped, while its id is still taken."""
        while os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is None:
            if time.monotonic() > self.deadline and not self._killed:
                self._killed = True  # it closed its output but goes on: time is up
                self._kill_group()
            time.sleep(0.01)
        self._kill_group()
        _pid, status = os.waitpid(self.pid, 0)
        self.process.returncode = os.waitstatus_to_exitcode(status)
        return self.process.returncode

    def _kill_group(self):
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def _end(self, failure):
        """Stop the child (all of its group) and raise ``failure``, or StopIteration."""
        if not self._finished:
            self._finished = True
            self._kill_group()
            if self.process.returncode is None:
                self._wait()
            self._selector.close()
            self.process.stdout.close()
            self.process.stderr.close()
        if failure is not None:
            raise failure
        raise StopIteration

    def close(self):
        """Kill the child now (the caller has enough text); safe to call more than once."""
        if getattr(self, "_finished", True):
            return
        try:
            self._end(None)
        except StopIteration:
            pass


def extract_isolated(path, content_type, language, start=1, limits=Limits()):  # noqa: B008
    """``extract`` in a child process with ``limits`` enforced; an iterator of Segments that
    raises ExtractionFailed like ``extract``, and also "timeout", "memory" or "crashed"."""
    return IsolatedExtraction(path, content_type, language, start, limits)
