"""The production settings refuse what would leak: no e-mail server means password-reset links
in the logs, so production does not start without one unless told on purpose; nor without the
secret issuers' certificate signing keys are encrypted with."""

from tests.helpers import run_with_production_settings

LOAD_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
)


def load_production(**variables):
    return run_with_production_settings(
        LOAD_SETTINGS, without=("EMAIL_URL", "DLM_ALLOW_CONSOLE_EMAIL", "DATABASE_URL"), **variables
    )


def test_production_refuses_to_start_without_an_email_server():
    result = load_production()

    assert result.returncode != 0
    assert "Set EMAIL_URL" in result.stderr


def test_production_sends_email_through_the_configured_server():
    result = load_production(EMAIL_URL="smtp+tls://mail.example.org:587")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


def test_console_email_in_production_only_when_asked_for():
    result = load_production(DLM_ALLOW_CONSOLE_EMAIL="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


def test_production_refuses_to_start_without_the_certificate_key_secret():
    result = run_with_production_settings(
        LOAD_SETTINGS,
        without=("DATABASE_URL",),
        EMAIL_URL="smtp+tls://mail.example.org:587",
        DLM_CREDENTIAL_KEY_SECRET="",
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set DLM_CREDENTIAL_KEY_SECRET" in result.stderr
