"""Members' saved searches of the database, and what their e-mail alerts have already reported.

A saved search is a list page's search (experts, projects or sites): its parameters as the page reads
them, checked and normalised when saved (``search.saved``). What it matched when it was last checked is
kept as ids (``search.watch``): the alert that follows lists what matches then and did not before.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import MD5, Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SavedSearch(models.Model):
    class Kind(models.TextChoices):
        EXPERTS = "experts", _("Experts")
        PROJECTS = "projects", _("Cooperation projects")
        SITES = "sites", _("Heritage sites")

    class Alerts(models.TextChoices):
        NONE = "none", _("No e-mail alerts")
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="saved_searches",
        verbose_name=pgettext_lazy("saved search's owner", "member"),
    )
    kind = models.CharField(_("records searched"), max_length=16, choices=Kind.choices)
    name = models.CharField(pgettext_lazy("saved search", "name"), max_length=200)
    params = models.JSONField(
        _("search"),
        help_text=_("The list page's parameters (words, filters and order), checked and normalised when saved."),
    )
    alerts = models.CharField(_("e-mail alerts"), max_length=8, choices=Alerts.choices, default=Alerts.NONE)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    seen_ids = ArrayField(
        models.BigIntegerField(),
        default=list,
        blank=True,
        editable=False,
        verbose_name=_("matches already seen"),
        help_text=_("The ids the search matched when it was last checked, newest first (at most 5,000)."),
    )
    seen_from_id = models.BigIntegerField(
        _("seen from id"),
        default=0,
        editable=False,
        help_text=_("When more matched than are kept, the smallest id kept: older records were not recorded."),
    )
    seen_at = models.DateTimeField(_("last checked"), default=timezone.now)
    next_alert_at = models.DateTimeField(_("next alert due"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last alert e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["created_at", "pk"]
        indexes = [
            # The alert command's question: which searches with alerts are due now (send_search_alerts).
            models.Index(
                fields=["next_alert_at"], name="saved_search_due_idx", condition=Q(next_alert_at__isnull=False)
            ),
        ]
        constraints = [
            # A member saves a search once; the parameters may be long, so their digest is compared.
            models.UniqueConstraint(
                F("user"), F("kind"), MD5(Cast("params", models.TextField())), name="saved_search_once_per_member"
            ),
            # A search with alerts has its next one scheduled; one without has none.
            models.CheckConstraint(
                condition=Q(alerts="none", next_alert_at__isnull=True)
                | (~Q(alerts="none") & Q(next_alert_at__isnull=False)),
                name="saved_search_alerts_scheduled",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The list page that runs the search again, in the current language."""
        from search.saved import search_url

        return search_url(self.kind, self.params)

    @property
    def alerts_on(self):
        return self.alerts != self.Alerts.NONE
