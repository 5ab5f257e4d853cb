"""Brute-force protection for every password the site asks for.

Admin sign-in is counted by django-axes (wrong passwords per account and per address, see
settings). The passwords of private pages and private collections go through Wagtail's own
forms, which never call ``authenticate``: they are counted by the same rules, each
restriction standing in for an account.
"""

from functools import wraps

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """The answer while sign-in is paused: 429, and when it may be tried again."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "logins/locked_out.html", {"minutes": minutes}, status=429)


def counted_password_form(view, restriction_argument):
    """``view``, a Wagtail password form, with wrong passwords counted and refused past the
    limit. ``restriction_argument`` names the URL argument holding the restriction's id."""

    @wraps(view)
    def counted(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        credentials = {
            settings.AXES_USERNAME_FORM_FIELD: f"password of {restriction_argument} "
            f"{kwargs[restriction_argument]}"
        }
        if AxesProxyHandler.is_locked(request, credentials):
            return locked_out(request)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:  # the form again: a right password redirects
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        return response

    return counted
