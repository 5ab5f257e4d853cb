"""What publishing imported pages does besides writing them, done once per page at the end of
the import: Wagtail's search finds them, a material's files list it as a user, harvesters get
their OAI-PMH records and the discovery index is told. Afterwards every save does it again."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry, ReferenceIndex
from wagtail.search.models import IndexEntry

from discovery.models import PendingIndexUpdate
from interop.models import OaiRecord
from resources.models import CoursePage, TeachingMaterialPage
from tests import factories

pytestmark = pytest.mark.django_db

ROWS = [
    "external_id,type,language,translation_of,title,summary,institution,kind,files",
    "VTC-WELD-101,course,zh-hans,,焊接基础,面向万象学员的焊接入门课程。,vientiane-tc,,",
    "VTC-WELD-101,course,lo,VTC-WELD-101,ພື້ນຖານການເຊື່ອມ,ຫຼັກສູດເບື້ອງຕົ້ນກ່ຽວກັບການເຊື່ອມ.,,,",
    "VTC-WELD-MAT,material,zh-hans,,焊接课件,课程使用的课件。,vientiane-tc,slides,{document}",
]


@pytest.fixture
def catalogue(tmp_path, site_tree, settings, opensearch_url):
    settings.DISCOVERY_ENGINE, settings.DISCOVERY_URL = "opensearch", opensearch_url
    document = factories.ResourceDocumentFactory(language="zh-hans", title="焊接课件.pdf")
    path = tmp_path / "catalogue.csv"
    path.write_text("\n".join(ROWS).format(document=document.pk) + "\n", encoding="utf-8")
    return path, document


def test_published_imports_are_searchable_referenced_harvestable_and_queued(catalogue):
    path, document = catalogue
    call_command("import_resources", str(path), "--publish", stdout=io.StringIO())

    zh = CoursePage.objects.get(external_id="VTC-WELD-101", locale__language_code="zh-hans")
    lo = CoursePage.objects.get(external_id="VTC-WELD-101", locale__language_code="lo")
    material = TeachingMaterialPage.objects.get(external_id="VTC-WELD-MAT")
    # Wagtail's own search (the admin's page search) finds each page, indexed once.
    assert list(CoursePage.objects.live().search("焊接基础")) == [zh]
    assert list(CoursePage.objects.live().search("ພື້ນຖານການເຊື່ອມ")) == [lo]
    for page in (zh, lo, material):
        assert IndexEntry.objects.filter(object_id=str(page.pk)).count() == 1
    # The document's usage lists the material that links it.
    users = ReferenceIndex.get_references_to(document).values_list("object_id", flat=True)
    assert str(material.pk) in set(users)
    # Harvesters see a record per translation; the discovery index is told of each resource.
    assert set(OaiRecord.objects.values_list("external_id", "language", "deleted")) == {
        ("VTC-WELD-101", "zh-hans", False),
        ("VTC-WELD-101", "lo", False),
        ("VTC-WELD-MAT", "zh-hans", False),
    }
    assert set(PendingIndexUpdate.objects.values_list("translation_key", flat=True)) == {
        zh.translation_key,
        material.translation_key,
    }


def test_after_an_import_each_save_keeps_the_indices_up_to_date_again(catalogue, site_tree):
    path, _document = catalogue
    call_command("import_resources", str(path), "--publish", stdout=io.StringIO())

    later = factories.published_resource(site_tree["section"], title="Bricklaying")

    assert list(CoursePage.objects.live().search("Bricklaying")) == [later]
    assert OaiRecord.objects.filter(page_id=later.pk, deleted=False).exists()


def test_an_imported_page_has_one_live_revision_and_the_history_an_editor_would_leave(
    catalogue, admin_client
):
    path, _document = catalogue
    call_command("import_resources", str(path), "--publish", stdout=io.StringIO())

    lo = CoursePage.objects.get(external_id="VTC-WELD-101", locale__language_code="lo")
    assert lo.live and not lo.has_unpublished_changes
    assert lo.revisions.count() == 1 and lo.live_revision_id == lo.latest_revision_id
    assert lo.live_revision.as_object().title == "ພື້ນຖານການເຊື່ອມ"
    assert history(lo) == ["wagtail.create", "wagtail.publish"]
    # The translation was made where it belongs: the institution's section in Lao.
    zh = CoursePage.objects.get(external_id="VTC-WELD-101", locale__language_code="zh-hans")
    section = lo.get_parent().specific
    assert section.locale_id == lo.locale_id
    assert section.translation_key == zh.get_parent().translation_key

    renamed = path.read_text(encoding="utf-8").replace("ພື້ນຖານການເຊື່ອມ", "ການເຊື່ອມໄຟຟ້າ")
    path.write_text(renamed, encoding="utf-8")
    call_command("import_resources", str(path), "--publish", stdout=io.StringIO())

    lo.refresh_from_db()
    assert lo.title == "ການເຊື່ອມໄຟຟ້າ" and lo.revisions.count() == 2
    assert lo.live_revision_id == lo.latest_revision_id and not lo.has_unpublished_changes
    assert history(lo)[2:] == ["wagtail.edit", "wagtail.rename", "wagtail.publish"]
    page = admin_client.get(f"/admin/pages/{lo.pk}/history/")
    assert page.status_code == 200
    assert "ການເຊື່ອມໄຟຟ້າ" in page.content.decode()


def history(page):
    entries = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    return list(entries.values_list("action", flat=True))


def test_an_imported_pages_revision_holds_its_files_tags_and_sectors_as_stored(catalogue, tmp_path):
    """What an editor gets back by reverting to the revision, or sees comparing revisions."""
    _path, document = catalogue
    path = tmp_path / "tagged.csv"
    path.write_text(
        "external_id,type,language,translation_of,title,summary,institution,kind,files,tags,"
        "sector\n"
        f"VTC-TAG-MAT,material,zh-hans,,焊接课件,课程使用的课件。,vientiane-tc,slides,"
        f'{document.pk},"焊接,安全",\n'
        "VTC-TAG-MAT,material,lo,VTC-TAG-MAT,ສື່ການສອນ,ສື່ການສອນຂອງຫຼັກສູດ.,,,,,\n",
        encoding="utf-8",
    )
    call_command("import_resources", str(path), "--publish", stdout=io.StringIO())

    for language in ("zh-hans", "lo"):
        page = TeachingMaterialPage.objects.get(
            external_id="VTC-TAG-MAT", locale__language_code=language
        )
        stored = page.live_revision.as_object()
        assert sorted(t.name for t in page.tags.all()) == ["安全", "焊接"]
        assert sorted(t.name for t in stored.tags.all()) == ["安全", "焊接"]
        files = [(f.pk, f.document_id) for f in page.files.all()]
        assert files and [(f.pk, f.document_id) for f in stored.files.all()] == files
        assert [s.pk for s in stored.sectors.all()] == [s.pk for s in page.sectors.all()]


def test_a_reimported_pages_new_revision_holds_its_tags_as_the_row_leaves_them(catalogue, tmp_path):
    """Only the summary changed, or the tags emptied: the new revision (what reverting to it
    brings back) says what the page holds."""
    path = tmp_path / "tags.csv"
    header = "external_id,type,language,title,summary,institution,tags\n"
    row = 'VTC-TAGS-101,course,zh-hans,焊接基础,{summary},vientiane-tc,"{tags}"\n'

    def run(summary, tags):
        path.write_text(header + row.format(summary=summary, tags=tags), encoding="utf-8")
        call_command("import_resources", str(path), "--publish", stdout=io.StringIO())
        page = CoursePage.objects.get(external_id="VTC-TAGS-101")
        return page, page.live_revision.as_object()

    page, stored = run("焊接入门课程。", "焊接,安全")
    assert sorted(t.name for t in stored.tags.all()) == ["安全", "焊接"]

    page, stored = run("面向学员的焊接入门课程。", "焊接,安全")
    assert stored.summary == "面向学员的焊接入门课程。" and page.revisions.count() == 2
    assert sorted(t.name for t in stored.tags.all()) == ["安全", "焊接"]

    page, stored = run("面向学员的焊接入门课程。", "")
    assert page.revisions.count() == 3 and list(page.tags.all()) == []
    assert list(stored.tags.all()) == []
