"""While the site fails (the database away: pages answer 5xx, then /health/ too), the front's
Varnish serves the last copy of an anonymous page past its lifetime, never a purged one, never
an answer that set a cookie, a private answer or a signed-in view, and never keeps a 5xx: the
real varnishd and nginx (deploy/front) in front of one stand-in node whose pages live 1 s.
About four seconds; no database."""

import time

import pytest

from tests.front.stand_ins import Node, front_of, request

LIFETIME = 1.0


class Site(Node):
    def headers(self, path):
        if path.startswith("/cookie/"):
            return [("Cache-Control", "public, max-age=1"), ("Set-Cookie", "csrftoken=x; Path=/")]
        if path.startswith("/private/"):
            return [("Cache-Control", "private, no-cache")]
        return [("Cache-Control", f"public, max-age={LIFETIME:.0f}")]


@pytest.fixture(scope="module")
def front():
    site = Site("page", cache_control="")
    # No grace while healthy, so that a fetch after the lifetime reaches the failing node.
    with front_of([site], healthy_grace="0s") as front:
        yield front, site


def get(front, path, **headers):
    status, body, answer = request(front, "GET", path, headers)
    return status, body, answer.get("X-Cache")


def purge(front, path):
    status, _, _ = request(front, "PURGE", path)
    assert status == 200


def test_the_last_copy_is_served_while_the_site_fails_unless_purged(front):
    front, site = front
    paths = ["/kept/", "/purged/", "/cookie/", "/private/"]
    for path in paths:
        assert get(front, path)[:2] == (200, "page 1")
    assert get(front, "/kept/") == (200, "page 1", "HIT")
    assert site.paths["/kept/"] == 1

    # The database goes away: every page answers 503, the health probe still 200.
    site.status, site.version = 503, 2
    time.sleep(LIFETIME + 0.2)
    purge(front, "/purged/")
    assert get(front, "/kept/") == (200, "page 1", "STALE")
    assert site.paths["/kept/"] >= 2  # it was asked first
    # Purged means changed: the site's own answer, not the old copy.
    assert get(front, "/purged/")[:2] == (503, "page 2")
    assert get(front, "/cookie/")[:2] == (503, "page 2")
    assert get(front, "/private/")[:2] == (503, "page 2")
    assert get(front, "/kept/", Cookie="sessionid=abc")[:2] == (503, "page 2")

    # Back: the new pages at once, no 5xx kept.
    site.status, site.version = 200, 3
    for path in paths:
        assert get(front, path)[:2] == (200, "page 3")

    # Down, the health probe too: the last copies without asking the site.
    site.status, site.sick = 503, True
    time.sleep(2.2)  # two failed probes, a second apart; the copies of page 3 expire meanwhile
    asked = site.paths["/kept/"]
    assert get(front, "/kept/") == (200, "page 3", "STALE")
    assert get(front, "/purged/")[:2] == (200, "page 3")
    assert site.paths["/kept/"] == asked
    assert get(front, "/cookie/")[0] == 503
    site.status, site.sick = 200, False
