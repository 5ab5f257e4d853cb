"""One sanitiser for every name a teacher's computer saves: a downloaded file, a course bundle
and the files inside it."""

from resources.documents.names import MAX_NAME_BYTES, content_disposition, safe_filename
from resources.models import ResourceDocument


def test_a_name_keeps_its_script_and_loses_what_file_systems_refuse():
    assert safe_filename(' ຄູ່ມື: ໄຟຟ້າ/ພື້ນຖານ?  "v2"; final. ') == "ຄູ່ມື ໄຟຟ້າ ພື້ນຖານ v2 final"
    assert safe_filename("\x00\t..") == ""


def test_a_name_cannot_disguise_its_extension_with_bidirectional_controls():
    document = ResourceDocument(
        title="ໃບສະເໜີລາຄາ\u202egpj.exe", file="documents/quote.pdf", collection_id=1
    )

    assert document.download_filename == "ໃບສະເໜີລາຄາgpj.exe.pdf"
    assert safe_filename("a\u2066b\u2069c\u200fd\u061ce") == "abcde"
    assert safe_filename("ក្រុម\u200cហ៊ុន") == "ក្រុម\u200cហ៊ុន"  # a joiner Khmer needs is kept


def test_names_windows_keeps_for_devices_are_prefixed():
    assert safe_filename("CON") == "_CON"
    assert safe_filename("lpt1.txt") == "_lpt1.txt"
    assert safe_filename("Console") == "Console"


def test_a_long_name_is_cut_at_a_character_within_the_byte_limit():
    title = "ການເຊື່ອມ" * 40
    name = safe_filename(title)

    assert MAX_NAME_BYTES - 3 < len(name.encode()) <= MAX_NAME_BYTES
    assert title.startswith(name)


def test_a_download_is_named_by_the_same_rules_with_its_extension():
    document = ResourceDocument(title="CON", file="documents/manual.PDF", collection_id=1)

    assert document.download_filename == "_CON.pdf"
    assert document.content_disposition == content_disposition("_CON.pdf")


def test_a_document_without_a_usable_title_keeps_its_stored_name():
    document = ResourceDocument(title=" /:*? ", file="documents/wiring-lo.pdf", collection_id=1)

    assert document.download_filename == "wiring-lo.pdf"
