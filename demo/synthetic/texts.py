"""The words of one translation of a synthetic resource, in its language, from its plan:
title, summary, body, slug and the fields of its type (modules, competencies, awarding body).
zh-hans and en have their own detail; the other languages keep the English detail, as real
partial translations do."""

import html
import json

from django.utils.text import slugify

from demo import data as demo_data

from . import vocabulary as words
from .naming import SLUG_PREFIX


def _capitalised(text):
    return text[:1].upper() + text[1:]


def _join(items, lang):
    if len(items) <= 1:
        return "".join(items)
    return words.LIST_SEP[lang].join(items[:-1]) + words.LIST_AND[lang] + items[-1]


def _paragraph(text):
    return f"<p>{html.escape(text, quote=False)}</p>"


class ResourceTexts:
    """Writes a resource's texts from its plan (see ``planning.ResourcePlanner``)."""

    def __init__(self, snippets):
        self.snippets = snippets

    def context(self, plan, lang):
        topic = plan["topic"]["names"][lang]
        keywords = words.KEYWORDS[plan["sector"]][lang]
        kw1, kw2 = (keywords[i % len(keywords)] for i in plan["keywords"])
        if kw1 == kw2:
            kw2 = keywords[(plan["keywords"][1] + 1) % len(keywords)]
        type_name = words.TYPE_NAMES[lang][plan["kind"]]
        return {
            "topic": topic,
            "Topic": _capitalised(topic),
            "type": type_name,
            "Type": _capitalised(type_name),
            "institution": plan["institution"].name(lang),
            "hours": plan["hours"],
            "countries": _join([demo_data.COUNTRY_NAMES[c][lang] for c in plan["countries"]], lang),
            "kw1": kw1,
            "Kw1": _capitalised(kw1),
            "kw2": kw2,
            "sector": self.snippets.sector_names[plan["sector"]][lang],
        }

    def title(self, plan, lang, ctx):
        kind = plan["kind"]
        q = words.QUALIFIERS[lang][plan["qualifier"]]
        material = words.MATERIAL_KINDS[plan["material_kind"]][lang]
        grade = words.GRADES[lang][plan["grade"]]
        topic, Topic = ctx["topic"], ctx["Topic"]
        if lang == "zh-hans":
            return {
                "course": f"{topic}{q}",
                "standard": f"{topic}职业技能标准（{plan['version']}版）",
                "material": f"{topic}{q}{material}",
                "certification": f"{topic}职业技能等级证书（{grade}）",
            }[kind]
        if lang == "en":
            return {
                "course": f"{Topic}: {q}",
                "standard": f"{Topic} occupational skill standard, version {plan['version']}",
                "material": f"{Topic} {material} ({q})",
                "certification": f"{Topic} vocational skills certificate ({grade})",
            }[kind]
        type_name = ctx["type"]
        return {
            "course": f"{type_name}: {topic} {q}",
            "standard": f"{type_name}: {topic} ({plan['version']})",
            "material": f"{type_name}: {topic} {q} ({material})",
            "certification": f"{type_name}: {topic} ({grade})",
        }[kind]

    def summary(self, plan, lang, ctx):
        templates = words.SUMMARIES[lang]
        if plan["kind"] != "course":
            templates = [t for t in templates if "{hours}" not in t] or templates
        return templates[plan["summary"] % len(templates)].format(**ctx)

    def body(self, plan, lang, ctx):
        pool = words.PARAGRAPHS[lang]
        ids = iter(plan["block_ids"])
        blocks = [{"type": "heading", "value": words.HEADINGS[lang], "id": next(ids)}]
        for i in plan["paragraphs"]:
            text = pool[i % len(pool)].format(**ctx)
            blocks.append({"type": "paragraph", "value": _paragraph(text), "id": next(ids)})
        return blocks

    def units(self, plan, lang, ctx):
        """Module or unit titles: zh-hans and en their own, other languages the English."""
        detail = lang if lang in words.MODULES else "en"
        if detail != lang:
            ctx = self.context(plan, "en")
        return detail, [words.MODULES[detail][i].format(**ctx) for i in plan["modules"]]

    def specific(self, plan, lang, ctx):
        kind = plan["kind"]
        ids = iter(plan["block_ids"][4:])
        if kind == "course":
            detail, titles = self.units(plan, lang, ctx)
            share = max(1, plan["hours"] // len(titles))
            modules = [
                {
                    "type": "module",
                    "value": {
                        "title": t,
                        "hours": share,
                        "outcomes": [o.format(module=t) for o in words.OUTCOMES[detail]],
                    },
                    "id": next(ids),
                }
                for t in titles
            ]
            return {
                "duration_hours": plan["hours"],
                "delivery_mode": plan["delivery"],
                "chinese_language_hours": plan["chinese_hours"],
                "modules": json.dumps(modules, ensure_ascii=False),
            }
        if kind == "standard":
            detail, titles = self.units(plan, lang, ctx)
            code = f"LM-{plan['institution'].country}-SYN-{plan['seq']:07d}"
            units = [
                {
                    "type": "competency",
                    "value": {
                        "code": f"{code}-U{n:02d}",
                        "title": t,
                        "performance_criteria": [
                            c.format(module=t) for c in words.CRITERIA[detail]
                        ],
                    },
                    "id": next(ids),
                }
                for n, t in enumerate(titles, start=1)
            ]
            issuing = words.ISSUING_BODIES[detail][plan["issuing"]].format(**ctx)
            return {
                "code": code,
                "version": plan["version"],
                "issuing_body": issuing[:200],
                "issued_on": plan["issued_on"],
                "competencies": json.dumps(units, ensure_ascii=False),
            }
        if kind == "material":
            return {"kind": plan["material_kind"]}
        detail = lang if lang in words.AWARDING else "en"
        detail_ctx = (
            ctx
            if detail == lang
            else {**self.context(plan, "en"), "institution": ctx["institution"]}
        )
        return {
            "awarding_body": words.AWARDING[detail].format(**detail_ctx)[:200],
            "assessment_method": words.ASSESSMENT[detail][plan["assessment"]].format(**detail_ctx),
            "validity_years": plan["validity"],
        }

    def slug(self, plan):
        english = self.title(plan, "en", self.context(plan, "en"))
        return f"{SLUG_PREFIX}{plan['seq']:07d}-{slugify(english)[:60].strip('-')}"
