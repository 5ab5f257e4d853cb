"""The production web server as the image runs it, and clients that read its answers slowly:
what the production-server test (tests/downloads/test_production_server.py) and the slow
download benchmark (bench/slow_downloads.py) share.

``ProductionServer`` runs the Dockerfile's own CMD, read from the Dockerfile, with the
production settings and the environment the README documents, after collecting the static
files as the image build does; the caller says which database and media folder it serves.
"""

import hashlib
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.core.files.base import ContentFile
from django.urls import reverse

from resources.models import CourseMaterial
from tests import factories

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# What the front server adds to every request: without it the production settings redirect
# to https.
FRONT_SERVER_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}


def documented_command():
    """The Dockerfile's CMD, as an argument list."""
    text = (PROJECT_ROOT / "Dockerfile").read_text()
    match = re.search(r"^CMD (\[.*\])\s*$", text, re.MULTILINE)
    if match is None:
        raise RuntimeError("The Dockerfile has no CMD in exec form.")
    return json.loads(match.group(1))


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class ProductionServer:
    """``with ProductionServer(database_url, media_root) as server:`` serves on
    ``server.port`` until the block ends (its log, ``log_tail()``, goes with it). ``command`` replaces the documented one (to show
    how another behaves); ``environment`` adds or overrides variables."""

    def __init__(self, database_url, media_root, command=None, environment=None):
        self.command = command or documented_command()
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="dlm-production-server-"))
        self.log_path = self.folder / "server.log"
        self.environment = {
            # The image's own environment (Dockerfile ENV), then the documented variables.
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "HOME": os.environ.get("HOME", str(self.folder)),
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "digital_lm.settings.production",
            "PORT": str(self.port),
            "DJANGO_SECRET_KEY": "production-server-test-key-" + "x" * 40,
            "DLM_CREDENTIAL_KEY_SECRET": "production-server-credential-key-" + "y" * 40,
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DATABASE_URL": database_url,
            "DJANGO_MEDIA_ROOT": str(media_root),
            "DJANGO_STATIC_ROOT": str(self.folder / "static"),
            "DLM_ALLOW_CONSOLE_EMAIL": "1",
            **(environment or {}),
        }
        self.process = None

    def __enter__(self):
        self._run("manage.py", "collectstatic", "--no-input", "-v0")  # as the image build does
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - open while the server runs
        self.process = subprocess.Popen(  # noqa: S603 - the project's own command
            self.command,
            cwd=PROJECT_ROOT,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait_until_answering()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # gunicorn's quick shutdown
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def manage(self, *arguments):
        """Run a management command against the server's database, as an operator would."""
        self._run("manage.py", *arguments)

    def _run(self, *arguments):
        subprocess.run(  # noqa: S603
            [sys.executable, *arguments], cwd=PROJECT_ROOT, env=self.environment, check=True
        )

    def _wait_until_answering(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The server exited:\n{self.log_tail()}")
            try:
                page_view(self.port, "/", timeout=5)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"The server did not answer within {seconds} s:\n{self.log_tail()}")

    def log_tail(self, lines=40):
        self.log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def fetch(port, path, timeout=10):
    """(status, body) of a GET of ``path``; raises if no answer in ``timeout``."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=FRONT_SERVER_HEADERS)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def page_view(port, path, timeout=10):
    """(status, seconds) of a GET of ``path``, read whole; raises if no answer in ``timeout``."""
    start = time.perf_counter()
    status, _body = fetch(port, path, timeout)
    return status, time.perf_counter() - start


class SlowDownload(threading.Thread):
    """A client reading ``path`` at about ``rate`` bytes a second, with a small receive buffer
    so that the server, not the client's kernel, holds what it has not read yet. ``stop()``
    hangs up. Afterwards: ``status``, ``received``, ``length`` (Content-Length), ``sha256``,
    ``seconds``, ``complete``, ``error``, and with ``keep`` the body."""

    RECEIVE_BUFFER = 32 * 1024
    READ_SIZE = 8 * 1024

    def __init__(self, port, path, rate, keep=False):
        super().__init__(daemon=True)
        self.port, self.path, self.rate = port, path, rate
        self.body = io.BytesIO() if keep else None
        self.status = self.length = self.error = None
        self.received = 0
        self.seconds = None
        self.digest = hashlib.sha256()
        self.answered = threading.Event()
        self._hang_up = threading.Event()

    @property
    def sha256(self):
        return self.digest.hexdigest()

    @property
    def complete(self):
        return self.status == 200 and self.length is not None and self.received == self.length

    def stop(self):
        self._hang_up.set()

    def run(self):
        start = time.perf_counter()
        try:
            with socket.socket() as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.RECEIVE_BUFFER)
                sock.settimeout(60)
                sock.connect((HOST, self.port))
                sock.sendall(self._request())
                self._read(sock, start)
        except OSError as exc:
            self.error = repr(exc)
        finally:
            self.seconds = time.perf_counter() - start
            self.answered.set()

    def _request(self):
        headers = {**FRONT_SERVER_HEADERS, "Connection": "close"}
        lines = [f"GET {self.path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    def _read(self, sock, start):
        head = b""
        while not self._hang_up.is_set():
            chunk = sock.recv(self.READ_SIZE)
            if not chunk:
                return
            if self.status is None:
                head += chunk
                if b"\r\n\r\n" not in head:
                    continue
                head, chunk = head.split(b"\r\n\r\n", 1)
                self._parse_head(head.decode("latin-1"))
            self._take(chunk)
            if self.length is not None and self.received >= self.length:
                return
            # Keep to the rate: sleep until the bytes read so far are due.
            delay = self.received / self.rate - (time.perf_counter() - start)
            if delay > 0:
                self._hang_up.wait(delay)

    def _parse_head(self, head):
        status_line, *header_lines = head.split("\r\n")
        self.status = int(status_line.split()[1])
        for line in header_lines:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                self.length = int(value.strip())
        self.answered.set()

    def _take(self, chunk):
        self.received += len(chunk)
        self.digest.update(chunk)
        if self.body is not None:
            self.body.write(chunk)


def slow_download_site(file_bytes, bundle_file_bytes):
    """A published material with one file of ``file_bytes`` random bytes, and a published
    course whose Lao ZIP holds one file of ``bundle_file_bytes``. Needs an empty page tree.
    Returns paths and the files' contents."""
    tree = factories.build_site_tree()
    section = tree["section"]
    material = factories.published_resource(
        section, factories.TeachingMaterialPageFactory, title="电工安全教材"
    )
    data = b"%PDF-1.4\n" + os.urandom(file_bytes - 9)
    document = factories.add_material_file(
        material, title="安全教材", language="zh-hans", file=ContentFile(data, name="big.pdf")
    )
    course = factories.published_resource(section, factories.CoursePageFactory, title="电工基础")
    handbook = factories.published_resource(
        section, factories.TeachingMaterialPageFactory, title="电路图练习"
    )
    bundle_data = b"%PDF-1.4\n" + os.urandom(bundle_file_bytes - 9)
    factories.add_material_file(
        handbook, title="ວົງຈອນ", language="lo", file=ContentFile(bundle_data, name="c.pdf")
    )
    CourseMaterial.objects.create(course=course, material=handbook)
    return {
        "home": tree["home"].url,
        "material": material.url,
        "course": course.url,
        "document": document.url,
        "document_sha256": hashlib.sha256(data).hexdigest(),
        "bundle": reverse("course_bundle", args=[course.pk, "lo"]),
        "bundle_file_sha256": hashlib.sha256(bundle_data).hexdigest(),
    }
