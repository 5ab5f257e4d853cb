"""Plain text, CSV and subtitles: the words, cut into parts; never cue numbers or timings."""

import pytest

from filetext.extraction import ExtractionFailed, extract
from tests.filetext import samples


def test_a_text_file_is_cut_into_parts_at_line_boundaries(tmp_path, types):
    lines = [f"{n:04d} ການຂາຍສິນຄ້າທາງອອນລາຍ ແລະ ການຈັດສົ່ງ" for n in range(400)]
    path = samples.write(tmp_path / "notes.txt", "\r\n".join(lines))

    parts = list(extract(path, types["txt"], "lo"))

    assert len(parts) >= 4
    assert all(len(part.text) <= 4000 for part in parts)
    assert [line for part in parts for line in part.text.split("\n")] == lines


def test_a_line_longer_than_a_part_is_cut_between_words_never_inside_a_letter(tmp_path, types):
    khmer = "សុវត្ថិភាពក្នុងការផ្សារដែក" * 400  # no spaces at all
    path = samples.write(tmp_path / "long.txt", khmer)

    parts = list(extract(path, types["txt"], "km"))

    assert "".join(part.text.replace("\n", "") for part in parts) == khmer
    for part in parts:
        assert part.text[0] not in "\u17b6\u17c1\u17d2\u17cb\u17bb\u17b7"  # no orphan mark


@pytest.mark.parametrize("extension", ["txt", "csv", "srt", "vtt"])
def test_a_text_file_not_in_utf8_fails_with_the_reason(tmp_path, types, extension):
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n焊接安全操作规程\n"
    path = samples.write(tmp_path / f"gbk.{extension}", text.encode("gbk"))

    with pytest.raises(ExtractionFailed) as failed:
        list(extract(path, types[extension], "zh-hans"))

    assert failed.value.code == "corrupt"
    assert "UTF-8" in failed.value.reason


def test_a_csv_gives_its_cells_without_quotes_or_commas(tmp_path, types):
    path = samples.write(
        tmp_path / "tools.csv", 'tool,count,note\n"Mặt nạ hàn",2,"An toàn, trước tiên"\n'
    )

    [part] = extract(path, types["csv"], "vi")

    assert part.text == "tool count note\nMặt nạ hàn 2 An toàn, trước tiên"


def test_subrip_subtitles_give_what_is_said_without_numbers_or_timings(tmp_path, types):
    cues = samples.TEXTS["th"]
    path = samples.srt(tmp_path / "lesson.srt", cues)

    [part] = extract(path, types["srt"], "th")

    assert part.text.split("\n") == cues
    assert "-->" not in part.text and "<i>" not in part.text


def test_webvtt_subtitles_skip_header_notes_styles_and_speaker_tags(tmp_path, types):
    cues = samples.TEXTS["vi"]
    path = samples.vtt(tmp_path / "lesson.vtt", [cues[0], cues[0], *cues[1:]])

    [part] = extract(path, types["vtt"], "vi")

    assert part.text.split("\n") == cues  # the repeated caption once
    for noise in ("WEBVTT", "NOTE", "lime", "Teacher", "cue-", "align:"):
        assert noise not in part.text
