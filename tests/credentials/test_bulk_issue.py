"""Issuing certificates from a file of learners (CSV or XLSX), in the admin (check → preview →
confirm) and with ``issue_certificates``: every row is checked first, and a file with any bad
row issues nothing and names each row and column."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from credentials import bulk
from credentials.models import IssuedCredential
from tests import factories
from tests.helpers import certificate_issuer

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    ["name", "identifier", "achieved_on", "result", "language"],
    ["Somphone Vongsa", "somphone@example.la", "2026-06-30", "Distinction", "lo"],
    ["Noy Keomany", "LA-2026-000123", "2026-06-30", "", ""],
]


def csv_bytes(rows):
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for cells in rows:
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def issuer(certification):
    return certificate_issuer(certification.institution, "issuer.la")


@pytest.fixture
def client(issuer):
    client = Client()
    client.force_login(issuer)
    return client


def upload(client, certification, name, data, language="en"):
    return client.post(
        reverse("dlm_certificate_bulk_issue", args=[certification.pk]),
        {"file": SimpleUploadedFile(name, data), "language": language},
    )


def confirm(client, certification, preview):
    payload = preview.context["confirm_form"].initial["payload"]
    return client.post(
        reverse("dlm_certificate_bulk_issue", args=[certification.pk]), {"payload": payload}
    )


@pytest.mark.parametrize(
    ("name", "make"), [("learners.csv", csv_bytes), ("learners.xlsx", xlsx_bytes)]
)
def test_a_file_with_two_good_rows_issues_two_after_the_preview(
    client, certification, name, make, django_capture_on_commit_callbacks
):
    preview = upload(client, certification, name, make(GOOD_ROWS))
    assert preview.status_code == 200
    assert [(line, learner.name) for line, learner, _language in preview.context["preview"]] == [
        (2, "Somphone Vongsa"),
        (3, "Noy Keomany"),
    ]
    assert not IssuedCredential.objects.exists()  # nothing until confirmed

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, certification, preview)
    assert response.status_code == 302
    credentials = {c.learner_name: c for c in IssuedCredential.objects.all()}
    assert set(credentials) == {"Somphone Vongsa", "Noy Keomany"}
    assert credentials["Somphone Vongsa"].language == "lo"
    assert credentials["Noy Keomany"].language == "en"  # the form's default for empty cells
    assert credentials["Somphone Vongsa"].result == "Distinction"
    assert [message.to for message in mail.outbox] == [["somphone@example.la"]]

    # A second confirmation of the same preview (the back button) issues nothing more.
    again = confirm(client, certification, preview)
    assert again.status_code == 302
    assert IssuedCredential.objects.count() == 2


def test_xlsx_date_cells_are_dates(client, certification):
    rows = [GOOD_ROWS[0], ["Somphone Vongsa", "", date(2026, 6, 30), "", "lo"]]
    preview = upload(client, certification, "learners.xlsx", xlsx_bytes(rows))
    [(_line, learner, _language)] = preview.context["preview"]
    assert learner.achieved_on == date(2026, 6, 30)


@pytest.mark.parametrize("name", ["learners.csv", "learners.xlsx"])
def test_a_bad_date_on_row_3_issues_nothing_and_names_row_3_and_the_column(
    client, certification, name
):
    rows = [*GOOD_ROWS[:2], ["Noy Keomany", "", "30/06/2026", "", "en"], GOOD_ROWS[2]]
    make = csv_bytes if name.endswith(".csv") else xlsx_bytes
    response = upload(client, certification, name, make(rows))
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    [error] = response.context["checked"].errors
    assert (error.line, error.column) == (3, "achieved_on")
    assert "YYYY-MM-DD" in error.message
    page = response.content.decode()
    assert "nothing was issued" in page
    assert "achieved_on" in page and "30/06/2026" in page
    assert not IssuedCredential.objects.exists()


def test_every_problem_is_listed_with_its_row_and_column(certification):
    rows = [
        ["name", "identifier", "achieved_on", "result", "language", "email"],
        ["", "x@", "2099-01-01", "", "fr", ""],
        ["Somphone Vongsa", "", "2026-06-30", "", "", ""],
        ["somphone vongsa", "", "2026-06-30", "", "", ""],
    ]
    with translation.override("en"):  # the messages are in the reader's language
        checked = bulk.check_file(csv_bytes(rows), "learners.csv", "en")
        first = str(checked.errors[0])
    assert not checked.ok
    assert {(e.line, e.column) for e in checked.errors} == {
        (1, "email"),
        (2, "name"),
        (2, "identifier"),
        (2, "achieved_on"),
        (2, "language"),
        (4, "name"),  # the same learner twice
    }
    assert first.startswith("row 1: email: ")


def test_formula_like_cells_are_just_text(client, certification):
    rows = [GOOD_ROWS[0], ['=HYPERLINK("http://evil")', "", "2026-06-30", "'+1", ""]]
    preview = upload(client, certification, "learners.csv", csv_bytes(rows))
    confirm(client, certification, preview)
    credential = IssuedCredential.objects.get()
    assert credential.learner_name == '=HYPERLINK("http://evil")'
    assert credential.result == "+1"  # an exported cell's quote is taken off, as on import


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("learners.txt", b"name,achieved_on\nA,2026-01-01\n", "not a CSV or XLSX file"),
        ("learners.xls", b"\xd0\xcf\x11\xe0", "not a CSV or XLSX file"),
        ("learners.xlsx", b"name,achieved_on\n", "not an .xlsx workbook"),
        ("learners.csv", b"", "empty"),
        ("learners.csv", "name,achieved_on\nNoy,2026-01-01\n".encode("utf-16"), "UTF-8"),
        ("learners.csv", b"name,identifier\nNoy,\n", "missing"),
        ("learners.csv", b"name,achieved_on\n", "names no learner"),
        ("learners.csv", b"x" * (bulk.MAX_BYTES + 1), "too big"),
    ],
)
def test_files_that_are_not_lists_of_learners_are_refused_with_the_reason(
    client, certification, name, data, says
):
    response = upload(client, certification, name, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert says in page
    assert not IssuedCredential.objects.exists()


def test_too_many_rows_are_refused(certification, monkeypatch):
    monkeypatch.setattr(bulk, "MAX_ROWS", 1)
    with translation.override("en"), pytest.raises(bulk.BulkFileError, match="at most 1"):
        bulk.check_file(csv_bytes(GOOD_ROWS), "learners.csv", "en")


def test_a_tampered_confirmation_issues_nothing(client, certification):
    preview = upload(client, certification, "learners.csv", csv_bytes(GOOD_ROWS))
    payload = preview.context["confirm_form"].initial["payload"]
    response = client.post(
        reverse("dlm_certificate_bulk_issue", args=[certification.pk]),
        {"payload": payload[:-2] + "xx"},
    )
    assert response.status_code == 302
    assert not IssuedCredential.objects.exists()


def test_the_command_issues_a_file_as_an_issuer(
    certification, issuer, tmp_path, capsys, django_capture_on_commit_callbacks
):
    path = tmp_path / "learners.xlsx"
    path.write_bytes(xlsx_bytes(GOOD_ROWS))
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "issue_certificates", str(path), certification="LM-CERT-EV", username="issuer.la"
        )
    assert IssuedCredential.objects.count() == 2
    out = capsys.readouterr().out
    assert "2 certificates of LM-CERT-EV issued as issuer.la" in out
    assert len(mail.outbox) == 1


def test_the_command_issues_nothing_from_a_bad_file_or_for_a_non_issuer(
    certification, issuer, tmp_path, capsys
):
    path = tmp_path / "learners.csv"
    path.write_bytes(csv_bytes([*GOOD_ROWS, ["Bounmy", "", "2026-13-01", "", ""]]))
    with pytest.raises(CommandError, match="1 of 3 rows have errors, so nothing was issued"):
        call_command(
            "issue_certificates", str(path), certification="LM-CERT-EV", username="issuer.la"
        )
    assert "row 4: achieved_on:" in capsys.readouterr().err

    path.write_bytes(csv_bytes(GOOD_ROWS))
    factories.institution_member(certification.institution, "editor.la")
    with pytest.raises(CommandError, match="Certificate issuers"):
        call_command(
            "issue_certificates", str(path), certification="LM-CERT-EV", username="editor.la"
        )
    with pytest.raises(CommandError, match="not published"):
        call_command(
            "issue_certificates", str(path), certification="LM-CERT-DRAFT", username="issuer.la"
        )
    assert not IssuedCredential.objects.exists()
