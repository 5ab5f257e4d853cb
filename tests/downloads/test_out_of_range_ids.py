"""An id in a public URL longer than any row id (a 64-bit integer) is "not found", as any
unknown id is, never a server error from the database."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 25  # above 2**63, which PostgreSQL's bigint (and SQLite) cannot hold
JUST_ABOVE = str(2**63)

URLS = [
    f"/downloads/courses/{HUGE}/lo.zip",
    f"/downloads/courses/{JUST_ABOVE}/zh-hans.zip",
    f"/downloads/previews/{HUGE}.webp",
    f"/documents/{HUGE}/handbook.pdf",
    f"/documents/authenticate_with_password/{HUGE}/",
    f"/lo/_util/authenticate_with_password/{HUGE}/{HUGE}/",
]


@pytest.mark.parametrize("url", URLS)
def test_an_id_beyond_any_row_is_not_found(client, site_tree, url):
    # (An address no pattern matches may first be sent to its language's form of it.)
    assert client.get(url, follow=True).status_code == 404
    assert client.post(url, {"password": "guess"}, follow=True).status_code == 404
