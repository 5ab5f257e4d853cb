"""The import benchmark: rows per second of ``manage.py import_resources --publish`` on a
large multilingual catalogue, on PostgreSQL.

    DATABASE_URL=postgres://.../dlm_bench python bench/import_speed.py [--rows 1000]

The catalogue is the demo's own (demo/catalogue.py: every resource type, in zh-hans, en and
each programme's Mekong language, with descriptions, modules, competencies, files and links
between the resources), repeated under fresh external IDs and slugs until it has ``--rows``
rows, written to a JSON Lines file. The command then runs three times on it:

1. the first import creates every page (and its translations) and publishes it;
2. the same file again: every row must be unchanged, with no new revision;
3. the file with every summary changed: every row is an update, published.

For each pass it prints the seconds, rows/s and SQL queries per row, with the revisions, discovery queue rows and
OAI records it added (so that a faster import visibly still does what it did). The pages stay
in the bench database, under IDs no other run uses. The discovery engine is configured, as in
production, so the discovery queue is written; nothing is sent to the engine.
"""

import argparse
import cProfile
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _path in (str(HERE.parent), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")
os.environ.setdefault("DLM_DISCOVERY_ENGINE", "opensearch")
os.environ.setdefault("DLM_DISCOVERY_INDEX", "dlm-bench-discovery")
os.environ.setdefault("DLM_OPENSEARCH_URL", "http://127.0.0.1:9200")

import django  # noqa: E402
from bench_database import BenchError, ensure_database  # noqa: E402

django.setup()  # before the project's modules are imported; it opens no connection

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from wagtail.models import Revision  # noqa: E402

from demo import data  # noqa: E402
from demo.catalogue import demo_catalogue, external_ids  # noqa: E402
from discovery.models import PendingIndexUpdate  # noqa: E402
from interop.models import OaiRecord  # noqa: E402
from resources.models import CoursePage, TeachingMaterialPage  # noqa: E402

TARGET_ROWS_PER_SECOND = 50.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000, help="rows of the catalogue (1000)")
    parser.add_argument(
        "--passes",
        default="create,unchanged,update",
        help="which passes to run, in this order (create,unchanged,update)",
    )
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the first pass")
    parser.add_argument("--i-know-this-is-a-bench-db", action="store_true")
    return parser.parse_args()


def main():
    args = parse_args()
    try:
        ensure_database(args.i_know_this_is_a_bench_db, "import_speed")
    except BenchError as exc:
        sys.exit(str(exc))
    settings.DEBUG = False  # Django would otherwise keep every SQL query in memory
    bench = ImportBench(args.rows)
    bench.prepare()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalogue.jsonl"
        bench.write(path)
        print(
            f"catalogue: {bench.rows} rows, {bench.resources} resources, languages "
            f"{', '.join(f'{lang} {n}' for lang, n in sorted(bench.languages.items()))}"
        )
        for name in args.passes.split(","):
            if name == "update":
                bench.write(path, summary_suffix=" (revised)")
            bench.run(name, path, profile=args.profile if name == "create" else None)
    bench.summary()


class ImportBench:
    def __init__(self, rows):
        self.wanted = rows
        self.results = []

    def prepare(self):
        call_command("migrate", verbosity=0)
        if not CoursePage.objects.exists():
            print("import_speed: loading the demo content")
            # --force: DEBUG is off for the run, and the name has been checked (*_bench).
            call_command("load_demo_content", force=True, verbosity=0)

    def catalogue_rows(self):
        """The demo catalogue's rows, each as {column: cell}, with its files as loaded."""
        ids = external_ids(data.PROGRAMMES)
        files = {}
        for index in range(len(data.PROGRAMMES)):
            page = TeachingMaterialPage.objects.filter(
                external_id=ids[index]["material"], locale__language_code="zh-hans"
            ).first()
            files[index] = list(page.files.values_list("document_id", flat=True)) if page else []
        return [row.values for row in demo_catalogue(files).rows]

    def write(self, path, summary_suffix=""):
        """The catalogue: the demo's rows, repeated under this run's external IDs."""
        if not hasattr(self, "tag"):
            self.tag = f"B{int(time.time()) % 10**6:06d}"
            self.template = self.catalogue_rows()
        rows, copy = [], 0
        while len(rows) < self.wanted:
            copy += 1
            suffix = f"-{self.tag}-{copy:03d}"
            for cells in self.template:
                if len(rows) == self.wanted:
                    break
                rows.append(self.renamed(cells, suffix, summary_suffix))
        self.rows = len(rows)
        self.resources = len({r["external_id"] for r in rows})
        self.languages = {}
        for row in rows:
            self.languages[row["language"]] = self.languages.get(row["language"], 0) + 1
        with path.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")

    @staticmethod
    def renamed(cells, suffix, summary_suffix):
        row = dict(cells)
        row["external_id"] += suffix
        row["slug"] = (row["slug"][:40] + suffix).lower()
        for column in ("standards", "materials"):
            if row.get(column):
                row[column] = [f"{external_id}{suffix}" for external_id in row[column]]
        row["summary"] += summary_suffix
        return row

    def counts(self):
        return {
            "revisions": Revision.objects.count(),
            "queued": PendingIndexUpdate.objects.count(),
            "oai records": OaiRecord.objects.count(),
        }

    def run(self, name, path, profile=None):
        before = self.counts()
        started = time.perf_counter()
        profiler = cProfile.Profile() if profile else None
        queries = [0]

        def count(execute, sql, params, many, context):
            queries[0] += 1
            return execute(sql, params, many, context)

        try:
            if profiler:
                profiler.enable()
            with connection.execute_wrapper(count):
                call_command("import_resources", str(path), publish=True, verbosity=0)
        finally:
            if profiler:
                profiler.disable()
                profiler.dump_stats(profile)
        seconds = time.perf_counter() - started
        after = self.counts()
        added = {key: after[key] - before[key] for key in after}
        rate = self.rows / seconds
        self.results.append((name, seconds, rate))
        print(
            f"{name:>9}: {self.rows} rows in {seconds:6.1f} s = {rate:6.1f} rows/s, "
            f"{queries[0] / self.rows:.1f} queries/row; added "
            + ", ".join(f"{n} {key}" for key, n in added.items())
        )

    def summary(self):
        load = os.getloadavg()[0]
        worst = min(rate for _name, _seconds, rate in self.results)
        verdict = "meets" if worst >= TARGET_ROWS_PER_SECOND else "misses"
        print(
            f"slowest pass {worst:.1f} rows/s: {verdict} the target of "
            f"{TARGET_ROWS_PER_SECOND:.0f} rows/s (load average {load:.1f})"
        )


if __name__ == "__main__":
    main()
