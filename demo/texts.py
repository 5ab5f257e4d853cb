"""Turn the plain data and phrases into page text for one language: titles, summaries and
StreamField data (raw block lists, without ids: Wagtail assigns them)."""

from html import escape

from . import data, phrases

SOURCE_LANGUAGE = "zh-hans"
FULL_LANGUAGES = ["zh-hans", "en"]  # every page exists in these; the others are partial


def pick(texts, lang):
    """``texts[lang]``, falling back to English (e.g. an institution without a Lao name)."""
    return texts.get(lang) or texts["en"]


def capitalised(text):
    return text[:1].upper() + text[1:]


def in_sentence(text, lang):
    """An English title inside a sentence: 'Welding technology' -> 'welding technology', but
    'EV charging' stays as it is."""
    if lang == "en" and len(text) > 1 and text[1].islower():
        return text[:1].lower() + text[1:]
    return text


def join(items, lang):
    words = phrases.RESOURCE["en" if lang != "zh-hans" else "zh-hans"]
    if len(items) <= 1:
        return "".join(items)
    return words["list_sep"].join(items[:-1]) + words["and"] + items[-1]


def country_list(codes, lang):
    return join([data.COUNTRY_NAMES[c][lang] for c in codes], lang)


def rich(text):
    return f"<p>{escape(text, quote=False)}</p>"


def body(heading, *paragraphs):
    return [{"type": "heading", "value": heading}] + [
        {"type": "paragraph", "value": rich(p)} for p in paragraphs
    ]


def programme_languages(programme):
    """The languages a programme's resources are published in: zh-hans, en and any Mekong
    language its topic is given in."""
    return FULL_LANGUAGES + [
        lang for lang in phrases.MEKONG_LANGUAGES if lang in programme["topic"]
    ]


def material_languages(programme):
    """Languages of the material's files: an English PDF, a Chinese handout and a handout in
    the Mekong language the programme is translated into."""
    return ["en", "zh-hans"] + programme_languages(programme)[2:]


class ProgrammeText:
    """The words of one programme's four resources in one language.

    zh-hans and en have full phrases. A Mekong language has a title and summary of its own and
    takes the detail (modules, competencies, awarding body) from ``fallback``, the English text.
    """

    def __init__(self, programme, institution, lang, fallback=None):
        self.programme = programme
        self.lang = lang
        self.words = phrases.RESOURCE.get(lang)
        self.fallback = fallback
        if self.words is None and fallback is None:
            raise ValueError(f"{lang} needs the English text as fallback")
        topic = pick(programme["topic"], lang)
        kind_zh, kind_en = phrases.MATERIAL_KINDS[programme["material_kind"]]
        words_lang = "zh-hans" if lang == "zh-hans" else "en"
        self.context = {
            "topic": in_sentence(topic, lang),
            "Topic": capitalised(topic),
            "hours": course_hours(programme),
            "chinese": chinese_hours(programme),
            "units": len(programme["modules"]),
            "countries": country_list(programme["countries"], words_lang),
            "recognised": country_list(programme["countries"], words_lang),
            "institution": pick(institution["name"], lang),
            "kind": kind_zh if lang == "zh-hans" else kind_en,
            "Kind": capitalised(kind_en),
            "languages": join(
                [phrases.LANGUAGE_NAMES[words_lang][x] for x in material_languages(programme)],
                words_lang,
            ),
        }
        if self.words:
            self.context["issuing"] = self.words["issuing"]
            self.context["awarding"] = self.words["awarding"].format(**self.context)

    def _format(self, key, **extra):
        return self.words[key].format(**self.context, **extra)

    def title(self, kind):
        if self.words:
            return self._format(f"{kind}_title")
        mekong = phrases.MEKONG_RESOURCE[self.lang]
        return f"{mekong['types'][kind]}: {self.context['Topic']}"

    def summary(self, kind):
        if self.words:
            return self._format(f"{kind}_summary")
        mekong = phrases.MEKONG_RESOURCE[self.lang]
        return mekong["summary"].format(
            type=mekong["types"][kind],
            topic=self.context["topic"],
            institution=self.context["institution"],
        )

    def body(self, kind):
        if self.words:
            return body(
                self.words["about"],
                self.summary(kind),
                self.words["practice"],
                self.words["practice_text"],
            )
        return body(phrases.MEKONG_RESOURCE[self.lang]["heading"], self.summary(kind))

    def module_titles(self):
        if not self.words:
            return self.fallback.module_titles()
        index = 0 if self.lang == "zh-hans" else 1
        return [m[index] for m in self.programme["modules"]]

    def modules(self):
        """CourseModuleBlock data, ending with the workplace-Chinese module if there is one."""
        if not self.words:
            return self.fallback.modules()
        blocks = [
            {
                "type": "module",
                "value": {
                    "title": title,
                    "hours": module[2],
                    "outcomes": self._each(self.words["outcomes"], title),
                },
            }
            for title, module in zip(self.module_titles(), self.programme["modules"], strict=True)
        ]
        extra = extra_chinese_hours(self.programme)
        if extra:
            blocks.append(
                {
                    "type": "module",
                    "value": {
                        "title": self._format("chinese_module"),
                        "hours": extra,
                        "outcomes": list(self.words["chinese_outcomes"]),
                    },
                }
            )
        return blocks

    def competencies(self, standard_code):
        if not self.words:
            return self.fallback.competencies(standard_code)
        return [
            {
                "type": "competency",
                "value": {
                    "code": f"{standard_code}-U{number:02d}",
                    "title": title,
                    "performance_criteria": self._each(self.words["criteria"], title),
                },
            }
            for number, title in enumerate(self.module_titles(), start=1)
        ]

    def _each(self, templates, module_title):
        return [t.format(module=in_sentence(module_title, self.lang)) for t in templates]

    def detail(self, key):
        """A free-text detail field (awarding body, assessment method, issuing body)."""
        if not self.words:
            return self.fallback.detail(key)
        return self._format(key)


def course_hours(programme):
    return sum(m[2] for m in programme["modules"]) + extra_chinese_hours(programme)


def extra_chinese_hours(programme):
    """The workplace-Chinese module added to courses outside the Chinese programme itself."""
    return 0 if "chinese-for-work" in programme["sectors"] else data.CHINESE_MODULE_HOURS


def chinese_hours(programme):
    if "chinese-for-work" in programme["sectors"]:
        return sum(m[2] for m in programme["modules"])
    return data.CHINESE_MODULE_HOURS
