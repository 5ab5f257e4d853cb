"""What the tests share besides the factories: reading pages, admin form data, accounts,
the discovery index of a test and the text of its files, query strings that must never fail,
the project's paths, and the production settings run in a new interpreter."""

import contextlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import override_settings
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from credentials.issuers import issuer_for
from digital_lm.languages import LANGUAGE_CODES
from discovery.engine import get_engine
from discovery.mapping import FILE_PAGES, MAX_PAGE_MATCHES, file_text_field
from discovery.queue import enqueue
from discovery.results import DiscoveryResult, FacetValue, Hit
from discovery.worker import process_pending
from filetext.models import DocumentText, TextSegment
from resources.editorial import roles
from resources.models import InstitutionEditorial
from resources.models.base import resource_page_models

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def run_with_production_settings(code, *, without=(), **variables):
    """Run Python ``code`` in a new interpreter on the production settings with ``variables``
    set and the environment's ``without`` unset, as a server would start; its finished run."""
    environment = {key: value for key, value in os.environ.items() if key not in without}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "digital_lm.settings.production",
            "DJANGO_SECRET_KEY": "x" * 50,
            "DLM_CREDENTIAL_KEY_SECRET": "y" * 50,
            "DJANGO_ALLOWED_HOSTS": "repository.example.org",
            **variables,
        }
    )
    return subprocess.run(  # noqa: S603 — our own interpreter and settings
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def soup(response, status=200):
    """The parsed page of ``response``, which must have answered ``status``."""
    assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(element):
    """The text a visitor reads in ``element``, spaces collapsed."""
    return " ".join(element.get_text(" ", strip=True).split())


def course_form(institution, **overrides):
    """A complete course form; ``overrides`` replace any field."""
    data = {
        "title": "ລົດໄຟຟ້າ: ການບຳລຸງຮັກສາແບັດເຕີຣີ",
        "slug": "ev-battery-maintenance",
        "summary": "Battery maintenance for electric vehicles, taught in Lao and Chinese.",
        "body": streamfield([]),
        "modules": streamfield([]),
        "standard_links": inline_formset([]),
        "material_links": inline_formset([]),
        "external_id": "VTC-EV-100",
        "institution": institution.pk,
        "licence": "CC-BY-4.0",
        "delivery_mode": "workshop",
        "duration_hours": "80",
        "chinese_language_hours": "20",
        "tags": "ev, battery",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def make_user(username, *groups, language="en", email=None):
    """An active, non-superuser account in ``groups`` with its admin language chosen."""
    user = get_user_model().objects.create_user(
        username, email=email or f"{username}@example.org", password="pw"
    )
    user.groups.add(*groups)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def certificate_issuer(institution, username="issuer"):
    """An editor of ``institution`` who is also one of its certificate issuers."""
    return make_user(
        username, *role_groups("editor", institution), *role_groups("issuer", institution)
    )


def role_groups(role, institution=None):
    """The groups a user of ``role`` belongs to (institution roles: that institution's)."""
    if role == "issuer":
        return [issuer_for(institution).issuers]
    editorial = InstitutionEditorial.for_institution(institution)
    named = {
        "alliance": roles.ALLIANCE_REVIEWERS,
        "translator": roles.translators_group_name("lo"),
        "admin": roles.SITE_ADMINISTRATORS,
    }
    if role == "editor":
        return [editorial.editors]
    if role == "reviewer":
        return [editorial.reviewers]
    return [Group.objects.get(name=named[role])]


def edit_form(page, **overrides):
    """The edit form of an existing course as the editor would post it back."""
    fields = {"slug": page.slug, "external_id": page.external_id, "title": page.title}
    fields.update(overrides)
    return course_form(page.institution, **fields)


RESPONSE_KEYS = {"count", "page", "page_size", "num_pages", "results", "facets", "degraded"}


# Raw query strings a crawler, a fuzzer or a confused client may send. None may give a 500:
# each is answered 200 or, when a parameter is refused, 400.
NASTY_QUERY_STRINGS = [
    "q=%F0%9F%94%A7%F0%9F%9A%97%F0%9F%87%B1%F0%9F%87%A6",  # emoji, a flag
    "q=" + "a" * 10_000,
    "q=" + "%E0%BA%A5" * 3_000,  # 3,000 Lao letters
    "q=%22",  # a lone quote
    "q=%22welding",
    "q=%5C%22",  # \"
    "q=%5C",
    "q=*",
    "q=%3F",
    "q=*%3A*",
    "q=AND+OR+%28",
    "q=NOT",
    "q=%29%29%29%28%28",
    "q=title%3A%28weld*+OR+elec%3F%29%5E5~2+%2Fre.*x%2F",  # Lucene syntax
    "q=%7B%22query%22%3A%7B%22match_all%22%3A%7B%7D%7D%7D",  # a query body
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q=%25%27%3B+DROP+TABLE+wagtailcore_page%3B--",
    "q=%00",
    "q=weld%00ing",
    "tag=%00",
    "lang=%00",
    "sort=%00",
    "q=%FF%FE%FD",  # not UTF-8
    "q=%C3%28",
    "q=%E0%A4",  # cut-off sequence
    "lang=%FF",
    "tag=%FF",
    "q=%",
    "q=%%",
    "%%%",
    "&&&",
    "=",
    "q",
    "q=&q=",
    "==&&==",
    "q=a&q=b",  # arrays where a scalar is expected
    "q[]=a&q[]=b",
    "page=1&page=2",
    "page[]=2",
    "page[x]=1",
    "type[]=course",
    "sort[$ne]=x",
    "q=%E2%80%AE%E2%80%8B%EF%BB%BF",  # right-to-left override, zero width space, BOM
    "q=%CC%81%CC%81%CC%81",  # combining marks alone
    "q=" + "%F0%9D%95%8F" * 50,  # outside the Basic Multilingual Plane
    "q=%D8%A7%D9%84%D8%B9%D8%B1%D8%A8%D9%8A%D8%A9",  # right-to-left script
    "q=+++",
    "q=%09%0A%0D",
    "page=1e3",
    "page=%EF%BC%92",  # a full-width digit
    "page=99999999999999999999999999",
    "page=NaN",
    "page=-0",
    "page_size=Infinity",
    "page=0x10",
    "country=la,LA,,",
    "type=course,,,standard,",
    "tag=,,,",
    "language=zh-hans,en,th,vi,lo,km,my",
    "tag=" + ",".join(f"t{n}" for n in range(25)),
]


def short_id(text):
    return text[:40]


def canned_result(query, count=45, degraded=False, facets=None, shown=1):
    """What a service might answer, for tests of this layer alone (no engine involved): one
    result shown (``shown=0``: none, as for a page past the last) of ``count``."""
    hit = Hit(
        external_id="LM-CRS-EV-1",
        title="Electric vehicle maintenance",
        summary="Batteries & motors <safely>.",
        url="/en/resources/vientiane-tc/electric-vehicle-maintenance/",
        type="course",
        language="en",
        available_languages=["zh-hans", "en", "lo"],
        highlight={
            "title": ["<mark>Electric</mark> vehicle maintenance"],
            "body": ["the <mark>electric</mark> drive &amp; its battery"],
        },
        institution="Vientiane Technical College",
        country="LA",
        translation_key="00000000-0000-0000-0000-000000000001",
    )
    if facets is None:
        selected = query.selected
        facets = {
            "type": [
                FacetValue("course", "Course", 30, "course" in selected("type")),
                FacetValue("standard", "Vocational standard", 15, "standard" in selected("type")),
            ],
            "country": [FacetValue("LA", "Laos", 45, "LA" in selected("country"))],
            "language": [
                FacetValue("en", "English", 40, "en" in selected("language")),
                FacetValue("lo", "ລາວ", 12, "lo" in selected("language")),
            ],
        }
    return DiscoveryResult(
        query=query,
        count=count,
        results=[hit] if count and shown else [],
        facets=facets,
        degraded=degraded,
    )


IN_CI = bool(os.environ.get("CI"))


class DiscoveryTestIndex:
    """The discovery index of one test, in a real engine, under its own alias."""

    def __init__(self, engine_name):
        self.engine_name = engine_name

    @property
    def engine(self):
        return get_engine()

    @property
    def alias(self):
        return settings.DISCOVERY_INDEX

    def sync(self):
        """Queue every resource and let the queue write them, then make them searchable."""
        keys = set()
        for model in resource_page_models():
            keys.update(model.objects.values_list("translation_key", flat=True))
        enqueue(keys)
        written = process_pending()
        self.refresh()
        return written

    def refresh(self):
        self.engine.refresh(self.alias)

    def documents(self):
        """{document id: source} of everything in the index."""
        self.refresh()
        response = self.engine.search(self.alias, {"size": 1000, "query": {"match_all": {}}})
        return {hit["_id"]: hit["_source"] for hit in response["hits"]["hits"]}

    def file_pages(self):
        """{file document id: [(number, label, text)]} of every file's pages in the index (the
        text is stored per page, not in the file document's source)."""
        self.refresh()
        stored = [file_text_field(code) for code in LANGUAGE_CODES]
        pages = {
            "nested": {
                "path": FILE_PAGES,
                "query": {"match_all": {}},
                "inner_hits": {
                    "size": MAX_PAGE_MATCHES,
                    "_source": [f"{FILE_PAGES}.number", f"{FILE_PAGES}.label"],
                    "stored_fields": stored,
                },
            }
        }
        body = {"size": 1000, "_source": ["kind"], "query": pages}
        found = {}
        for hit in self.engine.search(self.alias, body)["hits"]["hits"]:
            found[hit["_id"]] = [
                (
                    page["_source"]["number"],
                    page["_source"].get("label", ""),
                    "".join(text for values in page.get("fields", {}).values() for text in values),
                )
                for page in hit["inner_hits"][FILE_PAGES]["hits"]["hits"]
            ]
        return found


def give_file_text(document, pages, content_type=None):
    """The finished text of ``document``'s file, as the extraction leaves it: ``pages`` is
    {number: text} or {number: (label, text)}."""
    if content_type is not None:
        type(document).objects.filter(pk=document.pk).update(content_type=content_type)
        document.content_type = content_type
    text, _created = DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "checksum_sha256": document.checksum_sha256,
            "status": DocumentText.Status.DONE,
            "segments": len(pages),
        },
    )
    text.text_segments.all().delete()
    TextSegment.objects.bulk_create(
        TextSegment(
            document_text=text,
            number=number,
            label=value[0] if isinstance(value, tuple) else "",
            text=value[1] if isinstance(value, tuple) else value,
        )
        for number, value in pages.items()
    )
    return text


def use_discovery_engine(settings, name, url):
    settings.DISCOVERY_ENGINE = name
    settings.DISCOVERY_URL = url
    settings.DISCOVERY_INDEX = f"dlm-test-{uuid.uuid4().hex[:10]}"
    return settings.DISCOVERY_INDEX


def drop_indices(prefix):
    """Drop a test's indices, on the engine it started with (a test may point elsewhere)."""
    engine = get_engine()
    # By name: Elasticsearch refuses wildcard deletes.
    for name in engine.indices_matching(f"{prefix}*"):
        engine.delete_index(name)


@contextlib.contextmanager
def discovery_settings(request, engine_name):
    """The discovery index on ``engine_name`` for a whole module (module-scoped fixtures)."""
    url = request.getfixturevalue(f"{engine_name}_url")
    prefix = f"dlm-test-{uuid.uuid4().hex[:10]}"
    with override_settings(DISCOVERY_ENGINE=engine_name, DISCOVERY_URL=url, DISCOVERY_INDEX=prefix):
        try:
            yield DiscoveryTestIndex(engine_name)
        finally:
            drop_indices(prefix)


ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def database_url(name=None):
    """The test database (or database ``name`` on its server) as a DATABASE_URL, for the
    processes a test starts."""
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{name or db['NAME']}"
