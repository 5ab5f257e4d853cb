"""The front's Varnish sends a GET that a node failed to another node, and never a POST twice:
the real nginx and varnishd (deploy/front) in front of two small stand-in nodes. One answers
every request; the other answers its health probe (so Varnish still counts it healthy, as in
the second before a probe notices a killed node) and drops every other connection unanswered.
Starts in about a second; no database."""

import http.client
import shutil
import tempfile
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from deploy.front.configs import Front

HOST = "127.0.0.1"


class Node(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, name, drops):
        self.name, self.drops, self.seen = name, drops, Counter()
        super().__init__((HOST, 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self):
        node = self.server
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path != "/health/":
            node.seen[self.command] += 1
            if node.drops:
                self.close_connection = True
                return  # hung up without a word, as a killed process's socket
        body = node.name.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Cache-Control", "private")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = answer


@pytest.fixture(scope="module")
def front():
    nodes = [Node("dropping", drops=True), Node("healthy", drops=False)]
    folder = Path(tempfile.mkdtemp(prefix="dlm-retries-"))
    folder.chmod(0o755)  # the front runs unprivileged
    for sub in ("static", "media"):
        (folder / sub).mkdir(mode=0o755)
    front = Front(
        folder / "front",
        [f"{HOST}:{node.server_port}" for node in nodes],
        folder / "static",
        folder / "media",
        probe_url="/health/",
    )
    try:
        with front:
            yield front, nodes
    finally:
        for node in nodes:
            node.shutdown()
        shutil.rmtree(folder, ignore_errors=True)


def request(front, method, path):
    connection = http.client.HTTPConnection(HOST, front.port, timeout=30)
    try:
        connection.request(method, path, body=b"x" if method == "POST" else None)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_a_get_a_node_drops_is_answered_by_the_other_node(front):
    front, (dropping, healthy) = front
    # Eight at a time: the round robin's next pick for a retry is often the same node again.
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda n: request(front, "GET", f"/page/{n}"), range(80)))
    assert answers == [(200, "healthy")] * 80
    # The round robin sent many of them to the dropping node first, each once.
    assert 20 <= dropping.seen["GET"] <= 80


def test_a_post_is_never_sent_twice(front):
    front, (dropping, healthy) = front
    before = healthy.seen["POST"]
    answers = [request(front, "POST", f"/form/{number}") for number in range(10)]
    # Those the dropping node took fail (nginx passes Varnish's 503 on); none reached both.
    assert {status for status, _ in answers} <= {200, 503}
    assert healthy.seen["POST"] - before == sum(status == 200 for status, _ in answers)
    assert dropping.seen["POST"] == sum(status == 503 for status, _ in answers) > 0
