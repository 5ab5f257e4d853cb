"""Share previews and QR codes: a link pasted in WeChat, LINE, Zalo, Messenger or Telegram is
previewed in the page's language with a 1200×630 picture, and a printed QR code opens the
resource's permanent link. Private and unpublished resources are never described, drawn or
encoded."""

import io
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from django.core.files.storage import default_storage
from PIL import Image, ImageChops, ImageDraw
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from resources import share_images
from tests import factories
from tests.helpers import soup

pytestmark = pytest.mark.django_db

LAO_TITLE = "ການສ້ອມແປງລົດໄຟຟ້າ"
KHMER_TITLE = "ការជួសជុលរថយន្តអគ្គិសនី"
MYANMAR_TITLE = "လျှပ်စစ်ကား ပြုပြင်ထိန်းသိမ်းခြင်း"
CHINESE_TITLE = "新能源汽车维修"


@pytest.fixture
def course(site_tree):
    course = factories.published_resource(
        site_tree["section"],
        title=CHINESE_TITLE,
        summary="电动汽车电池与电机维修。",
        external_id="LM-CRS-EV-1",
        translations={
            "lo": {"title": LAO_TITLE, "summary": "ແບັດເຕີຣີ ແລະ ມໍເຕີ " * 40},
            "km": {"title": KHMER_TITLE, "summary": "ថ្ម និង ម៉ូទ័រ"},
            "th": {"title": "การซ่อมรถยนต์ไฟฟ้า (ส่วนตัว)", "summary": "ส่วนตัว"},
        },
    )
    factories.make_private(page_in(course, "th"))
    return course


def page_in(page, code):
    return page.get_translation(factories.Locale.objects.get(language_code=code))


def tags_of(response):
    """{property or name: [content, ...]} of the page's meta tags."""
    tags = {}
    for meta in soup(response).find_all("meta"):
        key = meta.get("property") or meta.get("name")
        if key:
            tags.setdefault(key, []).append(meta.get("content"))
    return tags


def picture(response):
    assert response.status_code == 200, response.status_code
    return Image.open(io.BytesIO(b"".join(response)))


def glyph(face, char):
    """The pixels of one character drawn alone."""
    image = Image.new("L", (160, 160))
    ImageDraw.Draw(image).text((20, 20), char, font=face, fill=255)
    return image.tobytes()


def get_path(client, url, **extra):
    """GET an absolute URL of the site by its path."""
    return client.get(url.split("testserver", 1)[1], **extra)


def test_a_lao_and_a_khmer_resource_are_previewed_in_their_language(client, course):
    lao = tags_of(client.get(page_in(course, "lo").url))
    khmer = tags_of(client.get(page_in(course, "km").url))

    assert lao["og:title"] == [LAO_TITLE] and lao["twitter:title"] == [LAO_TITLE]
    assert lao["og:locale"] == ["lo_LA"] and khmer["og:locale"] == ["km_KH"]
    assert khmer["og:title"] == [KHMER_TITLE]
    assert lao["og:site_name"] == ["ລ້ານຊ້າງ-ແມ່ຂອງ ດິຈິຕອນ"]
    assert lao["og:type"] == ["article"]
    assert lao["twitter:card"] == ["summary_large_image"]
    # A long summary is cut to a preview's length, in Lao, with an ellipsis.
    (description,) = lao["og:description"]
    assert description.startswith("ແບັດເຕີຣີ") and description.endswith("…")
    assert len(description) <= 200
    assert khmer["og:description"] == ["ថ្ម និង ម៉ូទ័រ"]


def test_every_address_is_absolute_and_https_behind_https(client, course):
    tags = tags_of(client.get(page_in(course, "lo").url, secure=True))

    for key in ("og:url", "og:image", "twitter:image"):
        assert tags[key][0].startswith("https://testserver/"), key
    assert tags["og:url"] == [f"https://testserver{page_in(course, 'lo').url}"]
    assert tags["og:image"] == ["https://testserver/r/LM-CRS-EV-1/lo/share-image"]
    assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["630"]
    assert tags["og:image:alt"][0].endswith(LAO_TITLE)


def test_alternate_locales_name_only_public_translations(client, course, site_tree):
    draft = factories.translate(course, "my", title="မူကြမ်း")
    draft.unpublish()

    tags = tags_of(client.get(page_in(course, "lo").url))

    # Chinese and Khmer are public; Thai is private, Burmese a draft.
    assert tags["og:locale:alternate"] == ["zh_CN", "km_KH"]


def test_a_home_page_is_previewed_with_its_own_picture(client, site_tree):
    home = page_in(site_tree["home"], "lo")
    home.hero_image = ImageFactory(file=get_test_image_file(size=(640, 480)))
    home.tagline = "ສູນຊັບພະຍາກອນ"
    factories.publish(home)

    tags = tags_of(client.get(home.url))
    image = get_path(client, tags["og:image"][0])

    assert tags["og:locale"] == ["lo_LA"] and tags["og:type"] == ["website"]
    assert tags["og:description"] == ["ສູນຊັບພະຍາກອນ"]
    assert image["Content-Type"] == "image/jpeg" == tags["og:image:type"][0]
    assert picture(image).format == "JPEG" and picture(image).size == (1200, 630)


def test_the_search_page_is_previewed_in_the_visitors_language(client, site_tree):
    tags = tags_of(client.get("/km/search/"))

    assert tags["og:locale"] == ["km_KH"]
    assert "zh_CN" in tags["og:locale:alternate"] and "km_KH" not in tags["og:locale:alternate"]
    assert tags["og:url"] == ["http://testserver/km/search/"]
    assert picture(get_path(client, tags["og:image"][0])).size == (1200, 630)


def test_a_resource_card_is_a_1200_by_630_png_cached_for_a_day(client, course):
    response = client.get("/r/LM-CRS-EV-1/lo/share-image")
    again = client.get("/r/LM-CRS-EV-1/lo/share-image", HTTP_IF_NONE_MATCH=response["ETag"])

    image = picture(response)
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    assert len(response.content) < 5 * 1024 * 1024
    assert again.status_code == 304
    assert default_storage.listdir("share-images")[1]  # drawn once, kept


def test_an_edited_title_draws_a_new_card(client, course):
    lao = page_in(course, "lo")
    before = client.get("/r/LM-CRS-EV-1/lo/share-image")
    lao.title = "ລົດໄຟຟ້າ"
    factories.publish(lao)
    after = client.get("/r/LM-CRS-EV-1/lo/share-image")

    assert before["ETag"] != after["ETag"]
    assert ImageChops.difference(picture(before), picture(after)).getbbox() is not None


def test_each_resource_type_has_its_own_card(client, site_tree):
    cards = {}
    for number, kind in enumerate(
        (
            factories.CoursePageFactory,
            factories.VocationalStandardPageFactory,
            factories.TeachingMaterialPageFactory,
            factories.CertificationPageFactory,
        )
    ):
        page = factories.published_resource(
            site_tree["section"], kind, title="同一个标题", external_id=f"LM-KIND-{number}"
        )
        cards[kind] = picture(client.get(f"/r/{page.external_id}/zh-hans/share-image"))

    stripes = {image.convert("RGB").getpixel((8, 300)) for image in cards.values()}
    assert len(stripes) == 4


@pytest.mark.parametrize(
    "language, title",
    [("lo", LAO_TITLE), ("km", KHMER_TITLE), ("my", MYANMAR_TITLE), ("zh-hans", CHINESE_TITLE)],
)
def test_titles_are_drawn_in_their_script_not_as_empty_boxes(language, title):
    blank = share_images.draw(share_images.Card(language, ""), default_storage)
    card = share_images.draw(share_images.Card(language, title), default_storage)

    ink = ImageChops.difference(Image.open(io.BytesIO(blank)), Image.open(io.BytesIO(card)))
    assert ink.getbbox() is not None
    checked = 0
    for family, part in share_images.runs(title):
        face = share_images.font(family, 60, bold=True)
        missing = glyph(face, "\ue000")  # a private-use character: the empty box
        letters = [char for char in part if char.isalpha()]
        assert all(glyph(face, char) != missing for char in letters), family
        checked += len(letters)
    assert checked >= 5


def test_a_title_of_ten_thousand_characters_is_drawn_in_bounds(client, site_tree):
    page = factories.published_resource(
        site_tree["section"], title="ກ" * 255, summary="ຂ" * 600, external_id="LM-LONG"
    )
    card = share_images.Card("lo", "ການສ້ອມແປງ" * 1000, kind="course")

    image = Image.open(io.BytesIO(share_images.draw(card, default_storage)))
    response = client.get(f"/r/{page.external_id}/zh-hans/share-image")

    assert image.size == (1200, 630)
    assert picture(response).size == (1200, 630)
    assert len(share_images.fit_title(card.title, "lo")[1]) <= share_images.MAX_LINES


def test_the_qr_code_decodes_to_the_permanent_link(client, course):
    png = client.get("/r/LM-CRS-EV-1/lo/qr.png")
    svg = client.get("/r/LM-CRS-EV-1/lo/qr.svg")

    (code,) = zxingcpp.read_barcodes(picture(png))
    assert code.text == "http://testserver/r/LM-CRS-EV-1/lo"
    assert code.ec_level == "Q"
    assert svg["Content-Type"] == "image/svg+xml"
    document = ET.fromstring(svg.content)  # noqa: S314 — the site's own answer
    title = document.find("{http://www.w3.org/2000/svg}title")
    assert LAO_TITLE in title.text
    assert "public" in png["Cache-Control"]


def test_the_resource_page_shows_its_qr_code_near_the_citation(client, course):
    response = client.get(page_in(course, "lo").url)

    figure = soup(response).select_one(".cite + .share-qr")
    image = figure.find("img")
    links = [a["href"] for a in figure.find_all("a")]
    assert image["src"] == "/r/LM-CRS-EV-1/lo/qr.svg" and LAO_TITLE in image["alt"]
    assert links == ["/r/LM-CRS-EV-1/lo/qr.svg", "/r/LM-CRS-EV-1/lo/qr.png"]
    # Served by the site itself: the page's Content-Security-Policy lets it load.
    assert "img-src 'self'" in response["Content-Security-Policy"]


def test_private_and_unpublished_resources_have_no_preview_picture_or_code(
    client, course, site_tree, django_user_model
):
    draft = factories.CoursePageFactory(
        parent=site_tree["section"], title="草稿", external_id="LM-DRAFT"
    )
    draft.unpublish()
    private_page = page_in(course, "th")
    for url in (
        "/r/LM-CRS-EV-1/th/qr.svg",
        "/r/LM-CRS-EV-1/th/qr.png",
        "/r/LM-CRS-EV-1/th/share-image",
        "/r/LM-DRAFT/zh-hans/qr.png",
        "/r/LM-DRAFT/zh-hans/share-image",
        "/r/NO-SUCH-ID/lo/qr.svg",
        f"/pages/{private_page.pk}/share-image",
        f"/pages/{draft.pk}/share-image",
    ):
        assert client.get(url).status_code == 404, url
    # A signed-in reader sees the private page, but it carries no preview and no code.
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    response = client.get(private_page.url)
    tags = tags_of(response)
    assert not [key for key in tags if key.startswith(("og:", "twitter:"))]
    assert soup(response).select_one(".share-qr") is None
