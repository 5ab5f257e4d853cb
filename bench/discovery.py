"""The discovery benchmark, in one run: indexing throughput and query latency of the alliance
discovery index, on the engine and on the database search backend, at growing sizes.

    DLM_DISCOVERY_ENGINE=opensearch DLM_OPENSEARCH_URL=http://... \\
        python bench/discovery.py [--sizes 10000,100000] [--queries 200] [--reset]

For each size N (synthetic documents, i.e. published resource page translations):

1. the demo app's synthetic generator (manage.py generate_synthetic_resources) tops the bench
   database up to N documents (and fills the database search backend's index for the pages
   it lacks);
2. the discovery index is rebuilt from PostgreSQL (discovery.indexing.rebuild): documents/second;
   with file text (the default), first without the synthetic materials' files (the baseline:
   index size, latency), then with them (the generator writes them: rows/s), and the index's
   growth, the file-page documents and their rebuild rate;
3. the same query mix (words in the seven languages, several words, a word in one language
   filtered to resources in another (through the termbase, loaded first), Latin typos,
   prefixes, Vietnamese without diacritics, institution names, codes, browsing by filters
   only; 0-3 facet filters, sorted by relevance, newest or title, pages 1-3; facets always computed) runs
   against the engine (discovery.service.search) and against the database search backend over
   the same PostgreSQL data (discovery.fallback.search): p50/p95/max latency, and db/engine;
   with file text, the mix also has queries of words that only files contain ("filetext").

Writes only to a database whose name ends in "_bench" (see demo/synthetic/guards.py), and to the
engine index DLM_DISCOVERY_INDEX, "dlm-bench-discovery" unless set. DEBUG is switched off for
the run (Django would otherwise keep every SQL query in memory); --debug keeps it.
"""

import argparse
import json
import math
import os
import random
import statistics
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _path in (str(HERE.parent), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")
os.environ.setdefault("DLM_DISCOVERY_ENGINE", "opensearch")
os.environ.setdefault("DLM_DISCOVERY_INDEX", "dlm-bench-discovery")

import django  # noqa: E402

django.setup()  # before the project's modules are imported

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from demo.synthetic import generator as synthetic  # noqa: E402
from demo.synthetic import vocabulary as words  # noqa: E402
from discovery import engine as engines  # noqa: E402
from discovery import fallback, service  # noqa: E402
from discovery.documents import count_public_documents  # noqa: E402
from discovery.indexing import rebuild  # noqa: E402
from discovery.mapping import FILE_PAGES, KIND_FILE  # noqa: E402
from discovery.params import parse_query  # noqa: E402
from resources.models import Institution, QualificationLevel, VocationalStandardPage  # noqa: E402
from resources.models.base import resource_type_names  # noqa: E402

TARGET_P95_MS = 50.0  # engine, with facets, at the largest size
TARGET_REBUILD_SECONDS = 120.0  # at 100,000 documents

# Query categories and their share of the mix.
CATEGORIES = {
    "word": 25,  # a topic or a trade word, in one of the seven languages
    "multi": 17,  # two or three of them
    "cross": 8,  # a word in one language, filtered to resources in another
    "typo": 12,  # Latin-script words with a typing mistake
    "prefix": 10,  # the start of a word, as typed so far
    "unaccented": 5,  # Vietnamese typed without its diacritics
    "institution": 5,  # an institution's name
    "code": 3,  # a standard's code
    "browse": 15,  # no text: filters only, newest first
}
QUERY_LANGUAGES = {"zh-hans": 25, "en": 25, "th": 12, "vi": 12, "lo": 9, "km": 9, "my": 8}
FILTER_COUNTS = {0: 35, 1: 35, 2: 20, 3: 10}
FILTER_NAMES = {
    "type": 25,
    "country": 20,
    "sector": 20,
    "language": 15,
    "institution": 6,
    "level": 6,
    "tag": 8,
}
# Queries of words found only inside the materials' files (vocabulary.FILE_TERMS), added to the
# mix when the files are: --file-queries of them (by default a tenth of --queries).
FILE_CATEGORY = "filetext"
SORTS = {"relevance": 70, "newest": 20, "title": 10}
PAGES = {1: 75, 2: 15, 3: 10}
COUNTRIES = ["CN", "MM", "LA", "TH", "KH", "VN"]


def _pick(rng, weights):
    return rng.choices(list(weights), list(weights.values()))[0]


# ---------------------------------------------------------------------------------------------
# The query mix


@dataclass
class Query:
    category: str
    language: str  # the language the text is written in ("" for browsing)
    params: dict  # what a visitor's request would carry: q, lang, filters, sort, page


def _words_of(text, minimum=1):
    return [w for w in text.replace(",", " ").split() if len(w) >= minimum]


def _typo(rng, word):
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "double", "replace"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstnl") + word[i + 1 :]


def _unaccented(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


class MixMaker:
    def __init__(self, seed, institutions, levels, codes):
        self.rng = random.Random(f"mix:{seed}")  # noqa: S311 - test data, not secrets
        self.institutions = institutions  # [(slug, {language: name})]
        self.levels = levels  # ["CN-VSL-3", ...]
        self.codes = codes
        self.topics = words.TOPICS
        self.tags = sorted({t for *_x, tags, _n in words.TOPICS for t in tags})

    def make(self, n):
        counts = self._shares(n)
        queries = []
        for category, count in counts.items():
            for _ in range(count):
                queries.append(getattr(self, f"_{category}")())
        self.rng.shuffle(queries)
        return queries

    def _shares(self, n):
        total = sum(CATEGORIES.values())
        counts = {c: math.floor(n * w / total) for c, w in CATEGORIES.items()}
        for c in list(CATEGORIES)[: n - sum(counts.values())]:
            counts[c] += 1
        return counts

    # -- text

    def _topic(self):
        return self.rng.choice(self.topics)

    def _keyword(self, sector, lang):
        return self.rng.choice(words.KEYWORDS[sector][lang])

    def _word(self):
        lang = _pick(self.rng, QUERY_LANGUAGES)
        sector, _extra, tags, names = self._topic()
        text = names[lang] if self.rng.random() < 0.5 else self._keyword(sector, lang)
        return self._query("word", lang, text, sector, tags)

    def _cross(self):
        """The trade word a teacher knows (often English or Chinese), and the language she
        wants the material in: the termbase expansion and the language filter together."""
        lang = self.rng.choice(["en", "zh-hans", "en", "th", "vi"])
        sector, _extra, tags, names = self._topic()
        text = names[lang] if self.rng.random() < 0.5 else self._keyword(sector, lang)
        query = self._query("cross", lang, text, sector, tags, filters=0)
        wanted = self.rng.choice([code for code in QUERY_LANGUAGES if code != lang])
        query.params["language"] = wanted
        return query

    def _multi(self):
        lang = _pick(self.rng, QUERY_LANGUAGES)
        sector, _extra, tags, names = self._topic()
        keywords = words.KEYWORDS[sector][lang]
        if lang == "zh-hans":
            text = f"{names[lang]} {self.rng.choice(keywords)}"
        elif lang == "en":
            picked = self.rng.sample(_words_of(names[lang], 4), 1) + [self.rng.choice(keywords)]
            text = " ".join(picked)
        else:
            text = " ".join(self.rng.sample(keywords, 2))
        return self._query("multi", lang, text, sector, tags)

    def _typo(self):
        sector, _extra, tags, names = self._topic()
        pool = _words_of(names["en"], 5) + [
            w for k in words.KEYWORDS[sector]["en"] for w in _words_of(k, 5)
        ]
        chosen = self.rng.sample(pool, min(len(pool), self.rng.choice([1, 1, 2])))
        wrong = self.rng.randrange(len(chosen))
        text = " ".join(_typo(self.rng, w) if i == wrong else w for i, w in enumerate(chosen))
        return self._query("typo", "en", text, sector, tags)

    def _prefix(self):
        sector, _extra, tags, names = self._topic()
        lang = self.rng.choices(["en", "zh-hans", "vi"], [60, 30, 10])[0]
        if lang == "zh-hans":
            text = names[lang][:2]
        else:
            word = self.rng.choice(_words_of(names[lang], 3))
            text = word[: self.rng.randint(3, max(3, min(6, len(word) - 1)))]
        return self._query("prefix", lang, text, sector, tags)

    def _unaccented(self):
        sector, _extra, tags, names = self._topic()
        text = names["vi"] if self.rng.random() < 0.6 else self._keyword(sector, "vi")
        return self._query("unaccented", "vi", _unaccented(text), sector, tags)

    def _institution(self):
        _slug, names = self.rng.choice(self.institutions)
        lang = self.rng.choice(sorted(names))
        return self._query("institution", lang, names[lang], None, None)

    def _code(self):
        text = self.rng.choice(self.codes) if self.codes else "LM-CN-SYN-0000001"
        return self._query("code", "en", text, None, None, filters=0)

    def _filetext(self):
        """Words a teacher remembers from inside a file (a form, a tool, a drawing), alone or
        with a trade word of the sector."""
        lang = _pick(self.rng, QUERY_LANGUAGES)
        sector, _extra, tags, _names = self._topic()
        text = self.rng.choice(words.FILE_TERMS[lang])
        if self.rng.random() < 0.3:
            joiner = "" if lang == "zh-hans" else " "
            text = f"{text}{joiner}{self._keyword(sector, lang)}"
        return self._query(FILE_CATEGORY, lang, text, sector, tags)

    def _browse(self):
        lang = _pick(self.rng, QUERY_LANGUAGES)
        sector, _extra, tags, _names = self._topic()
        query = self._query("browse", lang, "", sector, tags, filters=self.rng.randint(1, 3))
        query.params["sort"] = "newest"
        return query

    # -- filters, sort, page

    def _query(self, category, lang, text, sector, tags, filters=None):
        rng = self.rng
        ui = lang if lang and rng.random() < 0.8 else _pick(rng, QUERY_LANGUAGES)
        params = {"q": text, "lang": ui}
        n = _pick(rng, FILTER_COUNTS) if filters is None else filters
        names = []
        while len(names) < n:
            name = _pick(rng, FILTER_NAMES)
            if name not in names:
                names.append(name)
        for name in names:
            params[name] = ",".join(self._values(name, lang, sector, tags))
        params["sort"] = _pick(rng, SORTS)
        page = _pick(rng, PAGES)
        if page > 1:
            params["page"] = str(page)
        return Query(category, lang if text else "", params)

    def _values(self, name, lang, sector, tags):
        rng = self.rng
        two = rng.random() < 0.15
        if name == "type":
            return rng.sample(resource_type_names(), 2 if two else 1)
        if name == "country":
            return rng.sample(COUNTRIES, 2 if two else 1)
        # A visitor narrows a search down rather than contradicting it: the sector, tag and
        # language filters mostly agree with the words searched for.
        if name == "sector":
            if sector and rng.random() < 0.85:
                return [sector]
            return [rng.choice(list(words.KEYWORDS))]
        if name == "language":
            if lang and rng.random() < 0.85:
                return [lang]
            return [_pick(rng, QUERY_LANGUAGES)]
        if name == "institution":
            return [rng.choice(self.institutions)[0]]
        if name == "level":
            return [rng.choice(self.levels)]
        if tags and rng.random() < 0.85:
            return [rng.choice(tags)]
        return [rng.choice(self.tags)]


def build_mix(n, seed, file_queries=0):
    """The mix of ``n`` queries, then ``file_queries`` file-only ones drawn apart (so the
    first ``n`` are the same whether the files are measured or not)."""
    maker = _mix_maker(seed)
    mix = maker.make(n)
    if file_queries:
        files = _mix_maker(f"files:{seed}")
        mix += [files._filetext() for _ in range(file_queries)]
    return mix


def _mix_maker(seed):
    institutions = {}
    for slug, lang, name in Institution.objects.values_list(
        "slug", "locale__language_code", "name"
    ):
        institutions.setdefault(slug, {})[lang] = name
    levels = sorted(
        {
            f"{fw}-{level}"
            for fw, level in QualificationLevel.objects.values_list("framework", "level")
        }
    )
    # Codes of standards that exist at every size (the first resources generated).
    codes = list(
        VocationalStandardPage.objects.filter(external_id__startswith=synthetic.ID_PREFIX)
        .order_by("external_id")
        .values_list("code", flat=True)
        .distinct()[:40]
    )
    return MixMaker(seed, sorted(institutions.items()), levels, codes)


# ---------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Record:
    index: int  # position in the mix
    category: str
    ms: float
    count: int  # resources matching
    hits: int  # results on the page
    facet_values: int
    degraded: bool
    sql: int  # SQL queries the search made
    engine_ms: float = 0.0  # time spent waiting for the engine (search + mget)
    took_ms: float = 0.0  # the engine's own "took"


class Probe:
    """Counts SQL queries, and the time spent in engine calls, of one search at a time."""

    def __init__(self):
        self.sql = 0
        self.engine_ms = 0.0
        self.took_ms = 0.0
        self.installed = False

    def reset(self):
        self.sql, self.engine_ms, self.took_ms = 0, 0.0, 0.0

    def __call__(self, execute, sql, params, many, context):
        self.sql += 1
        return execute(sql, params, many, context)

    def install(self, engine):
        if self.installed:
            return
        for method in ("search", "mget"):
            original = getattr(engine, method)

            def timed(*args, _original=original, _method=method, **kwargs):
                started = time.perf_counter()
                try:
                    response = _original(*args, **kwargs)
                finally:
                    self.engine_ms += (time.perf_counter() - started) * 1000
                if _method == "search" and isinstance(response, dict):
                    self.took_ms += response.get("took", 0) or 0
                return response

            setattr(engine, method, timed)
        self.installed = True


def run_pass(search, mix, budget, warmup, probe, out, label):
    """Run the mix once; returns [Record].

    With a ``budget`` (seconds), each kind of query gets the share of it that its share of the
    mix is; once a kind has spent its share its remaining queries are skipped (a slow kind,
    such as facet browsing on the database backend, cannot crowd out the others). Summaries
    then weigh each kind by its share of the mix."""
    queries = [parse_query(q.params, lang=q.params["lang"]) for q in mix]
    # Warm-up: the same first queries for both backends, leaving out filter-only browsing.
    warm = [q for item, q in zip(mix, queries, strict=True) if item.category != "browse"]
    for query in warm[:warmup]:
        search(query)
    shares = Counter(item.category for item in mix)
    allowance = {c: budget * n / len(mix) for c, n in shares.items()} if budget else {}
    spent = Counter()
    records = []
    for i, (item, query) in enumerate(zip(mix, queries, strict=True)):
        if budget and spent[item.category] >= allowance[item.category]:
            continue
        probe.reset()
        with connection.execute_wrapper(probe):
            t0 = time.perf_counter()
            result = search(query)
            ms = (time.perf_counter() - t0) * 1000
        spent[item.category] += ms / 1000
        records.append(
            Record(
                index=i,
                category=item.category,
                ms=ms,
                count=result.count,
                hits=len(result.results),
                facet_values=sum(len(values) for values in result.facets.values()),
                degraded=bool(result.degraded),
                sql=probe.sql,
                engine_ms=probe.engine_ms,
                took_ms=probe.took_ms,
            )
        )
        out.write(f"  {label}: {i + 1:>4} / {len(mix)} queries\r")
        out.flush()
    out.write("\n")
    if len(records) < len(mix):
        ran = Counter(r.category for r in records)
        skipped = ", ".join(
            f"{c} {shares[c] - ran[c]}/{shares[c]}" for c in shares if ran[c] < shares[c]
        )
        out.write(
            f"  {label}: time budget of {budget:.0f} s: ran {len(records)} of {len(mix)} queries; "
            f"skipped {skipped}\n"
        )
    return records


def weights_for(records, mix):
    """Weight of each record so that every kind of query counts by its share of the mix."""
    shares = Counter(item.category for item in mix)
    ran = Counter(r.category for r in records)
    return [shares[r.category] / ran[r.category] for r in records]


def percentile(values, p, weights=None):
    """Nearest-rank percentile (p in 0-100) of a non-empty list, optionally weighted."""
    weights = weights or [1.0] * len(values)
    pairs = sorted(zip(values, weights, strict=True))
    wanted = p / 100 * sum(weights)
    cumulative = 0.0
    for value, weight in pairs:
        cumulative += weight
        if cumulative >= wanted - 1e-9:
            return value
    return pairs[-1][0]


@dataclass
class Summary:
    queries: int
    p50: float
    p95: float
    max: float
    mean: float
    zero_hits: int
    degraded: int
    sql_median: float
    engine_p50: float = 0.0
    took_p50: float = 0.0
    weighted: bool = False  # some kinds of query ran only in part: weighted by their share

    @classmethod
    def of(cls, records, mix=None):
        if not records:
            return None
        ms = [r.ms for r in records]
        weights = weights_for(records, mix) if mix is not None else None
        weighted = weights is not None and any(abs(w - 1.0) > 1e-9 for w in weights)
        return cls(
            queries=len(records),
            p50=percentile(ms, 50, weights),
            p95=percentile(ms, 95, weights),
            max=max(ms),
            mean=sum(m * w for m, w in zip(ms, weights or [1.0] * len(ms), strict=True))
            / sum(weights or [1.0] * len(ms)),
            zero_hits=sum(1 for r in records if r.count == 0),
            degraded=sum(1 for r in records if r.degraded),
            sql_median=statistics.median(r.sql for r in records),
            engine_p50=percentile([r.engine_ms for r in records], 50, weights),
            took_p50=percentile([r.took_ms for r in records], 50, weights),
            weighted=weighted,
        )


@dataclass
class SizeResult:
    size: int
    documents_indexed: int
    generated: int
    generate_seconds: float
    db_index_pages: int
    db_index_seconds: float | None
    rebuild_seconds: float
    rebuild_per_second: float
    index: str
    engine: Summary | None
    database: Summary | None
    engine_by_category: dict = field(default_factory=dict)
    database_by_category: dict = field(default_factory=dict)
    # The two backends over the queries both ran (the database may run out of time first).
    paired_engine: Summary | None = None
    paired_database: Summary | None = None
    index_size: "IndexSize | None" = None
    files_written: dict | None = None  # the generator's FileStats for the files it wrote
    files_per_second: float | None = None  # rows written per second
    baseline: "Baseline | None" = None  # the same resources without their files
    load: tuple = ()  # the machine's load average (1, 5, 15 min) when the engine pass began
    profile: dict = field(default_factory=dict)  # where the queries' time goes


@dataclass
class IndexSize:
    """The engine's own figures for one index (``_stats``, primary shards)."""

    documents: int
    file_documents: int  # of which files' text
    file_pages: int  # the pages of those files (nested documents)
    store_bytes: int
    segments: int


@dataclass
class Baseline:
    """The index rebuilt from the same resources without their files, and the mix on it."""

    rebuild_seconds: float
    rebuild_per_second: float
    size: IndexSize
    engine: Summary | None
    engine_by_category: dict
    load: tuple


def index_size(engine, name):
    """Documents, file documents, their pages and the primary store size of index ``name``."""
    engine.refresh(name)
    stats = engine.admin.indices.stats(index=name, metric="store,docs,segments")
    primaries = stats["indices"][name]["primaries"]
    files = engine.search(
        name,
        {"size": 0, "track_total_hits": True, "query": {"term": {"kind": KIND_FILE}}},
    )["hits"]["total"]["value"]
    documents = engine.count(name)  # the engine's statistics count nested documents too
    return IndexSize(
        documents=documents,
        file_documents=files,
        file_pages=primaries["docs"]["count"] - documents,
        store_bytes=primaries["store"]["size_in_bytes"],
        segments=primaries["segments"]["count"],
    )


def rebuild_index(out, label):
    out.write(f"discovery: rebuilding the discovery index ({label})...\n")
    stats = rebuild(progress=False)
    out.write(
        f"discovery: rebuilt {stats.index}: {stats.documents:,} documents in "
        f"{stats.seconds:.1f} s = {stats.per_second:,.0f} documents/s\n"
    )
    expected = count_public_documents()
    if stats.documents != expected:
        out.write(
            f"discovery: WARNING: the index holds {stats.documents:,} documents but "
            f"{expected:,} resource translations and their files are live and public\n"
        )
    return stats


def _ratio(a, b):
    return a / b if a is not None and b else float("nan")


def print_table(result, out):
    e, d = result.engine, result.database
    out.write(
        f"\n  {'backend':<10} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'mean ms':>8} {'0 hits':>6} {'degraded':>8} {'SQL/q':>5}\n"
    )
    for name, s in (("engine", e), ("database", d)):
        if s is None:
            out.write(f"  {name:<10} {'(not run)':>7}\n")
            continue
        out.write(
            f"  {name:<10} {s.queries:>7} {s.p50:>8.1f} {s.p95:>8.1f} {s.max:>8.1f} "
            f"{s.mean:>8.1f} {s.zero_hits:>6} {s.degraded:>8} {s.sql_median:>5.0f}\n"
        )
    pe, pd = result.paired_engine, result.paired_database
    if pe and pd:
        if pe.queries != e.queries or pd.queries != d.queries:
            for name, s in (("engine", pe), ("database", pd)):
                out.write(
                    f"  {name + '*':<10} {s.queries:>7} {s.p50:>8.1f} {s.p95:>8.1f} "
                    f"{s.max:>8.1f} {s.mean:>8.1f} {s.zero_hits:>6} {s.degraded:>8} "
                    f"{s.sql_median:>5.0f}\n"
                )
            label = "db/engine*"
        else:
            label = "db/engine"
        out.write(
            f"  {label:<10} {'':>7} {_ratio(pd.p50, pe.p50):>7.1f}x "
            f"{_ratio(pd.p95, pe.p95):>7.1f}x {_ratio(pd.max, pe.max):>7.1f}x "
            f"{_ratio(pd.mean, pe.mean):>7.1f}x\n"
        )
        if label.endswith("*"):
            out.write(f"  * the {pd.queries} queries both backends ran within the time budget\n")
    if any(s and s.weighted for s in (e, d, pe, pd)):
        out.write(
            "  (kinds of query that ran only in part are weighted by their share of the mix)\n"
        )
    if e:
        out.write(
            f"  engine time inside the search: p50 {e.engine_p50:.1f} ms waiting for the engine "
            f"(its own 'took' p50 {e.took_p50:.1f} ms); the rest is Python and SQL\n"
        )
    out.write(
        f"\n  {'by kind of query':<12} {'engine: n   p50 / p95 ms':>28} "
        f"{'database: n   p50 / p95 ms':>30} {'0 hits e / db':>14}\n"
    )
    for category in [*CATEGORIES, FILE_CATEGORY]:
        es = result.engine_by_category.get(category)
        ds = result.database_by_category.get(category)
        if not es and not ds:
            continue
        cells = []
        for s in (es, ds):
            cells.append(f"{s.queries:>4} {s.p50:>9.1f} / {s.p95:>9.1f}" if s else "-")
        zero = f"{es.zero_hits if es else '-'} / {ds.zero_hits if ds else '-'}"
        out.write(f"  {category:<12} {cells[0]:>28} {cells[1]:>30} {zero:>14}\n")


def by_category(records):
    groups = {}
    for r in records:
        groups.setdefault(r.category, []).append(r)
    return {c: Summary.of(rs) for c, rs in groups.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="synthetic documents at each step, comma-separated (default 10000,100000)",
    )
    parser.add_argument("--queries", type=int, default=200, help="queries in the mix (200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--warmup",
        type=int,
        default=10,
        help="queries run untimed first, per backend (10; stops after a quarter of the budget)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=600,
        help="seconds each backend may spend on the mix at one size; the rest of the (shuffled) "
        "mix is then skipped and the table says how many ran (600; 0: no limit)",
    )
    parser.add_argument(
        "--reset", action="store_true", help="delete the previous synthetic pages first"
    )
    parser.add_argument(
        "--file-text",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="give the synthetic materials their files' text, measure the index with it and "
        "add file-only queries to the mix (default; --no-file-text: the index without)",
    )
    parser.add_argument(
        "--baseline",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="with file text: first rebuild and query the index without the files (their "
        "rows deleted, then written again), to measure what file text costs (default)",
    )
    parser.add_argument(
        "--file-queries",
        type=int,
        default=None,
        help="file-only queries added to the mix (default: a tenth of --queries)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=10,
        help="re-run the N slowest text queries on the engine as sent and without each of "
        "their parts (file text highlight, file text clause, collapse, facets) (10; 0: no)",
    )
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="neither generate nor rebuild: run the mix and the profile on the index as it is",
    )
    parser.add_argument("--db-index-workers", type=int, default=None)
    parser.add_argument("--skip-database", action="store_true", help="measure the engine only")
    parser.add_argument(
        "--no-check", action="store_true", help="skip the synthetic generator's checks"
    )
    parser.add_argument("--debug", action="store_true", help="keep DEBUG on")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--i-know-this-is-a-bench-db", dest="allow_any", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    out = sys.stdout

    if not args.debug:
        settings.DEBUG = False
    synthetic.check_database(args.allow_any)
    if not engines.engine_configured():
        raise SystemExit(
            "discovery: no engine configured: set DLM_DISCOVERY_ENGINE=opensearch (or "
            "elasticsearch) and its URL."
        )
    engine = engines.get_engine()
    if not engine.ping():
        raise SystemExit(f"discovery: {engine.name} at {settings.DISCOVERY_URL} does not answer.")
    probe = Probe()
    probe.install(engine)
    out.write(
        f"discovery: database {synthetic.database_name()!r}, engine {engine.name} "
        f"({settings.DISCOVERY_URL}), index alias {settings.DISCOVERY_INDEX!r}, sizes "
        f"{', '.join(f'{s:,}' for s in sizes)}, {args.queries} queries, seed {args.seed}, "
        f"DEBUG {'on' if settings.DEBUG else 'off'}\n"
    )

    if args.queries_only:
        return queries_only(args, engine, probe, out)

    results = []
    mix = None
    for step, size in enumerate(sizes):
        out.write(f"\n=== {size:,} synthetic documents ===\n")
        generated = synthetic.generate(
            size,
            seed=args.seed,
            stdout=out,
            reset=args.reset and step == 0,
            check=not args.no_check,
            allow_any_database=args.allow_any,
            db_index_workers=args.db_index_workers,
            db_index="none" if args.skip_database else "add",
            file_text=False,  # written below, after the baseline
        )
        if generated.problems:
            raise SystemExit("discovery: the synthetic data has problems (see above)")
        if generated.documents > size:
            out.write(
                f"discovery: note: {generated.documents:,} synthetic documents exist, more than "
                f"{size:,} (start with --reset to measure this size)\n"
            )

        if step == 0:
            # Searches expand their words through the alliance termbase, as on the site.
            call_command("load_termbase", stdout=out)
        if mix is None:
            file_queries = args.file_queries if args.file_text else 0
            if file_queries is None:
                file_queries = max(1, args.queries // 10)
            mix = build_mix(args.queries, args.seed, file_queries)

        baseline = None
        files = None
        if args.baseline or not args.file_text:
            # The same resources without their files: deleted, and (below) written again.
            synthetic.delete_files(out)
        if args.file_text and args.baseline:
            before = rebuild_index(out, "without file text")
            baseline_records = run_pass(
                service.search, mix, args.budget, args.warmup, probe, out, "engine, no files"
            )
            baseline = Baseline(
                rebuild_seconds=before.seconds,
                rebuild_per_second=before.per_second,
                size=index_size(engine, before.index),
                engine=Summary.of(baseline_records, mix),
                engine_by_category=by_category(baseline_records),
                load=os.getloadavg(),
            )
        if args.file_text:
            files = synthetic.write_files(args.seed, out)
        stats = rebuild_index(out, "with file text" if args.file_text else "without file text")
        rate = stats.per_second
        load = os.getloadavg()
        engine_records = run_pass(
            service.search, mix, args.budget, args.warmup, probe, out, "engine"
        )
        database_records = []
        if not args.skip_database:
            database_records = run_pass(
                fallback.search, mix, args.budget, args.warmup, probe, out, "database"
            )
        result = SizeResult(
            size=size,
            documents_indexed=stats.documents,
            generated=generated.created,
            generate_seconds=generated.seconds,
            db_index_pages=generated.db_index_pages,
            db_index_seconds=generated.db_index_seconds,
            rebuild_seconds=stats.seconds,
            rebuild_per_second=rate,
            index=stats.index,
            engine=Summary.of(engine_records, mix),
            database=Summary.of(database_records, mix),
            engine_by_category=by_category(engine_records),
            database_by_category=by_category(database_records),
            index_size=index_size(engine, stats.index),
            files_written=asdict(files) if files else None,
            files_per_second=files.rows_per_second if files else None,
            baseline=baseline,
            load=load,
        )
        if database_records:
            both = {r.index for r in engine_records} & {r.index for r in database_records}
            result.paired_engine = Summary.of([r for r in engine_records if r.index in both], mix)
            result.paired_database = Summary.of(
                [r for r in database_records if r.index in both], mix
            )
        results.append(result)
        print_table(result, out)
        print_file_text(result, out)
        if args.profile:
            result.profile = {
                "mix": profile_mix(engine, mix, out),
                "slowest": profile_slowest(engine, mix, engine_records, args.profile, out),
            }

    print_summary(results, out)
    if args.json:
        Path(args.json).write_text(
            json.dumps([asdict(r) for r in results], indent=2, default=str), encoding="utf-8"
        )
        out.write(f"discovery: results written to {args.json}\n")
    return 0


# ---------------------------------------------------------------------------------------------
# Where the time of the slowest queries goes


def _is_file_text_clause(clause):
    return isinstance(clause, dict) and clause.get("nested", {}).get("path") == FILE_PAGES


def _without_file_highlight(value):
    """A copy of a query body whose file pages come without their passages."""
    if isinstance(value, dict):
        if value.get("name") == FILE_PAGES and "highlight" in value:
            return {k: v for k, v in value.items() if k != "highlight"}
        return {k: _without_file_highlight(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_file_highlight(v) for v in value]
    return value


def _pruned(value, drop):
    """A copy of a query body without the clauses ``drop`` says so of, at any depth."""
    if isinstance(value, dict):
        return {k: _pruned(v, drop) for k, v in value.items()}
    if isinstance(value, list):
        return [_pruned(v, drop) for v in value if not drop(v)]
    return value


PROFILE_VARIANTS = [
    "as sent",
    "no file_text highlight",
    "no highlight",
    "no file_text clause",
    "no file_text clause, no highlight",
    "no collapse",
    "no facets",
]


def profile_variants(body):
    """The query as the site sends it, and without one of its parts at a time."""
    variants = {"as sent": body}
    without = _without_file_highlight(body)
    if without != body:
        variants["no file_text highlight"] = without
    if "highlight" in body:
        variants["no highlight"] = _without_file_highlight(
            {k: v for k, v in body.items() if k != "highlight"}
        )
    pruned = _pruned(body, _is_file_text_clause)
    if pruned != body:
        variants["no file_text clause"] = pruned
        variants["no file_text clause, no highlight"] = _without_file_highlight(
            {k: v for k, v in pruned.items() if k != "highlight"}
        )
    if "collapse" in body:
        variants["no collapse"] = {k: v for k, v in body.items() if k != "collapse"}
    if "aggs" in body or "aggregations" in body:
        variants["no facets"] = {k: v for k, v in body.items() if k not in ("aggs", "aggregations")}
    return variants


def _body(item):
    query = parse_query(item.params, lang=item.params["lang"])
    return service.build_search(
        query, service._expansions(query.q), service.withdrawn_documents()
    ).to_dict()


def profile_mix(engine, mix, out, rounds=2):
    """The engine's own time ("took", best of ``rounds``) over every text query of the mix, as
    sent and without one part at a time: p50 / p95 / mean per variant."""
    bodies = [_body(item) for item in mix if item.params["q"]]
    took = {}
    for body in bodies:
        variants = profile_variants(body)
        for name in PROFILE_VARIANTS:
            variant = variants.get(name, body)  # a part the query lacks costs nothing
            took.setdefault(name, []).append(
                min(engine.search(settings.DISCOVERY_INDEX, variant)["took"] for _ in range(rounds))
            )
    out.write(
        f"\n  every text query of the mix ({len(bodies)}): engine 'took' in ms, best of {rounds}\n"
        f"  {'variant':<36} {'p50':>6} {'p95':>6} {'mean':>6}\n"
    )
    summary = {}
    for name, values in took.items():
        summary[name] = {
            "p50": percentile(values, 50),
            "p95": percentile(values, 95),
            "mean": statistics.mean(values),
        }
        out.write(
            f"  {name:<36} {summary[name]['p50']:>6.0f} {summary[name]['p95']:>6.0f} "
            f"{summary[name]['mean']:>6.1f}\n"
        )
    return summary


def profile_slowest(engine, mix, records, n, out, repeats=5):
    """The engine's own time ("took", best of ``repeats``) of the ``n`` slowest text queries
    of the pass, as sent and without each of their parts in turn."""
    slowest = sorted((r for r in records if mix[r.index].params["q"]), key=lambda r: -r.ms)[:n]
    if not slowest:
        return []
    out.write(
        f"\n  the {len(slowest)} slowest text queries: engine 'took' in ms, best of {repeats}\n"
    )
    rows = []
    for record in slowest:
        item = mix[record.index]
        body = _body(item)
        took = {}
        for name, variant in profile_variants(body).items():
            took[name] = min(
                engine.search(settings.DISCOVERY_INDEX, variant)["took"] for _ in range(repeats)
            )
        rows.append(
            {"category": item.category, "params": item.params, "ms": record.ms, "took": took}
        )
        shown = {k: v for k, v in item.params.items() if k not in ("lang",)}
        out.write(
            f"  {item.category:<11} {record.ms:>7.1f} ms (engine {record.engine_ms:.0f}, its "
            f"'took' {record.took_ms:.0f}, SQL {record.sql})  "
            f"{json.dumps(shown, ensure_ascii=False)}\n"
        )
        out.write("      " + "; ".join(f"{k} {v}" for k, v in took.items()) + "\n")
    return rows


def queries_only(args, engine, probe, out):
    """The mix (with the file-only queries) and the profile, on the index as it is."""
    name = engine.alias_targets(settings.DISCOVERY_INDEX)[0]
    size = index_size(engine, name)
    file_queries = args.file_queries if args.file_queries is not None else args.queries // 10
    mix = build_mix(args.queries, args.seed, file_queries)
    load = os.getloadavg()
    records = run_pass(service.search, mix, args.budget, args.warmup, probe, out, "engine")
    summary = Summary.of(records, mix)
    out.write(
        f"\n  index {name}: {size.documents:,} documents ({_files(size)}), "
        f"{_mb(size):,.1f} MiB; load average {_load(load)}\n"
        f"  engine: {summary.queries} queries, p50 {summary.p50:.1f} ms, p95 {summary.p95:.1f} "
        f"ms, max {summary.max:.1f} ms; engine 'took' p50 {summary.took_p50:.1f} ms\n"
    )
    for category, s in by_category(records).items():
        out.write(
            f"  {category:<12} {s.queries:>4} {s.p50:>9.1f} / {s.p95:>9.1f} ms  "
            f"0 hits {s.zero_hits}\n"
        )
    if args.profile:
        profile_mix(engine, mix, out)
        profile_slowest(engine, mix, records, args.profile, out)
    return 0


def _files(size):
    return f"{size.file_documents:,} files with {size.file_pages:,} pages"


def _mb(size):
    return size.store_bytes / 2**20


def _load(load):
    return " / ".join(f"{x:.2f}" for x in load) if load else "-"


def print_file_text(result, out):
    """Index size, rebuild and latency with the files' text, against the baseline."""
    size, base = result.index_size, result.baseline
    out.write(
        f"\n  index {result.index}: {size.documents:,} documents ({_files(size)}), "
        f"primary store {_mb(size):,.1f} MiB in {size.segments} segments; "
        f"load average {_load(result.load)} (1 / 5 / 15 min)\n"
    )
    files = result.files_written
    if files and files["documents"]:
        out.write(
            f"  files written: {files['documents']:,} documents of {files['materials']:,} "
            f"materials, {files['segments']:,} pages, {files['characters'] / 1e6:,.1f} million "
            f"characters, {files['rows']:,} rows in {files['seconds']:.1f} s "
            f"({result.files_per_second:,.0f} rows/s)\n"
        )
    if base is None:
        return
    growth = size.store_bytes - base.size.store_bytes
    extra_seconds = result.rebuild_seconds - base.rebuild_seconds
    file_rate = size.file_pages / extra_seconds if extra_seconds > 0 else float("nan")
    out.write(
        f"  without file text: {base.size.documents:,} documents, {_mb(base.size):,.1f} MiB; "
        f"with: {_mb(size):,.1f} MiB: +{growth / 2**20:,.1f} MiB "
        f"(x{_ratio(size.store_bytes, base.size.store_bytes):.2f})\n"
        f"  rebuild: {base.rebuild_seconds:.1f} s without ({base.rebuild_per_second:,.0f} "
        f"documents/s), {result.rebuild_seconds:.1f} s with ({result.rebuild_per_second:,.0f} "
        f"documents/s): the {_files(size)} took {extra_seconds:.1f} s more "
        f"= {file_rate:,.0f} file pages/s\n"
    )
    e, b = result.engine, base.engine
    if e and b:
        out.write(
            f"  engine without / with file text: p50 {b.p50:.1f} / {e.p50:.1f} ms, "
            f"p95 {b.p95:.1f} / {e.p95:.1f} ms, max {b.max:.1f} / {e.max:.1f} ms "
            f"(load average {_load(base.load)} / {_load(result.load)})\n"
        )
        out.write(
            f"  {'by kind of query':<12} {'without: p50 / p95':>22} {'with':>20} {'0 hits':>10}\n"
        )
        for category in [*CATEGORIES, FILE_CATEGORY]:
            bs = base.engine_by_category.get(category)
            es = result.engine_by_category.get(category)
            if not bs or not es:
                continue
            out.write(
                f"  {category:<12} {bs.p50:>9.1f} / {bs.p95:>9.1f} {es.p50:>8.1f} / "
                f"{es.p95:>9.1f} {bs.zero_hits:>4} / {es.zero_hits:<4}\n"
            )


def print_summary(results, out):
    out.write("\n=== summary ===\n")
    out.write(
        f"  {'documents':>10} {'rebuild s':>9} {'docs/s':>7} {'engine p50':>10} "
        f"{'engine p95':>10} {'db p50':>8} {'db p95':>8} {'db ran':>8} {'db/engine p50':>13} "
        f"{'db/engine p95':>13}\n"
    )
    for r in results:
        e, d = r.engine, r.database
        pe, pd = r.paired_engine, r.paired_database
        ran = f"{d.queries}/{e.queries}" if d and e else "-"
        out.write(
            f"  {r.documents_indexed:>10,} {r.rebuild_seconds:>9.1f} {r.rebuild_per_second:>7,.0f} "
            f"{e.p50 if e else float('nan'):>10.1f} {e.p95 if e else float('nan'):>10.1f} "
            f"{d.p50 if d else float('nan'):>8.1f} {d.p95 if d else float('nan'):>8.1f} "
            f"{ran:>8} {_ratio(pd.p50 if pd else None, pe.p50 if pe else None):>12.1f}x "
            f"{_ratio(pd.p95 if pd else None, pe.p95 if pe else None):>12.1f}x\n"
        )
    out.write("  (db/engine: over the queries both backends ran)\n")
    for r in results:
        if r.baseline:
            b = r.baseline
            out.write(
                f"  {r.size:,}: index {_mb(b.size):,.1f} -> {_mb(r.index_size):,.1f} MiB with "
                f"{_files(r.index_size)}; engine p95 "
                f"{b.engine.p95 if b.engine else float('nan'):.1f} -> "
                f"{r.engine.p95 if r.engine else float('nan'):.1f} ms; load {_load(r.load)}\n"
            )
    largest = max(results, key=lambda r: r.size)
    if largest.engine:
        verdict = "met" if largest.engine.p95 < TARGET_P95_MS else "NOT met"
        out.write(
            f"  target: engine p95 with facets under {TARGET_P95_MS:.0f} ms at "
            f"{largest.documents_indexed:,} documents: {largest.engine.p95:.1f} ms, {verdict}\n"
        )
    hundred = [r for r in results if r.size >= 100_000]
    if hundred:
        r = hundred[0]
        verdict = "met" if r.rebuild_seconds < TARGET_REBUILD_SECONDS else "NOT met"
        out.write(
            f"  target: rebuild of {r.documents_indexed:,} documents under "
            f"{TARGET_REBUILD_SECONDS:.0f} s: {r.rebuild_seconds:.1f} s, {verdict}\n"
        )


if __name__ == "__main__":
    sys.exit(main())
