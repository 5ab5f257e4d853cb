"""Text is tidied the same way whatever the format, and never loses a vowel or tone mark."""

import unicodedata

from filetext.extraction.cleaning import clean, parts


def test_whitespace_and_control_characters_are_tidied():
    assert clean("  Welding\x00  \t safety \x07\r\n\r\n\r\n\x0cRail  maintenance  ") == (
        "Welding safety\n\nRail maintenance"
    )


def test_marks_and_zero_width_characters_of_the_scripts_are_kept():
    text = "ຊ່າງເຊື່ອມ ជាងផ្សារ ဂဟေဆော်\u200bခြင်း ช่างเชื่อม Thợ hàn"

    assert clean(text) == text


def test_no_part_starts_with_a_mark_cut_off_from_its_letter():
    burmese = "ဂဟေဆော်ခြင်းဘေးကင်းရေး" * 600
    khmer = "ពិនិត្យខ្សែដីក្រោយការដំឡើងអគ្គិសនី" * 500

    for text in (burmese, khmer):
        found = list(parts([text]))

        assert len(found) > 2
        assert "".join(part.text for part in found) == text
        for part in found:
            assert unicodedata.category(part.text[0])[0] != "M"
            assert part.text[-1] not in "\u1039\u17d2"  # a stacking sign without its consonant
