from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from consortium.admin import DatabaseSearchAdmin, ImportExportHistoryAdmin
from consortium.history_admin import HistoryAdmin
from heritage.models import DangerPeriod, HeritageSite, Threat
from heritage.resources import HeritageSiteResource
from search.columns import searched_fields


@admin.register(Threat)
class ThreatAdmin(HistoryAdmin):
    list_display = ["code", "name_ja", "name_en"]
    search_fields = ["code", "name_ja", "name_en"]
    fieldsets = [
        (None, {"fields": ["code"]}),
        (_("Names"), {"fields": [("name_ja", "name_en")]}),
    ]


class DangerPeriodInline(admin.TabularInline):
    model = DangerPeriod
    fields = ["start_year", "end_year"]
    extra = 0


@admin.register(HeritageSite)
class HeritageSiteAdmin(DatabaseSearchAdmin, ImportExportHistoryAdmin):
    resource_classes = [HeritageSiteResource]
    list_display = [
        "name_en",
        "name_ja",
        "whc_id",
        "category",
        "country_codes",
        "inscription_year",
        "in_danger",
        "transboundary",
    ]
    list_display_links = ["name_en", "name_ja"]
    list_filter = ["category", "in_danger", "transboundary", "countries__unesco_region", "threats"]
    search_fields = [*searched_fields(HeritageSite), "whc_id"]
    autocomplete_fields = ["countries", "threats"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [DangerPeriodInline]
    fieldsets = [
        (_("Names"), {"fields": [("name_ja", "name_en", "name_fr")]}),
        (
            _("World Heritage"),
            {"fields": [("whc_id", "category"), ("inscription_year", "criteria"), ("in_danger", "transboundary")]},
        ),
        (_("Location"), {"fields": ["countries", ("latitude", "longitude"), "area_hectares"]}),
        (_("Description"), {"fields": [("description_ja", "description_en"), "description_fr"]}),
        (_("Threats"), {"fields": ["threats"]}),
        (_("Record"), {"fields": [("created_at", "updated_at")]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("countries")

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        # isascii: "²".isdigit() is true, and int("²") fails; no id has more than 10 digits.
        if term.isascii() and term.isdigit() and len(term) <= 10:
            # A number is UNESCO's id of the property, which is how staff are sent to one.
            return queryset.filter(whc_id=int(term)), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("countries"))
    def country_codes(self, site):
        return ", ".join(country.code for country in site.countries.all())
