"""The printable certificate: how long drawing one PDF takes and how large it is, per language.

    python bench/certificate_pdf.py [--repeat 5] [--out DIR]

Each certificate is in its own language and script (learner, certification, standard), issued
by a Chinese-named institution, so every one also carries Chinese and Latin text: the worst
case for fonts. No database: the credential is a signed document's facts, as the view reads
them. Prints the median and first (cold) time and the size; ``--out`` keeps the PDFs.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")

import django  # noqa: E402

django.setup()

from credentials.printing import certificate_pdf  # noqa: E402

# (learner, certification, standard) in each language.
SAMPLES = {
    "zh-hans": ("王小明", "新能源汽车维修技能证书", "新能源汽车维修职业标准"),
    "en": ("Somphone Vongsa", "Electric vehicle repair certificate", "EV maintenance standard"),
    "vi": ("Nguyễn Thị Hương", "Chứng chỉ sửa chữa ô tô điện", "Tiêu chuẩn bảo dưỡng ô tô điện"),
    "th": ("สมศักดิ์ ใจดี", "ใบรับรองช่างซ่อมรถยนต์ไฟฟ้า", "มาตรฐานอาชีพช่างซ่อมรถยนต์ไฟฟ้า"),
    "lo": ("ສົມພອນ ວົງສາ", "ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ", "ມາດຕະຖານອາຊີບ ສ້ອມແປງລົດໄຟຟ້າ"),
    "km": ("សុខ ចាន់ស្រីនិច", "វិញ្ញាបនបត្រជួសជុលរថយន្តអគ្គិសនី", "ស្តង់ដារជួសជុលរថយន្តអគ្គិសនី"),
    "my": ("အောင်ကျော်မြင့်", "လျှပ်စစ်ကား ပြုပြင်ထိန်းသိမ်းမှု လက်မှတ်", "လျှပ်စစ်ကား စံနှုန်း"),
}


def credential(language):
    learner, name, standard = SAMPLES[language]
    permalink = "https://example.org/r/LM-CERT-EV"
    signed = {
        "id": f"urn:uuid:{uuid.uuid4()}",
        "issuer": {"id": "did:web:example.org", "name": "万象技术学院"},
        "validFrom": "2026-03-02T00:00:00Z",
        "validUntil": "2029-03-02T00:00:00Z",
        "credentialSubject": {
            "identifier": [{"identityType": "name", "identityHash": learner}],
            "result": [{"value": "Distinction"}],
            "achievement": {
                "id": permalink,
                "name": name,
                "humanCode": "LM-CERT-EV",
                "alignment": [
                    {"targetType": "ext:NationalQualificationLevel", "targetCode": "LA-LNQF-3"},
                    {"targetType": "ext:AQRFLevel", "targetCode": "AQRF-3"},
                    {
                        "targetType": "ext:VocationalStandard",
                        "targetName": standard,
                        "targetCode": "LNQF-EV-3",
                        "targetUrl": "https://example.org/r/LM-STD-EV",
                    },
                    *(
                        {
                            "targetType": "ceasn:Competency",
                            "targetCode": f"EV-0{unit}",
                            "targetUrl": f"https://example.org/r/LM-STD-EV#EV-0{unit}",
                        }
                        for unit in (1, 2, 3)
                    ),
                ],
            },
        },
    }
    return SimpleNamespace(signed=signed, language=language, uuid=uuid.uuid4())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path)
    options = parser.parse_args()
    url = "https://example.org/lo/credentials/" + "x" * 32 + "/"
    print(f"{'language':<9} {'first ms':>9} {'median ms':>10} {'size KB':>8}")
    for language in SAMPLES:
        times = []
        for _ in range(options.repeat):
            started = time.perf_counter()
            pdf = certificate_pdf(credential(language), language, url)
            times.append((time.perf_counter() - started) * 1000)
        if options.out:
            options.out.mkdir(parents=True, exist_ok=True)
            (options.out / f"certificate-{language}.pdf").write_bytes(pdf)
        print(
            f"{language:<9} {times[0]:>9.0f} {statistics.median(times):>10.0f} "
            f"{len(pdf) / 1024:>8.1f}"
        )


if __name__ == "__main__":
    main()
