"""Text inside teaching-material files, extracted as the site runs it (``extract_isolated``, a
child process per file with the production limits).

    .venv/bin/python bench/file_text.py [--text-pages 40] [--scanned-pages 3] [--languages lo,km]

Per language: pages per second of text-layer PDFs and of scanned PDFs (OCR), and the OCR's
character error rate against the text drawn (Levenshtein distance per character of the
truth, compared without whitespace for zh-hans, th, lo, km, my and with it collapsed for en,
vi). Then, per hostile file, what the extraction says and the child's peak resident memory.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from filetext.extraction import ExtractionFailed, Limits, extract_isolated  # noqa: E402
from tests.filetext import samples  # noqa: E402

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def run(path, content_type, language, limits=Limits()):  # noqa: B008 - frozen
    """(segments, failure code or "", seconds, child's peak memory in MB)."""
    started = time.perf_counter()
    extraction = extract_isolated(path, content_type, language, limits=limits)
    found, failure = [], ""
    try:
        for segment in extraction:
            found.append(segment)
    except ExtractionFailed as failed:
        failure = failed.code
    seconds = time.perf_counter() - started
    return found, failure, seconds, (extraction.peak_memory_bytes or 0) / (1 << 20)


def page_lines(language, number):
    """The language's lines, turned by the page number so that pages differ."""
    lines = samples.TEXTS[language]
    turn = number % len(lines)
    return lines[turn:] + lines[:turn]


def languages_table(folder, languages, text_pages, scanned_pages):
    print(
        f"{'language':<9} {'text pages/s':>12} {'OCR pages/s':>12} {'OCR CER':>8} "
        f"{'worst page':>10} {'peak MB (OCR)':>13}"
    )
    for language in languages:
        shaped = language in ("zh-hans", "en", "vi")  # see samples.text_pdf
        text = [page_lines(language, n) for n in range(text_pages)]
        path = samples.text_pdf(folder / f"text-{language}.pdf", text, language, shaped)
        found, failure, seconds, _peak = run(path, PDF, language)
        assert not failure and len(found) == text_pages, (language, failure, len(found))
        text_rate = text_pages / seconds

        scans = [page_lines(language, n) for n in range(scanned_pages)]
        path = samples.scanned_pdf(folder / f"scan-{language}.pdf", scans, language)
        found, failure, seconds, peak = run(path, PDF, language)
        assert not failure and all(page.ocr for page in found), (language, failure)
        read = {page.number: page.text for page in found}
        rates = [
            samples.character_error_rate(read.get(n + 1, ""), "\n".join(lines), language)
            for n, lines in enumerate(scans)
        ]
        print(
            f"{language:<9} {text_rate:>12.1f} {scanned_pages / seconds:>12.2f} "
            f"{sum(rates) / len(rates):>8.3f} {max(rates):>10.3f} {peak:>13.0f}"
        )


def hostile_table(folder):
    word = samples.OOXML_WORD
    image = samples.page_image(samples.TEXTS["en"], "en", size=120, width=2000)
    giant = folder / "giant-scan.pdf"
    image.save(giant, "PDF", resolution=2000 * 72 / 14_400)
    cases = [
        (
            "DOCX declaring 300 MB (zip bomb)",
            samples.inflating_zip(folder / "bomb.docx", word, 300 << 20),
            DOCX,
        ),
        (
            "DOCX declaring 1 KB, inflating to 1 GB",
            samples.lying_zip(folder / "liar.docx", word, 1 << 30),
            DOCX,
        ),
        ("PDF, one scanned page of 14,400 pt", giant, PDF),
        ("PDF of 3,000 pages", samples.raw_pdf(folder / "pages.pdf", 3000), PDF),
        (
            "PDF, one text page of 14,400 pt",
            samples.raw_pdf(folder / "giant.pdf", 1, 14_400, 14_400),
            PDF,
        ),
    ]
    print(
        f"\n{'hostile file':<40} {'size KB':>8} {'result':>10} {'segments':>8} {'s':>6} {'peak MB':>8}"
    )
    for name, path, content_type in cases:
        found, failure, seconds, peak = run(path, content_type, "en")
        size = path.stat().st_size / 1024
        print(
            f"{name:<40} {size:>8.0f} {failure or 'read':>10} {len(found):>8} "
            f"{seconds:>6.1f} {peak:>8.0f}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text-pages", type=int, default=40)
    parser.add_argument("--scanned-pages", type=int, default=3)
    parser.add_argument("--languages", default=",".join(samples.LANGUAGES))
    options = parser.parse_args()
    limits = Limits()
    print(
        f"limits: {limits.memory_bytes >> 20} MB per child, {limits.timeout_seconds:g} s per "
        f"file, {limits.max_pixels / 1e6:g} MP per scanned page, "
        f"{limits.max_inflated_bytes >> 20} MB inflated per ZIP\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        languages_table(
            Path(folder), options.languages.split(","), options.text_pages, options.scanned_pages
        )
        hostile_table(Path(folder))


if __name__ == "__main__":
    main()
