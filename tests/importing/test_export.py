"""`manage.py export_resources`: an institution exports its catalogue in every language, edits
it in a spreadsheet and imports it back with no change other than its edits.

The demo content (every resource type, with descriptions, modules, competencies, links, files
and translations in seven languages) is loaded once for the module.
"""

import csv
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Revision

from resources.importing.plan import Action, build_plan
from resources.importing.readers import read_catalogue
from resources.models import Institution, resource_page_models
from tests import factories
from tests.helpers import make_user, role_groups

INSTITUTION = "pakpasak-technical-college"  # the Lao workshop: courses in zh-hans, en and lo


def load_demo():
    call_command("load_demo_content", "--force", verbosity=0, stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        factories.built_once_per_module(django_db_blocker, load_demo),
    ):
        yield


def institution_resources(slug=INSTITUTION):
    keys = Institution.objects.filter(slug=slug).values("translation_key")
    return [
        page
        for model in resource_page_models()
        for page in model.objects.filter(institution__translation_key__in=keys)
    ]


def export(tmp_path, suffix, slug=INSTITUTION):
    path = tmp_path / f"catalogue{suffix}"
    out = io.StringIO()
    call_command("export_resources", slug, str(path), stdout=out)
    return path, out.getvalue()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl"])
def test_an_exported_catalogue_imports_back_unchanged_in_every_language(demo, db, tmp_path, suffix):
    pages = institution_resources()
    path, said = export(tmp_path, suffix)
    assert f"{len(pages)} rows" in said

    plan = build_plan(read_catalogue(path))
    assert plan.errors == []
    assert [p.action for p in plan.rows] == [Action.UNCHANGED] * len(pages)
    assert {p.locale.language_code for p in plan.rows} == {"zh-hans", "en", "lo"}
    assert {p.model for p in plan.rows} == set(resource_page_models())


def test_what_the_export_holds_is_what_editors_see(demo, db, tmp_path):
    path, _said = export(tmp_path, ".jsonl")
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    course = next(row for row in rows if row["type"] == "course" and row["language"] == "lo")
    page = next(
        p
        for p in institution_resources()
        if p.external_id == course["external_id"] and p.locale.language_code == "lo"
    )
    assert course["title"] == page.title
    assert course["modules"] and json.loads(course["modules"])[0]["type"] == "module"
    assert course["standards"] and course["materials"]  # linked by external ID
    material = next(row for row in rows if row["type"] == "material")
    assert material["files"] and all(isinstance(item, int) for item in material["files"])


def test_an_edited_row_is_the_only_change_when_imported_back(demo, db, tmp_path):
    path, _said = export(tmp_path, ".csv")
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    edited = next(row for row in rows if row["language"] == "lo" and row["type"] == "course")
    edited["title"] = edited["title"] + " (ສະບັບປັບປຸງ)"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    revisions = Revision.objects.count()

    call_command("import_resources", str(path), "--publish", verbosity=0)

    assert Revision.objects.count() == revisions + 1
    [page] = [
        p
        for p in institution_resources()
        if p.external_id == edited["external_id"] and p.locale.language_code == "lo"
    ]
    assert page.title == edited["title"] and page.live


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(demo, db, tmp_path):
    page = next(p for p in institution_resources() if p.locale.language_code == "en")
    page.summary = '=HYPERLINK("http://attacker.example/","Click")'
    page.save_revision().publish()

    csv_path, _said = export(tmp_path, ".csv")
    assert "'=HYPERLINK(" in csv_path.read_text(encoding="utf-8-sig")
    xlsx_path, _said = export(tmp_path, ".xlsx")
    sheet = openpyxl.load_workbook(xlsx_path).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == page.summary]
    assert cells and all(cell.data_type == "s" for cell in cells)

    for path in (csv_path, xlsx_path):  # and the import reads back the text as it was
        plan = build_plan(read_catalogue(path))
        assert plan.errors == [] and {p.action for p in plan.rows} == {Action.UNCHANGED}


def test_an_unknown_institution_is_refused_with_the_known_ones(demo, db, tmp_path):
    with pytest.raises(CommandError, match=INSTITUTION):
        export(tmp_path, ".csv", slug="no-such-college")


# From the admin: Reports -> Catalogue export ---------------------------------------------------


def institution(slug=INSTITUTION):
    return Institution.objects.get(slug=slug, locale__language_code="zh-hans")


def test_an_institutions_editor_downloads_its_catalogue_from_the_admin(demo, db, client):
    client.force_login(make_user("pakpasak.editor", *role_groups("editor", institution())))
    form = client.get(reverse("catalogue_export"))
    assert [o.pk for o in form.context["form"].fields["institution"].queryset] == [
        institution().pk
    ]  # only its own

    response = client.post(
        reverse("catalogue_export"),
        {"institution": institution().pk, "file_format": ".csv"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="{INSTITUTION}-')
    lines = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(lines) == len(institution_resources())


def test_no_one_exports_another_institutions_catalogue(demo, db, client):
    other = "yunnan-mechatronics-vtc"
    client.force_login(make_user("pakpasak.editor", *role_groups("editor", institution())))
    response = client.post(
        reverse("catalogue_export"),
        {"institution": institution(other).pk, "file_format": ".csv"},
    )
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert response.context["form"].errors["institution"]

    client.force_login(make_user("translator.lo", *role_groups("translator")))
    refused = client.get(reverse("catalogue_export"))  # back to the dashboard, as Wagtail does
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")


def test_the_alliance_exports_any_institution(demo, db, client):
    client.force_login(make_user("secretariat", *role_groups("alliance")))
    form = client.get(reverse("catalogue_export"))
    offered = form.context["form"].fields["institution"].queryset
    assert {i.slug for i in offered} >= {INSTITUTION, "yunnan-mechatronics-vtc"}
    response = client.post(
        reverse("catalogue_export"),
        {"institution": institution("yunnan-mechatronics-vtc").pk, "file_format": ".xlsx"},
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.max_row == 1 + len(institution_resources("yunnan-mechatronics-vtc"))
