"""One description of the topology: compose.yaml and the systemd units say what it says, and
the scheduler reads the same schedule the timers are written from."""

import datetime
import re
import zoneinfo

import pytest

from deploy import compose, systemd
from deploy.description import DescriptionError, Job, load
from deploy.topology import generated, stale

UTC = datetime.UTC


@pytest.fixture(scope="module")
def topology():
    return load()


def test_the_committed_files_are_the_ones_the_description_gives(topology):
    assert stale(topology) == [], "run: python -m deploy.topology generate"


def test_compose_runs_every_instance_of_the_description_and_the_release(topology):
    services = compose.services(topology)
    instances = {i.name for process in topology.processes for i in process.instances}
    assert set(services) == instances | {"release"}
    for process in topology.of_kind("project"):
        for instance in process.instances:
            service = services[instance.name]
            assert service["image"] == compose.PROJECT_IMAGE  # the project's Dockerfile
            assert " ".join(service["command"]) == process.command
            assert service["depends_on"]["release"] == {
                "condition": "service_completed_successfully"
            }


def test_compose_runs_the_engines_official_images(topology):
    services = compose.services(topology)
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert services["front"]["image"].startswith("varnish:")
    assert services["files"]["image"].startswith("nginx:")
    for number in (1, 2):
        node = services[f"opensearch-{number}"]
        assert node["build"]["dockerfile_inline"].startswith(
            "FROM opensearchproject/opensearch:2.19."
        )
        assert "analysis-icu" in node["build"]["dockerfile_inline"]
        assert node["environment"]["cluster.initial_cluster_manager_nodes"] == (
            "opensearch-1,opensearch-2"
        )


def test_every_web_node_and_worker_reaches_the_same_services(topology):
    services = compose.services(topology)
    web = [services[i.name]["environment"] for i in topology.process("web").instances]
    assert len(web) == 2
    for shared in ("DATABASE_URL", "REDIS_URL", "DLM_OPENSEARCH_URL", "DJANGO_SECRET_KEY"):
        assert len({environment[shared] for environment in web}) == 1
    assert web[0]["REDIS_URL"] == "redis://redis:6379/0"
    assert web[0]["DLM_DISCOVERY_REPLICAS"] == "1"
    assert [environment["PORT"] for environment in web] == ["8000", "8001"]


def test_the_front_balances_over_every_web_node_with_its_health_check(topology):
    configs = compose.front_files(topology)
    vcl, nginx = configs["default.vcl"], configs["nginx.conf"]
    # Varnish reaches each web node through its own port on nginx, and the files on nginx's.
    assert re.findall(r'\.host = "([^"]+)";\s+\.port = "(\d+)"', vcl) == [
        ("files", "8081"),
        ("files", "8082"),
        ("files", "8080"),
    ]
    assert "GET /health/ HTTP/1.1" in vcl
    nodes = re.findall(r"server (\S+);.*?listen 0\.0\.0\.0:(\d+);", nginx, re.S)
    assert nodes == [("web-1:8000", "8081"), ("web-2:8001", "8082")]
    # Purges are taken from the web nodes (and loopback) only.
    purgers = re.search(r"acl purgers \{(.*?)\}", vcl, re.S).group(1)
    assert set(re.findall(r'"([^"]+)";', purgers)) == {"127.0.0.1", "::1", "web-1", "web-2"}


def test_systemd_has_a_unit_for_each_project_process_and_a_timer_for_each_job(topology):
    units = systemd.units(topology)
    assert "digital-lm-web@.service" in units  # a template: one instance per port
    target = units["digital-lm.target"]
    assert "Wants=digital-lm-web@8000.service" in target
    assert "Wants=digital-lm-web@8001.service" in target
    for worker in ("worker-discovery", "worker-files"):
        assert (
            f"ExecStart=/srv/digital-lm/.venv/bin/{topology.process(worker).command}"
            in (units[f"digital-lm-{worker}.service"])
        )
    for job in topology.jobs:
        timer = units[f"digital-lm-job-{job.name}.timer"]
        assert f"OnCalendar={job.on_calendar(topology.time_zone)}" in timer
        assert job.command.removeprefix("python ") in units[f"digital-lm-job-{job.name}.service"]


def test_no_secret_is_written_into_a_unit(topology):
    for name, text in systemd.units(topology).items():
        if name.endswith((".service", ".target", ".timer")):
            assert "DJANGO_SECRET_KEY" not in text
            assert "DLM_CREDENTIAL_KEY_SECRET" not in text
            assert "DATABASE_URL" not in text  # it holds the database password
            assert "EnvironmentFile=/etc/digital-lm/digital-lm.env" in text or (
                not name.endswith(".service")
            )
    example = systemd.units(topology)["digital-lm.env.example"]
    assert "DJANGO_SECRET_KEY=<secret_key>" in example
    assert "DLM_CREDENTIAL_KEY_SECRET=<credential_key_secret>" in example
    assert "DATABASE_URL=postgres://dlm:<database_password>@127.0.0.1:5432/digital_lm" in example


def test_the_readme_production_jobs_are_all_scheduled(topology):
    names = {job.name for job in topology.jobs}
    assert names == {
        "publish_scheduled",
        "harvest_repositories",
        "extract_file_text",
        "prune_bundle_cache",
        "send_review_reminders",
    }
    assert topology.jobs[0].every == "1m"  # publish_scheduled every minute


@pytest.mark.parametrize(
    ("every", "after", "expected"),
    [
        ("1m", "10:03:20", "10:04:00"),
        ("5m", "10:03:20", "10:05:00"),
        ("5m", "10:55:00", "11:00:00"),
        ("6h", "10:03:20", "12:00:00"),
    ],
)
def test_a_job_runs_on_the_clock(every, after, expected):
    job = Job(name="job", command="python manage.py check", every=every)
    moment = datetime.datetime.fromisoformat(f"2026-03-01T{after}+00:00")
    assert job.next_run(moment, "UTC").time() == datetime.time.fromisoformat(expected)


def test_a_daily_job_runs_at_its_time_in_the_sites_zone():
    job = Job(name="job", command="python manage.py check", daily="03:30")
    after = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # 19:00 in Bangkok
    due = job.next_run(after, "Asia/Bangkok")
    assert due.astimezone(zoneinfo.ZoneInfo("Asia/Bangkok")).isoformat() == (
        "2026-03-02T03:30:00+07:00"
    )
    assert job.on_calendar("Asia/Bangkok") == "*-*-* 03:30:00 Asia/Bangkok"


@pytest.mark.parametrize(
    "fields",
    [
        {"every": "7m"},  # not on the clock: systemd's timer would run it at other minutes
        {"every": "5m", "daily": "03:00"},
        {},
        {"daily": "25:00"},
    ],
)
def test_a_schedule_that_cannot_be_kept_is_refused(tmp_path, fields):
    text = (
        "[site]\nport_offset = 0\ntime_zone = 'UTC'\n\n[[job]]\nname = 'x'\n"
        "command = 'python manage.py check'\n"
        + "".join(f"{key} = '{value}'\n" for key, value in fields.items())
    )
    path = tmp_path / "topology.toml"
    path.write_text(text)
    with pytest.raises(DescriptionError):
        load(path)


def test_generated_files_name_their_source(topology):
    for name, text in generated(topology).items():
        if name.endswith((".yaml", ".service", ".timer", ".target", ".example")):
            assert "deploy/topology.toml" in text.splitlines()[0], name
