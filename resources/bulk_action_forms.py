"""The forms of the resource bulk actions in the page explorer (resources.bulk_actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from wagtail.admin.widgets import AdminTagWidget
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from digital_lm.languages import language_name
from resources.models import Country, QualificationLevel, ResourceIndexPage, Sector

REPLACE, ADD = "replace", "add"


class TagsForm(forms.Form):
    add = TagField(
        label=_("Tags to add"),
        required=False,
        widget=AdminTagWidget,
        help_text=_("Separate tags with commas."),
    )
    remove = TagField(label=_("Tags to remove"), required=False, widget=AdminTagWidget)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("add") and not cleaned.get("remove"):
            raise forms.ValidationError(_("Give at least one tag to add or to remove."))
        return cleaned


def in_default_language(model):
    """One choice per snippet: its row in the default language (pages show it translated)."""
    return model.objects.filter(locale=Locale.get_default()).order_by("name")


class ClassificationForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Sectors and countries"),
        choices=[
            (ADD, _("Add to those each page has")),
            (REPLACE, _("Replace those each page has")),
        ],
        initial=ADD,
        widget=forms.RadioSelect,
    )
    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.none(),
        required=False,
        label=_("Sectors"),
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.none(),
        required=False,
        label=_("Countries"),
        widget=forms.CheckboxSelectMultiple,
    )
    level = forms.ModelChoiceField(
        queryset=QualificationLevel.objects.none(),
        required=False,
        label=_("Qualification level"),
        help_text=_("A field left empty stays as each page has it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = in_default_language(Sector)
        self.fields["countries"].queryset = in_default_language(Country)
        self.fields["level"].queryset = in_default_language(QualificationLevel)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("sectors") or cleaned.get("countries") or cleaned.get("level")):
            raise forms.ValidationError(_("Choose a sector, a country or a level."))
        return cleaned


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section):
        return f"{section.title} · {section.institution.name} · " + language_name(
            section.locale.language_code
        )


def sections_user_can_add_to(user):
    """The institutions' sections (and the sections in them) where ``user`` may add pages."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add"])
    return (
        ResourceIndexPage.objects.filter(pk__in=pages.values("pk"), institution__isnull=False)
        .select_related("institution", "locale")
        .order_by("locale__language_code", "path")
    )


class SectionMoveForm(forms.Form):
    destination = SectionChoiceField(
        queryset=ResourceIndexPage.objects.none(),
        label=_("Move to the section"),
        help_text=_("A section of the same institution, in the pages' language."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].queryset = sections_user_can_add_to(user)
