"""The exports a person made (``DataExport``) as a section of their data (``members.personal_data``).

Closing the account leaves them as they are, the account's address included: they are the consortium's
record of who took which data from the database, kept for the period the privacy policy states
(``members.retention`` deletes older ones).
"""

from django.utils.translation import gettext_lazy as _

from consortium.models import DataExport
from members.personal_data import section


@section(
    "data_exports",
    _("Exports you made"),
    order=80,
    fields=[
        ("created_at", _("When")),
        ("kind", _("Records")),
        ("format", _("Format")),
        ("search", _("Search")),
        ("rows", _("Rows")),
        ("truncated", _("Cut at the limit")),
    ],
)
def data_exports(user):
    return [
        {
            "created_at": export.created_at,
            "kind": export.get_kind_display(),
            "format": export.get_format_display(),
            "search": export.query_string,
            "rows": export.row_count,
            "truncated": export.truncated,
        }
        for export in DataExport.objects.filter(user=user).order_by("created_at", "pk")
    ]
