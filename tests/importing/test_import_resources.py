"""`manage.py import_resources`: institutions' spreadsheet catalogues become pages.

The alliance here has the demo's real taxonomies (countries, sectors and qualification levels in
seven languages) and four member institutions with their sections and review workflows, built
once per module; every test runs in a transaction rolled back after it.
"""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Locale, Page, Revision, WorkflowState

from demo import data, taxonomy
from demo.sync import Tally
from resources.importing.columns import ALL_COLUMNS
from resources.models import (
    CertificationPage,
    CoursePage,
    Institution,
    ResourceIndexPage,
    TeachingMaterialPage,
    VocationalStandardPage,
)
from tests import factories
from tests.helpers import PROJECT_ROOT, make_user, role_groups

EXAMPLES = PROJECT_ROOT / "docs" / "examples"
MEMBERS = [
    "pakpasak-technical-college",
    "yunnan-mechatronics-vtc",
    "npic-cambodia",
    "lao-cai-college",
]

# Real text, as the institutions' staff would type it.
ZH_TITLE = "新能源汽车维修基础"
ZH_SUMMARY = "面向老挝学员的新能源汽车维修入门课程，在万象澜湄工坊授课。"
LO_TITLE = "ພື້ນຖານການສ້ອມແປງລົດພະລັງງານໃໝ່"
LO_SUMMARY = "ຫຼັກສູດເບື້ອງຕົ້ນກ່ຽວກັບການສ້ອມແປງລົດພະລັງງານໃໝ່ ສຳລັບນັກສຶກສາລາວ."
KM_TITLE = "ប្រតិបត្តិការពាណិជ្ជកម្មអេឡិចត្រូនិកឆ្លងដែន"
KM_SUMMARY = "វគ្គសិក្សាអំពីការគ្រប់គ្រងហាងអនឡាញឆ្លងដែន សម្រាប់និស្សិតនៅភ្នំពេញ។"
MY_TITLE = "ဂဟေဆော်သူ အသက်မွေးဝမ်းကျောင်း ကျွမ်းကျင်မှုလက်မှတ် (အဆင့် ၄)"
MY_SUMMARY = "လက်တွေ့စာမေးပွဲနှင့် စာတွေ့စာမေးပွဲဖြင့် အကဲဖြတ်သော ဂဟေဆော်သူ ကျွမ်းကျင်မှုလက်မှတ်။"
TH_TITLE = "มาตรฐานฝีมือแรงงานช่างเชื่อม (ฉบับศูนย์ล้านช้าง-แม่โขง)"
TH_SUMMARY = "มาตรฐานอาชีพช่างเชื่อมที่ศูนย์ฝึกล้านช้าง-แม่โขงใช้ร่วมกัน"
VI_TITLE = "Từ điển thuật ngữ logistics Việt – Trung"
VI_SUMMARY = "Bảng thuật ngữ logistics song ngữ cho học viên Trường Cao đẳng Lào Cai."


def build_world():
    tree = factories.build_site_tree()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    tally = Tally()
    countries = taxonomy.load_countries(locales, tally)
    taxonomy.load_sectors(locales, tally)
    taxonomy.load_levels(locales, tally)
    institutions = {}
    for item in (i for i in data.INSTITUTIONS if i["slug"] in MEMBERS):
        # Saving the zh-hans institution gives it its section, groups and workflows.
        source = factories.InstitutionFactory(
            slug=item["slug"],
            name=item["name"]["zh-hans"],
            country=countries[item["country"]]["zh-hans"],
        )
        for lang, name in item["name"].items():
            if lang != "zh-hans":
                Institution.objects.create(
                    slug=item["slug"],
                    name=name,
                    country=countries[item["country"]][lang],
                    locale=locales[lang],
                    translation_key=source.translation_key,
                )
        institutions[item["slug"]] = source
    pakpasak = institutions["pakpasak-technical-college"]
    users = {
        "editor": make_user("pakpasak.editor", *role_groups("editor", pakpasak)),
        "reviewer": make_user("pakpasak.reviewer", *role_groups("reviewer", pakpasak)),
    }
    return {**tree, "institutions": institutions, "users": users}


# Each test in its own rolled-back transaction, on top of the module's alliance.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with factories.built_once_per_module(django_db_blocker, build_world) as built:
        yield built


@pytest.fixture
def editor(world, db):
    return world["users"]["editor"]


# Files --------------------------------------------------------------------------------------


def course_row(external_id="PKTC-EV-101", language="zh-hans", **cells):
    return {
        "external_id": external_id,
        "type": "course",
        "language": language,
        "title": ZH_TITLE,
        "summary": ZH_SUMMARY,
        "institution": "pakpasak-technical-college",
        "country": "LA, CN",
        "sector": "new-energy-vehicles",
        "level": "LA-LNQF-3",
        "tags": "电动汽车, battery-safety",
        "licence": "CC-BY-4.0",
        "duration_hours": "120",
        "delivery_mode": "blended",
        "chinese_language_hours": "30",
        **cells,
    }


def lao_translation_row(external_id="PKTC-EV-101", **cells):
    return {
        "external_id": external_id,
        "translation_of": external_id,
        "language": "lo",
        "title": LO_TITLE,
        "summary": LO_SUMMARY,
        **cells,
    }


def standard_row(**cells):
    return {
        "external_id": "YNMEC-WELD-STD",
        "type": "standard",
        "language": "zh-hans",
        "title": "焊工职业技能标准",
        "summary": "澜湄工坊共用的焊工职业技能标准。",
        "institution": "yunnan-mechatronics-vtc",
        "country": "CN,LA,TH",
        "sector": "welding",
        "level": "CN-VSL-4",
        "code": "LM-CN-WELD-2026",
        "issuing_body": "澜湄职业教育联盟秘书处",
        "issued_on": "2025-10-20",
        **cells,
    }


def columns_of(rows):
    columns = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def write_csv(tmp_path, rows, name="catalogue.csv", encoding="utf-8", delimiter=","):
    path = tmp_path / name
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns_of(rows), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(tmp_path, rows, name="catalogue.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    return path


def write_xlsx(tmp_path, rows, name="catalogue.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    columns = columns_of(rows)
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column) for column in columns])
    path = tmp_path / name
    workbook.save(path)
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_resources", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def import_error(path, *args):
    with pytest.raises(CommandError) as caught:
        run(path, *args)
    return str(caught.value)


def course(external_id="PKTC-EV-101", language="zh-hans"):
    return CoursePage.objects.get(external_id=external_id, locale__language_code=language)


def section_of(institution, language):
    return ResourceIndexPage.objects.get(
        institution__translation_key=institution.translation_key, locale__language_code=language
    )


def latest(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


# Formats ------------------------------------------------------------------------------------


def test_csv_catalogue_becomes_draft_pages_waiting_for_review(tmp_path, world, editor, mailoutbox):
    path = write_csv(tmp_path, [course_row(), lao_translation_row(), standard_row()])

    out, err = run(path, "--user", editor.username)

    assert "3 created, 0 updated, 0 unchanged, 0 skipped" in out
    assert err == ""  # no progress bar when stderr is not a terminal
    zh = course()
    pakpasak = world["institutions"]["pakpasak-technical-college"]
    assert zh.get_parent().specific == section_of(pakpasak, "zh-hans")
    assert (zh.title, zh.summary, zh.duration_hours, zh.chinese_language_hours) == (
        ZH_TITLE,
        ZH_SUMMARY,
        120,
        30,
    )
    assert zh.delivery_mode == "blended"
    assert {c.code for c in zh.countries.all()} == {"LA", "CN"}
    assert [s.code for s in zh.sectors.all()] == ["new-energy-vehicles"]
    assert (zh.level.framework, zh.level.level) == ("LA-LNQF", 3)
    assert set(zh.tags.names()) == {"电动汽车", "battery-safety"}
    assert not zh.live
    state = WorkflowState.objects.get(object_id=str(zh.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == f"Review · {pakpasak.name}"
    assert state.requested_by == editor
    # The institution's reviewers are asked to review it, as after "Submit for review".
    assert any(world["users"]["reviewer"].email in m.to for m in mailoutbox)
    standard = VocationalStandardPage.objects.get(external_id="YNMEC-WELD-STD")
    assert standard.issued_on == datetime.date(2025, 10, 20)
    assert standard.current_workflow_state.workflow.name.startswith("Review and alliance approval")


def test_translation_goes_into_the_translated_section_and_shares_identity(tmp_path, world, editor):
    path = write_csv(tmp_path, [course_row(), lao_translation_row()])

    out, _err = run(path, "--user", editor.username)

    assert "1 of the created are translations" in out
    zh, lo = course(), course(language="lo")
    assert lo.translation_key == zh.translation_key
    assert lo.external_id == zh.external_id == "PKTC-EV-101"
    assert (lo.title, lo.summary) == (LO_TITLE, LO_SUMMARY)
    # Empty cells of a translation row come from its source row...
    assert (lo.duration_hours, lo.delivery_mode, lo.licence) == (120, "blended", "CC-BY-4.0")
    assert set(lo.tags.names()) == {"电动汽车", "battery-safety"}
    # ...and taxonomies are taken in the row's language where they are translated.
    assert lo.institution.locale.language_code == "lo"
    assert lo.institution.name == "ວິທະຍາໄລເຕັກນິກປາກປາສັກ"
    assert {s.locale.language_code for s in lo.sectors.all()} == {"lo"}
    # The Lao section did not exist: it was translated from the Chinese one, named in Lao.
    section = lo.get_parent().specific
    assert section.locale.language_code == "lo"
    assert section.title == "ວິທະຍາໄລເຕັກນິກປາກປາສັກ"
    assert section.translation_key == section_of(zh.institution, "zh-hans").translation_key
    assert section.live
    assert "Institution sections created: ວິທະຍາໄລເຕັກນິກປາກປາສັກ [lo]" in out
    # The translation goes through its institution's review like its source.
    assert lo.current_workflow_state.workflow == zh.current_workflow_state.workflow


def test_a_row_with_the_same_external_id_in_another_language_is_a_translation(
    tmp_path, world, editor
):
    english = course_row(language="en", title="New-energy vehicle maintenance basics")
    path = write_csv(tmp_path, [course_row(), english])

    run(path, "--user", editor.username)

    zh, en = course(), course(language="en")
    assert en.translation_key == zh.translation_key
    assert en.title == "New-energy vehicle maintenance basics"


def test_xlsx_catalogue_with_numbers_and_dates_typed_as_spreadsheet_cells(tmp_path, world, editor):
    rows = [
        course_row(
            duration_hours=96,
            chinese_language_hours=16,
            language="km",
            title=KM_TITLE,
            summary=KM_SUMMARY,
        ),
        standard_row(issued_on=datetime.datetime(2025, 10, 20), version=2),
    ]
    path = write_xlsx(tmp_path, rows)

    out, _err = run(path, "--user", editor.username)

    assert "2 created, 0 updated, 0 unchanged, 0 skipped" in out
    km = course(language="km")
    assert (km.title, km.summary, km.duration_hours, km.chinese_language_hours) == (
        KM_TITLE,
        KM_SUMMARY,
        96,
        16,
    )
    standard = VocationalStandardPage.objects.get(external_id="YNMEC-WELD-STD")
    assert (standard.issued_on, standard.version) == (datetime.date(2025, 10, 20), "2")


def test_jsonl_catalogue_with_arrays_and_a_translation_without_external_id(tmp_path, world, editor):
    source = course_row(
        country=["LA", "TH"],
        sector=["new-energy-vehicles", "electrical"],
        tags=["ev", "ລົດໄຟຟ້າ"],
        duration_hours=120,
    )
    translation = {
        "translation_of": "PKTC-EV-101",
        "language": "lo",
        "title": LO_TITLE,
        "summary": LO_SUMMARY,
    }
    path = write_jsonl(tmp_path, [source, translation])

    out, _err = run(path, "--user", editor.username)

    assert "2 created" in out
    lo = course(language="lo")
    assert lo.external_id == "PKTC-EV-101"
    assert {c.code for c in lo.countries.all()} == {"LA", "TH"}
    assert {s.code for s in lo.sectors.all()} == {"new-energy-vehicles", "electrical"}
    assert set(lo.tags.names()) == {"ev", "ລົດໄຟຟ້າ"}


def test_csv_with_byte_order_mark_and_semicolons_as_spreadsheets_save_it(tmp_path, world, editor):
    path = write_csv(tmp_path, [course_row()], encoding="utf-8-sig", delimiter=";")

    out, _err = run(path, "--user", editor.username)

    assert "1 created" in out
    assert course().title == ZH_TITLE


@pytest.mark.parametrize("writer", [write_csv, write_xlsx, write_jsonl])
def test_text_in_every_script_round_trips(tmp_path, world, editor, writer):
    texts = {
        "zh-hans": (ZH_TITLE, ZH_SUMMARY),
        "lo": (LO_TITLE, LO_SUMMARY),
        "km": (KM_TITLE, KM_SUMMARY),
        "my": (MY_TITLE, MY_SUMMARY),
        "th": (TH_TITLE, TH_SUMMARY),
        "vi": (VI_TITLE, VI_SUMMARY),
    }
    rows = [course_row()] + [
        lao_translation_row(language=lang, title=title, summary=summary)
        for lang, (title, summary) in texts.items()
        if lang != "zh-hans"
    ]

    run(writer(tmp_path, rows), "--publish")

    for lang, (title, summary) in texts.items():
        page = course(language=lang)
        assert (page.title, page.summary) == (title, summary)


# Idempotency and updates --------------------------------------------------------------------


def test_running_the_same_file_again_changes_nothing(tmp_path, world, editor, mailoutbox):
    path = write_csv(tmp_path, [course_row(), lao_translation_row(), standard_row()])
    run(path, "--user", editor.username)
    revisions, states, mails = (
        Revision.objects.count(),
        WorkflowState.objects.count(),
        len(mailoutbox),
    )

    out, _err = run(path, "--user", editor.username)

    assert "0 created, 0 updated, 3 unchanged, 0 skipped" in out
    assert Revision.objects.count() == revisions
    assert WorkflowState.objects.count() == states
    assert len(mailoutbox) == mails


def test_running_a_published_file_again_changes_nothing(tmp_path, world):
    path = write_jsonl(tmp_path, [course_row(), lao_translation_row(), standard_row()])
    run(path, "--publish")
    revisions = Revision.objects.count()

    out, _err = run(path, "--publish")

    assert "0 created, 0 updated, 3 unchanged, 0 skipped" in out
    assert Revision.objects.count() == revisions


def test_a_changed_row_updates_only_its_page(tmp_path, world):
    run(write_csv(tmp_path, [course_row(), lao_translation_row()]), "--publish")
    zh_revisions = course().revisions.count()
    lo_revisions = course(language="lo").revisions.count()
    new_summary = "面向老挝学员的新能源汽车维修与电池安全课程。"

    out, _err = run(
        write_csv(
            tmp_path,
            [course_row(summary=new_summary), lao_translation_row()],
        ),
        "--publish",
        "-v2",
    )

    assert "0 created, 1 updated, 1 unchanged" in out
    assert "line 2: PKTC-EV-101 [zh-hans] course: update (summary)" in out
    assert "line 3: PKTC-EV-101 [lo] course: unchanged" in out
    zh = course()
    assert zh.summary == new_summary
    assert zh.revisions.count() == zh_revisions + 1
    assert course(language="lo").revisions.count() == lo_revisions


def test_an_update_without_publish_is_a_draft_the_live_page_keeps_until_review(
    tmp_path, world, editor
):
    run(write_csv(tmp_path, [course_row()]), "--publish")
    new_title = "新能源汽车维修基础（2026版）"

    out, _err = run(write_csv(tmp_path, [course_row(title=new_title)]), "--user", editor.username)

    assert "0 created, 1 updated" in out
    live = course()
    assert live.live and live.title == ZH_TITLE  # visitors still see the approved version
    assert live.has_unpublished_changes and latest(live).title == new_title
    assert live.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_publish_after_a_draft_import_publishes_the_drafts(tmp_path, world, editor):
    path = write_csv(tmp_path, [course_row()])
    run(path, "--user", editor.username)

    out, _err = run(path, "--publish")

    assert "0 created, 1 updated, 0 unchanged" in out
    page = course()
    assert page.live
    assert page.current_workflow_state is None  # the review was ended by publishing


# Publishing and review ----------------------------------------------------------------------


def test_publish_makes_the_pages_live_in_every_language(tmp_path, world, client):
    path = write_csv(tmp_path, [course_row(), lao_translation_row()])

    out, _err = run(path, "--publish")

    assert "Published: 2 pages." in out
    zh, lo = course(), course(language="lo")
    assert zh.live and lo.live and not lo.has_unpublished_changes
    assert WorkflowState.objects.filter(object_id__in=[str(zh.pk), str(lo.pk)]).count() == 0
    response = client.get(lo.url)
    assert response.status_code == 200
    assert LO_TITLE in response.content.decode()


def test_without_publish_new_pages_are_not_visible_to_visitors(tmp_path, world, editor, client):
    run(write_csv(tmp_path, [course_row()]), "--user", editor.username)

    page = course()

    assert not page.live
    assert (
        client.get(f"{section_of(page.institution, 'zh-hans').url}{page.slug}/").status_code == 404
    )
    assert page.workflow_in_progress


def test_a_user_is_required_without_publish(tmp_path, world):
    path = write_csv(tmp_path, [course_row()])

    assert "--user USERNAME is required without --publish" in import_error(path)
    assert "there is no user 'nobody'" in import_error(path, "--user", "nobody")
    assert not CoursePage.objects.filter(external_id="PKTC-EV-101").exists()


# Validation ---------------------------------------------------------------------------------


def test_a_file_with_bad_rows_writes_nothing_and_names_each_line_and_column(
    tmp_path, world, editor
):
    rows = [
        course_row(),  # line 2, valid
        course_row("PKTC-EV-102", duration_hours="twelve"),  # line 3
        course_row("PKTC-EV-103", language="fr"),  # line 4
        course_row("PKTC-EV-104", duration_hours="20", chinese_language_hours="30"),  # line 5
        course_row("PKTC-EV-105", institution="pakpasak"),  # line 6
        standard_row(issued_on="20/10/2025"),  # line 7
        course_row("PKTC EV 107"),  # line 8
        course_row("PKTC-EV-108", title="长" * 256),  # line 9
        course_row("PKTC-EV-109", delivery_mode="by post", level="LA-LNQF-9"),  # line 10
        course_row("PKTC-EV-110", sector="electric", country="LA,XX"),  # line 11
        course_row(),  # line 12: the same resource and language as line 2
        lao_translation_row("PKTC-EV-999"),  # line 13
        course_row("PKTC-EV-114", summary="", kind="slides"),  # line 14
    ]
    path = write_csv(tmp_path, rows)

    message = import_error(path, "--user", editor.username)

    assert "13 of 13 rows have errors, so nothing was imported" in message
    for expected in [
        "line 2: external_id: PKTC-EV-101 [zh-hans] is also on line 12",
        "line 3: duration_hours: 'twelve' is not a whole number",
        "line 4: language: 'fr' is not one of the languages",
        "line 5: chinese_language_hours: Chinese language hours cannot exceed the course's total hours.",
        "line 6: institution: no institution with the slug 'pakpasak' (did you mean pakpasak-technical-college?)",
        "line 7: issued_on: '20/10/2025' is not a date written YYYY-MM-DD",
        "line 8: external_id: 'PKTC EV 107': Use letters, digits",
        "line 9: title: the value has 256 characters; at most 255 are allowed",
        "line 10: delivery_mode: 'by post' is not one of: workshop, blended, online",
        "line 10: level: LA-LNQF-9 is not in the repository (LA-LNQF has levels 1 to 8)",
        "line 11: sector: unknown electric; known codes:",
        "line 11: country: unknown XX",
        "line 12: external_id: PKTC-EV-101 [zh-hans] is also on line 2",
        "line 13: translation_of: no resource 'PKTC-EV-999' in this file or in the repository",
        "line 14: summary: required",
        "line 14: kind: only for material rows; this is a course",
    ]:
        assert expected in message
    assert not CoursePage.objects.exists()
    assert not VocationalStandardPage.objects.exists()


def test_skip_invalid_imports_the_valid_rows_and_reports_the_others(tmp_path, world, editor):
    rows = [
        course_row(),
        course_row("PKTC-EV-102", duration_hours="-5"),
        lao_translation_row(),
        lao_translation_row("PKTC-EV-102"),  # its source row is invalid
    ]
    path = write_csv(tmp_path, rows)

    out, err = run(path, "--user", editor.username, "--skip-invalid")

    assert "2 created, 0 updated, 0 unchanged, 2 skipped" in out
    assert "skipping 2 of 4 rows with errors" in err
    assert "line 3: duration_hours: Ensure this value is greater than or equal to 0." in err
    assert "line 5: translation_of: the source row (line 3) has errors" in err
    assert set(CoursePage.objects.values_list("external_id", "locale__language_code")) == {
        ("PKTC-EV-101", "zh-hans"),
        ("PKTC-EV-101", "lo"),
    }


def test_jsonl_errors_point_at_physical_lines(tmp_path, world, editor):
    path = tmp_path / "catalogue.jsonl"
    lines = [
        json.dumps(course_row(), ensure_ascii=False),
        "",
        json.dumps(course_row("PKTC-EV-102", titel="x"), ensure_ascii=False),
        json.dumps(course_row("PKTC-EV-103", validity_years=3), ensure_ascii=False),
        json.dumps(course_row("PKTC-EV-104", summary="ສ" * 601), ensure_ascii=False),
        json.dumps(lao_translation_row(external_id="PKTC-EV-101-lo", translation_of="PKTC-EV-101")),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")

    message = import_error(path, "--user", editor.username)

    assert "4 of 5 rows have errors" in message
    assert "line 3: titel: unknown column" in message
    assert "line 4: validity_years: only for certification rows; this is a course" in message
    assert "line 5: summary: the value has 601 characters; at most 600 are allowed" in message
    assert (
        "line 6: external_id: a translation keeps its source's external ID: leave it empty or "
        "write 'PKTC-EV-101'" in message
    )


def test_rows_must_agree_with_the_resource_already_in_the_repository(tmp_path, world, editor):
    run(write_csv(tmp_path, [course_row()]), "--publish")
    rows = [
        {**standard_row(), "external_id": "PKTC-EV-101", "language": "en"},
        course_row(language="lo", institution="npic-cambodia"),
        course_row(language="km", licence="CC0-1.0"),
    ]

    message = import_error(write_csv(tmp_path, rows), "--publish")

    assert "line 2: type: PKTC-EV-101 is a course in the repository, not a standard" in message
    assert "line 3: institution: PKTC-EV-101 belongs to 'pakpasak-technical-college'" in message
    assert (
        "line 4: licence: 'CC0-1.0' differs from the resource's zh-hans page ('CC-BY-4.0')"
        in message
    )
    assert CoursePage.objects.count() == 1


def test_translations_share_the_synchronized_fields(tmp_path, world):
    rows = [course_row(), lao_translation_row(licence="CC0-1.0")]

    message = import_error(write_csv(tmp_path, rows), "--publish")

    assert "line 3: licence: 'CC0-1.0' differs from line 2 ('CC-BY-4.0')" in message


def test_a_translation_of_a_resource_in_the_repository_copies_it(tmp_path, world, editor):
    pakpasak = world["institutions"]["pakpasak-technical-college"]
    original = factories.CoursePageFactory(
        parent=section_of(pakpasak, "zh-hans"),
        institution=pakpasak,
        external_id="PKTC-EV-101",
        title=ZH_TITLE,
        duration_hours=80,
        modules=[
            ("module", {"title": "高压电安全", "hours": 12, "outcomes": ["正确使用绝缘工具"]})
        ],
    )
    factories.publish(original)

    out, _err = run(write_jsonl(tmp_path, [lao_translation_row()]), "--user", editor.username)

    assert "1 created, 0 updated, 0 unchanged" in out
    lo = course(language="lo")
    assert lo.translation_key == original.translation_key
    assert lo.duration_hours == 80  # inherited from the resource in the repository
    assert lo.modules[0].value["title"] == "高压电安全"  # copied, for the translator to translate
    assert lo.title == LO_TITLE


def test_a_translation_goes_into_its_institutions_section_wherever_the_source_lives(
    tmp_path, world
):
    pakpasak = world["institutions"]["pakpasak-technical-college"]
    # Filed by hand directly in the resource library rather than in the college's section.
    original = factories.publish(
        factories.CoursePageFactory(
            parent=world["library"], institution=pakpasak, external_id="PKTC-EV-101"
        )
    )

    run(write_csv(tmp_path, [lao_translation_row()]), "--publish")

    lo = course(language="lo")
    assert lo.translation_key == original.translation_key
    assert lo.get_parent().specific == section_of(pakpasak, "lo")
    assert lo.live


def test_a_crash_while_writing_leaves_nothing_half_written(tmp_path, world):
    # The database refuses the third page, as it would when a disk fills up mid-import.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE FUNCTION refuse_page() RETURNS trigger AS $$
            BEGIN
                IF NEW.external_id = 'PKTC-EV-103' THEN RAISE EXCEPTION 'disk full'; END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER refuse_page BEFORE INSERT ON resources_coursepage
                FOR EACH ROW EXECUTE FUNCTION refuse_page();
            """
        )
    rows = [course_row(), lao_translation_row(), course_row("PKTC-EV-103"), standard_row()]

    message = import_error(write_csv(tmp_path, rows), "--publish")

    assert "line 4: " in message and "disk full" in message
    assert "Nothing was imported: the whole file was rolled back." in message
    assert not CoursePage.objects.exists()
    assert not VocationalStandardPage.objects.exists()
    assert not ResourceIndexPage.objects.filter(locale__language_code="lo").exists()


def test_verbosity_zero_prints_nothing(tmp_path, world):
    out, err = run(write_csv(tmp_path, [course_row()]), "--publish", "-v0")

    assert (out, err) == ("", "")
    assert course().live


# Descriptions, modules, links and files ------------------------------------------------------

MODULES = [{"type": "module", "value": {"title": "高压电安全", "hours": 12, "outcomes": ["绝缘"]}}]
DESCRIPTION = [
    {"type": "heading", "value": "课程概述"},
    {"type": "paragraph", "value": "<p>在万象澜湄工坊授课。</p>"},
]


def material_row(document, **cells):
    return {
        "external_id": "PKTC-EV-MAT",
        "type": "material",
        "language": "zh-hans",
        "title": "新能源汽车维修课件",
        "summary": "课程使用的课件。",
        "institution": "pakpasak-technical-college",
        "kind": "slides",
        "files": str(document.pk),
        **cells,
    }


def linked_course_row(**cells):
    return course_row(
        slug="ev-maintenance-basics",
        description=json.dumps(DESCRIPTION, ensure_ascii=False),
        modules=json.dumps(MODULES, ensure_ascii=False),
        standards="PKTC-EV-STD",
        materials="PKTC-EV-MAT",
        **cells,
    )


def linked_standard_row():
    return standard_row(
        external_id="PKTC-EV-STD",
        institution="pakpasak-technical-college",
        competencies=json.dumps(
            [
                {
                    "type": "competency",
                    "value": {"code": "U01", "title": "高压安全", "performance_criteria": ["断电"]},
                }
            ],
            ensure_ascii=False,
        ),
    )


def test_descriptions_modules_links_and_files_are_imported_from_their_columns(tmp_path, world):
    document = factories.ResourceDocumentFactory(language="zh-hans")
    # The course comes first in the file: it links resources the same file creates after it.
    rows = [linked_course_row(), linked_standard_row(), material_row(document)]
    rows.append(lao_translation_row())  # takes its links in Lao... which do not exist
    path = write_jsonl(tmp_path, rows)

    message = import_error(path, "--publish")
    assert "line 4: standards: no standard PKTC-EV-STD in lo" in message

    out, _err = run(write_jsonl(tmp_path, rows[:3]), "--publish")

    assert "3 created, 0 updated, 0 unchanged" in out
    page = course()
    assert page.slug == "ev-maintenance-basics" and page.live
    assert [block.value for block in page.body][0] == "课程概述"
    assert page.modules[0].value["title"] == "高压电安全"
    assert page.standard_links.get().standard.external_id == "PKTC-EV-STD"
    assert page.standard_links.get().standard.locale_id == page.locale_id
    assert page.material_links.get().material.external_id == "PKTC-EV-MAT"
    material = TeachingMaterialPage.objects.get(external_id="PKTC-EV-MAT")
    assert [link.document for link in material.files.all()] == [document]
    standard = VocationalStandardPage.objects.get(external_id="PKTC-EV-STD")
    assert standard.competencies[0].value["code"] == "U01"

    out, _err = run(write_jsonl(tmp_path, rows[:3]), "--publish")
    assert "0 created, 0 updated, 3 unchanged" in out


def test_a_file_without_those_columns_leaves_them_as_editors_made_them(tmp_path, world):
    document = factories.ResourceDocumentFactory(language="zh-hans")
    rows = [linked_course_row(), linked_standard_row(), material_row(document)]
    run(write_csv(tmp_path, rows), "--publish")

    out, _err = run(write_csv(tmp_path, [course_row(title="新标题")]), "--publish")

    assert "0 created, 1 updated, 0 unchanged" in out
    page = course()
    assert page.title == "新标题" and page.slug == "ev-maintenance-basics"
    assert page.modules[0].value["title"] == "高压电安全"
    assert page.standard_links.count() == 1 and page.material_links.count() == 1
    # With the column, an empty cell is the truth: the links go.
    out, _err = run(write_csv(tmp_path, [course_row(title="新标题", standards="")]), "--publish")
    assert "0 created, 1 updated, 0 unchanged" in out
    assert not course().standard_links.exists()


def test_bad_streams_links_and_files_are_named_by_line_and_column(tmp_path, world):
    rows = [
        course_row(modules="[{not json"),
        course_row(external_id="PKTC-EV-102", description='[{"type": "video", "value": "x"}]'),
        course_row(external_id="PKTC-EV-103", standards="PKTC-NOWHERE"),
        material_row(factories.ResourceDocumentFactory(), files="999999, x"),
        course_row(external_id="PKTC-EV-104", modules='[{"type": "module", "value": {}}]'),
        course_row(external_id="PKTC-EV-105", slug="no spaces/in slugs"),
        course_row(external_id="PKTC-EV-106", files="1"),
    ]

    message = import_error(write_csv(tmp_path, rows), "--publish")

    assert "line 2: modules: not valid JSON" in message
    assert "line 3: description: unknown block type(s) video" in message
    assert "line 4: standards: no standard PKTC-NOWHERE in zh-hans" in message
    assert "line 5: files: 'x' is not a document ID" in message
    assert "line 6: modules: #1: title: This field is required." in message
    assert "line 7: slug:" in message
    assert "line 8: files: only for material rows; this is a course" in message
    assert not CoursePage.objects.exists()


# Dry run ------------------------------------------------------------------------------------


def test_dry_run_reports_what_would_happen_and_writes_nothing(tmp_path, world, editor, mailoutbox):
    run(write_csv(tmp_path, [course_row()]), "--publish")
    pages, revisions = Page.objects.count(), Revision.objects.count()
    rows = [course_row(summary="新的简介。"), lao_translation_row(), standard_row()]

    out, _err = run(write_csv(tmp_path, rows), "--user", editor.username, "--dry-run")

    assert "nothing was written" in out
    assert "would be 2 created, 1 updated, 0 unchanged, 0 skipped" in out
    assert "line 2: PKTC-EV-101 [zh-hans] course: update (summary)" in out
    assert "line 3: PKTC-EV-101 [lo] course: create translation" in out
    assert "line 4: YNMEC-WELD-STD [zh-hans] standard: create" in out
    assert "Institution sections would be created: ວິທະຍາໄລເຕັກນິກປາກປາສັກ [lo]" in out
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert course().summary == ZH_SUMMARY
    assert mailoutbox == []


def test_dry_run_of_a_bad_file_still_fails(tmp_path, world, editor):
    path = write_csv(tmp_path, [course_row(type="lesson")])

    message = import_error(path, "--user", editor.username, "--dry-run")

    assert (
        "line 2: type: 'lesson' is not a resource type: use course, standard, material, certification"
        in message
    )


# Malformed files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "catalogue.csv",
            b"title,summary\n" + "Pakpasak\xe9".encode("latin-1"),
            "line 2: the file is not UTF-8 text (byte 0xe9)",
        ),
        ("catalogue.csv", b"", "the file is empty"),
        ("catalogue.csv", b"\xef\xbb\xbf\n\n", "the file is empty"),
        ("catalogue.jsonl", b'{"title": "ok"}\n{"title": "broken\n', "line 2: not valid JSON"),
        (
            "catalogue.jsonl",
            b'["PKTC-EV-101", "course"]\n',
            "line 1: each line must be one JSON object",
        ),
        ("catalogue.xlsx", b"external_id,type\nPKTC-EV-101,course\n", "not a valid .xlsx workbook"),
        (
            "catalogue.csv",
            "PKTC-EV-101,course,zh-hans,新能源汽车维修\n".encode(),
            "line 1: the header is missing",
        ),
        (
            "catalogue.csv",
            b"external_id,type,language\n",
            "the header lacks the column(s) title, summary",
        ),
        (
            "catalogue.csv",
            b"external_id,type,titel,summary,language\nX,course,T,S,en\n",
            "line 1: unknown column(s) titel",
        ),
        (
            "catalogue.csv",
            b"external_id,title,summary,language\n",
            "there are no resource rows below the header",
        ),
        (
            "catalogue.csv",
            b'external_id,title,summary,language\nX,"unclosed,S,en\n',
            "not valid CSV",
        ),
        (
            "catalogue.txt",
            b"external_id,title\n",
            "unknown file type '.txt': use .csv, .xlsx or .jsonl",
        ),
        ("catalogue.xls", b"\xd0\xcf\x11\xe0", "old .xls workbooks are not supported"),
    ],
)
def test_a_malformed_file_gives_a_clear_error(tmp_path, world, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)

    message = import_error(path, "--publish")

    assert message.startswith(str(path))
    assert expected in message
    assert "Traceback" not in message


def test_a_missing_file_gives_a_clear_error(tmp_path, world):
    assert "no such file" in import_error(tmp_path / "missing.csv", "--publish")


# The documentation --------------------------------------------------------------------------


def test_every_column_the_import_accepts_is_documented():
    documented = (EXAMPLES.parent / "import.md").read_text("utf-8")

    for column in ALL_COLUMNS:
        assert f"| `{column}` |" in documented, column


def test_the_documented_example_catalogues_import_cleanly(world, editor):
    out, _err = run(EXAMPLES / "catalogue.csv", "--user", editor.username)
    assert "9 created, 0 updated, 0 unchanged, 0 skipped" in out
    out, _err = run(EXAMPLES / "catalogue.jsonl", "--user", editor.username)
    assert "5 created, 0 updated, 0 unchanged, 0 skipped" in out

    certificate = CertificationPage.objects.get(locale__language_code="my")
    assert certificate.validity_years == 3
    assert {c.code for c in certificate.recognised_in.all()} == {"CN", "LA"}
    material = TeachingMaterialPage.objects.get(
        external_id="PKTC-IMP-EV-MAT-01", locale__language_code="zh-hans"
    )
    assert material.kind == "slides"
    assert material.get_parent().specific.locale.language_code == "zh-hans"
    khmer = CoursePage.objects.get(external_id="NPIC-IMP-ECOM-01", locale__language_code="km")
    assert khmer.title.startswith("ប្រតិបត្តិការ")
    out, _err = run(EXAMPLES / "catalogue.csv", "--user", editor.username)
    assert "0 created, 0 updated, 9 unchanged" in out
