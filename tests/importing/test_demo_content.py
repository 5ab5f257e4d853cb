"""The demo content loader: what a visitor would see after `load_demo_content`, and that a
second run changes nothing."""

import io
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision

from credentials.issuers import may_issue
from credentials.models import IssuedCredential
from credentials.verification import verify
from demo import credentials as demo_credentials
from demo import data
from demo.loader import load_demo_content
from demo.texts import programme_languages
from filetext.models import DocumentText
from resources.editorial.deadlines import tasks_waiting_for
from resources.importing.plan import Action
from resources.models import (
    CertificationPage,
    Country,
    CoursePage,
    Institution,
    InstitutionEditorial,
    QualificationLevel,
    ResourceDocument,
    Sector,
    TeachingMaterialPage,
    VocationalStandardPage,
    WorkshopPage,
    resource_page_models,
)
from tests.helpers import soup, text_of

SCRIPTS = {
    "th": lambda ch: "\u0e00" <= ch <= "\u0e7f",
    "lo": lambda ch: "\u0e80" <= ch <= "\u0eff",
    "km": lambda ch: "\u1780" <= ch <= "\u17ff",
    "my": lambda ch: "\u1000" <= ch <= "\u109f",
    # Vietnamese is Latin script: look for its letters with diacritics (ư, ộ, ...).
    "vi": lambda ch: ord(ch) > 127 and unicodedata.name(ch, "").startswith("LATIN"),
}


@pytest.fixture(scope="module")
def first_load(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once for this module, in a transaction rolled back afterwards so that
    no other test module sees it: (media root, what the command printed)."""
    media_root = tmp_path_factory.mktemp("media")
    out = io.StringIO()
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root, DEBUG=True):
        with transaction.atomic():
            call_command("load_demo_content", verbosity=0, stdout=out)
            yield media_root, out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo(first_load):
    return first_load[0]


def live(model, lang):
    return model.objects.live().filter(locale__language_code=lang)


@pytest.mark.django_db
def test_alliance_taxonomies_exist_with_country_names_in_every_language(demo):
    assert Country.objects.filter(locale__language_code="zh-hans").count() == 6
    assert set(Country.objects.filter(code="LA").values_list("name", flat=True)) >= {
        "老挝",
        "Laos",
        "ລາວ",
    }
    for lang in ["zh-hans", "en", "th", "vi", "lo", "km", "my"]:
        assert Country.objects.filter(locale__language_code=lang).count() == 6
    assert Institution.objects.filter(locale__language_code="zh-hans").count() >= 10
    assert not Institution.objects.filter(logo__isnull=True).exists()
    assert Sector.objects.filter(locale__language_code="zh-hans").count() >= 10
    china = QualificationLevel.objects.filter(framework="CN-VSL", locale__language_code="en")
    thailand = QualificationLevel.objects.filter(framework="TH-TQF", locale__language_code="en")
    assert china.count() == 5 and not china.filter(aqrf_level__isnull=False).exists()
    assert thailand.count() == 8 and thailand.get(level=4).aqrf_level == 4


@pytest.mark.django_db
def test_six_live_workshops_per_language_with_lead_and_partners(demo):
    for lang in ["zh-hans", "en", "lo"]:
        workshops = live(WorkshopPage, lang)
        assert {w.country.code for w in workshops} == {"CN", "MM", "LA", "TH", "KH", "VN"}
        assert all(w.speciality and w.image_id and w.partners.exists() for w in workshops)
        assert all(w.country.locale.language_code == lang for w in workshops)


@pytest.mark.django_db
def test_sixty_balanced_resources_each_with_an_english_translation(demo):
    sources = []
    for model in resource_page_models():
        pages = list(live(model, "zh-hans"))
        assert len(pages) >= 12, model
        sources += pages
    assert len(sources) >= 60
    english_locale = Locale.objects.get(language_code="en")
    for page in sources:
        english = page.get_translation(english_locale)
        assert english.live and english.external_id == page.external_id
        assert english.title != page.title
        assert english.institution.locale.language_code == "en"
        assert page.summary and len(page.body) >= 2 and page.tags.exists()


@pytest.mark.parametrize("lang", ["th", "vi", "lo", "km", "my"])
@pytest.mark.django_db
def test_some_resources_are_translated_into_each_mekong_language(demo, lang):
    in_script = SCRIPTS[lang]
    pages = [p for model in resource_page_models() for p in live(model, lang)]
    assert 5 <= len(pages) <= 8
    for page in pages:
        assert any(in_script(ch) for ch in page.title), page.title
        assert any(in_script(ch) for ch in page.summary), page.summary
    home = Page.objects.get(depth=2, locale__language_code=lang)
    assert home.live and any(in_script(ch) for ch in home.title)


@pytest.mark.django_db
def test_resources_are_linked_within_their_language(demo):
    course = live(CoursePage, "en").get(external_id="YNMEC-COURSE-002")
    standard = course.standard_links.get().standard
    assert standard.locale_id == course.locale_id
    assert standard.external_id == "YNMEC-STD-002"
    assert {link.material.external_id for link in course.material_links.all()} == {
        "YNMEC-MAT-002",
        "LMVEA-MAT-001",  # every course teaches workplace Chinese
    }
    assert course.chinese_language_hours <= course.duration_hours
    assert course.modules[0].value["outcomes"]
    certification = live(CertificationPage, "lo").get(external_id="PKTC-CERT-001")
    assessed = certification.standard_links.get().standard
    assert assessed.locale_id == certification.locale_id
    assert certification.recognised_in.get().name == "ລາວ"
    assert live(VocationalStandardPage, "zh-hans").get(external_id="PKTC-STD-001").competencies


@pytest.mark.django_db
def test_teaching_materials_have_small_files_with_language_and_checksum(demo):
    for material in live(TeachingMaterialPage, "zh-hans"):
        documents = [link.document for link in material.files.all()]
        # Files sit in their institution's collection, where its editors may manage them.
        collection = InstitutionEditorial.for_institution(material.institution).collection
        assert 1 <= len(documents) <= 3
        for document in documents:
            assert document.language and len(document.checksum_sha256) == 64
            assert 0 < document.file_size < 100_000
            assert document.collection == collection
    pdf = ResourceDocument.objects.get(file__endswith="pktc-mat-001-en.pdf")
    assert pdf.content_type == "application/pdf" and pdf.language == "en"
    assert {d.language for d in ResourceDocument.objects.filter(file__contains="pktc-mat-001")} == {
        "en",
        "zh-hans",
        "lo",
    }


@pytest.mark.django_db
def test_the_words_inside_the_materials_files_are_read_and_found(demo, client):
    texts = DocumentText.objects.all()
    assert texts.count() == ResourceDocument.objects.count()
    assert set(texts.values_list("status", flat=True)) == {DocumentText.Status.DONE}

    # The exercise page of the demo's PDFs: words no resource page has.
    page = soup(client.get("/en/search/", {"q": "label the diagram"}))

    found = page.select(".result__found-in")
    assert found and all(", page 3" in text_of(where) for where in found)
    assert all(where.select("mark") for where in found)


def _snapshot(media_root):
    models = [Page, Revision, ResourceDocument, get_image_model(), Collection]
    models += [Country, Institution, Sector, QualificationLevel]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["files"] = sorted(str(p) for p in Path(media_root).rglob("*") if p.is_file())
    counts["latest revisions"] = list(
        Page.objects.order_by("pk").values_list("latest_revision_id", flat=True)
    )
    return counts


@pytest.mark.django_db
def test_running_again_changes_nothing(demo):
    before = _snapshot(demo)
    with override_settings(MEDIA_ROOT=demo, DEBUG=True):
        call_command("load_demo_content", stdout=io.StringIO())
    assert _snapshot(demo) == before


@pytest.mark.django_db
def test_the_demo_resources_are_an_import_every_row_created_then_unchanged(first_load):
    media_root, printed = first_load
    # Four resources per programme, in each of its languages.
    rows = 4 * sum(len(programme_languages(p)) for p in data.PROGRAMMES)
    assert f"resources imported from {rows} catalogue rows: {rows} created, 0 updated" in printed

    with override_settings(MEDIA_ROOT=media_root, DEBUG=True):
        _tally, report = load_demo_content()

    assert report.plan.total == rows and not report.plan.errors
    assert report.count(Action.UNCHANGED) == rows
    assert sum(report.outcome.counts.values()) == rows
    assert report.outcome.counts[Action.UNCHANGED] == rows


@pytest.mark.django_db
def test_site_points_at_the_chinese_home_page_and_the_placeholder_is_gone(demo):
    site = Page.objects.get(depth=2, locale__language_code="zh-hans").sites_rooted_here.get()
    assert (site.hostname, site.port, site.is_default_site) == ("localhost", 80, True)
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


@pytest.mark.django_db
def test_demo_accounts_one_per_role_and_passwords_never_reset(
    demo, monkeypatch, django_user_model, mailoutbox
):
    monkeypatch.setenv("DLM_DEMO_PASSWORD", "first-demo-password")
    out = io.StringIO()
    with override_settings(MEDIA_ROOT=demo, DEBUG=True):
        call_command("load_demo_content", "--create-users", stdout=out)
        monkeypatch.setenv("DLM_DEMO_PASSWORD", "second-demo-password")
        call_command("load_demo_content", "--create-users", stdout=io.StringIO())
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("first-demo-password")
    groups = {
        user.username: set(user.groups.values_list("name", flat=True))
        for user in django_user_model.objects.prefetch_related("groups")
    }
    assert "Alliance reviewers" in groups["secretariat"]
    assert "Translators (lo)" in groups["translator.lo"]
    assert any(name.startswith("Editors · ") for name in groups["pakpasak.editor"])
    assert any(name.startswith("Reviewers · ") for name in groups["pakpasak.reviewer"])
    # The demo reviewer has work waiting, one review already overdue (both runs: still two).
    waiting = tasks_waiting_for(django_user_model.objects.get(username="pakpasak.reviewer"))
    assert len(waiting) == 2 and [review.is_overdue for review in waiting] == [True, False]
    assert waiting[0].page.title in out.getvalue()
    assert not mailoutbox  # the quick start prints no e-mail: the dashboard tells the reviewer
    printed = out.getvalue()
    for username in (
        "admin",
        "secretariat",
        "pakpasak.editor",
        "pakpasak.reviewer",
        "translator.lo",
    ):
        assert username in printed


@pytest.mark.parametrize("prefix", ["zh-hans", "en", "lo"])
@pytest.mark.django_db
def test_home_page_is_served_in_each_language(demo, client, prefix):
    with override_settings(MEDIA_ROOT=demo):
        response = client.get(f"/{prefix}/", HTTP_HOST="localhost")
    assert response.status_code == 200


def test_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_content")


@pytest.mark.django_db
def test_demo_certificates_issued_once_one_revoked_and_the_demo_editor_may_issue(
    demo, monkeypatch, django_user_model, client
):
    monkeypatch.setenv("DLM_DEMO_PASSWORD", "demo-password")
    out = io.StringIO()
    with override_settings(MEDIA_ROOT=demo, DEBUG=True):
        call_command("load_demo_content", "--create-users", stdout=out)
        call_command("load_demo_content", "--create-users", stdout=io.StringIO())

    certificates = list(IssuedCredential.objects.order_by("issued_at"))
    assert len(certificates) == len(demo_credentials.LEARNERS) == 3  # the second run issued none
    revoked = [c for c in certificates if c.revoked]
    assert len(revoked) == 1 and revoked[0].revocation_reason
    assert verify(revoked[0].signed).verdict == "revoked"
    valid = [c for c in certificates if not c.revoked]
    assert all(verify(c.signed).verdict == "valid" for c in valid)
    assert {c.certification.institution.slug for c in certificates} == {
        "pakpasak-technical-college"
    }

    editor = django_user_model.objects.get(username="pakpasak.editor")
    assert may_issue(editor, certificates[0].issuer)

    # The quick start prints a certificate's link and the verification page's.
    printed = out.getvalue()
    link = next(line for line in printed.splitlines() if "/credentials/" in line).split()[-1]
    assert any(c.public_token in link for c in valid)
    assert "/en/verify/" in printed
    with override_settings(MEDIA_ROOT=demo):
        response = client.get(urlsplit(link).path, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert 'data-verdict="valid"' in response.content.decode()
