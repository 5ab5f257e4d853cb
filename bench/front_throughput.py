"""Cached pages through the front against a static file of the same bytes from the same front.

    deploy/up.sh --demo                                   # the topology with the demo content
    .venv/bin/python bench/front_throughput.py [--path /en/] [--seconds 10] [--rounds 3]

An anonymous page is fetched through the front (Varnish, with nginx behind it) until Varnish
answers it from its cache, as a browser asks for it (``Accept-Encoding: gzip``,
``Accept-Language``). Its body, exactly as it left the front (gzipped), is written into the
static folder as ``<name>.html.gz`` beside its uncompressed ``<name>.html``, so that the
static file has the same bytes, with the same compression (nginx's ``gzip_static``), and is
fetched through the front until it too is a hit. Then ``wrk`` (``--connections`` 8,
``--threads``) loads each address in turn for ``--seconds``, in ``--rounds`` interleaved
rounds, and the medians are printed with their ratio and the machine's load average (other
work on the machine moves the figures). The same static file from nginx's own port, read from
disk without the front, is measured too, and for each address the CPU time nginx's and
Varnish's processes spent per request (from /proc). The static files are removed at the end.

Env: DLM_TOPOLOGY_DIR and DLM_TOPOLOGY_PORT_OFFSET, as deploy/up.sh was given.
"""

import argparse
import gzip
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy.description import load  # noqa: E402
from deploy.local import Local  # noqa: E402

NAME = "bench-front-throughput"


def fetch(host, port, path, headers):
    """(status, headers {lower name: value}, body bytes as sent) of one GET."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def front_processes(local):
    """{"nginx": pids, "varnish": pids}: the front's servers, masters and children."""
    found = {}
    for name in ("nginx", "varnish"):
        try:
            master = int((local.state / "front" / f"{name}.pid").read_text())
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        except (OSError, ValueError):
            continue
        found[name] = [master, *map(int, children)]
    return found


def cpu_seconds(pids):
    """User and system CPU time of every thread of ``pids``."""
    total = 0
    for pid in pids:
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for thread in threads:
            try:
                fields = Path(f"/proc/{pid}/task/{thread}/stat").read_text().rsplit(")", 1)[1]
            except OSError:
                continue
            total += sum(int(n) for n in fields.split()[11:13])
    return total / os.sysconf("SC_CLK_TCK")


def wrk(url, headers, args):
    """(requests per second, requests, non-2xx answers, socket errors) of one wrk run."""
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    count = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return (
        rate,
        count,
        int(non_2xx.group(1)) if non_2xx else 0,
        sum(int(n) for n in errors.groups()) if errors else 0,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/en/", help="the anonymous page (default: /en/)")
    parser.add_argument("--language", default="en", help="the browser's Accept-Language")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("front_throughput: needs wrk (apt-get install wrk).")

    local = Local(load())
    host, port = local.address("front").split(":")
    port = int(port)
    headers = {"Accept-Encoding": "gzip", "Accept-Language": args.language}

    status, page_headers, body = fetch(host, port, args.path, headers)
    for _ in range(5):
        status, page_headers, body = fetch(host, port, args.path, headers)
        if page_headers.get("x-cache") == "HIT":
            break
    if status != 200 or page_headers.get("x-cache") != "HIT":
        sys.exit(f"{args.path}: {status}, X-Cache {page_headers.get('x-cache')}: not cached")
    encoding = page_headers.get("content-encoding", "identity")
    html = gzip.decompress(body) if encoding == "gzip" else body

    static_root = local.state / "static"
    files = [static_root / f"{NAME}.html", static_root / f"{NAME}.html.gz"]
    files[0].write_bytes(html)
    if encoding == "gzip":
        files[1].write_bytes(body)
    for path in files:
        if path.exists():
            path.chmod(0o644)
    static_path = f"/static/{NAME}.html"
    try:
        for _ in range(5):
            _, static_headers, static_body = fetch(host, port, static_path, headers)
            if static_headers.get("x-cache") == "HIT":
                break
        if static_body != body:
            sys.exit(f"{static_path} does not send the page's bytes ({len(static_body)} B)")
        targets = {
            f"cached page {args.path}": f"http://{host}:{port}{args.path}",
            f"static file, same {len(body):,} B": f"http://{host}:{port}{static_path}",
            # The same file from disk, by nginx alone, without the front.
            "static file, nginx alone": f"{local.url('files')}{static_path}",
        }
        servers = front_processes(local)
        rates = {name: [] for name in targets}
        failures = dict.fromkeys(targets, 0)
        cpu = {name: dict.fromkeys(servers, 0.0) for name in targets}
        counts = dict.fromkeys(targets, 0)
        for number in range(1, args.rounds + 1):
            for name, url in targets.items():
                before = {server: cpu_seconds(pids) for server, pids in servers.items()}
                rate, count, non_2xx, errors = wrk(url, headers, args)
                for server, pids in servers.items():
                    cpu[name][server] += cpu_seconds(pids) - before[server]
                counts[name] += count
                rates[name].append(rate)
                failures[name] += non_2xx + errors
                print(f"round {number}: {name:34} {rate:9.1f} req/s", flush=True)
        _, after_headers, _ = fetch(host, port, args.path, headers)
    finally:
        for path in files:
            path.unlink(missing_ok=True)

    load_average = os.getloadavg()
    print(
        f"\nwrk {args.threads} threads, {args.connections} connections, {args.seconds} s per "
        f"address, median of {args.rounds} rounds; {len(body):,} B {encoding} "
        f"({len(html):,} B of HTML); load average after {load_average[0]:.2f} "
        f"{load_average[1]:.2f} {load_average[2]:.2f}"
    )
    medians = {name: statistics.median(values) for name, values in rates.items()}
    for name, median in medians.items():
        spent = ", ".join(
            f"{server} {seconds / max(counts[name], 1) * 1e6:.1f}"
            for server, seconds in cpu[name].items()
        )
        print(
            f"{name:36} {median:9.1f} req/s  ({failures[name]} failed; CPU µs per request: {spent})"
        )
    page, static = list(medians.values())[:2]
    print(f"cached page / static file: {page / static:.2f}")
    print(f"page headers: X-Cache {after_headers.get('x-cache')}, Vary {after_headers.get('vary')}")
    print(
        f"static headers: X-Cache {static_headers.get('x-cache')}, "
        f"Content-Encoding {static_headers.get('content-encoding')}"
    )
    return 1 if any(failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
