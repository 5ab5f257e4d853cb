"""The termbase seed: concepts from the demo's sectors and qualification levels, the trades,
occupations and tools its programmes teach, and country and language names from the Unicode
CLDR (shipped inside Babel: no download).

Seeded concepts are keyed by (source, key): a second run updates them in place and creates
nothing new. A concept a reviewer has edited in the admin is left alone, and nothing is ever
deleted.
"""

import re

from babel import Locale as CldrLocale
from django.utils import translation

from digital_lm.languages import LANGUAGE_CODES
from resources.models import NATIONAL_FRAMEWORKS, QualificationLevel, Sector, TermConcept
from resources.models.termbase import TermLabel, label_key

from . import data
from .sync import upsert_row

# Extra labels of the demo's sectors: the trade, its worker and common short forms.
SECTOR_TERMS = {
    "welding": {
        "zh-hans": ["焊接", "焊工"],
        "en": ["welding", "welder"],
        "th": ["การเชื่อม", "ช่างเชื่อม"],
        "vi": ["hàn", "thợ hàn"],
        "lo": ["ການເຊື່ອມ", "ຊ່າງເຊື່ອມ"],
        "km": ["ការផ្សារ", "ជាងផ្សារ"],
        "my": ["ဂဟေဆော်", "ဂဟေဆော်သမား"],
    },
    "e-commerce": {"zh-hans": ["电商"], "en": ["ecommerce", "online selling"]},
    "rail-transit": {
        "zh-hans": ["铁路"],
        "en": ["railway", "railways"],
        "th": ["รถไฟ"],
        "vi": ["đường sắt"],
        "lo": ["ລົດໄຟ"],
        "km": ["ផ្លូវដែក"],
        "my": ["ရထား"],
    },
    "logistics": {"zh-hans": ["物流"]},
    "new-energy-vehicles": {
        "zh-hans": ["电动汽车"],
        "en": ["electric vehicle", "electric vehicles", "EV"],
        "th": ["รถยนต์ไฟฟ้า"],
        "vi": ["xe điện"],
        "lo": ["ລົດໄຟຟ້າ"],
        "km": ["រថយន្តអគ្គិសនី"],
        "my": ["လျှပ်စစ်ကား"],
    },
}

# Trades, occupations, tools and qualification terms named in the demo's programmes.
# Only wording we are sure of is given: a language without a label is left to the reviewers.
TERMS = [
    ("electrical-installation", "trade", {
        "zh-hans": ["电气安装"],
        "en": ["electrical installation"],
        "th": ["การติดตั้งระบบไฟฟ้า"],
        "vi": ["lắp đặt điện"],
        "lo": ["ການຕິດຕັ້ງລະບົບໄຟຟ້າ"],
        "km": ["ការដំឡើងប្រព័ន្ធអគ្គិសនី"],
    }),
    ("electrician", "occupation", {
        "zh-hans": ["电工"],
        "en": ["electrician"],
        "th": ["ช่างไฟฟ้า"],
        "vi": ["thợ điện"],
        "lo": ["ຊ່າງໄຟຟ້າ"],
        "km": ["ជាងអគ្គិសនី"],
    }),
    ("coffee-growing", "trade", {
        "zh-hans": ["咖啡种植"],
        "en": ["coffee growing", "coffee farming"],
        "th": ["การปลูกกาแฟ"],
        "vi": ["trồng cà phê"],
        "lo": ["ການປູກກາເຟ"],
        "km": ["ការដាំកាហ្វេ"],
        "my": ["ကော်ဖီစိုက်ပျိုးခြင်း"],
    }),
    ("vehicle-maintenance", "trade", {
        "zh-hans": ["汽车维修", "汽修"],
        "en": ["automotive", "car mechanic", "vehicle maintenance", "auto mechanic"],
        "th": ["ช่างยนต์", "ซ่อมรถยนต์"],
        "vi": ["sửa chữa ô tô", "thợ sửa ô tô"],
        "lo": ["ສ້ອມແປງລົດ"],
        "km": ["ជួសជុលរថយន្ត"],
    }),
    ("tour-guide", "occupation", {
        "zh-hans": ["导游"],
        "en": ["tour guide", "tour guiding"],
        "th": ["มัคคุเทศก์", "ไกด์นำเที่ยว"],
        "vi": ["hướng dẫn viên du lịch", "hướng dẫn du lịch"],
        "km": ["មគ្គុទ្ទេសក៍ទេសចរណ៍"],
        "my": ["ခရီးသွားလမ်းညွှန်"],
    }),
    ("hotel-front-office", "occupation", {
        "zh-hans": ["酒店前台", "前厅服务"],
        "en": ["front office", "front desk", "hotel receptionist"],
        "th": ["พนักงานต้อนรับ"],
        "vi": ["lễ tân"],
        "lo": ["ພະນັກງານຕ້ອນຮັບ"],
        "km": ["អ្នកទទួលភ្ញៀវ"],
    }),
    ("industrial-robot", "tool", {
        "zh-hans": ["工业机器人"],
        "en": ["industrial robot", "industrial robots"],
        "th": ["หุ่นยนต์อุตสาหกรรม"],
        "vi": ["robot công nghiệp"],
        "lo": ["ຫຸ່ນຍົນອຸດສາຫະກຳ"],
        "km": ["មនុស្សយន្តឧស្សាហកម្ម"],
        "my": ["စက်မှုစက်ရုပ်"],
    }),
    ("plc", "tool", {
        "zh-hans": ["可编程控制器"],
        "en": ["PLC", "programmable logic controller"],
    }),
    ("computer-networking", "trade", {
        "zh-hans": ["计算机网络"],
        "en": ["computer networking", "computer network"],
        "th": ["เครือข่ายคอมพิวเตอร์"],
        "vi": ["mạng máy tính"],
        "lo": ["ເຄືອຂ່າຍຄອມພິວເຕີ"],
        "km": ["បណ្តាញកុំព្យូទ័រ"],
        "my": ["ကွန်ပျူတာကွန်ရက်"],
    }),
    ("tractor", "tool", {
        "zh-hans": ["拖拉机"],
        "en": ["tractor", "tractors"],
        "th": ["รถแทรกเตอร์"],
        "vi": ["máy kéo"],
        "lo": ["ລົດໄຖນາ"],
        "km": ["ត្រាក់ទ័រ"],
        "my": ["ထွန်စက်"],
    }),
    ("diesel-engine", "tool", {
        "zh-hans": ["柴油发动机", "柴油机"],
        "en": ["diesel engine", "diesel engines"],
        "th": ["เครื่องยนต์ดีเซล"],
        "vi": ["động cơ diesel"],
        "km": ["ម៉ាស៊ីនម៉ាស៊ូត"],
        "my": ["ဒီဇယ်အင်ဂျင်"],
    }),
    ("ev-charging", "tool", {
        "zh-hans": ["充电桩", "充电站"],
        "en": ["charging station", "EV charger"],
        "th": ["สถานีอัดประจุไฟฟ้า", "สถานีชาร์จ"],
        "vi": ["trạm sạc"],
        "lo": ["ສະຖານີສາກໄຟ"],
        "km": ["ស្ថានីយសាកថ្ម"],
        "my": ["အားသွင်းစခန်း"],
    }),
    ("traction-battery", "tool", {
        "zh-hans": ["动力电池"],
        "en": ["traction battery", "battery pack"],
        "th": ["แบตเตอรี่"],
        "vi": ["ắc quy", "pin"],
        "lo": ["ແບັດເຕີຣີ"],
        "my": ["ဘက်ထရီ"],
    }),
    ("warehousing", "trade", {
        "zh-hans": ["仓储"],
        "en": ["warehousing", "warehouse operations"],
        "th": ["คลังสินค้า"],
        "vi": ["kho bãi"],
        "lo": ["ສາງສິນຄ້າ"],
        "km": ["ឃ្លាំងទំនិញ"],
        "my": ["ဂိုဒေါင်"],
    }),
    ("farm-machinery", "tool", {
        "zh-hans": ["农业机械", "农机"],
        "en": ["farm machinery", "agricultural machinery"],
        "th": ["เครื่องจักรกลการเกษตร"],
        "vi": ["máy nông nghiệp"],
        "lo": ["ກົນຈັກກະສິກຳ"],
        "km": ["គ្រឿងចក្រកសិកម្ម"],
        "my": ["လယ်ယာသုံးစက်ယန္တရား"],
    }),
    ("occupational-standard", "qualification", {
        "zh-hans": ["职业标准"],
        "en": ["occupational standard", "vocational standard"],
        "th": ["มาตรฐานอาชีพ"],
        "vi": ["tiêu chuẩn nghề"],
        "lo": ["ມາດຕະຖານວິຊາຊີບ", "ມາດຕະຖານອາຊີບ"],
        "km": ["ស្តង់ដារវិជ្ជាជីវៈ"],
    }),
    ("skills-certificate", "qualification", {
        "zh-hans": ["职业技能等级证书", "技能证书"],
        "en": ["skills certificate", "vocational certificate"],
        "th": ["ใบรับรองความรู้ความสามารถ"],
        "vi": ["chứng chỉ nghề"],
        "lo": ["ໃບຢັ້ງຢືນ"],
        "km": ["វិញ្ញាបនបត្រ"],
    }),
]  # fmt: skip

# China's framework has no abbreviation of its own in the demo data.
FRAMEWORK_LABELS = {"CN-VSL": {"zh-hans": ["国家职业技能等级"]}}
CLDR_SOURCE = "cldr"


def cldr_locale(code):
    return CldrLocale.parse("zh_Hans" if code == "zh-hans" else code)


def cldr_names(name):
    """'Myanmar (Burma)' -> ['Myanmar', 'Burma']: each is a name people type."""
    return [part.strip() for part in re.split(r"[()（）]", name) if part.strip()]


def cldr_concepts():
    """Each Mekong country with its language, and English: their names in every language."""
    locales = {code: cldr_locale(code) for code in LANGUAGE_CODES}
    concepts = []
    for country, language in data.COUNTRY_LANGUAGE.items():
        labels = {
            code: cldr_names(loc.territories[country]) + cldr_names(loc.languages[language[:2]])
            for code, loc in locales.items()
        }
        concepts.append((CLDR_SOURCE, country, "place", labels))
    english = {code: cldr_names(loc.languages["en"]) for code, loc in locales.items()}
    concepts.append((CLDR_SOURCE, "en", "place", english))
    return concepts


def _by_translation(rows):
    """{translation key: {language: [name]}} from (translation key, language, name) rows."""
    grouped = {}
    for key, language, name in rows:
        grouped.setdefault(key, {}).setdefault(language, []).append(name)
    return grouped


def sector_concepts():
    sectors = Sector.objects.order_by("pk")
    codes = dict(sectors.values_list("translation_key", "code"))
    names = _by_translation(sectors.values_list("translation_key", "locale__language_code", "name"))
    concepts = []
    for key, labels in names.items():
        for language, extra in SECTOR_TERMS.get(codes[key], {}).items():
            labels[language] = labels.get(language, []) + extra
        concepts.append(("demo-sector", codes[key], "trade", labels))
    return concepts


def level_concepts():
    levels = QualificationLevel.objects.order_by("framework", "level", "pk")
    keys = {
        row[0]: f"{row[1]}-{row[2]}"
        for row in levels.values_list("translation_key", "framework", "level")
    }
    names = _by_translation(levels.values_list("translation_key", "locale__language_code", "name"))
    return [("demo-level", keys[key], "qualification", names[key]) for key in keys]


def framework_concepts():
    """The national frameworks by their names in the interface's catalogues."""
    concepts = []
    for code, (name, _country, _highest) in NATIONAL_FRAMEWORKS.items():
        labels = {}
        for language in LANGUAGE_CODES:
            with translation.override(language):
                translated = str(name)
            if language == "en" or translated != str(name):  # str(name): the source text
                labels[language] = [translated]
        labels.setdefault("zh-hans", [])
        zh_name, abbreviation = data.FRAMEWORK_ABBREVIATIONS.get(code, (None, None))
        labels["zh-hans"] += [zh_name] if zh_name else FRAMEWORK_LABELS[code]["zh-hans"]
        if abbreviation:
            labels["en"].append(abbreviation)
        concepts.append(("demo-framework", code, "qualification", labels))
    return concepts


def term_concepts():
    return [("demo-term", key, kind, labels) for key, kind, labels in TERMS]


def seed_concepts():
    """Every seeded concept: [(source, key, kind, {language: [labels]})]."""
    return (
        sector_concepts()
        + term_concepts()
        + framework_concepts()
        + level_concepts()
        + cldr_concepts()
    )


def ordered_labels(labels):
    """[(language, label)] in the languages' order, each label once per language."""
    result, seen = [], set()
    for language in LANGUAGE_CODES:
        for label in labels.get(language, []):
            label = " ".join(label.split())
            if label and (language, label_key(label)) not in seen:
                seen.add((language, label_key(label)))
                result.append((language, label))
    return result


def upsert_concept(source, key, kind, labels, tally):
    """Create or update one seeded concept, unless a reviewer has edited it."""
    existing = TermConcept.objects.filter(source=source, source_key=key).first()
    if existing is not None and existing.curated:
        return existing
    concept = upsert_row(TermConcept, {"source": source, "source_key": key}, {"kind": kind}, tally)
    wanted = ordered_labels(labels)
    current = list(concept.labels.order_by("sort_order", "pk").values_list("language", "label"))
    if current != wanted:
        concept.labels.all().delete()
        for order, (language, label) in enumerate(wanted):
            TermLabel.objects.create(
                concept=concept, language=language, label=label, sort_order=order
            )
        tally.note("updated" if current else "created", "termbase labels")
    return concept


def load_termbase(tally):
    """Seed the termbase; returns the concepts written or kept."""
    return [
        upsert_concept(source, key, kind, labels, tally)
        for source, key, kind, labels in seed_concepts()
    ]
