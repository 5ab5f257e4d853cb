"""SQL queries and server time of the public list pages, on whatever database is configured.

    DJANGO_SETTINGS_MODULE=digital_lm.settings.dev python bench/list_pages.py [--repeat 20]

Load the demo content first (scripts/quickstart.sh does). Prints one line per URL.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

URLS = [
    "/zh-hans/",
    "/zh-hans/resources/",
    "/zh-hans/resources/?page=3",
    "/en/resources/?tag=welding",
    "/lo/",
    "/lo/resources/",
    "/km/workshop-cambodia/",
]


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    client = Client(HTTP_HOST="localhost")
    print(f"{'url':34} {'status':>6} {'queries':>7} {'median ms':>9} {'p95 ms':>7} {'KiB':>6}")
    for url in URLS:
        client.get(url)  # warm caches
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(url)
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"{url:34} {response.status_code:>6} {counter.count:>7} "
            f"{statistics.median(timings):>9.1f} {p95:>7.1f} {len(response.content) / 1024:>6.1f}"
        )


if __name__ == "__main__":
    main()
