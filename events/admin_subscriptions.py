"""Subscribers and their digests in the admin: looked up, corrected or deleted on a subscriber's request,
never added by hand (a public address is added only by its owner's confirmation)."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.models import Digest, DigestEntry, Subscriber, Subscription


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    extra = 0
    fields = ["region", "country", "committee", "topic", "event_kind", "confirmed_at", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).described()


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["address", "user", "language", "confirmed_count", "digested_until", "created_at"]
    list_filter = ["language", ("user", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["email", "user__email"]
    fields = ["user", "email", "language", "digested_until", "created_at"]
    readonly_fields = ["user", "email", "digested_until", "created_at"]
    inlines = [SubscriptionInline]
    actions = ["renew_links"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(confirmed=Count("subscriptions", filter=Q(subscriptions__confirmed_at__isnull=False)))
        )

    @admin.display(description=_("e-mail address"), ordering="email")
    def address(self, subscriber):
        return subscriber.address

    @admin.display(description=_("confirmed subscriptions"), ordering="confirmed")
    def confirmed_count(self, subscriber):
        return subscriber.confirmed

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the manage and unsubscribe links sent so far"), permissions=["change"])
    def renew_links(self, request, queryset):
        subscribers = list(queryset)
        for subscriber in subscribers:
            subscriber.renew_key()
        Subscriber.objects.bulk_update(subscribers, ["key"])
        self.message_user(
            request,
            ngettext(
                "The links sent to %(count)d subscriber no longer work; the next digest carries new ones.",
                "The links sent to %(count)d subscribers no longer work; the next digest carries new ones.",
                len(subscribers),
            )
            % {"count": len(subscribers)},
            messages.SUCCESS,
        )


class DigestEntryInline(admin.TabularInline):
    model = DigestEntry
    fields = ["announcement"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("announcement__article", "announcement__event")


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    """What each digest told of, and whether it went: a record the sending command writes."""

    list_display = ["subscriber", "status", "language", "claimed_at", "sent_at"]
    list_filter = ["status", "language"]
    list_select_related = ["subscriber__user"]
    search_fields = ["subscriber__email", "subscriber__user__email"]
    date_hierarchy = "claimed_at"
    fields = ["subscriber", "status", "language", "claimed_at", "sent_at", "error"]
    readonly_fields = fields
    inlines = [DigestEntryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
