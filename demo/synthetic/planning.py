"""The plan of each synthetic resource: its type, institution, topic, sectors, countries,
level, languages and publication dates, and which words its texts will use."""

import datetime as dt
import random
import uuid
from collections import defaultdict

from demo import data as demo_data
from demo.resource_types import ID_PARTS, models_for
from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from resources.models import NATIONAL_FRAMEWORKS

from . import vocabulary as words
from .naming import ID_PREFIX

# Per resource type (its public name): the share of the resources. In the order the sequence
# has always drawn them in, so that a seed keeps giving the same resources.
KIND_WEIGHTS = {"course": 35, "standard": 15, "material": 30, "certification": 20}
# Chance that a resource has a translation in each language; the language of the publishing
# institution's country gets HOME_LANGUAGE_ODDS instead.
LANGUAGE_ODDS = {
    "zh-hans": 0.9,
    "en": 0.85,
    "th": 0.22,
    "vi": 0.22,
    "lo": 0.12,
    "km": 0.12,
    "my": 0.1,
}
HOME_LANGUAGE_ODDS = 0.7
LICENCES = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC0-1.0"]
LICENCE_WEIGHTS = [50, 20, 15, 10, 5]
COUNTRY_ORDER = ["CN", "MM", "LA", "TH", "KH", "VN"]
FRAMEWORK_OF_COUNTRY = {country: code for code, (_n, country, _h) in NATIONAL_FRAMEWORKS.items()}
COURSE_HOURS = [16, 24, 32, 40, 48, 64, 72, 96, 120, 160]
PUBLISHED_OVER = dt.timedelta(days=3 * 365)


def resource_models():
    """{type name: page model} of the resources generated, in the order of KIND_WEIGHTS."""
    return models_for(KIND_WEIGHTS)


class ResourcePlanner:
    """Decides everything about resource number ``seq`` from (seed, seq) alone, so a top-up
    continues the same sequence a single larger run would have made. The plan says which
    words to use; ``texts.ResourceTexts`` writes them in each language."""

    def __init__(self, snippets, seed, now):
        self.snippets = snippets
        self.seed = seed
        self.now = now
        self.topics = [
            {"sector": s, "extra": extra, "tags": tags, "names": names}
            for s, extra, tags, names in words.TOPICS
        ]
        self.by_sector = defaultdict(list)
        for topic in self.topics:
            self.by_sector[topic["sector"]].append(topic)
            if topic["extra"]:
                self.by_sector[topic["extra"]].append(topic)
        self.institution_weights = [i.weight for i in snippets.institutions]

    def plan(self, seq):
        rng = random.Random(f"{self.seed}:{seq}")  # noqa: S311 - test data, not secrets
        kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        inst = rng.choices(self.snippets.institutions, self.institution_weights)[0]
        if inst.sectors and rng.random() < 0.75:
            topic = rng.choice(self.by_sector[rng.choice(inst.sectors)])
        else:
            topic = rng.choice(self.topics)
        sector = topic["sector"]
        sectors = [sector] + ([topic["extra"]] if topic["extra"] and rng.random() < 0.35 else [])
        tags = rng.sample(topic["tags"], rng.randint(1, len(topic["tags"])))
        if rng.random() < 0.3:
            generic = rng.choice(words.GENERIC_TAGS)
            if generic not in tags:
                tags.append(generic)
        others = [c for c in COUNTRY_ORDER if c != inst.country]
        chosen = {inst.country, *rng.sample(others, rng.choices([0, 1, 2], [50, 35, 15])[0])}
        countries = [c for c in COUNTRY_ORDER if c in chosen]
        level = None
        if rng.random() < 0.92:
            framework = FRAMEWORK_OF_COUNTRY[inst.country if rng.random() < 0.75 else "CN"]
            level = (framework, rng.randint(1, NATIONAL_FRAMEWORKS[framework][2]))

        home = demo_data.COUNTRY_LANGUAGE[inst.country]
        languages = [
            lang
            for lang in LANGUAGE_CODES
            if rng.random()
            < (
                HOME_LANGUAGE_ODDS
                if lang == home and lang not in ("zh-hans", "en")
                else LANGUAGE_ODDS[lang]
            )
        ] or [DEFAULT_LANGUAGE]

        first = self.now - dt.timedelta(seconds=rng.uniform(86400, PUBLISHED_OVER.total_seconds()))
        published = {}
        for i, lang in enumerate(languages):
            at = first if i == 0 else min(self.now, first + dt.timedelta(days=rng.uniform(0, 120)))
            last = (
                at
                if rng.random() < 0.6
                else min(self.now, at + dt.timedelta(days=rng.uniform(1, 200)))
            )
            published[lang] = (at, last)

        plan = {
            "seq": seq,
            "kind": kind,
            "institution": inst,
            "topic": topic,
            "sector": sector,
            "sectors": sectors,
            "tags": tags,
            "countries": countries,
            "level": level,
            "languages": languages,
            "published": published,
            "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
            "external_id": f"{ID_PREFIX}{ID_PARTS[kind]}-{seq:07d}",
            "licence": rng.choices(LICENCES, LICENCE_WEIGHTS)[0],
            "qualifier": rng.randrange(len(words.QUALIFIERS["en"])),
            "keywords": rng.sample(range(6), 2),
            "summary": rng.randrange(6),
            "paragraphs": rng.sample(range(6), rng.randint(1, 2)),
            "material_kind": rng.choice(list(words.MATERIAL_KINDS)),
            "hours": rng.choice(COURSE_HOURS),
            "delivery": rng.choice(["workshop", "blended", "workshop", "online"]),
            "modules": rng.sample(range(len(words.MODULES["en"])), rng.randint(2, 4)),
            "version": rng.choice(["1.0", "1.0", "1.1", "2.0"]),
            "issued_on": (first - dt.timedelta(days=rng.randint(30, 400))).date(),
            "issuing": rng.randrange(len(words.ISSUING_BODIES["en"])),
            "grade": rng.randrange(3),
            "validity": rng.choice([2, 3, 5, None]),
            "assessment": rng.randrange(len(words.ASSESSMENT["en"])),
            "block_ids": [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(12)],
        }
        chinese = plan["sector"] == "chinese-for-work"
        plan["chinese_hours"] = plan["hours"] if chinese else rng.choice([0, 8, 16, 24])
        plan["chinese_hours"] = min(plan["chinese_hours"], plan["hours"])
        return plan
