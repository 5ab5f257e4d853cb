"""The whole production topology, started on this machine by its script (deploy/up.sh), does
what production must: two web nodes behind the front that share sessions through Redis, a
two-node OpenSearch cluster that keeps a replica of the index, a worker that brings a publish
into the index, a scheduler that publishes a page when its time comes, and `down` stopping
it all.

It runs in a state folder and on ports of its own (an offset of 21000), beside the test rig
and a developer's own topology. About four minutes; select it with ``-m topology``.
"""

import http.cookies
import json
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from deploy.description import load
from deploy.local import ROOT, Local

pytestmark = pytest.mark.topology

STATE = ROOT / ".services" / "topology-test"
OFFSET = 21000
UP_SECONDS = 900
SCHEDULER_PATIENCE = 100  # publish_scheduled runs every minute and takes a few seconds


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url, data=None, cookies=None, timeout=30):
    """(status, headers, body) without following redirects."""
    request = urllib.request.Request(url, data=data)  # noqa: S310 — http on loopback
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


def cookies_of(headers):
    jar = http.cookies.SimpleCookie()
    for header in headers.get_all("Set-Cookie") or ():
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def json_of(url):
    status, _, body = fetch(url)
    assert status == 200, body
    return json.loads(body)


def environment():
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "DLM_TOPOLOGY_DIR": str(STATE),
        "DLM_TOPOLOGY_PORT_OFFSET": str(OFFSET),
    }


def topology_command(*arguments):
    return subprocess.run(  # noqa: S603 — our own interpreter and script
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "deploy.topology", *arguments],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def manage_shell(site, code):
    """Run ``code`` in the topology's own environment (its database); its printed JSON."""
    done = subprocess.run(  # noqa: S603 — our own interpreter and manage.py
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=site.environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def site():
    local = Local(load(), state=STATE, offset=OFFSET)
    topology_command("down")
    shutil.rmtree(STATE, ignore_errors=True)
    started = time.monotonic()
    try:
        done = subprocess.run(  # noqa: S603 — the script under test
            [str(ROOT / "deploy" / "up.sh")],
            cwd=ROOT,
            env=environment(),
            capture_output=True,
            text=True,
            timeout=UP_SECONDS,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        print(f"deploy/up.sh took {time.monotonic() - started:.0f} s")
        yield local
    finally:
        topology_command("down")


@pytest.fixture(scope="module")
def content(site):
    """A site tree, a published course and a superuser, written through the topology."""
    token = secrets.token_hex(4)
    return manage_shell(
        site,
        f"""
import json
from django.contrib.auth import get_user_model
from tests.factories import build_site_tree, published_resource
tree = build_site_tree()
page = published_resource(tree["section"], title="拓扑 {token}", external_id="TOPO-{token}")
get_user_model().objects.create_superuser("topology", "topology@example.org", "pw-{token}")
print(json.dumps({{"section": tree["section"].pk, "external_id": page.external_id,
                  "url": page.get_url(), "password": "pw-{token}"}}))
""",
    )


def web_urls(site):
    return [site.url("web", number) for number in (1, 2)]


def test_both_web_nodes_and_the_front_answer_healthy(site):
    for url in [*web_urls(site), site.url("front")]:
        health = json_of(f"{url}/health/")
        assert health["status"] == "ok", health
        assert health["checks"]["engine"]["cluster"] == "green"
        assert health["checks"]["engine"]["nodes"] == 2
        assert health["checks"]["cache"]["status"] == "ok"


def test_a_session_opened_on_one_node_is_valid_on_the_other(site, content):
    first, second = web_urls(site)
    status, headers, body = fetch(f"{first}/admin/login/")
    assert status == 200
    cookies = cookies_of(headers)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = {"csrfmiddlewaretoken": token, "username": "topology", "password": content["password"]}
    status, headers, _ = fetch(
        f"{first}/admin/login/", urllib.parse.urlencode(form).encode(), cookies
    )
    assert status == 302, "the sign-in was refused"
    session = {"sessionid": cookies_of(headers)["sessionid"]}

    status, _, _ = fetch(f"{second}/admin/", cookies=session)
    assert status == 200  # the dashboard, not a redirect to the sign-in page
    status, headers, _ = fetch(f"{second}/admin/")
    assert status == 302 and "login" in headers["Location"]  # without the cookie: signed out


def test_the_search_cluster_has_two_nodes_green_and_a_replica_of_the_index(site, content):
    engine = site.url("opensearch")
    health = json_of(f"{engine}/_cluster/health?wait_for_status=green&timeout=30s")
    assert health["number_of_nodes"] == 2
    assert health["status"] == "green"
    index_settings = json_of(f"{engine}/dlm-discovery/_settings")
    (settings,) = index_settings.values()
    assert settings["settings"]["index"]["number_of_replicas"] == "1"
    shards = json_of(f"{engine}/_cat/shards/dlm-discovery?format=json")
    assert sorted((shard["prirep"], shard["state"]) for shard in shards) == [
        ("p", "STARTED"),
        ("r", "STARTED"),
    ]
    assert len({shard["node"] for shard in shards}) == 2  # the copy is on the other node


def test_a_published_page_reaches_the_index_through_the_worker(site, content):
    query = json.dumps({"query": {"term": {"external_id": content["external_id"]}}}).encode()
    deadline = time.monotonic() + 90
    hits = 0
    while time.monotonic() < deadline and not hits:
        request = urllib.request.Request(  # noqa: S310 — http on loopback
            f"{site.url('opensearch')}/dlm-discovery/_search",
            data=query,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            hits = json.load(response)["hits"]["total"]["value"]
        time.sleep(1)
    assert hits >= 1, "the worker did not index the published course"


def test_a_page_scheduled_a_few_seconds_ahead_is_published_by_the_scheduler(site, content):
    scheduled = manage_shell(
        site,
        f"""
import datetime, json
from django.utils import timezone
from resources.models import ResourceIndexPage
from tests.factories import CoursePageFactory
section = ResourceIndexPage.objects.get(pk={content["section"]})
page = CoursePageFactory(parent=section, title="定时发布", live=False)
page.go_live_at = timezone.now() + datetime.timedelta(seconds=5)
page.save_revision().publish()
page.refresh_from_db()
print(json.dumps({{"live": page.live, "url": page.get_url()}}))
""",
    )
    assert scheduled["live"] is False  # waiting for its time
    url = f"{site.url('web', 2)}{scheduled['url']}"
    assert fetch(url)[0] == 404
    deadline = time.monotonic() + SCHEDULER_PATIENCE
    while fetch(url)[0] != 200:
        assert time.monotonic() < deadline, "the scheduler did not publish the page"
        time.sleep(2)


def test_down_stops_everything(site):
    assert topology_command("status").returncode == 0  # everything was running
    done = topology_command("down")
    assert done.returncode == 0, done.stderr
    status = topology_command("status")
    assert status.returncode == 3
    assert "running" not in status.stdout.replace("not running", "")
    topology = load()
    for process in topology.processes:
        for instance in process.instances:
            if instance.port is None:
                continue
            with socket.socket() as probe:
                probe.settimeout(1)
                closed = probe.connect_ex(("127.0.0.1", site.port(instance))) != 0
            assert closed, f"{instance.name} still listens"
