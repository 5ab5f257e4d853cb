"""deploy/compose.yaml and the front's configurations for it, written from the description.

For sites that run containers: the project's image (the Dockerfile) for the web nodes, the
workers, the scheduler and the release steps; the engines' official images for the rest.
Services are named after the description's instances and listen on its ports, so the same
addresses work here and in the one-machine script (which only adds its offset).
"""

import json
import re
import shlex

from deploy.description import RELEASE
from deploy.front.configs import VARNISH_PARAMETERS, node_ports, render_nginx, render_varnish

HEADER = (
    "# Generated from deploy/topology.toml by `python -m deploy.topology generate`: edit that\n"
    "# file, not this one. Set DJANGO_SECRET_KEY, DLM_CREDENTIAL_KEY_SECRET, POSTGRES_PASSWORD,\n"
    "# DLM_PUBLIC_HOST and EMAIL_URL in deploy/.env, then:\n"
    "# docker compose -f deploy/compose.yaml up -d\n"
)
PROJECT_IMAGE = "digital-lm:${DLM_IMAGE_TAG:-latest}"
PROJECT_BUILD = {"context": "..", "dockerfile": "Dockerfile"}
MEDIA = "/app/media"
STATIC = "/app/staticfiles"
FRONT_FILES = "compose"  # beside compose.yaml: the rendered front configurations
# What each site sets in deploy/.env; compose refuses to start without them.
SITE_VALUES = {
    "secret_key": "${DJANGO_SECRET_KEY:?set DJANGO_SECRET_KEY in deploy/.env}",
    "credential_key_secret": (
        "${DLM_CREDENTIAL_KEY_SECRET:?set DLM_CREDENTIAL_KEY_SECRET in deploy/.env}"
    ),
    "database_password": "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in deploy/.env}",
    "public_host": "${DLM_PUBLIC_HOST:?set DLM_PUBLIC_HOST in deploy/.env}",
    "email_url": "${EMAIL_URL:?set EMAIL_URL in deploy/.env}",
    "media_root": MEDIA,
}
HEALTH_TIMING = {"interval": "10s", "timeout": "5s", "retries": 30}


def resolver(topology):
    def resolve(name, number):
        if name == "port":
            return number
        if name in SITE_VALUES:
            return SITE_VALUES[name]
        instance = topology.process(name).instances[(number or 1) - 1]
        return f"{instance.name}:{instance.port}"

    return resolve


def _depends(topology, process):
    """Compose's depends_on: healthy services, and the release steps completed."""
    depends = {}
    for name in process.depends_on:
        if name == RELEASE:
            depends[RELEASE] = {"condition": "service_completed_successfully"}
            continue
        dependency = topology.process(name)
        condition = "service_healthy" if dependency.health else "service_started"
        for instance in dependency.instances:
            depends[instance.name] = {"condition": condition}
    return depends


def _http_check(port, path, project):
    url = f"http://localhost:{port}{path}"
    if project:  # the image has Python, not curl
        code = f"import urllib.request; urllib.request.urlopen({url!r}, timeout=4)"
        return ["CMD", "python", "-c", code]
    return ["CMD-SHELL", f"curl -fsS {shlex.quote(url)} >/dev/null"]


def _healthcheck(process, instance):
    if process.kind == "postgres":
        test = ["CMD", "pg_isready", "-U", "dlm", "-d", "digital_lm", "-p", str(instance.port)]
    elif process.kind == "redis":
        test = ["CMD", "redis-cli", "-p", str(instance.port), "ping"]
    elif process.health_path:
        test = _http_check(instance.port, process.health_path, process.kind == "project")
    elif process.health == "tcp":
        test = ["CMD-SHELL", f"bash -c '</dev/tcp/127.0.0.1/{instance.port}'"]
    else:
        return None
    return {"test": test, **HEALTH_TIMING}


def _project_service(topology, process, instance, resolve):
    service = {
        "image": PROJECT_IMAGE,
        "build": PROJECT_BUILD,
        "command": shlex.split(process.command),
        "environment": topology.environment_of(instance, resolve),
        "volumes": [f"media:{MEDIA}"],
        "depends_on": _depends(topology, process),
        "restart": "unless-stopped",
    }
    if process.port:
        service["expose"] = [str(instance.port)]
    return service


def _release_service(topology, resolve):
    steps = " && ".join(topology.release_steps)
    depends = {}
    for process in topology.processes:
        if RELEASE in process.depends_on:
            depends.update(_depends(topology, process))
    depends.pop(RELEASE, None)
    return {
        "image": PROJECT_IMAGE,
        "build": PROJECT_BUILD,
        "command": ["sh", "-c", steps],
        "environment": topology.environment_of(None, resolve),
        # The image's collected static files fill the volume the front serves them from.
        "volumes": [f"media:{MEDIA}", f"static:{STATIC}"],
        "depends_on": depends,
        "restart": "no",
    }


def _postgres_service(process, instance):
    return {
        "image": process.image,
        "environment": {
            "POSTGRES_DB": "digital_lm",
            "POSTGRES_USER": "dlm",
            "POSTGRES_PASSWORD": SITE_VALUES["database_password"],
            "PGPORT": str(instance.port),
        },
        "volumes": [f"{instance.name}-data:/var/lib/postgresql/data"],
    }


def _redis_service(process, instance):
    return {
        "image": process.image,
        "command": ["redis-server", "--port", str(instance.port), *process.args],
    }


def _opensearch_service(process, instance):
    nodes = process.instances
    version = process.image.rpartition(":")[2]
    plugins = "".join(
        f"RUN /usr/share/opensearch/bin/opensearch-plugin install --batch {plugin}\n"
        for plugin in process.plugins
    )
    return {
        "image": f"digital-lm-opensearch:{version}",
        "build": {"dockerfile_inline": f"FROM {process.image}\n{plugins}"},
        "environment": {
            "cluster.name": process.cluster,
            "node.name": instance.name,
            "http.port": str(instance.port),
            "transport.port": str(instance.transport_port),
            "discovery.seed_hosts": ",".join(f"{n.name}:{n.transport_port}" for n in nodes),
            "cluster.initial_cluster_manager_nodes": ",".join(n.name for n in nodes),
            "bootstrap.memory_lock": "false",
            "OPENSEARCH_JAVA_OPTS": f"-Xms{process.heap} -Xmx{process.heap}",
            # Plain HTTP on the containers' own network, as the one-machine script.
            "DISABLE_SECURITY_PLUGIN": "true",
            "DISABLE_INSTALL_DEMO_CONFIG": "true",
        },
        "ulimits": {"nofile": {"soft": 65536, "hard": 65536}},
        "volumes": [f"{instance.name}-data:/usr/share/opensearch/data"],
    }


def _web_nodes(topology):
    files = topology.of_kind("files")[0]
    return [instance for name in files.depends_on for instance in topology.process(name).instances]


def _front_service(process, instance):
    return {
        "image": process.image,
        "command": [
            "varnishd",
            "-F",
            "-a",
            f":{instance.port}",
            "-f",
            "/etc/varnish/default.vcl",
            "-s",
            "malloc,256m",
            *VARNISH_PARAMETERS,
        ],  # fmt: skip
        "volumes": [f"./{FRONT_FILES}/default.vcl:/etc/varnish/default.vcl:ro"],
        "ports": [f"${{DLM_HTTP_PORT:-{instance.port}}}:{instance.port}"],
    }


def _files_service(process, instance):
    return {
        "image": process.image,
        "command": ["nginx", "-g", "daemon off;", "-c", "/etc/nginx/digital-lm.conf"],
        "volumes": [
            f"./{FRONT_FILES}/nginx.conf:/etc/nginx/digital-lm.conf:ro",
            f"static:{STATIC}:ro",
            f"media:{MEDIA}:ro",
        ],
    }


def services(topology):
    resolve = resolver(topology)
    result = {}
    for process in topology.processes:
        if process.kind == "project" and RELEASE not in result:
            result[RELEASE] = _release_service(topology, resolve)
        for instance in process.instances:
            if process.kind == "project":
                service = _project_service(topology, process, instance, resolve)
            elif process.kind == "postgres":
                service = _postgres_service(process, instance)
            elif process.kind == "redis":
                service = _redis_service(process, instance)
            elif process.kind == "opensearch":
                service = _opensearch_service(process, instance)
            elif process.kind == "files":
                service = _files_service(process, instance)
            else:
                service = _front_service(process, instance)
            if process.kind != "project":
                service["depends_on"] = _depends(topology, process)
                service["restart"] = "unless-stopped"
            if check := _healthcheck(process, instance):
                service["healthcheck"] = check
            result[instance.name] = {key: value for key, value in service.items() if value}
    return result


def front_files(topology):
    """The front's configurations as the compose services use them: {file name: text}."""
    web = _web_nodes(topology)
    files = topology.of_kind("files")[0].instances[0]
    ports = node_ports(files.port, len(web))
    return {
        "default.vcl": render_varnish(
            [f"{files.name}:{port}" for port in ports],
            f"{files.name}:{files.port}",
            probe_url=web[0].process.health_path,
            probe_host="localhost",
            purgers=[node.name for node in web],
        ),
        "nginx.conf": render_nginx(
            "/tmp",  # noqa: S108 — inside the nginx container: its pid and temporary files
            f"0.0.0.0:{files.port}",
            [
                (f"0.0.0.0:{port}", f"{node.name}:{node.port}")
                for port, node in zip(ports, web, strict=True)
            ],
            STATIC,
            MEDIA,
            probe_url=web[0].process.health_path,
        ),
    }


def volumes(topology):
    names = ["media", "static"]
    for process in topology.processes:
        if process.kind in ("postgres", "opensearch"):
            names += [f"{instance.name}-data" for instance in process.instances]
    return {name: {} for name in names}


def render(topology):
    document = {
        "name": "digital-lm",
        "services": services(topology),
        "volumes": volumes(topology),
    }
    return HEADER + "\n".join(_yaml(document, 0)) + "\n"


# A small YAML writer: block mappings and sequences, every string double-quoted as JSON (a
# JSON string is a YAML double-quoted scalar), so that nothing is read as a number, a boolean
# or a comment.
PLAIN_KEY = re.compile(r"^[A-Za-z0-9_.-]+$")


def _key(key):
    return key if PLAIN_KEY.match(key) else json.dumps(key)


def _scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _yaml(value, indent):
    pad = "  " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict) and item:
                lines.append(f"{pad}{_key(key)}:")
                lines += _yaml(item, indent + 1)
            elif isinstance(item, dict):
                lines.append(f"{pad}{_key(key)}: {{}}")
            elif isinstance(item, list):
                lines.append(f"{pad}{_key(key)}:")
                lines += [f"{pad}  - {_scalar(entry)}" for entry in item]
            else:
                lines.append(f"{pad}{_key(key)}: {_scalar(item)}")
    return lines
