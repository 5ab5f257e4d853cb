"""Word (cut into parts), PowerPoint (per slide, notes and tables too) and Excel (per sheet,
named) files."""

import pytest
from myanmartools import ZawgyiDetector

from filetext.extraction import LOCATIONS, ExtractionFailed, extract
from tests.filetext import samples


def test_a_word_file_gives_its_paragraphs_and_table_rows_in_order(tmp_path, types):
    lines = samples.TEXTS["km"]
    path = samples.docx(tmp_path / "lesson.docx", lines, [["ឧបករណ៍", "ចំនួន"], ["ស្រោមដៃ", "2"]])

    [part] = extract(path, types["docx"], "km")

    assert part.text.split("\n") == [*lines, "ឧបករណ៍ ចំនួន", "ស្រោមដៃ 2"]
    assert LOCATIONS[types["docx"]] is None  # Word has no pages of its own


def test_a_long_word_file_is_cut_into_parts_at_paragraph_boundaries(tmp_path, types):
    paragraphs = [f"{n:03d} " + "Kiểm tra điện trở tiếp đất. " * 12 for n in range(60)]
    path = samples.docx(tmp_path / "long.docx", paragraphs)

    parts = list(extract(path, types["docx"], "vi"))

    assert len(parts) > 3
    assert all(len(part.text) <= 4000 for part in parts)
    rejoined = [line for part in parts for line in part.text.split("\n")]
    assert rejoined == [" ".join(p.split()) for p in paragraphs]  # no paragraph split
    assert [part.number for part in parts] == list(range(1, len(parts) + 1))


def test_a_presentation_is_read_slide_by_slide_with_notes_and_tables(tmp_path, types):
    slides = [
        ("ความปลอดภัยในงานเชื่อม", samples.TEXTS["th"][1:3], "เน้นเรื่องถุงมือ", [["อุปกรณ์", "หน้ากาก"]]),
        ("", [], "", None),  # an empty slide
        ("การขายสินค้าออนไลน์", ["รูปภาพที่ชัดเจน"], "", None),
    ]
    path = samples.pptx(tmp_path / "slides.pptx", slides)

    found = list(extract(path, types["pptx"], "th"))

    assert [slide.number for slide in found] == [1, 3]
    assert found[0].text.split("\n") == [
        "ความปลอดภัยในงานเชื่อม",
        *samples.TEXTS["th"][1:3],
        "อุปกรณ์ หน้ากาก",
        "เน้นเรื่องถุงมือ",
    ]
    assert found[1].text == "การขายสินค้าออนไลน์\nรูปภาพที่ชัดเจน"
    assert LOCATIONS[types["pptx"]] == "slide"


def test_a_workbook_is_read_sheet_by_sheet_under_each_sheets_name(tmp_path, types):
    path = samples.xlsx(
        tmp_path / "tools.xlsx",
        {
            "焊接工具": [("名称", "数量"), ("防护面罩", 12), (None, "绝缘手套")],
            "Empty": [],
            "Rail": [("Sleeper", "Fishplate")],
        },
    )

    found = list(extract(path, types["xlsx"], "zh-hans", start=1))

    assert [(s.number, s.label, s.text) for s in found] == [
        (1, "焊接工具", "名称 数量\n防护面罩 12\n绝缘手套"),
        (3, "Rail", "Sleeper Fishplate"),
    ]
    assert [s.number for s in extract(path, types["xlsx"], "zh-hans", start=2)] == [3]


def test_a_password_protected_office_file_fails_as_encrypted(tmp_path, types):
    # Word, Excel and PowerPoint store a protected file in an OLE2 container, not a ZIP.
    path = samples.write(tmp_path / "locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(path, types["docx"], "en"))

    assert (failed.value.code, failed.value.reason) == (
        "encrypted",
        "The Word file is protected by a password.",
    )


@pytest.mark.parametrize("extension", ["docx", "pptx", "xlsx"])
def test_a_damaged_office_file_fails_as_corrupt(tmp_path, types, extension):
    good = {
        "docx": lambda p: samples.docx(p, ["Electrical installation"]),
        "pptx": lambda p: samples.pptx(p, [("Rail", ["Sleepers"], "", None)]),
        "xlsx": lambda p: samples.xlsx(p, {"Tools": [("Welder",)]}),
    }[extension](tmp_path / f"good.{extension}")
    path = samples.damaged(tmp_path / f"broken.{extension}", good)

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(path, types[extension], "en"))

    assert failed.value.code == "corrupt"


def test_an_office_file_missing_its_main_part_fails_as_corrupt(tmp_path, types):
    path = samples.zip_file(tmp_path / "empty.docx", dict(samples.OOXML_WORD))

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(path, types["docx"], "en"))

    assert failed.value.code == "corrupt"


def test_burmese_in_zawgyi_comes_out_as_written_for_the_site_to_convert(tmp_path, types):
    zawgyi = [samples.zawgyi(line) for line in samples.TEXTS["my"]]
    assert zawgyi != samples.TEXTS["my"]
    path = samples.docx(tmp_path / "zawgyi.docx", zawgyi)

    [part] = extract(path, types["docx"], "my")

    assert part.text.split("\n") == zawgyi  # no mark dropped, nothing reordered
    assert ZawgyiDetector().get_zawgyi_probability(part.text) > 0.9
