"""The front sends a GET that a node failed to another node, and never a POST twice: the real
varnishd and nginx (deploy/front) in front of two small stand-in nodes. One answers every
request; the other answers its health probe (so Varnish still counts it healthy, as in the
second before a probe notices a killed node) and drops every other connection unanswered.
Each test starts its own front (about a second; no database): nginx then avoids a node that
failed it for a while, which the next test must not inherit."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.front.stand_ins import Node, front_of
from tests.front.stand_ins import request as send


@pytest.fixture
def front():
    nodes = [Node("dropping", drops=True), Node("healthy")]
    with front_of(nodes) as front:
        yield front, nodes


def request(front, method, path):
    status, body, _ = send(front, method, path)
    return status, body


def test_a_get_a_node_drops_is_answered_by_the_other_node(front):
    front, (dropping, healthy) = front
    # Eight at a time: the round robin's next pick for a retry is often the same node again.
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda n: request(front, "GET", f"/page/{n}"), range(80)))
    assert answers == [(200, "healthy 1")] * 80
    # Some went to the dropping node first, each once, until it was avoided.
    assert 1 <= dropping.seen["GET"] <= 80


def test_a_post_is_never_sent_twice(front):
    front, (dropping, healthy) = front
    before = healthy.seen["POST"]
    answers = [request(front, "POST", f"/form/{number}") for number in range(10)]
    # Those the dropping node took fail (nginx's 502, passed on); none reached both.
    assert {status for status, _ in answers} <= {200, 502}
    assert healthy.seen["POST"] - before == sum(status == 200 for status, _ in answers)
    assert dropping.seen["POST"] == sum(status == 502 for status, _ in answers) > 0
