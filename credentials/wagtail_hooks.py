"""The credentials app in Wagtail's admin: its audit actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def credential_log_actions(actions):
    actions.register_action("credentials.issue", _("Issue certificate"), _("Certificate issued"))
    actions.register_action("credentials.revoke", _("Revoke certificate"), _("Certificate revoked"))
    actions.register_action(
        "credentials.withdraw_page",
        _("Withdraw certificate page"),
        _("Certificate page withdrawn at the learner's request"),
    )
