from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from consortium.file_admin import PORTAL_FILE_FIELDS
from consortium.history_admin import HistoryAdmin
from reports.models import Report, ReportFile
from search.columns import search_columns


class ReportFileInline(admin.TabularInline):
    model = ReportFile
    fields = ["file", "original_name", "language", "extraction_status", "extraction_error"]
    readonly_fields = ["extraction_status", "extraction_error"]
    formfield_overrides = PORTAL_FILE_FIELDS
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).defer("text")


@admin.register(Report)
class ReportAdmin(HistoryAdmin):
    list_display = ["title_ja", "title_en", "kind", "fiscal_year", "access", "published_on", "text_status"]
    list_display_links = ["title_ja", "title_en"]
    list_filter = ["kind", "access", "fiscal_year", "files__extraction_status", "files__language"]
    search_fields = ["title_ja", "title_en", "authors_text"]
    autocomplete_fields = ["authors", "organization", "countries", "sites", "projects", "events"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ReportFileInline]
    fieldsets = [
        (None, {"fields": [("title_ja", "title_en"), ("kind", "fiscal_year"), ("access", "published_on")]}),
        (_("Abstract"), {"fields": ["abstract_ja", "abstract_en"]}),
        (_("Authors"), {"fields": ["authors", "authors_text", "organization"]}),
        (_("What it concerns"), {"fields": ["countries", "sites", "projects", "events"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).defer(*search_columns(), "file_text")
        # The text status column, without a query per row.
        return queryset.prefetch_related(Prefetch("files", queryset=ReportFile.objects.defer("text")))

    @admin.display(description=_("text of the files"))
    def text_status(self, report):
        files = report.files.all()
        if not files:
            return _("no file")
        failed = [
            report_file for report_file in files if report_file.extraction_status == ReportFile.Extraction.FAILED
        ]
        if failed:
            return _("text could not be read: %(names)s") % {"names": ", ".join(str(f) for f in failed)}
        return ReportFile.Extraction.DONE.label

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A file removed takes its text out of search.
        form.instance.refresh_file_text()
