"""Scanned pages read by Tesseract, run as a command: it dies with the extraction's process
group when a file's time is up, and it never shares memory with the site.

Each language's trained data is a Debian package (``tesseract-ocr-lao``...); without it a
scanned page fails as "ocr_unavailable", naming the package to install.
"""

import functools
import io
import os
import shutil
import subprocess

from filetext.extraction.contract import ExtractionFailed

# The site's language -> (Tesseract's language, its name in a reason). Declared once.
TESSERACT_LANGUAGES = {
    "zh-hans": ("chi_sim", "Chinese"),
    "en": ("eng", "English"),
    "th": ("tha", "Thai"),
    "vi": ("vie", "Vietnamese"),
    "lo": ("lao", "Lao"),
    "km": ("khm", "Khmer"),
    "my": ("mya", "Burmese"),
}
# A file in another language (or none) is read as English: Latin letters at least come out.
FALLBACK_LANGUAGE = "en"
DPI = 300
# Tesseract's own threads would fight the other workers for the machine's cores.
ENVIRONMENT = {"OMP_THREAD_LIMIT": "1"}


def debian_package(tesseract_language):
    return "tesseract-ocr-" + tesseract_language.replace("_", "-")


def debian_packages():
    """What a machine needs to read scans in every language (scripts/bootstrap.sh asks)."""
    return ["tesseract-ocr"] + [
        debian_package(code) for code, _name in TESSERACT_LANGUAGES.values()
    ]


@functools.cache
def _installed_languages(tessdata):
    """The trained data Tesseract finds (``tessdata`` is the TESSDATA_PREFIX it runs with)."""
    try:
        listed = subprocess.run(
            ["tesseract", "--list-langs"],  # noqa: S607 - the command on the PATH
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, **ENVIRONMENT},
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    lines = listed.stdout.splitlines()
    return frozenset(line.strip() for line in lines[1:] if line.strip())


def tesseract_language(language):
    """Tesseract's language for the site's, and its name; unavailable -> ExtractionFailed."""
    code, name = TESSERACT_LANGUAGES.get(language) or TESSERACT_LANGUAGES[FALLBACK_LANGUAGE]
    if shutil.which("tesseract") is None:
        raise ExtractionFailed(
            "ocr_unavailable",
            "The file has scanned pages, and the program that reads them is not installed "
            f"(Debian packages tesseract-ocr and {debian_package(code)}).",
        )
    if code not in _installed_languages(os.environ.get("TESSDATA_PREFIX", "")):
        raise ExtractionFailed(
            "ocr_unavailable",
            f"The file has scanned pages in {name}, and {name} cannot be read from images "
            f"here yet: the Debian package {debian_package(code)} is missing.",
        )
    return code


def read_image(image, language, seconds, page=1):
    """The text Tesseract reads in ``image`` (a Pillow image, or an image file's path)."""
    from PIL import Image

    code = tesseract_language(language)
    if not isinstance(image, Image.Image):
        with Image.open(image) as opened:
            return read_image(opened.convert("L"), language, seconds, page)
    data = io.BytesIO()
    image.convert("L").save(data, "PPM")  # uncompressed grey: nothing to encode or decode
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command; the language is from our table
            # Chinese comes out without spaces between its characters with this setting.
            ["tesseract", "stdin", "stdout", "-l", code, "-c", "preserve_interword_spaces=1"],  # noqa: S607
            input=data.getvalue(),
            capture_output=True,
            timeout=seconds,
            env={**os.environ, **ENVIRONMENT},
        )
    except subprocess.TimeoutExpired as error:
        raise ExtractionFailed(
            "timeout", f"Reading scanned page {page} took longer than {seconds:g} seconds."
        ) from error
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise ExtractionFailed(
            "crashed", f"The scanned page {page} could not be read ({detail[0][:200]})."
        )
    return done.stdout.decode("utf-8", "replace")
