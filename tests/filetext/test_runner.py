"""The text of an uploaded file is read in the background, page by page, resumably: the upload
never waits for it, a replaced file is read again, a failed one says why and waits for a new
file, and a worker stopped half-way through a long file is resumed where it stopped."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from fpdf import FPDF

from filetext import runner
from filetext.models import DocumentText, TextSegment
from filetext.tasks import extract_file_text
from resources.models import InstitutionEditorial, ResourceDocument
from tests.factories import InstitutionFactory, institution_member

Status = DocumentText.Status
# "ကျွန်တော်" (I) typed in the Zawgyi encoding, and its standard Unicode form.
ZAWGYI = "ကၽြန္ေတာ္"
UNICODE_BURMESE = "ကျွန်တော်"


def pdf_pages(texts):
    """A PDF with a text layer, one page per text (Latin script: the core fonts)."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in texts:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


HANDBOOK = [f"Page {n}: welding safety, lesson {n}, word{n}marker" for n in range(1, 6)]


@pytest.fixture
def collection(site_tree):
    return InstitutionEditorial.for_institution(site_tree["institution"]).collection


@pytest.fixture
def editor_client(client, site_tree):
    client.force_login(institution_member(site_tree["institution"], "somphone"))
    return client


def stored(data, name="handbook.pdf", language="en", collection=None, **fields):
    document = ResourceDocument(
        title=name, language=language, file=ContentFile(data, name=name), **fields
    )
    if collection is not None:
        document.collection = collection
    document.save()
    return document


def texts_of(document):
    return list(
        TextSegment.objects.filter(document_text__document=document).values_list("number", "text")
    )


@pytest.mark.django_db
def test_an_upload_is_read_in_the_background_not_in_the_request(
    editor_client, collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Welding handbook",
                "file": SimpleUploadedFile("handbook.pdf", pdf_pages(HANDBOOK)),
                "collection": collection.pk,
                "language": "en",
                "tags": "",
            },
        )
    assert response.status_code == 302
    document = ResourceDocument.objects.get(title="Welding handbook")
    text = DocumentText.objects.get(document=document)
    assert text.status == Status.PENDING and text.segments == 0
    # The worker was woken through the durable queue.
    assert DBTaskResult.objects.filter(
        task_path=extract_file_text.module_path, status=TaskResultStatus.READY
    ).exists()

    assert runner.process_pending() == 1

    text.refresh_from_db()
    assert text.status == Status.DONE
    assert text.segments == 5 and text.ocr_segments == 0 and not text.truncated
    pages = dict(texts_of(document))
    assert sorted(pages) == [1, 2, 3, 4, 5]
    assert "word4marker" in pages[4] and "word4marker" not in pages[3]


@pytest.mark.django_db
def test_a_replaced_file_is_read_again_and_the_same_file_saved_again_is_not(site_tree):
    document = stored(pdf_pages(HANDBOOK[:2]))
    runner.process_pending()
    document.title = "Welding handbook, 2nd edition"
    document.save()
    assert DocumentText.objects.get(document=document).status == Status.DONE

    document.file = ContentFile(pdf_pages(["Revised page: grinding discs"]), name="v2.pdf")
    document.save()
    text = DocumentText.objects.get(document=document)
    assert text.status == Status.PENDING and texts_of(document) == []

    runner.process_pending()
    assert [t for _n, t in texts_of(document)] == ["Revised page: grinding discs"]


@pytest.mark.django_db
def test_a_broken_file_says_why_and_waits_until_it_is_replaced(site_tree):
    document = stored(b"%PDF-1.7\n" + b"\x00garbage" * 200, name="broken.pdf")
    runner.process_pending()
    text = DocumentText.objects.get(document=document)
    assert text.status == Status.FAILED
    assert text.failure_code == "corrupt" and text.failure_reason

    assert runner.process_pending() == 0  # not retried
    document.file = ContentFile(pdf_pages(["Fixed: cable sizes"]), name="fixed.pdf")
    document.save()
    runner.process_pending()
    assert DocumentText.objects.get(document=document).status == Status.DONE


@pytest.mark.django_db
def test_a_stopped_worker_is_resumed_at_the_next_page(site_tree):
    document = stored(pdf_pages(HANDBOOK))
    row = runner.claim_next()
    # A worker stored two pages, then stopped (its claim grows old).
    for number in (1, 2):
        TextSegment.objects.create(document_text=row, number=number, text=f"kept {number}")
    DocumentText.objects.filter(pk=row.pk).update(
        segments=2, claimed_at=timezone.now() - runner.stale_after() - timedelta(seconds=1)
    )

    assert runner.process_pending() == 1

    pages = dict(texts_of(document))
    assert pages[1] == "kept 1" and pages[2] == "kept 2"  # not read again
    assert "word3marker" in pages[3] and "word5marker" in pages[5]
    text = DocumentText.objects.get(document=document)
    assert text.status == Status.DONE and text.segments == 5 and text.attempts == 2


@pytest.mark.django_db
def test_a_claimed_file_is_not_taken_by_a_second_worker(site_tree):
    stored(pdf_pages(HANDBOOK[:1]))
    assert runner.claim_next() is not None
    assert runner.claim_next() is None


@pytest.mark.django_db
def test_text_beyond_the_limit_per_file_is_left_out(site_tree, settings):
    settings.FILETEXT_MAX_CHARACTERS = 60
    document = stored(pdf_pages(HANDBOOK))
    runner.process_pending()
    text = DocumentText.objects.get(document=document)
    assert text.status == Status.DONE and text.truncated
    assert text.characters == 60
    assert sum(len(t) for _n, t in texts_of(document)) == 60


@pytest.mark.django_db
def test_zawgyi_burmese_in_a_file_is_stored_as_unicode(site_tree):
    document = stored(f"{ZAWGYI} ဂဟေ\n".encode(), name="worksheet-my.txt", language="my")
    runner.process_pending()
    [(_number, text)] = texts_of(document)
    assert UNICODE_BURMESE in text and ZAWGYI not in text


@pytest.mark.django_db
def test_audio_has_no_text_and_is_never_queued(site_tree):
    document = stored(b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64, name="lesson.mp3")
    text = DocumentText.objects.get(document=document)
    assert text.status == Status.NO_TEXT
    assert runner.process_pending() == 0


@pytest.mark.django_db
def test_the_report_shows_an_institution_its_own_files_and_why_one_failed(
    client, site_tree, collection
):
    stored(b"%PDF-1.7\n" + b"\x00garbage" * 200, name="ours.pdf", collection=collection)
    other = InstitutionFactory(slug="other-college")
    theirs = InstitutionEditorial.for_institution(other).collection
    stored(pdf_pages(["Their page"]), name="theirs.pdf", collection=theirs)
    runner.process_pending()
    client.force_login(institution_member(site_tree["institution"], "somphone"))

    response = client.get(reverse("file_text_report"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "ours.pdf" in page and "theirs.pdf" not in page
    reason = DocumentText.objects.get(document__title="ours.pdf").failure_reason
    assert reason and escape(reason) in page


@pytest.mark.django_db
def test_an_old_office_file_says_to_save_it_in_a_current_format(site_tree):
    document = stored(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, name="lesson.doc")
    text = DocumentText.objects.get(document=document)
    assert text.status == Status.NO_TEXT
    assert "Word 97–2003" in text.failure_reason and "DOCX" in text.failure_reason
    assert runner.process_pending() == 0
