"""The whole topology on one machine, for tests and trials: every process of the description
on 127.0.0.1, each port moved by the description's offset, state under one folder.

PostgreSQL is the test rig's script (scripts/services/postgres.sh) with its own folder and
port; Redis is Debian's redis-server; the OpenSearch nodes run from the test rig's prepared
distribution (scripts/services/opensearch.sh home) as one cluster; the project's processes
run from the checkout's .venv with the production settings, each under deploy/supervise.py,
which starts it again when it exits (as systemd's Restart=always does in production); the
front is deploy/front's.
Servers that refuse root (and Redis) run as the unprivileged service user when this runs as
root, as the test rig's do. Processes are started detached, each in its own session, their
pid files and logs in the state folder, so `down` and `status` work from another shell.
"""

import fcntl
import json
import os
import pwd
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from deploy.description import RELEASE
from deploy.front.configs import Front

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / "scripts" / "services"
SERVICE_USER = os.environ.get("DLM_SERVICE_USER", "dlm-services")
START_SECONDS = {"opensearch": 240, "project": 120, "redis": 30}
STOP_SECONDS = 60


class TopologyError(RuntimeError):
    """Something did not start; the message says what and where its log is."""


def state_dir():
    return Path(os.environ.get("DLM_TOPOLOGY_DIR", ROOT / ".services" / "topology")).resolve()


def say(message):
    print(f"topology: {message}", flush=True)


def answers(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def http_get(url, timeout=5):
    """(status, body) of a GET, or (None, "") when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 — http only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except (OSError, ValueError):
        return None, ""


def _service_user_ids():
    """(uid, gid) to run servers as: the service user when root, else None."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(  # noqa: S603 — a fixed command
            ["/usr/sbin/useradd", "--system", "--user-group", "--no-create-home", "--home-dir",
             "/nonexistent", "--shell", "/usr/sbin/nologin", SERVICE_USER],
            check=True,
        )  # fmt: skip
        entry = pwd.getpwnam(SERVICE_USER)
    return entry.pw_uid, entry.pw_gid


def _give(path, ids):
    if ids:
        for item in [path, *path.rglob("*")]:
            os.chown(item, *ids)


def _process_alive(pid):
    try:
        os.kill(pid, 0)
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


class Local:
    """The topology ``topology`` run in ``state`` (see the module's docstring)."""

    def __init__(self, topology, state=None, offset=None):
        self.topology = topology
        self.state = Path(state or state_dir())
        env_offset = os.environ.get("DLM_TOPOLOGY_PORT_OFFSET")
        self.offset = offset if offset is not None else int(env_offset or topology.port_offset)
        self.run_dir = self.state / "run"
        self.logs = self.state / "logs"

    # --- addresses and environments -------------------------------------------------------
    def port(self, instance):
        return instance.port + self.offset

    def address(self, name, number=1):
        return f"127.0.0.1:{self.port(self.topology.process(name).instances[number - 1])}"

    def url(self, name, number=1):
        return f"http://{self.address(name, number)}"

    def _kept_secret(self, name):
        """A random secret made on first use and kept in the state folder (mode 0600)."""
        path = self.state / name
        if not path.exists():
            self.state.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def secret_key(self):
        return self._kept_secret("secret_key")

    def credential_key_secret(self):
        # Kept like the secret key: the issuers' keys made by one run open in the next.
        return self._kept_secret("credential_key_secret")

    def resolve(self, name, number):
        site = {
            "secret_key": self.secret_key,
            "credential_key_secret": self.credential_key_secret,
            "database_password": lambda: "dlm",  # the test rig's PostgreSQL role
            "public_host": lambda: "127.0.0.1",
            "email_url": lambda: "consolemail://",  # e-mail goes to the processes' logs
            "media_root": lambda: str(self.state / "media"),
        }
        if name == "port":
            return number + self.offset
        if name in site:
            return site[name]()
        return self.address(name, number or 1)

    def environment(self, instance=None):
        """The environment of a project process (None: the release steps')."""
        environment = {
            "PATH": f"{ROOT / '.venv' / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "HOME": os.environ.get("HOME", "/root"),
            "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_STATIC_ROOT": str(self.state / "static"),
        }
        environment.update(self.topology.environment_of(instance, self.resolve, local=True))
        return environment

    # --- processes ------------------------------------------------------------------------
    def _pidfile(self, name):
        return self.run_dir / f"{name}.pid"

    def pid(self, name):
        try:
            pid = int(self._pidfile(name).read_text())
        except (OSError, ValueError):
            return None
        return pid if _process_alive(pid) else None

    def spawn(self, name, argv, environment, cwd=ROOT, as_service_user=False):
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.logs.mkdir(parents=True, exist_ok=True)
        ids = _service_user_ids() if as_service_user else None
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 — the child keeps it
        with log:
            process = subprocess.Popen(  # noqa: S603 — the description's commands
                argv,
                cwd=cwd,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                user=ids[0] if ids else None,
                group=ids[1] if ids else None,
                extra_groups=[] if ids else None,
            )
        self._pidfile(name).write_text(str(process.pid))
        return process.pid

    def stop_process(self, name):
        pid = self.pid(name)
        if pid is None:
            self._pidfile(name).unlink(missing_ok=True)
            return False
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        while _process_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _process_alive(pid):
            os.killpg(pid, signal.SIGKILL)
        self._pidfile(name).unlink(missing_ok=True)
        return True

    def log_tail(self, name, lines=30):
        path = self.logs / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def wait_until(self, name, ready, seconds):
        deadline = time.monotonic() + seconds
        while not ready():
            if self._pidfile(name).exists() and self.pid(name) is None:
                raise TopologyError(f"{name} exited:\n{self.log_tail(name)}")
            if time.monotonic() > deadline:
                raise TopologyError(f"{name} not ready after {seconds} s:\n{self.log_tail(name)}")
            time.sleep(0.5)

    # --- each kind of process -------------------------------------------------------------
    def _postgres_env(self, instance):
        return {
            **os.environ,
            "DLM_SERVICES_DIR": str(self.state / "services"),
            "DLM_PG_PORT": str(self.port(instance)),
        }

    def start_postgres(self, process):
        instance = process.instances[0]
        subprocess.run(  # noqa: S603 — the test rig's script
            [str(SERVICES / "postgres.sh"), "start"], env=self._postgres_env(instance), check=True
        )

    def stop_postgres(self, process):
        subprocess.run(  # noqa: S603 — the test rig's script
            [str(SERVICES / "postgres.sh"), "stop"],
            env=self._postgres_env(process.instances[0]),
            check=False,
        )

    def start_redis(self, process):
        instance = process.instances[0]
        if self.pid(instance.name):
            return
        folder = self.state / instance.name
        folder.mkdir(parents=True, exist_ok=True)
        _give(folder, _service_user_ids())
        argv = [
            shutil.which("redis-server") or "redis-server",
            "--bind", "127.0.0.1", "--port", str(self.port(instance)),
            "--dir", str(folder), "--protected-mode", "yes", "--daemonize", "no",
            *process.args,
        ]  # fmt: skip
        self.spawn(instance.name, argv, {"PATH": "/usr/bin:/bin"}, folder, as_service_user=True)
        self.wait_until(instance.name, lambda: answers(self.port(instance)), START_SECONDS["redis"])

    def _opensearch_home(self):
        lines = subprocess.run(  # noqa: S603 — the test rig's script
            [str(SERVICES / "opensearch.sh"), "home"], capture_output=True, text=True, check=False
        )
        if lines.returncode:
            raise TopologyError(f"OpenSearch could not be prepared:\n{lines.stderr}")
        home, java = lines.stdout.split()[-2:]
        home = Path(home)
        # Two nodes form a cluster over the transport module; the zip must carry it.
        if not (home / "modules" / "transport-netty4").is_dir():
            raise TopologyError(f"{home} has no transport module: nodes cannot form a cluster")
        return home, java

    def _opensearch_config(self, process, instance, home, folder):
        config = folder / "config"
        shutil.rmtree(config, ignore_errors=True)
        shutil.copytree(home / "config", config)
        for sub in ("data", "logs", "tmp"):
            (folder / sub).mkdir(exist_ok=True)
        nodes = process.instances
        settings = {
            "cluster.name": process.cluster,
            "node.name": instance.name,
            "network.host": "127.0.0.1",
            "http.port": self.port(instance),
            "transport.port": instance.transport_port + self.offset,
            "discovery.seed_hosts": [f"127.0.0.1:{n.transport_port + self.offset}" for n in nodes],
            "cluster.initial_cluster_manager_nodes": [n.name for n in nodes],
            "path.data": str(folder / "data"),
            "path.logs": str(folder / "logs"),
            # The disk may be fairly full on a test machine: never block writes for it.
            "cluster.routing.allocation.disk.threshold_enabled": False,
        }
        (config / "opensearch.yml").write_text(
            "# Written by deploy/topology.py on every start.\n"
            + "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items())
        )
        # The launcher resolves jvm.options' relative paths against the distribution's home,
        # which the service user may not write: point them at this node's folder.
        options = config / "jvm.options"
        options.write_text(
            options.read_text()
            .replace("file=logs/gc.log", f"file={folder}/logs/gc.log")
            .replace("-Xloggc:logs/", f"-Xloggc:{folder}/logs/")
            .replace("HeapDumpPath=data", f"HeapDumpPath={folder / 'tmp'}")
            .replace("ErrorFile=logs/", f"ErrorFile={folder}/logs/")
        )
        heap = f"-Xms{process.heap}\n-Xmx{process.heap}\n"
        (config / "jvm.options.d" / "heap.options").write_text(heap)

    def start_opensearch(self, process):
        if all(self.pid(instance.name) for instance in process.instances):
            return
        home, java = self._opensearch_home()
        ids = _service_user_ids()
        for instance in process.instances:
            if self.pid(instance.name):
                continue
            folder = self.state / instance.name
            folder.mkdir(parents=True, exist_ok=True)
            self._opensearch_config(process, instance, home, folder)
            _give(folder, ids)
            environment = {
                "PATH": "/usr/bin:/bin",
                "OPENSEARCH_PATH_CONF": str(folder / "config"),
                "OPENSEARCH_JAVA_HOME": java,
                "OPENSEARCH_TMPDIR": str(folder / "tmp"),
            }
            argv = [str(home / "bin" / "opensearch")]
            self.spawn(instance.name, argv, environment, folder, as_service_user=True)
        first = process.instances[0]
        self.wait_until(
            first.name,
            lambda: self.cluster_nodes(process) == process.count,
            START_SECONDS["opensearch"],
        )

    def cluster_health(self, process, wait=""):
        status, body = http_get(f"{self.url(process.name)}/_cluster/health{wait}", timeout=65)
        return json.loads(body) if status == 200 else {}

    def cluster_nodes(self, process):
        return self.cluster_health(process).get("number_of_nodes", 0)

    def run_steps(self, steps, label):
        environment = self.environment()
        for step in steps:
            started = time.monotonic()
            with open(self.logs / f"{RELEASE}.log", "ab") as log:
                result = subprocess.run(  # noqa: S603 — the description's steps
                    shlex.split(step), cwd=ROOT, env=environment, stdout=log, stderr=log
                )
            if result.returncode:
                raise TopologyError(f"{label} step failed: {step}\n{self.log_tail(RELEASE)}")
            say(f"  {step} ({time.monotonic() - started:.0f} s)")

    def release(self, demo=False):
        (self.state / "media").mkdir(parents=True, exist_ok=True)
        self.run_steps(self.topology.build_steps, "build")
        self.run_steps(self.topology.release_steps, RELEASE)
        if demo:
            self.run_steps(["python manage.py load_demo_content --force --create-users"], "demo")

    def start_project(self, process):
        for instance in process.instances:
            if self.pid(instance.name):
                continue
            environment = self.environment(instance)
            # Started again when it exits, as systemd's Restart=always does (deploy/supervise.py).
            argv = ["python", "-m", "deploy.supervise", instance.name, "--"]
            self.spawn(instance.name, [*argv, *shlex.split(process.command)], environment)
        if process.health_path:
            for instance in process.instances:
                url = f"http://127.0.0.1:{self.port(instance)}{process.health_path}"
                self.wait_until(
                    instance.name, lambda url=url: http_get(url)[0] == 200, START_SECONDS["project"]
                )

    def _front(self):
        front = self.topology.of_kind("front")[0].instances[0]
        files = self.topology.of_kind("files")[0]
        nodes = [
            f"127.0.0.1:{self.port(instance)}"
            for name in files.depends_on
            for instance in self.topology.process(name).instances
        ]
        health = self.topology.process(files.depends_on[0]).health_path
        return Front(
            self.state / "front",
            nodes,
            static_root=self.state / "static",
            media_root=self.state / "media",
            port=self.port(front),
            files_port=self.port(files.instances[0]),
            probe_url=health,
        )

    # --- the whole ------------------------------------------------------------------------
    @contextmanager
    def locked(self):
        self.state.mkdir(parents=True, exist_ok=True)
        with open(self.state / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def up(self, demo=False, front=True):
        started = time.monotonic()
        with self.locked():
            self.state.mkdir(parents=True, exist_ok=True)
            self.state.chmod(0o755)  # the service user reaches its folders inside
            released = False
            for process in self.topology.processes:
                if RELEASE in process.depends_on and not released:
                    say("release steps")
                    self.release(demo)
                    released = True
                step = time.monotonic()
                if process.kind == "files":
                    continue  # started with the front
                if process.kind == "front":
                    if not front:
                        continue
                    self._front().start()
                else:
                    getattr(self, f"start_{process.kind}")(process)
                say(f"{process.name} up ({time.monotonic() - step:.0f} s)")
        say(f"everything up in {time.monotonic() - started:.0f} s")
        return time.monotonic() - started

    def down(self):
        with self.locked():
            for process in reversed(self.topology.processes):
                if process.kind == "front":
                    Front.stop_in(self.state / "front")
                elif process.kind == "postgres":
                    self.stop_postgres(process)
                elif process.kind != "files":
                    for instance in reversed(process.instances):
                        if self.stop_process(instance.name):
                            say(f"{instance.name} stopped")

    def status(self):
        """{instance name: running?} of every process."""
        result = {}
        for process in self.topology.processes:
            for instance in process.instances:
                if process.kind == "postgres":
                    command = [str(SERVICES / "postgres.sh"), "status"]
                    env = self._postgres_env(instance)
                    done = subprocess.run(command, env=env, capture_output=True)  # noqa: S603
                    running = done.returncode == 0
                elif process.kind in ("front", "files"):
                    running = answers(self.port(instance))
                else:
                    running = self.pid(instance.name) is not None
                result[instance.name] = running
        return result
