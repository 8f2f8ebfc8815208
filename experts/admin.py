from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from consortium.admin import DatabaseSearchAdmin, ImportExportHistoryAdmin, PreloadedAutocompleteInline
from consortium.history_admin import HistoryAdmin
from experts.admin_claims import ExpertClaimAdmin  # noqa: F401 (registers the admin)
from experts.admin_contact_views import ContactViewAdmin  # noqa: F401 (registers the admin)
from experts.admin_filters import ConfirmationFilter, MemberAccountFilter
from experts.forms import ExpertAdminForm
from experts.models import Expert, Publication, Specialty
from experts.resources import ExpertResource
from projects.models import Participation
from search.columns import searched_fields


@admin.register(Specialty)
class SpecialtyAdmin(HistoryAdmin):
    list_display = ["code", "name_ja", "name_en", "order"]
    search_fields = ["code", "name_ja", "name_en"]
    fieldsets = [
        (None, {"fields": ["code", "order"]}),
        (_("Names"), {"fields": [("name_ja", "name_en")]}),
    ]


class ProjectParticipationInline(PreloadedAutocompleteInline, admin.TabularInline):
    model = Participation
    fields = ["project", "role", "note"]
    autocomplete_fields = ["project"]
    extra = 0
    verbose_name = _("project")
    verbose_name_plural = _("projects")


class PublicationInline(admin.TabularInline):
    model = Publication
    fields = ["citation", "year", "url", "doi", "order"]
    extra = 0


@admin.register(Expert)
class ExpertAdmin(DatabaseSearchAdmin, ImportExportHistoryAdmin):
    resource_classes = [ExpertResource]
    form = ExpertAdminForm
    list_display = [
        "name_kanji", "name_roman", "organization", "specialty_names", "visibility", "confirmed_at", "updated_at",
    ]  # fmt: skip
    list_display_links = ["name_kanji", "name_roman"]
    list_select_related = ["organization"]
    list_filter = [
        "visibility", MemberAccountFilter, ConfirmationFilter, "specialties", "organization__kind",
        "countries__unesco_region",
    ]  # fmt: skip
    search_fields = searched_fields(Expert)
    autocomplete_fields = ["organization", "specialties", "countries", "languages", "user"]
    readonly_fields = ["created_at", "updated_at", "confirmation_asked_at"]
    inlines = [PublicationInline, ProjectParticipationInline]
    fieldsets = [
        (
            _("Full name"),
            {
                "fields": [
                    ("family_name", "given_name"),
                    ("family_name_kana", "given_name_kana"),
                    ("family_name_en", "given_name_en"),
                ]
            },
        ),
        (_("Affiliation"), {"fields": ["organization", "department", ("position_ja", "position_en")]}),
        (_("Expertise"), {"fields": ["specialties", "countries", "languages"]}),
        (_("Biography"), {"fields": [("biography_ja", "biography_en")]}),
        (_("Contact"), {"fields": [("email", "phone")]}),
        (_("Researcher identifiers"), {"fields": [("orcid", "researchmap_id", "kaken_number")]}),
        (
            _("Record"),
            {
                "fields": [
                    "user",
                    "visibility",
                    "staff_note",
                    ("confirmed_at", "confirmation_asked_at"),
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("specialties")

    @admin.display(description=_("name (kanji)"), ordering="family_name")
    def name_kanji(self, expert):
        return expert.name_ja

    @admin.display(description=_("name (roman letters)"), ordering="family_name_en")
    def name_roman(self, expert):
        return expert.name_en

    @admin.display(description=_("specialties"))
    def specialty_names(self, expert):
        return ", ".join(specialty.name for specialty in expert.specialties.all())
