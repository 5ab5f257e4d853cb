"""One plain Django view that answers the bytes of a page saved beforehand
(``DLM_BENCH_CEILING_BODY``) without touching the database: what the production server and
the middleware cost alone, the ceiling of ``bench/throughput.py``."""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

BODY = Path(os.environ["DLM_BENCH_CEILING_BODY"]).read_bytes()


def same_bytes(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("ceiling/", same_bytes)]
