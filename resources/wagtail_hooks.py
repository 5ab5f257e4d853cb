"""Admin wiring: the alliance's taxonomies as one snippet menu with filters and search."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from resources.models import Country, Institution, QualificationLevel, Sector


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "code", "locale"]
    search_fields = ["name"]


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "group"
    list_display = ["name", "kind", "country", "locale"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    list_display = ["name", "code", "locale"]
    search_fields = ["name"]


class QualificationLevelViewSet(SnippetViewSet):
    model = QualificationLevel
    icon = "order"
    list_display = ["name", "framework", "level", "aqrf_level", "locale"]
    list_filter = ["framework"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Alliance taxonomies")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (InstitutionViewSet, CountryViewSet, SectorViewSet, QualificationLevelViewSet)


register_snippet(TaxonomyGroup)
