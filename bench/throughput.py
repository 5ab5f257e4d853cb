"""Requests per second of the public pages on the production server, without a front cache.

    export DATABASE_URL="${DATABASE_URL%/*}/dlm_bench"   # a *_bench database (bench/README.md)
    .venv/bin/python bench/throughput.py [--seconds 10] [--rounds 3] [--connections 8]

It loads the demo content if the database has none, starts gunicorn as the Dockerfile does
(``digital_lm/gunicorn.conf.py``, production settings, as ``tests/serving.py`` runs it) with 2
workers, and beside it the same server with a bench-only URLconf (``bench/ceiling_urls.py``)
whose one view answers the home page's bytes without touching the database: the machine's
ceiling. Then ``wrk`` (Debian's package) loads each URL in turn for ``--seconds`` with
``--connections`` connections, in ``--rounds`` interleaved rounds, and prints the median
requests per second of each, with the SQL queries one request makes in steady state (counted
in this process with Django's test client on the same database). Both servers are stopped at
the end. Other work on the machine moves the figures: the load average is printed.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # before bench/, whose discovery.py is not the app
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")

from bench_database import BenchError, ensure_database  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--i-know-this-is-a-bench-db", dest="allow_any", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("throughput: needs wrk (apt-get install wrk).")
    try:
        ensure_database(args.allow_any, "throughput")
    except BenchError as error:
        sys.exit(str(error))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tests import serving

    call_command("migrate", verbosity=0)
    if not _has_demo_content():
        call_command("load_demo_content")
    urls = _urls()
    queries = {name: _queries(url) for name, url in urls.items()}
    connection.close()

    folder = Path(tempfile.mkdtemp(prefix="dlm-throughput-"))
    environment = {"WEB_CONCURRENCY": str(args.workers)}
    database_url = os.environ["DATABASE_URL"]
    try:
        with serving.ProductionServer(database_url, folder, environment=environment) as site:
            status, body = serving.fetch(site.port, urls["home"])
            assert status == 200, status
            (folder / "home.html").write_bytes(body)
            ceiling_environment = {
                **environment,
                "DJANGO_SETTINGS_MODULE": "bench.ceiling_settings",
                "DLM_BENCH_CEILING_BODY": str(folder / "home.html"),
            }
            with serving.ProductionServer(
                database_url, folder, environment=ceiling_environment
            ) as ceiling:
                targets = {name: (site.port, url) for name, url in urls.items()}
                targets["ceiling (no database)"] = (ceiling.port, "/ceiling/")
                queries["ceiling (no database)"] = 0
                results = _measure(targets, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _print(results, queries, urls, args)


def _has_demo_content():
    from resources.models import CoursePage

    return CoursePage.objects.live().exists()


def _urls():
    """The home page, the catalogue and the demo's most linked page of each resource type."""
    from bench.list_pages import most_linked
    from resources.models import (
        CertificationPage,
        CoursePage,
        TeachingMaterialPage,
        VocationalStandardPage,
    )

    urls = {"home": "/en/", "listing": "/en/resources/"}
    for name, model, relation in (
        ("course", CoursePage, "material_links"),
        ("material", TeachingMaterialPage, "files"),
        ("standard", VocationalStandardPage, "course_links"),
        ("certification", CertificationPage, "standard_links"),
    ):
        page = most_linked(model, relation)
        if page is not None:
            urls[name] = page.url
    return urls


def _queries(url):
    """SQL queries of the second anonymous request of ``url`` (steady state)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def _wrk(port, path, args):
    """(requests per second, non-2xx answers) of one wrk run."""
    from tests import serving

    command = ["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds}s"]
    for name, value in serving.FRONT_SERVER_HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{serving.HOST}:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, int(errors.group(1)) if errors else 0


def _measure(targets, args):
    """{name: [req/s per round]} and the failed answers, the URLs taken in turn each round."""
    rates = {name: [] for name in targets}
    failures = dict.fromkeys(targets, 0)
    for round_number in range(1, args.rounds + 1):
        for name, (port, path) in targets.items():
            rate, errors = _wrk(port, path, args)
            rates[name].append(rate)
            failures[name] += errors
            print(f"round {round_number}: {name:22} {rate:8.1f} req/s", flush=True)
    return rates, failures


def _print(results, queries, urls, args):
    rates, failures = results
    ceiling = statistics.median(rates["ceiling (no database)"])
    load = os.getloadavg()
    print()
    print(
        f"{args.workers} gunicorn workers (gthread), wrk {args.connections} connections, "
        f"{args.seconds} s per URL, median of {args.rounds} rounds; load average after "
        f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs"
    )
    print(f"{'page':22} {'req/s':>8} {'of ceiling':>10} {'queries':>7} {'non-2xx':>7}  url")
    for name, values in rates.items():
        median = statistics.median(values)
        url = urls.get(name, "/ceiling/")
        print(
            f"{name:22} {median:8.1f} {median / ceiling:10.0%} {queries[name]:>7} "
            f"{failures[name]:>7}  {url}"
        )


if __name__ == "__main__":
    main()
