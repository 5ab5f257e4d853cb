"""The quick start on SQLite, what a newcomer sees after `scripts/quickstart.sh`: its search,
the editors' admin (reviews with due dates, the translation board) and certificates (issued and
revoked in the admin, then seen, downloaded, printed and verified as the public does).

The suite runs on PostgreSQL, so the quick start's world lives in a subprocess
(tests/discovery/sqlite_quickstart.py): a fresh SQLite file migrated with ``manage.py migrate``, the dev
settings, no search engine configured, a small corpus in six languages. Requests go through
Django's test client there; the answers come back as JSON and are checked here. No input
may give a 500, the language filter and the fallback order hold, pages render, and having no
engine is the normal case, not a degradation.
"""

import json
import os
import re
import select
import subprocess
import sys
from datetime import date, timedelta
from urllib.parse import urlencode, urlsplit

import pytest
from myanmar import converter

from credentials.status_lists import bit_is_set
from tests.discovery.sqlite_quickstart import CORPUS, WELDING_LO
from tests.helpers import NASTY_QUERY_STRINGS, PROJECT_ROOT, RESPONSE_KEYS

ROOT = PROJECT_ROOT
API = "/api/discovery/"
SUGGEST = "/api/discovery/suggest/"
# Slow machines migrate slowly; a hang still ends the module with the subprocess's errors.
MIGRATE_TIMEOUT = 600
ANSWER_TIMEOUT = 120

ELEC_MY = CORPUS["QS-ELEC"][2]["my"]

HOSTILE_TEXTS = [
    '"',
    '""',
    '"welding',
    "'",
    "*",
    "(",
    ")",
    "-",
    ":",
    "^",
    "NEAR",
    "AND",
    "OR",
    "NOT",
    "a OR b",
    "welding NOT",
    "NEAR(welding basics)",
    "title:welding",
    "{title}: welding",
    "weld*",
    "-welding",
    "+welding",
    "welding^2",
    "50%",
    "%s",
    "\\",
    "🔧🚗",
    "x" * 200,
    "welding " * 25,
    "weld\x00ing",
    "\x01\x02\x1f\x7f",
    "\t\n",
    converter.convert(ELEC_MY, "unicode", "zawgyi"),  # Zawgyi Burmese
    WELDING_LO,
    "ការដាំកាហ្វេ",
    "การกรีดยางพารา",
    "焊接基礎",  # traditional Chinese
    "Kỹ thuật",
    "ﷺ",
    "\u202e\u200b\ufeff",
]


def _text_id(text):
    return ascii(text)[1:25]


class QuickStart:
    """The quick start's site in its subprocess: ``get`` returns its answer as a dict."""

    def __init__(self, folder):
        self.folder = folder
        self.env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("DJANGO_", "DLM_", "DATABASE_"))
        }
        self.env.update(
            DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
            DJANGO_SETTINGS_MODULE="digital_lm.settings.dev",
            DLM_DISCOVERY_ENGINE="database",
            DJANGO_MEDIA_ROOT=str(folder / "media"),
        )
        self.errors = (folder / "stderr.txt").open("w+", encoding="utf-8")
        self.process = None
        self.described = None

    def migrate(self):
        done = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=MIGRATE_TIMEOUT,
        )
        assert done.returncode == 0, f"migrate on SQLite failed:\n{done.stderr[-4000:]}"

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.discovery.sqlite_quickstart"],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
            encoding="utf-8",
        )
        self.described = self._read(MIGRATE_TIMEOUT)

    def _read(self, timeout):
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            self.errors.flush()
            self.errors.seek(0)
            pytest.fail(f"the SQLite site stopped answering:\n{self.errors.read()[-4000:]}")
        return json.loads(line)

    def ask(self, request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return self._read(ANSWER_TIMEOUT)

    def get(self, path, query_string="", text=False, **params):
        if params:
            query_string = urlencode(params, doseq=True)
        return self.ask({"path": path, "query_string": query_string, "text": text})

    def post(self, path, data=None, **request):
        """POST form ``data``, or a JSON body with ``json=``; ``request`` as for ``ask``."""
        return self.ask({"path": path, "method": "POST", "data": data or {}, **request})

    def stop(self):
        if self.process is not None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.errors.close()


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory):
    site = QuickStart(tmp_path_factory.mktemp("quickstart"))
    try:
        site.migrate()
        site.start()
        yield site
    finally:
        site.stop()


def no_server_error(answer):
    assert answer["status"] in (200, 400), answer.get("error", answer["status"])


def assert_answered(answer):
    """200 with a full, non-degraded answer, or 400 naming the refused parameter."""
    no_server_error(answer)
    body = answer["json"]
    if answer["status"] == 400:
        assert set(body) == {"error"} and body["error"]["parameter"], body
    else:
        assert set(body) == RESPONSE_KEYS
        assert body["degraded"] is False


def shown(body):
    return {h["external_id"]: (h["title"], h["language"], h["matched_language"]) for h in body}


# --- no input gives a server error -----------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=_text_id)
def test_odd_text_never_gives_a_server_error_in_the_api(quickstart, text):
    assert_answered(quickstart.get(API, q=text, lang="en"))
    assert_answered(quickstart.get(API, q=text, lang="lo", language="lo", sort="title"))


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=_text_id)
def test_odd_text_never_gives_a_server_error_on_the_search_page(quickstart, text):
    no_server_error(quickstart.get("/en/search/", q=text))
    no_server_error(quickstart.get("/my/search/", q=text, type="course"))


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=_text_id)
def test_odd_text_never_gives_a_server_error_in_suggestions(quickstart, text):
    answer = quickstart.get(SUGGEST, q=text, lang="lo")
    no_server_error(answer)
    assert set(answer["json"]) in ({"error"}, {"suggestions"})


@pytest.mark.parametrize("query_string", NASTY_QUERY_STRINGS, ids=lambda s: s[:40])
def test_strange_query_strings_never_give_a_server_error(quickstart, query_string):
    assert_answered(quickstart.get(API, query_string))
    no_server_error(quickstart.get("/lo/search/", query_string))
    no_server_error(quickstart.get(SUGGEST, query_string))


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=_text_id)
def test_odd_text_never_gives_a_server_error_in_the_content_api(quickstart, text):
    for endpoint in ("pages", "documents", "images"):
        no_server_error(quickstart.get(f"/api/v2/{endpoint}/", search=text))
    no_server_error(quickstart.get("/api/v2/pages/", search=text, search_operator="or"))


@pytest.mark.parametrize("query_string", NASTY_QUERY_STRINGS, ids=lambda s: s[:40])
def test_strange_query_strings_never_give_a_server_error_to_partners(quickstart, query_string):
    # OAI-PMH answers every request, errors included, as HTTP 200.
    assert quickstart.get("/oai/", query_string)["status"] == 200
    assert quickstart.get("/oai/", f"verb=ListRecords&{query_string}")["status"] == 200
    # A filter value that names nothing is "not found" there.
    for path in ("/api/v2/pages/", "/feeds/en/rss/", "/feeds/lo/atom/", "/sitemap-en-course.xml"):
        answer = quickstart.get(path, query_string)
        assert answer["status"] in (200, 400, 404), answer.get("error", answer["status"])


# --- the language filter and the fallback order ----------------------------------------------


def test_an_english_word_finds_the_lao_translation(quickstart):
    answer = quickstart.get(API, q="welding", lang="en", language="lo")
    assert_answered(answer)
    body = answer["json"]
    assert shown(body["results"]) == {"QS-WELD": (WELDING_LO, "lo", "en")}
    assert body["count"] == 1
    assert body["results"][0]["url"].startswith("/lo/")


def test_without_a_filter_the_matching_translation_is_shown(quickstart):
    body = quickstart.get(API, q="welding", lang="en")["json"]
    assert shown(body["results"]) == {"QS-WELD": ("Welding basics", "en", "en")}
    counts = {v["value"]: v["count"] for v in body["facets"]["language"]}
    assert counts == {"zh-hans": 1, "en": 1, "lo": 1}


def test_browsing_in_lao_lists_every_resource_once(quickstart):
    """In Lao where it exists, else the original (which comes before English and Chinese)."""
    body = quickstart.get(API, lang="lo", page_size=50)["json"]
    ids = [h["external_id"] for h in body["results"]]
    assert sorted(ids) == sorted(CORPUS) and body["count"] == len(CORPUS)
    expected = {
        "QS-WELD": "lo",
        "QS-SOLAR": "lo",
        "QS-ELEC": "en",  # its original
        "QS-RUBBER": "en",
        "QS-COFFEE": "zh-hans",  # its original, not the Burmese or Khmer translation
        "QS-ROBOT": "zh-hans",
        "QS-RICE": "vi",  # its original, before English and Chinese
    }
    assert {h["external_id"]: h["language"] for h in body["results"]} == expected
    for hit in body["results"]:
        assert hit["title"] == CORPUS[hit["external_id"]][2][hit["language"]]
        assert hit["matched_language"] is None


def test_the_language_filter_keeps_one_language(quickstart):
    for language in ("zh-hans", "en", "th", "vi", "lo", "km", "my"):
        body = quickstart.get(API, lang="lo", language=language, page_size=50)["json"]
        expected = {key for key, (_, _, titles) in CORPUS.items() if language in titles}
        assert {h["external_id"] for h in body["results"]} == expected, language
        assert {h["language"] for h in body["results"]} == {language}, language


def test_words_in_other_scripts_find_their_translation(quickstart):
    """Whole titles only: the database backend does not segment unspaced scripts."""
    zawgyi = converter.convert(ELEC_MY, "unicode", "zawgyi")
    body = quickstart.get(API, q=zawgyi, lang="lo")["json"]
    assert shown(body["results"]) == {"QS-ELEC": (ELEC_MY, "my", "my")}
    body = quickstart.get(API, q="焊接基礎", lang="lo", language="lo")["json"]
    assert shown(body["results"]) == {"QS-WELD": (WELDING_LO, "lo", "zh-hans")}
    # No Lao translation: the language typed in comes before the English original.
    body = quickstart.get(API, q="การกรีดยางพารา", lang="lo")["json"]
    assert shown(body["results"]) == {"QS-RUBBER": ("การกรีดยางพารา", "th", "th")}


# --- pages -----------------------------------------------------------------------------------


def _words(answer):
    return " ".join(answer["text"].split())


def test_the_search_page_shows_results_and_the_facet_form(quickstart):
    answer = quickstart.get("/en/search/", text=True, q="welding", language="lo")
    assert answer["status"] == 200
    text = _words(answer)
    assert WELDING_LO in text
    assert 'Found in <span lang="en">English</span>' in text
    assert text.count('class="result"') == 1
    assert 'class="facets__group"' in text and 'name="language" value="lo"' in text
    assert "The full search engine is unavailable" not in text

    browsing = quickstart.get("/lo/search/", text=True)
    assert browsing["status"] == 200
    assert _words(browsing).count('class="result"') == len(CORPUS)


def test_the_home_page_and_the_catalogue_answer(quickstart):
    for path in (
        "/lo/",
        "/zh-hans/",
        "/en/",
        quickstart.described["catalogue"]["lo"],
        "/lo/standards/",
    ):
        answer = quickstart.get(path, text=True)
        assert answer["status"] == 200, (path, answer.get("error"))
    catalogue = quickstart.get(quickstart.described["catalogue"]["lo"], text=True)
    assert WELDING_LO in catalogue["text"]


def test_no_engine_is_not_a_degradation(quickstart):
    for params in ({"lang": "lo"}, {"q": "welding", "lang": "en"}, {"q": "nothing-like-it"}):
        assert quickstart.get(API, **params)["json"]["degraded"] is False
    assert (
        "The full search engine is unavailable"
        not in quickstart.get("/lo/search/", text=True, q="welding")["text"]
    )


def test_searches_are_counted(quickstart):
    """The analytics writer works on SQLite too."""
    quickstart.get(API, q="rubber", lang="th")
    answer = quickstart.ask({"op": "flush_analytics"})
    assert answer["rows"] > 0


# --- the editors' admin on SQLite ------------------------------------------------------------


@pytest.fixture
def signed_in(quickstart):
    """Sign in as a role for one test; signed out after it, for the public pages' tests."""

    def sign_in(role):
        return quickstart.ask({"op": "sign_in", "role": role})

    yield sign_in
    quickstart.ask({"op": "sign_out"})


def test_a_reviewer_claims_a_review_and_is_reminded_on_sqlite(quickstart, signed_in):
    review = quickstart.ask({"op": "draft_in_review", "title": "Solar inverter maintenance"})
    signed_in("reviewer")
    dashboard = quickstart.get("/admin/", text=True)
    assert dashboard["status"] == 200, dashboard.get("error")
    assert "Solar inverter maintenance" in dashboard["text"] and "Your reviews" in dashboard["text"]

    claimed = quickstart.ask(
        {"path": f"/admin/reviews/{review['task_state']}/claim/", "method": "POST"}
    )
    assert claimed["status"] == 302, claimed.get("error")
    my_work = quickstart.get("/admin/my-work/", text=True)
    assert my_work["status"] == 200 and "Solar inverter maintenance" in my_work["text"]
    reminded = quickstart.ask({"op": "command", "name": "send_review_reminders"})
    assert "error" not in reminded, reminded.get("error")


def test_a_lao_translator_uses_the_translation_board_on_sqlite(quickstart, signed_in):
    signed_in("translator")
    board = "/admin/reports/translation-board/"
    for params in ({}, {"state": "missing"}, {"ordering": "title"}, {"ordering": "-age"}):
        answer = quickstart.get(board, text=True, **params)
        assert answer["status"] == 200, (params, answer.get("error"))
    for export in ("csv", "xlsx"):
        answer = quickstart.get(board, export=export)
        assert answer["status"] == 200, (export, answer.get("error"))
    taxonomies = quickstart.get("/admin/reports/translation-board/taxonomies/", text=True)
    assert taxonomies["status"] == 200, taxonomies.get("error")

    missing_before = quickstart.get(board, text=True, language="lo", state="missing")["text"]
    assert 'data-state="missing"' in missing_before
    created = quickstart.ask(
        {"path": f"{board}create/", "method": "POST", "data": {"language": "lo"}}
    )
    assert created["status"] == 302, created.get("error")
    after = quickstart.get(board, text=True, language="lo")["text"]
    assert 'data-state="missing"' not in after and 'data-state="in_review"' in after


# --- certificates on SQLite ------------------------------------------------------------------

CERTIFICATION = "QS-RUBBER"
VERIFY = "/en/verify/"
VERIFY_API = "/api/credentials/verify"
PUBLIC_LINK = re.compile(r'href="([^"]+/credentials/[A-Za-z0-9_-]+/)"[^>]*data-dlm-public-link')


def issue_form(quickstart):
    return f"/admin/certificates/issue/{quickstart.described['pages'][CERTIFICATION]}/"


def issue_data(learner):
    """The issue form as an issuer fills it in: a certificate in English, achieved last month."""
    return {
        "learner_name": learner,
        "identifier": "learner@example.org",
        "achieved_on": (date.today() - timedelta(days=30)).isoformat(),
        "result": "Pass",
        "language": "en",
    }


def issue_certificate(quickstart, signed_in, learner):
    """A certificate of the corpus's certification, issued by a certificate issuer through the
    admin's form: {"admin": its admin page, "link": its public page's address}. The issuer
    stays signed in."""
    signed_in("issuer")
    form = issue_form(quickstart)
    shown = quickstart.get(form, text=True)
    assert shown["status"] == 200, shown.get("error", shown["status"])
    issued = quickstart.post(form, issue_data(learner), text=True)
    assert issued["status"] == 302, issued.get("error") or issued.get("text", "")[-2000:]
    detail = quickstart.get(issued["location"], text=True)
    assert detail["status"] == 200, detail.get("error", detail["status"])
    assert learner in detail["text"]
    return {"admin": issued["location"], "link": PUBLIC_LINK.search(detail["text"])[1]}


def public_addresses(link):
    """The paths of a certificate's page, signed JSON and PDF, from its public link."""
    page = urlsplit(link).path
    token = page.rstrip("/").rsplit("/", 1)[1]
    return {"page": page, "json": f"/credentials/{token}.json", "pdf": f"{page}certificate.pdf"}


def verdicts(quickstart, link):
    """What the learner's page, the verify page and the verification API say of the link (no
    one signed in), each answering without a server error."""
    page = quickstart.get(public_addresses(link)["page"], text=True)
    verify_page = quickstart.get(VERIFY, text=True, url=link)
    api = quickstart.post(VERIFY_API, json={"url": link})
    found = {}
    for name, answer in (("page", page), ("verify_page", verify_page)):
        assert answer["status"] == 200, (name, answer.get("error", answer["status"]))
        found[name] = re.search(r'data-verdict="([a-z_]+)"', answer["text"])[1]
    assert api["status"] == 200, api.get("error", api["status"])
    found["api"] = api["json"]["verdict"]
    return found


def revoked_in_status_list(quickstart, signed):
    """Whether the certificate's bit is set in its issuer's status list, as served."""
    status = signed["credentialStatus"]
    answer = quickstart.get(urlsplit(status["statusListCredential"]).path)
    assert answer["status"] == 200, answer.get("error", answer["status"])
    assert answer["content_type"].startswith("application/vc+ld+json")
    encoded = answer["json"]["credentialSubject"]["encodedList"]
    return bit_is_set(encoded, int(status["statusListIndex"]))


def test_a_certificate_issued_on_sqlite_is_shown_downloaded_printed_and_verified(
    quickstart, signed_in
):
    certificate = issue_certificate(quickstart, signed_in, "Malee Rattanakul")
    quickstart.ask({"op": "sign_out"})  # the learner and those they show it to
    link = certificate["link"]
    addresses = public_addresses(link)

    page = quickstart.get(addresses["page"], text=True)
    assert page["status"] == 200, page.get("error", page["status"])
    assert "Malee Rattanakul" in page["text"] and "Rubber tapping" in page["text"]
    assert verdicts(quickstart, link) == {"page": "valid", "verify_page": "valid", "api": "valid"}

    downloaded = quickstart.get(addresses["json"])
    assert downloaded["status"] == 200, downloaded.get("error", downloaded["status"])
    signed = downloaded["json"]
    assert "OpenBadgeCredential" in signed["type"] and signed["name"] == "Rubber tapping"
    assert signed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"

    printed = quickstart.ask({"path": addresses["pdf"], "head": 5})
    assert printed["status"] == 200, printed.get("error", printed["status"])
    assert printed["content_type"] == "application/pdf" and printed["head"] == "%PDF-"

    # The file itself, pasted on the verify page and posted to the API.
    pasted = quickstart.post(VERIFY, {"credential": json.dumps(signed)}, text=True)
    assert pasted["status"] == 200 and 'data-verdict="valid"' in pasted["text"]
    api = quickstart.post(VERIFY_API, json=signed, query_string="language=th")
    assert api["status"] == 200 and api["json"]["verdict"] == "valid"
    assert api["json"]["certificate"]["learner"] == "Malee Rattanakul"
    refused = quickstart.post(VERIFY_API, json={"not": "a certificate"})
    assert refused["status"] in (200, 400), refused.get("error", refused["status"])
    assert refused["json"]["verdict"] != "valid"

    did = signed["issuer"]["id"]
    document = quickstart.get("/" + "/".join(did.split(":")[3:]) + "/did.json")
    assert document["status"] == 200, document.get("error", document["status"])
    assert document["content_type"].startswith("application/did+ld+json")
    assert document["json"]["id"] == did
    methods = [method["id"] for method in document["json"]["verificationMethod"]]
    assert signed["proof"]["verificationMethod"] in methods
    assert revoked_in_status_list(quickstart, signed) is False


def test_a_certificate_revoked_on_sqlite_verifies_as_revoked(quickstart, signed_in):
    certificate = issue_certificate(quickstart, signed_in, "Somchai Kaewmanee")
    link = certificate["link"]
    signed = quickstart.get(public_addresses(link)["json"])["json"]

    revoke = f"{certificate['admin']}revoke/"
    assert quickstart.get(revoke)["status"] == 200
    revoked = quickstart.post(revoke, {"reason": "Issued by mistake."})
    assert revoked["status"] == 302, revoked.get("error", revoked["status"])
    detail = quickstart.get(certificate["admin"], text=True)
    assert "Revoked" in detail["text"] and "Issued by mistake." in detail["text"]
    quickstart.ask({"op": "sign_out"})

    expected = {"page": "revoked", "verify_page": "revoked", "api": "revoked"}
    assert verdicts(quickstart, link) == expected
    assert quickstart.post(VERIFY_API, json=signed)["json"]["verdict"] == "revoked"
    assert revoked_in_status_list(quickstart, signed) is True


def test_issuers_issuing_at_the_same_moment_on_sqlite_all_get_their_certificate(quickstart):
    """SQLite has no SELECT ... FOR UPDATE: the status list index is still allocated one
    issuing at a time, and none of them is told the database is locked."""
    forms = [issue_data(f"Learner {number}") for number in range(6)]
    answer = quickstart.ask(
        {"op": "post_at_once", "path": issue_form(quickstart), "forms": forms, "role": "issuer"}
    )
    assert answer["statuses"] == [302] * len(forms), answer["statuses"]
