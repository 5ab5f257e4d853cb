"""Guessing passwords does not work: after a few wrong passwords for one account, or from
one address, signing in to the admin is paused, and so are the passwords of private pages
and collections; the visitor is told why and for how long, in their language."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from tests import factories

LIMIT = 5
ADMIN_LOGIN = "/admin/login/"
ATTACKER, TEACHER = "203.0.113.5", "198.51.100.7"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("somphone", password="Right-pass-2026")


def sign_in(client, username, password, address=ATTACKER, **headers):
    headers.setdefault("HTTP_ACCEPT_LANGUAGE", "en")
    return client.post(
        ADMIN_LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def test_after_the_limit_even_the_right_password_is_refused_and_the_visitor_is_told(client, editor):
    for _ in range(LIMIT - 1):
        assert sign_in(client, "somphone", "guess").status_code == 200
    assert sign_in(client, "somphone", "guess").status_code == 429  # the last one allowed

    response = sign_in(client, "somphone", "Right-pass-2026")

    assert response.status_code == 429 and not signed_in(response)
    assert "Too many wrong passwords" in response.content.decode()
    assert "paused for 15 minutes" in response.content.decode()


def test_the_account_stays_paused_from_another_address(client, editor):
    for _ in range(LIMIT):
        sign_in(client, "somphone", "guess")

    assert sign_in(client, "somphone", "Right-pass-2026", address=TEACHER).status_code == 429


def test_one_address_trying_many_accounts_is_paused(client, editor):
    for n in range(LIMIT):
        sign_in(client, f"user{n}", "guess")

    assert sign_in(client, "somphone", "Right-pass-2026").status_code == 429
    assert signed_in(sign_in(client, "somphone", "Right-pass-2026", address=TEACHER))


def test_after_the_cool_off_the_right_password_works(client, editor):
    for _ in range(LIMIT):
        sign_in(client, "somphone", "guess")
    # Move the clock: the failures happened sixteen minutes ago.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )

    assert signed_in(sign_in(client, "somphone", "Right-pass-2026"))


def test_a_right_password_before_the_limit_starts_the_count_again(client, editor):
    for _ in range(LIMIT - 1):
        sign_in(client, "somphone", "guess")
    assert signed_in(sign_in(client, "somphone", "Right-pass-2026"))
    client.logout()

    for _ in range(LIMIT - 1):
        sign_in(client, "somphone", "guess")
    assert signed_in(sign_in(client, "somphone", "Right-pass-2026"))


def test_the_message_is_in_the_visitors_language(client, editor):
    for _ in range(LIMIT):
        sign_in(client, "somphone", "guess")

    response = sign_in(client, "somphone", "guess", HTTP_ACCEPT_LANGUAGE="lo")

    assert response.status_code == 429
    assert 'lang="lo"' in response.content.decode()
    assert "Too many wrong passwords" not in response.content.decode()


def test_behind_the_front_server_each_visitor_counts_on_their_own(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    front = "10.0.0.2"  # every request arrives from the front server
    for n in range(LIMIT):
        # What the client sends on the left is not believed; the front server's entry is.
        sign_in(client, f"user{n}", "guess", front, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}")

    assert (
        sign_in(client, "somphone", "guess", front, HTTP_X_FORWARDED_FOR=ATTACKER).status_code
        == 429
    )
    assert signed_in(
        sign_in(client, "somphone", "Right-pass-2026", front, HTTP_X_FORWARDED_FOR=TEACHER)
    )


def test_the_password_of_a_private_page_is_paused_after_the_limit(client, site_tree):
    page = factories.published_resource(site_tree["section"], title="Exam answers")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="Secret-2026"
    )
    url = f"/zh-hans/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    form = {"return_url": page.url}

    for _ in range(LIMIT - 1):
        assert client.post(url, {**form, "password": "guess"}).status_code == 200
    assert client.post(url, {**form, "password": "guess"}).status_code == 429
    response = client.post(url, {**form, "password": "Secret-2026"})

    assert response.status_code == 429
    assert client.get(page.url).status_code == 200  # the form again, not the page
    assert "Exam answers" not in client.get(page.url).content.decode().split("<main")[-1]


def test_the_password_of_a_private_collection_is_paused_after_the_limit(client, site_tree):
    material = factories.published_resource(
        site_tree["section"], factories.TeachingMaterialPageFactory
    )
    document = factories.add_material_file(
        material, title="Answers", language="lo", file=ContentFile(b"%PDF-1.7\n", name="a.pdf")
    )
    restriction = CollectionViewRestriction.objects.create(
        collection=document.collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="Secret-2026",
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    form = {"return_url": document.url}

    for _ in range(LIMIT - 1):
        assert client.post(url, {**form, "password": "guess"}).status_code == 200
    assert client.post(url, {**form, "password": "guess"}).status_code == 429
    response = client.post(url, {**form, "password": "Secret-2026"})

    assert response.status_code == 429
    assert "Content-Disposition" not in client.get(document.url)  # the form, not the file


def test_a_right_collection_password_within_the_limit_opens_the_file(client, site_tree):
    material = factories.published_resource(
        site_tree["section"], factories.TeachingMaterialPageFactory
    )
    document = factories.add_material_file(
        material, title="Answers", language="lo", file=ContentFile(b"%PDF-1.7\n", name="a.pdf")
    )
    restriction = CollectionViewRestriction.objects.create(
        collection=document.collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="Secret-2026",
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])

    client.post(url, {"return_url": document.url, "password": "guess"})
    response = client.post(url, {"return_url": document.url, "password": "Secret-2026"})

    assert response.status_code == 302
    assert client.get(document.url)["Content-Disposition"].startswith("attachment")


def test_the_django_admin_is_not_mounted(client, db):
    assert client.get("/django-admin/", follow=True).status_code == 404
