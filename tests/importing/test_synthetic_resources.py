"""The synthetic generator (`manage.py generate_synthetic_resources`) on the test database: a
small run writes published resources in several languages that pass the generator's own
checks, a second run adds nothing, and a database not named *_bench is refused."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models.signals import post_save
from wagtail.models import Locale

from demo import taxonomy, tree
from demo.sync import Tally
from demo.synthetic.naming import ID_PREFIX, SLUG_PREFIX
from digital_lm.languages import LANGUAGE_CODES
from resources.editorial.signals import institution_saved
from resources.models import Institution, resource_page_models

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the generator writes with PostgreSQL's COPY"
    ),
]

COUNT = 40


@pytest.fixture
def alliance():
    """What the generator builds on, without the demo's 60 resources (loading them takes a
    minute): the demo's snippets, and each language's home page and resource library.

    The editorial set-up that saving a new institution triggers (groups, workflows, a
    section: test_editorial_setup's subject) is muted for the demo's institutions and the
    generator's own: it would be nine tenths of this test's time."""
    post_save.disconnect(institution_saved, sender=Institution)
    try:
        locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGE_CODES}
        tally = Tally()
        countries = taxonomy.load_countries(locales, tally)
        taxonomy.load_sectors(locales, tally)
        taxonomy.load_levels(locales, tally)
        taxonomy.load_institutions(locales, countries, tally)
        tree.remove_welcome_page()
        homes = tree.load_homes(locales, tally)
        tree.load_catalogues(homes, locales, tally)
        yield
    finally:
        post_save.connect(institution_saved, sender=Institution)


def generate(*options):
    """Run the command as a benchmark would, but on the test database (hence the flag) and
    without the database search index, which it fills from forked processes that cannot
    see the test's transaction. It fails if its checks find a problem."""
    out = io.StringIO()
    call_command(
        "generate_synthetic_resources",
        f"--count={COUNT}",
        "--seed=3",
        "--db-index=none",
        "--i-know-this-is-a-bench-db",
        *options,
        stdout=out,
    )
    return out.getvalue()


def synthetic_pages():
    return [
        page
        for model in resource_page_models()
        for page in model.objects.filter(external_id__startswith=ID_PREFIX).select_related("locale")
    ]


def test_a_small_run_writes_published_resources_in_several_languages_that_pass_its_checks(
    alliance,
):
    output = generate()

    pages = synthetic_pages()
    assert len(pages) == COUNT
    assert all(page.slug.startswith(SLUG_PREFIX) for page in pages)
    assert all(page.live and not page.has_unpublished_changes for page in pages)
    assert all(page.first_published_at and page.last_published_at for page in pages)
    languages = {page.locale.language_code for page in pages}
    assert {"zh-hans", "en"} < languages and len(languages) >= 4
    assert {type(page) for page in pages} == set(resource_page_models())
    assert "no problems" in output

    # A second run with the same count finds them all and adds nothing.
    assert "nothing to add" in generate("--no-check")
    assert {(p.pk, p.title) for p in synthetic_pages()} == {(p.pk, p.title) for p in pages}


def test_a_database_whose_name_does_not_end_in_bench_is_refused(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "dlm_site")
    with pytest.raises(CommandError, match="does not end in '_bench'"):
        call_command("generate_synthetic_resources", "--count=1", stdout=io.StringIO())
    assert synthetic_pages() == []
