"""The front of the production topology: Varnish, where every request arrives (the cache of
anonymous pages, static files and public images; round robin over the app nodes with health
probes, retries on another node, the last copy of a page while the nodes fail, purged by the
site), with nginx behind it (static files and public images from disk, and a port per app node
through which Varnish reaches that node, so that its offloaded downloads are sent from disk).
Standard library only.

Interface (for the topology script and the tests)::

    from deploy.front.configs import Front, render_nginx, render_varnish

    front = Front(
        state_dir,                      # a folder of its own: configs, pids, logs, temp files
        app_nodes=["127.0.0.1:8001", "127.0.0.1:8002"],
        static_root=..., media_root=...,  # the site's DJANGO_STATIC_ROOT and DJANGO_MEDIA_ROOT
        port=8080,                      # Varnish, the public port (0: a free loopback port)
        files_port=8090,                # nginx's files; the app nodes' ports follow it (0: free)
        probe_url="/robots.txt",        # the health URL the probes GET (expects 200)
        forwarded_proto="http",         # "https" when TLS ends before Varnish
    )
    front.start()   # installs nginx and varnish if missing (as root), renders the configs,
                    # starts nginx then varnishd, waits until both answer
    front.stop()    # stops both (also: ``with Front(...) as front:``)
    Front.stop_in(state_dir)   # stops a front started earlier in that folder (by its pids)

    python deploy/front/configs.py start STATE_DIR --app HOST:PORT --app HOST:PORT \\
        --static-root DIR --media-root DIR [--port N] [--files-port N] [--probe-url URL]
    python deploy/front/configs.py stop STATE_DIR

Set the site's ``DLM_FRONT_CACHE_URLS`` to ``front.url`` (purges are accepted only from the
app nodes and loopback), ``DLM_DOWNLOAD_OFFLOAD=x-accel-redirect`` and
``DLM_TRUSTED_PROXY_COUNT=2``.

Both run unprivileged, listening on loopback unless ``listen_host`` says otherwise: started
as root, they run as ``DLM_SERVICE_USER`` (``dlm-services``, created if missing, as
scripts/services does), which must be able to read the static and media folders.
"""

import argparse
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The seven content languages (digital_lm/languages.py), for the Accept-Language rule.
LANGUAGE_CODES = ("zh-hans", "en", "th", "vi", "lo", "km", "my")
MIME_TYPES = "/etc/nginx/mime.types"
PROCESSES = {"varnish": "varnishd", "nginx": "nginx"}
# varnishd's parameters, here and in the containers: gzip handled by the cache (one stored
# copy, unpacked for the rare client without gzip); a page, an image or a static file may take
# an hour to reach a visitor on a slow link (downloads are piped, without this limit).
VARNISH_PARAMETERS = ("-p", "http_gzip_support=on", "-p", "send_timeout=3600")


def node_ports(files_port, count):
    """nginx's port for each of ``count`` app nodes: the ports that follow its files port."""
    return [files_port + number for number in range(1, count + 1)]


def render(template, values):
    text = (HERE / template).read_text()
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", str(value))
    left = re.findall(r"@@[A-Z_]+@@", text)
    if left:
        raise ValueError(f"{template}: parameters left unset: {left}")
    return text


def _host_port(node):
    host, _, port = node.rpartition(":")
    return host, int(port)


def render_varnish(
    app_nodes,
    files,
    probe_url="/robots.txt",
    probe_host="127.0.0.1",
    purgers=(),
    session_cookie="sessionid",
    forwarded_proto="http",
    retries=2,
    grace="6h",
    healthy_grace="10s",
    keep="1h",
):
    """The VCL: ``app_nodes`` as "host:port" of nginx's port for each app node, ``files``
    nginx's files port; purges accepted from ``purgers`` (the app nodes' hosts) and loopback;
    ``probe_host`` is a host name the site accepts (DJANGO_ALLOWED_HOSTS). A page is served
    ``grace`` past its lifetime while no node is healthy or its fetch fails, and
    ``healthy_grace`` while a node is healthy (VCL durations: "6h", "10s")."""
    backends, adds = [], []
    for number, node in enumerate(app_nodes):
        host, port = _host_port(node)
        backends.append(
            f'backend node{number} {{\n    .host = "{host}";\n    .port = "{port}";\n'
            "    .probe = app_health;\n    .connect_timeout = 1s;\n"
            "    .first_byte_timeout = 60s;\n    .between_bytes_timeout = 60s;\n}"
        )
        adds.append(f"    app.add_backend(node{number});")
    names = [f"node{number}" for number in range(len(app_nodes))]
    directors, retries_to = [], []
    for number, name in enumerate(names):
        directors.append(f"    new after_{name} = directors.fallback();")
        directors += [
            f"    after_{name}.add_backend({other});"
            for other in names[number + 1 :] + names[: number + 1]
        ]
        retries_to.append(
            f' elsif (bereq.http.x-front-failed == "{name}") {{\n'
            f"        set bereq.backend = after_{name}.backend();\n    }}"
        )
    files_host, files_port = _host_port(files)
    allowed = sorted({"127.0.0.1", "::1", *purgers})
    return render(
        "varnish.vcl",
        {
            "BACKENDS": "\n\n".join(backends),
            "ADD_BACKENDS": "\n".join(adds),
            "RETRY_DIRECTORS": "\n".join(directors),
            "RETRY_BACKENDS": "".join(retries_to),
            "FILES_HOST": files_host,
            "FILES_PORT": files_port,
            "PURGERS": "\n".join(f'    "{host}";' for host in allowed),
            "PROBE_URL": probe_url,
            "PROBE_HOST": probe_host,
            "SESSION_COOKIE": session_cookie,
            "FORWARDED_PROTO": forwarded_proto,
            "LANGUAGES": "|".join(LANGUAGE_CODES),
            "RETRIES": retries,
            "GRACE": grace,
            "HEALTHY_GRACE": healthy_grace,
            "KEEP": keep,
        },
    )


def render_nginx(
    state_dir,
    listen,
    nodes,
    static_root,
    media_root,
    probe_url="/robots.txt",
    accel_prefix="/internal-media/",
    max_body_mb=200,
    workers="auto",
    access_log="off",
):
    """nginx.conf: its files on ``listen`` ("host:port"); ``nodes`` as [(listen, app node)]:
    a port for each app node, which tries the other nodes when its own does not answer."""
    apps = [node for _, node in nodes]
    servers = []
    for number, (node_listen, node) in enumerate(nodes):
        backups = [f"        server {other} backup;" for other in apps if other != node]
        values = {
            "NAME": f"node{number}",
            "NODE": node,
            "BACKUPS": "\n".join(backups),
            "LISTEN": node_listen,
            "PROBE_URL": probe_url,
            "ACCEL_PREFIX": accel_prefix,
            "MEDIA_ROOT": Path(media_root),
            "MAX_BODY_MB": max_body_mb,
        }
        servers.append(render("nginx-node.conf", values))
    return render(
        "nginx.conf",
        {
            "STATE": Path(state_dir),
            "LISTEN": listen,
            "NODES": "\n".join(servers),
            "STATIC_ROOT": Path(static_root),
            "MEDIA_ROOT": Path(media_root),
            "WORKERS": workers,
            "ACCESS_LOG": access_log,
            "MIME_TYPES": MIME_TYPES,
        },
    )


def install_missing(programs=None):
    """Install the Debian packages of the ``programs`` ({command: package}; nginx and
    varnishd by default) that are missing, with apt-get when run as root."""
    programs = programs or {"nginx": "nginx", "varnishd": "varnish"}
    missing = sorted({package for command, package in programs.items() if not _found(command)})
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise RuntimeError(f"Install the Debian packages {' '.join(missing)} (as root).")
    apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["/usr/bin/apt-get", "update", "-qq"], env=apt, check=True)  # noqa: S603
    subprocess.run(  # noqa: S603 - package names from the table above
        ["/usr/bin/apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        env=apt,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _found(command):
    return shutil.which(command) or shutil.which(command, path="/usr/sbin:/sbin")


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _answers(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _service_user():
    """The unprivileged user to run as when started as root (None otherwise)."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("DLM_SERVICE_USER", "dlm-services")
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(  # noqa: S603 - fixed arguments
            [shutil.which("useradd") or "/usr/sbin/useradd", "--system", "--user-group", "--no-create-home", "--home-dir",
             "/nonexistent", "--shell", "/usr/sbin/nologin", name],
            check=True,
        )  # fmt: skip
    return name


class Front:
    """Varnish and nginx in ``state_dir``; see the module's docstring."""

    def __init__(
        self,
        state_dir,
        app_nodes,
        static_root,
        media_root,
        port=0,
        files_port=0,
        listen_host="127.0.0.1",
        probe_url="/robots.txt",
        probe_host="127.0.0.1",
        forwarded_proto="http",
        purgers=(),
        cache_size="256m",
        accel_prefix="/internal-media/",
        access_log=False,
        grace="6h",
        healthy_grace="10s",
    ):
        self.state = Path(state_dir).resolve()
        self.app_nodes = list(app_nodes)
        self.static_root, self.media_root = static_root, media_root
        self.host = listen_host
        self.port = port or free_port(listen_host)
        if files_port:
            self.files_port = files_port
            self.node_ports = node_ports(files_port, len(self.app_nodes))
        else:
            self.files_port, *self.node_ports = [
                free_port() for _ in range(1 + len(self.app_nodes))
            ]
        self.options = {
            "probe_url": probe_url,
            "probe_host": probe_host,
            "purgers": [*purgers, *(_host_port(node)[0] for node in self.app_nodes)],
            "forwarded_proto": forwarded_proto,
            "grace": grace,
            "healthy_grace": healthy_grace,
        }
        self.cache_size = cache_size
        self.accel_prefix, self.access_log = accel_prefix, access_log

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    def write_configs(self):
        for folder in ("", "varnish", "client-body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.state / folder).mkdir(parents=True, exist_ok=True)
        nginx_nodes = [f"127.0.0.1:{port}" for port in self.node_ports]
        (self.state / "default.vcl").write_text(
            render_varnish(nginx_nodes, f"127.0.0.1:{self.files_port}", **self.options)
        )
        log = f"{self.state}/nginx-access.log" if self.access_log else "off"
        (self.state / "nginx.conf").write_text(
            render_nginx(
                self.state,
                f"127.0.0.1:{self.files_port}",
                list(zip(nginx_nodes, self.app_nodes, strict=True)),
                self.static_root,
                self.media_root,
                probe_url=self.options["probe_url"],
                accel_prefix=self.accel_prefix,
                access_log=log,
            )
        )

    def start(self, seconds=60):
        install_missing()
        self.write_configs()
        user = _service_user()
        if user:
            shutil.chown(self.state, user)
            for path in self.state.rglob("*"):
                shutil.chown(path, user)
        self._run(user, self._nginx())
        self._run(user, self._varnishd())
        deadline = time.monotonic() + seconds
        while not (_answers("127.0.0.1", self.files_port) and _answers(self.host, self.port)):
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"The front did not start:\n{self.log_tail()}")
            time.sleep(0.1)
        return self

    def _varnishd(self):
        return [
            _found("varnishd") or "varnishd",
            "-a", f"{self.host}:{self.port}",
            "-f", str(self.state / "default.vcl"),
            "-n", str(self.state / "varnish"),
            "-s", f"malloc,{self.cache_size}",
            "-P", str(self.state / "varnish.pid"),
            "-T", "none",
            "-j", "none",
            *VARNISH_PARAMETERS,
        ]  # fmt: skip

    def _nginx(self):
        return [
            _found("nginx") or "nginx",
            "-p", str(self.state),
            "-c", str(self.state / "nginx.conf"),
            "-e", str(self.state / "nginx-error.log"),
        ]  # fmt: skip

    def _run(self, user, command):
        if user:
            command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups", *command]
        with open(self.state / "start.log", "ab") as log:
            result = subprocess.run(  # noqa: S603 - our own configuration's commands
                command, stdout=log, stderr=subprocess.STDOUT, cwd=self.state
            )
        if result.returncode != 0:
            self.stop()
            raise RuntimeError(f"{command[0]} did not start:\n{self.log_tail()}")

    def log_tail(self, lines=40):
        text = ""
        for name in ("start.log", "nginx-error.log"):
            path = self.state / name
            if path.exists():
                text += f"--- {name}\n" + "\n".join(path.read_text().splitlines()[-lines:]) + "\n"
        return text

    def stop(self):
        Front.stop_in(self.state)

    @staticmethod
    def stop_in(state_dir, seconds=20):
        """Stop the nginx and varnishd whose pid files are in ``state_dir``."""
        state = Path(state_dir)
        for name in ("varnish", "nginx"):
            pid = _pid(state / f"{name}.pid", PROCESSES[name])
            if pid is None:
                continue
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + seconds
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


def _pid(path, program):
    """The pid in ``path`` if that process runs ``program``."""
    try:
        pid = int(path.read_text().strip())
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").split()
    except (OSError, ValueError):
        return None
    # nginx names its master "nginx: master process nginx ...".
    return pid if command and Path(command[0].decode()).name.rstrip(":") == program else None


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purposes.
    try:
        return "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False


def main(arguments=None):
    parser = argparse.ArgumentParser(description="Start or stop the front (Varnish + nginx).")
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("state_dir")
    parser.add_argument("--app", action="append", default=[], help="an app node, HOST:PORT")
    parser.add_argument("--static-root")
    parser.add_argument("--media-root")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--files-port", type=int, default=0)
    parser.add_argument("--listen-host", default="127.0.0.1")
    parser.add_argument("--probe-url", default="/robots.txt")
    parser.add_argument("--probe-host", default="127.0.0.1")
    parser.add_argument("--forwarded-proto", default="http", choices=["http", "https"])
    options = parser.parse_args(arguments)
    if options.action == "stop":
        Front.stop_in(options.state_dir)
        return
    if not (options.app and options.static_root and options.media_root):
        parser.error("start needs --app, --static-root and --media-root")
    front = Front(
        options.state_dir,
        options.app,
        options.static_root,
        options.media_root,
        port=options.port,
        files_port=options.files_port,
        listen_host=options.listen_host,
        probe_url=options.probe_url,
        probe_host=options.probe_host,
        forwarded_proto=options.forwarded_proto,
    ).start()
    print(f"front {front.url} files {front.files_port} app nodes {front.node_ports}")


if __name__ == "__main__":
    sys.exit(main())
