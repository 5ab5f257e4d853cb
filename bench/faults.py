"""Faults under load: the whole production topology serves teachers while editors publish, and
one thing at a time breaks.

Clients drive a mix of page views, searches and downloads through the front (nginx, Varnish,
two web nodes) for the whole run, while an editor publishes a course every few seconds. One
at a time, with calm between them: a web node is killed with SIGKILL (and started again, as
systemd's Restart= would), one OpenSearch node is stopped (and started again), Redis,
PostgreSQL and the discovery worker are restarted. For each event the run prints how many
requests failed (a 5xx, a refused or cut connection, a download shorter than announced) and
from when to when; afterwards, that every publish made during the run is in the index and
shows through the front (the purge reached it), and that every web node, worker and the
scheduler runs at the end (deploy/supervise.py starts one again when it exits, as systemd
would: the workers exit when PostgreSQL goes away).

Searches carry a counter in their address so that the front cannot answer them from its
cache: each one reaches a web node and the engine, as a new search does.

    deploy/up.sh --demo                      # the topology with the demo content
    .venv/bin/python bench/faults.py         # about five minutes
    .venv/bin/python bench/faults.py --calm 20 --outage 15 --clients 6 --only web,opensearch
    .venv/bin/python bench/faults.py --only postgres --postgres-down 5   # the workers exit

Env: DLM_TOPOLOGY_DIR and DLM_TOPOLOGY_PORT_OFFSET, as deploy/up.sh was given.
"""

import argparse
import functools
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy.description import load  # noqa: E402
from deploy.local import Local  # noqa: E402

# What the clients ask for, by share of requests.
MIX = {"page": 0.7, "search": 0.2, "download": 0.1}
SEARCH_WORDS = ["汽车", "electric", "welding", "ລົດ", "ยานยนต์", "điện", "ជំនាញ", "standard"]
REQUEST_SECONDS = 30

# Run in the topology's own environment: the addresses the clients read, and the courses the
# editor will publish again.
TARGETS = """
import json
from home.models import HomePage
from resources.models import CoursePage, ResourceIndexPage, TeachingMaterialPage
from resources.models.base import resource_page_models
pages = [p.url for p in HomePage.objects.live().public()]
pages += [p.url for p in ResourceIndexPage.objects.live().public()]
for model in resource_page_models():
    pages += [p.url for p in model.objects.live().public().order_by("pk")[:15]]
files = [
    link.document.url
    for material in TeachingMaterialPage.objects.live().public()[:20]
    for link in material.files.select_related("document")
    if not link.document.collection.get_view_restrictions().exists()
]
courses = [
    {"id": c.pk, "external_id": c.external_id, "title": c.title}
    for c in CoursePage.objects.live().public().filter(locale__language_code="en").order_by("pk")[:6]
]
print(json.dumps({"pages": [p for p in pages if p], "files": files, "courses": courses}))
"""

# The editor: publishes the next course every INTERVAL seconds until END, retrying a publish
# that fails (the database restarting) until it is done; a line of JSON per publish.
EDITOR = """
import json, time
from django.db import close_old_connections, connection
from resources.models import CoursePage
courses, interval, end = COURSES, INTERVAL, END
number = 0
while time.time() < end:
    course = courses[number % len(courses)]
    number += 1
    title = f"{course['title']} · {number}"
    while time.time() < end + 60:
        try:
            page = CoursePage.objects.get(pk=course["id"])
            page.title = title
            page.save_revision().publish()
            break
        except Exception as error:
            print(json.dumps({"error": str(error).splitlines()[0][:200], "t": time.time()}), flush=True)
            connection.close()
            time.sleep(1)
    else:
        continue
    print(json.dumps({"t": time.time(), "id": page.pk, "external_id": page.external_id,
                      "title": title, "url": page.url}), flush=True)
    close_old_connections()
    time.sleep(interval)
"""


@dataclass
class Outcome:
    at: float
    kind: str
    ok: bool
    status: int
    seconds: float
    why: str = ""


@dataclass
class Event:
    name: str
    started: float = 0.0
    recovered: float = 0.0
    outcomes: list = field(default_factory=list)


class Clients:
    """``count`` clients, each on its own keep-alive connection to the front."""

    def __init__(self, host, port, targets, count):
        self.host, self.port, self.targets, self.count = host, port, targets, count
        self.outcomes = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.counter = 0
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(count)]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(REQUEST_SECONDS + 5)

    def next_request(self, rng):
        kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
        if kind == "download" and not self.targets["files"]:
            kind = "page"
        if kind == "page":
            return kind, rng.choice(self.targets["pages"])
        if kind == "download":
            return kind, rng.choice(self.targets["files"])
        with self.lock:
            self.counter += 1
            counter = self.counter
        word = urllib.parse.quote(rng.choice(SEARCH_WORDS))
        lang = rng.choice(["zh-hans", "en", "th", "vi", "lo", "km", "my"])
        return kind, f"/api/discovery/?q={word}&lang={lang}&run={counter}"

    def run(self):
        rng = random.Random()  # noqa: S311 — a load mix, not a secret
        connection = None
        while not self.stopping.is_set():
            kind, path = self.next_request(rng)
            started = time.monotonic()
            status, why = 0, ""
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(
                        self.host, self.port, timeout=REQUEST_SECONDS
                    )
                connection.request("GET", path, headers={"Accept-Language": "en"})
                response = connection.getresponse()
                body = response.read()
                status = response.status
                expected = response.getheader("Content-Length")
                if expected is not None and int(expected) != len(body):
                    why = f"cut at {len(body)} of {expected} bytes"
                elif status >= 500:
                    why = f"status {status}"
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as error:
                why = type(error).__name__
                if connection is not None:
                    connection.close()
                connection = None
            outcome = Outcome(time.time(), kind, not why, status, time.monotonic() - started, why)
            with self.lock:
                self.outcomes.append(outcome)
            if why:
                time.sleep(0.1)  # a client that failed waits a moment, as a browser would


def manage_shell(local, code, **values):
    for name, value in values.items():
        code = code.replace(name, repr(value))
    return subprocess.Popen(  # noqa: S603 — our own interpreter and manage.py
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=local.environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_targets(local):
    done = manage_shell(local, TARGETS)
    out, err = done.communicate(timeout=300)
    if done.returncode:
        sys.exit(f"Could not read the site's addresses:\n{err[-2000:]}")
    return json.loads(out.strip().splitlines()[-1])


# --- the events: each breaks one thing, then brings it back as its supervisor would ---------
def kill_web(local, topology, outage):
    os.killpg(local.pid("web-1"), signal.SIGKILL)
    time.sleep(outage)
    local.start_project(topology.process("web"))


def stop_search_node(local, topology, outage):
    local.stop_process("opensearch-1")
    time.sleep(outage)
    local.start_opensearch(topology.process("opensearch"))
    wait_for(lambda: local.cluster_health(topology.process("opensearch")).get("status") == "green")


def restart_redis(local, topology, outage):
    local.stop_process("redis")
    local.start_redis(topology.process("redis"))


def restart_postgres(local, topology, outage, down=0.0):
    process = topology.process("postgres")
    local.stop_postgres(process)
    time.sleep(down)
    local.start_postgres(process)


def restart_worker(local, topology, outage):
    local.stop_process("worker-discovery")
    local.start_project(topology.process("worker-discovery"))


EVENTS = {
    "web": ("kill web node 1 (SIGKILL)", kill_web),
    "opensearch": ("stop OpenSearch node 1", stop_search_node),
    "redis": ("restart Redis", restart_redis),
    "postgres": ("restart PostgreSQL", restart_postgres),
    "worker": ("restart the discovery worker", restart_worker),
}


def project_processes(topology):
    return [i.name for p in topology.of_kind("project") for i in p.instances]


def log_sizes(local, names):
    return {name: _size(local.logs / f"{name}.log") for name in names}


def _size(path):
    try:
        return path.stat().st_size
    except OSError:
        return 0


def process_report(local, names, sizes):
    """{name: (running, restarts)}: whether its supervisor runs it now, and how many times the
    supervisor (deploy/supervise.py) started it again since ``sizes`` were taken."""
    report = {}
    for name in names:
        pid = local.pid(name)
        try:
            running = pid is not None and bool(
                Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            )
        except OSError:
            running = False
        with open(local.logs / f"{name}.log", "rb") as log:
            log.seek(sizes.get(name, 0))
            restarts = log.read().decode(errors="replace").count(f"supervise {name}: exited")
        report[name] = (running, restarts)
    return report


def wait_for(condition, seconds=300):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(1)
    return False


def get_json(url, data=None):
    request = urllib.request.Request(  # noqa: S310 — http on loopback
        url, data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.load(response)


def backlog(local):
    """The discovery outbox's backlog, as web node 1's health answer reports it."""
    request = urllib.request.Request(f"{local.url('web', 1)}/health/")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        answer = json.load(error)
    return answer["queues"]["discovery_index"]["backlog"]


def indexed_title(local, external_id):
    query = {"query": {"bool": {"filter": [{"term": {"external_id": external_id}},
                                           {"term": {"language": "en"}},
                                           {"term": {"kind": "page"}}]}}}  # fmt: skip
    hits = get_json(f"{local.url('opensearch')}/dlm-discovery/_search", json.dumps(query).encode())[
        "hits"
    ]["hits"]
    return hits[0]["_source"]["title"] if hits else None


def front_shows(local, url, title):
    with urllib.request.urlopen(f"{local.url('front')}{url}", timeout=30) as response:  # noqa: S310
        return escape(title, quote=False) in response.read().decode()


def describe(outcomes, since):
    failed = [o for o in outcomes if not o.ok]
    line = f"{len(outcomes):6d} requests, {len(failed):4d} failed"
    if failed:
        kinds = {}
        for outcome in failed:
            kinds[outcome.kind] = kinds.get(outcome.kind, 0) + 1
        reasons = sorted({o.why for o in failed})[:3]
        line += (
            f" from +{failed[0].at - since:.1f} s to +{failed[-1].at - since:.1f} s"
            f" ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}; {'; '.join(reasons)})"
        )
    return line


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--calm", type=float, default=30, help="seconds between two events")
    parser.add_argument("--outage", type=float, default=20, help="seconds a node stays down")
    parser.add_argument("--publish-every", type=float, default=5)
    parser.add_argument(
        "--postgres-down", type=float, default=0, help="seconds PostgreSQL stays stopped"
    )
    parser.add_argument("--only", default=",".join(EVENTS), help="events, comma-separated")
    options = parser.parse_args()

    topology = load()
    local = Local(topology)
    stopped = [name for name, running in local.status().items() if not running]
    if stopped:
        sys.exit(f"Not running: {', '.join(stopped)}. Start the topology: deploy/up.sh --demo")
    events = [Event(EVENTS[name][0]) for name in options.only.split(",")]
    actions = [EVENTS[name][1] for name in options.only.split(",")]
    if options.postgres_down:
        actions = [
            functools.partial(action, down=options.postgres_down)
            if action is restart_postgres
            else action
            for action in actions
        ]

    targets = read_targets(local)
    print(
        f"{len(targets['pages'])} pages, {len(targets['files'])} files, "
        f"{len(targets['courses'])} courses to publish again; {options.clients} clients"
    )
    front = local.address("front").split(":")
    clients = Clients(front[0], int(front[1]), targets, options.clients)
    duration = options.calm * (len(events) + 1) + options.outage * len(events) + 120
    editor = manage_shell(
        local,
        EDITOR,
        COURSES=targets["courses"],
        INTERVAL=options.publish_every,
        END=time.time() + duration,
    )

    processes = project_processes(topology)
    sizes = log_sizes(local, processes)
    clients.start()
    run_started = time.time()
    time.sleep(options.calm)
    for event, action in zip(events, actions, strict=True):
        event.started = time.time()
        print(f"+{event.started - run_started:5.0f} s  {event.name}", flush=True)
        action(local, topology, options.outage)
        event.recovered = time.time()
        time.sleep(options.calm)
    run_ended = time.time()
    clients.stop()
    editor.send_signal(signal.SIGTERM)
    out, err = editor.communicate(timeout=120)
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    publishes = [line for line in lines if "id" in line]
    publish_errors = [line for line in lines if "error" in line]

    outcomes = sorted(clients.outcomes, key=lambda o: o.at)
    edges = [event.started for event in events] + [run_ended]
    print("\nEvent                              window          outcome")
    calm = [o for o in outcomes if o.at < edges[0]]
    print(
        f"{'(calm, before any event)':34s} {edges[0] - run_started:5.0f} s  {describe(calm, run_started)}"
    )
    for event, end in zip(events, edges[1:], strict=True):
        window = [o for o in outcomes if event.started <= o.at < end]
        print(
            f"{event.name:34s} {end - event.started:5.0f} s  {describe(window, event.started)}"
            f"  (back after {event.recovered - event.started:.0f} s)"
        )
    total = len(outcomes)
    rate = total / (run_ended - run_started)
    print(f"\n{total} requests in {run_ended - run_started:.0f} s ({rate:.0f} req/s)")
    print(f"{len(publishes)} publishes, {len(publish_errors)} attempts refused and retried")

    report = process_report(local, processes, sizes)
    print(
        "processes at the end: "
        + ", ".join(
            f"{name} {'running' if running else 'NOT RUNNING'}"
            + (f" (started again {restarts}x after exiting)" if restarts else "")
            for name, (running, restarts) in report.items()
        )
    )

    # Nothing lost: the newest publish of each course is in the index and through the front.
    drained = wait_for(lambda: backlog(local) == 0, seconds=300)
    newest = {}
    for publish in publishes:
        newest[publish["id"]] = publish
    missing_index = [
        p for p in newest.values() if indexed_title(local, p["external_id"]) != p["title"]
    ]
    stale_front = [p for p in newest.values() if not front_shows(local, p["url"], p["title"])]
    print(f"discovery backlog drained: {'yes' if drained else 'NO'}")
    print(
        f"newest publish of {len(newest)} courses in the index: {len(newest) - len(missing_index)}"
    )
    for publish in missing_index:
        print(f"  not in the index: {publish['external_id']} {publish['title']!r}")
    print(f"shown through the front: {len(newest) - len(stale_front)}")
    for publish in stale_front:
        print(f"  stale at the front: {publish['url']} (expected {publish['title']!r})")
    if editor.returncode not in (0, -signal.SIGTERM) and err:
        print(f"editor: {err.strip().splitlines()[-1]}")
    stopped = [name for name, (running, _) in report.items() if not running]
    return 1 if missing_index or stale_front or not drained or stopped else 0


if __name__ == "__main__":
    sys.exit(main())
