"""The admin of the members' e-mail news: write, preview, queue for sending."""

from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consortium.queued_mail_admin import QueuedMailAdmin
from members import newsletter
from members.models import NewsDelivery, NewsIssue


class NewsDeliveryInline(admin.TabularInline):
    model = NewsDelivery
    fields = ["email", "language", "status", "sent_at", "error"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = _("failed deliveries")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=NewsDelivery.Status.FAILED)


@admin.register(NewsIssue)
class NewsIssueAdmin(QueuedMailAdmin):
    list_display = [
        "__str__",
        "addressees",
        "status",
        "created_at",
        "queued_at",
        "finished_at",
        "sent_count",
        "failed_count",
    ]
    list_filter = ["status"]
    search_fields = ["subject_ja", "subject_en"]
    filter_horizontal = ["committees"]
    readonly_fields = [
        "reach",
        "status",
        "created_by",
        "created_at",
        "queued_at",
        "finished_at",
        "sent_count",
        "failed_count",
    ]
    fieldsets = [
        (_("Japanese"), {"fields": ["subject_ja", "body_ja"]}),
        (_("English"), {"fields": ["subject_en", "body_en"]}),
        (_("Recipients"), {"fields": ["committees", "reach"]}),
        (
            _("Sending"),
            {
                "fields": [
                    "status",
                    "created_by",
                    "created_at",
                    "queued_at",
                    "finished_at",
                    "sent_count",
                    "failed_count",
                ]
            },
        ),
    ]
    inlines = [NewsDeliveryInline]
    change_form_template = "admin/members/newsissue/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("committees")

    @admin.display(description=_("addressed to"))
    def addressees(self, issue):
        return newsletter.committee_names(issue) or pgettext_lazy("addressed to", "all members")

    @admin.display(description=_("would reach now"))
    def reach(self, issue):
        """How many people a draft would reach if it were sent now, per language, with its committees as saved."""
        if issue.pk is None:
            return _("Counted once the issue is saved.")
        if issue.status != NewsIssue.Status.DRAFT:
            return _("Counted when it is sent: see the figures under “Sending”.")
        return self.reach_per_language(newsletter.recipient_counts(issue))

    def preview_view(self, request, object_id):
        """The issue as a recipient reads it, in each language, with the headers."""
        issue = get_object_or_404(NewsIssue, pk=object_id)
        if not self.has_view_permission(request, issue):
            return redirect("admin:index")
        recipient_counts = newsletter.recipient_counts(issue)
        previews = []
        for code, name in settings.LANGUAGES:
            message = newsletter.render_message(issue, request.user, code)
            previews.append({"language": name, "code": code, "message": message})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview: %(issue)s") % {"issue": issue},
            "opts": self.model._meta,
            "issue": issue,
            "previews": previews,
            "addressees": newsletter.committee_names(issue),
            "recipient_counts": recipient_counts,
            "recipient_count": sum(count for _code, _name, count in recipient_counts),
        }
        return TemplateResponse(request, "admin/members/newsissue/preview.html", context)

    def send_view(self, request, object_id):
        """Queue the issue (POST from the preview page); ``send_news`` sends it."""
        issue = get_object_or_404(NewsIssue, pk=object_id)
        if request.method != "POST" or not super().has_change_permission(request, issue):
            return redirect(reverse("admin:members_newsissue_preview", args=[issue.pk]))
        if newsletter.queue(issue):
            self.message_user(
                request, _("The issue is queued and will be sent within a few minutes."), messages.SUCCESS
            )
        else:
            self.message_user(request, _("This issue has already been queued or sent."), messages.WARNING)
        return redirect(reverse("admin:members_newsissue_change", args=[issue.pk]))
