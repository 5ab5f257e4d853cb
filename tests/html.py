"""Reading the pages a test fetched, as a visitor's browser would."""

from bs4 import BeautifulSoup


def soup(response, status=200):
    """The parsed page of ``response``, which must have answered ``status``."""
    assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(element):
    """The text a visitor reads in ``element``, spaces collapsed."""
    return " ".join(element.get_text(" ", strip=True).split())
