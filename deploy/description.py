"""The topology as declared in topology.toml: its processes, their instances and addresses,
the release steps and the recurring jobs with their schedule.

Standard library only: the one-machine script, the generators and the scheduler
(``manage.py run_schedule``) all read the description through this module.
"""

import datetime
import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

DESCRIPTION = Path(__file__).with_name("topology.toml")
RELEASE = "release"  # not a process: the one-shot steps every project process waits for
KINDS = ("postgres", "redis", "opensearch", "project", "files", "front")
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_-]*)(?:\.(\d+))?\}")
EVERY = re.compile(r"^(\d+)([mh])$")
DAILY = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class DescriptionError(ValueError):
    """topology.toml says something this module cannot honour."""


@dataclass(frozen=True)
class Instance:
    process: "Process"
    number: int  # 1, 2, ...

    @property
    def name(self):
        return (
            self.process.name if self.process.count == 1 else f"{self.process.name}-{self.number}"
        )

    @property
    def port(self):
        return None if self.process.port is None else self.process.port + self.number - 1

    @property
    def transport_port(self):
        port = self.process.transport_port
        return None if port is None else port + self.number - 1


@dataclass(frozen=True)
class Process:
    name: str
    kind: str
    count: int = 1
    port: int | None = None
    command: str = ""
    environment: dict = field(default_factory=dict)
    local_environment: dict = field(default_factory=dict)
    health: str = ""  # "tcp", "http:<path>", or "" (the process being alive is enough)
    depends_on: tuple = ()
    image: str = ""
    args: tuple = ()
    plugins: tuple = ()
    transport_port: int | None = None
    heap: str = ""
    cluster: str = ""

    @property
    def instances(self):
        return [Instance(self, number) for number in range(1, self.count + 1)]

    @property
    def health_path(self):
        return self.health.removeprefix("http:") if self.health.startswith("http:") else ""


@dataclass(frozen=True)
class Job:
    """A recurring job: every N minutes or hours on the clock, or daily at a time of day."""

    name: str
    command: str
    every: str = ""
    daily: str = ""
    timeout: int = 3600

    def matches(self, moment):
        """Whether the job is due at ``moment`` (a whole minute, in the schedule's zone)."""
        if self.daily:
            hour, minute = (int(part) for part in self.daily.split(":"))
            return (moment.hour, moment.minute) == (hour, minute)
        count, unit = EVERY.match(self.every).groups()
        if unit == "m":
            return moment.minute % int(count) == 0
        return moment.minute == 0 and moment.hour % int(count) == 0

    def next_run(self, after, time_zone):
        """The first whole minute strictly after ``after`` (aware) at which the job is due."""
        zone = zoneinfo.ZoneInfo(time_zone)
        moment = after.astimezone(datetime.UTC).replace(second=0, microsecond=0)
        for _ in range(2 * 24 * 60):  # a daily job is due within a day (DST included)
            moment += datetime.timedelta(minutes=1)
            if self.matches(moment.astimezone(zone)):
                return moment
        raise DescriptionError(f"job {self.name} is never due")

    def on_calendar(self, time_zone):
        """The same schedule as a systemd timer's OnCalendar."""
        if self.daily:
            return f"*-*-* {self.daily}:00 {time_zone}"
        count, unit = EVERY.match(self.every).groups()
        if unit == "m":
            return f"*:0/{count}"
        return f"0/{count}:00:00 {time_zone}"


@dataclass(frozen=True)
class Topology:
    processes: tuple
    jobs: tuple
    environment: dict
    local_environment: dict
    build_steps: tuple
    release_steps: tuple
    port_offset: int
    time_zone: str

    def process(self, name):
        for process in self.processes:
            if process.name == name:
                return process
        raise DescriptionError(f"no process named {name!r}")

    def of_kind(self, kind):
        return [process for process in self.processes if process.kind == kind]

    def environment_of(self, instance, resolve, local=False):
        """The environment of a project process's instance (None: what every one shares, as
        the release steps get), placeholders resolved by ``resolve(name, number)``: the
        address of process ``name``'s instance ``number`` (the first when None), or a site
        value (secret_key...)."""
        values = dict(self.environment)
        if instance:
            values.update(instance.process.environment)
        if local:
            values.update(self.local_environment)
            if instance:
                values.update(instance.process.local_environment)
        return {key: substitute(value, instance, resolve) for key, value in values.items()}


def substitute(text, instance, resolve):
    """``text`` with its {placeholders} filled (see topology.toml)."""

    def fill(match):
        name, number = match.group(1), match.group(2)
        if name == "port" and instance:
            return str(resolve("port", instance.port))  # the target adds its offset
        if name == "instance" and instance:
            return str(instance.number)
        return resolve(name, int(number) if number else None)

    return PLACEHOLDER.sub(fill, text)


def _process(table):
    known = {field_.name for field_ in Process.__dataclass_fields__.values()}
    unknown = set(table) - known
    if unknown:
        raise DescriptionError(f"process {table.get('name')}: unknown keys {sorted(unknown)}")
    if table.get("kind") not in KINDS:
        raise DescriptionError(f"process {table.get('name')}: kind must be one of {KINDS}")
    for key in ("depends_on", "args", "plugins"):
        table[key] = tuple(table.get(key, ()))
    return Process(**table)


def _job(table):
    job = Job(**table)
    if bool(job.every) == bool(job.daily):
        raise DescriptionError(f"job {job.name}: give either `every` or `daily`")
    if job.daily and not DAILY.match(job.daily):
        raise DescriptionError(f"job {job.name}: `daily` is a time of day, HH:MM")
    if job.every:
        match = EVERY.match(job.every)
        # On the clock, so that the systemd timer runs it at the same minutes.
        if not match or (60 if match.group(2) == "m" else 24) % int(match.group(1)):
            raise DescriptionError(
                f"job {job.name}: `every` is minutes dividing an hour (5m) or hours dividing a day"
            )
    if not job.command.startswith("python manage.py "):
        raise DescriptionError(f"job {job.name}: a job is a management command")
    return job


def _check(topology):
    names = {process.name for process in topology.processes}
    if len(names) != len(topology.processes):
        raise DescriptionError("two processes have the same name")
    for process in topology.processes:
        for dependency in process.depends_on:
            if dependency != RELEASE and dependency not in names:
                raise DescriptionError(f"{process.name} depends on unknown {dependency!r}")
    started = set()
    for process in topology.processes:  # declared in starting order
        late = [d for d in process.depends_on if d != RELEASE and d not in started]
        if late:
            raise DescriptionError(f"{process.name} is declared before {late}")
        started.add(process.name)


def load(path=DESCRIPTION):
    with open(path, "rb") as file:
        data = tomllib.load(file)
    release = data.get("release", {})
    topology = Topology(
        processes=tuple(_process(dict(table)) for table in data.get("process", ())),
        jobs=tuple(_job(table) for table in data.get("job", ())),
        environment=data.get("environment", {}),
        local_environment=data.get("local", {}).get("environment", {}),
        build_steps=tuple(release.get("build", ())),
        release_steps=tuple(release.get("steps", ())),
        port_offset=data["site"]["port_offset"],
        time_zone=data["site"]["time_zone"],
    )
    _check(topology)
    return topology
