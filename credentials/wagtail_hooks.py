"""The credentials app in Wagtail's admin: its audit actions, the Certificates menu and views
(credentials.admin_views), and the "Issue certificate" buttons of a certification page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from credentials import admin_views


@hooks.register("register_log_actions")
def credential_log_actions(actions):
    actions.register_action("credentials.issue", _("Issue certificate"), _("Certificate issued"))
    actions.register_action("credentials.revoke", _("Revoke certificate"), _("Certificate revoked"))
    actions.register_action(
        "credentials.withdraw_page",
        _("Withdraw certificate page"),
        _("Certificate page withdrawn at the learner's request"),
    )


@hooks.register("register_admin_urls")
def certificate_urls():
    return [
        path("certificates/", admin_views.CertificateListView.as_view(), name="dlm_certificates"),
        path(
            "certificates/export/",
            admin_views.ExportView.as_view(),
            name="dlm_certificate_export",
        ),
        path(
            "certificates/<int:object_id>/",
            admin_views.CertificateDetailView.as_view(),
            name="dlm_certificate",
        ),
        path(
            "certificates/<int:object_id>/revoke/",
            admin_views.RevokeView.as_view(),
            name="dlm_certificate_revoke",
        ),
        path(
            "certificates/<int:object_id>/withdraw/",
            admin_views.WithdrawView.as_view(),
            name="dlm_certificate_withdraw",
        ),
        path(
            "certificates/issue/<int:page_id>/",
            admin_views.IssueView.as_view(),
            name="dlm_certificate_issue",
        ),
        path(
            "certificates/issue/<int:page_id>/file/",
            admin_views.BulkIssueView.as_view(),
            name="dlm_certificate_bulk_issue",
        ),
    ]


@hooks.register("register_admin_menu_item")
def certificates_menu_item():
    return admin_views.menu_item()


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def issue_certificate_buttons(page, user, next_url=None, view_name=None, **kwargs):
    if admin_views.may_issue_page(page, user):
        yield Button(
            _("Issue certificate"),
            reverse("dlm_certificate_issue", args=[page.id]),
            icon_name="form",
            attrs={"data-dlm-issue-certificate": ""},
            priority=40,
        )
        yield Button(
            _("Issue certificates from a file"),
            reverse("dlm_certificate_bulk_issue", args=[page.id]),
            icon_name="upload",
            attrs={"data-dlm-issue-certificates": ""},
            priority=41,
        )
