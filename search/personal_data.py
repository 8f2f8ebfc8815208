"""A member's saved searches as a section of their data (``members.personal_data``).

Closing the account deletes them: they are the member's own and the consortium needs nothing of them. The
account itself is kept without personal data (``members.closing``), so its foreign key's cascade never
happens; the deletion here is what stops their alerts (``search.alerts`` also re-reads a search it has
claimed before e-mailing, so that a run under way writes to nobody whose account closed meanwhile).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.personal_data import section
from search.models import SavedSearch


def _close(closing):
    SavedSearch.objects.filter(user=closing.user).delete()


@section(
    "saved_searches",
    _("Saved searches"),
    order=75,
    close=_close,
    fields=[
        ("name", pgettext_lazy("saved search", "Name")),
        ("kind", _("Records")),
        ("address", _("Address")),
        ("alerts", _("E-mail alerts")),
        ("created_at", _("Saved")),
        ("last_sent_at", _("Last alert e-mailed")),
    ],
)
def saved_searches(user):
    return [
        {
            "name": saved.name,
            "kind": saved.get_kind_display(),
            "address": settings.PORTAL_URL + saved.get_absolute_url(),
            "alerts": saved.get_alerts_display(),
            "created_at": saved.created_at,
            "last_sent_at": saved.last_sent_at,
        }
        for saved in SavedSearch.objects.filter(user=user).order_by("created_at", "pk")
    ]
