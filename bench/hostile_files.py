"""Peak memory of the web process's work on hostile files, each in a fresh process.

    .venv/bin/python bench/hostile_files.py

Cases (the hardening probe's):
- an upload of a ~300 KB OpenDocument whose "mimetype" member inflates to 300 MB, checked as
  the upload form checks it (resources.documents.safety);
- the thumbnail of a ~1 KB PDF whose one page is 2 × 3000 pt (downloads.previews).

Prints, per case, the child process's peak resident memory before the work (Django set up,
the file in memory) and after it, and the difference.
"""

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import io, json, resource, sys
import django
django.setup()
from django.core.files.base import ContentFile
from downloads.previews import render_first_page
from resources.documents.safety import inspect_file

case, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
before = peak()
from django.core.exceptions import ValidationError
from django.utils import translation
translation.activate("en")
try:
    if case == "odt":
        outcome = f"accepted as {inspect_file(ContentFile(data, name='lesson.odt')).extension}"
    else:
        outcome = f"{len(render_first_page(data))} bytes of WebP"
except (ValidationError, ValueError) as exc:
    outcome = f"refused: {' '.join(getattr(exc, 'messages', [str(exc)]))[:60]}"
print(json.dumps({"before": before, "after": peak(), "outcome": outcome}))
"""


def inflating_odt(inflated_bytes=300 << 20):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("mimetype", "w") as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            for _ in range(inflated_bytes >> 20):
                member.write(b" " * (1 << 20))
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


def sliver_pdf():
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(2, 3000))
    pdf.add_page()
    pdf.rect(0, 0, 2, 20, style="F")
    return bytes(pdf.output())


def measure(case, data, tmp):
    path = tmp / f"{case}.bin"
    path.write_bytes(data)
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "digital_lm.settings.dev"}
    environment.setdefault("DATABASE_URL", "sqlite:///:memory:")
    done = subprocess.run(  # noqa: S603 — our own interpreter and script
        [sys.executable, "-c", CHILD, case, str(path)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    tmp = ROOT / ".bench-tmp"
    tmp.mkdir(exist_ok=True)
    cases = [
        ("odt", inflating_odt(), "OpenDocument, mimetype inflating to 300 MB"),
        ("pdf", sliver_pdf(), "PDF with one 2 × 3000 pt page"),
    ]
    print(f"{'case':45} {'file':>9} {'peak before':>12} {'peak after':>11} {'added':>9}  outcome")
    for case, data, label in cases:
        figures = measure(case, data, tmp)
        mb = 1 << 20
        print(
            f"{label:45} {len(data) / 1024:7.1f} kB {figures['before'] / mb:9.1f} MB "
            f"{figures['after'] / mb:8.1f} MB {(figures['after'] - figures['before']) / mb:6.1f} MB"
            f"  {figures['outcome']}"
        )
        (tmp / f"{case}.bin").unlink()
    tmp.rmdir()


if __name__ == "__main__":
    main()
