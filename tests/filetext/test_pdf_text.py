"""A PDF's text layer, page by page, in every script; the PDFs it cannot read say why."""

import pytest

from filetext.extraction import ExtractionFailed, Limits, extract
from tests.filetext import samples

PDF = "application/pdf"


@pytest.mark.parametrize("language", samples.LANGUAGES)
def test_each_page_of_a_text_pdf_is_read_in_its_own_script(tmp_path, language):
    lines = samples.TEXTS[language]
    # Shaped text layers of the Brahmic scripts come out in glyph order (see samples).
    shaped = language in ("zh-hans", "en", "vi")
    path = samples.text_pdf(tmp_path / "handbook.pdf", [lines[:2], lines[2:]], language, shaped)

    pages = list(extract(path, PDF, language))

    assert [page.number for page in pages] == [1, 2]
    assert [" ".join(page.text.split()) for page in pages] == [
        " ".join(lines[:2]),
        " ".join(lines[2:]),
    ]
    assert not any(page.ocr for page in pages)


def test_blank_pages_are_skipped_and_the_others_keep_their_page_numbers(tmp_path):
    lines = samples.TEXTS["lo"]
    path = samples.text_pdf(tmp_path / "a.pdf", [lines[:1], [], lines[1:2]], "lo", shaped=False)

    assert [(p.number, p.text) for p in extract(path, PDF, "lo")] == [(1, lines[0]), (3, lines[1])]


def test_a_resumed_extraction_starts_at_the_page_asked_for(tmp_path):
    pages = [[f"Page {n} of the rail maintenance manual"] for n in range(1, 6)]
    path = samples.text_pdf(tmp_path / "manual.pdf", pages, "en")

    found = list(extract(path, PDF, "en", start=4))

    assert [(p.number, p.text) for p in found] == [(4, pages[3][0]), (5, pages[4][0])]


def test_a_password_protected_pdf_fails_as_encrypted(tmp_path):
    path = samples.encrypted_pdf(tmp_path / "locked.pdf", "th")

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(path, PDF, "th"))

    assert failed.value.code == "encrypted"
    assert failed.value.reason == "The PDF is protected by a password."


def test_a_damaged_pdf_fails_as_corrupt(tmp_path):
    good = samples.text_pdf(tmp_path / "good.pdf", [samples.TEXTS["vi"]], "vi")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(good.read_bytes()[:300])

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(broken, PDF, "vi"))

    assert failed.value.code == "corrupt"
    assert "damaged" in failed.value.reason


def test_a_pdf_of_thousands_of_pages_is_read_up_to_the_limit_then_says_so(tmp_path):
    path = samples.raw_pdf(tmp_path / "pages.pdf", 3000, text="Track gauge check")
    assert path.stat().st_size < 600_000

    found = []
    with pytest.raises(ExtractionFailed) as failed:
        for page in extract(path, PDF, "en", limits=Limits(max_segments=40)):
            found.append(page)

    assert [p.number for p in found] == list(range(1, 41))
    assert found[-1].text == "Track gauge check"
    assert failed.value.code == "too_large"
    assert failed.value.reason == "The PDF has 3,000 pages: only the first 40 pages were read."


def test_a_page_with_megabytes_of_text_is_cut_to_what_a_page_may_hold(tmp_path):
    path = samples.raw_pdf(tmp_path / "long.pdf", 1, text="weld " * 30_000)

    [page] = extract(path, PDF, "en")

    assert 99_000 < len(page.text) <= 100_000
    assert page.text.startswith("weld weld")
