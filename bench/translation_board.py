"""The translation board at scale: SQL queries and server time of its first page, a filtered
page and the CSV export, with 1,000 and 10,000 resources.

    DATABASE_URL=postgres://.../dlm_board_bench python bench/translation_board.py [--sizes 1000,10000]

The resources are courses of one institution, written straight into the tables (a bench needs
their rows, not their revisions): each a zh-hans original, half of them with a hand-written
English translation (current), a third with a Lao draft, a fifth with a Thai translation edited
before the original's last publication (out of date), a quarter synced into Vietnamese with
wagtail-localize, and one in eleven in review in Khmer. The database grows to the largest size
asked for; a later run with a larger size adds the difference.
"""

import argparse
import os
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _path in (str(HERE.parent), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")

import django  # noqa: E402
from bench_database import BenchError, ensure_database  # noqa: E402

django.setup()  # before the project's modules are imported; it opens no connection

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page, Site, Workflow, WorkflowState  # noqa: E402
from wagtail_localize.models import (  # noqa: E402
    TranslatableObject,
    Translation,
    TranslationLog,
    TranslationSource,
)

from home.models import HomePage  # noqa: E402
from resources.models import Country, CoursePage, Institution, ResourceIndexPage  # noqa: E402

BOARD = "/admin/reports/translation-board/"
BATCH = 500
TRANSLATED = ("en", "lo", "th", "vi", "km")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="resources to measure at")
    parser.add_argument("--repeat", type=int, default=3, help="requests per measure (best kept)")
    parser.add_argument("--i-know-this-is-a-bench-db", action="store_true")
    return parser.parse_args()


def main():
    args = parse_args()
    try:
        ensure_database(args.i_know_this_is_a_bench_db, "translation_board")
    except BenchError as exc:
        sys.exit(str(exc))
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    sections = site_sections()
    client = Client()
    client.force_login(superuser())
    for size in [int(n) for n in args.sizes.split(",")]:
        started = time.perf_counter()
        added = grow(sections, size)
        print(f"\n{size} resources ({added} added in {time.perf_counter() - started:.0f} s)")
        for label, query in [
            ("first page", {}),
            ("filtered: Lao, missing", {"language": "lo", "state": "missing"}),
            ("filtered: out of date, by title", {"state": "out_of_date", "ordering": "title"}),
            ("CSV export", {"export": "csv"}),
        ]:
            queries, seconds, size_kb = measure(client, query, args.repeat)
            print(f"  {label:34} {queries:3d} queries  {seconds * 1000:7.0f} ms  {size_kb:7.0f} kB")


def measure(client, query, repeat):
    best = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(BOARD, query)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            seconds = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        if best is None or seconds < best[1]:
            best = (len(queries), seconds, len(body) / 1024)
    return best


def superuser():
    user, created = get_user_model().objects.get_or_create(
        username="board.bench", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def site_sections():
    """{language: the institution's section in it}, building the tree on the first run."""
    if not Institution.objects.filter(slug="board-bench-tc").exists():
        with transaction.atomic():
            build_tree()
    institution = Institution.objects.get(slug="board-bench-tc", locale=Locale.get_default())
    original = ResourceIndexPage.objects.get(institution=institution, locale=institution.locale)
    sections = {"zh-hans": original}
    for code in TRANSLATED:
        locale = Locale.objects.get(language_code=code)
        sections[code] = original.get_translation_or_none(locale) or original.copy_for_translation(
            locale, copy_parents=True
        )
    return sections


def build_tree():
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        home = root.add_child(instance=HomePage(title="数字澜湄", slug="home-bench"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    home.add_child(instance=ResourceIndexPage(title="资源库", slug="board-bench"))
    country, _created = Country.objects.get_or_create(
        code="LA", locale=Locale.get_default(), defaults={"name": "Laos"}
    )
    # Saving an institution creates its section, groups and workflows.
    Institution.objects.create(
        slug="board-bench-tc", name="板凳技术学院", country=country, locale=Locale.get_default()
    )


def grow(sections, size):
    """Add courses (and their translations) until the institution has ``size``."""
    original = sections["zh-hans"]
    have = CoursePage.objects.filter(locale=original.locale, path__startswith=original.path).count()
    for start in range(have, size, BATCH):
        with transaction.atomic():
            add_batch(sections, range(start, min(start + BATCH, size)))
    return max(size - have, 0)


def add_batch(sections, numbers):
    now = timezone.now()
    published, earlier = now - timedelta(days=30), now - timedelta(days=60)
    institution = sections["zh-hans"].specific.institution
    by_language = {"zh-hans": [(n, uuid.uuid4()) for n in numbers]}
    rows = dict(by_language["zh-hans"])
    wanted = {
        "en": [n for n in numbers if n % 2 == 0],
        "lo": [n for n in numbers if n % 3 == 0],
        "th": [n for n in numbers if n % 5 == 0],
        "vi": [n for n in numbers if n % 4 == 0],
        "km": [n for n in numbers if n % 11 == 0],
    }
    pages = {}
    pages["zh-hans"] = add_pages(sections["zh-hans"], institution, by_language["zh-hans"], {
        "live": True, "first_published_at": earlier, "last_published_at": published,
        "latest_revision_created_at": published,
    })  # fmt: skip
    states = {
        "en": {"live": True, "last_published_at": now, "latest_revision_created_at": now},
        "lo": {"live": False, "latest_revision_created_at": now},
        "th": {"live": True, "last_published_at": earlier, "latest_revision_created_at": earlier},
        "vi": {"live": True, "last_published_at": now, "latest_revision_created_at": now},
        "km": {"live": False, "latest_revision_created_at": now},
    }
    for code, chosen in wanted.items():
        pages[code] = add_pages(
            sections[code], institution, [(n, rows[n]) for n in chosen], states[code]
        )
    sync_into(pages["zh-hans"], pages["vi"], now)
    put_in_review(pages["km"])


def add_pages(section, institution, numbers_and_keys, fields):
    """Course pages under ``section``, written as rows: the tree's paths, the page, the course."""
    section = Page.objects.get(pk=section.pk)
    course_type = ContentType.objects.get_for_model(CoursePage)
    pages = []
    for offset, (n, key) in enumerate(numbers_and_keys, start=section.numchild + 1):
        slug = f"course-{n}"
        pages.append(
            Page(
                path=Page._get_path(section.path, section.depth + 1, offset),
                depth=section.depth + 1,
                numchild=0,
                title=f"课程 {n} ({section.locale.language_code})",
                draft_title=f"课程 {n}",
                slug=slug,
                content_type=course_type,
                locale_id=section.locale_id,
                translation_key=key,
                url_path=f"{section.url_path}{slug}/",
                has_unpublished_changes=False,
                **fields,
            )
        )
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=section.pk).update(numchild=section.numchild + len(pages))
    courses = [
        CoursePage(
            page_ptr_id=page.pk,
            external_id=f"BENCH-{page.translation_key.hex[:12]}",
            summary="A course of the board benchmark.",
            institution_id=institution.pk,
            licence="CC-BY-4.0",
            duration_hours=40,
            chinese_language_hours=0,
        )
        for page in pages
    ]
    if courses:
        CoursePage.objects._insert(courses, fields=CoursePage._meta.local_concrete_fields)
    return pages


def sync_into(originals, targets, when):
    """wagtail-localize's rows for translations synced from the originals: the translatable
    object, the extracted source, the translation and its log."""
    course_type = ContentType.objects.get_for_model(CoursePage)
    keys = {page.translation_key for page in targets}
    objects = TranslatableObject.objects.bulk_create(
        [TranslatableObject(translation_key=key, content_type=course_type) for key in keys]
    )
    zh, vi = Locale.get_default(), Locale.objects.get(language_code="vi")
    sources = TranslationSource.objects.bulk_create(
        [
            TranslationSource(
                object=obj,
                specific_content_type=course_type,
                locale=zh,
                object_repr="bench",
                content_json="{}",
                last_updated_at=when,
            )
            for obj in objects
        ]
    )
    Translation.objects.bulk_create(
        [Translation(source=source, target_locale=vi) for source in sources]
    )
    TranslationLog.objects.bulk_create(
        [TranslationLog(source=source, locale=vi) for source in sources]
    )


def put_in_review(pages):
    workflow, _created = Workflow.objects.get_or_create(name="Board bench review")
    page_type = ContentType.objects.get_for_model(Page)
    course_type = ContentType.objects.get_for_model(CoursePage)
    WorkflowState.objects.bulk_create(
        [
            WorkflowState(
                content_type=course_type,
                base_content_type=page_type,
                object_id=str(page.pk),
                workflow=workflow,
                status=WorkflowState.STATUS_IN_PROGRESS,
            )
            for page in pages
        ]
    )


if __name__ == "__main__":
    main()
