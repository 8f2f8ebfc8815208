"""The staff admin: shared building blocks, and the countries, regions and languages.

Every app's admin builds on the classes here. ``ImportExportHistoryAdmin``
records every change with who made it, when, and the old and new values
(django-simple-history, revertible from the history page) and lets staff
import and export CSV and XLSX with a row-by-row preview (django-import-export).
The import-export mixin comes first in the bases so that its views and
change-list buttons wrap the history admin's, which wraps ``ModelAdmin``.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import FieldDoesNotExist
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm, SelectableFieldsExportForm

from consortium.history_admin import HistoryAdmin
from consortium.models import Country, CountryProfile, DataExport, Language, Region
from search.columns import SEARCH_COLUMNS, search_columns
from search.matching import matching
from search.query import Query


class LabelledExportForm(SelectableFieldsExportForm):
    """The export form, each column's box labelled with the field's name in the staff's language and its header."""

    def _get_field_label(self, resource, field_name):
        try:
            verbose_name = resource._meta.model._meta.get_field(field_name).verbose_name
        except FieldDoesNotExist:
            return super()._get_field_label(resource, field_name)
        return f"{capfirst(verbose_name)} – {field_name}"


class SizeLimitedImportForm(ImportForm):
    """The import form, refusing a file larger than ``IMPORT_MAX_BYTES`` before anything reads it."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)s; an import takes files of at most %(limit)s. Split it into smaller files.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)},
                code="too_large",
            )
        return upload


class ImportExportHistoryAdmin(ImportExportMixin, HistoryAdmin):
    """History of every change, and CSV/XLSX import and export, for the database's large tables."""

    formats = [CSV, XLSX]
    export_form_class = LabelledExportForm
    import_form_class = SizeLimitedImportForm
    import_template_name = "admin/consortium/import.html"
    # Counting a large table on every page costs more than the figure is worth.
    show_full_result_count = False
    list_per_page = 50

    def has_import_permission(self, request):
        # An import creates rows as well as changing them (IMPORT_EXPORT_IMPORT_PERMISSION_CODE is "change").
        return super().has_import_permission(request) and self.has_add_permission(request)

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        # A file refused at the preview is never confirmed: remove the copy kept for the confirmation.
        upload = request.FILES.get("import_file")
        stored_as = getattr(upload, "tmp_storage_name", None)
        if stored_as and "confirm_form" not in (getattr(response, "context_data", None) or {}):
            self.get_tmp_storage_class()(name=stored_as, **self.get_tmp_storage_class_kwargs()).remove()
        return response


def deferred_search_columns(model, *relations):
    """The generated search columns of ``model``'s related records, for ``defer()``: large, and never shown."""
    return [
        column
        for relation in relations
        if hasattr(model._meta.get_field(relation).related_model, SEARCH_COLUMNS[0])
        for column in search_columns(relation)
    ]


class DatabaseSearchAdmin:
    """Admin mixin for experts, projects and sites: search the way members search the database.

    The admin's own search runs ``icontains`` on every search field, a scan of
    the whole table per term; ``search.matching`` uses the records' indexed,
    generated search columns instead, and finds names in any script. The
    admin's autocompletes go through the same search. ``search_fields`` stays
    set, to the fields those columns are made of (``search.columns.searched_fields``),
    so that the admin shows its search box.
    """

    search_help_text = _("Names in kanji, kana or roman letters, and words of the titles and texts.")

    def get_queryset(self, request):
        # The generated search columns are large and never shown.
        return super().get_queryset(request).defer(*search_columns())

    def get_search_results(self, request, queryset, search_term):
        query = Query.parse(search_term)
        if not query:
            return queryset, False
        return queryset.filter(matching(query)), False


class SelectedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that shows its current choice from the object the form already holds.

    The stock widget looks its current choice up with one query per widget, so
    an inline of fifty rows would run fifty queries; ``PreloadedInlineFormSet``
    hands each widget the related object its row loaded with ``select_related``.
    """

    selected_object = None

    def optgroups(self, name, value, attr=None):
        obj = self.selected_object
        if obj is None or [str(v) for v in value if v] != [str(obj.pk)]:
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance(obj)
        options.append(self.create_option(name, obj.pk, label, True, len(options)))
        return [(None, options, 0)]


class PreloadedInlineFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk is None:
            return form
        # Each row's parent is this formset's instance; hand it over rather than load it again per row.
        self.fk.set_cached_value(form.instance, self.instance)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, SelectedAutocompleteSelect):
                continue
            model_field = form.instance._meta.get_field(name)
            if model_field.is_cached(form.instance):
                widget.selected_object = model_field.get_cached_value(form.instance)
        return form


class PreloadedAutocompleteInline:
    """Inline mixin: autocomplete foreign keys that cost no query per row.

    The foreign keys in ``autocomplete_fields`` are selected with each row
    and shown from there.
    """

    formset = PreloadedInlineFormSet

    def get_queryset(self, request):
        relations = self.get_autocomplete_fields(request)
        queryset = super().get_queryset(request).select_related(*relations)
        return queryset.defer(*deferred_search_columns(self.model, *relations))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SelectedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LoadedByMigrationAdmin(HistoryAdmin):
    """Reference data that a data migration loads from a maintained source: staff correct it, never add or remove."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(HistoryAdmin):
    list_display = ["code", "name_ja", "name_en", "scheme", "order"]
    list_filter = ["scheme"]
    search_fields = ["code", "name_ja", "name_en"]
    fieldsets = [
        (None, {"fields": ["scheme", "code", "order"]}),
        (_("Names"), {"fields": [("name_ja", "name_en")]}),
    ]


@admin.register(Country)
class CountryAdmin(LoadedByMigrationAdmin):
    list_display = ["code", "alpha3", "name_ja", "name_en", "unesco_region", "subcommittee_region"]
    list_select_related = ["unesco_region", "subcommittee_region"]
    list_filter = ["unesco_region", "subcommittee_region"]
    search_fields = ["code", "alpha3", "name_ja", "name_en"]
    readonly_fields = ["code", "alpha3"]
    fieldsets = [
        (None, {"fields": [("code", "alpha3")]}),
        (_("Names"), {"fields": [("name_ja", "name_en")]}),
        (_("Regions"), {"fields": [("unesco_region", "subcommittee_region")]}),
    ]


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("review overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("not reviewed for over two years"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.review_overdue()
        return queryset


@admin.register(CountryProfile)
class CountryProfileAdmin(HistoryAdmin):
    """Staff keep each partner country's profile in both languages, and review it every two years."""

    list_display = ["country", "reviewed_on", "updated_at"]
    list_select_related = ["country"]
    list_filter = [ReviewOverdueFilter]
    search_fields = ["country__code", "country__name_ja", "country__name_en"]
    autocomplete_fields = ["country"]
    date_hierarchy = "reviewed_on"
    fieldsets = [
        (None, {"fields": ["country", "reviewed_on"]}),
        (_("Protection of cultural heritage"), {"fields": [("protection_ja", "protection_en")]}),
        (_("Requests and needs for cooperation"), {"fields": [("needs_ja", "needs_en")]}),
        (_("Japan's cooperation so far"), {"fields": [("japan_ja", "japan_en")]}),
        (_("Sources"), {"fields": [("sources_ja", "sources_en")]}),
    ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"overdue_count": CountryProfile.objects.review_overdue().count(), **(extra_context or {})}
        return super().changelist_view(request, extra_context)


@admin.register(Language)
class LanguageAdmin(LoadedByMigrationAdmin):
    list_display = ["code", "name_ja", "name_en"]
    search_fields = ["code", "name_ja", "name_en"]
    readonly_fields = ["code"]
    fieldsets = [
        (None, {"fields": ["code"]}),
        (_("Names"), {"fields": [("name_ja", "name_en")]}),
    ]


@admin.register(DataExport)
class DataExportAdmin(admin.ModelAdmin):
    """Who downloaded which search, and how many rows: a record, read only."""

    list_display = ["created_at", "user_email", "kind", "format", "language", "row_count", "truncated"]
    list_filter = ["kind", "format", "truncated", "created_at"]
    search_fields = ["user_email", "query_string"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
