"""The admin side of certificates, for each institution's certificate issuers (the group
"Certificate issuers · <institution>") and superusers: issuing from a certification page (one
learner, or a file of them with a preview to confirm), the list of the institution's
certificates with each one's history, revoking, withdrawing a public page, and the CSV export.

Every view answers 403 to anyone who may not issue for the certificate's institution, whatever
id they try: certificates are looked up only among those of the user's institutions.
"""

import csv
import hashlib
import io

from django.contrib import messages
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.defaults import permission_denied as forbidden
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry, Page

from credentials import bulk
from credentials.achievements import NotIssuable, live_translations
from credentials.admin_forms import (
    BulkIssueForm,
    CertificateFilterForm,
    ConfirmBulkIssueForm,
    IssueForm,
    RevokeForm,
)
from credentials.emails import send_link_on_commit
from credentials.issuers import issuer_for, issuers_of, may_issue
from credentials.issuing import Learner, issue, revoke, withdraw_page
from credentials.models import IssuedCredential
from credentials.verification import verify
from credentials.views import page_url
from digital_lm.languages import language_name
from resources.models import CertificationPage, Institution
from resources.reports import as_text_cell

PER_PAGE = 50
PREVIEW_MAX_AGE = 60 * 60  # seconds a checked file waits for its confirmation


# Who may see what ---------------------------------------------------------------------------


def is_issuer(user):
    """Whether ``user`` may issue for some institution (the menu and the list)."""
    return user.is_active and (user.is_superuser or issuers_of(user).exists())


def visible_credentials(user):
    """The certificates of the institutions ``user`` may issue for, and no others."""
    return IssuedCredential.objects.filter(issuer__in=issuers_of(user))


def credential_for(user, object_id):
    """The certificate ``object_id`` of one of ``user``'s institutions; 403 otherwise, whether
    it belongs to another institution or does not exist (no guessing which)."""
    credential = (
        visible_credentials(user)
        .select_related("issuer", "issued_by", "revoked_by", "status_list")
        .filter(pk=object_id)
        .first()
    )
    if credential is None or not may_issue(user, credential.issuer):
        if user.is_superuser:
            raise Http404
        raise PermissionDenied
    return credential


def certification_for(user, page_id):
    """The certification page ``page_id`` and its institution's issuer, when ``user`` may issue
    for it (403), the page being a certification (404)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, CertificationPage):
        raise Http404
    if page.institution is None:
        raise PermissionDenied
    issuer = issuer_for(page.institution)
    if not may_issue(user, issuer):
        raise PermissionDenied
    return page, issuer


def may_issue_page(page, user):
    """For the page's buttons: a live certification whose institution ``user`` issues for."""
    if page.specific_class is not CertificationPage or not page.live:
        return False
    if not (user.is_superuser or issuers_of(user).exists()):
        return False  # most editors: one query, whatever the page
    institution = page.specific.institution
    return institution is not None and may_issue(user, issuer_for(institution))


class IssuersOnly:
    """Refuses (403, not Wagtail's redirect to the dashboard) anyone who issues for no
    institution, before anything is looked up, and anyone ``look_up`` refuses."""

    def dispatch(self, request, *args, **kwargs):
        try:
            if not is_issuer(request.user):
                raise PermissionDenied
            response = self.look_up(request, **kwargs)
            if response is not None:
                return response
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            return forbidden(request, error)

    def look_up(self, request, **kwargs):
        """What the view is about (raises PermissionDenied or Http404; may answer instead)."""
        return None


class CertificatesBreadcrumbs:
    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("dlm_certificates"), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]


# What a certificate is now ------------------------------------------------------------------


def status_of(credential):
    if credential.revoked_at is not None:
        return _("Revoked")
    if credential.page_withdrawn_at is not None:
        return _("Page withdrawn")
    if credential.valid_until is not None and credential.valid_until < timezone.now():
        return _("Expired")
    return _("Valid")


def with_status(credentials, status):
    if status == "valid":
        return credentials.filter(revoked_at__isnull=True, page_withdrawn_at__isnull=True)
    if status == "revoked":
        return credentials.filter(revoked_at__isnull=False)
    if status == "withdrawn":
        return credentials.filter(page_withdrawn_at__isnull=False)
    return credentials


def certification_titles(keys):
    """{translation key: title} of certifications, in the admin's language where translated."""
    language = translation.get_language()
    titles = {}
    pages = (
        CertificationPage.objects.filter(translation_key__in=set(keys))
        .select_related("locale")
        .order_by("pk")
    )
    for page in pages:
        if page.translation_key not in titles or page.locale.language_code == language:
            titles[page.translation_key] = page.title
    return titles


def institution_names(issuers):
    keys = {issuer.institution_key: issuer for issuer in issuers}
    language = translation.get_language()
    names = {}
    institutions = (
        Institution.objects.filter(translation_key__in=keys).select_related("locale").order_by("pk")
    )
    for institution in institutions:
        issuer = keys[institution.translation_key]
        if issuer.pk not in names or institution.locale.language_code == language:
            names[issuer.pk] = institution.name
    return names


# Issuing ------------------------------------------------------------------------------------


def issued_message(credential, emailed):
    url = page_url(credential)
    message = format_html(
        '{} <a href="{}" target="_blank" rel="noreferrer">{}</a>',
        _("Certificate issued to %(name)s. Their certificate's link:")
        % {"name": credential.learner_name},
        url,
        url,
    )
    if emailed:
        message = format_html("{} {}", message, _("The link is being e-mailed to the learner."))
    return message


class CertificationView(IssuersOnly, WagtailAdminTemplateMixin):
    """A view of one certification page: its institution's issuers only (anyone else is refused
    before the page is looked up), live ones only."""

    header_icon = "form"

    def look_up(self, request, **kwargs):
        self.certification, self.issuer = certification_for(request.user, kwargs["page_id"])
        try:
            if not self.certification.live:
                raise NotIssuable(_("Only a published, public certification can be issued."))
            live_translations(self.certification)
        except NotIssuable as error:
            messages.error(request, str(error))
            return redirect("wagtailadmin_pages:edit", self.certification.pk)
        return None

    def get_page_subtitle(self):
        return self.certification.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.certification.pk]),
                "label": self.certification.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "certification": self.certification}


class IssueView(CertificationView, FormView):
    page_title = gettext_lazy("Issue certificate")
    template_name = "credentials/admin/issue.html"
    form_class = IssueForm

    def get_initial(self):
        return {"language": self.certification.locale.language_code}

    def form_valid(self, form):
        data = form.cleaned_data
        learner = Learner(
            name=data["learner_name"],
            identifier=data["identifier"],
            achieved_on=data["achieved_on"],
            result=data["result"],
            language=data["language"],
        )
        try:
            with transaction.atomic():
                credential = issue(self.certification, learner, self.request.user)
                emailed = send_link_on_commit(credential, learner)
        except NotIssuable as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, issued_message(credential, emailed))
        return redirect("dlm_certificate", credential.pk)


class BulkIssueView(CertificationView, FormView):
    """Upload → every row checked (a file with a bad row issues nothing and lists each problem)
    → a preview of who gets what → confirm → all issued in one transaction."""

    page_title = gettext_lazy("Issue certificates from a file")
    template_name = "credentials/admin/bulk_issue.html"
    form_class = BulkIssueForm

    def get_initial(self):
        return {"language": self.certification.locale.language_code}

    def salt(self):
        return f"credentials.bulk:{self.request.user.pk}:{self.certification.pk}"

    def post(self, request, *args, **kwargs):
        if "payload" in request.POST:
            return self.confirmed(ConfirmBulkIssueForm(request.POST))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > bulk.MAX_BYTES:
            form.add_error(
                "file",
                _("The file is too big (%(size)s MB): at most %(limit)s MB.")
                % {
                    "size": round(upload.size / 1024 / 1024, 1),
                    "limit": bulk.MAX_BYTES // 1024 // 1024,
                },
            )
            return self.form_invalid(form)
        try:
            checked = bulk.check_file(upload.read(), upload.name, form.cleaned_data["language"])
        except bulk.BulkFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        context = {"form": form, "checked": checked}
        if checked.ok:
            payload = signing.dumps(bulk.as_data(checked.learners), salt=self.salt(), compress=True)
            context["confirm_form"] = ConfirmBulkIssueForm(initial={"payload": payload})
            context["preview"] = [
                (line, learner, language_name(learner.language))
                for line, learner in checked.learners
            ]
        return self.render_to_response(self.get_context_data(**context))

    def confirmed(self, form):
        again = redirect("dlm_certificate_bulk_issue", self.certification.pk)
        try:
            if not form.is_valid():
                raise signing.BadSignature
            data = signing.loads(
                form.cleaned_data["payload"], salt=self.salt(), max_age=PREVIEW_MAX_AGE
            )
            learners = [learner for _line, learner in bulk.from_data(data)]
        except signing.SignatureExpired:
            messages.error(self.request, _("The preview is more than an hour old: upload again."))
            return again
        except (signing.BadSignature, ValueError, TypeError, ValidationError):
            messages.error(self.request, _("The confirmation was not valid: upload again."))
            return again
        # Confirming twice (a double click, the back button) issues once.
        digest = hashlib.sha256(form.cleaned_data["payload"].encode()).hexdigest()
        done_key = f"credentials:bulk-issued:{digest}"
        if not cache.add(done_key, True, PREVIEW_MAX_AGE * 2):
            messages.warning(self.request, _("These certificates were issued already."))
            return self._listing()
        try:
            issued = bulk.issue_all(self.certification, learners, self.request.user)
        except NotIssuable as error:
            cache.delete(done_key)
            messages.error(self.request, _("Nothing was issued: %(reason)s") % {"reason": error})
            return again
        emailed = sum(1 for learner in learners if learner.email)
        message = ngettext(
            "%(count)d certificate issued.", "%(count)d certificates issued.", len(issued)
        ) % {"count": len(issued)}
        if emailed:
            message += " " + ngettext(
                "%(count)d learner is being e-mailed their link.",
                "%(count)d learners are being e-mailed their link.",
                emailed,
            ) % {"count": emailed}
        messages.success(self.request, message)
        return self._listing()

    def _listing(self):
        query = f"?certification={self.certification.translation_key}"
        return redirect(reverse("dlm_certificates") + query)


# The list, a certificate, and what issuers do to it -----------------------------------------


class CertificateListView(IssuersOnly, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Certificates")
    header_icon = "form"
    template_name = "credentials/admin/list.html"

    def filtered(self):
        """(the filter form, the certificates it selects, {key: certification title})."""
        user = self.request.user
        credentials = visible_credentials(user)
        titles = certification_titles(
            credentials.order_by().values_list("certification_key", flat=True).distinct()
        )
        choices = sorted(((str(key), title) for key, title in titles.items()), key=lambda c: c[1])
        form = CertificateFilterForm(self.request.GET or None, certifications=choices)
        if form.is_valid():
            data = form.cleaned_data
            if data["q"].strip():
                credentials = credentials.filter(learner_name__icontains=data["q"].strip())
            if data["certification"]:
                credentials = credentials.filter(certification_key=data["certification"])
            credentials = with_status(credentials, data["status"])
        elif form.is_bound:
            credentials = credentials.none()
        return form, credentials, titles

    def get_context_data(self, **kwargs):
        form, credentials, titles = self.filtered()
        page = Paginator(
            credentials.select_related("issuer").order_by("-issued_at", "-pk"), PER_PAGE
        ).get_page(self.request.GET.get("p"))
        for credential in page:
            credential.status_label = status_of(credential)
            credential.certification_title = titles.get(credential.certification_key, "")
            credential.language_label = language_name(credential.language)
        query = self.request.GET.copy()
        query.pop("p", None)
        return {
            **super().get_context_data(**kwargs),
            "filter_form": form,
            "page_obj": page,
            "query": query.urlencode(),
            "export_url": reverse("dlm_certificate_export") + (f"?{query.urlencode()}"),
        }


class CertificateView(IssuersOnly, CertificatesBreadcrumbs, WagtailAdminTemplateMixin):
    header_icon = "form"

    def look_up(self, request, **kwargs):
        self.credential = credential_for(request.user, kwargs["object_id"])

    def get_page_subtitle(self):
        return self.credential.learner_name

    def get_context_data(self, **kwargs):
        credential = self.credential
        return {
            **super().get_context_data(**kwargs),
            "credential": credential,
            "status": status_of(credential),
            "certification_title": certification_titles([credential.certification_key]).get(
                credential.certification_key, ""
            ),
            "public_url": page_url(credential),
        }


class CertificateDetailView(CertificateView, TemplateView):
    page_title = gettext_lazy("Certificate")
    template_name = "credentials/admin/detail.html"

    def get_context_data(self, **kwargs):
        credential = self.credential
        entries = (
            ModelLogEntry.objects.for_instance(credential)
            .select_related("user")
            .order_by("-timestamp", "-pk")
        )
        return {
            **super().get_context_data(**kwargs),
            "verification": verify(credential.signed),
            "log_entries": entries,
            "language_label": language_name(credential.language),
            "institution": institution_names([credential.issuer]).get(credential.issuer_id, ""),
        }


class RevokeView(CertificateView, FormView):
    page_title = gettext_lazy("Revoke certificate")
    template_name = "credentials/admin/revoke.html"
    form_class = RevokeForm

    def get(self, request, *args, **kwargs):
        if self.credential.revoked:
            messages.info(request, _("This certificate is revoked already."))
            return redirect("dlm_certificate", self.credential.pk)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        revoke(self.credential, self.request.user, form.cleaned_data["reason"])
        messages.success(
            self.request,
            _("The certificate of %(name)s is revoked: verifying it now says so.")
            % {"name": self.credential.learner_name},
        )
        return redirect("dlm_certificate", self.credential.pk)


class WithdrawView(CertificateView, TemplateView):
    page_title = gettext_lazy("Withdraw the certificate's public page")
    template_name = "credentials/admin/withdraw.html"

    def get(self, request, *args, **kwargs):
        if self.credential.page_withdrawn_at is not None:
            messages.info(request, _("This certificate's public page is withdrawn already."))
            return redirect("dlm_certificate", self.credential.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        withdraw_page(self.credential, request.user)
        messages.success(
            request,
            _(
                "The public page of %(name)s's certificate is withdrawn: its link now finds "
                "nothing. The certificate file they hold still verifies."
            )
            % {"name": self.credential.learner_name},
        )
        return redirect("dlm_certificate", self.credential.pk)


# The export ---------------------------------------------------------------------------------


EXPORT_COLUMNS = (
    "certificate", "institution", "certification", "certification_title", "name",
    "achieved_on", "result", "language", "issued_at", "issued_by", "status", "valid_until",
    "revoked_at", "revoked_by", "revocation_reason", "page_withdrawn_at", "link",
)  # fmt: skip


class ExportView(IssuersOnly, View):
    """The certificates the list shows (its filters apply), as CSV for a spreadsheet."""

    def get(self, request):
        listing = CertificateListView(request=request)
        _form, credentials, titles = listing.filtered()
        credentials = credentials.select_related(
            "issuer", "issued_by", "revoked_by", "certification"
        ).order_by("issued_at", "pk")
        names = institution_names(issuers_of(request.user))
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(EXPORT_COLUMNS)
        for credential in credentials.iterator(chunk_size=500):
            certification = credential.certification
            row = [
                credential.uuid,
                names.get(credential.issuer_id, credential.issuer.slug),
                certification.external_id if certification else "",
                titles.get(credential.certification_key, ""),
                credential.learner_name,
                credential.achieved_on.isoformat(),
                credential.result,
                credential.language,
                credential.issued_at.isoformat(timespec="seconds"),
                credential.issued_by.get_username() if credential.issued_by else "",
                status_of(credential),
                credential.valid_until.date().isoformat() if credential.valid_until else "",
                _moment(credential.revoked_at),
                credential.revoked_by.get_username() if credential.revoked_by else "",
                credential.revocation_reason,
                _moment(credential.page_withdrawn_at),
                "" if credential.page_withdrawn_at else page_url(credential),
            ]
            writer.writerow([as_text_cell(cell) for cell in row])
        response = HttpResponse(
            out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
        )
        name = f"certificates-{timezone.localdate().isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


def _moment(value):
    return value.isoformat(timespec="seconds") if value else ""


# The menu -----------------------------------------------------------------------------------


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return is_issuer(request.user)


def menu_item():
    return CertificatesMenuItem(
        gettext_lazy("Certificates"), reverse("dlm_certificates"), icon_name="form", order=450
    )
