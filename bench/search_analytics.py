"""Search analytics: what recording adds to a search, and how fast the buffer is written.

    DATABASE_URL=.../dlm_analytics_bench python bench/search_analytics.py [--calls 100000]

1. ``search.analytics.record()`` is called ``--calls`` times with a mix of searches (words in
   the seven languages, Zawgyi and traditional Chinese, filters, browsing), each call timed:
   p50/p95/p99/max in µs, first with no background writer, then with the writer flushing
   every ``--interval`` seconds in its thread (the GIL it takes is what a search would feel).
2. ``search.analytics.flush()`` writes the buffered calls to PostgreSQL: searches/s and
   rows/s, once into an empty table (inserts) and once more over the same rows (updates).

Destructive: refuses to run unless the database name ends in "_bench" (or
--i-know-this-is-a-bench-db); creates that database if it does not exist, migrates it, and
empties the search analytics table before and after the run.
"""

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

from bench_database import BenchError, ensure_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")

import django  # noqa: E402

django.setup()  # before the project's models are imported; it opens no connection

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from discovery import analytics  # noqa: E402
from discovery.analytics import recorder  # noqa: E402
from discovery.models import DailySearches  # noqa: E402
from discovery.params import DiscoveryQuery  # noqa: E402
from discovery.results import DiscoveryResult  # noqa: E402

# Words people search for, in each alliance language (and two other ways of typing them).
WORDS = {
    "zh-hans": ["焊接", "电工", "汽车维修", "数控加工", "护理", "烹饪", "物流管理", "电子商务"],
    "en": ["welding", "electrician", "car repair", "CNC machining", "nursing", "cooking"],
    "th": ["การเชื่อม", "ช่างไฟฟ้า", "ซ่อมรถยนต์", "การพยาบาล", "การทำอาหาร"],
    "vi": ["hàn điện", "thợ điện", "sửa chữa ô tô", "điều dưỡng", "nấu ăn"],
    "lo": ["ການເຊື່ອມ", "ຊ່າງໄຟຟ້າ", "ສ້ອມແປງລົດ", "ການພະຍາບານ"],
    "km": ["ការផ្សារដែក", "ជាងអគ្គិសនី", "ជួសជុលរថយន្ត", "ការថែទាំ"],
    "my": ["ဂဟေဆော်", "လျှပ်စစ်", "ကားပြုပြင်", "သူနာပြု"],
    "other forms": ["ေက်ာင္း", "焊接技術", "汽車維修", "  Welding   BASICS "],
}
FILTERS = [
    {},
    {},
    {"type": ("course",)},
    {"country": ("LA", "KH")},
    {"type": ("material",), "language": ("lo",)},
    {"sector": ("welding",), "country": ("VN",)},
]
LANGUAGES = ["zh-hans", "en", "th", "vi", "lo", "km", "my"]


def searches(count, distinct, seed):
    """``count`` (query, result) pairs drawn from ``distinct`` different searches."""

    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    words = [word for group in WORDS.values() for word in group]
    pool = []
    for n in range(distinct):
        text = "" if n % 10 == 0 else f"{rng.choice(words)} {n // 40 or ''}".strip()
        query = DiscoveryQuery(
            q=text, lang=rng.choice(LANGUAGES), filters=rng.choice(FILTERS), page_size=20
        )
        result = DiscoveryResult(
            query=query,
            count=rng.choice([0, 0, 1, 3, 12, 240]),
            results=[],
            facets={},
            degraded=rng.random() < 0.02,
        )
        pool.append((query, result))
    return [rng.choice(pool) for _ in range(count)]


def time_record(calls):

    timings = []
    clock = time.perf_counter_ns
    for query, result in calls:
        started = clock()
        analytics.record(query, result)
        timings.append(clock() - started)
    return timings


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report_record(label, timings):
    micro = [t / 1000 for t in timings]
    print(
        f"  {label:<34} p50 {percentile(micro, 0.50):6.2f} µs   p95 {percentile(micro, 0.95):6.2f}"
        f" µs   p99 {percentile(micro, 0.99):7.2f} µs   max {max(micro):9.1f} µs"
        f"   mean {statistics.fmean(micro):6.2f} µs"
    )


def time_flush(label):

    buffered = analytics.pending()
    rows_before = DailySearches.objects.count()
    writing = []
    write = recorder.write

    def timed_write(rows):  # the database's share of the flush (the rest is aggregating)
        started = time.perf_counter()
        write(rows)
        writing.append(time.perf_counter() - started)

    recorder.write = timed_write
    try:
        started = time.perf_counter()
        written = analytics.flush()
        seconds = time.perf_counter() - started
    finally:
        recorder.write = write
    rows = DailySearches.objects.count()
    if written != buffered:
        raise BenchError(f"search_analytics: {buffered - written} searches were not written")
    print(
        f"  {label:<34} {written:,} searches -> {rows:,} rows ({rows - rows_before:,} new)"
        f" in {seconds:.2f} s: {written / seconds:,.0f} searches/s, {rows / seconds:,.0f} rows/s;"
        f" writing {sum(writing):.2f} s, {rows / sum(writing):,.0f} rows/s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--distinct", type=int, default=20_000, help="different searches")
    parser.add_argument("--interval", type=float, default=0.5, help="writer interval, seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--i-know-this-is-a-bench-db", action="store_true", dest="allow_any")
    args = parser.parse_args()

    ensure_database(args.allow_any, "search_analytics")

    call_command("migrate", verbosity=0)
    DailySearches.objects.all().delete()
    settings.DEBUG = False  # Django would otherwise keep every query in memory
    recorder.MAX_BUFFERED = max(recorder.MAX_BUFFERED, args.calls)
    calls = searches(args.calls, args.distinct, args.seed)
    # The bench's own 100,000 prepared searches would otherwise make the collector's full
    # passes (and their pauses) far longer than in a web process.
    gc.collect()
    gc.freeze()

    print(f"record(): {args.calls:,} calls over {args.distinct:,} different searches")
    settings.DISCOVERY_ANALYTICS_FLUSH_SECONDS = 0
    analytics.discard_pending()
    report_record("no writer", time_record(calls))

    print("flush() to PostgreSQL")
    time_flush("into an empty table")
    time_record(calls)
    time_flush("over the same rows")

    settings.DISCOVERY_ANALYTICS_FLUSH_SECONDS = args.interval
    timings = time_record(calls)  # the first call starts the writer
    recorder.stop()  # and writes what is left
    print("record() with the writer running")
    report_record(f"writer every {args.interval:g} s", timings)
    total = sum(DailySearches.objects.values_list("searches", flat=True))
    if total != 3 * args.calls:
        raise BenchError(f"search_analytics: {3 * args.calls:,} searches made, {total:,} counted")
    print(f"  all {total:,} searches counted")
    DailySearches.objects.all().delete()


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        sys.exit(str(error))
