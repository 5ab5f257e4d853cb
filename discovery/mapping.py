"""The discovery index: analyzers and mapping, written with elasticsearch-dsl.

One document per published page translation, and one per public file of a teaching material
(``kind`` tells them apart), whose pages (slides, sheets, chapters) are nested documents:
a search matches a page, and counts and facets see the file once. Its text goes into the fields of its own
language (``title_lo``, ``summary_lo``, ``body_lo``...), each analysed by that language's
analyzer; a query runs over every language's fields, each with its own analyzer, so a Lao
query finds the Lao translation of a Chinese resource.

Every analyzer starts with the ICU tokenizer, which segments each script by its own rules:
dictionary-based words for Chinese, Thai, Lao, Khmer and Burmese, none of which put spaces
between words. They differ where the languages differ:
- Chinese arrives in simplified form (discovery.normalize converts it phrase by phrase before
  segmentation); a per-character mapping after segmentation still merges the traditional
  characters OpenCC keeps in names (昇, 乾, 祕...), so either form finds either;
- Latin-script languages (English, Vietnamese) fold case and diacritics, so "dien tu" finds
  "điện tử", and a ``.exact`` sub-field keeps the accents to rank exact spellings first;
- Thai, Lao, Khmer and Burmese are only normalised (NFKC, case): their vowel and tone marks
  are letters, and folding them away would merge different words.
Zawgyi Burmese is converted before it gets here (discovery.normalize).
"""

from django.conf import settings
from elasticsearch_dsl import (
    Boolean,
    Date,
    Index,
    Integer,
    Keyword,
    Long,
    Mapping,
    Nested,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)

from digital_lm.languages import LANGUAGE_CODES

icu = tokenizer("dlm_icu", "icu_tokenizer")
icu_folding = token_filter("dlm_icu_folding", "icu_folding")
icu_normalize = token_filter("dlm_icu_nfkc_cf", "icu_normalizer", name="nfkc_cf")
traditional_to_simplified = token_filter(
    "dlm_traditional_to_simplified", "icu_transform", id="Traditional-Simplified"
)
autocomplete_grams = token_filter("dlm_autocomplete_grams", "edge_ngram", min_gram=1, max_gram=20)

folded = analyzer("dlm_folded", tokenizer=icu, filter=[icu_folding])
exact = analyzer("dlm_exact", tokenizer=icu, filter=[icu_normalize])
chinese = analyzer("dlm_chinese", tokenizer=icu, filter=[traditional_to_simplified, icu_folding])
southeast_asian = analyzer("dlm_southeast_asian", tokenizer=icu, filter=[icu_normalize])
autocomplete_index = analyzer(
    "dlm_autocomplete",
    tokenizer=icu,
    filter=[traditional_to_simplified, icu_folding, autocomplete_grams],
)
autocomplete_search = analyzer(
    "dlm_autocomplete_search", tokenizer=icu, filter=[traditional_to_simplified, icu_folding]
)
# Typed text that is the start of the whole title: a half-typed Lao or Thai word is often
# segmented differently from the whole word, so word prefixes alone would miss it.
title_prefix_index = analyzer(
    "dlm_title_prefix",
    tokenizer="keyword",
    filter=[
        traditional_to_simplified,
        icu_folding,
        token_filter("dlm_title_prefix_grams", "edge_ngram", min_gram=1, max_gram=40),
    ],
)
title_prefix_search = analyzer(
    "dlm_title_prefix_search", tokenizer="keyword", filter=[traditional_to_simplified, icu_folding]
)

LATIN_SCRIPT_LANGUAGES = ("en", "vi")
# One per alliance language (digital_lm.languages): a system check (discovery.checks) says so.
LANGUAGE_ANALYZERS = {
    "zh-hans": chinese,
    "en": folded,
    "vi": folded,
    "th": southeast_asian,
    "lo": southeast_asian,
    "km": southeast_asian,
    "my": southeast_asian,
}
# Field suffix per language: "zh-hans" -> "zh_hans".
LANGUAGE_SUFFIX = {code: code.replace("-", "_") for code in LANGUAGE_CODES}
TEXT_FIELDS = ("title", "summary", "body")
# Query-time weight of each text field family.
FIELD_BOOSTS = {"title": 4, "summary": 2, "body": 1}
# The pages of a material's file (nested documents), their text in the file's language
# (``pages.text_<lang>``): found, but below any match in the material's own page.
FILE_PAGES = "pages"
FILE_TEXT_FIELD = "text"
FILE_TEXT_BOOST = 0.3
# Pages of one file indexed, at most (the engine bounds the nested documents of one).
MAX_FILE_PAGES = 10_000
# Matching pages of one file that a search pages through, at most.
MAX_PAGE_MATCHES = 1_000
# What a document is the text of: a page translation, or a page of a material's file.
KIND_PAGE = "page"
KIND_FILE = "file"


def document_id(translation_key, language):
    """The id of a resource's document in one language (a page translation, a harvested record)."""
    return f"{translation_key}:{language}"


def resource_number(translation_key):
    """The resource as a positive 63-bit number, derived from its translation key alone (so it
    never changes); two of a million resources share one with a chance of about 1 in 20 million."""
    return translation_key.int >> 65


def language_field(field, language):
    return f"{field}_{LANGUAGE_SUFFIX[language]}"


def file_text_field(language):
    """The field of a file page's text in ``language``, as a query names it."""
    return f"{FILE_PAGES}.{language_field(FILE_TEXT_FIELD, language)}"


# Every language's field of a file page's text (a query, a highlight or a source filter).
FILE_TEXT_FIELDS = f"{FILE_PAGES}.{FILE_TEXT_FIELD}_*"


def _language_text(language):
    if language in LATIN_SCRIPT_LANGUAGES:
        return Text(analyzer=LANGUAGE_ANALYZERS[language], fields={"exact": Text(analyzer=exact)})
    return Text(analyzer=LANGUAGE_ANALYZERS[language])


def build_index(name):
    """The elasticsearch-dsl Index (settings, analysis and mapping) for index ``name``."""
    index = Index(name)
    index.settings(
        number_of_shards=1,
        # A copy of each shard on another node of a cluster (DLM_DISCOVERY_REPLICAS; 0 on one node).
        number_of_replicas=settings.DISCOVERY_REPLICAS,
        # An acknowledged write is fsynced to the translog before the engine answers, so it
        # survives a crash of the engine (this is the engine default; stated, not assumed).
        **{"translog.durability": "request"},
        max_result_window=10_000,
        max_inner_result_window=MAX_PAGE_MATCHES,
        **{"mapping.nested_objects.limit": MAX_FILE_PAGES},
    )
    # Fields every search aggregates on: their global ordinals are built when a refresh makes
    # new documents visible, not by the first search after it (which would pay for them).
    facet = {"eager_global_ordinals": True}
    shown_only = {"index": False, "doc_values": False}  # read back from the source, never searched
    mapping = {
        "kind": Keyword(),
        "translation_key": Keyword(**facet),
        # The resource as a number: counting distinct resources hashes numbers much faster
        # than it looks up and hashes keyword ordinals (a third off a faceted search at 100k).
        "resource_number": Long(index=False),
        "external_id": Keyword(),
        "type": Keyword(**facet),
        "language": Keyword(**facet),
        "available_languages": Keyword(**facet),
        "original_language": Keyword(index=False, doc_values=False),
        "primary": Boolean(),
        "page_id": Integer(),
        "url": Keyword(index=False),
        # A resource harvested from a member's repository: that repository's name (the page
        # is the original's, elsewhere).
        "origin": Keyword(index=False, doc_values=False),
        "title": Keyword(index=False),  # the title as shown; searching uses title_<lang>
        "summary": Keyword(index=False, doc_values=False),
        "title_sort": Keyword(),
        "title_suggest": Text(
            analyzer=autocomplete_index,
            search_analyzer=autocomplete_search,
            fields={
                "prefix": Text(analyzer=title_prefix_index, search_analyzer=title_prefix_search)
            },
        ),
        "institution": Keyword(**facet),
        "institution_name": Text(analyzer=folded),
        "country": Keyword(**facet),
        "sector": Keyword(**facet),
        "sector_names": Text(analyzer=folded),
        "level": Keyword(**facet),
        "aqrf_level": Integer(),
        "tag": Keyword(**facet),
        "tag_text": Text(analyzer=folded),
        "code": Keyword(),  # a standard's code, found exactly
        "first_published_at": Date(),
        "last_published_at": Date(),
        # Where a file document's text comes from.
        "file_id": Integer(**shown_only),
        "file_title": Keyword(**shown_only),
        "file_name": Keyword(**shown_only),
        "file_url": Keyword(**shown_only),
        "location": Keyword(**shown_only),  # what a page's number counts: page, slide...
        FILE_PAGES: _file_pages(),
    }
    for language in LANGUAGE_CODES:
        for field in TEXT_FIELDS:
            mapping[language_field(field, language)] = _language_text(language)
        mapping[language_field("title_sort", language)] = Keyword()
    fields = Mapping()
    for field_name, field_type in mapping.items():
        fields.field(field_name, field_type)
    fields.meta("dynamic", "strict")
    # A file's text is stored per page and left out of the file document's source: a hit
    # reads back one page's number and passage, never the whole file's text.
    fields.meta("_source", {"excludes": [FILE_TEXT_FIELDS]})
    index.mapping(fields)
    return index


def _file_pages():
    """The pages of a file: the number (searched in order within a material) and label
    shown with a hit, and the text in the file's language. The text is stored with its
    offsets, so the passage of a hit is highlighted without analysing the page again. No
    accent-keeping sub-field: a file's pages are many, and found only below titles."""
    properties = {
        "number": Integer(index=False),
        "label": Keyword(index=False, doc_values=False),
    }
    for language in LANGUAGE_CODES:
        properties[language_field(FILE_TEXT_FIELD, language)] = Text(
            analyzer=LANGUAGE_ANALYZERS[language], store=True, index_options="offsets"
        )
    return Nested(properties=properties)


def index_body(name):
    """The create-index request body for ``name``."""
    return build_index(name).to_dict()
