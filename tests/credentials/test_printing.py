"""The printable certificate: one A4 landscape page in the certificate's language, its names
drawn in their own script's Noto font (shaped, never boxes), its QR code leading to the page."""

import io
import logging
import re
import unicodedata
from datetime import date

import pypdfium2
import pytest
import zxingcpp
from django.urls import reverse
from django.utils import translation
from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from credentials import printing
from credentials.issuing import Learner, issue, withdraw_page
from credentials.views import page_url
from digital_lm import fonts
from tests.factories import translate

pytestmark = pytest.mark.django_db

# The catalogue's certification is Chinese, translated into Lao and Thai; the others are added.
TITLES = {
    "zh-hans": "新能源汽车维修技能证书",
    "lo": "ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ",
    "th": "ใบรับรองช่างซ่อมรถยนต์ไฟฟ้า",
    "km": "វិញ្ញាបនបត្រជួសជុលរថយន្តអគ្គិសនី",
    "my": "လျှပ်စစ်ကား ပြုပြင်ထိန်းသိမ်းမှု လက်မှတ်",
    "vi": "Chứng chỉ sửa chữa ô tô điện",
    "en": "Electric vehicle repair certificate",
}
LEARNERS = {
    "zh-hans": "王小明",
    "lo": "ສົມພອນ ວົງສາ",
    "th": "สมศักดิ์ ใจดี",
    "km": "សុខ ចាន់ស្រីនិច",
    "my": "အောင်ကျော်မြင့်",
    "vi": "Nguyễn Thị Hương",
    "en": "Somphone Vongsa",
}
# The Noto face each language's text is drawn with (its PostScript name).
NOTO = {
    "zh-hans": "NotoSansCJKSC",
    "lo": "NotoSansLao",
    "th": "NotoSansThai",
    "km": "NotoSansKhmer",
    "my": "NotoSansMyanmar",
    "vi": "NotoSans",
    "en": "NotoSans",
}
FAMILY = {"vi": "latin", "en": "latin"}
SUBSET_NAME = re.compile(r"^[A-Z]{6}\+")


def issue_in(catalogue, user, language, result="Distinction"):
    certification = catalogue["ev_certification"]
    if language not in ("zh-hans", "lo", "th"):
        translate(certification, language, title=TITLES[language])
    learner = Learner(
        name=LEARNERS[language],
        achieved_on=date(2026, 3, 2),
        language=language,
        identifier="learner@example.org",
        result=result,
    )
    return issue(certification, learner, user)


def squeezed(text):
    """Text without white space and control characters: PDF text extraction adds spaces between
    shaped runs, and gives the code of a glyph that stands for no letter of its own (a Khmer
    subscript consonant, a Myanmar medial) as a control character."""
    text = unicodedata.normalize("NFC", text)
    return "".join(
        char for char in text if not char.isspace() and unicodedata.category(char) != "Cc"
    )


def embedded_fonts(reader):
    """{font name: embedded font file bytes} of the first page."""
    found = {}
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
        found[str(font["/BaseFont"]).lstrip("/")] = stream.get_object().get_data()
    return found


def glyph_count(data):
    """Glyphs in an embedded font file: TrueType (FontFile2) or bare CFF (FontFile3)."""
    if data[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
        return TTFont(io.BytesIO(data))["maxp"].numGlyphs
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    return len(cff[cff.fontNames[0]].CharStrings)


def qr_codes(pdf_bytes):
    page = pypdfium2.PdfDocument(pdf_bytes)[0]
    image = page.render(scale=150 / 72).to_pil()
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("language", list(TITLES))
def test_certificate_prints_the_learner_and_certification_in_its_language(
    catalogue, issuer_user, language, caplog
):
    credential = issue_in(catalogue, issuer_user, language)
    url = page_url(credential, "en")
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        pdf = printing.certificate_pdf(credential, "en", url)

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    text = squeezed(reader.pages[0].extract_text())
    assert squeezed(LEARNERS[language]) in text
    assert squeezed(TITLES[language]) in text
    assert credential.signed["id"] in text

    # Drawn with the script's Noto face, embedded as a subset, and it has every letter.
    embedded = embedded_fonts(reader)
    names = {SUBSET_NAME.sub("", name) for name in embedded}
    assert NOTO[language] in names
    assert all(SUBSET_NAME.match(name) for name in embedded)
    path, index = fonts.system_font(FAMILY.get(language, language))
    installed = TTFont(path, fontNumber=index, lazy=True)
    for name, data in embedded.items():
        if SUBSET_NAME.sub("", name) == NOTO[language]:
            assert len(data) < 200_000
            assert glyph_count(data) < installed["maxp"].numGlyphs / 2
    assert not [r for r in caplog.records if "missing the following glyphs" in r.getMessage()]
    cmap = installed.getBestCmap()
    for char in LEARNERS[language] + TITLES[language]:
        assert char.isspace() or ord(char) in cmap, f"{char!r} would print as a box"

    assert qr_codes(pdf) == [url]
    assert len(pdf) < 300_000


def test_it_is_printed_in_the_certificate_language_not_the_visitors(catalogue, issuer_user):
    credential = issue_in(catalogue, issuer_user, "lo", result="")
    pdf = printing.certificate_pdf(credential, "th", page_url(credential, "th"))
    text = squeezed(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert squeezed(TITLES["lo"]) in text
    assert squeezed(TITLES["th"]) not in text
    assert squeezed("2 ມີນາ 2026") in text  # achieved on, in Lao words
    assert squeezed("2 ມີນາ 2029") in text  # valid until: three years
    assert "Distinction" not in text
    assert "/lo/verify/" in text


def test_a_missing_font_prints_with_the_others(catalogue, issuer_user, monkeypatch):
    credential = issue_in(catalogue, issuer_user, "lo")
    url = page_url(credential, "lo")
    real = fonts.system_font

    def without_lao(family, bold=False):
        return None if family == "lo" else real(family, bold)

    monkeypatch.setattr(printing, "system_font", without_lao)
    pdf = printing.certificate_pdf(credential, "lo", url)
    reader = PdfReader(io.BytesIO(pdf))
    names = {SUBSET_NAME.sub("", name) for name in embedded_fonts(reader)}
    assert "NotoSansLao" not in names and "NotoSans" in names
    assert credential.signed["id"] in squeezed(reader.pages[0].extract_text())
    assert qr_codes(pdf) == [url]

    # No font installed at all: Helvetica, with the Latin text and the QR code.
    monkeypatch.setattr(printing, "system_font", real)
    monkeypatch.setattr(fonts, "SYSTEM_FONT_DIRS", ("/nonexistent",))
    pdf = printing.certificate_pdf(credential, "lo", url)
    reader = PdfReader(io.BytesIO(pdf))
    assert credential.signed["id"] in squeezed(reader.pages[0].extract_text())
    assert qr_codes(pdf) == [url]


def test_the_pdf_is_served_privately_until_the_page_is_withdrawn(client, catalogue, issuer_user):
    credential = issue_in(catalogue, issuer_user, "th")
    with translation.override("en"):
        address = reverse("credential_pdf", args=[credential.public_token])

    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = squeezed(PdfReader(io.BytesIO(response.content)).pages[0].extract_text())
    assert squeezed(LEARNERS["th"]) in text
    assert qr_codes(response.content) == [page_url(credential, "en")]

    withdraw_page(credential, issuer_user)
    assert client.get(address).status_code == 404
