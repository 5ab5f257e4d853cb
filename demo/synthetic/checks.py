"""The checks after a run: the page tree's consistency (in SQL over the whole tree, and
treebeard's own find_problems), ``.specific`` of every type, and sample pages rendered."""

import warnings

from django.db import connection
from django.db.models import Count
from django.test import Client
from wagtail.models import Page

from .naming import ID_PREFIX, LIBRARY_SLUG, SLUG_PREFIX
from .planning import resource_models

TREE_CHECKS = {
    "bad path characters, length or depth": """
        SELECT count(*) FROM {page}
        WHERE path !~ '^[0-9A-Z]+$' OR length(path) % {steplen} <> 0
           OR depth <> length(path) / {steplen}""",
    "orphans": """
        SELECT count(*) FROM {page} c WHERE c.depth > 1 AND NOT EXISTS (
            SELECT 1 FROM {page} p WHERE p.path = substr(c.path, 1, length(c.path) - {steplen}))""",
    "wrong numchild": """
        SELECT count(*) FROM {page} p LEFT JOIN (
            SELECT substr(path, 1, length(path) - {steplen}) AS parent, count(*) AS n
            FROM {page} WHERE depth > 1 GROUP BY 1) c ON c.parent = p.path
        WHERE p.numchild <> coalesce(c.n, 0)""",
    "wrong url_path": """
        SELECT count(*) FROM {page} c JOIN {page} p
            ON p.path = substr(c.path, 1, length(c.path) - {steplen})
        WHERE c.url_path <> p.url_path || c.slug || '/'""",
    "duplicate slugs among siblings": """
        SELECT count(*) FROM (
            SELECT substr(path, 1, length(path) - {steplen}), slug FROM {page}
            WHERE depth > 1 GROUP BY 1, 2 HAVING count(*) > 1) d""",
    "translations of one resource in two types or with two external IDs": """
        SELECT count(*) FROM (
            SELECT translation_key FROM {page} WHERE slug LIKE 'syn-%' AND depth > 5
            GROUP BY 1 HAVING count(DISTINCT content_type_id) > 1) d""",
}


def check_everything(out, full=False, samples=3):
    """Tree consistency (in SQL over the whole tree, and treebeard's own find_problems on a
    synthetic section, or everywhere with ``full``), .specific of every type, and rendering.
    Returns a list of problems (empty when all is well)."""
    problems = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for label, sql in TREE_CHECKS.items():
            cursor.execute(sql.format(page=quote(Page._meta.db_table), steplen=Page.steplen))
            n = cursor.fetchone()[0]
            if n:
                problems.append(f"{n} pages: {label}")
        # Same external ID on two resources.
        for model in resource_models().values():
            dupes = (
                model.objects.filter(external_id__startswith=ID_PREFIX)
                .values("external_id")
                .annotate(keys=Count("translation_key", distinct=True))
                .filter(keys__gt=1)
                .count()
            )
            if dupes:
                problems.append(f"{dupes} external IDs of {model.__name__} used by two resources")

    if full:
        scope = None
    else:
        scope = (
            Page.objects.filter(slug__startswith=SLUG_PREFIX, depth=5, numchild__gt=0)
            .order_by("numchild")
            .first()
        )
    found = Page.find_problems(scope)
    if any(found):
        problems.append(f"treebeard find_problems: {found}")

    # WhiteNoise warns, once per client, that static files were never collected: not our subject.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    client = Client(HTTP_HOST="localhost")
    urls = []
    for kind, model in resource_models().items():
        pages = list(
            Page.objects.filter(slug__startswith=SLUG_PREFIX).type(model).order_by("?")[:samples]
        )
        if not pages:
            problems.append(f"no synthetic {kind} pages")
        for page in pages:
            specific = page.specific
            if type(specific) is not model:
                problems.append(f"page {page.pk}: .specific is {type(specific).__name__}")
            urls.append(page.url)
        # Loading them specific in bulk works too.
        list(Page.objects.filter(slug__startswith=SLUG_PREFIX).type(model).specific()[:50])
    library = Page.objects.filter(slug=LIBRARY_SLUG).order_by("path").first()
    if library is not None:
        urls.append(library.url)
    for url in urls:
        if url is None:
            problems.append("a synthetic page has no URL")
            continue
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"GET {url}: {response.status_code}")
    out.write(
        f"synthetic: checked the tree ({'whole tree' if full else 'SQL + one section'} with "
        f"treebeard), .specific and {len(urls)} page renders: "
        f"{'no problems' if not problems else f'{len(problems)} problem(s)'}\n"
    )
    for problem in problems:
        out.write(f"  PROBLEM: {problem}\n")
    return problems
