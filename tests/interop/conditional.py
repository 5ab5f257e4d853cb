"""Conditional requests of the sitemaps and feeds, as a cache or a feed reader makes them."""

import datetime

from django.db.models import F
from wagtail.models import PageLogEntry


def revalidated_answer(client, url):
    """The first answer of ``url``, after checking that a repeated request with either of its
    validators is answered 304. The content is dated a minute back first, so that a change
    the test makes next falls in a later second."""
    PageLogEntry.objects.update(timestamp=F("timestamp") - datetime.timedelta(minutes=1))
    first = client.get(url)
    assert "public" in first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    return first
