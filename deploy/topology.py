"""The production topology's command line.

    python -m deploy.topology up [--demo] [--no-front]   start everything on this machine
    python -m deploy.topology down                       stop everything
    python -m deploy.topology status                     what runs (exit 3 if anything is not)
    python -m deploy.topology env                        export lines of the project's environment
    python -m deploy.topology generate                   write deploy/compose.yaml and deploy/systemd/
    python -m deploy.topology check                      exit 1 if they differ from what it writes

deploy/up.sh installs what is missing first (as scripts/bootstrap.sh) and then runs `up`.
"""

import argparse
import shlex
import sys
from pathlib import Path

from deploy import compose, systemd
from deploy.description import load
from deploy.local import Local, TopologyError

HERE = Path(__file__).resolve().parent


def generated(topology):
    """{path under deploy/: text} of every file written from the description."""
    files = {"compose.yaml": compose.render(topology)}
    files.update(
        {
            f"{compose.FRONT_FILES}/{name}": text
            for name, text in compose.front_files(topology).items()
        }
    )
    files.update({f"systemd/{name}": text for name, text in systemd.units(topology).items()})
    return files


def stale(topology, folder=HERE):
    """Generated files that are missing or differ, and stray files in the generated folders."""
    files = generated(topology)
    wrong = [name for name, text in files.items() if _read(folder / name) != text]
    for sub in ("systemd", compose.FRONT_FILES):
        wrong += [
            f"{sub}/{path.name}"
            for path in (folder / sub).glob("*")
            if f"{sub}/{path.name}" not in files
        ]
    return sorted(wrong)


def _read(path):
    try:
        return path.read_text()
    except OSError:
        return None


def write(topology, folder=HERE):
    files = generated(topology)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for name in stale(topology, folder):
        (folder / name).unlink()
    return sorted(files)


def main(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["up", "down", "status", "env", "generate", "check"])
    parser.add_argument("--demo", action="store_true", help="up: load the demo content too")
    parser.add_argument("--no-front", action="store_true", help="up: without nginx and Varnish")
    options = parser.parse_args(arguments)
    topology = load()
    local = Local(topology)
    if options.action == "generate":
        for name in write(topology):
            print(f"deploy/{name}")
        return 0
    if options.action == "check":
        wrong = stale(topology)
        for name in wrong:
            print(f"deploy/{name} is not what deploy/topology.toml gives: run generate")
        return 1 if wrong else 0
    if options.action == "env":
        for key, value in local.environment().items():
            print(f"export {key}={shlex.quote(value)}")
        return 0
    if options.action == "status":
        states = local.status()
        for name, running in states.items():
            print(f"{name}: {'running' if running else 'stopped'}")
        return 0 if all(states.values()) else 3
    if options.action == "down":
        local.down()
        return 0
    try:
        local.up(demo=options.demo, front=not options.no_front)
    except TopologyError as error:
        print(
            f"topology: {error}\n(`python -m deploy.topology down` stops what started)",
            file=sys.stderr,
        )
        return 1
    front = topology.of_kind("front")
    if front and not options.no_front:
        print(f"The site: http://{local.address(front[0].name)}/")
    for instance in topology.process("web").instances:
        print(f"{instance.name}: http://127.0.0.1:{local.port(instance)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
