"""The admin's forms for certificates: one learner, a file of learners, revoking, the list's
filters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from credentials import bulk
from digital_lm.languages import LANGUAGES


class IssueForm(forms.Form):
    learner_name = forms.CharField(label=_("Learner's name"), max_length=bulk.NAME_LENGTH)
    identifier = forms.CharField(
        label=_("Identifier"),
        required=False,
        max_length=bulk.IDENTIFIER_LENGTH,
        help_text=_(
            "Optional: the learner's e-mail address (they are sent the link, and the address "
            "is not kept) or national learner number. The certificate holds it only hashed."
        ),
    )
    achieved_on = forms.DateField(label=_("Date of achievement"), widget=AdminDateInput)
    result = forms.CharField(
        label=_("Assessment result"),
        required=False,
        max_length=bulk.RESULT_LENGTH,
        help_text=_("Optional, e.g. “Distinction” or “85/100”."),
    )
    language = forms.ChoiceField(
        label=_("Certificate language"),
        choices=LANGUAGES,
        help_text=_("The language of the certificate, its page and the e-mail to the learner."),
    )

    def clean_learner_name(self):
        return bulk.check_name(self.cleaned_data["learner_name"])

    def clean_identifier(self):
        return bulk.check_identifier(self.cleaned_data["identifier"])

    def clean_achieved_on(self):
        return bulk.check_achieved_on(self.cleaned_data["achieved_on"])

    def clean_result(self):
        return bulk.check_result(self.cleaned_data["result"])


class BulkIssueForm(forms.Form):
    file = forms.FileField(
        label=_("File of learners"),
        help_text=_(
            "CSV (UTF-8) or XLSX, at most %(size)d MB and %(rows)d learners. Row 1 names the "
            "columns: name, identifier, achieved_on (YYYY-MM-DD), result, language."
        )
        % {"size": bulk.MAX_BYTES // 1024 // 1024, "rows": bulk.MAX_ROWS},
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    language = forms.ChoiceField(
        label=_("Certificate language"),
        choices=LANGUAGES,
        help_text=_("For the rows whose language cell is empty."),
    )


class ConfirmBulkIssueForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_(
            "Recorded in the certificate's history. Verifiers are told only that it is revoked."
        ),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for revoking."))
        return reason


STATUSES = [
    ("", _("Any status")),
    ("valid", _("Valid")),
    ("revoked", _("Revoked")),
    ("withdrawn", _("Page withdrawn")),
]


class CertificateFilterForm(forms.Form):
    q = forms.CharField(label=_("Learner's name"), required=False, max_length=200)
    certification = forms.ChoiceField(label=_("Certification"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUSES)

    def __init__(self, *args, certifications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certification"].choices = [("", _("All certifications")), *certifications]
