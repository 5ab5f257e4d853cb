"""The real varnishd and nginx (deploy/front) in front of small stand-in nodes, for the tests
of what the front does when a node fails: no database, starts in about a second.

A node answers its health probe (``/health/``: 200, or 503 while ``sick``) and every other
request with ``status`` and ``"<name> <version>"``, carrying ``headers(path)``
(``Cache-Control: private`` unless told otherwise), or hangs up unanswered while ``drops``.
"""

import contextlib
import http.client
import shutil
import tempfile
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from deploy.front.configs import Front

HOST = "127.0.0.1"


class Node(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, name, drops=False, cache_control="private"):
        self.name, self.drops, self.cache_control = name, drops, cache_control
        self.status, self.version, self.sick = 200, 1, False
        self.seen, self.paths = Counter(), Counter()
        super().__init__((HOST, 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def headers(self, path):
        return [("Cache-Control", self.cache_control)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self):
        node = self.server
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path == "/health/":
            status, headers = (503 if node.sick else 200), [("Cache-Control", "private")]
        else:
            node.seen[self.command] += 1
            node.paths[self.path] += 1
            if node.drops:
                self.close_connection = True
                return  # hung up without a word, as a killed process's socket
            status, headers = node.status, node.headers(self.path)
        body = f"{node.name} {node.version}".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = answer


@contextlib.contextmanager
def front_of(nodes, **options):
    """A started Front in front of ``nodes`` (``options``: Front's), stopped afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="dlm-front-"))
    folder.chmod(0o755)  # the front runs unprivileged
    for sub in ("static", "media"):
        (folder / sub).mkdir(mode=0o755)
    front = Front(
        folder / "front",
        [f"{HOST}:{node.server_port}" for node in nodes],
        folder / "static",
        folder / "media",
        probe_url="/health/",
        **options,
    )
    try:
        with front:
            yield front
    finally:
        for node in nodes:
            node.shutdown()
        shutil.rmtree(folder, ignore_errors=True)


def request(front, method, path, headers=None, port=None):
    """(status, body, headers) of ``method path`` through the front (or ``port``)."""
    connection = http.client.HTTPConnection(HOST, port or front.port, timeout=30)
    try:
        connection.request(
            method, path, body=b"x" if method == "POST" else None, headers=headers or {}
        )
        response = connection.getresponse()
        return response.status, response.read().decode(), dict(response.getheaders())
    finally:
        connection.close()
