"""My work: the pages an editor edited last and the reviews waiting for them, in every language,
and nobody else's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.helpers import make_user, role_groups, soup, text_of

URL = reverse("dlm_my_work")


@pytest.fixture
def world(db):
    tree = factories.build_site_tree()
    institution = tree["institution"]
    editors, reviewers = role_groups("editor", institution), role_groups("reviewer", institution)
    return {
        **tree,
        "editor": make_user("editor", *editors),
        "editor2": make_user("editor2", *editors),
        "reviewer": make_user("reviewer", *reviewers),
        "reviewer2": make_user("reviewer2", *reviewers),
    }


def edited(world, title, user, **fields):
    page = factories.CoursePageFactory(
        parent=world["section"], institution=world["institution"], title=title, **fields
    )
    page.save_revision(user=user)
    return page


def rows(page, section):
    """The text of each row of the list ``section`` ("edited" or "waiting")."""
    return [text_of(row) for row in page.select(f"[data-dlm-{section}] tbody tr")]


def test_last_edited_lists_the_editors_pages_in_every_language_newest_first(client, world):
    editor, editor2 = world["editor"], world["editor2"]
    published = factories.publish(edited(world, "Battery safety", editor))
    lao = factories.translate(published, "lo", title="ຄວາມປອດໄພແບັດເຕີຣີ")
    published.save_revision(user=editor)  # a draft on top of the published page
    lao.save_revision(user=editor)
    edited(world, "Motor repair", editor, live=False)
    edited(world, "Someone else's course", editor2, live=False)
    taken_over = edited(world, "Taken over", editor, live=False)
    taken_over.save_revision(user=editor2)  # the latest revision is not the editor's any more
    client.force_login(editor)

    listed = rows(soup(client.get(URL)), "edited")

    assert [row.split(" ")[0] for row in listed] == ["Motor", "ຄວາມປອດໄພແບັດເຕີຣີ", "Battery"]
    assert "ລາວ" in listed[1] and "live + draft" in listed[1]
    assert "简体中文" in listed[0] and "draft" in listed[0] and "live" not in listed[0]
    assert "简体中文" in listed[2] and "live + draft" in listed[2]
    assert not any("Someone else" in row or "Taken over" in row for row in listed)


def test_waiting_for_me_lists_reviews_of_my_groups_that_i_did_not_submit(client, world):
    editor, reviewer, reviewer2 = world["editor"], world["reviewer"], world["reviewer2"]
    submitted = edited(world, "Battery safety", editor, live=False)
    submitted.get_workflow().start(submitted, editor)
    own = edited(world, "Reviewer's own course", reviewer, live=False)
    own.get_workflow().start(own, reviewer)
    client.force_login(reviewer)

    [row] = rows(soup(client.get(URL)), "waiting")

    assert "Battery safety" in row and "简体中文" in row
    assert f"Review · {world['institution'].name}" in row
    client.force_login(reviewer2)
    assert len(rows(soup(client.get(URL)), "waiting")) == 2
    client.force_login(editor)
    page = soup(client.get(URL))
    assert rows(page, "waiting") == []
    assert "No review is waiting for you." in text_of(page.select_one("[data-dlm-waiting]"))


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_reviews_waiting_cost_the_same_queries_for_two_or_twenty(client, world):
    editor, reviewer = world["editor"], world["reviewer"]

    def add(count, start):
        for n in range(start, start + count):
            page = edited(world, f"Course {n}", editor, live=False, external_id=f"MW-{n}")
            page.get_workflow().start(page, editor)

    add(2, 0)
    client.force_login(reviewer)
    count_queries(client)  # caches warmed
    few = count_queries(client)
    add(18, 2)
    many = count_queries(client)
    assert len(rows(soup(client.get(URL)), "waiting")) == 20
    assert many == few, (few, many)


def test_the_last_edited_list_costs_the_same_queries_at_two_sizes(client, world):
    editor = world["editor"]
    for n in range(2):
        edited(world, f"Course {n}", editor, live=False, external_id=f"MW-{n}")
    client.force_login(editor)
    count_queries(client)
    few = count_queries(client)
    for n in range(2, 25):  # more than one page of the list
        edited(world, f"Course {n}", editor, live=False, external_id=f"MW-{n}")
    many = count_queries(client)
    page = soup(client.get(URL))
    assert len(rows(page, "edited")) == 20
    assert "Page 1 of 2" in text_of(page.select_one("[data-dlm-edited]"))
    assert many == few, (few, many)
    second = soup(client.get(URL, {"edited": 2}))
    assert len(rows(second, "edited")) == 5
