"""From upload to search, with real files and the real engine: an editor's Lao handbook (a text
layer) and a scanned Khmer worksheet (OCR) are read in the background, indexed by the
discovery worker, and a teacher's search finds the material by a word inside them, on the
page where it is."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from discovery import worker
from filetext import runner
from filetext.models import DocumentText
from resources.models.materials import MaterialFile
from tests import factories
from tests.filetext import samples
from tests.helpers import soup, text_of

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

# Page 4 of the handbook: "installing electrical systems in buildings".
LAO_PAGES = [[f"ບົດທີ {n}: ຄວາມປອດໄພ"] for n in range(1, 6)]
LAO_PAGES[3] = ["ການຕິດຕັ້ງລະບົບໄຟຟ້າໃນອາຄານ"]
KHMER_SCAN = [["សុវត្ថិភាពក្នុងការផ្សារដែក"]]  # "safety in welding"; the search asks for "welding"


def uploaded(path, title, language):
    return factories.ResourceDocumentFactory(
        title=title, language=language, file=ContentFile(path.read_bytes(), name=path.name)
    )


@pytest.fixture
def material(site_tree, tmp_path):
    handbook = uploaded(
        samples.text_pdf(tmp_path / "handbook-lo.pdf", LAO_PAGES, "lo", shaped=False),
        "ຄູ່ມືຊ່າງໄຟຟ້າ",
        "lo",
    )
    worksheet = uploaded(
        samples.scanned_pdf(tmp_path / "worksheet-km.pdf", KHMER_SCAN, "km"),
        "សន្លឹកកិច្ចការ",
        "km",
    )
    page = factories.TeachingMaterialPageFactory(parent=site_tree["section"], title="电工手册")
    for order, document in enumerate((handbook, worksheet)):
        MaterialFile.objects.create(material=page, document=document, sort_order=order)
    return factories.publish(page)


def search_page(client, q, lang):
    with translation.override(lang):
        url = reverse("discovery_search")
    return client.get(url, {"q": q})


def test_words_inside_uploaded_files_find_the_material_at_their_page(
    client, discovery_engine, material
):
    # The upload queued the text; nothing was read yet, so nothing is found.
    assert set(DocumentText.objects.values_list("status", flat=True)) == {"pending"}

    assert runner.process_pending() == 2
    texts = {t.document.language: t for t in DocumentText.objects.select_related("document")}
    assert texts["lo"].status == "done" and texts["lo"].segments == 5
    assert texts["km"].status == "done" and texts["km"].ocr_segments == 1
    worker.process_pending()
    discovery_engine.refresh()

    page = soup(search_page(client, "ລະບົບໄຟຟ້າ", "lo"))
    found = page.select_one(".result__found-in")
    assert found is not None, text_of(page.select_one("main"))
    assert "ຄູ່ມືຊ່າງໄຟຟ້າ" in text_of(found) and found.select("mark")
    assert any(a["href"].endswith("#page=4") for a in found.select("a[href]"))

    # The scanned Khmer page was read by OCR, and is found too.
    page = soup(search_page(client, "ផ្សារដែក", "km"))
    found = page.select_one(".result__found-in")
    assert found is not None, text_of(page.select_one("main"))
    assert any(a["href"].endswith("#page=1") for a in found.select("a[href]"))
