"""Two public journeys in a real browser, against the real OpenSearch:

- a teacher in Laos searches in Lao, opens a course, downloads one material's Lao file and then
  the whole course in Lao as one ZIP (both checked byte for byte);
- a learner picks two certifications in the comparison form and sees them side by side.

Screenshots: test-artifacts/test_teacher_finds_a_course_and_downloads_it_in_lao/ and
test-artifacts/test_learner_compares_two_certifications/.
"""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from demo import media
from resources.models import CourseMaterial
from tests import factories

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.engine]

LAO_COURSE = "ພື້ນຖານການຕິດຕັ້ງໄຟຟ້າ"
LAO_MATERIAL = "ປຶ້ມແບບຮຽນ ການຕິດຕັ້ງໄຟຟ້າ"


@pytest.fixture
def course_site(django_db_serialized_rollback, live_server, discovery_engine):
    tree = factories.build_site_tree()
    section = tree["section"]
    course = factories.published_resource(section, title="电气安装基础")
    material = factories.published_resource(
        section, factory=factories.TeachingMaterialPageFactory, title="电气安装教材"
    )
    files = {
        "zh-hans": media.material_pdf("Electrical installation (zh)", [], [], "zh"),
        "lo": media.material_pdf("Electrical installation (lo)", [], [], "lo"),
    }
    for language, data in files.items():
        factories.add_material_file(
            material,
            title=f"{LAO_MATERIAL} ({language})" if language == "lo" else "电气安装教材",
            language=language,
            file=ContentFile(data, name=f"installation-{language}.pdf"),
        )
    CourseMaterial.objects.create(course=course, material=material)
    factories.publish(course)
    factories.translate(course, "lo", title=LAO_COURSE, summary="ຫຼັກສູດສຳລັບຊ່າງໄຟຟ້າ")
    factories.translate(material, "lo", title=LAO_MATERIAL)
    discovery_engine.sync()
    return {"url": live_server.url, "files": files}


def test_teacher_finds_a_course_and_downloads_it_in_lao(page, screenshot, course_site):
    lao_pdf = course_site["files"]["lo"]

    page.goto(f"{course_site['url']}/lo/search/?q=ໄຟຟ້າ")
    results = page.locator(".discovery__results")
    expect(results).to_contain_text(LAO_COURSE)
    screenshot("search")
    results.get_by_role("link", name=LAO_COURSE).click()
    expect(page.locator("h1")).to_have_text(LAO_COURSE)
    screenshot("course")

    # The material, from the course's list, in Lao.
    page.locator("#related-materials").locator("..").get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text(LAO_MATERIAL)
    lao_row = page.locator(".files__table tbody tr").filter(has=page.locator('span[lang="lo"]'))
    expect(lao_row).to_have_count(1)
    screenshot("material")
    with page.expect_download() as download_info:
        lao_row.locator("a[href^='/documents/']").click()
    download = download_info.value
    assert Path(download.path()).read_bytes() == lao_pdf
    # Saved under the file's own (Lao) title, not a storage name.
    assert download.suggested_filename.startswith("ປຶ້ມແບບຮຽນ")
    assert download.suggested_filename.endswith(".pdf")

    # Then everything the course uses, in Lao, as one ZIP.
    page.go_back()
    expect(page.locator("h1")).to_have_text(LAO_COURSE)
    bundle_link = page.locator(".bundles__link[hreflang=lo]")
    expect(bundle_link).to_have_count(1)
    with page.expect_download() as bundle_info:
        bundle_link.click()
    bundle = bundle_info.value
    assert bundle.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(Path(bundle.path()).read_bytes())) as archive:
        assert archive.testzip() is None
        contents = [archive.read(name) for name in archive.namelist()]
    assert contents == [lao_pdf]  # the Lao file only, byte for byte
    screenshot("downloaded")


@pytest.fixture
def certification_site(django_db_serialized_rollback, live_server):
    factories.build_certification_catalogue()
    return live_server.url


def test_learner_compares_two_certifications(page, screenshot, certification_site):
    page.goto(f"{certification_site}/lo/compare/")
    screenshot("form")
    page.locator('input[name=items][value="LM-CERT-EV"]').check()
    page.locator('input[name=items][value="LM-CERT-WELD"]').check()
    page.locator(".compare-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"items=LM-CERT-EV&items=LM-CERT-WELD"))
    table = page.locator(".comparison__table")
    columns = table.locator("thead th[scope=col]")
    expect(columns.filter(has_text="ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ")).to_have_count(1)
    expect(columns.filter(has_text="Certified welder")).to_have_count(1)
    # AQRF levels 3 and 4, side by side in one row.
    aqrf_row = table.locator("tbody tr").filter(has_text="AQRF")
    expect(aqrf_row).to_contain_text("3")
    expect(aqrf_row).to_contain_text("4")
    screenshot("compared")

    # The address is the comparison: opened in Thai, it shows the same two.
    page.goto(page.url.replace("/lo/", "/th/"))
    expect(page.locator(".comparison__table thead")).to_contain_text("ใบรับรองช่างซ่อมรถยนต์ไฟฟ้า")
    expect(page.locator(".comparison__table thead")).to_contain_text("Certified welder")
