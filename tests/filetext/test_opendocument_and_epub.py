"""OpenDocument text, spreadsheets and presentations, and EPUB books chapter by chapter."""

import pytest

from filetext.extraction import LOCATIONS, ExtractionFailed, extract
from tests.filetext import samples


def test_an_opendocument_text_keeps_its_spaces_and_paragraphs(tmp_path, types):
    lines = samples.TEXTS["lo"]
    path = samples.odt(tmp_path / "lesson.odt", [lines[0], "ສາຍດິນ  ໄຟຟ້າ", *lines[1:]])

    [part] = extract(path, types["odt"], "lo")

    assert part.text.split("\n") == [lines[0], "ສາຍດິນ ໄຟຟ້າ", *lines[1:]]


def test_an_opendocument_spreadsheet_is_read_per_named_sheet(tmp_path, types):
    path = samples.ods(
        tmp_path / "tools.ods",
        {"ເຄື່ອງມື": [("ໜ້າກາກ", "2"), ("ຖົງມື",)], "Empty": [], "Rail": [("Sleeper",)]},
    )

    found = list(extract(path, types["ods"], "lo"))

    assert [(s.number, s.label, s.text) for s in found] == [
        (1, "ເຄື່ອງມື", "ໜ້າກາກ 2\nຖົງມື"),
        (3, "Rail", "Sleeper"),
    ]
    assert LOCATIONS[types["ods"]] == "sheet"


def test_an_opendocument_presentation_is_read_per_slide_with_its_notes(tmp_path, types):
    km = samples.TEXTS["km"]
    path = samples.odp(tmp_path / "talk.odp", [(km[:2], "កំណត់ចំណាំ"), (km[2:], "")])

    found = list(extract(path, types["odp"], "km", start=2))

    assert [(s.number, s.text) for s in found] == [(2, "\n".join(km[2:]))]
    [first, _second] = extract(path, types["odp"], "km")
    assert first.text.split("\n") == [*km[:2], "កំណត់ចំណាំ"]


def test_a_password_protected_opendocument_fails_as_encrypted(tmp_path, types):
    path = samples.odt(tmp_path / "locked.odt", ["secret"], encrypted=True)

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(path, types["odt"], "en"))

    assert failed.value.code == "encrypted"


def test_an_opendocument_whose_content_is_not_xml_fails_as_corrupt(tmp_path, types):
    path = samples.zip_file(
        tmp_path / "broken.odt",
        {"mimetype": types["odt"], "content.xml": "<office:document-content><text:p>"},
    )

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(path, types["odt"], "en"))

    assert failed.value.code == "corrupt"


def test_an_epub_is_read_chapter_by_chapter_in_reading_order_with_its_titles(tmp_path, types):
    my = samples.TEXTS["my"]
    chapters = [
        ("ဂဟေဆော်ခြင်း", my[0], my[1:2]),
        ("လျှပ်စစ်", my[2], my[3:]),
    ]
    path = samples.epub(tmp_path / "book.epub", chapters, "my")

    found = list(extract(path, types["epub"], "my"))

    assert [(c.number, c.label) for c in found] == [(1, "ဂဟေဆော်ခြင်း"), (2, "လျှပ်စစ်")]
    assert [c.text.split() for c in found] == [
        " ".join(my[:2]).split(),
        " ".join(my[2:]).split(),
    ]
    assert "margin" not in found[0].text  # the style sheet is not text
    assert LOCATIONS[types["epub"]] == "chapter"


def test_a_protected_epub_fails_as_encrypted(tmp_path, types):
    path = samples.epub(tmp_path / "drm.epub", [("One", "One", ["text"])], "en", drm=True)

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(path, types["epub"], "en"))

    assert failed.value.reason == "The EPUB is protected (DRM): its text cannot be read."


def test_an_epub_without_its_package_file_fails_as_corrupt(tmp_path, types):
    path = samples.zip_file(tmp_path / "broken.epub", {"mimetype": types["epub"]})

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(path, types["epub"], "en"))

    assert failed.value.code == "corrupt"
    assert failed.value.reason == "The EPUB file is damaged or not really EPUB."
