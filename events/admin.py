from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consortium.file_admin import PORTAL_FILE_FIELDS
from consortium.history_admin import HistoryAdmin
from events import registration_export, registrations
from events.admin_checkins import CheckInAdmin  # noqa: F401 (registers the admin)
from events.admin_messages import EventMessageAdmin  # noqa: F401 (registers the admin)
from events.admin_notices import NOTIFY_FIELDSET, noticing_admin_save, notify_registrants_field
from events.admin_questionnaires import CertificateAdmin, QuestionnaireAdmin  # noqa: F401 (registers the admins)
from events.admin_questions import RegistrationQuestionInline
from events.admin_registrations import EventRegistrationsExportMixin, RegistrationChangesMixin
from events.admin_subscriptions import DigestAdmin, SubscriberAdmin  # noqa: F401 (registers the admins)
from events.models import (
    ActivityForeword,
    Event,
    Material,
    NewsArticle,
    NewsAttachment,
    Page,
    PublicationStatus,
    Registration,
    Speaker,
)
from events.models.events import validate_time_zone


class NewsAttachmentInline(admin.TabularInline):
    model = NewsAttachment
    extra = 0
    formfield_overrides = PORTAL_FILE_FIELDS


@admin.register(NewsArticle)
class NewsArticleAdmin(HistoryAdmin):
    list_display = ["__str__", "category", "status", "publish_at"]
    list_filter = ["status", "category", ("countries", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title_ja", "title_en", "slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["countries"]
    inlines = [NewsAttachmentInline]
    formfield_overrides = PORTAL_FILE_FIELDS
    fieldsets = [
        (None, {"fields": ["slug", "category", "status", "publish_at"]}),
        (_("Japanese"), {"fields": ["title_ja", "summary_ja", "body_ja", "image_alt_ja"]}),
        (_("English"), {"fields": ["title_en", "summary_en", "body_en", "image_alt_en"]}),
        (_("Image"), {"fields": ["image"]}),
        (_("Countries"), {"fields": ["countries"]}),
        (_("Topics"), {"fields": ["topics"]}),
    ]
    filter_horizontal = ["topics"]
    actions = ["publish_now"]

    @admin.action(description=_("Publish the selected articles now"), permissions=["change"])
    def publish_now(self, request, queryset):
        queryset.update(status=PublicationStatus.PUBLISHED, publish_at=timezone.now())

    def view_on_site(self, obj):
        # Staff see drafts and scheduled articles as a preview on the site itself.
        return obj.get_absolute_url()


@admin.register(Page)
class PageAdmin(HistoryAdmin):
    list_display = ["__str__", "slug", "order", "is_published", "version", "version_date"]
    list_editable = ["order", "is_published"]
    prepopulated_fields = {"slug": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["slug", "order", "is_published"]}),
        (_("Japanese"), {"fields": ["title_ja", "summary_ja", "body_ja"]}),
        (_("English"), {"fields": ["title_en", "summary_en", "body_en"]}),
        (_("Privacy policy and terms of use"), {"fields": [("version", "version_date")]}),
    ]


@admin.register(ActivityForeword)
class ActivityForewordAdmin(HistoryAdmin):
    """The foreword at the top of a fiscal year's activity report; the figures below it come from the data."""

    list_display = ["__str__", "updated_at"]
    fieldsets = [
        (None, {"fields": ["fiscal_year"]}),
        (_("Japanese"), {"fields": ["text_ja"]}),
        (_("English"), {"fields": ["text_en"]}),
    ]


@admin.register(NewsAttachment)
class NewsAttachmentAdmin(HistoryAdmin):
    """The history of an article's attachments, which staff edit on the article's page."""

    list_display = ["__str__", "article", "order"]
    list_select_related = ["article"]
    search_fields = ["title_ja", "title_en", "article__title_ja", "article__title_en"]
    autocomplete_fields = ["article"]


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0
    formfield_overrides = PORTAL_FILE_FIELDS


EVENT_FIELDSETS = [
    (None, {"fields": ["slug", "kind", "status", "audience", "format"]}),
    (_("When"), {"fields": ["starts_at", "ends_at", "time_zone"]}),
    (
        _("Where"),
        {
            "fields": [
                "venue_name_ja",
                "venue_name_en",
                "venue_address_ja",
                "venue_address_en",
                "map_url",
                "online_url",
            ]
        },
    ),
    (_("Japanese"), {"fields": ["title_ja", "summary_ja", "description_ja", "programme_ja"]}),
    (_("English"), {"fields": ["title_en", "summary_en", "description_en", "programme_en"]}),
    (
        _("Registration"),
        {"fields": ["takes_registrations", "capacity", "registration_opens_at", "registration_closes_at"]},
    ),
    (_("Organisers"), {"fields": ["co_organisers"]}),
    (_("Countries"), {"fields": ["countries"]}),
    (_("Topics"), {"fields": ["topics"]}),
    (_("After the event"), {"fields": ["attendance", "online_attendance", "report_ja", "report_en"]}),
    NOTIFY_FIELDSET,
]


class EventAdminForm(forms.ModelForm):
    """Staff type times as they read on the venue's clock; they are stored in the event's own time zone.

    Django reads a typed time in the site's zone (Tokyo), so the form shows the
    stored times in the event's zone and re-reads what is typed in that zone.
    """

    local_time_fields = ["starts_at", "ends_at"]
    notify_registrants = notify_registrants_field()

    class Meta:
        model = Event
        fields = [name for _title, options in EVENT_FIELDSETS for name in options["fields"]]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in self.local_time_fields:
                value = getattr(self.instance, name)
                self.initial[name] = timezone.make_naive(value, self.instance.zone)
        for name in self.local_time_fields:
            self.fields[name].help_text = _("Local time at the venue, in the event's time zone.")

    def clean_time_zone(self):
        validate_time_zone(self.cleaned_data["time_zone"])
        return self.cleaned_data["time_zone"]

    def clean(self):
        cleaned = super().clean()
        if "time_zone" in self.errors:
            return cleaned
        zone = Event(time_zone=cleaned.get("time_zone") or "Asia/Tokyo").zone
        for name in self.local_time_fields:
            value = cleaned.get(name)
            if value is not None:
                wall_clock = timezone.make_naive(value, timezone.get_current_timezone())
                cleaned[name] = timezone.make_aware(wall_clock, zone)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return cleaned


@admin.register(Event)
class EventAdmin(EventRegistrationsExportMixin, HistoryAdmin):
    form = EventAdminForm
    list_display = ["__str__", "kind", "starts_at", "status", "audience", "capacity"]
    list_filter = ["status", "kind", "audience", "format", ("countries", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title_ja", "title_en", "slug"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["co_organisers", "countries"]
    filter_horizontal = ["topics"]
    inlines = [SpeakerInline, MaterialInline, RegistrationQuestionInline]
    fieldsets = EVENT_FIELDSETS

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    def get_fieldsets(self, request, obj=None):
        # A new event has no one to tell yet.
        return self.fieldsets if obj else [fieldset for fieldset in self.fieldsets if fieldset != NOTIFY_FIELDSET]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            with noticing_admin_save(self, request, obj, form, change):
                super().save_model(request, obj, form, change)
            if change and "capacity" in form.changed_data:
                # A larger hall: the waiting list moves up at once.
                event = Event.objects.select_for_update().get(pk=obj.pk)
                registrations.fill_places(event, base_url=request.build_absolute_uri("/").rstrip("/"))


@admin.register(Speaker)
class SpeakerAdmin(HistoryAdmin):
    """The history of an event's speakers, which staff edit on the event's page."""

    list_display = ["__str__", "event", "order"]
    list_select_related = ["event"]
    search_fields = ["name_ja", "name_en", "event__title_ja", "event__title_en"]
    autocomplete_fields = ["event"]


@admin.register(Material)
class MaterialAdmin(HistoryAdmin):
    """The history of an event's materials, which staff edit on the event's page."""

    list_display = ["__str__", "kind", "event", "order"]
    list_select_related = ["event"]
    list_filter = ["kind"]
    search_fields = ["title_ja", "title_en", "event__title_ja", "event__title_en"]
    autocomplete_fields = ["event"]


@admin.register(Registration)
class RegistrationAdmin(RegistrationChangesMixin, HistoryAdmin):
    list_display = ["name", "email", "affiliation", "event", "status", "language", "created_at"]
    list_filter = ["status", "language", ("event", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "email", "affiliation", "event__title_ja", "event__title_en"]
    list_select_related = ["event"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "promoted_at", "cancelled_at", "reminder_sent_at"]
    actions = ["export_csv", "renew_manage_links"]

    @admin.action(description=_("Revoke the registrants' links sent so far"), permissions=["change"])
    def renew_manage_links(self, request, queryset):
        renewed = list(queryset)
        for registration in renewed:
            registration.renew_manage_key()
        Registration.objects.bulk_update(renewed, ["manage_key"])
        self.message_user(
            request,
            ngettext(
                "The link sent to %(count)d registrant no longer works; their next e-mail carries a new one.",
                "The links sent to %(count)d registrants no longer work; their next e-mails carry new ones.",
                len(renewed),
            )
            % {"count": len(renewed)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Export the selected registrations with their answers as CSV (attendee list)"),
        permissions=["view"],
    )
    def export_csv(self, request, queryset):
        return registration_export.csv_response(request, queryset)
