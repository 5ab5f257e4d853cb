"""What a certificate means, read in the reader's language: a Lao certificate opened by a
Chinese-reading employer names its levels and the standards it assessed in Chinese, with links
to them in Chinese, wherever the repository has them in that language."""

from datetime import date

import pytest

from credentials.issuing import Learner, issue
from tests.helpers import soup, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def lao_certificate(certification, issuer_user):
    learner = Learner(name="Vilayvanh Sengdara", achieved_on=date(2026, 6, 1), language="lo")
    return issue(certification, learner, issuer_user)


def standards_on(client, language, certificate):
    page = soup(client.get(f"/{language}/credentials/{certificate.public_token}/"))
    return page.select_one(".certificate__standards")


def test_a_lao_certificate_names_its_standard_in_the_readers_language(client, lao_certificate):
    in_chinese = standards_on(client, "zh-hans", lao_certificate)
    in_lao = standards_on(client, "lo", lao_certificate)

    assert "新能源汽车维修职业标准" in text_of(in_chinese)
    assert in_chinese.a["href"].endswith("/r/LM-STD-EV/zh-hans")
    assert "Inspect a high-voltage battery pack" in text_of(in_chinese)
    assert "ມາດຕະຖານອາຊີບ ສ້ອມແປງລົດໄຟຟ້າ" in text_of(in_lao)
    assert "ກວດກາແບັດເຕີຣີແຮງດັນສູງ" in text_of(in_lao)


def test_a_language_the_standard_lacks_keeps_the_certificates_own_words(client, lao_certificate):
    in_khmer = standards_on(client, "km", lao_certificate)

    assert "ມາດຕະຖານອາຊີບ ສ້ອມແປງລົດໄຟຟ້າ" in text_of(in_khmer)


@pytest.mark.parametrize(("language", "june"), [("lo", "1 ມິຖຸນາ 2026"), ("my", "1 ဇွန် 2026")])
def test_dates_are_written_with_the_readers_month_names(client, lao_certificate, language, june):
    page = soup(client.get(f"/{language}/credentials/{lao_certificate.public_token}/"))

    assert june in text_of(page.select_one(".certificate__facts"))
