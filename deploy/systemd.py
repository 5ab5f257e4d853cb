"""systemd units for a site run from a checkout, written from the description.

PostgreSQL, Redis, OpenSearch, Varnish and nginx come from their own packages with their own
units; these are the project's: a template unit for the web nodes (the instance is its
port), one unit per worker, the release steps as a one-shot unit, and a timer per recurring
job (the systemd way of the topology's scheduler, from the same schedule). Addresses default
to this machine's ports; /etc/digital-lm/digital-lm.env gives the secrets and overrides
anything (systemd reads it after the units' own Environment= lines).
"""

import shlex

from deploy.description import RELEASE

PREFIX = "digital-lm"
ROOT = "/srv/digital-lm"  # the checkout, with its .venv (scripts/bootstrap.sh)
ENV_FILE = "/etc/digital-lm/digital-lm.env"
USER = "dlm"
HEADER = "# Generated from deploy/topology.toml by `python -m deploy.topology generate`: edit that file.\n"
# What each site writes into its environment file; the example shows the variables.
SITE_VALUES = (
    "secret_key",
    "credential_key_secret",
    "database_password",
    "public_host",
    "email_url",
)
PACKAGED_UNITS = {
    "postgres": "postgresql.service",
    "redis": "redis-server.service",
    "opensearch": "opensearch.service",
    "files": "nginx.service",
    "front": "varnish.service",
}
# The scheduler process is the timers below; the engines and the front are packaged.
NOT_UNITS = ("scheduler",)


def resolver(topology):
    def resolve(name, number):
        if name == "port":
            return "%i"  # the template's instance is the port
        if name == "media_root":
            return f"{ROOT}/media"
        if name in SITE_VALUES:
            return f"@{name}@"
        instance = topology.process(name).instances[(number or 1) - 1]
        return f"127.0.0.1:{instance.port}"

    return resolve


def _unit_name(process):
    if process.kind == "project":
        return f"{PREFIX}-{process.name}{'@' if process.count > 1 else ''}.service"
    return PACKAGED_UNITS[process.kind]


def _after(topology, process):
    units = []
    for name in process.depends_on:
        if name == RELEASE:
            units.append(f"{PREFIX}-release.service")
        else:
            dependency = topology.process(name)
            if dependency.kind == "project":
                units += [_instance_unit(i) for i in dependency.instances]
            else:
                units.append(_unit_name(dependency))
    return units


def _instance_unit(instance):
    process = instance.process
    if process.count > 1:
        return f"{PREFIX}-{process.name}@{instance.port}.service"
    return _unit_name(process)


def _environment_lines(environment):
    """Environment= lines for what holds no site secret; the rest is the environment file's."""
    return [
        f"Environment={shlex.quote(f'{key}={value}')}"
        for key, value in environment.items()
        if not any(f"@{name}@" in value for name in SITE_VALUES)
    ]


def _command(command):
    """ExecStart's command: the checkout's virtualenv (python, gunicorn) by absolute path."""
    words = shlex.split(command)
    return shlex.join([f"{ROOT}/.venv/bin/{words[0]}", *words[1:]])


def _service(description, after, exec_lines, environment, extra=()):
    requires = " ".join(after)
    lines = [
        "[Unit]",
        f"Description={description}",
        f"After=network-online.target {requires}".rstrip(),
        "Wants=network-online.target",
        "PartOf=digital-lm.target",
        "",
        "[Service]",
        f"User={USER}",
        f"Group={USER}",
        f"WorkingDirectory={ROOT}",
        *_environment_lines(environment),
        f"EnvironmentFile={ENV_FILE}",
        *exec_lines,
        *extra,
        "",
    ]
    return HEADER + "\n".join(lines)


def _process_unit(topology, process, resolve):
    instance = process.instances[0]
    extra = ["Restart=always", "RestartSec=5", "KillSignal=SIGTERM", "TimeoutStopSec=60"]
    if process.count > 1:
        description = f"Digital Lancang-Mekong {process.name} on port %i"
    else:
        description = f"Digital Lancang-Mekong {process.name}"
    extra.append("")
    extra += ["[Install]", "WantedBy=digital-lm.target"]
    return _service(
        description,
        _after(topology, process),
        [f"ExecStart={_command(process.command)}"],
        topology.environment_of(instance, resolve),
        extra,
    )


def _release_unit(topology, resolve):
    after = []
    for process in topology.processes:
        if RELEASE in process.depends_on:
            after += [unit for unit in _after(topology, process) if RELEASE not in unit]
    steps = [*topology.build_steps, *topology.release_steps]
    return _service(
        "Digital Lancang-Mekong release steps (migrations, editorial set-up, index)",
        list(dict.fromkeys(after)),
        [f"ExecStart={_command(step)}" for step in steps],
        topology.environment_of(None, resolve),
        ["Type=oneshot", "RemainAfterExit=yes", "TimeoutStartSec=3600"],
    )


def _job_units(topology, job, resolve):
    service = _service(
        f"Digital Lancang-Mekong job {job.name}",
        [f"{PREFIX}-release.service"],
        [f"ExecStart={_command(job.command)}"],
        topology.environment_of(None, resolve),
        ["Type=oneshot", f"TimeoutStartSec={job.timeout}"],
    )
    timer = HEADER + "\n".join(
        [
            "[Unit]",
            f"Description=Digital Lancang-Mekong job {job.name}, on its schedule",
            "PartOf=digital-lm.target",
            "",
            "[Timer]",
            f"OnCalendar={job.on_calendar(topology.time_zone)}",
            "AccuracySec=1s",
            "",
            "[Install]",
            "WantedBy=digital-lm.target",
            "",
        ]
    )
    return {f"{PREFIX}-job-{job.name}.service": service, f"{PREFIX}-job-{job.name}.timer": timer}


def _target(topology):
    wants = [f"{PREFIX}-release.service"]
    for process in topology.processes:
        if process.kind == "project" and process.name not in NOT_UNITS:
            wants += [_instance_unit(instance) for instance in process.instances]
    wants += [f"{PREFIX}-job-{job.name}.timer" for job in topology.jobs]
    return HEADER + "\n".join(
        [
            "[Unit]",
            "Description=Digital Lancang-Mekong: web nodes, workers and recurring jobs",
            *[f"Wants={unit}" for unit in wants],
            "",
            "[Install]",
            "WantedBy=multi-user.target",
            "",
        ]
    )


def _environment_example(topology, resolve):
    def shown(name, number):
        return f"<{name}>" if name in SITE_VALUES else resolve(name, number)

    lines = [
        HEADER.rstrip(),
        f"# {ENV_FILE}: the site's own values (mode 0600, owner root). Anything the units set",
        "# may be overridden here too (other hosts' addresses, WEB_CONCURRENCY...).",
    ]
    for key, value in topology.environment_of(None, shown).items():
        if "<" in value:
            lines.append(f"{key}={value}")
    return "\n".join(lines) + "\n"


def units(topology):
    """{file name: text} of every unit, and the environment file's example."""
    resolve = resolver(topology)
    files = {f"{PREFIX}.target": _target(topology)}
    files[f"{PREFIX}-release.service"] = _release_unit(topology, resolve)
    for process in topology.of_kind("project"):
        if process.name not in NOT_UNITS:
            files[_unit_name(process)] = _process_unit(topology, process, resolve)
    for job in topology.jobs:
        files.update(_job_units(topology, job, resolve))
    files[f"{PREFIX}.env.example"] = _environment_example(topology, resolve)
    return files
