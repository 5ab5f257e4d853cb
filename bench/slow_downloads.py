"""Slow downloads under the production server: page-view latency with none and with a hundred
slow downloads in flight, and how a 40 MB download read at 200 KB/s ends.

    DATABASE_URL=.../dlm_slow_bench python bench/slow_downloads.py [--server documented|previous]

Starts the server the Dockerfile runs (``--server previous``: the former command, sync
workers with gunicorn's default 30 s timeout) with the production settings, on a fresh bench
database and a temporary media folder; times ``--views`` page views (home, material, course)
with no download in flight, then starts the slow download and ``--clients`` more clients
reading the same file at 20 KB/s, times the page views again (a view unanswered within 10 s
counts as unanswered; three of them end the round), hangs up the crowd and waits for the slow
download to end.

Destructive: refuses to run unless the database name ends in "_bench" (or
--i-know-this-is-a-bench-db); drops and recreates that database on every run.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_database import BenchError, ensure_database, recreate_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")
MEDIA_ROOT = tempfile.mkdtemp(prefix="dlm-slow-download-bench-")
os.environ["DJANGO_MEDIA_ROOT"] = MEDIA_ROOT

PREVIOUS_COMMAND = [
    "sh",
    "-c",
    "exec gunicorn digital_lm.wsgi:application --bind 0.0.0.0:${PORT} "
    "--workers ${WEB_CONCURRENCY:-3} --access-logfile -",
]
CROWD_RATE = 20 * 1024
PATIENCE = 10
GIVE_UP_AFTER = 3


def page_views(serving, port, paths, count):
    """Seconds of each answered view; the number unanswered (or not 200)."""
    answered, unanswered = [], 0
    for n in range(count):
        try:
            status, seconds = serving.page_view(port, paths[n % len(paths)], timeout=PATIENCE)
        except OSError:
            status, seconds = None, None
        if status == 200:
            answered.append(seconds)
        else:
            unanswered += 1
            if unanswered >= GIVE_UP_AFTER:
                break
    return answered, unanswered


def report(label, answered, unanswered):
    if len(answered) >= 2:
        cuts = statistics.quantiles(answered, n=20, method="inclusive")
        p50, p95 = statistics.median(answered), cuts[18]
        figures = f"p50 {p50 * 1000:7.0f} ms   p95 {p95 * 1000:7.0f} ms"
    else:
        figures = f"{'':34}"
    print(f"{label:34} {figures}   answered {len(answered):3}   unanswered {unanswered}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", choices=("documented", "previous"), default="documented")
    parser.add_argument("--clients", type=int, default=100, help="slow downloads in the crowd")
    parser.add_argument("--size-mb", type=int, default=40, help="size of the slow download")
    parser.add_argument("--rate-kb", type=int, default=200, help="its reading speed, KB/s")
    parser.add_argument("--views", type=int, default=60, help="page views per round")
    parser.add_argument("--i-know-this-is-a-bench-db", dest="allow_any", action="store_true")
    args = parser.parse_args()

    try:
        ensure_database(args.allow_any, "slow_downloads")
        recreate_database("slow_downloads")
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from tests import serving

        call_command("migrate", verbosity=0)
        site = serving.slow_download_site(args.size_mb * 1024 * 1024, 1024 * 1024)
        paths = [site["home"], site["material"], site["course"]]
        command = PREVIOUS_COMMAND if args.server == "previous" else None
        database_url = os.environ["DATABASE_URL"]
        with serving.ProductionServer(database_url, settings.MEDIA_ROOT, command) as server:
            print(f"slow_downloads: {' '.join(server.command)}")
            port = server.port
            page_views(serving, port, paths, 9)  # every worker loads the code first
            report("page views, no download", *page_views(serving, port, paths, args.views))

            slow = serving.SlowDownload(port, site["document"], args.rate_kb * 1024)
            slow.start()
            crowd = [
                serving.SlowDownload(port, site["document"], CROWD_RATE)
                for _ in range(args.clients)
            ]
            for client in crowd:
                client.start()
                time.sleep(0.02)
            deadline = time.monotonic() + 15
            for client in crowd:
                client.answered.wait(max(deadline - time.monotonic(), 0))
            streaming = sum(client.status == 200 for client in crowd)
            label = f"page views, {args.clients + 1} slow downloads"
            report(label, *page_views(serving, port, paths, args.views))
            print(f"{'slow clients being answered':34} {streaming} of {args.clients}")
            for client in crowd:
                client.stop()
            slow.join(timeout=3 * args.size_mb * 1024 / args.rate_kb)
            expected = site["document_sha256"]
            print(
                f"{'the slow download':34} status {slow.status}, "
                f"{slow.received / 1024 / 1024:.1f} of {args.size_mb} MiB in "
                f"{slow.seconds or 0:.0f} s, "
                f"{'complete, checksum right' if slow.complete and slow.sha256 == expected else 'CUT'}"
            )
            timeouts = server.log_path.read_text(errors="replace").count("WORKER TIMEOUT")
            print(f"{'worker timeouts in the log':34} {timeouts}")
    except BenchError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
