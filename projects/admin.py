from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from consortium.admin import (
    DatabaseSearchAdmin,
    ImportExportHistoryAdmin,
    PreloadedAutocompleteInline,
    deferred_search_columns,
)
from consortium.file_admin import PORTAL_FILE_FIELDS
from consortium.history_admin import HistoryAdmin
from projects.models import (
    CooperationProject,
    Funder,
    FundingScheme,
    Participation,
    ProjectDocument,
    funding_scheme_error,
)
from projects.resources import CooperationProjectResource
from search.columns import searched_fields


class FundingSchemeInline(admin.TabularInline):
    model = FundingScheme
    fields = ["code", "name_ja", "name_en"]
    extra = 0


@admin.register(Funder)
class FunderAdmin(HistoryAdmin):
    list_display = ["code", "name_ja", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name_ja", "name_en"]
    fieldsets = [
        (None, {"fields": ["code", "kind", "website"]}),
        (_("Names"), {"fields": [("name_ja", "name_en")]}),
    ]
    inlines = [FundingSchemeInline]


@admin.register(FundingScheme)
class FundingSchemeAdmin(HistoryAdmin):
    list_display = ["code", "name_ja", "name_en", "funder"]
    list_select_related = ["funder"]
    list_filter = ["funder"]
    search_fields = ["code", "name_ja", "name_en", "funder__name_ja", "funder__name_en"]
    autocomplete_fields = ["funder"]
    fieldsets = [
        (None, {"fields": ["funder", "code"]}),
        (_("Names"), {"fields": [("name_ja", "name_en")]}),
    ]


class CooperationProjectAdminForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        error = funding_scheme_error(cleaned_data.get("funding_scheme"), cleaned_data.get("funders") or [])
        if error:
            self.add_error("funding_scheme", error)
        return cleaned_data


class ParticipationInline(PreloadedAutocompleteInline, admin.TabularInline):
    model = Participation
    fields = ["expert", "role", "note"]
    autocomplete_fields = ["expert"]
    extra = 0


class ProjectDocumentInline(admin.StackedInline):
    model = ProjectDocument
    fields = [("title_ja", "title_en"), ("kind", "year"), ("file", "url")]
    extra = 0
    formfield_overrides = PORTAL_FILE_FIELDS


@admin.register(CooperationProject)
class CooperationProjectAdmin(DatabaseSearchAdmin, ImportExportHistoryAdmin):
    resource_classes = [CooperationProjectResource]
    form = CooperationProjectAdminForm
    list_display = [
        "title_ja",
        "title_en",
        "kind",
        "status",
        "start_year",
        "end_year",
        "lead_organization",
        "visibility",
        "updated_at",
    ]
    list_display_links = ["title_ja", "title_en"]
    list_select_related = ["lead_organization"]
    list_filter = ["kind", "status", "visibility", "funders", "funding_scheme", "countries__unesco_region"]
    search_fields = searched_fields(CooperationProject)
    autocomplete_fields = ["countries", "sites", "lead_organization", "partners", "funders", "funding_scheme"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ParticipationInline, ProjectDocumentInline]
    fieldsets = [
        (_("Title"), {"fields": [("title_ja", "title_en")]}),
        (_("Summary"), {"fields": [("summary_ja", "summary_en")]}),
        (None, {"fields": ["kind", "status", ("start_year", "end_year"), "website", "visibility"]}),
        (_("Countries and sites"), {"fields": ["countries", "sites"]}),
        (_("Organisations and funders"), {"fields": ["lead_organization", "partners", "funders", "funding_scheme"]}),
        (_("Outcomes"), {"fields": [("outcomes_ja", "outcomes_en")]}),
        (_("Record"), {"fields": [("created_at", "updated_at")]}),
    ]


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    list_display = ["project", "expert", "role", "note"]
    list_select_related = ["project", "expert"]
    list_filter = ["role"]
    search_fields = ["project__title_ja", "project__title_en", "expert__family_name", "expert__family_name_en"]
    autocomplete_fields = ["project", "expert"]
    show_full_result_count = False
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*deferred_search_columns(self.model, "project", "expert"))
