"""A file is read in a child process that a hostile file can only fail: limits of memory and
time, a crash, or a caller that has read enough end the child and all it started."""

import os
import signal
import threading

import pytest

from filetext.extraction import ExtractionFailed, Limits, extract, extract_isolated
from tests.filetext import samples

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def outcome(extraction):
    """(segments, failure code or None) of an isolated extraction, read to its end."""
    found = []
    try:
        for segment in extraction:
            found.append(segment)
    except ExtractionFailed as failed:
        return found, failed.code
    return found, None


def group_is_gone(pid):
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    """A ~300 KB Word file whose document declares, honestly, 300 MB of spaces."""
    folder = tmp_path_factory.mktemp("bomb")
    return samples.inflating_zip(folder / "bomb.docx", samples.OOXML_WORD, 300 << 20)


def test_the_child_gives_what_extract_gives_and_its_failures(tmp_path):
    pages = [samples.TEXTS["km"][:2], samples.TEXTS["km"][2:]]
    path = samples.text_pdf(tmp_path / "a.pdf", pages, "km", shaped=False)
    locked = samples.encrypted_pdf(tmp_path / "locked.pdf", "en")

    extraction = extract_isolated(path, PDF, "km")
    assert outcome(extraction) == (list(extract(path, PDF, "km")), None)
    assert outcome(extract_isolated(path, PDF, "km", start=2)) == (
        list(extract(path, PDF, "km", start=2)),
        None,
    )
    assert outcome(extract_isolated(locked, PDF, "en")) == ([], "encrypted")
    assert group_is_gone(extraction.pid)
    assert extraction.peak_memory_bytes > 0


def test_a_zip_bomb_is_refused_before_it_is_inflated(bomb):
    assert bomb.stat().st_size < 400_000
    # Inflating it would take 300 MB; the child may not have more than 128 MB at all.
    limits = Limits(memory_bytes=128 << 20)

    with pytest.raises(ExtractionFailed) as failed:
        list(extract_isolated(bomb, DOCX, "en", limits=limits))

    assert failed.value.code == "too_large"
    assert failed.value.reason == (
        "The Word file would unpack to 300 MB, more than the 256 MB a file may."
    )


def test_a_file_needing_more_memory_than_allowed_fails_as_memory(bomb):
    # Allowed to inflate that far, the reader needs more than the child's address space.
    limits = Limits(memory_bytes=200 << 20, max_inflated_bytes=1 << 30)

    assert outcome(extract_isolated(bomb, DOCX, "en", limits=limits)) == ([], "memory")


def test_a_member_inflating_far_past_its_declared_size_fails_as_corrupt(tmp_path):
    liar = samples.lying_zip(tmp_path / "liar.docx", samples.OOXML_WORD, 512 << 20)
    assert liar.stat().st_size < 600_000
    # A reader asking for the whole member would inflate 512 MB before cutting it to size.
    limits = Limits(memory_bytes=200 << 20)

    with pytest.raises(ExtractionFailed) as failed:
        list(extract_isolated(liar, DOCX, "en", limits=limits))

    assert failed.value.code == "corrupt"
    assert (
        failed.value.reason == "The Word file is damaged: a part of it does not unpack as it says."
    )


def test_a_file_that_never_ends_is_stopped_at_the_deadline(tmp_path):
    fifo = tmp_path / "endless.txt"
    os.mkfifo(fifo)  # nobody writes: reading it waits forever

    extraction = extract_isolated(fifo, "text/plain", "en", limits=Limits(timeout_seconds=2))

    assert outcome(extraction) == ([], "timeout")
    assert group_is_gone(extraction.pid)


def writing(fifo, text, done):
    """Write ``text`` into the named pipe, then keep it open until ``done`` is set."""

    def write():
        with open(fifo, "w", encoding="utf-8") as pipe:
            pipe.write(text)
            pipe.flush()
            done.wait(30)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_closing_early_kills_the_child_and_its_group(tmp_path):
    fifo = tmp_path / "lesson.txt"
    os.mkfifo(fifo)
    done = threading.Event()
    lines = [f"{n:03d} ການຂາຍສິນຄ້າທາງອອນລາຍ ແລະ ການຈັດສົ່ງສິນຄ້າ" for n in range(200)]
    writer = writing(fifo, "\n".join(lines) + "\n", done)

    extraction = extract_isolated(fifo, "text/plain", "lo")
    first = next(extraction)  # the child waits for more of the file
    extraction.close()
    done.set()
    writer.join()

    assert first.number == 1 and first.text.startswith("000 ")
    assert group_is_gone(extraction.pid)
    assert list(extraction) == []


def test_a_child_that_dies_fails_as_crashed(tmp_path):
    fifo = tmp_path / "lesson.txt"
    os.mkfifo(fifo)
    done = threading.Event()
    writer = writing(fifo, "Rail maintenance\n" * 400, done)

    extraction = extract_isolated(fifo, "text/plain", "en")
    next(extraction)
    os.kill(extraction.pid, signal.SIGSEGV)  # as PDFium would on a broken file
    found, failure = outcome(extraction)
    done.set()
    writer.join()

    assert failure == "crashed"
    assert group_is_gone(extraction.pid)
