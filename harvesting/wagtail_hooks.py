"""Admin of harvesting: the repositories harvested (site administrators add and change them;
alliance reviewers see them), each harvest's record and the resources harvested, read-only."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from harvesting.models import ExternalResource, HarvestRun, HarvestSource


class ReadOnlyPolicy(ModelPermissionPolicy):
    """View permission only, whatever else a user holds: harvests write these rows."""

    READ = {"view"}

    def user_has_permission(self, user, action):
        return action in self.READ and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) & self.READ)

    def users_with_any_permission(self, actions, **kwargs):
        return super().users_with_any_permission(set(actions) & self.READ, **kwargs)


for _model in (HarvestRun, ExternalResource):
    register_permission_policy(_model, ReadOnlyPolicy(_model))


class HarvestSourceViewSet(ModelViewSet):
    model = HarvestSource
    name = "harvest_repositories"
    url_prefix = "harvesting/repositories"
    icon = "download"
    menu_label = _("Repositories")
    list_display = ["name", "base_url", "institution", "enabled", "harvested_until", "last_run_at"]
    list_filter = ["enabled", "institution"]
    form_fields = [
        "name", "base_url", "metadata_prefix", "set_spec", "institution", "enabled",
        "interval_hours",
    ]  # fmt: skip
    search_fields = ["name", "base_url"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name", "base_url", "metadata_prefix", "set_spec", "institution", "enabled",
        "interval_hours", "harvested_until", "resumption_token", "last_run_at",
    ]  # fmt: skip


class HarvestRunViewSet(ModelViewSet):
    model = HarvestRun
    name = "harvest_runs"
    url_prefix = "harvesting/runs"
    icon = "history"
    menu_label = _("Harvest runs")
    list_display = ["source", "started_at", "status", "created", "updated", "deleted", "failed"]
    list_filter = ["source", "status"]
    exclude_form_fields = []  # never edited: the policy allows viewing only
    inspect_view_enabled = True
    inspect_view_fields = [
        "source", "status", "started_at", "finished_at", "incremental_from", "resumed",
        "created", "updated", "deleted", "failed", "message_shown", "errors_shown",
    ]  # fmt: skip


class ExternalResourceViewSet(ModelViewSet):
    model = ExternalResource
    name = "external_resources"
    url_prefix = "harvesting/resources"
    icon = "link-external"
    menu_label = _("External resources")
    list_display = ["title", "language", "source", "resource_type", "datestamp"]
    list_filter = ["source", "language"]
    exclude_form_fields = []  # never edited: the policy allows viewing only
    search_fields = ["title", "identifier"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title", "summary", "language", "url", "source", "identifier", "resource_type",
        "publisher", "countries", "subjects", "rights", "datestamp", "harvested_at",
    ]  # fmt: skip


class HarvestingGroup(ViewSetGroup):
    menu_label = _("Harvesting")
    menu_icon = "download"
    menu_order = 900
    items = (HarvestSourceViewSet, HarvestRunViewSet, ExternalResourceViewSet)


@hooks.register("register_admin_viewset")
def register_harvesting():
    return HarvestingGroup()
