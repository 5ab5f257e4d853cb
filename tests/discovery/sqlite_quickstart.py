"""The quick start's site, in a process of its own: SQLite, database search, dev settings.

The test suite's own process is bound to PostgreSQL, so `tests/discovery/test_quickstart_sqlite.py`
migrates a fresh SQLite file with ``manage.py migrate`` and then runs this module
(``python -m tests.sqlite_quickstart``) on it. It builds a small multilingual corpus with the
factories, prints one JSON line describing it, then answers one JSON request per line on
stdin with one JSON line on stdout, through Django's test client, until stdin closes (GET,
or POST with "method", of form data or of a JSON body; its ops sign in as a role, submit a
course for review, run a command, post forms from several threads at once).
"""

import io
import json
import os
import sys
import threading
import time
import traceback

HOST = "localhost"  # allowed by the dev settings, as the quick start's 127.0.0.1 is

WELDING_LO = "ພື້ນຖານການເຊື່ອມໂລຫະ"

# external id -> (factory name, original language, {language: title}); the first title is
# the original's. Summaries repeat the title.
CORPUS = {
    # Lao translation with no English word in it: an English word reaches it only through
    # the English translation.
    "QS-WELD": (
        "course",
        "zh-hans",
        {"zh-hans": "焊接基础", "en": "Welding basics", "lo": WELDING_LO},
    ),
    "QS-ELEC": (
        "standard",
        "en",
        {
            "en": "Electrical installation in buildings",
            "zh-hans": "建筑电气安装",
            "km": "ការដំឡើងប្រព័ន្ធអគ្គិសនីក្នុងអគារ",
            "my": "အဆောက်အအုံလျှပ်စစ်တပ်ဆင်ခြင်း",
        },
    ),
    # Burmese and Khmer translations are never a Lao reader's fallback: the original is.
    "QS-COFFEE": (
        "material",
        "zh-hans",
        {
            "zh-hans": "咖啡种植与初加工",
            "my": "ကော်ဖီစိုက်ပျိုးခြင်း",
            "km": "ការដាំកាហ្វេ",
            "en": "Coffee growing and processing",
        },
    ),
    "QS-RUBBER": (
        "certification",
        "en",
        {"en": "Rubber tapping", "th": "การกรีดยางพารา", "zh-hans": "橡胶割胶"},
    ),
    # Written in Vietnamese: the original comes before English and Chinese.
    "QS-RICE": (
        "course",
        "vi",
        {"vi": "Kỹ thuật trồng lúa", "en": "Rice growing techniques", "zh-hans": "水稻种植技术"},
    ),
    "QS-ROBOT": ("course", "zh-hans", {"zh-hans": "工业机器人编程"}),
    "QS-SOLAR": ("course", "lo", {"lo": "ການຕິດຕັ້ງແຜງໂຊລາ", "en": "Solar panel installation"}),
}


# A material found only by the text of its file (tests/discovery/test_fallback_file_text.py).
FILE_TEXT = {
    "external_id": "QS-FILES",
    "word": "earthingelectrode",
    "page": 37,
    "vietnamese": "Đo ĐIỆN ÁP trước khi làm việc",
    "private_word": "answerkeyword",
}


def add_file_text():
    """A published material with a public PDF whose page 37 holds FILE_TEXT's word (and a
    Vietnamese page in capitals), and a file of a private collection."""
    from django.core.files.base import ContentFile
    from wagtail.models import Collection, CollectionViewRestriction

    from filetext.models import DocumentText, TextSegment
    from tests import factories

    section = corpus_section()
    material = factories.published_resource(
        section,
        factories.TeachingMaterialPageFactory,
        title="Workshop handbook",
        summary="Workshop handbook",
        external_id=FILE_TEXT["external_id"],
    )
    private = Collection.get_first_root_node().add_child(name="Teachers only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    pdf = b"%PDF-1.7\n%%EOF\n"
    public = factories.add_material_file(
        material, title="Handbook", language="en", file=ContentFile(pdf, "h.pdf")
    )
    hidden = factories.add_material_file(
        material, title="Key", language="en", collection=private, file=ContentFile(pdf, "k.pdf")
    )
    pages = {
        public: {
            FILE_TEXT["page"]: f"Check the {FILE_TEXT['word']} first.",
            2: FILE_TEXT["vietnamese"],
        },
        hidden: {1: FILE_TEXT["private_word"]},
    }
    for document, texts in pages.items():
        text, _new = DocumentText.objects.update_or_create(
            document=document,
            defaults={"checksum_sha256": document.checksum_sha256, "status": "done"},
        )
        for number, body in texts.items():
            TextSegment.objects.create(document_text=text, number=number, text=body)
    return {"material": material.pk}


def build_corpus():
    from tests import factories

    kinds = {
        "course": factories.CoursePageFactory,
        "standard": factories.VocationalStandardPageFactory,
        "material": factories.TeachingMaterialPageFactory,
        "certification": factories.CertificationPageFactory,
    }
    tree = factories.build_site_tree()
    section = tree["section"]
    originals = {}
    sections = {
        code: factories.translate(section, code) for code in ("en", "th", "vi", "lo", "km", "my")
    }
    sections["zh-hans"] = section
    for external_id, (kind, original, titles) in CORPUS.items():
        page = factories.publish(
            kinds[kind](
                parent=sections[original],
                title=titles[original],
                summary=titles[original],
                institution=section.institution,
                external_id=external_id,
            )
        )
        originals[external_id] = page.pk
        for language, title in titles.items():
            if language != original:
                factories.translate(page, language, title=title, summary=title)
    library = tree["library"]
    return {
        "pages": originals,  # external id -> the original's page id
        "catalogue": {
            code: library.get_translation(locale).url
            for code, locale in _locales().items()
            if library.get_translation_or_none(locale) is not None
        },
    }


def _locales():
    from wagtail.models import Locale

    return {locale.language_code: locale for locale in Locale.objects.all()}


def corpus_section():
    """The corpus's institution section (Chinese)."""
    from resources.models import ResourceIndexPage

    return ResourceIndexPage.objects.filter(institution__isnull=False).first()


def member(username, role):
    """A new user of ``role`` at the corpus's institution."""
    from tests.helpers import make_user, role_groups

    return make_user(username, *role_groups(role, corpus_section().institution))


def sign_in(client, role):
    """The client signs in as the user of ``role`` at the corpus's institution (made the first
    time)."""
    from django.contrib.auth import get_user_model

    username = f"quickstart.{role}"
    user = get_user_model().objects.filter(username=username).first() or member(username, role)
    client.force_login(user)
    return {"user": user.pk}


def post_at_once(path, forms, role):
    """Users of ``role`` posting ``forms`` to ``path`` at the same moment, each on a connection
    of its own, as the quick start's threaded server serves them: the statuses they get."""
    from django.db import connection
    from django.test import Client

    clients = [Client(HTTP_HOST=HOST) for _form in forms]
    for client in clients:
        sign_in(client, role)
    start = threading.Barrier(len(forms))
    statuses = [None] * len(forms)

    def post(number):
        try:
            start.wait()
            statuses[number] = clients[number].post(path, forms[number]).status_code
        except Exception:  # noqa: BLE001 — said back to the test, which fails with it
            statuses[number] = traceback.format_exc(limit=-4)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(number,)) for number in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"statuses": statuses}


def draft_in_review(title):
    """A course of the corpus's institution, written by an editor and submitted for review."""
    from tests import factories

    section = corpus_section()
    editor = member(f"quickstart.editor.{len(title)}", "editor")
    page = factories.CoursePageFactory(
        parent=section, institution=section.institution, title=title, live=False
    )
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    return {"page": page.pk, "task_state": state.current_task_state_id}


def run_command(name, *args):
    """A management command's output, or the error it raised."""
    from django.core.management import call_command

    out = io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=out)
    except Exception:  # noqa: BLE001 — said back to the test, which fails with it
        return {"error": traceback.format_exc(limit=-8)}
    return {"output": out.getvalue()}


def respond(client, request):
    """The test client's response to ``request``: GET, or POST of form data or of a JSON body."""
    extra = {"QUERY_STRING": request.get("query_string", "")}
    extra.update(request.get("headers", {}))
    if request.get("method") != "POST":
        return client.get(request["path"], **extra)
    if "json" in request:
        body = json.dumps(request["json"])
        return client.post(request["path"], body, content_type="application/json", **extra)
    return client.post(request["path"], request.get("data", {}), **extra)


def answer(client, request):
    """One request, as the client asked: {status, content_type, location, json, text, head,
    error}; "head" is the first ``request["head"]`` bytes of the body, as Latin-1."""
    if request.get("op") == "add_file_text":
        return add_file_text()
    if request.get("op") == "sign_in":
        return sign_in(client, request["role"])
    if request.get("op") == "sign_out":
        client.logout()
        return {}
    if request.get("op") == "post_at_once":
        return post_at_once(request["path"], request["forms"], request["role"])
    if request.get("op") == "draft_in_review":
        return draft_in_review(request["title"])
    if request.get("op") == "command":
        return run_command(request["name"], *request.get("args", []))
    if request.get("op") == "flush_analytics":
        from discovery import analytics
        from discovery.models import DailySearches

        written = analytics.flush()
        return {"written": written, "rows": DailySearches.objects.count()}
    try:
        response = respond(client, request)
    except Exception:  # noqa: BLE001 — a server error: say which, for the assertion message
        return {"status": 500, "error": traceback.format_exc(limit=-8)}
    content_type = response.get("Content-Type", "")
    result = {"status": response.status_code, "content_type": content_type}
    if response.has_header("Location"):
        result["location"] = response["Location"]
    if response.status_code >= 500:
        result["error"] = response.content.decode(errors="replace")[-4000:]
    if content_type.split(";")[0].endswith(("/json", "+json")):
        result["json"] = json.loads(response.content)
    elif request.get("text"):
        result["text"] = response.content.decode()
    if request.get("head"):
        result["head"] = response.content[: request["head"]].decode("latin-1")
    return result


def main():
    # Protocol lines go to the real stdout; anything else printed goes to stderr.
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    import django

    django.setup()
    from django.test import Client

    started = time.monotonic()
    described = build_corpus()
    described["build_seconds"] = round(time.monotonic() - started, 2)
    protocol.write(json.dumps(described) + "\n")
    protocol.flush()

    client = Client(HTTP_HOST=HOST)
    for line in sys.stdin:
        if line.strip():
            protocol.write(json.dumps(answer(client, json.loads(line))) + "\n")
            protocol.flush()


if __name__ == "__main__":
    main()
