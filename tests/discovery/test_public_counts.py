"""Counts and facets on both engines count only what the public may see, even before the
discovery worker has caught up with a page unpublished or made private (its results are
checked page by page; counts and facets come from the engine)."""

import pytest

from discovery.models import PendingIndexUpdate
from discovery.params import parse_query
from discovery.service import search
from tests import factories

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def run(**params):
    result = search(parse_query(params, lang="en"))
    assert not result.degraded
    return result


def facet(result, name):
    return {v.value: v.count for v in result.facets[name]}


def test_counts_and_facets_leave_out_pages_withdrawn_before_the_worker_has_run(
    any_discovery_engine,
):
    library = factories.build_library()
    any_discovery_engine.sync()
    assert run(q="welding").count == 4
    standard, practice = library["standard"], library["practice"]
    for page in standard.get_translations(inclusive=True):
        factories.make_private(page)
    for page in practice[0].get_translations(inclusive=True):
        page.unpublish()
    factories.publish(practice[1])  # queued too, and still public: still counted

    # The worker has not run: the index still counts both, the search does not.
    assert PendingIndexUpdate.objects.count() == 3
    found = run(q="welding")
    assert found.count == 2
    assert {h.title for h in found.results} == {"Welding practice 2", "Welding practice 3"}
    assert facet(found, "type") == {"course": 2}
    assert facet(found, "sector") == {"welding": 2}
    assert facet(found, "language") == {"zh-hans": 2, "en": 2}
    browsing = run()
    assert browsing.count == 3
    assert facet(browsing, "sector") == {"automotive": 1, "welding": 2}
