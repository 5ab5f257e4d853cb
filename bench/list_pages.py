"""SQL queries and server time of every kind of public page, on whatever database is configured.

    DJANGO_SETTINGS_MODULE=digital_lm.settings.dev python bench/list_pages.py [--repeat 20]
    python bench/list_pages.py --trace /en/resources/   # where each query of one URL comes from

Load the demo content first (scripts/quickstart.sh does). Each URL is asked for once to warm
the caches, then measured as an anonymous visitor would see it in steady state. Prints one
line per URL; the resource pages measured are the demo's most linked of each type.
"""

import argparse
import os
import statistics
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from resources.models import (  # noqa: E402
    CertificationPage,
    CoursePage,
    ResourceIndexPage,
    TeachingMaterialPage,
    VocationalStandardPage,
    WorkshopPage,
)

LIST_URLS = [
    "/zh-hans/",
    "/en/",
    "/lo/",
    "/zh-hans/resources/",
    "/zh-hans/resources/?page=3",
    "/en/resources/?tag=welding",
    "/lo/resources/",
    "/km/workshop-cambodia/",
    "/en/search/",
    "/en/search/?q=welding",
    "/en/standards/",
    "/en/compare/",
    "/api/discovery/?q=welding&lang=en",
    "/api/discovery/?lang=en",
]


def most_linked(model, relation, language="en"):
    """The live, public page of ``model`` in ``language`` with the most ``relation`` rows."""
    return (
        model.objects.live()
        .public()
        .filter(locale__language_code=language)
        .annotate(links=Count(relation))
        .order_by("-links", "pk")
        .first()
    )


def resource_urls():
    """One page of each resource type, a section of an institution, a comparison and the
    permanent link of the course."""
    course = most_linked(CoursePage, "material_links")
    material = most_linked(TeachingMaterialPage, "files")
    standard = most_linked(VocationalStandardPage, "course_links")
    certification = most_linked(CertificationPage, "standard_links")
    urls = [p.url for p in (course, material, standard, certification) if p is not None]
    section = (
        ResourceIndexPage.objects.live()
        .public()
        .filter(institution__isnull=False, locale__language_code="en")
        .first()
    )
    if section is not None:
        urls.append(section.url)
    workshop = WorkshopPage.objects.live().public().filter(locale__language_code="en").first()
    if workshop is not None:
        urls.append(workshop.url)
    certifications = CertificationPage.objects.live().filter(locale__language_code="en")[:3]
    if len(certifications) >= 2:
        urls.append("/en/compare/?" + "&".join(f"items={c.external_id}" for c in certifications))
    if course is not None:
        urls.append(f"/r/{course.external_id}")
    return urls


class QueryCounter:
    def __init__(self, trace=False):
        self.count = 0
        self.trace = trace
        self.origins = Counter()

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        if self.trace:
            origin = self.origin()
            if origin == "(framework)":
                origin += " " + " ".join(sql.split())[:150]
            self.origins[origin] += 1
        return execute(sql, params, many, context)

    @staticmethod
    def origin():
        """The innermost frames of the project's own code (templates' tags included)."""
        frames = [
            f"{Path(frame.filename).relative_to(ROOT)}:{frame.lineno} {frame.name}"
            for frame in traceback.extract_stack()
            if frame.filename.startswith(str(ROOT))
            and "/.venv/" not in frame.filename
            and "/bench/" not in frame.filename
            and "front_cache" not in frame.filename
            and "routing.py" not in frame.filename
        ]
        return " < ".join(reversed(frames[-3:])) or "(framework)"


def measure(client, url, repeat):
    client.get(url)  # warm caches
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        response = client.get(url)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return response, counter.count, statistics.median(timings), p95


def trace(client, url):
    client.get(url)
    counter = QueryCounter(trace=True)
    with connection.execute_wrapper(counter):
        response = client.get(url)
    print(f"{url}: {response.status_code}, {counter.count} queries")
    for origin, count in counter.origins.most_common():
        print(f"{count:>4}  {origin}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--trace", metavar="URL", help="where each query of one URL comes from")
    args = parser.parse_args()
    client = Client(HTTP_HOST="localhost")
    if args.trace:
        trace(client, args.trace)
        return
    print(f"{'url':60} {'status':>6} {'queries':>7} {'median ms':>9} {'p95 ms':>7} {'KiB':>6}")
    for url in LIST_URLS + resource_urls():
        response, queries, median, p95 = measure(client, url, args.repeat)
        print(
            f"{url[:60]:60} {response.status_code:>6} {queries:>7} "
            f"{median:>9.1f} {p95:>7.1f} {len(response.content) / 1024:>6.1f}"
        )


if __name__ == "__main__":
    main()
