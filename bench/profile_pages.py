"""Where the server time of the public pages goes, in this process: milliseconds per request
(wall clock, and this process's CPU time, which other work on the machine moves less) and a
cProfile of each page, as an anonymous visitor sees it in steady state.

    export DATABASE_URL="${DATABASE_URL%/*}/dlm_bench"   # a *_bench database with the demo
    .venv/bin/python bench/profile_pages.py [--requests 20] [--top 25] [--only course]

Production-like: DEBUG off, the cached template loader, any host. Each page (the home page,
the catalogue, the demo's most linked page of each resource type, as ``throughput.py`` takes
them) is asked 3 times to warm the caches, then ``--requests`` times timed, then as many
times under cProfile, whose heaviest functions (cumulative time) are printed.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from bench.throughput import _urls  # noqa: E402

WARM_UPS = 3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--only", help="one page name: home, listing, course, ...")
    args = parser.parse_args()

    # As in production, before the template engine is first used (it reads DEBUG then).
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    urls = _urls()
    if args.only:
        urls = {args.only: urls[args.only]}
    client = Client(HTTP_HOST="localhost")
    timings = {}
    for name, url in urls.items():
        for _ in range(WARM_UPS):
            assert client.get(url).status_code == 200, url
        spent, cpu = [], []
        for _ in range(args.requests):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            spent.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        timings[name] = (statistics.median(spent), statistics.median(cpu))
        if args.top:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.requests):
                client.get(url)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(f"==== {name} {url}")
            print(out.getvalue())
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'page':15} {'wall ms':>7} {'CPU ms':>7}  (medians per request)")
    for name, (wall, cpu) in timings.items():
        print(f"{name:15} {wall:7.1f} {cpu:7.1f}  {urls[name]}")


if __name__ == "__main__":
    main()
