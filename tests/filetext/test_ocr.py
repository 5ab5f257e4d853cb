"""Scanned pages are read by OCR in the file's language, within the limits of a file."""

import pytest

from filetext.extraction import ExtractionFailed, Limits, extract, ocr
from tests.filetext import samples

PDF = "application/pdf"

# What OCR of the sample scans reliably reads per script, and its character error rate bound.
# Measured: zh-hans 0.02, en 0, th 0, vi 0, lo 0.15, km 0.04; my 0.57 (Tesseract adds lines of
# stray signs around Burmese text, but reads the lines themselves).
EXPECTED = {
    "zh-hans": (["焊接安全操作规程", "接地电阻"], 0.25),
    "en": (["Welding safety procedures", "insulated gloves"], 0.25),
    "th": (["ความปลอดภัยในงานเชื่อม", "ตรวจสอบสายดิน"], 0.25),
    "vi": (["An toàn lao động trong hàn điện", "găng tay"], 0.25),
    "lo": (["ຖົງມື", "ກວດສອບສາຍດິນ"], 0.25),
    "km": (["ការផ្សារដែក", "ជាងផ្សារត្រូវពាក់របាំងមុខ"], 0.25),
    "my": (["ဂဟေဆော်ခြင်းဘေးကင်းရေး"], 0.75),
}


@pytest.mark.parametrize("language", samples.LANGUAGES)
def test_a_scanned_page_is_read_in_its_language(tmp_path, language):
    path = samples.scanned_pdf(tmp_path / "scan.pdf", [samples.TEXTS[language]], language)
    words, bound = EXPECTED[language]

    [page] = extract(path, PDF, language)

    assert page.ocr and page.number == 1
    for word in words:
        assert word in samples.comparable(page.text, language)
    truth = "\n".join(samples.TEXTS[language])
    assert samples.character_error_rate(page.text, truth, language) <= bound


def test_an_image_file_is_read_too(tmp_path):
    image = samples.page_image(samples.TEXTS["th"], "th")
    image.save(tmp_path / "page.png")

    text = ocr.read_image(tmp_path / "page.png", "th", seconds=60)

    assert "ความปลอดภัยในงานเชื่อม" in text


def test_text_pages_are_not_read_again_and_a_resumed_scan_starts_at_its_page(tmp_path, monkeypatch):
    scans = [["Page one of the scan"], ["Page two of the scan"]]
    path = samples.scanned_pdf(tmp_path / "scan.pdf", scans, "en")
    read = []
    real = ocr.read_image
    monkeypatch.setattr(
        ocr, "read_image", lambda image, *args: read.append(args[-1]) or real(image, *args)
    )

    [page] = extract(path, PDF, "en", start=2)

    assert (page.number, page.text, page.ocr) == (2, "Page two of the scan", True)
    assert read == [2]  # page 1 was neither rendered nor read
    text_pdf = samples.text_pdf(tmp_path / "text.pdf", scans, "en")
    assert [p.ocr for p in extract(text_pdf, PDF, "en")] == [False, False]
    assert read == [2]


def test_beyond_the_scanned_pages_limit_the_rest_is_left_and_the_reason_says_so(tmp_path):
    scans = [[f"Scanned page {n}"] for n in range(1, 4)]
    path = samples.scanned_pdf(tmp_path / "scan.pdf", scans, "en")

    found = []
    with pytest.raises(ExtractionFailed) as failed:
        for page in extract(path, PDF, "en", limits=Limits(max_ocr_pages=2)):
            found.append(page)

    assert [(p.number, p.text) for p in found] == [(1, "Scanned page 1"), (2, "Scanned page 2")]
    assert failed.value.code == "too_large"
    assert "only the first 2 scanned pages were read" in failed.value.reason


def test_without_the_languages_trained_data_a_scan_fails_naming_the_package(tmp_path, monkeypatch):
    empty = tmp_path / "tessdata"
    empty.mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(empty))
    text_pdf = samples.text_pdf(tmp_path / "text.pdf", [samples.TEXTS["lo"]], "lo", False)
    scan = samples.scanned_pdf(tmp_path / "scan.pdf", [samples.TEXTS["lo"]], "lo")

    assert len(list(extract(text_pdf, PDF, "lo"))) == 1  # no scanned page: OCR is not needed
    with pytest.raises(ExtractionFailed) as failed:
        list(extract(scan, PDF, "lo"))

    assert failed.value.code == "ocr_unavailable"
    assert "Lao" in failed.value.reason
    assert "tesseract-ocr-lao" in failed.value.reason


def test_a_giant_scanned_page_is_read_from_an_image_no_larger_than_the_limit(tmp_path, monkeypatch):
    image = samples.page_image(["Rail maintenance"], "en", size=120, width=2000)
    path = tmp_path / "giant.pdf"
    image.save(path, "PDF", resolution=2000 * 72 / 14_400)  # a page 14,400 pt wide
    sizes = []
    real = ocr.read_image
    monkeypatch.setattr(
        ocr, "read_image", lambda image, *args: sizes.append(image.size) or real(image, *args)
    )
    limits = Limits(max_pixels=4_000_000)

    [page] = extract(path, PDF, "en", limits=limits)

    assert "Rail maintenance" in page.text
    [(width, height)] = sizes
    assert width * height <= limits.max_pixels
    assert width > 3900  # scaled down to the limit, not below it


def test_a_scanned_page_that_takes_too_long_fails_as_timeout(tmp_path):
    path = samples.scanned_pdf(tmp_path / "scan.pdf", [samples.TEXTS["zh-hans"]], "zh-hans")

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(path, PDF, "zh-hans", limits=Limits(ocr_page_seconds=0.001)))

    assert failed.value.code == "timeout"
    assert failed.value.reason == "Reading scanned page 1 took longer than 0.001 seconds."
